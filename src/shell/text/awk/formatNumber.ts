/** A double's exact value as digits / 10^scale (every binary fraction has a finite decimal form). */
function exactDecimal(n: number): { digits: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(n));
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let e: number;
  if (exponent === 0) e = -1074;
  else {
    mantissa |= 1n << 52n;
    e = exponent - 1075;
  }
  if (e >= 0) return { digits: mantissa << BigInt(e), scale: 0 };
  return { digits: mantissa * 5n ** BigInt(-e), scale: -e };
}

/** digits / 10^drop, rounded half to even, as C's printf rounds the exact value. */
function roundDrop(digits: bigint, drop: number): bigint {
  if (drop <= 0) return digits * 10n ** BigInt(-drop);
  const divisor = 10n ** BigInt(drop);
  const q = digits / divisor;
  const r = digits % divisor;
  const twice = r * 2n;
  if (twice > divisor || (twice === divisor && q % 2n === 1n)) return q + 1n;
  return q;
}

/** C's %.Nf of a finite number. */
export function fixed(n: number, precision: number): string {
  const { digits, scale } = exactDecimal(n);
  const rounded = roundDrop(digits, scale - precision).toString().padStart(precision + 1, '0');
  const int = rounded.slice(0, rounded.length - precision);
  const frac = rounded.slice(rounded.length - precision);
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return `${sign}${int}${precision > 0 ? `.${frac}` : ''}`;
}

/** The significant digits and decimal exponent of a finite number, rounded to `significant` digits. */
function scientificParts(n: number, significant: number): { mantissa: string; exponent: number } {
  if (n === 0) return { mantissa: '0'.repeat(significant), exponent: 0 };
  const { digits, scale } = exactDecimal(n);
  const length = digits.toString().length;
  let exponent = length - 1 - scale;
  let rounded = roundDrop(digits, length - significant).toString();
  if (rounded.length > significant) {
    rounded = rounded.slice(0, significant);
    exponent++;
  }
  return { mantissa: rounded, exponent };
}

/** C's %.Ne of a finite number. */
export function scientific(n: number, precision: number): string {
  const { mantissa, exponent } = scientificParts(n, precision + 1);
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  const body = precision > 0 ? `${mantissa[0]}.${mantissa.slice(1)}` : mantissa;
  return `${sign}${body}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** C's %.Ng of a finite number (`alt`: the # flag keeps trailing zeros). */
export function general(n: number, precision: number, alt: boolean): string {
  const p = precision === 0 ? 1 : precision;
  const { exponent } = scientificParts(n, p);
  let s: string;
  if (exponent < -4 || exponent >= p) {
    s = scientific(n, p - 1);
    if (!alt) s = s.replace(/\.?0+e/, 'e');
  } else {
    s = fixed(n, p - 1 - exponent);
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}

/** An integral double as all its digits (awk prints integral values as integers, however large). */
export function integerDigits(n: number): string {
  return BigInt(n).toString();
}

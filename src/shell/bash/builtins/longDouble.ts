/**
 * Numbers as bash's printf reads and prints them for %f %e %g on x86-64: `strtold` parses the
 * argument into an x87 long double (a 64-bit significand), and glibc prints its exact value, rounded
 * half to even at the precision asked for. See bash builtins/printf.def: `floatmax_t` is
 * `long double` and `getfloatmax` calls `strtold`. So `%.20f` of 0.1 is 0.10000000000000000000,
 * where a JavaScript double would give 0.10000000000000000555.
 */

/** A long double. A finite one is `significand × 2^exponent`. */
export type LongDouble =
  | { kind: 'finite'; negative: boolean; significand: bigint; exponent: number }
  | { kind: 'infinity' | 'nan'; negative: boolean };

/** What `strtold` makes of an argument. */
export interface ReadNumber {
  value: LongDouble;
  /** Characters used, as strtold's end pointer: 0 when there is no number at all. */
  length: number;
  /** strtold's ERANGE: the value overflowed to infinity or lost precision below the normal range. */
  outOfRange: boolean;
}

const SIGNIFICAND_BITS = 64n;
/** Exponent of the last significand bit of the smallest subnormal, 2^-16445. */
const MIN_EXPONENT = -16445;
/** Largest exponent of a finite value: significands stay below 2^64, values below 2^16384. */
const MAX_EXPONENT = 16384 - 64;
/** Significant digits kept from a longer argument; one more, non-zero, stands for the rest when rounding. */
const MAX_DIGITS = 6000;
/** More significant digits than any long double has exactly (a subnormal has under 12,000). */
const EXACT_DIGITS = 20_000;

const zero = (negative: boolean): LongDouble => ({ kind: 'finite', negative, significand: 0n, exponent: 0 });

/** Parses the start of `text` as glibc's strtold does: blanks, sign, decimal or hex, inf, infinity, nan. */
export function readLongDouble(text: string): ReadNumber {
  const lead = /^[ \t\n\v\f\r]*([+-]?)/.exec(text)!;
  const negative = lead[1] === '-';
  const rest = text.slice(lead[0].length);
  const named = /^(?:inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?)/i.exec(rest);
  if (named) {
    const kind = /^i/i.test(named[0]) ? 'infinity' : 'nan';
    return { value: { kind, negative }, length: lead[0].length + named[0].length, outOfRange: false };
  }
  const hex = /^0[xX](?=\.?[0-9a-fA-F])([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?/.exec(rest);
  if (hex) {
    const [all, whole = '', fraction = '', exponent = '0'] = hex;
    const scaled = fromHex(whole + fraction, Number(exponent) - 4 * fraction.length, negative);
    return { ...scaled, length: lead[0].length + all.length };
  }
  const decimal = /^(?=\.?\d)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?/.exec(rest);
  if (!decimal) return { value: zero(false), length: 0, outOfRange: false };
  const [all, whole = '', fraction = '', exponent = '0'] = decimal;
  const scaled = fromDecimal(whole + fraction, Number(exponent) - fraction.length, negative);
  return { ...scaled, length: lead[0].length + all.length };
}

/** `digits × 10^scale`, rounded to a long double. */
function fromDecimal(text: string, scale: number, negative: boolean): Omit<ReadNumber, 'length'> {
  let digits = text.replace(/^0+/, '');
  if (digits === '') return { value: zero(negative), outOfRange: false };
  const significant = digits.replace(/0+$/, '');
  scale += digits.length - significant.length;
  digits = significant;
  if (digits.length > MAX_DIGITS) {
    scale += digits.length - MAX_DIGITS - 1;
    digits = `${digits.slice(0, MAX_DIGITS)}1`;
  }
  // The value lies in [10^(magnitude-1), 10^magnitude); the largest long double is about 1.19e4932
  // and the smallest subnormal about 3.65e-4951.
  const magnitude = digits.length + scale;
  if (magnitude > 4933) return { value: { kind: 'infinity', negative }, outOfRange: true };
  if (magnitude < -4950) return { value: zero(negative), outOfRange: true };
  const n = BigInt(digits);
  return scale >= 0 ? fromRatio(n * 10n ** BigInt(scale), 1n, negative) : fromRatio(n, 10n ** BigInt(-scale), negative);
}

/** `hexDigits × 2^exponent`, rounded to a long double. */
function fromHex(hexDigits: string, exponent: number, negative: boolean): Omit<ReadNumber, 'length'> {
  const n = BigInt(`0x0${hexDigits}`);
  if (n === 0n) return { value: zero(negative), outOfRange: false };
  const magnitude = bitLength(n) + exponent;
  if (magnitude > 16384) return { value: { kind: 'infinity', negative }, outOfRange: true };
  if (magnitude < MIN_EXPONENT - 1) return { value: zero(negative), outOfRange: true };
  return exponent >= 0 ? fromRatio(n << BigInt(exponent), 1n, negative) : fromRatio(n, 1n << BigInt(-exponent), negative);
}

/** `n / d` (both positive) rounded half to even to 64 significant bits, or fewer below the normal range. */
function fromRatio(n: bigint, d: bigint, negative: boolean): Omit<ReadNumber, 'length'> {
  /** `n / d` as `quotient × 2^exponent` plus a remainder over `divisor`. */
  const divide = (exponent: number) => {
    const shift = BigInt(Math.abs(exponent));
    const numerator = exponent < 0 ? n << shift : n;
    const divisor = exponent > 0 ? d << shift : d;
    const quotient = numerator / divisor;
    return { exponent, quotient, remainder: numerator - quotient * divisor, divisor };
  };
  let step = divide(Math.max(bitLength(n) - bitLength(d) - Number(SIGNIFICAND_BITS), MIN_EXPONENT));
  // The estimate is off by at most one bit either way; a subnormal keeps fewer bits.
  if (step.quotient >= 1n << SIGNIFICAND_BITS) step = divide(step.exponent + 1);
  else if (step.quotient < 1n << (SIGNIFICAND_BITS - 1n) && step.exponent > MIN_EXPONENT) step = divide(step.exponent - 1);
  let { quotient, exponent } = step;
  const twice = step.remainder * 2n;
  if (twice > step.divisor || (twice === step.divisor && (quotient & 1n) === 1n)) quotient += 1n;
  if (quotient === 1n << SIGNIFICAND_BITS) {
    quotient >>= 1n;
    exponent += 1;
  }
  if (exponent > MAX_EXPONENT) return { value: { kind: 'infinity', negative }, outOfRange: true };
  const tiny = quotient < 1n << (SIGNIFICAND_BITS - 1n);
  return {
    value: quotient === 0n ? zero(negative) : { kind: 'finite', negative, significand: quotient, exponent },
    outOfRange: tiny && step.remainder !== 0n,
  };
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** The exact value of a finite long double as `digits × 10^-scale`. */
function exactDecimal(value: { significand: bigint; exponent: number }): { digits: bigint; scale: number } {
  if (value.exponent >= 0) return { digits: value.significand << BigInt(value.exponent), scale: 0 };
  return { digits: value.significand * 5n ** BigInt(-value.exponent), scale: -value.exponent };
}

/** `n / 10^places`, rounded half to even. */
function roundOff(n: bigint, places: number): bigint {
  const unit = 10n ** BigInt(places);
  const quotient = n / unit;
  const twice = (n - quotient * unit) * 2n;
  return twice > unit || (twice === unit && (quotient & 1n) === 1n) ? quotient + 1n : quotient;
}

/**
 * Formats a long double for one of the conversions f F e E g G, without sign or padding, as glibc
 * does; `alternate` is the `#` flag (always a decimal point; %g keeps trailing zeros).
 */
export function formatLongDouble(value: LongDouble, conversion: string, precision: number, alternate: boolean): string {
  const upper = conversion === conversion.toUpperCase();
  if (value.kind !== 'finite') {
    const name = value.kind === 'nan' ? 'nan' : 'inf';
    return upper ? name.toUpperCase() : name;
  }
  const lower = conversion.toLowerCase();
  let body: string;
  if (lower === 'f') body = fixed(value, precision, alternate);
  else if (lower === 'e') body = scientific(value, precision, alternate).text;
  else body = general(value, precision, alternate);
  return upper ? body.toUpperCase() : body;
}

function fixed(value: { significand: bigint; exponent: number }, precision: number, alternate: boolean): string {
  const { digits, scale } = exactDecimal(value);
  const text = (precision >= scale ? `${digits}${'0'.repeat(precision - scale)}` : String(roundOff(digits, scale - precision))).padStart(
    precision + 1,
    '0',
  );
  const whole = text.slice(0, text.length - precision);
  return precision > 0 || alternate ? `${whole}.${text.slice(text.length - precision)}` : whole;
}

function scientific(value: { significand: bigint; exponent: number }, precision: number, alternate: boolean): { text: string; exponent: number } {
  let mantissa = '0'.repeat(precision + 1);
  let exponent = 0;
  if (value.significand !== 0n) {
    const { digits, scale } = exactDecimal(value);
    mantissa = String(digits);
    exponent = mantissa.length - 1 - scale;
    if (mantissa.length > precision + 1) {
      mantissa = String(roundOff(digits, mantissa.length - precision - 1));
      // Rounding 9.99… up makes one more digit: 10.0…
      if (mantissa.length > precision + 1) {
        mantissa = mantissa.slice(0, precision + 1);
        exponent += 1;
      }
    } else mantissa += '0'.repeat(precision + 1 - mantissa.length);
  }
  const point = precision > 0 || alternate ? `.${mantissa.slice(1)}` : '';
  const sign = exponent < 0 ? '-' : '+';
  return { text: `${mantissa[0]}${point}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`, exponent };
}

/** %g: %e or %f by the exponent the value has at this many significant digits (C99 7.19.6.1). */
function general(value: { significand: bigint; exponent: number }, precision: number, alternate: boolean): string {
  // Past its exact digits a value only gains zeros, which %g drops again.
  const significant = precision === 0 ? 1 : alternate ? precision : Math.min(precision, EXACT_DIGITS);
  const asScientific = scientific(value, significant - 1, alternate);
  const x = asScientific.exponent;
  const text = significant > x && x >= -4 ? fixed(value, significant - 1 - x, alternate) : asScientific.text;
  if (alternate) return text;
  const [mantissa = '', exponent] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

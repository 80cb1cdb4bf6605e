/**
 * Go's `strconv.FormatFloat(f, 'g', -1, 64)`, which is also what `fmt.Print` does with a float64:
 * the shortest digits that round-trip, in %e form when the exponent is below -4 or at least 6
 * ("1e+06", "1.5e-05"), with at least two exponent digits.
 */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';

  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument yields the shortest round-trip digits, like Go's shortest mode.
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);

  if (exponent < -4 || exponent >= 6) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${digits.slice(0, 1)}${fraction}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fracPart = digits.slice(exponent + 1);
  return `${sign}${intPart}${fracPart ? `.${fracPart}` : ''}`;
}

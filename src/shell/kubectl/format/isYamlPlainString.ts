/**
 * Whether go-yaml v2 may write `text` unquoted as far as types go (encode.go `stringv`): true when
 * resolve.go would read it back as a string and it is no YAML 1.1 base-60 float. `"80"`, `"true"`,
 * `"yes"`, `"null"`, `"1e3"`, `"0x1F"` and timestamps such as `"2026-11-28T08:33:00Z"` are not.
 * Whether indicators such as `*` or `: ` force quotes is the emitter's business, not this one's.
 */
export function isYamlPlainString(text: string): boolean {
  return resolvesToString(text) && !isBase60Float(text);
}

/** resolve.go `resolveMap`: words that read back as booleans, null, infinities and NaN (and `<<`). */
const specialWords = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '<<',
]);

/** resolve.go `yamlStyleFloat`. */
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** An integer literal that Go's strconv.ParseInt/ParseUint (base 0) or big.Int accept. */
const goIntLiteral = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** A port of resolve.go `resolve("", text)` that only answers "is the tag !!str?". */
function resolvesToString(text: string): boolean {
  const first = text[0];
  // resolveTable: only these first characters can start a non-string; others skip resolution.
  const hint = first === undefined ? 'N' : /[+-]/.test(first) ? 'S' : /[0-9]/.test(first) ? 'D' : 'yYnNtTfFoO~'.includes(first) ? 'M' : first === '.' ? '.' : '';
  if (hint === '') return true;
  if (specialWords.has(text)) return false;
  if (hint === '.') return !isGoFloat(text);
  if (hint === 'D' || hint === 'S') {
    if (isYamlTimestamp(text)) return false;
    const plain = text.replace(/_/g, '');
    if (isInteger(plain)) return false;
    if (yamlStyleFloat.test(plain) && Number.isFinite(Number(plain))) return false;
  }
  return true;
}

/**
 * ParseInt(plain, 0, 64), then ParseUint, then big.Int when ParseUint failed on range only.
 * A signed literal beyond int64 fails all three (ParseUint refuses signs), so it stays a string
 * unless it also reads as a float.
 */
function isInteger(plain: string): boolean {
  const match = goIntLiteral.exec(plain);
  if (!match) return false;
  const sign = match[1] ?? '';
  if (sign === '') return true;
  const magnitude = parseBigInt(match[2] ?? '0');
  const value = sign === '-' ? -magnitude : magnitude;
  return value >= -(2n ** 63n) && value < 2n ** 63n;
}

function parseBigInt(literal: string): bigint {
  if (/^0[0-7]+$/.test(literal)) return BigInt(`0o${literal.slice(1)}`);
  return BigInt(literal.toLowerCase());
}

/** ParseFloat of text starting with '.': only plain decimals parse (no underscores, no hex). */
function isGoFloat(text: string): boolean {
  return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) && Number.isFinite(Number(text));
}

/** go-yaml's isBase60Float: such strings are quoted for YAML 1.1 parsers' sake. */
function isBase60Float(text: string): boolean {
  if (!/^[-+0-9]/.test(text) || !text.includes(':')) return false;
  return base60Float.test(text);
}

/**
 * resolve.go `parseTimestamp`: time.Parse with "2006-1-2T15:4:5.999999999Z07:00" (also with a
 * lower-case t), "2006-1-2 15:4:5.999999999" or "2006-1-2", fields in range.
 */
function isYamlTimestamp(text: string): boolean {
  const match =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-](\d{2}):(\d{2})))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?))?$/.exec(
      text,
    );
  if (!match) return false;
  const [, year, month, day, h1, m1, s1, zoneH, zoneM, h2, m2, s2] = match.map((part) => (part === undefined ? undefined : Number(part)));
  if (year === undefined || month === undefined || day === undefined) return false;
  if (month < 1 || month > 12) return false;
  if (day < 1 || day > daysIn(month, year)) return false;
  const hour = h1 ?? h2;
  const minute = m1 ?? m2;
  const second = s1 ?? s2;
  if (hour !== undefined && hour >= 24) return false;
  if (minute !== undefined && minute >= 60) return false;
  if (second !== undefined && second >= 60) return false;
  // Go accepts offsets up to 24:60.
  if (zoneH !== undefined && zoneH > 24) return false;
  if (zoneM !== undefined && zoneM > 60) return false;
  return true;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

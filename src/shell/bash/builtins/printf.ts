import { decodeEscape } from '../decodeEscape.ts';
import { limits } from '../limits.ts';
import type { Builtin } from './builtin.ts';
import { formatLongDouble, readLongDouble } from './longDouble.ts';

/**
 * `printf [-v var] FORMAT [arg …]`: %s %b %c %d %i %u %o %x %X %e %E %f %F %g %G %q with flags, width
 * and precision; the format is reused while arguments remain, as in bash (builtins/printf.def).
 */
export const printf: Builtin = (ctx, host) => {
  let args = ctx.argv.slice(1);
  let target: string | undefined;
  if (args[0] === '-v') {
    target = args[1] ?? '';
    args = args.slice(2);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(target)) {
      ctx.stderr(`bash: printf: \`${target}': not a valid identifier\n`);
      return 2;
    }
  }
  if (args[0] === '--') args = args.slice(1);
  const format = args[0];
  if (format === undefined) {
    ctx.stderr('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  const state: FormatState = { args: args.slice(1), next: 0, status: 0, stop: false, errors: [], out: [], size: 0 };
  do {
    const before = state.next;
    formatOnce(format, state);
    if (state.stop || state.next === before) break;
  } while (state.next < state.args.length);
  // Bash writes errors as it goes but flushes its buffered stdout at the end.
  for (const error of state.errors) ctx.stderr(error);
  const out = state.out.join('');
  if (target !== undefined) host.vars.set(target, out);
  else ctx.stdout(out);
  return state.status;
};

interface FormatState {
  args: string[];
  next: number;
  status: number;
  /** Set by `\c` in a %b argument or a bad conversion: nothing more is printed. */
  stop: boolean;
  errors: string[];
  out: string[];
  size: number;
}

/** Bash hands widths and precisions to C's printf, which takes them as an `int`. */
const INT_MAX = 2 ** 31 - 1;
/** `%`, flags, width, precision, C length modifiers (ignored, as bash does) and the conversion. */
const SPEC = /%([-+ 0#]*)(\*|\d*)(?:\.(\*|-?\d*))?[hjlLtz]*([a-zA-Z]?)/y;

function formatOnce(format: string, state: FormatState): void {
  let literal = '';
  for (let i = 0; i < format.length && !state.stop; ) {
    const c = format[i]!;
    if (c === '\\') {
      const { text, length } = decodeEscape(format, i);
      literal += text;
      i += length;
      continue;
    }
    if (c !== '%') {
      literal += c;
      i += 1;
      continue;
    }
    if (format[i + 1] === '%') {
      literal += '%';
      i += 2;
      continue;
    }
    emit(state, literal);
    literal = '';
    if (state.stop) break;
    SPEC.lastIndex = i;
    const spec = SPEC.exec(format)!;
    if (spec[4] === '') {
      fail(state, i + spec[0].length >= format.length ? `\`${format.slice(i)}': missing format character` : `\`${format[i + spec[0].length]}': invalid format character`);
      break;
    }
    i += spec[0].length;
    const conversion = spec[4]!;
    let flags = spec[1] ?? '';
    let width = spec[2] === '*' ? starArg(state) : Number(spec[2] || 0);
    if (width < 0) {
      // A negative `*` width means left-justified.
      flags += '-';
      width = -width;
    }
    const precisionText = spec[3];
    const star = precisionText === '*' ? starArg(state) : undefined;
    // A negative precision counts as none.
    const precision = star !== undefined ? (star < 0 ? undefined : star) : precisionText === undefined || precisionText.startsWith('-') ? undefined : Number(precisionText || 0);
    emit(state, convert(conversion, flags, width, precision, state));
  }
  emit(state, literal);
}

/** Adds output, unless it would pass the limit on what one command may produce. */
function emit(state: FormatState, text: string): void {
  if (text === '') return;
  if (state.size + text.length > limits.maxBuffer) {
    tooLong(state);
    return;
  }
  state.out.push(text);
  state.size += text.length;
}

function fail(state: FormatState, message: string): void {
  state.errors.push(`bash: printf: ${message}\n`);
  state.status = 1;
  state.stop = true;
}

/**
 * Bash would print on (a width of a billion prints a billion spaces); the simulated shell stops
 * where the buffer limit for a pipe, substitution or word (`limits.maxBuffer`) would be passed.
 */
function tooLong(state: FormatState): void {
  fail(state, `output too long: more than ${limits.maxBuffer} characters`);
}

function takeArg(state: FormatState): string | undefined {
  const arg = state.args[state.next];
  state.next += 1;
  return arg;
}

/** A `*` width or precision: bash's `getint` clamps it to an int, warning (about the argument after it). */
function starArg(state: FormatState): number {
  const value = integerArg(state, false);
  const limit = BigInt(INT_MAX);
  if (value <= limit && value >= -limit - 1n) return Number(value);
  // printf.def `getint` reports the range error after its argument pointer has moved on, so it
  // names the next argument, and says nothing (keeping the value's low 32 bits) when there is none.
  const following = state.args[state.next];
  if (following === undefined) return Number(BigInt.asIntN(32, value));
  state.errors.push(`bash: printf: warning: ${following}: Numerical result out of range\n`);
  return value > 0n ? INT_MAX : -INT_MAX - 1;
}

/** An integer argument as bash reads it: strtoimax (strtoumax when `unsigned`) with base prefixes, or 'c's code. */
function integerArg(state: FormatState, unsigned: boolean): bigint {
  const arg = takeArg(state);
  if (arg === undefined) return 0n;
  if (arg[0] === "'" || arg[0] === '"') return BigInt(arg.codePointAt(1) ?? 0);
  const match = /^[ \t\n\v\f\r]*([+-]?)(?:0[xX]([0-9a-fA-F]+)|(0[0-7]*)|([1-9]\d*))?/.exec(arg)!;
  const [used, sign, hex, octal, decimal] = match;
  let magnitude = hex !== undefined ? BigInt(`0x${hex}`) : octal !== undefined ? BigInt(`0o0${octal}`) : decimal !== undefined ? BigInt(decimal) : 0n;
  const converted = hex !== undefined || octal !== undefined || decimal !== undefined;
  if (!converted ? arg !== '' : used.length < arg.length) invalidNumber(state, arg);
  const max = unsigned ? 2n ** 64n - 1n : 2n ** 63n - (sign === '-' ? 0n : 1n);
  if (magnitude > max) {
    state.errors.push(`bash: printf: warning: ${arg}: Numerical result out of range\n`);
    magnitude = max;
    return sign === '-' && !unsigned ? -magnitude : unsigned ? max : magnitude;
  }
  return sign === '-' ? -magnitude : magnitude;
}

/** Bash's `sh_invalidnum`: the message depends on how the text starts. */
function invalidNumber(state: FormatState, arg: string): void {
  const kind = /^0\d/.test(arg) ? 'invalid octal number' : arg.startsWith('0x') ? 'invalid hex number' : 'invalid number';
  state.errors.push(`bash: printf: ${arg}: ${kind}\n`);
  state.status = 1;
}

function floatArg(state: FormatState): ReturnType<typeof readLongDouble>['value'] {
  const arg = takeArg(state);
  if (arg === undefined) return readLongDouble('0').value;
  if (arg[0] === "'" || arg[0] === '"') return readLongDouble(String(arg.codePointAt(1) ?? 0)).value;
  const { value, length, outOfRange } = readLongDouble(arg);
  if (length < arg.length) invalidNumber(state, arg);
  else if (outOfRange) state.errors.push(`bash: printf: warning: ${arg}: Numerical result out of range\n`);
  return value;
}

function convert(conversion: string, flags: string, width: number, precision: number | undefined, state: FormatState): string {
  const numeric = 'diouxXeEfFgG'.includes(conversion);
  if (!'sbcqdiouxXeEfFgG'.includes(conversion)) {
    fail(state, `\`${conversion}': invalid format character`);
    return '';
  }
  // C's printf refuses a width or precision past INT_MAX and prints nothing for the conversion;
  // bash's own %b and %q clamp to INT_MAX instead.
  const viaC = conversion !== 'b' && conversion !== 'q';
  if (viaC && (width > INT_MAX || (precision ?? 0) > INT_MAX)) {
    takeArg(state);
    return '';
  }
  const significant = 'gG'.includes(conversion) && !flags.includes('#') ? 0 : (precision ?? 0);
  if (Math.min(width, INT_MAX) > limits.maxBuffer || (numeric && significant > limits.maxBuffer)) {
    tooLong(state);
    return '';
  }
  const pad = (body: string, zeroes: boolean) => {
    if (body.length >= width) return body;
    if (flags.includes('-')) return body.padEnd(width);
    if (zeroes && flags.includes('0')) {
      const sign = /^[+ -]|^0[xX]/.exec(body)?.[0] ?? '';
      return sign + body.slice(sign.length).padStart(width - sign.length, '0');
    }
    return body.padStart(width);
  };
  const sign = (negative: boolean) => (negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '');
  switch (conversion) {
    case 's': {
      const arg = takeArg(state) ?? '';
      return pad(precision === undefined ? arg : arg.slice(0, precision), false);
    }
    case 'b': {
      const arg = takeArg(state) ?? '';
      let text = '';
      for (let i = 0; i < arg.length; ) {
        if (arg[i] === '\\' && arg[i + 1] === 'c') {
          state.stop = true;
          break;
        }
        if (arg[i] === '\\') {
          const { text: decoded, length } = decodeEscape(arg, i, true);
          text += decoded;
          i += length;
        } else {
          text += arg[i];
          i += 1;
        }
      }
      return pad(precision === undefined ? text : text.slice(0, precision), false);
    }
    case 'c':
      // An empty or missing argument prints a NUL byte, as C's %c of '\0' does.
      return pad((takeArg(state) ?? '')[0] ?? '\0', false);
    case 'q': {
      const text = quote(takeArg(state) ?? '');
      return pad(precision === undefined ? text : text.slice(0, precision), false);
    }
    case 'd':
    case 'i': {
      const value = integerArg(state, false);
      let digits = (value < 0n ? -value : value).toString();
      if (precision !== undefined) digits = precision === 0 && value === 0n ? '' : digits.padStart(precision, '0');
      return pad(sign(value < 0n) + digits, precision === undefined);
    }
    case 'u':
    case 'o':
    case 'x':
    case 'X': {
      const value = BigInt.asUintN(64, integerArg(state, true));
      const radix = conversion === 'u' ? 10 : conversion === 'o' ? 8 : 16;
      let digits = value.toString(radix);
      if (conversion === 'X') digits = digits.toUpperCase();
      if (precision !== undefined) digits = precision === 0 && value === 0n ? '' : digits.padStart(precision, '0');
      if (flags.includes('#') && conversion === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
      if (flags.includes('#') && value !== 0n && (conversion === 'x' || conversion === 'X')) digits = (conversion === 'x' ? '0x' : '0X') + digits;
      return pad(digits, precision === undefined);
    }
    default: {
      const value = floatArg(state);
      const body = formatLongDouble(value, conversion, precision ?? 6, flags.includes('#'));
      return pad(sign(value.negative) + body, value.kind === 'finite');
    }
  }
}

/** `%q`: quoted so that bash would read it back as the same word. */
function quote(text: string): string {
  if (text === '') return "''";
  return text.replace(/[^A-Za-z0-9_./:=@%^,+-]/g, (c) => (c === '\n' ? "$'\\n'" : `\\${c}`));
}

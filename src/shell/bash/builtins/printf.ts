import { decodeEscape } from '../decodeEscape.ts';
import type { Builtin } from './builtin.ts';

/**
 * `printf [-v var] FORMAT [arg …]`: %s %b %c %d %i %u %o %x %X %e %f %g %q with flags, width and
 * precision; the format is reused while arguments remain, as in bash.
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
  const state: FormatState = { args: args.slice(1), next: 0, status: 0, stop: false, errors: [] };
  let out = '';
  do {
    const before = state.next;
    out += formatOnce(format, state);
    if (state.stop || state.next === before) break;
  } while (state.next < state.args.length);
  for (const error of state.errors) ctx.stderr(error);
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
}

function formatOnce(format: string, state: FormatState): string {
  let out = '';
  for (let i = 0; i < format.length && !state.stop; ) {
    const c = format[i]!;
    if (c === '\\') {
      const { text, length } = decodeEscape(format, i);
      out += text;
      i += length;
      continue;
    }
    if (c !== '%') {
      out += c;
      i += 1;
      continue;
    }
    if (format[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    const spec = /^%([-+ 0#]*)(\*|\d*)(?:\.(\*|\d*))?([a-zA-Z]?)/.exec(format.slice(i, i + 64));
    if (!spec || spec[4] === '') {
      state.errors.push(`bash: printf: \`${format[i + 1] ?? '%'}': invalid format character\n`);
      state.status = 1;
      state.stop = true;
      break;
    }
    i += spec[0].length;
    const flags = spec[1] ?? '';
    const width = spec[2] === '*' ? Number(integerArg(state)) : Number(spec[2] || 0);
    const precisionText = spec[3] === '*' ? String(integerArg(state)) : spec[3];
    const precision = precisionText === undefined ? undefined : Number(precisionText || 0);
    out += convert(spec[4]!, flags, width, precision, state);
  }
  return out;
}

function takeArg(state: FormatState): string {
  const arg = state.args[state.next];
  state.next += 1;
  return arg ?? '';
}

function integerArg(state: FormatState): bigint {
  const arg = takeArg(state);
  const text = arg.trim();
  if (text === '') return 0n;
  if (/^['"]/.test(text)) return BigInt(text.codePointAt(1) ?? 0);
  const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(text);
  if (!match) {
    state.errors.push(`bash: printf: ${arg}: invalid number\n`);
    state.status = 1;
    const digits = /^[+-]?\d+/.exec(text);
    return digits ? BigInt(digits[0]) : 0n;
  }
  const body = match[2]!;
  const magnitude = /^0[xX]/.test(body) ? BigInt(body) : body.length > 1 && body.startsWith('0') ? BigInt(`0o${body.slice(1)}`) : BigInt(body);
  return BigInt.asIntN(64, match[1] === '-' ? -magnitude : magnitude);
}

function floatArg(state: FormatState): number {
  const arg = takeArg(state);
  if (arg.trim() === '') return 0;
  const value = Number(arg);
  if (Number.isNaN(value)) {
    state.errors.push(`bash: printf: ${arg}: invalid number\n`);
    state.status = 1;
    return 0;
  }
  return value;
}

function convert(conversion: string, flags: string, width: number, precision: number | undefined, state: FormatState): string {
  const pad = (body: string, numeric: boolean) => {
    if (body.length >= width) return body;
    if (flags.includes('-')) return body.padEnd(width);
    if (numeric && flags.includes('0') && precision === undefined) {
      const sign = /^[+ -]/.test(body) ? body[0]! : '';
      return sign + body.slice(sign.length).padStart(width - sign.length, '0');
    }
    return body.padStart(width);
  };
  const sign = (negative: boolean) => (negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '');
  switch (conversion) {
    case 's': {
      const arg = takeArg(state);
      return pad(precision === undefined ? arg : arg.slice(0, precision), false);
    }
    case 'b': {
      const arg = takeArg(state);
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
      return pad(text, false);
    }
    case 'c':
      return pad(takeArg(state).slice(0, 1), false);
    case 'q':
      return pad(quote(takeArg(state)), false);
    case 'd':
    case 'i': {
      const value = integerArg(state);
      let digits = (value < 0n ? -value : value).toString();
      if (precision !== undefined) digits = digits.padStart(precision, '0');
      return pad(sign(value < 0n) + digits, true);
    }
    case 'u':
    case 'o':
    case 'x':
    case 'X': {
      const value = BigInt.asUintN(64, integerArg(state));
      const radix = conversion === 'u' ? 10 : conversion === 'o' ? 8 : 16;
      let digits = value.toString(radix);
      if (conversion === 'X') digits = digits.toUpperCase();
      if (precision !== undefined) digits = digits.padStart(precision, '0');
      if (flags.includes('#') && value !== 0n) digits = (conversion === 'o' ? '0' : conversion === 'x' ? '0x' : conversion === 'X' ? '0X' : '') + digits;
      return pad(digits, true);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      const value = floatArg(state);
      const p = precision ?? 6;
      const magnitude = Math.abs(value);
      let body: string;
      if (!Number.isFinite(value)) body = Number.isNaN(value) ? 'nan' : 'inf';
      else if (conversion === 'f' || conversion === 'F') body = magnitude.toFixed(p);
      else if (conversion === 'e' || conversion === 'E') body = cExponent(magnitude.toExponential(p));
      else {
        const exponent = magnitude === 0 ? 0 : Math.floor(Math.log10(magnitude));
        const significant = Math.max(p, 1);
        body = exponent < -4 || exponent >= significant
          ? cExponent(magnitude.toExponential(significant - 1).replace(/\.?0+e/, 'e'))
          : magnitude.toFixed(Math.max(0, significant - 1 - exponent)).replace(/\.?0+$/, '');
      }
      if (conversion === 'E' || conversion === 'G' || conversion === 'F') body = body.toUpperCase();
      return pad(sign(value < 0 || Object.is(value, -0)) + body, true);
    }
    default:
      state.errors.push(`bash: printf: \`${conversion}': invalid format character\n`);
      state.status = 1;
      state.stop = true;
      return '';
  }
}

/** C writes exponents with a sign and at least two digits: 1.5e+00. */
function cExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** `%q`: quoted so that bash would read it back as the same word. */
function quote(text: string): string {
  if (text === '') return "''";
  return text.replace(/[^A-Za-z0-9_./:=@%^,+-]/g, (c) => (c === '\n' ? "$'\\n'" : `\\${c}`));
}

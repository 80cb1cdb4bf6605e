import { type Json, type JsonObject, isObject, sortedKeys } from './jqValue.ts';

/** jq 1.7's limit on input nesting (src/jv_parse.c, MAX_PARSING_DEPTH). */
const MAX_PARSING_DEPTH = 256;

/** One value of an input stream, or the parse error that ended it, with jq's `<stdin>:N` line number. */
export type InputItem = { value: Json; line: number } | { error: string; line: number };

/**
 * Splits a text into its JSON values the way jq 1.7's parser does (src/jv_parse.c): values may
 * follow each other with or without whitespace, and the first syntax error ends the stream with
 * jq's message (`Unfinished JSON term at EOF at line 2, column 0`). `line` is what jq prints as
 * `<stdin>:N`: it reads its input a line at a time, so a value counts the line it ends on as read.
 */
export function parseJsonStream(text: string): InputItem[] {
  const items: InputItem[] = [];
  const newlineAt: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlineAt.push(i);
  /** Lines jq has read once it has seen the character at `pos` (it reads whole lines). */
  const linesRead = (pos: number): number => {
    let lo = 0;
    let hi = newlineAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlineAt[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo < newlineAt.length ? lo + 1 : lo;
  };
  const stack: { container: Json[] | JsonObject; key: string | undefined }[] = [];
  let next: { v: Json } | undefined;
  let token = '';
  let line = 1;
  let column = 0;
  const fail = (msg: string, pos: number): InputItem[] => {
    items.push({ error: `${msg} at line ${line}, column ${column}`, line: linesRead(pos) });
    return items;
  };
  const setValue = (v: Json): string | undefined => {
    if (next) return 'Expected separator between values';
    next = { v };
    return undefined;
  };
  const checkLiteral = (): string | undefined => {
    if (token === '') return undefined;
    let v: Json;
    if (token[0] === 't' || token[0] === 'f' || (token[0] === 'n' && token[1] === 'u')) {
      const literal = token[0] === 't' ? 'true' : token[0] === 'f' ? 'false' : 'null';
      if (token !== literal) return 'Invalid literal';
      v = literal === 'true' ? true : literal === 'false' ? false : null;
    } else if (token === 'nan') {
      v = null;
    } else {
      if (!/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(token)) return 'Invalid numeric literal';
      v = Number(token);
    }
    token = '';
    return setValue(v);
  };
  const done = (pos: number): void => {
    if (stack.length === 0 && next) {
      items.push({ value: next.v, line: linesRead(pos) });
      next = undefined;
    }
  };
  const structure = (ch: string): string | undefined => {
    const top = stack[stack.length - 1];
    switch (ch) {
      case '[':
      case '{':
        if (stack.length >= MAX_PARSING_DEPTH) return 'Exceeds depth limit for parsing';
        if (next) return 'Expected separator between values';
        stack.push({ container: ch === '[' ? [] : {}, key: undefined });
        return undefined;
      case ':':
        if (!next) return "Expected string key before ':'";
        if (!top || Array.isArray(top.container) || top.key !== undefined) return "':' not as part of an object";
        if (typeof next.v !== 'string') return 'Object keys must be strings';
        top.key = next.v;
        next = undefined;
        return undefined;
      case ',':
        if (!next) return "Expected value before ','";
        if (!top) return "',' not as part of an object or array";
        if (Array.isArray(top.container)) top.container.push(next.v);
        else if (top.key !== undefined) {
          top.container[top.key] = next.v;
          top.key = undefined;
        } else return 'Objects must consist of key:value pairs';
        next = undefined;
        return undefined;
      case ']':
        if (!top || !Array.isArray(top.container)) return "Unmatched ']'";
        if (next) top.container.push(next.v);
        else if (top.container.length !== 0) return 'Expected another array element';
        stack.pop();
        next = { v: top.container };
        return undefined;
      default: {
        if (!top) return "Unmatched '}'";
        if (next) {
          if (top.key === undefined) return 'Objects must consist of key:value pairs';
          (top.container as JsonObject)[top.key] = next.v;
          top.key = undefined;
        } else {
          if (Array.isArray(top.container) || top.key !== undefined) return "Unmatched '}'";
          if (Object.keys(top.container).length !== 0) return 'Expected another key-value pair';
        }
        stack.pop();
        next = { v: top.container };
        return undefined;
      }
    }
  };
  let i = 0;
  if (text.startsWith('\ufeff')) i = 1;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    column++;
    if (ch === '\n') {
      line++;
      column = 0;
    }
    if (ch === '"') {
      const msg = checkLiteral();
      if (msg) return fail(msg, i);
      done(i);
      // A string runs to the next unescaped quote.
      let j = i + 1;
      let raw = '';
      for (; j < text.length; j++) {
        const c = text[j]!;
        if (c === '\n') {
          line++;
          column = 0;
        } else column++;
        if (c === '\\') {
          raw += c;
          if (j + 1 < text.length) {
            j++;
            raw += text[j];
            if (text[j] === '\n') {
              line++;
              column = 0;
            } else column++;
          }
          continue;
        }
        if (c === '"') break;
        raw += c;
      }
      if (j >= text.length) {
        items.push({ error: `Unfinished string at EOF at line ${line}, column ${column}`, line: linesRead(text.length) });
        return items;
      }
      const decoded = decodeString(raw);
      if (typeof decoded !== 'string') return fail(decoded.error, j);
      const msg2 = setValue(decoded);
      if (msg2) return fail(msg2, j);
      done(j);
      i = j;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n' || ch === '[' || ch === ',' || ch === ']' || ch === '{' || ch === ':' || ch === '}') {
      const msg = checkLiteral();
      if (msg) return fail(msg, i);
      done(i);
      if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== '\n') {
        const msg2 = structure(ch);
        if (msg2) return fail(msg2, i);
        done(i);
      }
      continue;
    }
    token += ch;
  }
  const msg = checkLiteral();
  if (msg) {
    items.push({ error: `${msg} at EOF at line ${line}, column ${column}`, line: linesRead(text.length) });
    return items;
  }
  if (stack.length > 0) {
    items.push({ error: `Unfinished JSON term at EOF at line ${line}, column ${column}`, line: linesRead(text.length) });
    return items;
  }
  done(text.length);
  return items;
}

function decodeString(raw: string): string | { error: string } {
  let plain = !raw.includes('\\');
  for (let i = 0; plain && i < raw.length; i++) plain = raw.charCodeAt(i) > 0x1f;
  if (plain) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      if (c <= '\u001f') return { error: 'Invalid string: control characters from U+0000 through U+001F must be escaped' };
      out += c;
      continue;
    }
    i++;
    if (i >= raw.length) return { error: 'Expected escape character at end of string' };
    const e = raw[i]!;
    const simple: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', b: '\b', f: '\f', t: '\t', n: '\n', r: '\r' };
    if (simple[e] !== undefined) {
      out += simple[e];
      continue;
    }
    if (e !== 'u') return { error: 'Invalid escape' };
    const hex = raw.slice(i + 1, i + 5);
    if (hex.length < 4) return { error: 'Invalid \\uXXXX escape' };
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { error: 'Invalid characters in \\uXXXX escape' };
    let code = parseInt(hex, 16);
    i += 4;
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = raw.slice(i + 1, i + 7);
      const lowCode = /^\\u[0-9a-fA-F]{4}$/.test(low) ? parseInt(low.slice(2), 16) : -1;
      if (lowCode < 0xdc00 || lowCode > 0xdfff) return { error: 'Invalid \\uXXXX\\uXXXX surrogate pair escape' };
      code = 0x10000 + (((code - 0xd800) << 10) | (lowCode - 0xdc00));
      i += 6;
    } else if (code >= 0xdc00 && code <= 0xdfff) code = 0xfffd;
    out += String.fromCodePoint(code);
  }
  return out;
}

/** How `jq` prints values: indent (0 for `-c`), tabs, sorted keys, colours. */
export interface DumpOptions {
  indent: number;
  tab: boolean;
  sortKeys: boolean;
  color: boolean;
}

/** jq 1.7.1's default colours (src/jv_print.c def_colors): null, false, true, number, string, array, object, key. */
const COLORS = { null: '0;90', false: '0;39', true: '0;39', number: '0;39', string: '0;32', array: '1;39', object: '1;39', key: '1;34' } as const;
/** jq prints `<skipped: too deep>` past this depth (src/jv_print.c MAX_PRINT_DEPTH). */
const MAX_PRINT_DEPTH = 10000;

/**
 * jq's number format for computed values (src/jv_dtoa.c jvp_dtoa_fmt): the shortest digits that
 * round-trip, in exponent form (`1e+16`, `1.5e-05`) when the exponent is far from the digits.
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'null';
  if (!Number.isFinite(n)) return n > 0 ? '1.7976931348623157e+308' : '-1.7976931348623157e+308';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa = '', exp = '0'] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const decpt = Number(exp) + 1;
  const sign = n < 0 ? '-' : '';
  if (decpt <= -4 || decpt > digits.length + 15) {
    const e = decpt - 1;
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${body}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** A JSON string literal as jq writes it: control characters and DEL as \u00XX, the rest as is. */
export function quoteString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x7f) continue;
    out += s.slice(start, i);
    start = i + 1;
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else out += `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return `${out + s.slice(start)}"`;
}

/**
 * Prints a value as jq does (src/jv_print.c jv_dump_term, colours included). It works from its own
 * stack of pieces to print, so any depth prints without deep recursion.
 */
export function dumpJson(value: Json, options: DumpOptions): string {
  const out: string[] = [];
  const pretty = options.indent > 0 || options.tab;
  const unit = options.tab ? '\t' : ' '.repeat(options.indent);
  const esc = (code: string) => (options.color ? `\u001b[${code}m` : '');
  const reset = options.color ? '\u001b[0m' : '';
  type Work = string | { v: Json; indent: number };
  const work: Work[] = [{ v: value, indent: 0 }];
  while (work.length > 0) {
    const item = work.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const { v, indent } = item;
    const kind = v === null ? 'null' : v === true ? 'true' : v === false ? 'false' : Array.isArray(v) ? 'array' : (typeof v as 'number' | 'string' | 'object');
    const color = esc(COLORS[kind]);
    out.push(color);
    if (indent > MAX_PRINT_DEPTH) {
      out.push('<skipped: too deep>', reset);
      continue;
    }
    if (typeof v === 'number') out.push(formatNumber(v));
    else if (typeof v === 'string') out.push(quoteString(v));
    else if (v === null || typeof v === 'boolean') out.push(String(v));
    const inner = pretty ? `\n${unit.repeat(indent + 1)}` : '';
    const outer = pretty ? `\n${unit.repeat(indent)}` : '';
    const pieces: Work[] = [];
    if (Array.isArray(v)) {
      if (v.length === 0) out.push('[]');
      else {
        pieces.push(`[${inner}`);
        v.forEach((element, i) => {
          if (i > 0) pieces.push(`,${inner}`);
          pieces.push({ v: element, indent: indent + 1 }, color);
        });
        pieces.push(`${outer}${color}]`);
      }
    } else if (isObject(v)) {
      const keys = options.sortKeys ? sortedKeys(v) : Object.keys(v);
      if (keys.length === 0) out.push('{}');
      else {
        pieces.push(`{${inner}`);
        keys.forEach((key, i) => {
          if (i > 0) pieces.push(`,${inner}`);
          pieces.push(`${reset}${esc(COLORS.key)}${quoteString(key)}${reset}${color}:${pretty ? ' ' : ''}${reset}`);
          pieces.push({ v: v[key]!, indent: indent + 1 }, color);
        });
        pieces.push(`${outer}${color}}`);
      }
    }
    for (let i = pieces.length - 1; i >= 0; i--) work.push(pieces[i]!);
    // The closing reset comes after the pieces, so it goes under them on the stack.
    if (options.color) work.splice(work.length - pieces.length, 0, reset);
  }
  return out.join('');
}

/** `tojson`/`tostring` form: compact, keys in their order. */
export function toJsonText(v: Json): string {
  if (typeof v === 'string') return quoteString(v);
  if (typeof v === 'number') return formatNumber(v);
  if (v === null || typeof v === 'boolean') return String(v);
  return dumpJson(v, { indent: 0, tab: false, sortKeys: false, color: false });
}

/** `fromjson` and `--argjson`: exactly one JSON value, or jq's error text. */
export function parseOneJson(text: string): { value: Json } | { error: string } {
  const items = parseJsonStream(text);
  const first = items[0];
  if (!first) return { error: 'Expected JSON value' };
  if ('error' in first) return { error: first.error };
  if (items.length > 1) {
    const second = items[1]!;
    return { error: 'error' in second ? second.error : 'Unexpected extra JSON values' };
  }
  return { value: first.value };
}

export { isObject };

/**
 * Go's `strconv.Quote` (what `%q` and `%#v` print for a string): double quotes, printable Unicode
 * kept, `\a \b \f \n \r \t \v` short escapes, `\x` for other ASCII controls, `\u`/`\U` otherwise.
 */
export function quoteGoString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (isGoPrintable(ch)) out += ch;
    else if (shortEscapes[ch] !== undefined) out += shortEscapes[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

const shortEscapes: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isGoPrintable(ch: string): boolean {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch);
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** Escape sequences shared by `$'…'` and `echo -e`. */
const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  '\\': '\\', "'": "'", '"': '"', '?': '?',
};

/** Decodes one backslash escape as `$'…'` and `echo -e` do; returns the text and characters used. */
export function decodeEscape(src: string, at: number, echoStyle = false): { text: string; length: number } {
  const c = src[at + 1];
  if (c === undefined) return { text: '\\', length: 1 };
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined && !(echoStyle && (c === "'" || c === '"' || c === '?'))) return { text: simple, length: 2 };
  const hex = (max: number, from: number) => {
    let end = from;
    while (end < from + max && /[0-9a-fA-F]/.test(src[end] ?? '')) end += 1;
    return { digits: src.slice(from, end), end };
  };
  if (c === 'x' || c === 'u' || c === 'U') {
    const { digits, end } = hex(c === 'x' ? 2 : c === 'u' ? 4 : 8, at + 2);
    if (digits === '') return { text: `\\${c}`, length: 2 };
    const code = Number.parseInt(digits, 16);
    const text = code <= 0x10ffff ? String.fromCodePoint(code) : '';
    return { text, length: end - at };
  }
  // echo -e writes octal as \0nnn; $'…' as \nnn.
  const octalStart = echoStyle ? (c === '0' ? at + 2 : -1) : /[0-7]/.test(c) ? at + 1 : -1;
  if (octalStart >= 0) {
    let end = octalStart;
    while (end < octalStart + 3 && /[0-7]/.test(src[end] ?? '')) end += 1;
    const code = end > octalStart ? Number.parseInt(src.slice(octalStart, end), 8) & 0xff : 0;
    return { text: String.fromCharCode(code), length: end - at };
  }
  if (c === 'c' && !echoStyle && src[at + 2] !== undefined) {
    return { text: String.fromCharCode(src.charCodeAt(at + 2) & 0x1f), length: 3 };
  }
  return { text: `\\${c}`, length: 2 };
}

import { decodeEscape } from '../decodeEscape.ts';
import type { Builtin } from './builtin.ts';

/** `echo [-neE] [arg …]`: only whole words made of n, e and E count as options, as in bash. */
export const echo: Builtin = (ctx) => {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  let first = 0;
  for (; first < args.length && /^-[neE]+$/.test(args[first]!); first += 1) {
    for (const flag of args[first]!.slice(1)) {
      if (flag === 'n') newline = false;
      else escapes = flag === 'e';
    }
  }
  let text = args.slice(first).join(' ');
  if (escapes) {
    const decoded = interpretEscapes(text);
    text = decoded.text;
    if (decoded.stop) newline = false;
  }
  ctx.stdout(newline ? `${text}\n` : text);
  return 0;
};

/** `echo -e` escapes; `\c` ends the output there, newline included. */
function interpretEscapes(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const slash = text.indexOf('\\', i);
    if (slash < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, slash);
    if (text[slash + 1] === 'c') return { text: out, stop: true };
    const { text: decoded, length } = decodeEscape(text, slash, true);
    out += decoded;
    i = slash + length;
  }
  return { text: out, stop: false };
}

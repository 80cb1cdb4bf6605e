/** go-wordwrap's non-breaking space, which never breaks a line. */
const NBSP = '\u00a0';

const isSpace = (ch: string) => /\s/u.test(ch) && ch !== NBSP;

/**
 * github.com/mitchellh/go-wordwrap v1.0.1 `WrapString`, which `kubectl explain` wraps descriptions
 * with (KCTL:pkg/util/term/term_writer.go): breaks at spaces so that lines stay within `limit`
 * characters, keeps existing newlines and runs of spaces, and never breaks a word longer than the
 * limit. Lengths count code points, as Go counts runes.
 */
export function wordWrap(text: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const ch of text) {
    if (ch === '\n') {
      if (wordLen === 0) {
        if (current + spaceLen <= limit) out += space;
      } else {
        out += space + word;
      }
      space = '';
      spaceLen = 0;
      word = '';
      wordLen = 0;
      out += ch;
      current = 0;
    } else if (isSpace(ch)) {
      if (spaceLen === 0 || wordLen > 0) {
        current += spaceLen + wordLen;
        out += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > limit && wordLen < limit) {
        out += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (wordLen === 0) {
    if (current + spaceLen <= limit) out += space;
  } else {
    out += space + word;
  }
  return out;
}

/** Sprig-style `indent`: the pad before the text and after every newline in it. */
export function indent(amount: number, text: string): string {
  const pad = ' '.repeat(amount);
  return pad + text.replace(/\n/g, `\n${pad}`);
}

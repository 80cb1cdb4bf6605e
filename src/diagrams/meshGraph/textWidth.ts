/**
 * Text is not measured in the diagrams (jsdom cannot, and layout stays pure): widths are estimated
 * per character. Latin text keeps the estimates the diagrams always used; full-width characters
 * (kana, kanji, full-width forms) count about 1 em each.
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

/** How many full-width characters a text has. */
export function wideChars(text: string): number {
  return text.match(WIDE)?.length ?? 0;
}

/** A text's width in em: 0.6 em per character, 1 em per full-width character. */
export function textEms(text: string): number {
  const wide = wideChars(text);
  return (text.length - wide) * 0.6 + wide;
}

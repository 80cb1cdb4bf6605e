/**
 * Text is not measured in the diagrams (jsdom cannot, and layout stays pure): widths are estimated
 * from the advance widths of DejaVu Sans, the widest of the common UI fonts (Linux's default; the
 * system fonts of macOS and Windows are narrower), so an estimate is never short. Full-width
 * characters (kana, kanji, full-width forms) count 1 em each.
 */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

/** Advance widths of ASCII 32…126 in hundredths of an em: DejaVu Sans Book and Bold, as Chromium measures them. */
const REGULAR = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53, 100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29,
  66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, 50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63,
  59, 82, 59, 59, 52, 64, 34, 64, 84,
];
const BOLD = [
  35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 58, 100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 37,
  77, 64, 100, 84, 85, 73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 50, 50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69, 72, 72, 49, 60, 48,
  71, 65, 92, 65, 65, 58, 71, 37, 71, 84,
];
/** Other narrow characters (accented Latin, symbols): a wide Latin letter. */
const OTHER = 0.8;

/** How many full-width characters a text has. */
function wideChars(text: string): number {
  return text.match(WIDE)?.length ?? 0;
}

/** A text's estimated width in px at `size` px, in the regular or bold weight. */
export function textWidth(text: string, size: number, weight: 'regular' | 'bold' = 'regular'): number {
  const table = weight === 'bold' ? BOLD : REGULAR;
  let ems = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const advance = code >= 32 && code < 127 ? table[code - 32] : undefined;
    ems += advance !== undefined ? advance / 100 : wideChars(ch) ? 1 : OTHER;
  }
  return ems * size;
}

/**
 * Orders strings by UTF-16 code units, the same in every browser and language. Resource names are
 * ASCII, so this is also alphabetical; unlike `localeCompare` it needs no locale collator (whose
 * first use costs ~10 ms in a browser, and whose order depends on the user's language).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

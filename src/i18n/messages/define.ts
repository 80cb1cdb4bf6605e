/**
 * One area's messages, in both languages side by side. The Japanese table must have exactly the
 * English keys: TypeScript refuses a missing or extra key, and `i18n.test.ts` checks it again at
 * run time (and that no text is empty). Placeholders are `{name}`.
 */
export function defineMessages<const E extends Record<string, string>>(en: E, ja: { [K in keyof E]: string }): { en: E; ja: { [K in keyof E]: string } } {
  return { en, ja };
}

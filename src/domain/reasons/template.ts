/**
 * What a catalog is made of: a template turns a sentence's parameters into text in one language.
 * Plain values are facts (names, ports) or codes (modes, levels) the template looks up in its own
 * tables; a parameter that is a sentence itself arrives already rendered in the same language.
 */
export type TemplateParams = Readonly<Record<string, string | number>>;

/** One sentence of one language, from its parameters. */
export type Template = (p: TemplateParams) => string;

/** A parameter as text; an absent one is empty. */
export const param = (p: TemplateParams, key: string): string => String(p[key] ?? '');

/** Whether a parameter is given (a template's optional part). */
export const hasParam = (p: TemplateParams, key: string): boolean => p[key] !== undefined;

/** A code looked up in a language's table; an unknown code shows as itself. */
export function word(table: Readonly<Record<string, string>>, key: string | number | undefined): string {
  const k = String(key ?? '');
  return table[k] ?? k;
}

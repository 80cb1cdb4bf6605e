import type { Locale } from '../domain/locale.ts';
import { en, ja, type MessageKey } from './messages/index.ts';

export { detectLocale, isLocale, LOCALES, type Locale } from '../domain/locale.ts';
export const tables: Record<Locale, Record<MessageKey, string>> = { en, ja };

/** `{name}` placeholders filled from params; unknown placeholders are left as they are. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return format(tables[locale][key] ?? tables.en[key] ?? key, params);
}

/** A translate function, as `I18n.t`. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What plain helpers (row builders, diagram layout) need from an I18n: its language and `t`. */
export interface Translator {
  readonly locale: Locale;
  t: Translate;
}

/** English, for helpers called outside an app instance (unit tests, defaults). */
export const ENGLISH: Translator = { locale: 'en', t: (key, params) => translate('en', key, params) };


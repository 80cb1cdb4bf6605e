import { getContext, setContext } from 'svelte';
import { type Locale, translate } from './locale.ts';
import type { MessageKey } from './messages/index.ts';

/**
 * The current language of one app instance. It lives in a Svelte context rather than a module
 * global, so two embedded instances on one page can speak different languages.
 */
export class I18n {
  locale = $state<Locale>('en');

  constructor(locale: Locale = 'en') {
    this.locale = locale;
  }

  /** The message in the current language; reading it in a template re-renders on a switch. */
  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.locale, key, params);
}

const KEY = Symbol('i18n');
const fallback = new I18n('en');

export function provideI18n(i18n: I18n): I18n {
  setContext(KEY, i18n);
  return i18n;
}

/** The instance's I18n; English when none was provided (e.g. a component rendered alone in a test). */
export function useI18n(): I18n {
  return getContext<I18n | undefined>(KEY) ?? fallback;
}

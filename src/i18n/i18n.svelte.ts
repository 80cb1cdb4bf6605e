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

/**
 * A component context that holds `i18n`, for mounting a component with a language without a
 * provider above it: `render(Component, { props, context: i18nContext(new I18n('ja')) })`.
 */
export function i18nContext(i18n: I18n): Map<symbol, I18n> {
  // A one-off context map handed to mount(), never mutated or read reactively.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  return new Map([[KEY, i18n]]);
}

/** The instance's I18n; English when none was provided (e.g. a component rendered alone in a test). */
export function useI18n(): I18n {
  return getContext<I18n | undefined>(KEY) ?? fallback;
}

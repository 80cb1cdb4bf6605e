import { parseOptions, type AppOptions } from './options.ts';
import { getBrowserStorage } from './persist/index.ts';
import { Playground, type PlaygroundEvent } from './playground.svelte.ts';

/** The browser's preferred languages, where there is a browser. */
export function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? []);
}

/**
 * The full page's playground: options from the page's address, its hash (a shared link) and, unless
 * embedded, the browser's storage. The boot (App.svelte) and the Workspace both build it here.
 */
export function createPagePlayground(onEvent: (event: PlaygroundEvent) => void): Playground {
  const options = parseOptions(location.search);
  return new Playground(options, { search: location.search, hash: location.hash, languages: browserLanguages(), storage: options.embed ? undefined : getBrowserStorage() }, onEvent);
}

/**
 * An embedded instance's playground (a custom element, or a Workspace given options): it never
 * reads the host page's address, hash or storage.
 */
export function createEmbeddedPlayground(options: AppOptions, languages: readonly string[], onEvent: (event: PlaygroundEvent) => void): Playground {
  return new Playground(options, { search: '', hash: '', languages, storage: undefined }, onEvent);
}

/**
 * The lazily loaded part of the page, as one chunk: the workspace view and the playground it
 * shows. The boot terminal (App.svelte) imports this, builds the playground in one task and
 * mounts the Workspace in later ones, so that none of them blocks a keystroke for long.
 */
import { parseOptions } from './app/options.ts';
import { getBrowserStorage } from './app/persist/index.ts';
import { Playground, type PlaygroundEvent } from './app/playground.svelte.ts';

export { default as Workspace } from './Workspace.svelte';

/**
 * The full page's playground, set up from the page's address and storage: the one the Workspace
 * builds for itself when it is given none (keep the two alike).
 */
export function createPagePlayground(onEvent: (event: PlaygroundEvent) => void): Playground {
  const options = parseOptions(location.search);
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? []);
  return new Playground(options, { search: location.search, hash: location.hash, languages, storage: options.embed ? undefined : getBrowserStorage() }, onEvent);
}

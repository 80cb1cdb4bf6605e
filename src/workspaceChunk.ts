/**
 * The lazily loaded part of the page, as one chunk: the workspace view and the playground it
 * shows. The boot terminal (App.svelte) imports this, builds the playground in one task and
 * mounts the Workspace in later ones, so that none of them blocks a keystroke for long.
 */
export { default as Workspace } from './Workspace.svelte';
export { createPagePlayground } from './app/pagePlayground.ts';

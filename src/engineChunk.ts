/**
 * The first lazily loaded part of the page: what the terminal needs to answer (the engine, the
 * shell and the playground's state). The boot terminal (App.svelte) loads it first, so that the
 * first command is answered before the diagram and the panels (workspaceChunk.ts) have arrived.
 */
export { createPagePlayground } from './app/pagePlayground.ts';

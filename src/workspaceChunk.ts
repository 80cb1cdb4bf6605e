/**
 * The second lazily loaded part of the page: the workspace view (the diagram, the panels and the
 * terminal's component). The boot terminal (App.svelte) loads it once the engine (engineChunk.ts)
 * answers, mounts it hidden, lays it out invisibly and swaps it in.
 */
export { default as Workspace } from './Workspace.svelte';

/**
 * Lets Node (tsx, the `sim` CLI) import a file's text as Vite does with `?raw`: the built-in
 * lessons are Markdown and YAML content files that their modules import as text.
 *
 *   tsx --import ./scripts/rawImports.mjs scripts/sim.ts
 */
import { register } from 'node:module';

register('./rawImportsHooks.mjs', import.meta.url);

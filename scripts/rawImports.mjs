/**
 * Lets Node (tsx, the `sim` CLI) import a built-in lesson's document as the app's build does: a
 * lesson's `index.ts` imports `./lesson.md?lesson`, which scripts/lessonDocs.ts reads from the
 * lesson's Markdown files (see rawImportsHooks.mjs).
 *
 *   tsx --import ./scripts/rawImports.mjs scripts/sim.ts
 */
import { register } from 'node:module';

register('./rawImportsHooks.mjs', import.meta.url);

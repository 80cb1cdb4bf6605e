/**
 * A built-in lesson from its document. Each lesson folder's `lesson.md` (English, everything) and
 * `lesson.<lang>.md` (translations) are read when the app is built, by the same reader as any
 * author's scenario (docs/scenarios.md): a lesson's `index.ts` imports `./lesson.md?lesson`, which
 * scripts/lessonDocs.ts turns into that document (the Vite plugin for the app, the embed and
 * Vitest; scripts/rawImports.mjs for Node and `sim`). The page only compiles it: reading the
 * YAML and Markdown while it loads held the first answer back.
 */
import { compile, missingCustomChecks } from './scenario/compile.ts';
import type { CustomChecks } from './scenario/evaluate.ts';
import type { ScenarioDoc } from './scenario/format.ts';
import type { Lesson } from './types.ts';

/** The lesson a built-in document plays as; a `custom:` check its code does not define is a bug, and throws. */
export function lessonFromDoc(doc: ScenarioDoc, customChecks: CustomChecks = {}): Lesson {
  const missing = missingCustomChecks(doc, customChecks);
  if (missing.length > 0) throw new Error(`lesson ${doc.id}: no such custom check: ${missing.join(', ')}`);
  return compile(doc, customChecks);
}

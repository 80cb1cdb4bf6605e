/**
 * The built-in lessons are scenario files like any author's (docs/scenarios.md): `lesson.md` in
 * English with the checks, `lesson.ja.md` its Japanese translation. A lesson's `index.ts` imports
 * them as text (`?raw`: Vite in the browser and in Vitest, scripts/rawImports.mjs in Node) and
 * hands them here.
 */
import type { CustomChecks } from './scenario/evaluate.ts';
import { formatErrors, loadScenario, type ScenarioFile } from './scenario/load.ts';
import type { Lesson } from './types.ts';

/**
 * The lesson these content files describe. Built-in content is part of this program, so an invalid
 * file is a bug: it throws with the listed errors (lessons.test.ts loads every lesson).
 */
export function lessonFromContent(files: readonly ScenarioFile[], customChecks: CustomChecks = {}): Lesson {
  const loaded = loadScenario(files, { customChecks });
  if (!loaded.ok) throw new Error(`invalid lesson content:\n${formatErrors(loaded.errors)}`);
  return loaded.lesson;
}

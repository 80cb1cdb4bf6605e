/**
 * Loading a scenario: from its files' text to a `Lesson` the runner, the app and `sim` play
 * (`readScenario` then `compile`), or to a list of errors with line and field.
 */
import type { Lesson } from '../types.ts';
import { compile } from './compile.ts';
import type { CustomChecks } from './evaluate.ts';
import type { ScenarioDoc, ScenarioError } from './format.ts';
import { readScenario, type ScenarioFile } from './readScenario.ts';

export { formatErrors, SCENARIO_LANGUAGES, type ScenarioFile } from './readScenario.ts';
export { applyManifests, compile } from './compile.ts';

export interface LoadOptions {
  /** TypeScript checks an in-repo lesson may name with `custom:` (none for scenarios from elsewhere). */
  customChecks?: CustomChecks;
  /** Snippets every file may use as `{{name}}` (an in-repo library of shared manifests). */
  snippets?: Readonly<Record<string, string>>;
}

export type LoadResult = { ok: true; doc: ScenarioDoc; lesson: Lesson } | { ok: false; errors: ScenarioError[] };

/** Reads, checks and compiles a scenario given as one file or as a file plus translations. */
export function loadScenario(files: readonly ScenarioFile[], options: LoadOptions = {}): LoadResult {
  const customChecks = options.customChecks ?? {};
  const read = readScenario(files, { customChecks: new Set(Object.keys(customChecks)), ...(options.snippets ? { snippets: options.snippets } : {}) });
  return read.ok ? { ok: true, doc: read.doc, lesson: compile(read.doc, customChecks) } : read;
}

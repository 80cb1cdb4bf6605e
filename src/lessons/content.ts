/**
 * The built-in lessons are scenario files like any author's (docs/scenarios.md): `lesson.md` in
 * English with the checks, `lesson.ja.md` its Japanese translation. A lesson's `index.ts` imports
 * them as text (`?raw`: Vite in the browser and in Vitest, scripts/rawImports.mjs in Node) and
 * hands them here.
 */
import { yamlToJson } from '../domain/manifests/goYaml.ts';
import { isJsonObject } from '../domain/objects.ts';
import type { CustomChecks } from './scenario/evaluate.ts';
import { formatErrors, loadScenario, type ScenarioFile } from './scenario/load.ts';
import snippetsYaml from './snippets.yaml?raw';
import type { Lesson } from './types.ts';

let shared: Readonly<Record<string, string>> | undefined;

/** The commands several lessons use (snippets.yaml), as `{{name}}` in any lesson's files. */
export function sharedSnippets(): Readonly<Record<string, string>> {
  if (shared) return shared;
  const read = yamlToJson(snippetsYaml);
  if (!read.ok || !isJsonObject(read.value)) throw new Error(`src/lessons/snippets.yaml: ${read.ok ? 'not a mapping' : read.message}`);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(read.value)) {
    if (typeof value !== 'string') throw new Error(`src/lessons/snippets.yaml: ${name} is not text`);
    out[name] = value;
  }
  return (shared = out);
}

/**
 * The lesson these content files describe. Built-in content is part of this program, so an invalid
 * file is a bug: it throws with the listed errors (lessons.test.ts loads every lesson).
 */
export function lessonFromContent(files: readonly ScenarioFile[], customChecks: CustomChecks = {}): Lesson {
  const loaded = loadScenario(files, { customChecks, snippets: sharedSnippets() });
  if (!loaded.ok) throw new Error(`invalid lesson content:\n${formatErrors(loaded.errors)}`);
  return loaded.lesson;
}

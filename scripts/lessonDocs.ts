/**
 * The built-in lessons' documents, read when the app is built. A lesson's `index.ts` imports
 * `./lesson.md?lesson`: the lesson's `lesson.md` (English, everything) and its translations
 * (`lesson.<lang>.md` next to it), read and checked by the scenario reader every author's file goes
 * through (src/lessons/scenario/readScenario.ts), with the shared `{{name}}` snippets of
 * src/lessons/snippets.yaml. The module's default export is that document as JSON, which the page
 * only compiles (src/lessons/fromDoc.ts). An invalid lesson fails the build, with the reader's
 * `FILE:LINE: FIELD: MESSAGE` list.
 *
 * `lessonDocs()` serves these imports to Vite (the app, the embed and Vitest); Node (`sim`, tsx)
 * reads them through scripts/rawImports.mjs, which calls `readLessonDoc` when the lesson loads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { yamlToJson } from '../src/domain/manifests/goYaml.ts';
import { isJsonObject } from '../src/domain/objects.ts';
import type { ScenarioDoc } from '../src/lessons/scenario/format.ts';
import { formatErrors, readScenario } from '../src/lessons/scenario/readScenario.ts';

export const LESSON_QUERY = '?lesson';

/** The files a lesson's document is read from: `lesson.md`, then its translations in name order. */
export function lessonFiles(lessonMd: string): string[] {
  const dir = dirname(lessonMd);
  const translations = readdirSync(dir).filter((f) => /^lesson\.[a-z]{2}\.md$/.test(f)).sort();
  return [lessonMd, ...translations.map((f) => join(dir, f))];
}

/** The shared snippets file of the lessons folder a lesson is in. */
function snippetsFile(lessonMd: string): string {
  return join(dirname(dirname(lessonMd)), 'snippets.yaml');
}

function readSnippets(file: string, name: string): Record<string, string> {
  const read = yamlToJson(readFileSync(file, 'utf8'));
  if (!read.ok || !isJsonObject(read.value)) throw new Error(`${name}: ${read.ok ? 'not a mapping' : read.message}`);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(read.value)) {
    if (typeof value !== 'string') throw new Error(`${name}: ${key} is not text`);
    out[key] = value;
  }
  return out;
}

/**
 * A lesson's document from its `lesson.md` (an absolute path) and translations. File names in
 * errors are as the repository knows them (`src/lessons/01-seed-tutorial/lesson.md`). Custom
 * checks are named only here; the lesson's code checks that it defines them.
 */
export function readLessonDoc(lessonMd: string): ScenarioDoc {
  if (basename(lessonMd) !== 'lesson.md') throw new Error(`${lessonMd}: a lesson's document is read from its lesson.md`);
  const root = resolve(dirname(lessonMd), '../../..');
  const name = (file: string) => relative(root, file).split('\\').join('/');
  const snippets = readSnippets(snippetsFile(lessonMd), name(snippetsFile(lessonMd)));
  const files = lessonFiles(lessonMd).map((file) => ({ name: name(file), text: readFileSync(file, 'utf8') }));
  const read = readScenario(files, { customChecks: 'any', snippets });
  if (!read.ok) throw new Error(`invalid lesson content:\n${formatErrors(read.errors)}`);
  return read.doc;
}

const PREFIX = '\0lesson-doc:';

/** Serves `./lesson.md?lesson` imports to Vite: the document, read now, as a JSON module. */
export function lessonDocs(): Plugin {
  return {
    name: 'mtls:lesson-docs',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!source.endsWith(LESSON_QUERY) || !importer) return null;
      return `${PREFIX}${resolve(dirname(importer.split('?')[0] ?? importer), source.slice(0, -LESSON_QUERY.length))}`;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const lessonMd = id.slice(PREFIX.length);
      for (const file of [...lessonFiles(lessonMd), snippetsFile(lessonMd)]) this.addWatchFile(file);
      // JSON.parse of a string literal: faster for the browser to read than the same object as code.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(readLessonDoc(lessonMd)))});\n`;
    },
  };
}

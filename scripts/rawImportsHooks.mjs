/**
 * Module hooks (see rawImports.mjs): a built-in lesson's `./lesson.md?lesson` import gives its
 * document, read by scripts/lessonDocs.ts as the app's build reads it.
 */
import { fileURLToPath } from 'node:url';

const LESSON = '?lesson';
const LESSON_DOCS = new URL('./lessonDocs.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (!specifier.endsWith(LESSON)) return nextResolve(specifier, context);
  const resolved = new URL(specifier.slice(0, -LESSON.length), context.parentURL);
  return { url: `${resolved.href}${LESSON}`, format: 'module', shortCircuit: true };
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith(LESSON)) return nextLoad(url, context);
  const file = fileURLToPath(url.slice(0, -LESSON.length));
  return { format: 'module', source: `import { readLessonDoc } from ${JSON.stringify(LESSON_DOCS)};\nexport default readLessonDoc(${JSON.stringify(file)});\n`, shortCircuit: true };
}

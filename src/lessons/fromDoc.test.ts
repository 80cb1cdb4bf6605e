/**
 * The built-in lessons' documents are read when the app is built (scripts/lessonDocs.ts): the
 * document a lesson's `./lesson.md?lesson` import gives through the Vite plugin is exactly what the
 * scenario reader makes of the lesson's files now, JSON and all; a broken lesson fails with the
 * reader's own list of errors; and a `custom:` check its code lacks is caught when it compiles.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lessonFiles, readLessonDoc } from '../../scripts/lessonDocs.ts';
import { lessonFromDoc } from './fromDoc.ts';
import type { ScenarioDoc } from './scenario/format.ts';
import { readScenario } from './scenario/readScenario.ts';

const here = new URL('.', import.meta.url).pathname;
const imported = import.meta.glob<ScenarioDoc>('./*/lesson.md', { query: '?lesson', import: 'default', eager: true });
const folders = readdirSync(here, { withFileTypes: true }).filter((d) => d.isDirectory() && /^\d\d-/.test(d.name)).map((d) => d.name);

describe('built-in lesson documents', () => {
  it('are served for every lesson folder', () => {
    expect(folders.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(imported).sort()).toEqual(folders.map((f) => `./${f}/lesson.md`).sort());
  });

  it.each(folders)('%s: the imported document is what the reader makes of its files', (folder) => {
    const doc = imported[`./${folder}/lesson.md`];
    const md = join(here, folder, 'lesson.md');
    expect(doc).toStrictEqual(readLessonDoc(md));
    expect(doc?.id).toBe(folder);
    // English and Japanese: the translation next to it is part of the document.
    expect(lessonFiles(md).map((f) => f.slice(here.length))).toEqual([`${folder}/lesson.md`, `${folder}/lesson.ja.md`]);
    expect(doc?.languages).toEqual(['en', 'ja']);
  });
});

describe('readLessonDoc', () => {
  const root = mkdtempSync(join(tmpdir(), 'lesson-docs-'));
  const lessons = join(root, 'src', 'lessons');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (folder: string, text: string, snippets = 'hello: kubectl get ns\n') => {
    mkdirSync(join(lessons, folder), { recursive: true });
    writeFileSync(join(lessons, 'snippets.yaml'), snippets);
    writeFileSync(join(lessons, folder, 'lesson.md'), text);
    return join(lessons, folder, 'lesson.md');
  };
  const HEAD = '---\nscenario: v1\nid: demo\ntitle: Demo\n---\nA demo.\n';
  const step = (fields: string) => `${HEAD}---\nstep: one\ntitle: One\n${fields}\n---\nLook.\n`;

  it('reads a lesson with shared snippets in place', () => {
    const md = write('01-demo', step("commands: ['{{hello}}']\nsolution: '{{hello}}'\ncheck: {credentials: true}"));
    const doc = readLessonDoc(md);
    expect(doc.steps.map((s) => s.solution)).toEqual(['kubectl get ns']);
    expect(JSON.parse(JSON.stringify(doc))).toStrictEqual(doc);
  });

  it('fails with the reader’s FILE:LINE: FIELD: MESSAGE list', () => {
    const md = write('02-broken', step('comands: [kubectl get ns]\nsolution: kubectl get ns\ncheck: {credentials: true}'));
    expect(() => readLessonDoc(md)).toThrow(/src\/lessons\/02-broken\/lesson\.md:\d+: steps\[0\]\.comands: .*did you mean "commands"/);
  });

  it('fails when the shared snippets are not text', () => {
    const md = write('03-snippets', step('commands: [ls]\nsolution: ls\ncheck: {credentials: true}'), 'hello: [1, 2]\n');
    expect(() => readLessonDoc(md)).toThrow('src/lessons/snippets.yaml: hello is not text');
  });

  it('names custom checks without defining them; the lesson’s code must', () => {
    const md = write('04-custom', step('commands: [ls]\nsolution: ls\ncheck: {custom: captured}'));
    const doc = readLessonDoc(md);
    expect(() => lessonFromDoc(doc)).toThrow('lesson demo: no such custom check: captured');
    expect(lessonFromDoc(doc, { captured: () => ({ pass: true, detail: { en: 'Captured.', ja: 'キャプチャしました。' } }) }).steps).toHaveLength(1);
    // From elsewhere, the same file is refused as it is read.
    const read = readScenario([{ name: 'x.md', text: step('commands: [ls]\nsolution: ls\ncheck: {custom: captured}') }]);
    expect(read.ok ? [] : read.errors.map((e) => e.message)).toEqual([expect.stringContaining('"captured": no such check')]);
  });
});

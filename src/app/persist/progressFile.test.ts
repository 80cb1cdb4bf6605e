import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, utf8Length } from './fields.ts';
import { exportProgress, importProgress, MAX_IMPORT_BYTES, PROGRESS_FORMAT } from './progressFile.ts';
import { validateSavedState } from './savedState.ts';
import { midLessonState, progressWith, savedStateArbitrary, stateWith } from './testFixtures.ts';

const fileWith = (state: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ format: PROGRESS_FORMAT, exportedAt: '2025-06-01T00:00:00.000Z', state, ...extra });

describe('exportProgress', () => {
  it('writes pretty JSON with the format marker, named after the local date', () => {
    const { filename, text } = exportProgress(midLessonState(), new Date(2025, 5, 1, 23, 59));
    expect(filename).toBe('mtls-playground-progress-2025-06-01.json');
    expect(text).toMatch(/^\{\n {2}"format": "mtls-playground-progress",\n {2}"exportedAt": "/);
    expect(JSON.parse(text)).toMatchObject({ format: PROGRESS_FORMAT, state: midLessonState() });
  });

  it('writes compact JSON when the pretty form would be over the import limit', () => {
    // 100 lessons × 2,000 one-letter commands: within the caps, ~3 MB once indented.
    const lessons = Object.fromEntries(
      Array.from({ length: LIMITS.maxLessons }, (_, i) => [`lesson-${i}`, progressWith({ commands: Array<string>(LIMITS.maxCommands).fill('a') })]),
    );
    const state = stateWith({ lessons });
    expect(validateSavedState(state).ok).toBe(true);
    expect(JSON.stringify({ state }, null, 2).length).toBeGreaterThan(MAX_IMPORT_BYTES);
    const { text } = exportProgress(state);
    expect(utf8Length(text)).toBeLessThanOrEqual(MAX_IMPORT_BYTES);
    expect(importProgress(text)).toEqual({ ok: true, state, migrated: false });
  });
});

describe('importProgress', () => {
  it('reads back what exportProgress wrote', () => {
    expect(importProgress(exportProgress(midLessonState()).text)).toEqual({ ok: true, state: midLessonState(), migrated: false });
  });

  it('round-trips any valid state', () => {
    fc.assert(
      fc.property(savedStateArbitrary, (state) => {
        expect(importProgress(exportProgress(state).text)).toEqual({ ok: true, state, migrated: false });
      }),
    );
  });

  it('upgrades a file from an older version', () => {
    const result = importProgress(fileWith({ version: 0, lesson: '03-dr-disable', step: 1 }));
    expect(result).toEqual({
      ok: true,
      migrated: true,
      state: stateWith({ lessonId: '03-dr-disable', lessons: { '03-dr-disable': progressWith({ step: 1 }) } }),
    });
  });

  it('drops unknown fields of the file and of the state', () => {
    const result = importProgress(fileWith({ ...midLessonState(), secret: 1 }, { signature: 'x' }));
    expect(result).toEqual({ ok: true, state: midLessonState(), migrated: false });
  });

  it.each([
    ['not-json', 'this is not JSON'],
    ['not-json', ''],
    ['not-json', fileWith(midLessonState()).slice(0, -2)],
    ['wrong-format', '[]'],
    ['wrong-format', 'null'],
    ['wrong-format', '42'],
    ['wrong-format', JSON.stringify(midLessonState())],
    ['wrong-format', JSON.stringify({ format: 'something-else', state: midLessonState() })],
    ['wrong-format', JSON.stringify({ format: PROGRESS_FORMAT })],
    ['newer-version', fileWith({ v: 2 })],
    ['invalid', fileWith({ ...midLessonState(), mode: 'exam' })],
    ['invalid', fileWith('a string')],
    ['invalid', fileWith(null)],
    ['too-large', fileWith(stateWith({ sandbox: { commands: Array<string>(LIMITS.maxCommands + 1).fill('ls') } }))],
    ['too-large', ' '.repeat(MAX_IMPORT_BYTES + 1)],
  ])('refuses with %s: %#', (error, text) => {
    expect(importProgress(text)).toEqual({ ok: false, error });
  });

  it('measures the input limit in UTF-8 bytes', () => {
    const padding = 'あ'.repeat(Math.ceil(MAX_IMPORT_BYTES / 3)); // under the limit in UTF-16 units, over it in bytes
    expect(padding.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(importProgress(fileWith(midLessonState(), { note: padding }))).toEqual({ ok: false, error: 'too-large' });
  });

  it('ignores __proto__ and constructor keys in the file', () => {
    const text = `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},${fileWith(midLessonState()).slice(1)}`;
    expect(importProgress(text)).toEqual({ ok: true, state: midLessonState(), migrated: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws on any text, and what it accepts is valid', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.json(),
          fc.jsonValue().map((state) => fileWith(state)),
          fc.jsonValue().map((value) => JSON.stringify({ format: PROGRESS_FORMAT, state: { v: 1, mode: 'lesson', lessons: value, sandbox: { commands: [] } } })),
        ),
        (text) => {
          const result = importProgress(text);
          if (result.ok) expect(validateSavedState(result.state).ok).toBe(true);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSavedState } from './parseSavedState.ts';
import { validateSavedState } from './savedState.ts';
import { midLessonState, progressWith, stateWith, viaJson } from './testFixtures.ts';

describe('parseSavedState', () => {
  it('reads a current document as it is', () => {
    expect(parseSavedState(viaJson(midLessonState()))).toEqual({ ok: true, state: midLessonState(), migrated: false });
  });

  it('migrates v0 ({ version: 0, lesson, step }) to lesson mode at that lesson and step', () => {
    expect(parseSavedState({ version: 0, lesson: '01-seed-tutorial', step: 3 })).toEqual({
      ok: true,
      migrated: true,
      state: stateWith({ mode: 'lesson', lessonId: '01-seed-tutorial', lessons: { '01-seed-tutorial': progressWith({ step: 3 }) } }),
    });
  });

  it('migrates a v0 document without a step to step 0, dropping unknown v0 fields', () => {
    const result = parseSavedState({ version: 0, lesson: '02-permissive', sound: 'on' });
    expect(result.ok && result.state.lessons['02-permissive']).toEqual(progressWith({ step: 0 }));
  });

  it.each([
    ['a lesson id that is not an id', { version: 0, lesson: '../etc/passwd', step: 1 }],
    ['no lesson', { version: 0, step: 1 }],
    ['a step out of range', { version: 0, lesson: 'a', step: 100 }],
    ['a step as a string', { version: 0, lesson: 'a', step: '1' }],
  ])('refuses a v0 document with %s as invalid', (_name, document) => {
    expect(parseSavedState(document)).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('refuses a document from a newer version as newer-version, whatever its shape', () => {
    expect(parseSavedState({ v: 2, everything: 'different' })).toMatchObject({ ok: false, code: 'newer-version' });
    expect(parseSavedState({ ...stateWith(), v: 7 })).toMatchObject({ ok: false, code: 'newer-version' });
  });

  it.each([
    ['no version', { mode: 'lesson', lessons: {}, sandbox: { commands: [] } }],
    ['v 0', { ...stateWith(), v: 0 }],
    ['v as a string', { ...stateWith(), v: '1' }],
    ['v fractional', { ...stateWith(), v: 1.5 }],
    ['a legacy version other than 0', { version: 1, lesson: 'a' }],
    ['an array', [stateWith()]],
    ['null', null],
  ])('refuses %s as invalid', (_name, document) => {
    expect(parseSavedState(document)).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('never throws on any JSON value, and what it accepts is valid', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ version: fc.jsonValue(), lesson: fc.jsonValue(), step: fc.jsonValue() })), (value) => {
        const result = parseSavedState(value);
        if (result.ok) expect(validateSavedState(result.state).ok).toBe(true);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS, utf8Length } from './fields.ts';
import { createDefaultState, HISTORY_BYTES, recentHistory, validateSavedState, type SavedState } from './savedState.ts';
import { midLessonState, progressWith, savedStateArbitrary, stateWith, viaJson } from './testFixtures.ts';

const codeOf = (value: unknown): string => {
  const result = validateSavedState(value);
  return result.ok ? 'ok' : result.code;
};

/** A mid-lesson state with one field replaced, as it would arrive from JSON. */
function withField(path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const root = viaJson(midLessonState()) as Record<string | number, unknown>;
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] ?? '';
  if (value === undefined) delete node[last];
  else node[last] = value;
  return root;
}

describe('validateSavedState', () => {
  it('accepts the default state and a mid-lesson state, returning an equal copy', () => {
    for (const state of [createDefaultState(), midLessonState()]) {
      const result = validateSavedState(viaJson(state));
      expect(result).toEqual({ ok: true, value: state });
    }
  });

  it('returns a copy that shares nothing with its input', () => {
    const input = midLessonState();
    const result = validateSavedState(input);
    if (!result.ok) throw new Error(result.message);
    expect(result.value).not.toBe(input);
    expect(result.value.lessons).not.toBe(input.lessons);
    expect(result.value.sandbox.commands).not.toBe(input.sandbox.commands);
    expect(result.value.lessons['01-seed-tutorial']?.predictions[0]).not.toBe(input.lessons['01-seed-tutorial']?.predictions[0]);
  });

  it('drops unknown fields at every level', () => {
    const input = viaJson(midLessonState()) as Record<string, unknown> & { lessons: Record<string, Record<string, unknown> & { predictions: Record<string, unknown>[] }>; sandbox: Record<string, unknown> };
    input.extra = 'top';
    input.sandbox.world = { huge: true };
    const lesson = input.lessons['01-seed-tutorial'];
    if (!lesson) throw new Error('fixture');
    lesson.notes = 'x';
    (lesson.predictions[0] ?? {}).guess = ['a'];
    expect(validateSavedState(input)).toEqual({ ok: true, value: midLessonState() });
  });

  it.each<[string, (string | number)[], unknown]>([
    ['not an object', [], null],
    ['v missing', ['v'], undefined],
    ['v as a string', ['v'], '1'],
    ['mode unknown', ['mode'], 'exam'],
    ['mode missing', ['mode'], undefined],
    ['locale unknown', ['locale'], 'fr'],
    ['locale null', ['locale'], null],
    ['theme unknown', ['theme'], 'sepia'],
    ['lessonId with capitals', ['lessonId'], 'Lesson-1'],
    ['lessonId empty', ['lessonId'], ''],
    ['lessonId too long', ['lessonId'], 'a'.repeat(65)],
    ['lessons as an array', ['lessons'], []],
    ['lessons missing', ['lessons'], undefined],
    ['a lesson id with an underscore', ['lessons', 'bad_id'], progressWith()],
    ['a lesson as a string', ['lessons', '01-seed-tutorial'], 'done'],
    ['step negative', ['lessons', '01-seed-tutorial', 'step'], -1],
    ['step 100', ['lessons', '01-seed-tutorial', 'step'], 100],
    ['step fractional', ['lessons', '01-seed-tutorial', 'step'], 1.5],
    ['step as a string', ['lessons', '01-seed-tutorial', 'step'], '2'],
    ['completed as a string', ['lessons', '01-seed-tutorial', 'completed'], 'credentials'],
    ['a completed id with a space', ['lessons', '01-seed-tutorial', 'completed', 0], 'step one'],
    ['a command as a number', ['lessons', '01-seed-tutorial', 'commands', 0], 42],
    ['a prediction as an array', ['lessons', '01-seed-tutorial', 'predictions', 0], []],
    ['a prediction without a score', ['lessons', '01-seed-tutorial', 'predictions', 0, 'score'], undefined],
    ['a score as a string', ['lessons', '01-seed-tutorial', 'predictions', 0, 'score'], '1'],
    ['sandbox missing', ['sandbox'], undefined],
    ['sandbox commands as an object', ['sandbox', 'commands'], { 0: 'ls' }],
    ['a sandbox command as null', ['sandbox', 'commands', 1], null],
  ])('refuses %s as invalid', (_name, path, value) => {
    expect(codeOf(withField(path, value))).toBe('invalid');
  });

  it('refuses a sparse array (a hole would be written as null)', () => {
    const commands: string[] = [];
    commands[2] = 'ls';
    expect(codeOf(stateWith({ sandbox: { commands } }))).toBe('invalid');
  });

  it('refuses an infinite score (JSON.parse reads 1e999 as Infinity)', () => {
    const text = JSON.stringify(midLessonState()).replace('"score":0.75', '"score":1e999');
    expect(codeOf(JSON.parse(text))).toBe('invalid');
  });

  describe('caps', () => {
    it('takes 2,000 commands in a list and refuses 2,001 as too large', () => {
      expect(codeOf(stateWith({ sandbox: { commands: Array<string>(LIMITS.maxCommands).fill('ls') } }))).toBe('ok');
      expect(codeOf(stateWith({ sandbox: { commands: Array<string>(LIMITS.maxCommands + 1).fill('ls') } }))).toBe('too-large');
    });

    it('measures a command in UTF-8 bytes: 64 KB fits, one byte more does not', () => {
      expect(codeOf(stateWith({ sandbox: { commands: ['a'.repeat(LIMITS.maxCommandBytes)] } }))).toBe('ok');
      expect(codeOf(stateWith({ sandbox: { commands: ['a'.repeat(LIMITS.maxCommandBytes + 1)] } }))).toBe('too-large');
      const japanese = 'あ'.repeat(LIMITS.maxCommandBytes / 3 + 1); // 3 bytes each: just over
      expect(japanese.length).toBeLessThan(LIMITS.maxCommandBytes);
      expect(codeOf(stateWith({ sandbox: { commands: [japanese] } }))).toBe('too-large');
    });

    it('refuses a state over 1 MB in total even when every list is within its caps', () => {
      const big = 'x'.repeat(60_000);
      expect(codeOf(stateWith({ sandbox: { commands: Array<string>(17).fill(big) } }))).toBe('ok');
      expect(codeOf(stateWith({ sandbox: { commands: Array<string>(18).fill(big) } }))).toBe('too-large');
    });

    it('counts the JSON around the strings too', () => {
      // 2,000 three-letter commands in each of 100 lessons: 600 KB of strings, 1.2 MB of JSON.
      const lessons = Object.fromEntries(
        Array.from({ length: LIMITS.maxLessons }, (_, i) => [`lesson-${i}`, progressWith({ commands: Array<string>(2_000).fill('abc') })]),
      );
      expect(utf8Length(JSON.stringify(stateWith({ lessons })))).toBeGreaterThan(LIMITS.maxStateBytes);
      expect(codeOf(stateWith({ lessons }))).toBe('too-large');
    });

    it('takes 100 lessons and refuses 101', () => {
      const lessonsOf = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`lesson-${i}`, progressWith()]));
      expect(codeOf(stateWith({ lessons: lessonsOf(100) }))).toBe('ok');
      expect(codeOf(stateWith({ lessons: lessonsOf(101) }))).toBe('too-large');
    });

    it('takes 100 completed steps and predictions, and refuses 101', () => {
      const ids = (n: number) => Array.from({ length: n }, (_, i) => `step-${i}`);
      const with_ = (n: number) =>
        stateWith({ lessons: { a: progressWith({ completed: ids(n), predictions: ids(n).map((stepId) => ({ stepId, score: 1 })) }) } });
      expect(codeOf(with_(100))).toBe('ok');
      expect(codeOf(with_(101))).toBe('too-large');
    });
  });

  it('replaces lone surrogates with U+FFFD and keeps emoji', () => {
    const result = validateSavedState(stateWith({ sandbox: { commands: ['a\uD800b', 'echo 🌏', '\uDFFF'] } }));
    expect(result.ok && result.value.sandbox.commands).toEqual(['a\uFFFDb', 'echo 🌏', '\uFFFD']);
  });

  describe('prototype pollution', () => {
    it('ignores a __proto__ key at the top level and leaves Object.prototype alone', () => {
      const input: unknown = JSON.parse(`{"__proto__":{"polluted":true,"mode":"sandbox"},${JSON.stringify(stateWith()).slice(1)}`);
      const result = validateSavedState(input);
      expect(result).toEqual({ ok: true, value: stateWith() });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses __proto__ as a lesson id, and takes constructor as an ordinary own key', () => {
      const polluted: unknown = JSON.parse(`{"v":1,"mode":"lesson","sandbox":{"commands":[]},"lessons":{"__proto__":${JSON.stringify(progressWith())}}}`);
      expect(codeOf(polluted)).toBe('invalid');
      const constructor: unknown = JSON.parse(`{"v":1,"mode":"lesson","sandbox":{"commands":[]},"lessons":{"constructor":${JSON.stringify(progressWith({ step: 3 }))}}}`);
      const result = validateSavedState(constructor);
      if (!result.ok) throw new Error(result.message);
      expect(Object.hasOwn(result.value.lessons, 'constructor')).toBe(true);
      expect(result.value.lessons.constructor).toEqual(progressWith({ step: 3 }));
      expect(Object.getPrototypeOf(result.value.lessons)).toBe(Object.prototype);
    });

    it('never reads a field from the prototype chain', () => {
      const inherited = Object.create({ v: 1, mode: 'lesson', lessons: {}, sandbox: { commands: [] } }) as unknown;
      expect(codeOf(inherited)).toBe('invalid');
    });
  });

  describe('properties', () => {
    it('round-trips every valid state through JSON', () => {
      fc.assert(
        fc.property(savedStateArbitrary, (state: SavedState) => {
          expect(validateSavedState(viaJson(state))).toEqual({ ok: true, value: state });
        }),
      );
    });

    it('never throws on any JSON value, and whatever it accepts validates again unchanged', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          const result = validateSavedState(value);
          if (result.ok) expect(validateSavedState(viaJson(result.value))).toEqual(result);
        }),
      );
    });

    it('never throws on any value at all (symbols, getters-free objects, bigints)', () => {
      fc.assert(
        fc.property(fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }), (value) => {
          validateSavedState(value);
          validateSavedState({ v: 1, mode: 'lesson', lessons: value, sandbox: { commands: [] } });
          validateSavedState({ v: 1, mode: 'sandbox', lessons: {}, sandbox: { commands: value } });
        }),
      );
    });
  });
});

describe('recentHistory', () => {
  it('keeps the newest lines that fit, oldest first, and the state keeps them through validation', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `echo ${i} ${'x'.repeat(500)}`);
    const kept = recentHistory(lines);
    expect(kept.at(-1)).toBe(lines.at(-1));
    expect(kept.length).toBeLessThan(lines.length);
    expect(kept.join('\n').length).toBeLessThanOrEqual(HISTORY_BYTES);
    expect(lines.slice(lines.length - kept.length)).toEqual(kept);
    const checked = validateSavedState({ ...createDefaultState(), history: kept });
    expect(checked.ok && checked.value.history).toEqual(kept);
    expect(validateSavedState({ ...createDefaultState(), history: [1] }).ok).toBe(false);
  });
});

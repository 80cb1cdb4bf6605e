import {
  ByteBudget,
  fail,
  LIMITS,
  own,
  readArray,
  readCommands,
  readFiniteNumber,
  readId,
  readInteger,
  readLocale,
  readMode,
  readRecord,
  readTheme,
  utf8Length,
  validate,
  type Locale,
  type Mode,
  type Theme,
  type Validation,
} from './fields.ts';

export type { Locale, Mode, Theme } from './fields.ts';

/** The schema version this code writes. Older versions are migrated by `parseSavedState`. */
export const SAVED_STATE_VERSION = 1;

/**
 * What the app keeps in localStorage: preferences, lesson progress and the sandbox.
 *
 * Worlds are never stored: the simulation is deterministic, so the app rebuilds a world by
 * replaying `commands` into a fresh session.
 */
export interface SavedState {
  /** Schema version. */
  v: 1;
  locale?: Locale;
  theme?: Theme;
  mode: Mode;
  /** The current lesson when `mode` is `lesson` (absent: the app picks the first lesson). */
  lessonId?: string;
  /**
   * Progress per lesson id. A plain object: look ids up with `Object.hasOwn` first, since a
   * lesson id such as `constructor` would otherwise find `Object.prototype`'s.
   */
  lessons: Record<string, LessonProgress>;
  /** The sandbox world is rebuilt by replaying these commands. */
  sandbox: { commands: string[] };
  /** What ↑ recalls in the terminal: the newest lines of its history (see `HISTORY_BYTES`). */
  history?: string[];
}

/** How much of the terminal's history is kept, in UTF-8 bytes (the newest lines that fit). */
export const HISTORY_BYTES = 64 * 1024;

/** The newest lines of `history` that fit in `HISTORY_BYTES`, oldest first. */
export function recentHistory(history: readonly string[]): string[] {
  const kept: string[] = [];
  let bytes = 0;
  for (let i = history.length - 1; i >= 0 && kept.length < LIMITS.maxCommands; i--) {
    const line = history[i] as string;
    bytes += utf8Length(line, HISTORY_BYTES) + 1;
    if (bytes > HISTORY_BYTES) break;
    kept.push(line);
  }
  return kept.reverse();
}

export interface LessonProgress {
  /** Index of the current step, 0–99. */
  step: number;
  /** Ids of the steps whose check has passed. */
  completed: string[];
  /** Commands typed in this lesson, replayed on top of the lesson's start world. */
  commands: string[];
  /** "Predict the outcome" answers and their scores, per step id. */
  predictions: { stepId: string; score: number }[];
}

/** A fresh start: lesson mode, no progress, an empty sandbox. */
export function createDefaultState(): SavedState {
  return { v: 1, mode: 'lesson', lessons: {}, sandbox: { commands: [] } };
}

/**
 * Checks a value against the current schema, field by field, and returns a copy without unknown
 * fields. Fails with `too-large` past a cap (`LIMITS`), with `invalid` otherwise. Never throws.
 */
export function validateSavedState(value: unknown): Validation<SavedState> {
  return validate(() => readSavedState(value));
}

function readSavedState(value: unknown): SavedState {
  const record = readRecord(value, '');
  if (own(record, 'v') !== SAVED_STATE_VERSION) fail('v', `expected ${SAVED_STATE_VERSION}`);
  const budget = new ByteBudget(LIMITS.maxStateBytes);
  const state: SavedState = {
    v: 1,
    mode: readMode(own(record, 'mode'), 'mode'),
    lessons: readLessons(own(record, 'lessons'), 'lessons', budget),
    sandbox: { commands: readCommands(own(readRecord(own(record, 'sandbox'), 'sandbox'), 'commands'), 'sandbox.commands', budget) },
  };
  const locale = own(record, 'locale');
  if (locale !== undefined) state.locale = readLocale(locale, 'locale');
  const theme = own(record, 'theme');
  if (theme !== undefined) state.theme = readTheme(theme, 'theme');
  const history = own(record, 'history');
  if (history !== undefined) state.history = readCommands(history, 'history', budget);
  const lessonId = own(record, 'lessonId');
  if (lessonId !== undefined) state.lessonId = readId(lessonId, 'lessonId');
  // The budget counts strings only; the exact size includes the JSON around them.
  if (utf8Length(JSON.stringify(state), LIMITS.maxStateBytes) > LIMITS.maxStateBytes) {
    fail('', `larger than ${LIMITS.maxStateBytes} bytes as JSON`, 'too-large');
  }
  return state;
}

function readLessons(value: unknown, path: string, budget: ByteBudget): Record<string, LessonProgress> {
  const record = readRecord(value, path);
  const ids = Object.keys(record);
  if (ids.length > LIMITS.maxLessons) fail(path, `more than ${LIMITS.maxLessons} lessons`, 'too-large');
  const lessons: Record<string, LessonProgress> = {};
  for (const id of ids) {
    // The id pattern has no `_`, so `__proto__` never reaches the assignment below.
    readId(id, `${path}.${JSON.stringify(id)}`);
    lessons[id] = readLessonProgress(record[id], `${path}.${id}`, budget);
  }
  return lessons;
}

function readLessonProgress(value: unknown, path: string, budget: ByteBudget): LessonProgress {
  const record = readRecord(value, path);
  return {
    step: readInteger(own(record, 'step'), `${path}.step`, 0, LIMITS.maxSteps - 1),
    completed: readArray(own(record, 'completed'), `${path}.completed`, LIMITS.maxSteps).map((id, i) =>
      readId(id, `${path}.completed[${i}]`),
    ),
    commands: readCommands(own(record, 'commands'), `${path}.commands`, budget),
    predictions: readArray(own(record, 'predictions'), `${path}.predictions`, LIMITS.maxSteps).map((item, i) => {
      const prediction = readRecord(item, `${path}.predictions[${i}]`);
      return {
        stepId: readId(own(prediction, 'stepId'), `${path}.predictions[${i}].stepId`),
        score: readFiniteNumber(own(prediction, 'score'), `${path}.predictions[${i}].score`),
      };
    }),
  };
}

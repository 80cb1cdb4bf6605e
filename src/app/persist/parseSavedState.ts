import { fail, LIMITS, own, readId, readInteger, readRecord, validate, type ValidationCode } from './fields.ts';
import { SAVED_STATE_VERSION, validateSavedState, type SavedState } from './savedState.ts';

export type ParsedSavedState =
  | { ok: true; state: SavedState; /** True when the value was written by an older version and upgraded. */ migrated: boolean }
  | { ok: false; code: ValidationCode | 'newer-version'; /** For logs (English, not for the UI). */ message: string };

/**
 * A migration turns a document of version N into one of version N + 1. It may assume only that its
 * input is an object, and refuses what it cannot use with `fail()`; the result is validated again.
 */
type Migration = (old: Readonly<Record<string, unknown>>) => Record<string, unknown>;

const MIGRATIONS: Record<number, Migration> = {
  /**
   * v0 (hypothetical, from before lessons had per-step progress): `{ version: 0, lesson, step }`,
   * the current lesson and step only. It becomes lesson mode at that lesson, with no completed
   * steps, no commands (the learner replays from the lesson's start) and an empty sandbox.
   */
  0: (old) => {
    const lessonId = readId(own(old, 'lesson'), 'lesson');
    const step = own(old, 'step') === undefined ? 0 : readInteger(own(old, 'step'), 'step', 0, LIMITS.maxSteps - 1);
    return {
      v: 1,
      mode: 'lesson',
      lessonId,
      lessons: { [lessonId]: { step, completed: [], commands: [], predictions: [] } },
      sandbox: { commands: [] },
    };
  },
};

/**
 * Reads a parsed JSON value of any known version: migrates it to the current one, then validates it
 * strictly (`validateSavedState`). A version above the current one is refused as `newer-version`, so
 * the caller can keep it instead of overwriting what a newer app wrote. Never throws.
 */
export function parseSavedState(value: unknown): ParsedSavedState {
  const read = validate(() => {
    let document = readRecord(value, '');
    const version = readVersion(document);
    if (version > SAVED_STATE_VERSION) return { newer: true as const, document, version };
    for (let v = version; v < SAVED_STATE_VERSION; v++) {
      const migrate = MIGRATIONS[v];
      if (!migrate) fail('v', `no migration from version ${v}`);
      document = migrate(document);
    }
    return { newer: false as const, document, version };
  });
  if (!read.ok) return read;
  if (read.value.newer) {
    return { ok: false, code: 'newer-version', message: `v: version ${read.value.version} is newer than ${SAVED_STATE_VERSION}` };
  }
  const checked = validateSavedState(read.value.document);
  if (!checked.ok) return checked;
  return { ok: true, state: checked.value, migrated: read.value.version < SAVED_STATE_VERSION };
}

/** v1 and later say `v`; the hypothetical v0 said `version: 0`. */
function readVersion(document: Readonly<Record<string, unknown>>): number {
  if (Object.hasOwn(document, 'v')) return readInteger(own(document, 'v'), 'v', 1, Number.MAX_SAFE_INTEGER);
  if (Object.hasOwn(document, 'version')) return readInteger(own(document, 'version'), 'version', 0, 0);
  return fail('v', 'missing version');
}

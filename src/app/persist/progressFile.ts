import { own, utf8Length } from './fields.ts';
import { parseSavedState } from './parseSavedState.ts';
import { validateSavedState, type SavedState } from './savedState.ts';

/** The marker that tells a progress file from any other JSON file. */
export const PROGRESS_FORMAT = 'mtls-playground-progress';

/**
 * The largest file `importProgress` reads, in UTF-8 bytes. Check `file.size` against it before
 * `file.text()`, so that a huge file is never read into memory.
 */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** What the file looks like: the marker, when, and the state itself (validated on import). */
export interface ProgressFile {
  format: typeof PROGRESS_FORMAT;
  exportedAt: string;
  state: SavedState;
}

/**
 * Why an import was refused, for the UI's notice:
 * - `too-large`: over `MAX_IMPORT_BYTES`, or the progress in it is over the caps;
 * - `not-json`: not a JSON document at all;
 * - `wrong-format`: JSON, but not a progress file (no `format` marker or no `state`);
 * - `newer-version`: saved by a newer version of the app;
 * - `invalid`: a progress file whose state fails validation.
 */
export type ImportError = 'too-large' | 'not-json' | 'wrong-format' | 'newer-version' | 'invalid';

export type ImportResult =
  | { ok: true; state: SavedState; /** The file came from an older version and was upgraded. */ migrated: boolean }
  | { ok: false; error: ImportError };

/**
 * The progress as a pretty-printed JSON file named after the local date, e.g.
 * `mtls-playground-progress-2025-06-01.json`. A valid state is written as the validator returns it
 * (known fields only); pretty printing falls back to compact JSON when it would exceed the import limit.
 */
export function exportProgress(state: SavedState, now: Date = new Date()): { filename: string; text: string } {
  const checked = validateSavedState(state);
  const file: ProgressFile = { format: PROGRESS_FORMAT, exportedAt: now.toISOString(), state: checked.ok ? checked.value : state };
  const pretty = JSON.stringify(file, null, 2);
  const text = utf8Length(pretty, MAX_IMPORT_BYTES) <= MAX_IMPORT_BYTES ? pretty : JSON.stringify(file);
  const date = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
  return { filename: `${PROGRESS_FORMAT}-${date}.json`, text: `${text}\n` };
}

/**
 * Reads a file written by `exportProgress` (of this or an older version) with the same migrations
 * and validator as `localStorage`. The text is hostile input: it is size-checked before parsing,
 * and only validated fields come out. Never throws.
 */
export function importProgress(text: string): ImportResult {
  try {
    if (typeof text !== 'string') return { ok: false, error: 'not-json' };
    if (utf8Length(text, MAX_IMPORT_BYTES) > MAX_IMPORT_BYTES) return { ok: false, error: 'too-large' };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, error: 'not-json' };
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, error: 'wrong-format' };
    const file = json as Readonly<Record<string, unknown>>;
    if (own(file, 'format') !== PROGRESS_FORMAT || own(file, 'state') === undefined) return { ok: false, error: 'wrong-format' };
    const parsed = parseSavedState(own(file, 'state'));
    if (parsed.ok) return { ok: true, state: parsed.state, migrated: parsed.migrated };
    return { ok: false, error: parsed.code };
  } catch {
    return { ok: false, error: 'invalid' };
  }
}

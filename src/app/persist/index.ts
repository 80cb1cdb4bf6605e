/** Progress and sandbox state in localStorage, and as an exported file. Pure TS, no DOM beyond `Storage`. */
export { LIMITS, ID_PATTERN, type Locale, type Mode, type Theme } from './fields.ts';
export { createDefaultState, recentHistory, validateSavedState, HISTORY_BYTES, SAVED_STATE_VERSION, type LessonProgress, type SavedState } from './savedState.ts';
export { parseSavedState, type ParsedSavedState } from './parseSavedState.ts';
export { createStore, isQuotaError, STORE_KEY, unreadableKey, type LoadResult, type NoticeCode, type ProgressStore, type SaveResult, type StorageLike } from './store.ts';
export { getBrowserStorage } from './browserStorage.ts';
export { createMemoryStorage } from './memoryStorage.ts';
export { exportProgress, importProgress, MAX_IMPORT_BYTES, PROGRESS_FORMAT, type ImportError, type ImportResult, type ProgressFile } from './progressFile.ts';

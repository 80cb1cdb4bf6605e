/**
 * Hand-written field readers for untrusted data (localStorage, imported files, the share hash).
 *
 * Every reader checks one value's type and limits and returns a fresh copy, so a validated result
 * never shares objects with its input and carries no unknown fields. A reader that rejects throws
 * `ValidationError`; only `validate()` catches it, so callers get a result, never an exception.
 * Own properties only: a key inherited from a prototype (or a polluted `Object.prototype`) is
 * never read.
 */

import type { Locale } from '../../domain/locale.ts';

/** Caps shared by saved progress, progress files and share links. */
export const LIMITS = {
  /** Commands in one list (a lesson's, or the sandbox's). */
  maxCommands: 2_000,
  /** One command, in UTF-8 bytes (a heredoc with a long manifest fits easily). */
  maxCommandBytes: 64 * 1024,
  /** The whole saved state, serialized as compact JSON, in UTF-8 bytes. */
  maxStateBytes: 1024 * 1024,
  /** Lessons with saved progress. */
  maxLessons: 100,
  /** Steps in one lesson: a step index is 0–99, and at most this many completed or predicted steps. */
  maxSteps: 100,
} as const;

/** Lesson ids and step ids: lower-case letters, digits and dashes (a lesson's folder name). */
export const ID_PATTERN = /^[a-z0-9-]{1,64}$/;

export type { Locale };
export type Theme = 'system' | 'light' | 'dark' | 'projector';
export type Mode = 'lesson' | 'sandbox';

// Records rather than arrays so that adding a member to the type without adding it here fails to compile.
const LOCALES: Record<Locale, true> = { en: true, ja: true };
const THEMES: Record<Theme, true> = { system: true, light: true, dark: true, projector: true };
const MODES: Record<Mode, true> = { lesson: true, sandbox: true };

/** Why a value was refused: `too-large` for a cap, `invalid` for anything else. */
export type ValidationCode = 'invalid' | 'too-large';

export type Validation<T> =
  | { ok: true; value: T }
  | { ok: false; code: ValidationCode; /** Where and why, for logs (English, not for the UI). */ message: string };

export class ValidationError extends Error {
  constructor(
    readonly code: ValidationCode,
    readonly path: string,
    reason: string,
  ) {
    super(`${path || '(root)'}: ${reason}`);
    this.name = 'ValidationError';
  }
}

export function fail(path: string, reason: string, code: ValidationCode = 'invalid'): never {
  throw new ValidationError(code, path, reason);
}

/** Runs a reader and turns a `ValidationError` into a result. Other errors are bugs and propagate. */
export function validate<T>(read: () => T): Validation<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/**
 * A running total of string bytes while one document is read, so that a huge input is refused
 * before anything serializes it.
 */
export class ByteBudget {
  private used = 0;
  constructor(private readonly limit: number) {}
  spend(bytes: number, path: string): void {
    this.used += bytes;
    if (this.used > this.limit) fail(path, `the document is larger than ${this.limit} bytes`, 'too-large');
  }
}

/** A plain object (not null, not an array). */
export function readRecord(value: unknown, path: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'expected an object');
  return value as Readonly<Record<string, unknown>>;
}

/** An own property's value, or `undefined`: inherited keys (`constructor`, a polluted prototype) never count. */
export function own(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A dense copy: a hole in a sparse array (never from JSON, possible in memory) reads as `undefined`. */
export function readArray(value: unknown, path: string, maxLength: number): unknown[] {
  if (!Array.isArray(value)) fail(path, 'expected an array');
  if (value.length > maxLength) fail(path, `more than ${maxLength} items`, 'too-large');
  return Array.from(value as unknown[]);
}

// With the `u` flag a paired surrogate is one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

/**
 * A string of at most `maxBytes` UTF-8 bytes. Lone surrogates become U+FFFD, as `TextEncoder` does,
 * so a value reads back the same from storage and from a share link.
 */
export function readString(value: unknown, path: string, maxBytes: number, budget?: ByteBudget): string {
  if (typeof value !== 'string') fail(path, 'expected a string');
  // UTF-8 needs at least one byte per UTF-16 unit: refuse without measuring when that is already too many.
  if (value.length > maxBytes) fail(path, `longer than ${maxBytes} bytes`, 'too-large');
  const bytes = utf8Length(value, maxBytes);
  if (bytes > maxBytes) fail(path, `longer than ${maxBytes} bytes`, 'too-large');
  budget?.spend(bytes, path);
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

export function readId(value: unknown, path: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) fail(path, `expected an id matching ${String(ID_PATTERN)}`);
  return value;
}

export function readInteger(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(path, `expected an integer from ${min} to ${max}`);
  }
  return value;
}

export function readFiniteNumber(value: unknown, path: string): number {
  // JSON.parse('1e999') is Infinity, so "a number" is not enough.
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'expected a finite number');
  return value;
}

function readMember<T extends string>(value: unknown, path: string, members: Record<T, true>): T {
  if (typeof value !== 'string' || !Object.hasOwn(members, value)) {
    fail(path, `expected one of ${Object.keys(members).join(', ')}`);
  }
  return value as T;
}

export const readLocale = (value: unknown, path: string): Locale => readMember(value, path, LOCALES);
export const readTheme = (value: unknown, path: string): Theme => readMember(value, path, THEMES);
export const readMode = (value: unknown, path: string): Mode => readMember(value, path, MODES);

/** A list of shell commands, as typed (multi-line commands included), within the caps. */
export function readCommands(value: unknown, path: string, budget?: ByteBudget): string[] {
  return readArray(value, path, LIMITS.maxCommands).map((command, i) =>
    readString(command, `${path}[${i}]`, LIMITS.maxCommandBytes, budget),
  );
}

/**
 * UTF-8 length of a string without encoding it (lone surrogates count 3 bytes, as U+FFFD).
 * Stops counting once past `stopAfter`, so a huge string costs no more than the limit.
 */
export function utf8Length(text: string, stopAfter = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAfter; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

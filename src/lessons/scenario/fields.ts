/**
 * A strict reader of untrusted JSON (a parsed scenario file): every value is checked for its type,
 * every object for unknown fields, and each problem is recorded with its field path and line, in
 * kubectl's field-error words. Readers return `undefined` for a value they refused.
 */
import { isJsonObject, type Json, type JsonObject } from '../../domain/objects.ts';
import { LIMITS, type ScenarioError } from './format.ts';

/**
 * The characters YAML itself refuses in a file (go-yaml's `is_printable`): C0 controls but tab,
 * line feed and carriage return, DEL, and C1 controls but NEL. A Markdown text, or a YAML escape
 * such as `"\e"`, could otherwise carry them into the terminal or the page.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F]/;

export class FieldReader {
  readonly errors: ScenarioError[] = [];
  /** Errors beyond LIMITS.errors, counted but not listed. */
  dropped = 0;

  constructor(
    readonly source: string,
    private readonly lines: ReadonlyMap<string, number>,
    /** Added to every line (a Markdown file's frontmatter starts below line 1). */
    private readonly lineOffset = 0,
  ) {}

  /** The line of `path`, or of its nearest ancestor that has one. */
  lineOf(path: string): number | undefined {
    let p = path;
    for (;;) {
      const line = this.lines.get(p);
      if (line !== undefined) return line + this.lineOffset;
      if (p === '') return undefined;
      const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut <= 0 ? '' : p.slice(0, cut);
    }
  }

  error(field: string, message: string): undefined {
    if (this.errors.length >= LIMITS.errors) {
      this.dropped++;
      return undefined;
    }
    const line = this.lineOf(field);
    this.errors.push({ source: this.source, field, message, ...(line !== undefined ? { line } : {}) });
    return undefined;
  }

  required(field: string): undefined {
    return this.error(field, 'Required value');
  }

  typeError(field: string, value: Json, expected: string): undefined {
    return this.error(field, `Invalid value: ${describe(value)}: must be ${expected}`);
  }

  /** An object with only these keys; others are reported as unknown fields. */
  object(value: Json | undefined, field: string, keys: readonly string[]): JsonObject | undefined {
    if (value === undefined) return undefined;
    if (!isJsonObject(value)) return this.typeError(field, value, 'an object');
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        const near = nearest(key, keys);
        this.error(join(field, key), near ? `unknown field (did you mean "${near}"?)` : 'unknown field');
      }
    }
    return value;
  }

  string(value: Json | undefined, field: string, max: number = LIMITS.textChars): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      // go-yaml reads y, yes, no, on, off as booleans and bare numbers as numbers.
      return this.typeError(field, value, typeof value === 'boolean' || typeof value === 'number' ? 'a string (quote text that YAML would read as a boolean or a number)' : 'a string');
    }
    if (value.length > max) return this.error(field, `Too long: must have at most ${max} characters`);
    const control = CONTROL.exec(value);
    if (control) return this.error(field, `Invalid value: control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed`);
    return value;
  }

  /** A string matching `pattern`; `what` says what it must be. */
  matching(value: Json | undefined, field: string, pattern: RegExp, what: string): string | undefined {
    const text = this.string(value, field, 256);
    if (text === undefined) return undefined;
    if (!pattern.test(text)) return this.error(field, `Invalid value: ${JSON.stringify(text)}: ${what}`);
    return text;
  }

  boolean(value: Json | undefined, field: string): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') return this.typeError(field, value, 'true or false');
    return value;
  }

  integer(value: Json | undefined, field: string, min: number, max: number): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.typeError(field, value, 'an integer');
    if (value < min || value > max) return this.error(field, `Invalid value: ${value}: must be between ${min} and ${max}, inclusive`);
    return value;
  }

  oneOf<T extends string>(value: Json | undefined, field: string, allowed: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      return this.error(field, `Unsupported value: ${describe(value)}: supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`);
    }
    return value as T;
  }

  array(value: Json | undefined, field: string, max: number): Json[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) return this.typeError(field, value, 'a list');
    if (value.length > max) return this.error(field, `Too many: ${value.length}: must have at most ${max} items`);
    return value;
  }
}

/** `a.b` / `a[0]`: the path of a field under `parent`. */
export function join(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** A value as a field error shows it: strings quoted, objects and lists named, never dumped whole. */
export function describe(value: Json): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (isJsonObject(value)) return 'an object';
  return String(value);
}

/** The known key a typo most likely meant: one or two edits away (a missing `s`, a swapped letter), or none. */
export function nearest(typed: string, known: readonly string[]): string | undefined {
  if (typed.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const key of known) {
    const d = editDistance(typed.toLowerCase(), key.toLowerCase());
    if (d < bestDistance && d < key.length) {
      best = key;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, with an adjacent swap counting as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}

import { evaluateArithmetic } from './arithmetic.ts';
import type { ParamPart, Script, Word, WordPart } from './ast.ts';
import { expandBraces } from './expandBraces.ts';
import { limits } from './limits.ts';
import { patternToRegExp, type PatternSegment } from './patternToRegExp.ts';

/** What expansion needs from the running shell. */
export interface ExpandHost {
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  lastStatus(): number;
  home(): string;
  /** Runs `$(…)` and returns its stdout with trailing newlines removed. */
  substitute(script: Script): string;
}

/** A piece of an expanded word; unquoted pieces are split on whitespace. */
type Segment = PatternSegment;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Bash's `$$`; the simulated shell has one fixed process id. */
const SHELL_PID = '4242';

/**
 * Expands words: parameters, command substitution, arithmetic, tilde, quote removal and field
 * splitting. There is no pathname expansion: an unmatched glob stays literal in bash, and there are
 * no files worth globbing here, so `*`, `?` and `[` are always kept.
 * The first error (e.g. `bad substitution`) is kept in `error`; the caller prints it and stops.
 */
export class Expander {
  error: string | undefined;

  constructor(private readonly host: ExpandHost) {}

  /** Expands a command word into fields: braces first, then the rest, split on unquoted whitespace. */
  fields(word: Word): string[] {
    const braces = expandBraces(word);
    if (!braces.ok) {
      this.fail(braces.message);
      return [];
    }
    const fields: string[] = [];
    for (const each of braces.words) {
      const segments: Segment[] = [];
      this.expandParts(each.parts, false, segments, true);
      if (!this.checkSize(segments)) return [];
      for (const field of splitFields(segments)) fields.push(field);
    }
    return fields;
  }

  /** Expands without field splitting, as for assignments, heredoc bodies and `$((…))`. */
  text(word: Word, tilde: boolean): string {
    const segments: Segment[] = [];
    this.expandParts(word.parts, false, segments, tilde);
    if (!this.checkSize(segments)) return '';
    return segments.map((s) => s.text).join('');
  }

  private fail(message: string): void {
    this.error ??= message;
  }

  private checkSize(segments: Segment[]): boolean {
    let size = 0;
    for (const s of segments) size += s.text.length;
    if (size > limits.maxBuffer) this.fail(`bash: word too long: ${size} characters (the limit is ${limits.maxBuffer})`);
    return this.error === undefined;
  }

  private expandParts(parts: WordPart[], forceQuoted: boolean, out: Segment[], tilde = false): void {
    parts.forEach((part, index) => {
      if (this.error !== undefined) return;
      const quoted = forceQuoted || part.quoted;
      switch (part.type) {
        case 'literal':
          out.push({ text: tilde && index === 0 && !quoted ? this.expandTilde(part.value, parts.length) : part.value, quoted });
          break;
        case 'param':
          this.expandParam(part, quoted, out);
          break;
        case 'command':
          out.push({ text: this.host.substitute(part.script), quoted });
          break;
        case 'arithmetic': {
          const value = this.arithmetic(part.expression);
          if (value !== undefined) out.push({ text: String(value), quoted });
          break;
        }
        case 'badSubstitution':
          this.fail(`bash: ${part.raw}: bad substitution`);
          break;
      }
    });
  }

  /** `~` and `~/…` at the start of an unquoted word become the home directory. */
  private expandTilde(value: string, partCount: number): string {
    if (value === '~' && partCount === 1) return this.host.home();
    if (value.startsWith('~/')) return this.host.home() + value.slice(1);
    return value;
  }

  private lookup(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.host.lastStatus());
      case '$':
        return SHELL_PID;
      case '#':
        return '0';
      case '0':
        return 'bash';
      case '-':
        return 'hB';
      case '@':
      case '*':
        return '';
      case '!':
        return undefined;
      default:
        return /^[0-9]+$/.test(name) ? undefined : this.host.getVar(name);
    }
  }

  private expandParam(part: ParamPart, quoted: boolean, out: Segment[]): void {
    const { name, op } = part;
    const value = this.lookup(name);
    const isUnset = (colon: boolean) => value === undefined || (colon && value === '');
    switch (op.kind) {
      case 'plain':
        // "$@" with no positional parameters makes no word at all, not an empty one.
        out.push({ text: value ?? '', quoted: quoted && name !== '@' && name !== '*' });
        return;
      case 'length':
        out.push({ text: String(value?.length ?? 0), quoted });
        return;
      case 'indirect': {
        const target = value ?? '';
        if (!NAME.test(target) && !/^[0-9?$#!@*-]$/.test(target)) {
          this.fail(`bash: ${name}: invalid indirect expansion`);
          return;
        }
        out.push({ text: this.lookup(target) ?? '', quoted });
        return;
      }
      case 'substring':
        out.push({ text: this.substring(value ?? '', op.offset, op.length), quoted });
        return;
      case 'default':
        if (isUnset(op.colon)) this.expandParts(op.word.parts, quoted, out);
        else out.push({ text: value ?? '', quoted });
        return;
      case 'alternative':
        if (!isUnset(op.colon)) this.expandParts(op.word.parts, quoted, out);
        return;
      case 'assign': {
        if (!isUnset(op.colon)) {
          out.push({ text: value ?? '', quoted });
          return;
        }
        if (!NAME.test(name)) {
          this.fail(`bash: $${name}: cannot assign in this way`);
          return;
        }
        const text = this.text(op.word, true);
        this.host.setVar(name, text);
        out.push({ text, quoted });
        return;
      }
      case 'error': {
        if (!isUnset(op.colon)) {
          out.push({ text: value ?? '', quoted });
          return;
        }
        const message = this.text(op.word, true);
        this.fail(`bash: ${name}: ${message || (op.colon ? 'parameter null or not set' : 'parameter not set')}`);
        return;
      }
      case 'removePrefix':
      case 'removeSuffix':
        out.push({ text: this.removeAffix(name, value ?? '', op.kind === 'removePrefix', op.longest, op.pattern), quoted });
        return;
      case 'replace':
        out.push({ text: this.replace(name, value ?? '', op.mode, op.pattern, op.replacement), quoted });
        return;
    }
  }

  private arithmetic(word: Word): bigint | undefined {
    const text = this.text(word, false);
    if (this.error !== undefined) return undefined;
    const result = evaluateArithmetic(text, { get: (n) => this.host.getVar(n), set: (n, v) => this.host.setVar(n, v) });
    if (result.ok) return result.value;
    this.fail(result.message);
    return undefined;
  }

  /** `${x:offset:length}`: negative offsets count from the end, a negative length stops short of it. */
  private substring(value: string, offsetWord: Word, lengthWord: Word | undefined): string {
    const offset = this.arithmetic(offsetWord);
    if (offset === undefined) return '';
    const size = BigInt(value.length);
    let start = offset < 0n ? size + offset : offset;
    if (start < 0n || start > size) return '';
    let end = size;
    if (lengthWord !== undefined) {
      const length = this.arithmetic(lengthWord);
      if (length === undefined) return '';
      end = length < 0n ? size + length : start + length;
      if (end < start) {
        if (length < 0n) this.fail(`bash: ${length}: substring expression < 0`);
        return '';
      }
    }
    if (end > size) end = size;
    start = start < 0n ? 0n : start;
    return value.slice(Number(start), Number(end));
  }

  private pattern(word: Word): PatternSegment[] {
    const segments: Segment[] = [];
    this.expandParts(word.parts, false, segments);
    return segments;
  }

  private removeAffix(name: string, value: string, prefix: boolean, longest: boolean, patternWord: Word): string {
    const pattern = this.pattern(patternWord);
    const re = compile(
      prefix
        ? `^(?:${patternToRegExp(pattern, !longest)})`
        : longest
          ? `(?:${patternToRegExp(pattern, false)})$`
          : `^([\\s\\S]*)(?:${patternToRegExp(pattern, true)})$`,
    );
    const match = re && this.matching(name, () => re.exec(value));
    if (!match) return value;
    if (prefix) return value.slice(match[0].length);
    return longest ? value.slice(0, match.index) : (match[1] ?? '');
  }

  private replace(name: string, value: string, mode: 'first' | 'all' | 'prefix' | 'suffix', patternWord: Word, replacement: Word): string {
    const pattern = this.pattern(patternWord);
    const source = patternToRegExp(pattern, false);
    if (source === '' && (mode === 'first' || mode === 'all')) return value;
    const anchored = mode === 'prefix' ? `^(?:${source})` : mode === 'suffix' ? `(?:${source})$` : source;
    const re = compile(anchored, mode === 'all' ? 'g' : '');
    if (!re) return value;
    const text = this.text(replacement, false);
    // bash never replaces an empty match in `${x//pat/rep}`.
    return this.matching(name, () => value.replace(re, (m) => (m === '' && mode === 'all' ? '' : text))) ?? value;
  }

  /**
   * Runs a match. The regular-expression engine compiles a pattern when it first runs it and refuses
   * one too big for it (thousands of `*` or `[`) with an exception; that becomes a clear error.
   */
  private matching<T>(name: string, match: () => T): T | undefined {
    try {
      return match();
    } catch (error) {
      if (!(error instanceof SyntaxError || error instanceof RangeError)) throw error;
      this.fail(`bash: ${name}: pattern too complex to match`);
      return undefined;
    }
  }
}

function compile(source: string, flags = ''): RegExp | undefined {
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}

/** Joins segments into fields, splitting unquoted text on blanks and newlines. */
function splitFields(segments: Segment[]): string[] {
  const fields: string[] = [];
  let current = '';
  let started = false;
  for (const { text, quoted } of segments) {
    if (quoted) {
      current += text;
      started = true;
      continue;
    }
    const pieces = text.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0 && started) {
        fields.push(current);
        current = '';
        started = false;
      }
      if (piece !== '') {
        current += piece;
        started = true;
      }
    });
  }
  if (started) fields.push(current);
  return fields;
}

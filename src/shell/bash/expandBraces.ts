import type { Word, WordPart } from './ast.ts';
import { limits } from './limits.ts';

/** One unquoted character (which may be a brace or comma), or any other piece of a word, kept whole. */
type Atom = string | WordPart;

/** The result of brace expansion: the words, or why it was refused. */
export type BraceResult = { ok: true; words: Word[] } | { ok: false; message: string };

/** Words one brace expression may produce; `{1..9999999}` would otherwise exhaust memory. */
const MAX_WORDS = 100_000;
/** Characters all the words together may hold: `x{a,x{a,…}}` grows with the square of its depth. */
const MAX_SIZE = limits.maxBuffer;

/**
 * Bash brace expansion, `a{b,c}d` and `{1..10}`, done before all other expansions. Only unquoted
 * braces count, and a brace pair with neither a top-level comma nor a valid sequence stays literal,
 * which is why `{.items..metadata.name}` and `{.items[0].status}` pass through unchanged. Braces
 * may nest to any depth, as in bash; the time taken grows with the size of the word and of the
 * words it expands to, never with the square of the nesting.
 */
export function expandBraces(word: Word): BraceResult {
  if (!word.parts.some((p) => p.type === 'literal' && !p.quoted && p.value.includes('{'))) return { ok: true, words: [word] };
  const atoms: Atom[] = [];
  for (const part of word.parts) {
    if (part.type === 'literal' && !part.quoted) for (const c of part.value) atoms.push(c);
    else atoms.push(part);
  }
  const expanded = new BraceExpander(atoms).expand();
  if (!expanded) return { ok: false, message: `bash: brace expansion: more than ${MAX_WORDS} words or ${MAX_SIZE} characters` };
  return { ok: true, words: expanded.map((parts) => ({ parts, raw: word.raw })) };
}

/**
 * Words expanded so far. The alternatives of a group are joined lazily (`joined`), so that
 * `{a,{b,{c,…}}}` never copies the inner lists at every level; `words` holds the words themselves.
 */
interface WordList {
  readonly count: number;
  /** Characters in all the words together. */
  readonly size: number;
  readonly words?: readonly string[];
  readonly joined?: readonly WordList[];
}

/** The one empty word that every alternative starts from. */
const EMPTY: WordList = { count: 1, size: 0, words: [''] };

/** A comma group being expanded (or the whole word, which ends at its last atom). */
interface Frame {
  /** Where it ends: the index of its `}`, or the length of the word. */
  readonly close: number;
  /** The alternatives before the current one. */
  readonly alternatives: WordList[];
  /** The current alternative: its words, and the text that follows them, not yet appended. */
  words: WordList;
  text: string;
}

/**
 * Expands a word in one pass over its atoms, with its open groups on a stack of its own. Words are
 * strings in which each piece of the word that is not unquoted text stands as `MARK index MARK`,
 * `MARK` being a character the word does not hold.
 */
class BraceExpander {
  /** For each `{`, the index of its `}`, or -1. */
  private readonly closing: Int32Array;
  /** True for a comma that separates the alternatives of the innermost pair around it. */
  private readonly separates: Uint8Array;
  /** True for a `{` whose pair holds such a comma: a group of alternatives. */
  private readonly hasAlternatives: Uint8Array;
  /** For each atom, how many atoms up to it could not be part of a sequence like `a..e` or `-1..10..2`. */
  private readonly nonSequenceAtoms: Int32Array;
  private readonly parts: WordPart[] = [];
  private readonly mark: string;

  constructor(private readonly atoms: Atom[]) {
    const n = atoms.length;
    this.closing = new Int32Array(n).fill(-1);
    const open: number[] = [];
    atoms.forEach((a, i) => {
      if (a === '{') open.push(i);
      else if (a === '}' && open.length > 0) this.closing[open.pop()!] = i;
    });

    // A comma belongs to the innermost brace pair around it; a pair with one is a group of alternatives.
    this.separates = new Uint8Array(n);
    this.hasAlternatives = new Uint8Array(n);
    const enclosing: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const a = atoms[i];
      const pair = enclosing[enclosing.length - 1];
      if (a === '{' && this.closing[i]! >= 0) enclosing.push(i);
      else if (pair === undefined) continue;
      else if (a === '}' && this.closing[pair] === i) enclosing.pop();
      else if (a === ',') {
        this.separates[i] = 1;
        this.hasAlternatives[pair] = 1;
      }
    }

    this.nonSequenceAtoms = new Int32Array(n + 1);
    const used = new Set<string>();
    for (let i = 0; i < n; i += 1) {
      const a = atoms[i]!;
      if (typeof a === 'string') used.add(a);
      this.nonSequenceAtoms[i + 1] = this.nonSequenceAtoms[i]! + (typeof a === 'string' && SEQUENCE_CHARACTER.test(a) ? 0 : 1);
    }
    let mark = 0xe000;
    while (used.has(String.fromCharCode(mark))) mark += 1;
    this.mark = String.fromCharCode(mark);
  }

  /** The expanded words as word parts, or undefined when there would be too many or they would be too long. */
  expand(): WordPart[][] | undefined {
    const frames: Frame[] = [{ close: this.atoms.length, alternatives: [], words: EMPTY, text: '' }];
    for (let i = 0; ; i += 1) {
      const frame = frames[frames.length - 1]!;
      if (i === frame.close || this.separates[i]) {
        const alternative = concatenate(frame.words, textList(frame.text));
        if (!alternative) return undefined;
        frame.alternatives.push(alternative);
        frame.words = EMPTY;
        frame.text = '';
        if (i !== frame.close) continue;
        frames.pop();
        const group = join(frame.alternatives);
        const outer = frames[frames.length - 1];
        if (!group) return undefined;
        if (!outer) return flatten(group).map((w) => this.toParts(w));
        if (!this.append(outer, group)) return undefined;
        continue;
      }
      const atom = this.atoms[i]!;
      const close = atom === '{' ? this.closing[i]! : -1;
      if (close < 0) {
        frame.text += typeof atom === 'string' ? atom : this.encode(atom);
      } else if (this.hasAlternatives[i]) {
        frames.push({ close, alternatives: [], words: EMPTY, text: '' });
      } else {
        const sequence = this.sequence(i, close);
        if (sequence === 'too-many') return undefined;
        if (sequence) {
          if (!this.append(frame, { count: sequence.length, size: sequence.join('').length, words: sequence })) return undefined;
          i = close;
        } else frame.text += '{';
      }
    }
  }

  /** Appends a group's words to the current alternative of `frame`; false when that makes too many or too long. */
  private append(frame: Frame, group: WordList): boolean {
    const before = concatenate(frame.words, textList(frame.text));
    const words = before && concatenate(before, group);
    if (!words) return false;
    frame.words = words;
    frame.text = '';
    return true;
  }

  /** The words of `{1..3}`-like pair at open..close; undefined when it is no sequence. */
  private sequence(open: number, close: number): string[] | 'too-many' | undefined {
    // Only a pair of digits, letters, signs and dots can be one, so nested pairs are never joined and re-read.
    if (this.nonSequenceAtoms[close]! - this.nonSequenceAtoms[open + 1]! > 0) return undefined;
    return expandSequence(this.atoms.slice(open + 1, close).join(''));
  }

  private encode(part: WordPart): string {
    this.parts.push(part);
    return `${this.mark}${this.parts.length - 1}${this.mark}`;
  }

  private toParts(word: string): WordPart[] {
    const parts: WordPart[] = [];
    word.split(this.mark).forEach((piece, k) => {
      if (k % 2 === 1) parts.push(this.parts[Number(piece)]!);
      else if (piece !== '') parts.push({ type: 'literal', value: piece, quoted: false });
    });
    return parts;
  }
}

/** `{1..10}`, `{10..1..3}`, `{01..10}` and `{a..e}`; undefined when the text is no sequence. */
function expandSequence(text: string): string[] | 'too-many' | undefined {
  const numeric = /^([+-]?\d+)\.\.([+-]?\d+)(?:\.\.([+-]?\d+))?$/.exec(text);
  if (numeric) {
    const [, a = '', b = '', s] = numeric;
    const from = Number(a);
    const to = Number(b);
    const step = Math.abs(Number(s ?? 1)) || 1;
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || Math.abs(to - from) / step >= MAX_WORDS) return 'too-many';
    const padded = /^[+-]?0\d/.test(a) || /^[+-]?0\d/.test(b);
    const width = padded ? Math.max(a.length, b.length) : 0;
    const out: string[] = [];
    for (let n = from; from <= to ? n <= to : n >= to; n += from <= to ? step : -step) {
      const digits = String(Math.abs(n)).padStart(width - (n < 0 ? 1 : 0), '0');
      out.push(n < 0 ? `-${digits}` : digits);
    }
    return out;
  }
  const letters = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.([+-]?\d+))?$/.exec(text);
  if (letters) {
    const from = letters[1]!.charCodeAt(0);
    const to = letters[2]!.charCodeAt(0);
    const step = Math.abs(Number(letters[3] ?? 1)) || 1;
    const out: string[] = [];
    for (let c = from; from <= to ? c <= to : c >= to; c += from <= to ? step : -step) out.push(String.fromCharCode(c));
    return out;
  }
  return undefined;
}

/** The characters `{1..10}`, `{-3..3..2}` and `{a..e}` are written with. */
const SEQUENCE_CHARACTER = /^[0-9A-Za-z+.-]$/;

function textList(text: string): WordList {
  return { count: 1, size: text.length, words: [text] };
}

/** Every word of `a` followed by every word of `b`, `a`'s words varying slowest. */
function concatenate(a: WordList, b: WordList): WordList | undefined {
  const count = a.count * b.count;
  const size = a.size * b.count + b.size * a.count;
  if (count > MAX_WORDS || size > MAX_SIZE) return undefined;
  if (a.count === 1 && a.size === 0) return b;
  if (b.count === 1 && b.size === 0) return a;
  const words: string[] = [];
  const right = flatten(b);
  for (const left of flatten(a)) for (const w of right) words.push(left + w);
  return { count, size, words };
}

/** The alternatives of a group, one after the other. */
function join(alternatives: WordList[]): WordList | undefined {
  let count = 0;
  let size = 0;
  for (const list of alternatives) {
    count += list.count;
    size += list.size;
  }
  return count > MAX_WORDS || size > MAX_SIZE ? undefined : { count, size, joined: alternatives };
}

function flatten(list: WordList): readonly string[] {
  if (list.words) return list.words;
  const words: string[] = [];
  const pending: WordList[] = [list];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.words) for (const w of next.words) words.push(w);
    else for (let k = (next.joined?.length ?? 0) - 1; k >= 0; k -= 1) pending.push(next.joined![k]!);
  }
  return words;
}

import type { Word, WordPart } from './ast.ts';

/** One unquoted character (which may be a brace or comma), or any other piece of a word, kept whole. */
type Atom = string | WordPart;

/** The result of brace expansion: the words, or why it was refused. */
export type BraceResult = { ok: true; words: Word[] } | { ok: false; message: string };

/** Words one brace expression may produce; `{1..9999999}` would otherwise exhaust memory. */
const MAX_WORDS = 100_000;
/** Nested braces deeper than this are refused too. */
const MAX_DEPTH = 64;

/**
 * Bash brace expansion, `a{b,c}d` and `{1..10}`, done before all other expansions. Only unquoted
 * braces count, and a brace pair with neither a top-level comma nor a valid sequence stays literal,
 * which is why `{.items..metadata.name}` and `{.items[0].status}` pass through unchanged.
 */
export function expandBraces(word: Word): BraceResult {
  if (!word.parts.some((p) => p.type === 'literal' && !p.quoted && p.value.includes('{'))) return { ok: true, words: [word] };
  const atoms: Atom[] = [];
  for (const part of word.parts) {
    if (part.type === 'literal' && !part.quoted) for (const c of part.value) atoms.push(c);
    else atoms.push(part);
  }
  const expanded = new BraceExpander(atoms).expand(0, atoms.length, 0);
  if (!expanded) return { ok: false, message: `bash: brace expansion: more than ${MAX_WORDS} words or ${MAX_DEPTH} nested braces` };
  return { ok: true, words: expanded.map((a) => ({ parts: toParts(a), raw: word.raw })) };
}

class BraceExpander {
  /** For each `{`, the index of its `}`, or -1. Found once, so scanning stays linear. */
  private readonly closing: Int32Array;

  constructor(private readonly atoms: Atom[]) {
    this.closing = new Int32Array(atoms.length).fill(-1);
    const open: number[] = [];
    atoms.forEach((a, i) => {
      if (a === '{') open.push(i);
      else if (a === '}' && open.length > 0) this.closing[open.pop()!] = i;
    });
  }

  /** Expands atoms[from, to): fixed runs and brace groups, combined left to right. */
  expand(from: number, to: number, depth: number): Atom[][] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    let results: Atom[][] = [[]];
    let fixedStart = from;
    const appendFixed = (end: number) => {
      if (end > fixedStart) for (const r of results) for (let k = fixedStart; k < end; k += 1) r.push(this.atoms[k]!);
    };
    for (let i = from; i < to; i += 1) {
      if (this.atoms[i] !== '{') continue;
      const group = this.group(i, depth);
      if (group === 'too-many') return undefined;
      if (!group) continue;
      appendFixed(i);
      if (results.length * group.alternatives.length > MAX_WORDS) return undefined;
      results = results.flatMap((r) => group.alternatives.map((alt) => [...r, ...alt]));
      i = group.close;
      fixedStart = group.close + 1;
    }
    appendFixed(to);
    return results;
  }

  /** The expansions of the group opened at `open`, or undefined when it stays literal. */
  private group(open: number, depth: number): { close: number; alternatives: Atom[][] } | 'too-many' | undefined {
    const close = this.closing[open]!;
    if (close < 0) return undefined;
    const commas: number[] = [];
    for (let i = open + 1; i < close; i += 1) {
      if (this.atoms[i] === '{' && this.closing[i]! >= 0) i = this.closing[i]!;
      else if (this.atoms[i] === ',') commas.push(i);
    }
    if (commas.length === 0) {
      const inner = this.atoms.slice(open + 1, close);
      const sequence = inner.every((x) => typeof x === 'string') ? expandSequence(inner.join('')) : undefined;
      if (sequence === 'too-many') return 'too-many';
      return sequence ? { close, alternatives: sequence.map((text) => [...text]) } : undefined;
    }
    const alternatives: Atom[][] = [];
    const bounds = [open, ...commas, close];
    for (let k = 1; k < bounds.length; k += 1) {
      const expanded = this.expand(bounds[k - 1]! + 1, bounds[k]!, depth + 1);
      if (!expanded) return 'too-many';
      alternatives.push(...expanded);
      if (alternatives.length > MAX_WORDS) return 'too-many';
    }
    return { close, alternatives };
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

function toParts(atoms: Atom[]): WordPart[] {
  const parts: WordPart[] = [];
  let text = '';
  for (const atom of atoms) {
    if (typeof atom === 'string') {
      text += atom;
      continue;
    }
    if (text !== '') parts.push({ type: 'literal', value: text, quoted: false });
    text = '';
    parts.push(atom);
  }
  if (text !== '') parts.push({ type: 'literal', value: text, quoted: false });
  return parts;
}

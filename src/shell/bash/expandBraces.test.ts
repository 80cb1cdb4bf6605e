import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Word, WordPart } from './ast.ts';
import { expandBraces } from './expandBraces.ts';

function literal(value: string, quoted = false): WordPart {
  return { type: 'literal', value, quoted };
}

function wordOf(...parts: (string | WordPart)[]): Word {
  return { parts: parts.map((p) => (typeof p === 'string' ? literal(p) : p)), raw: 'raw' };
}

/** The words as text, with any part that is not unquoted text shown as `<type>`. */
function texts(word: Word): string[] {
  const result = expandBraces(word);
  if (!result.ok) throw new Error(result.message);
  return result.words.map((w) => w.parts.map((p) => (p.type === 'literal' && !p.quoted ? p.value : `<${p.type}>`)).join(''));
}

const param: WordPart = { type: 'param', name: 'X', op: { kind: 'plain' }, quoted: false };

describe('expandBraces', () => {
  it('expands alternatives and sequences, and leaves other braces literal, as bash does', () => {
    expect(texts(wordOf('{a,{b,{c,d}}}'))).toEqual(['a', 'b', 'c', 'd']);
    expect(texts(wordOf('x{a,x{b,c}}'))).toEqual(['xa', 'xxb', 'xxc']);
    expect(texts(wordOf('{x{a,b}'))).toEqual(['{xa', '{xb']);
    expect(texts(wordOf('{{1..3}}'))).toEqual(['{1}', '{2}', '{3}']);
    expect(texts(wordOf('{a{1..2}}'))).toEqual(['{a1}', '{a2}']);
    expect(texts(wordOf('{.items..metadata.name}{}{a}'))).toEqual(['{.items..metadata.name}{}{a}']);
  });

  it('keeps quoted text and expansions whole, inside alternatives too', () => {
    expect(texts(wordOf(literal('{a,b}', true), '{1,', param, '}'))).toEqual(['<literal>1', '<literal><param>']);
  });

  it('refuses more than 100,000 words', () => {
    expect(expandBraces(wordOf('{1..100000}')).ok).toBe(true);
    expect(expandBraces(wordOf('{0..100000}'))).toEqual({
      ok: false,
      message: 'bash: brace expansion: more than 100000 words or 8388608 characters',
    });
    expect(expandBraces(wordOf('{a,b}'.repeat(17))).ok).toBe(false);
  });

  it('expands `{{{…a,b}}}` nested 100,000 deep to its two words, its other braces literal', () => {
    const depth = 100_000;
    expect(texts(wordOf(`${'{'.repeat(depth)}a,b${'}'.repeat(depth)}`))).toEqual([
      `${'{'.repeat(depth - 1)}a${'}'.repeat(depth - 1)}`,
      `${'{'.repeat(depth - 1)}b${'}'.repeat(depth - 1)}`,
    ]);
  });

  it('expands alternatives nested 99,998 deep, and refuses the 100,001 words of 100,000', () => {
    const words = texts(wordOf(`${'{a,'.repeat(99_998)}b${'}'.repeat(99_998)}`));
    expect(words).toHaveLength(99_999);
    expect(words.every((w, i) => w === (i < 99_998 ? 'a' : 'b'))).toBe(true);
    expect(expandBraces(wordOf(`${'{a,'.repeat(100_000)}b${'}'.repeat(100_000)}`)).ok).toBe(false);
  });

  it('refuses words that would hold more than the buffer limit together', () => {
    // Word k holds k x's: 5,000 levels make 12.5 million characters.
    expect(expandBraces(wordOf(`${'x{a,'.repeat(5_000)}b${'}'.repeat(5_000)}`)).ok).toBe(false);
    expect(texts(wordOf(`${'x{a,'.repeat(1_000)}b${'}'.repeat(1_000)}`)).at(-1)).toBe(`${'x'.repeat(1_000)}b`);
  });

  it('gives the words the recursive expansion it replaced gave', () => {
    const text = fc
      .array(fc.constantFrom('{', '}', ',', '.', '..', '0', '1', '2', '-', '+', 'a', 'z', 'B', ' ', 'é', '😀'), { maxLength: 24 })
      .map((pieces) => pieces.join(''));
    const part = fc.oneof(
      { weight: 4, arbitrary: text.map((value) => literal(value)) },
      { weight: 1, arbitrary: text.map((value) => literal(value, true)) },
      { weight: 1, arbitrary: fc.constant(param) },
    );
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => {
        const word: Word = { parts, raw: 'raw' };
        expect(expandBraces(word)).toEqual(expandBracesBefore(word));
      }),
      { numRuns: 3_000 },
    );
  });
});

/**
 * The recursive expansion this module replaced (quadratic on deep input, and refusing more than 64
 * nested groups), kept as the reference for the property above. Sequences like `{1..3}` did not
 * change, so it asks expandBraces for them.
 */
function expandBracesBefore(word: Word): ReturnType<typeof expandBraces> {
  type Atom = string | WordPart;
  if (!word.parts.some((p) => p.type === 'literal' && !p.quoted && p.value.includes('{'))) return { ok: true, words: [word] };
  const atoms: Atom[] = [];
  for (const part of word.parts) {
    if (part.type === 'literal' && !part.quoted) for (const c of part.value) atoms.push(c);
    else atoms.push(part);
  }
  const closing = new Int32Array(atoms.length).fill(-1);
  const opened: number[] = [];
  atoms.forEach((a, i) => {
    if (a === '{') opened.push(i);
    else if (a === '}' && opened.length > 0) closing[opened.pop()!] = i;
  });
  const sequence = (text: string): string[] | 'too-many' | undefined => {
    if (!/^([+-]?\d+)\.\.([+-]?\d+)(?:\.\.([+-]?\d+))?$/.test(text) && !/^([A-Za-z])\.\.([A-Za-z])(?:\.\.([+-]?\d+))?$/.test(text)) return undefined;
    const result = expandBraces(wordOf(`{${text}}`));
    if (!result.ok) return 'too-many';
    return result.words.map((w) => (w.parts[0]?.type === 'literal' ? w.parts[0].value : ''));
  };
  const group = (open: number, depth: number): { close: number; alternatives: Atom[][] } | 'too-many' | undefined => {
    const close = closing[open]!;
    if (close < 0) return undefined;
    const commas: number[] = [];
    for (let i = open + 1; i < close; i += 1) {
      if (atoms[i] === '{' && closing[i]! >= 0) i = closing[i]!;
      else if (atoms[i] === ',') commas.push(i);
    }
    if (commas.length === 0) {
      const inner = atoms.slice(open + 1, close);
      const words = inner.every((x) => typeof x === 'string') ? sequence(inner.join('')) : undefined;
      if (words === 'too-many') return 'too-many';
      return words ? { close, alternatives: words.map((text) => [...text]) } : undefined;
    }
    const alternatives: Atom[][] = [];
    const bounds = [open, ...commas, close];
    for (let k = 1; k < bounds.length; k += 1) {
      const expanded = expand(bounds[k - 1]! + 1, bounds[k]!, depth + 1);
      if (!expanded) return 'too-many';
      alternatives.push(...expanded);
      if (alternatives.length > 100_000) return 'too-many';
    }
    return { close, alternatives };
  };
  const expand = (from: number, to: number, depth: number): Atom[][] | undefined => {
    if (depth > 64) return undefined;
    let results: Atom[][] = [[]];
    let fixedStart = from;
    const appendFixed = (end: number) => {
      if (end > fixedStart) for (const r of results) for (let k = fixedStart; k < end; k += 1) r.push(atoms[k]!);
    };
    for (let i = from; i < to; i += 1) {
      if (atoms[i] !== '{') continue;
      const found = group(i, depth);
      if (found === 'too-many') return undefined;
      if (!found) continue;
      appendFixed(i);
      if (results.length * found.alternatives.length > 100_000) return undefined;
      results = results.flatMap((r) => found.alternatives.map((alt) => [...r, ...alt]));
      i = found.close;
      fixedStart = found.close + 1;
    }
    appendFixed(to);
    return results;
  };
  const expanded = expand(0, atoms.length, 0);
  if (!expanded) return { ok: false, message: 'bash: brace expansion: more than 100000 words or 8388608 characters' };
  const toParts = (pieces: Atom[]): WordPart[] => {
    const parts: WordPart[] = [];
    let text = '';
    for (const piece of pieces) {
      if (typeof piece === 'string') text += piece;
      else {
        if (text !== '') parts.push(literal(text));
        text = '';
        parts.push(piece);
      }
    }
    if (text !== '') parts.push(literal(text));
    return parts;
  };
  return { ok: true, words: expanded.map((pieces) => ({ parts: toParts(pieces), raw: word.raw })) };
}

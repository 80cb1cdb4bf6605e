import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandHandler } from '../types.ts';
import { parse, parseScript } from './parse.ts';
import { Shell } from './shell.ts';

/** Shell pieces that stress the parser: metacharacters, quotes, expansions, keywords and heredocs. */
const TOKENS = [
  ' ', '\t', '\n', '\\\n', '\\', ';', ';;', '&', '&&', '|', '||', '|&', '(', ')', '{', '}', '<', '>', '>>', '<<',
  '<<-', '<<<', '2>&1', '&>', '>&2', '<&', "'", '"', '`', '$', '$(', '${', '$((', '))', '}', '#', '~', '*', '?', '[',
  ']', '=', 'A=1', '$A', '${A:-x}', '${#A}', '$?', 'EOF', "'EOF'", 'echo', 'kubectl', 'cat', 'for', 'in', 'do',
  'done', 'while', 'until', 'if', 'then', 'else', 'fi', '!', 'true', 'false', 'break', 'exit', 'x', 'a b', '-n',
  '/dev/null', 'f.txt', '0', '1', '10',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((tokens) => tokens.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => String.fromCharCode(...bytes)),
  tokenSoup,
);

/** A shell whose registered commands only count their calls. */
function countingShell() {
  let calls = 0;
  const handler: CommandHandler = (ctx) => {
    calls += 1;
    ctx.stdout(`${ctx.argv.join(' ')}\n`);
    return calls % 3;
  };
  const shell = new Shell({ commands: { kubectl: handler, x: handler, curl: handler } });
  return { shell, calls: () => calls };
}

describe('parse and Shell.run on arbitrary input', () => {
  it('parse always returns one of the three results', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parse(text);
        expect(['complete', 'incomplete', 'error']).toContain(result.status);
        if (result.status === 'error') {
          expect(result.message).toMatch(/^bash: /);
          expect(result.message).not.toContain('too complex');
        }
        // At end of input nothing is left open.
        expect(parseScript(text, { atEof: true }).result.status).not.toBe('incomplete');
      }),
      { numRuns: 300 },
    );
  });

  it('Shell.run never throws, always returns, and runs nothing when the parse fails', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { shell, calls } = countingShell();
        const result = shell.run(text);
        expect(Number.isInteger(result.exitCode)).toBe(true);
        expect(result.exitCode).toBeGreaterThanOrEqual(0);
        expect(result.exitCode).toBeLessThanOrEqual(255);
        for (const chunk of result.chunks) expect(chunk.text).not.toMatch(/internal error/);
        if (parseScript(text, { atEof: true }).result.status === 'error') {
          expect(calls()).toBe(0);
          expect(result.exitCode).toBe(2);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never merges two chunks of the same stream', () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        const { shell } = countingShell();
        const { chunks } = shell.run(text);
        chunks.forEach((chunk, i) => {
          expect(chunk.text).not.toBe('');
          if (i > 0) expect(chunk.stream).not.toBe(chunks[i - 1]?.stream);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('a 1 MB paste', () => {
  const MB = 1024 * 1024;

  it('parses and runs a long heredoc quickly', () => {
    const line = 'key: value-0123456789-abcdefghij $HOME "quoted" \'single\'\n';
    const body = line.repeat(Math.ceil(MB / line.length));
    const text = `cat <<EOF > big.yaml\n${body}EOF`;
    const started = performance.now();
    expect(parse(text).status).toBe('complete');
    const { shell } = countingShell();
    const result = shell.run(text);
    expect(result.exitCode).toBe(0);
    expect(shell.fs.readFile('big.yaml')?.length).toBe(body.replaceAll('$HOME', '/home/learner').length);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('parses and runs one long line quickly', () => {
    const words = 'abc '.repeat(MB / 4);
    const started = performance.now();
    const { shell, calls } = countingShell();
    expect(shell.run(`x ${words}`).exitCode).toBe(1);
    expect(calls()).toBe(1);
    expect(shell.run(`echo ${'a'.repeat(MB)} > one-word.txt`).exitCode).toBe(0);
    expect(shell.fs.readFile('one-word.txt')?.length).toBe(MB + 1);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('copes with a megabyte of shell metacharacters', () => {
    const random = seededRandom(42);
    let text = '';
    while (text.length < MB) text += TOKENS[Math.floor(random() * TOKENS.length)];
    const started = performance.now();
    const parsed = parse(text);
    expect(['complete', 'incomplete', 'error']).toContain(parsed.status);
    const { shell } = countingShell();
    const result = shell.run(text);
    expect(Number.isInteger(result.exitCode)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('survives pathological repetitions', () => {
    const started = performance.now();
    for (const unit of ['$(', '(', '{ ', '"', "'", '`', '${', '\\', '|', ';', 'cat <<A ', '$((', '<<A\n', 'for x in; do ']) {
      const text = unit.repeat(Math.floor(MB / unit.length / 4));
      expect(['complete', 'incomplete', 'error']).toContain(parse(text).status);
      const { shell } = countingShell();
      expect(Number.isInteger(shell.run(text).exitCode)).toBe(true);
    }
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

/** A small deterministic generator (mulberry32), so the big paste is the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandHandler } from '../types.ts';
import { InputBuffer } from './inputBuffer.ts';
import { LineParser, parse, parseScript } from './parse.ts';
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

  it('parses and runs a long heredoc', () => {
    const line = 'key: value-0123456789-abcdefghij $HOME "quoted" \'single\'\n';
    const body = line.repeat(Math.ceil(MB / line.length));
    const text = `cat <<EOF > big.yaml\n${body}EOF`;
    expect(parse(text).status).toBe('complete');
    const { shell } = countingShell();
    const result = shell.run(text);
    expect(result.exitCode).toBe(0);
    expect(shell.fs.readFile('big.yaml')?.length).toBe(body.replaceAll('$HOME', '/home/learner').length);
  });

  it('parses and runs one long line', () => {
    const words = 'abc '.repeat(MB / 4);
    const { shell, calls } = countingShell();
    expect(shell.run(`x ${words}`).exitCode).toBe(1);
    expect(calls()).toBe(1);
    expect(shell.run(`echo ${'a'.repeat(MB)} > one-word.txt`).exitCode).toBe(0);
    expect(shell.fs.readFile('one-word.txt')?.length).toBe(MB + 1);
  });

  it('copes with a megabyte of shell metacharacters', () => {
    const random = seededRandom(42);
    let text = '';
    while (text.length < MB) text += TOKENS[Math.floor(random() * TOKENS.length)];
    const parsed = parse(text);
    expect(['complete', 'incomplete', 'error']).toContain(parsed.status);
    const { shell } = countingShell();
    const result = shell.run(text);
    expect(Number.isInteger(result.exitCode)).toBe(true);
  });

  it('survives pathological repetitions', () => {
    for (const unit of ['$(', '(', '{ ', '"', "'", '`', '${', '\\', '|', ';', 'cat <<A ', '$((', '<<A\n', 'for x in; do ']) {
      const text = unit.repeat(Math.floor(MB / unit.length / 4));
      expect(['complete', 'incomplete', 'error']).toContain(parse(text).status);
      const { shell } = countingShell();
      expect(Number.isInteger(shell.run(text).exitCode)).toBe(true);
    }
  });
});

/** Lines that go inside loops, substitutions and groups; some start or end with quotes and backslashes. */
const BODY_LINES = [
  'echo $i', '  kubectl get pods -n "$ns" | grep -c Running', "  echo 'it''s' \"a # b\"", '# a comment with "quotes" and \'one',
  'x=$((x + 1))', '', '\t', 'echo "${x:-default}" `date` $(echo ok)', 'cat <<<"here $x"', '  curl -s http://frontend/ \\',
  '    -H "x-user: a"', "echo $'tab\\there'", 'done=1 fi=2', '[ -f "$f" ] && echo yes || echo no',
];
/** Lines for heredoc bodies, including a backslash at the end, which joins lines in an unquoted heredoc. */
const HEREDOC_LINES = ['kind: PeerAuthentication', '  mode: "STRICT" # $x', "  name: 'a'", 'EOFX', '\tEOF', 'x \\', '$(echo', '`'];

const repeated = (lines: string[], max: number) =>
  fc.tuple(fc.constantFrom(...lines), fc.integer({ min: 1, max })).map(([line, n]) => Array<string>(n).fill(line));
const heredoc = fc
  .tuple(fc.constantFrom('cat <<EOF', 'cat <<-EOF > f.yaml', "kubectl apply -f - <<'EOF'"), fc.array(repeated(HEREDOC_LINES, 300), { maxLength: 4 }))
  .map(([start, body]) => [start, ...body.flat(), 'EOF']);

/** Thousands of lines of nested loops, ifs, groups, multi-line substitutions, quotes and heredocs. */
const { block } = fc.letrec<{ block: string[] }>((tie) => {
  const inner = fc.array(tie('block'), { maxLength: 3 }).map((blocks) => blocks.flat());
  return {
    block: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'paste' },
      repeated(BODY_LINES, 400),
      heredoc,
      inner.map((lines) => ['for i in 1 2 3; do', ...lines, 'done']),
      fc.tuple(inner, heredoc).map(([lines, [, ...doc]]) => ['while read -r line; do', ...lines, 'done <<EOF', ...doc]),
      fc.tuple(inner, inner).map(([yes, no]) => ['if [ -n "$x" ]; then', ...yes, 'else', ...no, 'fi']),
      inner.map((lines) => ['x=$(', ...lines, ')']),
      inner.map((lines) => ['{', ...lines, '} > out.txt']),
      repeated(['a line of text $HOME', "it's", ''], 400).map((lines) => ['echo "start', ...lines, 'end"']),
    ),
  };
});
const longPaste = fc.array(block, { minLength: 1, maxLength: 8 }).map((blocks) => blocks.flat());

describe('a long multi-line paste, typed a line at a time', () => {
  it('never throws, answers as a full parse does, and keeps only the newest line', () => {
    fc.assert(
      fc.property(longPaste, (lines) => {
        let parser = new LineParser();
        let start = 0;
        // A full parse of every prefix would be quadratic; compare at 40 evenly spread lines and at
        // every line where an input completes.
        const stride = Math.max(1, Math.floor(lines.length / 40));
        lines.forEach((line, i) => {
          const result = parser.push(line);
          if (result.status !== 'incomplete' || i % stride === 0) {
            expect(result.status).toBe(parse(lines.slice(start, i + 1).join('\n')).status);
          }
          if (result.status === 'incomplete') {
            // Each line costs its own length: the parse keeps nothing it has already read.
            expect(parser.held).toBeLessThanOrEqual(line.length + 2);
          } else {
            parser = new LineParser();
            start = i + 1;
          }
        });
      }),
      { numRuns: 15 },
    );
  });

  it('collects a 10,000-line loop as one input', () => {
    const buffer = new InputBuffer();
    expect(buffer.push('for i in 1 2 3; do')).toBeUndefined();
    for (let i = 0; i < 10_000; i += 1) expect(buffer.push('  echo $i')).toBeUndefined();
    const input = buffer.push('done');
    expect(input?.split('\n')).toHaveLength(10_002);
    expect(parse(input ?? '').status).toBe('complete');
  });
});

describe('deep nesting', () => {
  const clear = /nesting deeper than 64 levels|expression recursion level exceeded|unexpected EOF|syntax error|bad substitution|pattern too complex/;
  const noCrash = (text: string) => {
    const { shell } = countingShell();
    const output = shell.run(text).chunks.map((c) => c.text).join('');
    expect(output).not.toMatch(/internal error|Maximum call stack|too complex to parse|Invalid string length/);
    return output;
  };

  it.each([
    ['$(', '$('.repeat(100_000)],
    ['$( … )', `echo ${'$('.repeat(100_000)}${')'.repeat(100_000)}`],
    ['( … )', `${'('.repeat(100_000)}true${')'.repeat(100_000)}`],
    ['{ … }', `${'{ '.repeat(100_000)}true${'; }'.repeat(100_000)}`],
    ['$((', `echo ${'$(('.repeat(100_000)}`],
    ['${x:-', `echo ${'${x:-'.repeat(100_000)}${'}'.repeat(100_000)}`],
    ['${', `echo ${'${'.repeat(100_000)}${'}'.repeat(100_000)}`],
    ['"$(', `echo ${'"$('.repeat(100_000)}`],
    ['backquotes', `echo \`${'\\`'.repeat(100_000)}`],
    ['if', 'if true; then '.repeat(100_000)],
    ['arithmetic parentheses', `echo $((${'('.repeat(100_000)}1${')'.repeat(100_000)}))`],
    ['unary minus', `echo $((${'- '.repeat(100_000)}1))`],
    ['logical not', `echo $((${'!'.repeat(100_000)}1))`],
    ['powers', `echo $((${'2**'.repeat(100_000)}1))`],
    ['conditionals', `echo $((${'1?'.repeat(100_000)}1${':1'.repeat(100_000)}))`],
    ['assignments', `echo $((${'a='.repeat(100_000)}1))`],
    ['a variable holding parentheses and itself', `x='${'('.repeat(200)}x${')'.repeat(200)}'; echo $((x))`],
    ['a pattern', `x=aaa; echo \${x//${'['.repeat(100_000)}/b} \${x#${'*('.repeat(100_000)}}`],
  ])('answers %s 100,000 deep with a clear error', (_name, text) => {
    const result = parse(text);
    if (result.status === 'error') expect(result.message).toMatch(clear);
    expect(noCrash(text)).toMatch(clear);
  });

  it('never overflows the stack, whatever nests in what', () => {
    const units: [open: string, close: string][] = [
      ['$(', ')'], ['(', ')'], ['{ ', '; }'], ['$((', '))'], ['${x:-', '}'], ['"$(', ')"'], ['`', '`'], ['\\`', '\\`'],
      ['for x in a; do ', '; done'], ['if true; then ', '; fi'], ['while :; do ', '; break; done'], ['$(( (', ') ))'],
      ['$((-', '))'], ["${x#'", "'}"], ['cat <<A\n$(', ')\nA\n'], ['[', ']'], ['{a,', '}'],
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: 300 }), fc.boolean(), (nest, closed) => {
        const text = nest.map(([open]) => open).join('') + (closed ? `echo hi${nest.map(([, close]) => close).reverse().join('')}` : '');
        expect(['complete', 'incomplete', 'error']).toContain(parse(text).status);
        const lines = text.split('\n');
        const buffer = new InputBuffer();
        for (const line of lines) buffer.push(line);
        noCrash(text);
      }),
      { numRuns: 200 },
    );
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

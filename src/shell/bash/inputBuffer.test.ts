import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompletenessCache } from './completenessCache.ts';
import { InputBuffer } from './inputBuffer.ts';
import { LineParser, parse } from './parse.ts';

/**
 * Lines that open, continue and close everything the parser tracks across lines: quotes, heredocs
 * (plain, `<<-`, quoted, empty delimiter), loops, `if`, groups, subshells, `$(…)`, backquotes,
 * `${…}`, `$((…))`, `$'…'`, comments with quotes in them, backslashes, and syntax errors.
 */
const FRAGMENTS = [
  'cat <<EOF', 'cat <<-EOF', "cat <<'EOF'", 'cat <<"E F"', 'cat <<EOF | kubectl apply -f -', 'cat <<A; cat <<B', 'cat <<""',
  'x=$(cat <<EOF', 'EOF', '\tEOF', 'E F', 'A', 'B', 'EOF)', ')',
  'line', 'a \\', '\\', 'a \\\\', 'echo "open', 'close"', "it's", "echo 'a", "b'", 'echo "$(', 'echo "${x:-', '}"', '}',
  'for x in a; do', 'for x in a \\', 'b; do', 'for x', 'in a', 'do', 'done', 'done | cat', 'done > out <<EOF',
  'while true', 'until false; do', 'if true; then', 'elif false; then', 'else', 'fi', 'then', '{ echo', '( echo',
  'echo $(', 'echo `', '`', 'echo \\`', "echo $'a", "b\\'", 'echo ${x', 'echo $((1 +', '2))', '))',
  '# a comment with "quotes" and \'one', 'echo a # it\'s "odd"', '', ' ', 'EOF ', 'x=1', 'x=', '(', 'echo a |', 'echo a &&',
  '; ;', ';;', 'case x in', 'f() {', 'A=(1', 'echo a &', '!', '! true', 'echo ${#x} ${x%%y}', 'echo "a\\', 'b"',
  '$(( (', 'echo "`echo', 'x`"', "echo ${x:-'}'}", '<<<', 'cat <<EOF; echo "', 'EOF"',
];

/** The reference: join the lines so far and parse them whole, for every line. */
function parseWhole(lines: string[]): ReturnType<typeof parse>[] {
  const out: ReturnType<typeof parse>[] = [];
  let buffer: string[] = [];
  for (const line of lines) {
    buffer.push(line);
    const result = parse(buffer.join('\n'));
    out.push(result);
    if (result.status !== 'incomplete') buffer = [];
  }
  return out;
}

/** The same answers, a line at a time. */
function parseByLine(lines: string[]): ReturnType<typeof parse>[] {
  let parser = new LineParser();
  return lines.map((line) => {
    const result = parser.push(line);
    if (result.status !== 'incomplete') parser = new LineParser();
    return result;
  });
}

const fragmentLines = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 });

describe('LineParser', () => {
  it('gives, line by line, exactly what parsing all the lines so far gives', () => {
    fc.assert(
      fc.property(fragmentLines, (lines) => {
        expect(parseByLine(lines)).toEqual(parseWhole(lines));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same answer when several lines arrive at once', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 4 }), { maxLength: 12 }), (chunks) => {
        let parser = new LineParser();
        let buffer: string[] = [];
        for (const chunk of chunks) {
          buffer.push(...chunk);
          const result = parser.push(chunk.join('\n'));
          expect(result).toEqual(parse(buffer.join('\n')));
          if (result.status !== 'incomplete') {
            parser = new LineParser();
            buffer = [];
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('continues inside a quote, a heredoc, a substitution and after a backslash', () => {
    const parser = new LineParser();
    for (const line of ['x=$(cat <<EOF', 'a "b', "c'd", 'EOF', ') "a', "b' c", 'd" \\'])
      expect(parser.push(line)).toEqual({ status: 'incomplete' });
    expect(parser.push('  e').status).toBe('complete');
  });

  it('keeps only about a line of input however long the input grows', () => {
    const parser = new LineParser();
    parser.push('for i in 1 2 3; do');
    for (let i = 0; i < 1000; i += 1) {
      parser.push(`  echo "$i" ${i}`);
      expect(parser.held).toBeLessThanOrEqual(`  echo "$i" ${i}`.length + 2);
    }
    expect(parser.push('done').status).toBe('complete');
  });

  it('counts an empty last line as bash does only once the next line comes', () => {
    // `parse` adds a final newline only when the text lacks one, so an empty last line adds nothing yet.
    const parser = new LineParser();
    expect(parser.push('echo \\').status).toBe('incomplete');
    expect(parser.push('').status).toBe('incomplete');
    expect(parser.push('x').status).toBe('complete');
    expect(parse('echo \\\n').status).toBe('incomplete');
  });
});

describe('InputBuffer', () => {
  it('returns the input once its heredoc is closed', () => {
    const buffer = new InputBuffer();
    expect(buffer.push('cat <<EOF | kubectl apply -n frontend -f -')).toBeUndefined();
    expect(buffer.push('kind: PeerAuthentication')).toBeUndefined();
    expect(buffer.pending).toBe('cat <<EOF | kubectl apply -n frontend -f -\nkind: PeerAuthentication');
    expect(buffer.push('EOF')).toBe('cat <<EOF | kubectl apply -n frontend -f -\nkind: PeerAuthentication\nEOF');
    expect(buffer.isEmpty).toBe(true);
  });

  it('forgets everything on clear', () => {
    const buffer = new InputBuffer();
    buffer.push('for x in a; do');
    buffer.clear();
    expect(buffer.push('echo ok')).toBe('echo ok');
  });

  it('returns each input when parsing all its lines so far says it is complete', () => {
    fc.assert(
      fc.property(fragmentLines, (lines) => {
        const buffer = new InputBuffer();
        const expected = parseWhole(lines).map((r, i) => (r.status === 'incomplete' ? undefined : i));
        const got = lines.map((l, i) => (buffer.push(l) === undefined ? undefined : i));
        expect(got).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('takes a 1 MB heredoc paste line by line', () => {
    const buffer = new InputBuffer();
    buffer.push('cat <<EOF > big.yaml');
    for (let i = 0; i < 20_000; i += 1) expect(buffer.push(`  key${i}: "value $i"`)).toBeUndefined();
    expect(buffer.push('EOF')?.length).toBeGreaterThan(20_000 * 15);
  });
});

describe('CompletenessCache', () => {
  it('agrees with parse for a buffer growing a line at a time', () => {
    fc.assert(
      fc.property(fragmentLines, (lines) => {
        const cache = new CompletenessCache();
        let buffer: string | undefined;
        for (const line of lines) {
          buffer = buffer === undefined ? line : `${buffer}\n${line}`;
          const complete = cache.isComplete(buffer);
          expect(complete).toBe(parse(buffer).status !== 'incomplete');
          if (complete) buffer = undefined;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not reuse its state for an unrelated buffer', () => {
    const cache = new CompletenessCache();
    expect(cache.isComplete('cat <<EOF')).toBe(false);
    expect(cache.isComplete('echo a\necho b')).toBe(true);
    expect(cache.isComplete('cat <<EOF\nEOF')).toBe(true);
    expect(cache.isComplete('for x in a; do')).toBe(false);
    expect(cache.isComplete('for x in b; do\ndone')).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompletenessCache } from './completenessCache.ts';
import { InputBuffer } from './inputBuffer.ts';
import { parse } from './parse.ts';

const LINES = [
  'cat <<EOF', 'cat <<-EOF', "cat <<'EOF'", 'cat <<EOF | kubectl apply -f -', 'cat <<A; cat <<B', 'EOF', '\tEOF', 'A', 'B',
  'line', 'a \\', '\\', 'echo "open', 'close"', "it's", 'for x in a; do', 'done', 'echo $(', ')', '', 'EOF ', 'x=1',
];

/** The reference: join the lines and parse the whole buffer each time. */
function naive(lines: string[]): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  let buffer: string | undefined;
  for (const line of lines) {
    buffer = buffer === undefined ? line : `${buffer}\n${line}`;
    if (parse(buffer).status !== 'incomplete') {
      out.push(buffer);
      buffer = undefined;
    } else out.push(undefined);
  }
  return out;
}

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

  it('agrees with parsing the whole buffer on every line', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 30 }), (lines) => {
        const buffer = new InputBuffer();
        expect(lines.map((l) => buffer.push(l))).toEqual(naive(lines));
      }),
      { numRuns: 300 },
    );
  });

  it('takes a 1 MB heredoc paste in linear time', () => {
    const buffer = new InputBuffer();
    const started = performance.now();
    buffer.push('cat <<EOF > big.yaml');
    for (let i = 0; i < 20_000; i += 1) expect(buffer.push(`  key${i}: "value $i"`)).toBeUndefined();
    expect(buffer.push('EOF')?.length).toBeGreaterThan(20_000 * 15);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('CompletenessCache', () => {
  it('agrees with parse for a buffer growing a line at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LINES), { maxLength: 30 }), (lines) => {
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
  });
});

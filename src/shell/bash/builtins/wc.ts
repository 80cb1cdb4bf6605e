import type { Builtin } from './builtin.ts';
import { parseOptions } from './parseOptions.ts';
import { readInputs } from './readInputs.ts';

/** `wc [-l] [-w] [-c] [-m] [file …]`: lines, words, bytes (or characters), with a total for several files. */
export const wc: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), {
    flags: 'lwcm',
    long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' },
  });
  if (options.error) {
    ctx.stderr(`wc: ${options.error}\nTry 'wc --help' for more information.\n`);
    return 1;
  }
  const chosen = 'lwmc'.split('').filter((f) => options.flags.has(f));
  const columns = chosen.length > 0 ? chosen : ['l', 'w', 'c'];
  const { inputs, ok } = readInputs(ctx, 'wc', options.operands);
  const rows = inputs.map((input) => ({ name: options.operands.length > 0 ? input.name : '', counts: columns.map((c) => measure(input.text, c)) }));
  if (rows.length > 1) {
    rows.push({ name: 'total', counts: columns.map((_, i) => rows.reduce((sum, r) => sum + (r.counts[i] ?? 0), 0)) });
  }
  // GNU pads to a common width; reading only stdin it assumes a width of 7.
  const onlyStdin = options.operands.length === 0;
  const width = columns.length === 1 && rows.length === 1 ? 1 : onlyStdin ? 7 : Math.max(1, ...rows.flatMap((r) => r.counts.map((n) => String(n).length)));
  let out = '';
  for (const row of rows) {
    const numbers = row.counts.map((n) => String(n).padStart(width)).join(' ');
    out += row.name === '' ? `${numbers}\n` : `${numbers} ${row.name}\n`;
  }
  ctx.stdout(out);
  return ok ? 0 : 1;
};

function measure(text: string, column: string): number {
  switch (column) {
    case 'l': {
      let n = 0;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
      return n;
    }
    case 'w':
      return text.split(/\s+/).filter((w) => w !== '').length;
    case 'm':
      return [...text].length;
    default:
      return new TextEncoder().encode(text).length;
  }
}

import type { Builtin } from '../bash/builtins/builtin.ts';
import { parseOptions } from '../bash/builtins/parseOptions.ts';
import { readInputs, splitLines } from '../bash/builtins/readInputs.ts';
import { usageError } from './gnuUsage.ts';

/** A list of ranges, 1-based and inclusive: `1,3-5,7-`. */
type Ranges = [number, number][];

function parseList(list: string, what: 'fields' | 'bytes' | 'characters'): Ranges | string {
  const ranges: Ranges = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '' && m[2] === '') || (m[1] === '' && m[2] === '-' && m[3] === '')) {
      return part === '' || part === '-' ? 'invalid range with no endpoint: -' : `invalid ${what === 'fields' ? 'field' : 'byte/character'} value '${part}'`;
    }
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] === '' ? lo : m[3] === '' ? Infinity : Number(m[3]);
    if (lo === 0 || hi === 0) return `${what === 'fields' ? 'fields' : 'byte/character positions'} are numbered from 1`;
    if (hi < lo) return 'invalid decreasing range';
    ranges.push([lo, hi]);
  }
  return ranges;
}

const selected = (ranges: Ranges, n: number, complement: boolean) => ranges.some(([lo, hi]) => n >= lo && n <= hi) !== complement;

/**
 * `cut -f LIST [-d DELIM] [-s] | -c LIST | -b LIST [--complement] [--output-delimiter=S] [file …]`
 * (GNU coreutils src/cut.c): fields keep their input order; a line without the delimiter prints whole
 * unless -s.
 */
export const cut: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), {
    flags: 'snzC',
    valued: 'bcdfO',
    long: { bytes: 'b', characters: 'c', delimiter: 'd', fields: 'f', 'only-delimited': 's', complement: 'C', 'output-delimiter': 'O', 'zero-terminated': 'z' },
  });
  if (options.error) return usageError(ctx, 'cut', options.error, 1);
  const kinds = (['b', 'c', 'f'] as const).filter((k) => options.values.has(k));
  if (kinds.length === 0) return usageError(ctx, 'cut', 'you must specify a list of bytes, characters, or fields', 1);
  if (kinds.length > 1) return usageError(ctx, 'cut', 'only one list may be specified', 1);
  const kind = kinds[0]!;
  const delimiter = options.values.get('d') ?? '\t';
  if (options.values.has('d') && kind !== 'f') return usageError(ctx, 'cut', 'an input delimiter may be specified only when operating on fields', 1);
  if ([...delimiter].length > 1) return usageError(ctx, 'cut', 'the delimiter must be a single character', 1);
  if (options.flags.has('s') && kind !== 'f') return usageError(ctx, 'cut', 'suppressing non-delimited lines makes sense\n\tonly when operating on fields', 1);
  const ranges = parseList(options.values.get(kind)!, kind === 'f' ? 'fields' : kind === 'b' ? 'bytes' : 'characters');
  if (typeof ranges === 'string') return usageError(ctx, 'cut', ranges, 1);
  const complement = options.flags.has('C');
  const outDelim = options.values.get('O');
  const { inputs, ok } = readInputs(ctx, 'cut', options.operands);
  const sep = options.flags.has('z') ? '\0' : '\n';
  let out = '';
  for (const input of inputs) {
    const lines = sep === '\n' ? splitLines(input.text) : input.text.split('\0').filter((l, i, all) => l !== '' || i < all.length - 1);
    for (const line of lines) {
      if (kind === 'f') {
        if (!line.includes(delimiter)) {
          if (!options.flags.has('s')) out += line + sep;
          continue;
        }
        const fields = line.split(delimiter);
        out += fields.filter((_, i) => selected(ranges, i + 1, complement)).join(outDelim ?? delimiter) + sep;
      } else {
        const chars = [...line];
        if (outDelim === undefined) out += chars.filter((_, i) => selected(ranges, i + 1, complement)).join('') + sep;
        else {
          // With --output-delimiter, each selected run is one piece.
          const pieces: string[] = [];
          let piece = '';
          chars.forEach((c, i) => {
            if (selected(ranges, i + 1, complement)) piece += c;
            else if (piece !== '') {
              pieces.push(piece);
              piece = '';
            }
          });
          if (piece !== '') pieces.push(piece);
          out += pieces.join(outDelim) + sep;
        }
      }
    }
  }
  ctx.stdout(out);
  return ok ? 0 : 1;
};

import type { Builtin } from '../bash/builtins/builtin.ts';
import { parseOptions } from '../bash/builtins/parseOptions.ts';
import { usageError } from './gnuUsage.ts';

const CLASS_CHARS: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  alnum: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  space: '\t\n\u000b\f\r ',
  blank: '\t ',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  xdigit: '0123456789ABCDEFabcdef',
  cntrl: Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f',
  print: Array.from({ length: 95 }, (_, i) => String.fromCharCode(i + 32)).join(''),
  graph: Array.from({ length: 94 }, (_, i) => String.fromCharCode(i + 33)).join(''),
};

/** One character of a SET, with backslash escapes (`\n`, `\t`, `\\`, octal `\NNN`). */
function readChar(set: string, i: number): [string, number] {
  const c = set[i]!;
  if (c !== '\\' || i + 1 >= set.length) return [c, i + 1];
  const n = set[i + 1]!;
  const octal = /^[0-7]{1,3}/.exec(set.slice(i + 1));
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8) & 0xff), i + 1 + octal[0].length];
  const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\u0007', b: '\b', '\\': '\\' };
  return [escapes[n] ?? n, i + 2];
}

interface Expanded {
  chars: string[];
  /** Class names in order, to check that [:upper:]/[:lower:] pairs line up. */
  classes: { name: string; at: number }[];
  error?: string;
}

/** Expands a SET: ranges, [:class:], [=c=] and [c*n] (coreutils src/tr.c). */
function expand(set: string, isSecond: boolean): Expanded {
  const chars: string[] = [];
  const classes: { name: string; at: number }[] = [];
  for (let i = 0; i < set.length; ) {
    const cls = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (cls) {
      const members = CLASS_CHARS[cls[1]!];
      if (members === undefined) return { chars, classes, error: `invalid character class '${cls[1]}'` };
      classes.push({ name: cls[1]!, at: chars.length });
      chars.push(...members);
      i += cls[0].length;
      continue;
    }
    const equiv = /^\[=(.)=\]/.exec(set.slice(i));
    if (equiv) {
      chars.push(equiv[1]!);
      i += equiv[0].length;
      continue;
    }
    const repeat = /^\[(\\?.)\*(\d*)\]/.exec(set.slice(i));
    if (repeat) {
      if (!isSecond) return { chars, classes, error: `the [c*] repeat construct may not appear in string1` };
      const [c] = readChar(repeat[1]!, 0);
      const count = repeat[2] === '' ? -1 : Number(repeat[2]);
      // [c*] fills up to the length of SET1; mark it with a count of -1 and resolve later.
      chars.push(...(count < 0 ? [`\u0000fill:${c}`] : Array.from({ length: count }, () => c)));
      i += repeat[0].length;
      continue;
    }
    const [c, next] = readChar(set, i);
    if (set[next] === '-' && next + 1 < set.length) {
      const [hi, after] = readChar(set, next + 1);
      if (hi < c) return { chars, classes, error: `range-endpoints of '${c}-${hi}' are in reverse collating sequence order` };
      for (let code = c.charCodeAt(0); code <= hi.charCodeAt(0); code++) chars.push(String.fromCharCode(code));
      i = after;
      continue;
    }
    chars.push(c);
    i = next;
  }
  return { chars, classes };
}

/**
 * `tr [-c] [-d] [-s] SET1 [SET2]` (GNU coreutils src/tr.c): translate, delete or squeeze characters.
 * SET2 is padded with its last character; classes, ranges, escapes and [c*n] are understood.
 */
export const tr: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), {
    flags: 'cCdst',
    long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', 'truncate-set1': 't' },
  });
  if (options.error) return usageError(ctx, 'tr', options.error, 1);
  const flags = options.flags;
  const complement = flags.has('c') || flags.has('C');
  const del = flags.has('d');
  const squeeze = flags.has('s');
  const ops = options.operands;
  const needed = del && !squeeze ? 1 : del || !squeeze ? 2 : 1;
  if (ops.length === 0) return usageError(ctx, 'tr', 'missing operand', 1);
  if (ops.length < needed) {
    ctx.stderr(`tr: missing operand after '${ops[ops.length - 1]}'\n${del ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.'}\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  const max = del && !squeeze ? 1 : 2;
  if (ops.length > max) {
    const why = del && !squeeze ? '\nOnly one string may be given when deleting without squeezing repeats.' : '';
    ctx.stderr(`tr: extra operand '${ops[max]}'${why}\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  const set1 = expand(ops[0]!, false);
  const set2 = ops[1] !== undefined ? expand(ops[1], true) : undefined;
  for (const s of [set1, set2]) {
    if (s?.error) {
      ctx.stderr(`tr: ${s.error}\n`);
      return 1;
    }
  }
  const translating = !del && set2 !== undefined;
  if (translating && set2!.classes.some((c) => c.name !== 'upper' && c.name !== 'lower')) {
    ctx.stderr("tr: when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'\n");
    return 1;
  }
  if (translating && set2!.classes.length > 0 && !set2!.classes.every((c) => set1.classes.some((d) => d.at === c.at && (d.name === 'upper' || d.name === 'lower')))) {
    ctx.stderr('tr: misaligned [:upper:] and/or [:lower:] construct\n');
    return 1;
  }
  const in1 = new Set(set1.chars);
  const member1 = (c: string) => in1.has(c) !== complement;
  let map: Map<string, string> | undefined;
  let complementTarget: string | undefined;
  if (translating) {
    let to = set2!.chars;
    const fill = to.findIndex((c) => c.startsWith('\u0000fill:'));
    if (fill >= 0) {
      const c = to[fill]!.slice(6);
      const rest = to.length - 1;
      to = [...to.slice(0, fill), ...Array.from({ length: Math.max(0, set1.chars.length - rest) }, () => c), ...to.slice(fill + 1)];
    }
    if (to.length === 0) {
      ctx.stderr('tr: when not truncating set1, string2 must be non-empty\n');
      return 1;
    }
    if (complement) complementTarget = to[to.length - 1];
    else {
      map = new Map();
      set1.chars.forEach((c, i) => map!.set(c, to[Math.min(i, to.length - 1)]!));
    }
  }
  const squeezeSet = squeeze ? new Set(del || !translating ? (set2 ?? set1).chars : set2!.chars) : undefined;
  const squeezeMember = (c: string) => (squeezeSet ? (del || !translating) && !set2 && complement ? !squeezeSet.has(c) : squeezeSet.has(c) : false);
  let out = '';
  let last: string | undefined;
  for (const ch of ctx.stdin) {
    let c: string | undefined = ch;
    if (del && member1(c)) continue;
    if (translating) {
      if (complementTarget !== undefined) c = member1(c) ? complementTarget : c;
      else c = map!.get(c) ?? c;
    }
    if (squeeze && squeezeMember(c) && c === last) continue;
    out += c;
    last = c;
  }
  ctx.stdout(out);
  return 0;
};

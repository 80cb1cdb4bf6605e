import type { Builtin } from '../bash/builtins/builtin.ts';
import { parseOptions } from '../bash/builtins/parseOptions.ts';
import { readInputs, splitLines } from '../bash/builtins/readInputs.ts';
import { usageError } from './gnuUsage.ts';

/** Ordering options, global or per key (`-k2,2nr`). */
interface Ordering {
  numeric: boolean;
  human: boolean;
  general: boolean;
  version: boolean;
  foldCase: boolean;
  ignoreBlanks: boolean;
  reverse: boolean;
}

interface Key {
  startField: number;
  startChar: number;
  endField: number;
  endChar: number;
  ordering: Ordering;
}

const ORDERING_LETTERS = 'bfghnrV';

function orderingFrom(letters: string, base?: Ordering): Ordering {
  const has = (c: string) => letters.includes(c);
  return {
    numeric: has('n') || (base?.numeric ?? false),
    human: has('h') || (base?.human ?? false),
    general: has('g') || (base?.general ?? false),
    version: has('V') || (base?.version ?? false),
    foldCase: has('f') || (base?.foldCase ?? false),
    ignoreBlanks: has('b') || (base?.ignoreBlanks ?? false),
    reverse: has('r') || (base?.reverse ?? false),
  };
}

/** `-k F[.C][OPTS][,F[.C][OPTS]]` (GNU coreutils src/sort.c key_init/parse_field_count). */
function parseKey(spec: string, global: Ordering): Key | string {
  const m = /^(\d+)(?:\.(\d+))?([bdfghinMRrV]*)(?:,(\d+)(?:\.(\d+))?([bdfghinMRrV]*))?$/.exec(spec);
  if (!m) {
    if (/^0/.test(spec)) return `field number is zero: invalid field specification '${spec}'`;
    return `invalid number at field start: invalid count at start of '${spec}'`;
  }
  const startField = Number(m[1]);
  if (startField === 0) return `field number is zero: invalid field specification '${spec}'`;
  if (m[2] === '0') return `character offset is zero: invalid field specification '${spec}'`;
  if (m[4] === '0') return `field number is zero: invalid field specification '${spec}'`;
  const letters = `${m[3] ?? ''}${m[6] ?? ''}`;
  // A key with no ordering letters of its own takes the global ones (-n, -r, …).
  const ordering = letters.replace(/[bd]/g, '') === '' ? { ...global, ignoreBlanks: global.ignoreBlanks || letters.includes('b') } : orderingFrom(letters);
  return {
    startField,
    startChar: m[2] ? Number(m[2]) : 1,
    endField: m[4] ? Number(m[4]) : Infinity,
    endChar: m[5] ? Number(m[5]) : 0,
    ordering,
  };
}

/** Field boundaries: with -t each separator ends a field; without it a field is blanks then non-blanks. */
function fieldStarts(line: string, tab: string | undefined): number[] {
  const starts = [0];
  if (tab !== undefined) {
    for (let i = line.indexOf(tab); i >= 0; i = line.indexOf(tab, i + 1)) starts.push(i + 1);
    return starts;
  }
  let i = 0;
  while (i < line.length) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    if (i < line.length) starts.push(i);
  }
  return starts;
}

function keyText(line: string, key: Key, tab: string | undefined): string {
  const starts = fieldStarts(line, tab);
  const fieldStart = (f: number) => (f - 1 < starts.length ? starts[f - 1]! : line.length);
  const fieldEnd = (f: number) => (f < starts.length ? starts[f]! - (tab !== undefined ? 1 : 0) : line.length);
  let begin = fieldStart(key.startField);
  if (key.ordering.ignoreBlanks) while (begin < line.length && (line[begin] === ' ' || line[begin] === '\t')) begin++;
  begin = Math.min(line.length, begin + key.startChar - 1);
  let end: number;
  if (key.endField === Infinity) end = line.length;
  else if (key.endChar === 0) end = fieldEnd(key.endField);
  else {
    let s = fieldStart(key.endField);
    if (key.ordering.ignoreBlanks) while (s < line.length && (line[s] === ' ' || line[s] === '\t')) s++;
    end = Math.min(fieldEnd(key.endField), s + key.endChar);
  }
  return end > begin ? line.slice(begin, end) : '';
}

/** The numeric prefix -n reads: blanks, sign, digits, one decimal point; anything else is 0. */
function numericValue(s: string): number {
  const m = /^[ \t]*(-?)(\d*)(\.\d*)?/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '.').length <= 1)) return 0;
  return Number(`${m[1]}${m[2] || '0'}${m[3] ?? ''}`);
}

const HUMAN_SUFFIX = 'KMGTPEZYRQ';

function humanValue(s: string): number {
  const m = /^[ \t]*(-?\d*(?:\.\d*)?)([KMGTPEZYRQk]?)/.exec(s);
  if (!m || m[1] === '' || m[1] === '-') return 0;
  const power = m[2] === '' ? 0 : HUMAN_SUFFIX.indexOf(m[2]!.toUpperCase()) + 1;
  // Compare by suffix first, then by number, as sort -h does; encode both into one number.
  const n = Number(m[1]);
  return Math.sign(n) * (power * 1e6 + Math.min(Math.abs(n), 999999));
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareVersion(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    const c = /^\d/.test(x) && /^\d/.test(y) ? Number(x) - Number(y) : compareBytes(x, y);
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

function compareWith(a: string, b: string, o: Ordering): number {
  let c: number;
  if (o.numeric || o.general) c = numericValue(a) - numericValue(b);
  else if (o.human) c = humanValue(a) - humanValue(b);
  else if (o.version) c = compareVersion(a, b);
  else if (o.foldCase) c = compareBytes(a.toUpperCase(), b.toUpperCase());
  else c = compareBytes(a, b);
  if (Number.isNaN(c)) c = 0;
  return o.reverse ? -c : c;
}

/**
 * `sort [-bfghnrsuV] [-k KEY]… [-t SEP] [-o FILE] [file …]` as GNU sort does in the C locale (byte
 * order; the simulated shell sets no LANG): keys, numeric and human-size order, a last-resort whole-line
 * comparison unless -s or -u, and -u keeping the first of each run of equal keys.
 */
export const sort: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), {
    flags: 'bcdfghinMRrsuVzC',
    valued: 'ktoST',
    long: {
      'ignore-leading-blanks': 'b', 'ignore-case': 'f', 'general-numeric-sort': 'g', 'human-numeric-sort': 'h',
      'numeric-sort': 'n', reverse: 'r', stable: 's', unique: 'u', 'version-sort': 'V', key: 'k', 'field-separator': 't',
      output: 'o', 'zero-terminated': 'z', check: 'c', 'buffer-size': 'S', 'temporary-directory': 'T', 'dictionary-order': 'd',
      'ignore-nonprinting': 'i', 'month-sort': 'M', 'random-sort': 'R',
    },
  });
  if (options.error) return usageError(ctx, 'sort', options.error, 2);
  const flags = options.flags;
  const global = orderingFrom([...ORDERING_LETTERS].filter((c) => flags.has(c)).join(''));
  const tab = options.values.get('t');
  if (tab !== undefined && tab.length !== 1) {
    ctx.stderr(tab === '' ? "sort: empty tab\n" : `sort: multi-character tab '${tab}'\n`);
    return 2;
  }
  const keys: Key[] = [];
  for (const spec of allValues(ctx.argv.slice(1), 'k', 'key')) {
    const key = parseKey(spec, global);
    if (typeof key === 'string') {
      ctx.stderr(`sort: ${key}\n`);
      return 2;
    }
    keys.push(key);
  }
  const { inputs, ok } = readInputs(ctx, 'sort', options.operands, (name, reason) => `cannot read: ${name}: ${reason}`);
  if (!ok) return 2;
  const separator = flags.has('z') ? '\0' : '\n';
  const lines = inputs.flatMap((input) => (separator === '\n' ? splitLines(input.text) : input.text.split('\0').filter((l, i, all) => l !== '' || i < all.length - 1)));
  const compareKeys = (a: string, b: string): number => {
    if (keys.length === 0) return compareWith(a, b, global);
    for (const key of keys) {
      const c = compareWith(keyText(a, key, tab), keyText(b, key, tab), key.ordering);
      if (c !== 0) return c;
    }
    return 0;
  };
  const lastResort = !flags.has('s') && !flags.has('u');
  const compare = (a: string, b: string): number => {
    const c = compareKeys(a, b);
    if (c !== 0 || !lastResort) return c;
    // With no key options the default comparison already was the whole line.
    const whole = compareBytes(a, b);
    return global.reverse ? -whole : whole;
  };
  if (flags.has('c')) {
    for (let i = 1; i < lines.length; i++) {
      const c = compare(lines[i - 1]!, lines[i]!);
      if (c > 0 || (c === 0 && flags.has('u'))) {
        ctx.stderr(`sort: ${inputs[0]?.name === '(standard input)' ? '-' : (inputs[0]?.name ?? '-')}:${i + 1}: disorder: ${lines[i]}\n`);
        return 1;
      }
    }
    return 0;
  }
  const sorted = lines.slice().sort(compare);
  const out: string[] = [];
  for (const line of sorted) {
    if (flags.has('u') && out.length > 0 && compareKeys(out[out.length - 1]!, line) === 0) continue;
    out.push(line);
  }
  const text = out.map((l) => l + separator).join('');
  const target = options.values.get('o');
  if (target !== undefined) ctx.fs.writeFile(ctx.fs.resolve(target), text);
  else ctx.stdout(text);
  return 0;
};

/** Every value of a repeatable option (`-k 1,1 -k 2n`), in order; parseOptions keeps only the last. */
export function allValues(args: readonly string[], short: string, long: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === `--${long}`) values.push(args[++i] ?? '');
    else if (a.startsWith(`--${long}=`)) values.push(a.slice(long.length + 3));
    else if (/^-[^-]/.test(a)) {
      const at = a.indexOf(short);
      // Only when every letter before it is a flag: `-nk2` is -n -k 2.
      if (at > 0 && /^[a-zA-Z]*$/.test(a.slice(1, at))) {
        const rest = a.slice(at + 1);
        values.push(rest !== '' ? rest : (args[++i] ?? ''));
      }
    }
  }
  return values;
}

import { compilePosix } from '../../text/posixRegex.ts';
import { allValues } from '../../text/sort.ts';
import type { Builtin } from './builtin.ts';
import { parseOptions } from './parseOptions.ts';
import { readInputs, splitLines } from './readInputs.ts';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

/** Finds a pattern in a line: the span of the first match at or after `from`. */
type Finder = (line: string, from: number) => [number, number] | undefined;

const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{Nd}_]/u.test(c);

/**
 * `grep [-i] [-v] [-c] [-n] [-q] [-w] [-o] [-l] [-H|-h] [-E|-F|-G] [-A N] [-B N] [-C N] [-m N]
 * [-e PATTERN]… PATTERN [file …]`: POSIX basic regular expressions by default, extended with -E,
 * fixed strings with -F, matched in linear time (see posixRegex.ts); context lines and `--` group
 * separators as GNU grep prints them (src/grep.c prtext/prline: `:` after a selected line's
 * name and number, `-` after a context line's).
 */
export const grep: Builtin = (ctx) => {
  const all = ctx.argv.slice(1);
  // The group separator options have no short form; take them out before the common parser.
  const args = all.filter((a) => a !== '--no-group-separator' && !a.startsWith('--group-separator='));
  const options = parseOptions(args, {
    flags: 'ivcnqsEFGwxHhloZ',
    valued: 'eABCm',
    long: {
      'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'line-number': 'n', quiet: 'q', silent: 'q',
      'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'word-regexp': 'w', 'line-regexp': 'x', regexp: 'e',
      'files-with-matches': 'l', 'only-matching': 'o', 'no-messages': 's', 'after-context': 'A', 'before-context': 'B',
      context: 'C', 'max-count': 'm', 'with-filename': 'H', 'no-filename': 'h', null: 'Z',
    },
  });
  if (options.error) {
    ctx.stderr(`grep: ${options.error}\n${USAGE}`);
    return 2;
  }
  const flags = options.flags;
  const operands = [...options.operands];
  const explicit = allValues(args, 'e', 'regexp');
  const patterns = explicit.length > 0 ? explicit : operands.length > 0 ? [operands.shift()!] : undefined;
  if (patterns === undefined) {
    ctx.stderr(USAGE);
    return 2;
  }
  const contextValue = (letter: string): number | string => {
    const v = options.values.get(letter);
    if (v === undefined) return 0;
    return /^\d+$/.test(v) ? Number(v) : `${v}: invalid context length argument`;
  };
  const both = contextValue('C');
  const after = options.values.has('A') ? contextValue('A') : both;
  const before = options.values.has('B') ? contextValue('B') : both;
  for (const n of [after, before]) {
    if (typeof n === 'string') {
      ctx.stderr(`grep: ${n}\n`);
      return 2;
    }
  }
  const maxCount = options.values.has('m') ? Number(options.values.get('m')) : Infinity;
  const finder = compileFinder(patterns.join('\n'), flags);
  if (typeof finder === 'string') {
    ctx.stderr(`grep: ${finder}\n`);
    return 2;
  }
  const groupSeparator = all.includes('--no-group-separator') ? undefined : (all.find((a) => a.startsWith('--group-separator='))?.slice(18) ?? '--');
  const { inputs, ok } = readInputs(flags.has('s') ? { ...ctx, stderr: () => {} } : ctx, 'grep', operands);
  const withNames = flags.has('H') || (operands.length > 1 && !flags.has('h'));
  const invert = flags.has('v');
  const listing = flags.has('c') || flags.has('q') || flags.has('l');
  let selectedTotal = 0;
  let out = '';
  let printedAny = false;
  for (const input of inputs) {
    const lines = splitLines(input.text);
    const prefix = (index: number, sep: string) => `${withNames ? `${input.name}${sep}` : ''}${flags.has('n') ? `${index + 1}${sep}` : ''}`;
    let count = 0;
    let lastPrinted = -1;
    let afterLeft = 0;
    for (let index = 0; index < lines.length && count < maxCount; index++) {
      const line = lines[index]!;
      const matched = finder(line, 0) !== undefined;
      if (matched === invert) {
        // A context line after a selected one.
        if (afterLeft > 0 && !listing) {
          out += `${prefix(index, '-')}${line}\n`;
          lastPrinted = index;
          afterLeft--;
        }
        continue;
      }
      count++;
      if (listing) continue;
      const from = Math.max(lastPrinted + 1, index - (before as number));
      if (groupSeparator !== undefined && printedAny && from > lastPrinted + 1 && ((before as number) > 0 || (after as number) > 0)) out += `${groupSeparator}\n`;
      for (let k = from; k < index; k++) out += `${prefix(k, '-')}${lines[k]}\n`;
      if (flags.has('o') && !invert) {
        for (let at = 0; at <= line.length; ) {
          const m = finder(line, at);
          if (!m) break;
          if (m[1] > m[0]) out += `${prefix(index, ':')}${line.slice(m[0], m[1])}\n`;
          at = m[1] > m[0] ? m[1] : m[1] + 1;
        }
      } else if (!flags.has('o')) out += `${prefix(index, ':')}${line}\n`;
      lastPrinted = index;
      printedAny = true;
      afterLeft = after as number;
    }
    // After -m stops, GNU grep still prints the trailing context.
    for (let index = lastPrinted + 1; !listing && afterLeft > 0 && index < lines.length && count >= maxCount; index++, afterLeft--) {
      out += `${prefix(index, '-')}${lines[index]}\n`;
    }
    selectedTotal += count;
    if (flags.has('q') && selectedTotal > 0) return 0;
    if (flags.has('c')) out += `${withNames ? `${input.name}:` : ''}${count}\n`;
    else if (flags.has('l') && count > 0) out += `${input.name}\n`;
  }
  if (!flags.has('q')) ctx.stdout(out);
  if (!ok) return 2;
  return selectedTotal > 0 ? 0 : 1;
};

function compileFinder(pattern: string, flags: Set<string>): Finder | string {
  const ignoreCase = flags.has('i');
  // A newline separates several patterns, any of which may match.
  const alternatives = pattern.split('\n');
  let base: Finder;
  if (flags.has('F')) {
    const needles = alternatives.map((a) => (ignoreCase ? a.toLowerCase() : a));
    base = (line, from) => {
      const hay = ignoreCase ? line.toLowerCase() : line;
      let best: [number, number] | undefined;
      for (const n of needles) {
        const at = hay.indexOf(n, from);
        if (at >= 0 && (!best || at < best[0] || (at === best[0] && at + n.length > best[1]))) best = [at, at + n.length];
      }
      return best;
    };
  } else {
    const extended = flags.has('E');
    const source = extended ? alternatives.join('|') : alternatives.join('\\|');
    const re = compilePosix(source, { extended, ignoreCase });
    if ('error' in re) return re.error;
    base = (line, from) => {
      const m = re.exec(line, from);
      return m ? [m.start, m.end] : undefined;
    };
  }
  if (flags.has('x')) {
    return (line, from) => {
      if (from > 0) return undefined;
      for (let at = 0; at <= line.length; ) {
        const m = base(line, at);
        if (!m) return undefined;
        if (m[0] === 0 && m[1] === line.length) return m;
        if (m[0] > 0) return undefined;
        at = m[0] + 1;
      }
      return undefined;
    };
  }
  if (flags.has('w')) {
    // A match counts only when it is a whole word; otherwise look further along the line.
    return (line, from) => {
      for (let at = from; at <= line.length; ) {
        const m = base(line, at);
        if (!m) return undefined;
        if (!isWord(line[m[0] - 1]) && !isWord(line[m[1]]) && m[1] > m[0]) return m;
        at = m[0] + 1;
      }
      return undefined;
    };
  }
  return base;
}

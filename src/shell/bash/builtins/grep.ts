import type { Builtin } from './builtin.ts';
import { parseOptions } from './parseOptions.ts';
import { readInputs, splitLines } from './readInputs.ts';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

/**
 * `grep [-i] [-v] [-c] [-n] [-q] [-w] [-E|-F] [-e PATTERN] PATTERN [file …]`: basic regular
 * expressions by default, extended with -E, fixed strings with -F; files or stdin.
 */
export const grep: Builtin = (ctx) => {
  const options = parseOptions(ctx.argv.slice(1), {
    flags: 'ivcnqsEFGwHhlo',
    valued: 'e',
    long: {
      'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'line-number': 'n', quiet: 'q', silent: 'q',
      'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'word-regexp': 'w', regexp: 'e',
      'files-with-matches': 'l', 'only-matching': 'o', 'no-messages': 's',
    },
  });
  if (options.error) {
    ctx.stderr(`grep: ${options.error}\n${USAGE}`);
    return 2;
  }
  const flags = options.flags;
  const operands = [...options.operands];
  const pattern = options.values.get('e') ?? operands.shift();
  if (pattern === undefined) {
    ctx.stderr(USAGE);
    return 2;
  }
  const regex = compilePattern(pattern, flags);
  if (!regex) {
    ctx.stderr('grep: Invalid regular expression\n');
    return 2;
  }
  const { inputs, ok } = readInputs(flags.has('s') ? { ...ctx, stderr: () => {} } : ctx, 'grep', operands);
  const withNames = flags.has('H') || (operands.length > 1 && !flags.has('h'));
  let selected = 0;
  let out = '';
  for (const input of inputs) {
    const prefix = withNames ? `${input.name}:` : '';
    let count = 0;
    splitLines(input.text).forEach((line, index) => {
      regex.lastIndex = 0;
      if (regex.test(line) === flags.has('v')) return;
      count += 1;
      if (flags.has('c') || flags.has('q') || flags.has('l')) return;
      const number = flags.has('n') ? `${index + 1}:` : '';
      if (flags.has('o') && !flags.has('v')) {
        const all = new RegExp(regex.source, `${regex.flags.replace('g', '')}g`);
        for (const m of line.matchAll(all)) if (m[0] !== '') out += `${prefix}${number}${m[0]}\n`;
      } else out += `${prefix}${number}${line}\n`;
    });
    selected += count;
    if (flags.has('q') && selected > 0) return 0;
    if (flags.has('c')) out += `${prefix}${count}\n`;
    else if (flags.has('l') && count > 0) out += `${input.name}\n`;
  }
  if (!flags.has('q')) ctx.stdout(out);
  if (!ok) return 2;
  return selected > 0 ? 0 : 1;
};

function compilePattern(pattern: string, flags: Set<string>): RegExp | undefined {
  // A newline separates several patterns, any of which may match.
  const alternatives = pattern.split('\n').map((p) =>
    flags.has('F') ? p.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&') : flags.has('E') ? translateExtended(p) : translateBasic(p),
  );
  let source = alternatives.map((a) => `(?:${a})`).join('|');
  if (flags.has('w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  try {
    return new RegExp(source, flags.has('i') ? 'i' : '');
  } catch {
    return undefined;
  }
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', word: 'a-zA-Z0-9_',
};

/** Copies a POSIX bracket expression starting at `[`; returns the JS class and where it ended. */
function translateBracket(p: string, at: number): { text: string; end: number } | undefined {
  let i = at + 1;
  let out = '[';
  if (p[i] === '^') {
    out += '^';
    i += 1;
  }
  if (p[i] === ']') {
    out += '\\]';
    i += 1;
  }
  while (i < p.length && p[i] !== ']') {
    const cls = /^\[:([a-z]+):\]/.exec(p.slice(i, i + 12));
    if (cls && POSIX_CLASSES[cls[1]!]) {
      out += POSIX_CLASSES[cls[1]!];
      i += cls[0].length;
      continue;
    }
    out += p[i] === '\\' || p[i] === '[' ? `\\${p[i]}` : p[i];
    i += 1;
  }
  if (i >= p.length) return undefined;
  return { text: `${out}]`, end: i + 1 };
}

/** POSIX basic regular expression to JavaScript: `\(`, `\|`, `\+` are the operators, `(` is literal. */
function translateBasic(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; ) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) return `${out}\\\\`;
      if ('(){}|+?'.includes(n)) out += n;
      else if (n === '<' || n === '>') out += '\\b';
      else if ('wWsSb'.includes(n)) out += `\\${n}`;
      else out += /[A-Za-z0-9]/.test(n) ? n : `\\${n}`;
      i += 2;
    } else if (c === '[') {
      const bracket = translateBracket(p, i);
      if (!bracket) return '(';
      out += bracket.text;
      i = bracket.end;
    } else if (c === '*' && (out === '' || out.endsWith('(') || out.endsWith('|') || out === '^')) {
      out += '\\*';
      i += 1;
    } else {
      out += '(){}|+?/'.includes(c) ? `\\${c}` : c;
      i += 1;
    }
  }
  return out;
}

/** POSIX extended regular expression to JavaScript: mostly the same, except bracket expressions. */
function translateExtended(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; ) {
    const c = p[i]!;
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) return `${out}\\\\`;
      out += n === '<' || n === '>' ? '\\b' : /[A-Za-z0-9]/.test(n) && !'wWsSb'.includes(n) ? n : `\\${n}`;
      i += 2;
    } else if (c === '[') {
      const bracket = translateBracket(p, i);
      if (!bracket) return '(';
      out += bracket.text;
      i = bracket.end;
    } else {
      out += c === '/' ? '\\/' : c;
      i += 1;
    }
  }
  return out;
}

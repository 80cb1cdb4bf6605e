import type { Builtin } from '../bash/builtins/builtin.ts';
import { limits } from '../bash/limits.ts';
import type { CommandContext } from '../types.ts';
import { type PosixRegex, type RegexMatch, compilePosix } from './posixRegex.ts';

/** GNU sed 4.9's usage (sed/sed.c usage()), printed for a bad option or a missing script. */
const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

type Address =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 'regex'; re: PosixRegex | undefined }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'zero' };

type RangeEnd = Address | { kind: 'plus'; n: number } | { kind: 'multiple'; n: number };

/** A part of an `s` replacement: text, a group (0 for `&`), or a case conversion (\U \L \u \l \E). */
type ReplacementPart = { text: string } | { group: number } | { caseOp: 'U' | 'L' | 'u' | 'l' | 'E' };

interface Command {
  a1: Address | undefined;
  a2: RangeEnd | undefined;
  negate: boolean;
  name: string;
  /** `s`: the regex (undefined: the last one used), its replacement and flags. */
  regex?: PosixRegex | undefined;
  replacement?: ReplacementPart[];
  global?: boolean;
  occurrence?: number;
  print?: number;
  writeFile?: string;
  /** Text of a, i, c; label of b, t, T, :; file of r, w; exit code of q, Q. */
  arg?: string;
  /** y: from → to. */
  map?: Map<string, string>;
  /** `{`: index of the matching `}`; b/t/T: index of the label (or -1 for the end). */
  jump?: number;
  /** Range state: whether the range is active, and where it started. */
  active?: boolean;
  endLine?: number;
}

class SedError {
  constructor(
    readonly message: string,
    readonly status = 1,
  ) {}
}

interface Options {
  extended: boolean;
  quiet: boolean;
  separate: boolean;
  inPlace: string | undefined;
  nul: boolean;
}

/** Parses a sed script (sed/compile.c), with GNU's messages: `-e expression #1, char 5: unterminated `s' command`. */
function parseScript(script: string, options: Options, expressionNumber: number): Command[] {
  const commands: Command[] = [];
  let i = 0;
  const blocks: number[] = [];
  const fail = (message: string, at = i): never => {
    throw new SedError(`-e expression #${expressionNumber}, char ${at}: ${message}`);
  };
  const compile = (source: string, flags: string): PosixRegex | undefined => {
    if (source === '') return undefined;
    const re = compilePosix(source, { extended: options.extended, ignoreCase: flags.includes('I') }, flags.includes('M'));
    if ('error' in re) return fail(re.error);
    return re;
  };
  /** Reads up to an unescaped `delim`, turning `\delim` into delim and `\n` into a newline. */
  const readDelimited = (delim: string, what: string, isRegex: boolean): string => {
    let out = '';
    while (i < script.length) {
      const c = script[i]!;
      if (c === '\\' && i + 1 < script.length) {
        const n = script[i + 1]!;
        if (n === delim) out += delim === '&' && !isRegex ? '\\&' : isRegex && '.*[]^$'.includes(delim) ? `\\${delim}` : delim;
        else if (n === 'n' && isRegex) out += '\n';
        else if (n === '\n') out += '\n';
        else out += c + n;
        i += 2;
        continue;
      }
      if (c === delim) {
        i++;
        return out;
      }
      if (c === '\n' && isRegex) break;
      if (c === '[' && isRegex) {
        // A bracket expression may hold the delimiter.
        const close = bracketEnd(script, i);
        if (close > 0) {
          out += script.slice(i, close + 1);
          i = close + 1;
          continue;
        }
      }
      out += c;
      i++;
    }
    return fail(what);
  };
  const skipSpace = () => {
    while (i < script.length && (script[i] === ' ' || script[i] === '\t')) i++;
  };
  const readAddress = (): Address | undefined => {
    const c = script[i];
    if (c === undefined) return undefined;
    if (/\d/.test(c)) {
      const m = /^(\d+)(~(\d+))?/.exec(script.slice(i))!;
      i += m[0].length;
      if (m[2] !== undefined) return { kind: 'step', first: Number(m[1]), step: Number(m[3]) };
      return Number(m[1]) === 0 ? { kind: 'zero' } : { kind: 'line', n: Number(m[1]) };
    }
    if (c === '$') {
      i++;
      return { kind: 'last' };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        delim = script[i + 1] ?? '';
        i += 2;
      } else i++;
      const source = readDelimited(delim, 'unterminated address regex', true);
      let flags = '';
      while (script[i] === 'I' || script[i] === 'M') flags += script[i++];
      return { kind: 'regex', re: compile(source, flags) };
    }
    return undefined;
  };
  const endOfCommand = () => {
    skipSpace();
    const c = script[i];
    if (c === undefined || c === '\n' || c === ';') {
      if (c !== undefined) i++;
      return;
    }
    if (c === '}' || c === '#') return;
    fail('extra characters after command', i + 1);
  };
  const readLabel = (): string => {
    skipSpace();
    let label = '';
    while (i < script.length && script[i] !== '\n' && script[i] !== ';') label += script[i++];
    if (script[i] === ';' || script[i] === '\n') i++;
    return label.trim();
  };
  const readText = (): string => {
    // GNU one-liner `a text`, or the classic `a\` newline `text`.
    skipSpace();
    if (script[i] === '\\') {
      i++;
      if (script[i] === '\n') i++;
    }
    let text = '';
    while (i < script.length) {
      const c = script[i]!;
      if (c === '\\' && i + 1 < script.length) {
        text += script[i + 1] === '\n' ? '\n' : script[i + 1];
        i += 2;
        continue;
      }
      if (c === '\n') {
        i++;
        break;
      }
      text += c;
      i++;
    }
    return text;
  };
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i]!)) i++;
    if (i >= script.length) break;
    if (script[i] === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    const cmd: Command = { a1: undefined, a2: undefined, negate: false, name: '' };
    cmd.a1 = readAddress();
    if (cmd.a1 && script[i] === ',') {
      i++;
      skipSpace();
      if (script[i] === '+' || script[i] === '~') {
        const kind = script[i] === '+' ? 'plus' : 'multiple';
        i++;
        const m = /^\d+/.exec(script.slice(i));
        if (!m) fail("expected newer version of sed", i);
        i += m![0].length;
        cmd.a2 = { kind, n: Number(m![0]) };
      } else {
        const a2 = readAddress();
        if (!a2) fail("unexpected `,'");
        cmd.a2 = a2!.kind === 'zero' ? fail('invalid usage of line address 0') : a2;
      }
    }
    if (cmd.a1?.kind === 'zero' && (cmd.a2 === undefined || cmd.a2.kind !== 'regex')) fail('invalid usage of line address 0');
    skipSpace();
    while (script[i] === '!') {
      cmd.negate = true;
      i++;
      skipSpace();
    }
    const name = script[i];
    if (name === undefined || name === '\n' || name === ';') fail('missing command', i + (name === undefined ? 0 : 1));
    i++;
    cmd.name = name!;
    switch (name) {
      case '{':
        blocks.push(commands.length);
        commands.push(cmd);
        continue;
      case '}':
        if (cmd.a1) fail("} doesn't want any addresses");
        if (blocks.length === 0) fail("unexpected `}'");
        commands[blocks.pop()!]!.jump = commands.length;
        commands.push(cmd);
        endOfCommand();
        continue;
      case 's': {
        const delim = script[i];
        if (delim === undefined || delim === '\n' || delim === '\\') fail("unterminated `s' command");
        i++;
        const source = readDelimited(delim!, "unterminated `s' command", true);
        const rhs = readDelimited(delim!, "unterminated `s' command", false);
        let flags = '';
        for (;;) {
          const f = script[i];
          if (f === 'g') {
            if (cmd.global) fail("multiple `g' options to `s' command", i + 1);
            cmd.global = true;
          } else if (f === 'p') {
            if (cmd.print) fail("multiple `p' options to `s' command", i + 1);
            cmd.print = 1;
          } else if (f !== undefined && /\d/.test(f)) {
            const m = /^\d+/.exec(script.slice(i))!;
            if (cmd.occurrence !== undefined) fail("multiple number options to `s' command", i + 1);
            if (Number(m[0]) === 0) fail("number option to `s' command may not be zero", i + 1);
            cmd.occurrence = Number(m[0]);
            i += m[0].length;
            continue;
          } else if (f === 'i' || f === 'I') flags += 'I';
          else if (f === 'm' || f === 'M') flags += 'M';
          else if (f === 'e') {
            /* Executing the pattern space as a command is not simulated; ignored. */
          } else if (f === 'w') {
            i++;
            cmd.writeFile = readLabel();
            break;
          } else break;
          i++;
        }
        cmd.regex = compile(source, flags);
        cmd.replacement = parseReplacement(rhs);
        const maxRef = Math.max(0, ...cmd.replacement.map((p) => ('group' in p ? p.group : 0)));
        const groups = cmd.regex ? cmd.regex.groupCount : Infinity;
        if (maxRef > groups) fail(`invalid reference \\${maxRef} on \`s' command's RHS`, i);
        const f = script[i];
        if (f !== undefined && !/[\s;}#]/.test(f)) fail("unknown option to `s'", i + 1);
        commands.push(cmd);
        endOfCommand();
        continue;
      }
      case 'y': {
        const delim = script[i];
        i++;
        const from = [...readDelimited(delim ?? '/', "unterminated `y' command", false).replace(/\\\\/g, '\\')];
        const to = [...readDelimited(delim ?? '/', "unterminated `y' command", false).replace(/\\\\/g, '\\')];
        if (from.length !== to.length) fail("strings for `y' command are different lengths");
        cmd.map = new Map(from.map((c, k) => [c, to[k]!]));
        commands.push(cmd);
        endOfCommand();
        continue;
      }
      case 'a':
      case 'i':
      case 'c': {
        skipSpace();
        if (i >= script.length) fail("expected \\ after `a', `c' or `i'");
        cmd.arg = readText();
        commands.push(cmd);
        continue;
      }
      case ':':
        if (cmd.a1) fail(': doesn\'t want any addresses');
        cmd.arg = readLabel();
        if (cmd.arg === '') fail('":" lacks a label');
        commands.push(cmd);
        continue;
      case 'b':
      case 't':
      case 'T':
        cmd.arg = readLabel();
        commands.push(cmd);
        continue;
      case 'r':
      case 'R':
      case 'w':
      case 'W':
        cmd.arg = readLabel();
        commands.push(cmd);
        continue;
      case 'q':
      case 'Q':
      case 'l':
      case 'L': {
        skipSpace();
        const m = /^\d+/.exec(script.slice(i));
        if (m) {
          cmd.arg = m[0];
          i += m[0].length;
        }
        commands.push(cmd);
        endOfCommand();
        continue;
      }
      case '=':
      case 'd':
      case 'D':
      case 'g':
      case 'G':
      case 'h':
      case 'H':
      case 'n':
      case 'N':
      case 'p':
      case 'P':
      case 'x':
      case 'z':
      case 'F':
        commands.push(cmd);
        endOfCommand();
        continue;
      default:
        fail(`unknown command: \`${name}'`);
    }
  }
  if (blocks.length > 0) fail("unmatched `{'", 0);
  // Resolve jumps to labels.
  commands.forEach((c) => {
    if (c.name !== 'b' && c.name !== 't' && c.name !== 'T') return;
    if (c.arg === '' || c.arg === undefined) c.jump = -1;
    else {
      const target = commands.findIndex((d) => d.name === ':' && d.arg === c.arg);
      if (target < 0) throw new SedError(`can't find label for jump to \`${c.arg}'`, 4);
      c.jump = target;
    }
  });
  return commands;
}

function bracketEnd(s: string, at: number): number {
  let i = at + 1;
  if (s[i] === '^') i++;
  if (s[i] === ']') i++;
  while (i < s.length && s[i] !== ']') {
    if (s[i] === '[' && (s[i + 1] === ':' || s[i + 1] === '.' || s[i + 1] === '=')) {
      const close = s.indexOf(`${s[i + 1]}]`, i + 2);
      if (close < 0) return -1;
      i = close + 2;
    } else if (s[i] === '\n') return -1;
    else i++;
  }
  return i < s.length ? i : -1;
}

function parseReplacement(rhs: string): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ text });
    text = '';
  };
  for (let i = 0; i < rhs.length; i++) {
    const c = rhs[i]!;
    if (c === '&') {
      flush();
      parts.push({ group: 0 });
    } else if (c === '\\' && i + 1 < rhs.length) {
      const n = rhs[++i]!;
      if (/\d/.test(n)) {
        flush();
        parts.push({ group: Number(n) });
      } else if ('ULulE'.includes(n)) {
        flush();
        parts.push({ caseOp: n as 'U' });
      } else if (n === 'n') text += '\n';
      else if (n === 't') text += '\t';
      else text += n;
    } else text += c;
  }
  flush();
  return parts;
}

function substitute(match: RegexMatch, text: string, parts: ReplacementPart[]): string {
  let out = '';
  let mode: 'U' | 'L' | undefined;
  let next: 'u' | 'l' | undefined;
  const add = (s: string) => {
    for (const ch of s) {
      let c = mode === 'U' ? ch.toUpperCase() : mode === 'L' ? ch.toLowerCase() : ch;
      if (next) {
        c = next === 'u' ? c.toUpperCase() : c.toLowerCase();
        next = undefined;
      }
      out += c;
    }
  };
  for (const p of parts) {
    if ('text' in p) add(p.text);
    else if ('group' in p) {
      const span = p.group === 0 ? [match.start, match.end] : match.groups[p.group - 1];
      if (span) add(text.slice(span[0], span[1]));
    } else if (p.caseOp === 'U' || p.caseOp === 'L') mode = p.caseOp;
    else if (p.caseOp === 'E') mode = undefined;
    else next = p.caseOp;
  }
  return out;
}

/** `l`: the pattern space with escapes, wrapped at 70 columns, ending in `$`. */
function listLine(text: string, width: number): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  const pieces = [...text].map((c) => escapes[c] ?? (c < ' ' || c === '\u007f' ? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}` : c));
  let out = '';
  let col = 0;
  for (const p of pieces) {
    if (width > 1 && col + p.length > width - 1) {
      out += '\\\n';
      col = 0;
    }
    out += p;
    col += p.length;
  }
  return `${out}$\n`;
}

/**
 * `sed [-n] [-E|-r] [-s] [-z] [-i[SUFFIX]] [-e SCRIPT]… [-f FILE] [SCRIPT] [FILE…]`, GNU sed 4.9:
 * addresses (N, $, /re/I, first~step, ranges with N, /re/, +N, ~N, 0,/re/), `!`, blocks, labels and
 * the commands s (g, p, N, I, M, w), y, p, P, d, D, n, N, g, G, h, H, x, a, i, c, =, l, q, Q, b, t,
 * T, r, w, z, F. `-i` edits files of the simulated disk.
 */
export const sed: Builtin = (ctx) => {
  const args = ctx.argv.slice(1);
  const options: Options = { extended: false, quiet: false, separate: false, inPlace: undefined, nul: false };
  const scripts: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (name === 'quiet' || name === 'silent') options.quiet = true;
      else if (name === 'regexp-extended') options.extended = true;
      else if (name === 'separate') options.separate = true;
      else if (name === 'null-data') options.nul = true;
      else if (name === 'in-place') {
        options.inPlace = value ?? '';
        options.separate = true;
      } else if (name === 'expression') scripts.push(value ?? args[++i] ?? '');
      else if (name === 'file') {
        const file = value ?? args[++i] ?? '';
        const text = ctx.fs.readFile(ctx.fs.resolve(file));
        if (text === undefined) return fatal(ctx, `couldn't open file ${file}: No such file or directory`);
        scripts.push(text.replace(/\n$/, ''));
      } else if (name === 'help') {
        ctx.stdout(USAGE);
        return 0;
      } else if (name === 'version') {
        ctx.stdout('sed (GNU sed) 4.9\n');
        return 0;
      } else if (['posix', 'debug', 'sandbox', 'unbuffered', 'follow-symlinks'].includes(name)) continue;
      else {
        ctx.stderr(`sed: unrecognized option '${a}'\n${USAGE}`);
        return 1;
      }
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      files.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'n') options.quiet = true;
      else if (c === 'E' || c === 'r') options.extended = true;
      else if (c === 's') options.separate = true;
      else if (c === 'z') options.nul = true;
      else if (c === 'u') continue;
      else if (c === 'i') {
        options.inPlace = a.slice(j + 1);
        options.separate = true;
        break;
      } else if (c === 'e' || c === 'f' || c === 'l') {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (value === undefined) {
          ctx.stderr(`sed: option requires an argument -- '${c}'\n${USAGE}`);
          return 1;
        }
        if (c === 'e') scripts.push(value);
        else if (c === 'f') {
          const text = ctx.fs.readFile(ctx.fs.resolve(value));
          if (text === undefined) return fatal(ctx, `couldn't open file ${value}: No such file or directory`);
          scripts.push(text.replace(/\n$/, ''));
        }
        break;
      } else {
        ctx.stderr(`sed: invalid option -- '${c}'\n${USAGE}`);
        return 1;
      }
    }
  }
  if (scripts.length === 0) {
    if (files.length === 0) {
      ctx.stderr(USAGE);
      return 1;
    }
    scripts.push(files.shift()!);
  }
  let commands: Command[];
  try {
    // Several -e pieces join with newlines into one script, as GNU sed does.
    commands = parseScript(scripts.join('\n'), options, 1);
  } catch (e) {
    if (e instanceof SedError) return fatal(ctx, e.message, e.status);
    throw e;
  }
  if (options.inPlace !== undefined && files.length === 0) return fatal(ctx, 'no input files', 1);
  const run = new SedRun(ctx, commands, options);
  return run.execute(files);
};

function fatal(ctx: CommandContext, message: string, status = 1): number {
  ctx.stderr(`sed: ${message}\n`);
  return status;
}

/** One run of a sed program over its inputs. */
class SedRun {
  private hold = '';
  private lastRegex: PosixRegex | undefined;
  private steps = 0;
  /** Characters regexes have looked at: a script that loops over a growing pattern space is stopped by it. */
  private work = 0;

  constructor(
    private readonly ctx: CommandContext,
    private readonly commands: Command[],
    private readonly options: Options,
  ) {}

  execute(files: string[]): number {
    const ctx = this.ctx;
    const sep = this.options.nul ? '\0' : '\n';
    let status = 0;
    const names = files.length === 0 ? ['-'] : files;
    const inputs: { name: string; text: string }[] = [];
    for (const name of names) {
      if (name === '-') {
        inputs.push({ name, text: ctx.stdin });
        continue;
      }
      const path = ctx.fs.resolve(name);
      const text = ctx.fs.isDirectory(path) ? undefined : ctx.fs.readFile(path);
      if (text === undefined) {
        ctx.stderr(ctx.fs.isDirectory(path) ? `sed: couldn't edit ${name}: not a regular file\n` : `sed: can't read ${name}: No such file or directory\n`);
        status = 2;
        continue;
      }
      inputs.push({ name, text });
    }
    const groups = this.options.separate ? inputs.map((x) => [x]) : [inputs];
    let lineNumber = 0;
    for (const group of groups) {
      const lines: { text: string; complete: boolean }[] = [];
      for (const input of group) {
        if (input.text === '') continue;
        const parts = input.text.split(sep);
        const complete = input.text.endsWith(sep);
        if (complete) parts.pop();
        parts.forEach((p, k) => lines.push({ text: p, complete: complete || k < parts.length - 1 }));
      }
      let out = '';
      const result = this.runLines(lines, (t) => (out += t), () => lineNumber, (n) => (lineNumber = n), group[0]?.name ?? '-');
      if (this.options.inPlace !== undefined && group[0] && group[0].name !== '-') {
        const path = ctx.fs.resolve(group[0].name);
        if (this.options.inPlace !== '') {
          const backup = this.options.inPlace.includes('*') ? this.options.inPlace.replace(/\*/g, group[0].name) : group[0].name + this.options.inPlace;
          ctx.fs.writeFile(ctx.fs.resolve(backup), group[0].text);
        }
        ctx.fs.writeFile(path, out);
      } else ctx.stdout(out);
      if (result.quit !== undefined) return result.quit;
      if (result.stopped) return 1;
    }
    return status;
  }

  private runLines(
    lines: { text: string; complete: boolean }[],
    write: (t: string) => void,
    getLine: () => number,
    setLine: (n: number) => void,
    fileName: string,
  ): { quit: number | undefined; stopped: boolean } {
    const sep = this.options.nul ? '\0' : '\n';
    let index = 0;
    let appendQueue: string[] = [];
    const isLast = () => index >= lines.length;
    const flushAppends = () => {
      for (const a of appendQueue) write(a);
      appendQueue = [];
    };
    // After a last line without its newline, anything more printed starts with the newline (GNU output_missing_newline).
    let missingNewline = false;
    const rawWrite = write;
    write = (t: string) => {
      if (t === '') return;
      if (missingNewline) rawWrite(sep);
      missingNewline = false;
      rawWrite(t);
    };
    const emit = (text: string, complete = true) => {
      write(complete ? text + sep : text);
      if (!complete) missingNewline = true;
    };
    let pattern = '';
    let patternComplete = true;
    const readNext = (): boolean => {
      if (index >= lines.length) return false;
      const line = lines[index++]!;
      pattern = line.text;
      patternComplete = line.complete;
      setLine(getLine() + 1);
      return true;
    };
    const matches = (a: Address): boolean => {
      switch (a.kind) {
        case 'line':
          return getLine() === a.n;
        case 'last':
          return isLast();
        case 'zero':
          return false;
        case 'step':
          return a.step <= 0 ? getLine() === a.first : getLine() >= a.first && (getLine() - a.first) % a.step === 0;
        case 'regex': {
          const re = a.re ?? this.lastRegex;
          if (!re) throw new SedError('no previous regular expression');
          this.lastRegex = re;
          this.work += pattern.length;
          return re.exec(pattern) !== undefined;
        }
      }
    };
    const selected = (c: Command): boolean => {
      if (!c.a1) return true;
      if (!c.a2) return matches(c.a1);
      const n = getLine();
      if (c.active) {
        const end = c.a2;
        let done: boolean;
        if (end.kind === 'line') done = n >= end.n;
        else if (end.kind === 'plus' || end.kind === 'multiple') done = n >= c.endLine!;
        else done = matches(end);
        if (done) c.active = false;
        return true;
      }
      const startsHere = c.a1.kind === 'zero' ? n === 1 || false : matches(c.a1);
      if (!startsHere) return false;
      const end = c.a2;
      if (end.kind === 'line') {
        c.active = end.n > n;
      } else if (end.kind === 'plus') {
        c.endLine = n + end.n;
        c.active = end.n > 0;
      } else if (end.kind === 'multiple') {
        c.endLine = end.n <= 0 ? n : Math.ceil(n / end.n) * end.n;
        c.active = c.endLine > n;
      } else if (c.a1.kind === 'zero') {
        c.active = !matches(end);
      } else c.active = true;
      return true;
    };
    try {
      cycle: while (readNext()) {
        // `t` looks at substitutions made since the last input line was read.
        let tFlag = false;
        let pc = 0;
        let autoprint = !this.options.quiet;
        let restartWithoutRead = false;
        do {
          restartWithoutRead = false;
          while (pc < this.commands.length) {
            if (++this.steps > limits.maxLoopIterations * 100) return { quit: undefined, stopped: this.stop() };
            const c = this.commands[pc]!;
            const hit = selected(c) !== c.negate;
            if (!hit) {
              pc = c.name === '{' ? c.jump! + 1 : pc + 1;
              continue;
            }
            pc++;
            switch (c.name) {
              case '{':
              case '}':
              case ':':
                break;
              case '=':
                write(`${getLine()}\n`);
                break;
              case 'a':
                appendQueue.push(`${c.arg}\n`);
                break;
              case 'i':
                write(`${c.arg}\n`);
                break;
              case 'c':
                // In a range, the text replaces the whole range: print it at its end only.
                if (!c.a2 || !c.active) write(`${c.arg}\n`);
                autoprint = false;
                flushAppends();
                continue cycle;
              case 'b':
                pc = c.jump! < 0 ? this.commands.length : c.jump!;
                break;
              case 't':
              case 'T':
                if (tFlag === (c.name === 't')) pc = c.jump! < 0 ? this.commands.length : c.jump!;
                tFlag = false;
                break;
              case 'd':
                autoprint = false;
                flushAppends();
                continue cycle;
              case 'D': {
                const nl = pattern.indexOf('\n');
                if (nl < 0) {
                  autoprint = false;
                  flushAppends();
                  continue cycle;
                }
                pattern = pattern.slice(nl + 1);
                flushAppends();
                pc = 0;
                restartWithoutRead = true;
                break;
              }
              case 'p':
                emit(pattern);
                break;
              case 'P':
                emit(pattern.split('\n')[0]!);
                break;
              case 'l':
                write(listLine(pattern, c.arg !== undefined ? Number(c.arg) : 70));
                break;
              case 'F':
                write(`${fileName}\n`);
                break;
              case 'z':
                pattern = '';
                break;
              case 'h':
                this.hold = pattern;
                break;
              case 'H':
                this.hold += `\n${pattern}`;
                break;
              case 'g':
                pattern = this.hold;
                break;
              case 'G':
                pattern += `\n${this.hold}`;
                break;
              case 'x':
                [pattern, this.hold] = [this.hold, pattern];
                break;
              case 'n':
                if (isLast()) {
                  // GNU sed prints the pattern space and quits when there is no next line.
                  if (autoprint) emit(pattern, patternComplete);
                  flushAppends();
                  return { quit: undefined, stopped: false };
                }
                if (autoprint) emit(pattern, patternComplete);
                flushAppends();
                readNext();
                break;
              case 'N':
                if (isLast()) {
                  if (autoprint) emit(pattern, patternComplete);
                  flushAppends();
                  return { quit: undefined, stopped: false };
                }
                {
                  const previous = pattern;
                  readNext();
                  pattern = `${previous}\n${pattern}`;
                }
                break;
              case 'q':
              case 'Q':
                if (c.name === 'q' && autoprint) emit(pattern, patternComplete);
                if (c.name === 'q') flushAppends();
                return { quit: c.arg !== undefined ? Number(c.arg) : 0, stopped: false };
              case 'y':
                pattern = [...pattern].map((ch) => c.map!.get(ch) ?? ch).join('');
                break;
              case 'r':
              case 'R': {
                const content = this.ctx.fs.readFile(this.ctx.fs.resolve(c.arg ?? ''));
                if (content !== undefined) appendQueue.push(c.name === 'R' ? `${content.split('\n')[0]}\n` : content);
                break;
              }
              case 'w':
              case 'W':
                this.ctx.fs.writeFile(this.ctx.fs.resolve(c.arg ?? ''), `${c.name === 'W' ? pattern.split('\n')[0] : pattern}\n`, true);
                break;
              case 's': {
                const re = c.regex ?? this.lastRegex;
                if (!re) throw new SedError('no previous regular expression');
                this.lastRegex = re;
                let count = 0;
                let out = '';
                let last = 0;
                let replaced = false;
                let previousEnd = -1;
                const wanted = c.occurrence ?? 1;
                for (let from = 0; from <= pattern.length; ) {
                  if (++this.steps > limits.maxLoopIterations * 100 || this.work > limits.maxWork) return { quit: undefined, stopped: this.stop() };
                  const m = re.exec(pattern, from);
                  this.work += (m ? m.end : pattern.length) - from + 1;
                  if (!m) break;
                  if (m.start === m.end && m.start === previousEnd) {
                    // No empty match right where the previous match ended (`s/x*/-/g` on "six" gives "-s-i-").
                    from = m.start + 1;
                    continue;
                  }
                  previousEnd = m.end;
                  count++;
                  if (count >= wanted) {
                    out += pattern.slice(last, m.start) + substitute(m, pattern, c.replacement!);
                    last = m.end;
                    replaced = true;
                    if (!c.global) break;
                  }
                  from = m.end > m.start ? m.end : m.end + 1;
                  if (m.end === m.start && m.end < pattern.length && count >= wanted) {
                    out += pattern[m.end];
                    last = m.end + 1;
                  }
                }
                if (replaced) {
                  pattern = out + pattern.slice(last);
                  // Building the new pattern space costs its length.
                  this.work += pattern.length;
                  tFlag = true;
                  if (c.print) emit(pattern);
                  if (c.writeFile !== undefined) this.ctx.fs.writeFile(this.ctx.fs.resolve(c.writeFile), `${pattern}\n`, true);
                }
                break;
              }
            }
          }
        } while (restartWithoutRead && pc < this.commands.length);
        if (autoprint) emit(pattern, patternComplete);
        flushAppends();
      }
    } catch (e) {
      if (e instanceof SedError) {
        this.ctx.stderr(`sed: ${e.message}\n`);
        return { quit: 4, stopped: false };
      }
      throw e;
    }
    return { quit: undefined, stopped: false };
  }

  private stop(): boolean {
    this.ctx.stderr('mtls-playground: sed stopped: the script ran longer than the simulator allows\n');
    return true;
  }
}

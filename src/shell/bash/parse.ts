import type {
  AndOr,
  Assignment,
  Command,
  ForCommand,
  GroupCommand,
  Heredoc,
  IfCommand,
  List,
  ParamOp,
  Pipeline,
  Redirect,
  Script,
  SimpleCommand,
  WhileCommand,
  Word,
  WordPart,
} from './ast.ts';
import { decodeEscape } from './decodeEscape.ts';
import { limits } from './limits.ts';

/** What the parser makes of an input. 'incomplete' means the terminal should prompt `> ` for more. */
export type ParseResult =
  | { status: 'complete'; script: Script }
  | { status: 'incomplete' }
  | { status: 'error'; message: string };

/** A parse plus the warnings bash prints while parsing (here-documents cut short by end of file). */
export interface ScriptParse {
  result: ParseResult;
  warnings: string[];
  /** For an 'incomplete' result: the heredoc whose body is still being read, when that is all that is open. */
  openHeredoc?: OpenHeredoc;
}

/** A heredoc waiting for its delimiter line. */
export interface OpenHeredoc {
  delimiter: string;
  stripTabs: boolean;
  quoted: boolean;
}

/** Parses one input as typed at the prompt (the lines so far, without the final newline). */
export function parse(text: string): ParseResult {
  return parseScript(text).result;
}

/**
 * Parses an input; with `atEof` the input is all there will ever be, so where the terminal would ask
 * for another line this reports what bash reports at end of file.
 */
export function parseScript(text: string, options: { atEof?: boolean } = {}): ScriptParse {
  const warnings: string[] = [];
  // The user pressed Enter: the input ends with a newline, which ends heredoc lines and tokens like `>`.
  const source = text.endsWith('\n') ? text : `${text}\n`;
  const parser = new Parser(source, options.atEof ?? false, 0, warnings);
  try {
    return { result: { status: 'complete', script: parser.parseScript() }, warnings };
  } catch (signal) {
    if (signal instanceof NeedMoreInput) return { result: { status: 'incomplete' }, warnings, openHeredoc: signal.heredoc };
    if (signal instanceof ParseFailure) return { result: { status: 'error', message: signal.message }, warnings };
    const reason = signal instanceof Error ? signal.message : String(signal);
    return { result: { status: 'error', message: `bash: input too complex to parse (${reason})` }, warnings };
  }
}

/** Thrown inside the parser when the input stops where bash would read another line. */
class NeedMoreInput {
  constructor(readonly heredoc?: OpenHeredoc) {}
}

/** Thrown inside the parser for a syntax error; `parseScript` turns it into a result. */
class ParseFailure {
  constructor(readonly message: string) {}
}

type Token =
  | { kind: 'word'; word: Word; reserved: string | undefined; start: number; end: number }
  | { kind: 'op'; op: string; start: number; end: number }
  | { kind: 'io'; fd: number; raw: string; start: number; end: number }
  | { kind: 'newline'; start: number }
  | { kind: 'eof'; start: number };

/** How the word scanner treats characters: where it stops and what is quoted. */
type ScanMode = 'word' | 'dquote' | 'heredoc' | 'brace' | 'braceQuoted' | 'arithmetic';

const RESERVED = new Set([
  '!', '{', '}', 'case', 'coproc', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'function',
  'if', 'in', 'select', 'then', 'time', 'until', 'while', '[[',
]);
const UNSUPPORTED = new Set(['case', 'coproc', 'function', 'select', 'time', '[[']);
/** Reserved words that may only follow an opening one, so bash rejects them at the start of a command. */
const CLOSING = new Set(['!', '}', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'in', 'then']);
// Longest first, so that `<<-` wins over `<<` and `<`.
const OPERATORS = [
  '<<<', '<<-', '&>>', ';;&', '&&', '||', '|&', ';;', ';&', '<<', '<&', '<>', '>>', '>&', '>|', '&>',
  '&', '|', ';', '(', ')', '<', '>',
];
const REDIRECT_OPS = new Set(['<', '>', '>>', '>|', '<>', '<<', '<<-', '<<<', '<&', '>&', '&>', '&>>']);
const META = ' \t\n;&|()<>';
const SPECIAL: Record<ScanMode, string> = {
  word: `${META}\\'"$\``,
  brace: '}\\\'"$`',
  braceQuoted: '}\\"$`',
  dquote: '"\\$`',
  heredoc: '\\$`',
  arithmetic: '()\\$`',
};
/** Characters a backslash escapes inside double quotes (and heredocs, without `"`). */
const DQUOTE_ESCAPABLE = '$`"\\\n';
const HEREDOC_ESCAPABLE = '$`\\\n';

class Parser {
  private pos = 0;
  private peeked: Token | undefined;
  private pendingHeredocs: { heredoc: Heredoc; start: number }[] = [];
  /** Open quotes and substitutions, innermost last, for bash's end-of-file message. */
  private openStack: string[] = [];
  private lineCache = { pos: 0, line: 1 };

  constructor(
    private readonly src: string,
    private readonly atEof: boolean,
    private depth: number,
    private readonly warnings: string[],
  ) {}

  parseScript(): Script {
    const body = this.parseList(undefined, true);
    if (this.pendingHeredocs.length > 0) this.readHeredocs();
    return { body };
  }

  // ---- grammar -------------------------------------------------------------------------------

  private parseList(stop: ((t: Token) => boolean) | undefined, allowEmpty: boolean): List {
    const list: List = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') {
        if (!stop) break;
        this.needMore();
      }
      if (stop?.(t)) break;
      list.push(this.parseAndOr());
      const s = this.peek();
      if (s.kind === 'op' && (s.op === ';' || s.op === '&')) {
        this.next();
        continue;
      }
      if (s.kind === 'newline') continue;
      if (s.kind === 'eof') {
        if (!stop) break;
        this.needMore();
      }
      if (stop?.(s)) break;
      this.unexpected(s);
    }
    if (!allowEmpty && list.length === 0) this.unexpected(this.peek());
    return list;
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.next();
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    for (let t = this.peek(); t.kind === 'word' && t.reserved === '!'; t = this.peek()) {
      this.next();
      negated = !negated;
    }
    const commands = [this.parseCommand()];
    const pipeStderr: boolean[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '|' && t.op !== '|&')) break;
      this.next();
      pipeStderr.push(t.op === '|&');
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    pipeStderr.push(false);
    return { negated, commands, pipeStderr };
  }

  private parseCommand(): Command {
    const t = this.peek();
    if (t.kind === 'eof') this.needMore();
    if (t.kind === 'word' && t.reserved !== undefined) {
      const reserved = t.reserved;
      if (reserved === 'for') return this.parseFor();
      if (reserved === 'while' || reserved === 'until') return this.parseWhile(reserved === 'until');
      if (reserved === 'if') return this.parseIf();
      if (reserved === '{') return this.parseGroup();
      if (CLOSING.has(reserved)) this.unexpected(t);
      if (UNSUPPORTED.has(reserved)) {
        throw new ParseFailure(`bash: ${reserved}: not supported by this simulated shell`);
      }
    }
    if (t.kind === 'op' && t.op === '(') return this.parseSubshell();
    if (t.kind === 'word' || t.kind === 'io' || (t.kind === 'op' && REDIRECT_OPS.has(t.op))) {
      return this.parseSimple();
    }
    return this.unexpected(t);
  }

  private parseSimple(): SimpleCommand {
    const cmd: SimpleCommand = { type: 'simple', assignments: [], words: [], redirects: [] };
    for (;;) {
      const t = this.peek();
      if (t.kind === 'io' || (t.kind === 'op' && REDIRECT_OPS.has(t.op))) {
        cmd.redirects.push(this.parseRedirect());
        continue;
      }
      if (t.kind !== 'word') break;
      this.next();
      const assignment = cmd.words.length === 0 ? toAssignment(t.word) : undefined;
      if (assignment) {
        cmd.assignments.push(assignment);
        const n = this.peek();
        // `A=(1 2)` is a bash array; the `(` follows the `=` directly.
        if (n.kind === 'op' && n.op === '(' && n.start === t.end && t.word.raw.endsWith('=')) {
          throw new ParseFailure('bash: arrays are not supported by this simulated shell');
        }
        continue;
      }
      cmd.words.push(t.word);
      if (cmd.words.length === 1 && cmd.assignments.length === 0 && cmd.redirects.length === 0) {
        const n = this.peek();
        // `name (` starts a function definition in bash, which then wants `)`.
        if (n.kind === 'op' && n.op === '(') {
          this.next();
          const m = this.peek();
          if (m.kind === 'op' && m.op === ')') {
            throw new ParseFailure('bash: function definitions are not supported by this simulated shell');
          }
          this.unexpected(m);
        }
      }
    }
    return cmd;
  }

  private parseFor(): ForCommand {
    this.next();
    this.enter();
    const nameToken = this.next();
    if (nameToken.kind !== 'word') this.unexpected(nameToken);
    const name = nameToken.word.raw;
    this.skipNewlines();
    let items: Word[] | undefined;
    const t = this.peek();
    if (t.kind === 'word' && t.reserved === 'in') {
      this.next();
      items = [];
      let w = this.peek();
      while (w.kind === 'word') {
        this.next();
        items.push(w.word);
        w = this.peek();
      }
      if ((w.kind === 'op' && w.op === ';') || w.kind === 'newline') this.next();
      else this.unexpected(w);
    } else if (t.kind === 'op' && t.op === ';') {
      this.next();
    }
    this.skipNewlines();
    this.expectReserved('do');
    const body = this.parseList(isReserved('done'), false);
    this.next();
    this.exit();
    return { type: 'for', name, items, body, redirects: this.parseRedirects() };
  }

  private parseWhile(until: boolean): WhileCommand {
    this.next();
    this.enter();
    const condition = this.parseList(isReserved('do'), false);
    this.next();
    const body = this.parseList(isReserved('done'), false);
    this.next();
    this.exit();
    return { type: 'while', until, condition, body, redirects: this.parseRedirects() };
  }

  private parseIf(): IfCommand {
    this.next();
    this.enter();
    const clauses: IfCommand['clauses'] = [];
    let elseBody: List | undefined;
    const endOfBody = isReserved('elif', 'else', 'fi');
    for (;;) {
      const condition = this.parseList(isReserved('then'), false);
      this.next();
      clauses.push({ condition, body: this.parseList(endOfBody, false) });
      const t = this.next();
      if (t.kind === 'word' && t.reserved === 'elif') continue;
      if (t.kind === 'word' && t.reserved === 'else') {
        elseBody = this.parseList(isReserved('fi'), false);
        this.next();
      }
      break;
    }
    this.exit();
    return { type: 'if', clauses, elseBody, redirects: this.parseRedirects() };
  }

  private parseGroup(): GroupCommand {
    this.next();
    this.enter();
    const body = this.parseList(isReserved('}'), false);
    this.next();
    this.exit();
    return { type: 'group', body, redirects: this.parseRedirects() };
  }

  private parseSubshell(): GroupCommand {
    this.next();
    this.enter();
    const body = this.parseList((t) => t.kind === 'op' && t.op === ')', false);
    this.next();
    this.exit();
    return { type: 'subshell', body, redirects: this.parseRedirects() };
  }

  private parseRedirects(): Redirect[] {
    const redirects: Redirect[] = [];
    for (let t = this.peek(); t.kind === 'io' || (t.kind === 'op' && REDIRECT_OPS.has(t.op)); t = this.peek()) {
      redirects.push(this.parseRedirect());
    }
    return redirects;
  }

  private parseRedirect(): Redirect {
    let fd: number | undefined;
    let t = this.next();
    if (t.kind === 'io') {
      fd = t.fd;
      t = this.next();
    }
    if (t.kind !== 'op') return this.unexpected(t);
    const op = t.op;
    const target = this.next();
    if (target.kind !== 'word') return this.unexpected(target);
    const word = target.word;
    switch (op) {
      case '<<':
      case '<<-': {
        const { delimiter, quoted } = unquoteDelimiter(word.raw);
        const heredoc: Heredoc = {
          type: 'heredoc',
          fd: fd ?? 0,
          delimiter,
          quoted,
          stripTabs: op === '<<-',
          body: { parts: [], raw: '' },
        };
        // The body starts on the next line; the lexer reads it when it reaches the newline.
        this.pendingHeredocs.push({ heredoc, start: t.start });
        return heredoc;
      }
      case '<<<':
        return { type: 'herestring', fd: fd ?? 0, target: word };
      case '<':
      case '<>':
        return { type: 'file', fd: fd ?? 0, op, target: word };
      case '>':
      case '>|':
        return { type: 'file', fd: fd ?? 1, op: '>', target: word };
      case '>>':
        return { type: 'file', fd: fd ?? 1, op: '>>', target: word };
      case '&>':
      case '&>>':
        return { type: 'both', append: op === '&>>', target: word };
      case '>&':
        return { type: 'dup', fd: fd ?? 1, op: '>&', target: word };
      default:
        return { type: 'dup', fd: fd ?? 0, op: '<&', target: word };
    }
  }

  private expectReserved(word: string): void {
    const t = this.next();
    if (t.kind !== 'word' || t.reserved !== word) this.unexpected(t);
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > limits.maxNesting) {
      throw new ParseFailure(`bash: syntax error: nesting deeper than ${limits.maxNesting} levels`);
    }
  }

  private exit(): void {
    this.depth -= 1;
  }

  private unexpected(t: Token): never {
    if (t.kind === 'eof') this.needMore();
    const text = t.kind === 'newline' ? 'newline' : t.kind === 'op' ? t.op : t.kind === 'io' ? t.raw : t.word.raw;
    throw new ParseFailure(`bash: syntax error near unexpected token \`${text}'`);
  }

  /** The input ended early: ask for another line, or at end of file report it as bash does. */
  private needMore(): never {
    if (!this.atEof) throw new NeedMoreInput();
    const open = this.openStack[this.openStack.length - 1];
    throw new ParseFailure(
      open === undefined
        ? 'bash: syntax error: unexpected end of file'
        : `bash: unexpected EOF while looking for matching \`${open}'`,
    );
  }

  // ---- tokens --------------------------------------------------------------------------------

  private peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private lex(): Token {
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (c === ' ' || c === '\t') this.pos += 1;
      else if (c === '\\' && src[this.pos + 1] === '\n') this.skipContinuation();
      else if (c === '#') {
        const end = src.indexOf('\n', this.pos);
        this.pos = end < 0 ? src.length : end;
      } else break;
    }
    const start = this.pos;
    if (start >= src.length) {
      if (this.pendingHeredocs.length > 0) this.readHeredocs();
      return { kind: 'eof', start };
    }
    const c = src[start]!;
    if (c === '\n') {
      this.pos += 1;
      if (this.pendingHeredocs.length > 0) this.readHeredocs();
      return { kind: 'newline', start };
    }
    if ('&|;()<>'.includes(c)) {
      const op = OPERATORS.find((o) => src.startsWith(o, start)) ?? c;
      this.pos += op.length;
      return { kind: 'op', op, start, end: this.pos };
    }
    const parts = this.scanParts('word');
    const end = this.pos;
    const raw = src.slice(start, end);
    const only = parts.length === 1 ? parts[0] : undefined;
    const plain = only?.type === 'literal' && !only.quoted ? only.value : undefined;
    if (plain !== undefined && /^\d+$/.test(plain) && (src[end] === '<' || src[end] === '>')) {
      return { kind: 'io', fd: Number(plain), raw, start, end };
    }
    const reserved = plain !== undefined && RESERVED.has(plain) ? plain : undefined;
    return { kind: 'word', word: { parts, raw }, reserved, start, end };
  }

  /** Skips a backslash-newline; one at the very end of the input asks for another line. */
  private skipContinuation(): void {
    this.pos += 2;
    if (this.pos >= this.src.length && !this.atEof) throw new NeedMoreInput();
  }

  private readHeredocs(): void {
    const pending = this.pendingHeredocs;
    this.pendingHeredocs = [];
    pending.forEach(({ heredoc, start }, i) => this.readHeredoc(heredoc, start, i === pending.length - 1));
  }

  private readHeredoc(heredoc: Heredoc, start: number, isLast: boolean): void {
    const src = this.src;
    const lines: string[] = [];
    for (;;) {
      if (this.pos >= src.length) {
        if (!this.atEof) {
          const { delimiter, stripTabs, quoted } = heredoc;
          // Only a top-level heredoc with nothing after it can be finished by the next line alone.
          throw new NeedMoreInput(isLast && this.depth === 0 ? { delimiter, stripTabs, quoted } : undefined);
        }
        this.warnings.push(
          `bash: warning: here-document at line ${this.lineAt(start)} delimited by end-of-file (wanted \`${heredoc.delimiter}')`,
        );
        break;
      }
      let line = this.readLine();
      // In an unquoted heredoc a backslash-newline joins lines before the delimiter is looked for.
      while (!heredoc.quoted && endsWithOddBackslashes(line) && this.pos < src.length) {
        line = line.slice(0, -1) + this.readLine();
      }
      if (heredoc.stripTabs) line = line.replace(/^\t+/, '');
      if (line === heredoc.delimiter) break;
      lines.push(`${line}\n`);
    }
    const text = lines.join('');
    heredoc.body = heredoc.quoted
      ? { parts: [{ type: 'literal', value: text, quoted: true }], raw: text }
      : { parts: new Parser(text, true, this.depth, this.warnings).scanParts('heredoc'), raw: text };
  }

  private readLine(): string {
    const end = this.src.indexOf('\n', this.pos);
    const stop = end < 0 ? this.src.length : end;
    const line = this.src.slice(this.pos, stop);
    this.pos = end < 0 ? this.src.length : end + 1;
    return line;
  }

  /** 1-based line number of a position; positions asked for only grow, so this stays linear. */
  private lineAt(pos: number): number {
    if (pos < this.lineCache.pos) this.lineCache = { pos: 0, line: 1 };
    let { pos: at, line } = this.lineCache;
    for (let i = this.src.indexOf('\n', at); i >= 0 && i < pos; i = this.src.indexOf('\n', i + 1)) {
      line += 1;
      at = i + 1;
    }
    this.lineCache = { pos: at, line };
    return line;
  }

  // ---- words ---------------------------------------------------------------------------------

  /** Scans word parts from `pos` until the mode's terminator; the terminator is left unread, except `"`. */
  private scanParts(mode: ScanMode, stopAt = ''): WordPart[] {
    const src = this.src;
    const out = new PartsBuilder();
    const quoted = mode !== 'word' && mode !== 'brace';
    const special = SPECIAL[mode] + stopAt;
    let parens = 0;
    for (;;) {
      if (this.pos >= src.length) {
        if (mode === 'word' || mode === 'heredoc') return out.done();
        this.needMore();
      }
      const c = src[this.pos]!;
      if (!special.includes(c)) {
        let end = this.pos + 1;
        while (end < src.length && !special.includes(src[end]!)) end += 1;
        out.literal(src.slice(this.pos, end), quoted);
        this.pos = end;
        continue;
      }
      switch (c) {
        case '\\':
          this.scanBackslash(mode, out);
          continue;
        case "'":
          this.scanSingleQuotes(out);
          continue;
        case '"':
          if (mode === 'dquote') {
            this.pos += 1;
            return out.done();
          }
          this.pos += 1;
          this.openStack.push('"');
          out.quotedGroup(this.scanParts('dquote'));
          this.openStack.pop();
          continue;
        case '$':
          this.scanDollar(quoted, out);
          continue;
        case '`':
          this.scanBackquote(quoted, out);
          continue;
        case '(':
          if (mode !== 'arithmetic') return out.done();
          parens += 1;
          out.literal(c, quoted);
          this.pos += 1;
          continue;
        case ')':
          if (mode !== 'arithmetic') return out.done();
          if (parens === 0 && src[this.pos + 1] === ')') {
            this.pos += 2;
            return out.done();
          }
          parens = Math.max(0, parens - 1);
          out.literal(c, quoted);
          this.pos += 1;
          continue;
        default:
          // A metacharacter ends a plain word; `}` (or a `stopAt` character) ends the inside of `${…}`.
          return out.done();
      }
    }
  }

  private scanBackslash(mode: ScanMode, out: PartsBuilder): void {
    const next = this.src[this.pos + 1];
    if (next === undefined) {
      out.literal('\\', mode !== 'word' && mode !== 'brace');
      this.pos += 1;
      return;
    }
    if (next === '\n') {
      this.skipContinuation();
      return;
    }
    if (mode === 'word' || mode === 'brace') {
      out.literal(next, true);
      this.pos += 2;
      return;
    }
    const escapable = mode === 'dquote' || mode === 'braceQuoted' ? DQUOTE_ESCAPABLE : HEREDOC_ESCAPABLE;
    if (escapable.includes(next)) {
      out.literal(next, true);
      this.pos += 2;
    } else {
      out.literal('\\', true);
      this.pos += 1;
    }
  }

  private scanSingleQuotes(out: PartsBuilder): void {
    const end = this.src.indexOf("'", this.pos + 1);
    if (end < 0) {
      this.openStack.push("'");
      this.needMore();
    }
    out.literal(this.src.slice(this.pos + 1, end), true);
    this.pos = end + 1;
  }

  private scanDollar(quoted: boolean, out: PartsBuilder): void {
    const src = this.src;
    const next = src[this.pos + 1];
    if (next === '{') {
      this.scanBraceParam(quoted, out);
    } else if (next === '(' && src[this.pos + 2] === '(') {
      this.pos += 3;
      this.openStack.push(')');
      this.enter();
      const start = this.pos;
      const parts = this.scanParts('arithmetic');
      this.exit();
      this.openStack.pop();
      out.part({ type: 'arithmetic', expression: { parts, raw: src.slice(start, this.pos - 2) }, quoted });
    } else if (next === '(') {
      this.pos += 2;
      this.openStack.push(')');
      this.enter();
      const body = this.parseList((t) => t.kind === 'op' && t.op === ')', true);
      this.next();
      this.exit();
      this.openStack.pop();
      out.part({ type: 'command', script: { body }, quoted });
    } else if (next === "'" && !quoted) {
      this.scanAnsiC(out);
    } else if (next === '"' && !quoted) {
      // `$"…"` is a translated string; with no translations it is just "…".
      this.pos += 1;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      let end = this.pos + 2;
      while (end < src.length && /[A-Za-z0-9_]/.test(src[end]!)) end += 1;
      out.part({ type: 'param', name: src.slice(this.pos + 1, end), op: { kind: 'plain' }, quoted });
      this.pos = end;
    } else if (next !== undefined && /[0-9?$#!@*-]/.test(next)) {
      out.part({ type: 'param', name: next, op: { kind: 'plain' }, quoted });
      this.pos += 2;
    } else {
      out.literal('$', quoted);
      this.pos += 1;
    }
  }

  private scanBraceParam(quoted: boolean, out: PartsBuilder): void {
    const src = this.src;
    const start = this.pos;
    this.pos += 2;
    this.openStack.push('}');
    this.enter();
    const operandMode: ScanMode = quoted ? 'braceQuoted' : 'brace';
    let op: ParamOp | undefined;
    const isLength =
      src[this.pos] === '#' && src[this.pos + 1] !== '}' && /[A-Za-z0-9_?$#!@*-]/.test(src[this.pos + 1] ?? '');
    const isIndirect = src[this.pos] === '!' && /[A-Za-z_]/.test(src[this.pos + 1] ?? '');
    if (isLength || isIndirect) this.pos += 1;
    const name = this.readParamName();
    const c = src[this.pos];
    if (name === '' || c === undefined) {
      // no name: bad substitution
    } else if (isLength || isIndirect) {
      if (c === '}') op = { kind: isLength ? 'length' : 'indirect' };
    } else if (c === '}') {
      op = { kind: 'plain' };
    } else if (isOneOf('-=+?', c) || (c === ':' && isOneOf('-=+?', src[this.pos + 1]))) {
      const colon = c === ':';
      const sign = colon ? src[this.pos + 1]! : c;
      this.pos += colon ? 2 : 1;
      const kinds = { '-': 'default', '=': 'assign', '+': 'alternative', '?': 'error' } as const;
      op = { kind: kinds[sign as keyof typeof kinds], colon, word: this.scanOperand(operandMode) };
    } else if (c === ':') {
      this.pos += 1;
      const offset = this.scanOperand(operandMode, ':');
      let length: Word | undefined;
      if (src[this.pos] === ':') {
        this.pos += 1;
        length = this.scanOperand(operandMode);
      }
      op = { kind: 'substring', offset, length };
    } else if (c === '#' || c === '%') {
      const longest = src[this.pos + 1] === c;
      this.pos += longest ? 2 : 1;
      op = { kind: c === '#' ? 'removePrefix' : 'removeSuffix', longest, pattern: this.scanOperand(operandMode) };
    } else if (c === '/') {
      const modes = { '/': 'all', '#': 'prefix', '%': 'suffix' } as const;
      const m = modes[src[this.pos + 1] as keyof typeof modes];
      this.pos += m ? 2 : 1;
      const pattern = this.scanOperand(operandMode, '/');
      let replacement: Word = { parts: [], raw: '' };
      if (src[this.pos] === '/') {
        this.pos += 1;
        replacement = this.scanOperand(operandMode);
      }
      op = { kind: 'replace', mode: m ?? 'first', pattern, replacement };
    }
    if (op && src[this.pos] === '}') {
      this.pos += 1;
      out.part({ type: 'param', name, op, quoted });
    } else {
      this.skipToBraceEnd();
      out.part({ type: 'badSubstitution', raw: src.slice(start, this.pos), quoted });
    }
    this.exit();
    this.openStack.pop();
  }

  private scanOperand(mode: ScanMode, stopAt = ''): Word {
    const start = this.pos;
    const parts = this.scanParts(mode, stopAt);
    return { parts, raw: this.src.slice(start, this.pos) };
  }

  private readParamName(): string {
    const src = this.src;
    const start = this.pos;
    const c = src[start] ?? '';
    if (/[A-Za-z_]/.test(c)) {
      let end = start + 1;
      while (end < src.length && /[A-Za-z0-9_]/.test(src[end]!)) end += 1;
      this.pos = end;
    } else if (/[0-9]/.test(c)) {
      let end = start + 1;
      while (end < src.length && /[0-9]/.test(src[end]!)) end += 1;
      this.pos = end;
    } else if (/[?$#!@*-]/.test(c)) {
      this.pos = start + 1;
    }
    return src.slice(start, this.pos);
  }

  /** Skips to the `}` that closes a `${` bash will reject, minding quotes and nested braces. */
  private skipToBraceEnd(): void {
    const src = this.src;
    let depth = 0;
    for (;;) {
      if (this.pos >= src.length) this.needMore();
      const c = src[this.pos]!;
      if (c === '\\') this.pos += 2;
      else if (c === "'" || c === '"') {
        const end = src.indexOf(c, this.pos + 1);
        if (end < 0) this.needMore();
        this.pos = end + 1;
      } else if (c === '{') {
        depth += 1;
        this.pos += 1;
      } else if (c === '}') {
        this.pos += 1;
        if (depth === 0) return;
        depth -= 1;
      } else this.pos += 1;
    }
  }

  private scanBackquote(quoted: boolean, out: PartsBuilder): void {
    const src = this.src;
    this.pos += 1;
    const pieces: string[] = [];
    const escapable = quoted ? '$`\\"' : '$`\\';
    for (;;) {
      if (this.pos >= src.length) {
        this.openStack.push('`');
        this.needMore();
      }
      const end = findAny(src, '\\`', this.pos);
      if (end < 0) {
        this.pos = src.length;
        continue;
      }
      pieces.push(src.slice(this.pos, end));
      this.pos = end;
      if (src[end] === '`') {
        this.pos += 1;
        break;
      }
      const next = src[end + 1];
      if (next !== undefined && escapable.includes(next)) {
        pieces.push(next);
        this.pos += 2;
      } else {
        pieces.push('\\');
        this.pos += 1;
      }
    }
    this.enter();
    const script = new Parser(pieces.join(''), true, this.depth, this.warnings).parseScript();
    this.exit();
    out.part({ type: 'command', script, quoted });
  }

  private scanAnsiC(out: PartsBuilder): void {
    const src = this.src;
    this.pos += 2;
    let value = '';
    for (;;) {
      if (this.pos >= src.length) {
        this.openStack.push("'");
        this.needMore();
      }
      const c = src[this.pos]!;
      if (c === "'") {
        this.pos += 1;
        break;
      }
      if (c === '\\') {
        const { text, length } = decodeEscape(src, this.pos);
        value += text;
        this.pos += length;
      } else {
        value += c;
        this.pos += 1;
      }
    }
    out.literal(value, true);
  }
}

/** Collects word parts, merging neighbouring literals of the same quoting. */
class PartsBuilder {
  private readonly parts: WordPart[] = [];
  private text: string[] = [];
  private textQuoted = false;
  private hasText = false;

  literal(value: string, quoted: boolean): void {
    if (this.hasText && this.textQuoted !== quoted) this.flush();
    this.text.push(value);
    this.textQuoted = quoted;
    this.hasText = true;
  }

  /** The inside of "…": even when empty it still makes a (quoted, empty) word. */
  quotedGroup(parts: WordPart[]): void {
    if (parts.length === 0) this.literal('', true);
    for (const p of parts) {
      if (p.type === 'literal') this.literal(p.value, true);
      else this.part(p);
    }
  }

  part(part: WordPart): void {
    this.flush();
    this.parts.push(part);
  }

  done(): WordPart[] {
    this.flush();
    return this.parts;
  }

  private flush(): void {
    if (!this.hasText) return;
    this.parts.push({ type: 'literal', value: this.text.join(''), quoted: this.textQuoted });
    this.text = [];
    this.hasText = false;
  }
}

function isOneOf(chars: string, c: string | undefined): boolean {
  return c !== undefined && c.length === 1 && chars.includes(c);
}

function isReserved(...words: string[]): (t: Token) => boolean {
  return (t) => t.kind === 'word' && t.reserved !== undefined && words.includes(t.reserved);
}

function toAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (!first || first.type !== 'literal' || first.quoted) return undefined;
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.value);
  if (!match) return undefined;
  const rest = first.value.slice(match[0].length);
  const parts: WordPart[] = rest ? [{ ...first, value: rest }, ...word.parts.slice(1)] : word.parts.slice(1);
  return { name: match[1]!, append: match[2] === '+', value: { parts, raw: word.raw.slice(match[0].length) } };
}

/** Quote removal on a heredoc delimiter; any quoting makes the body literal. */
function unquoteDelimiter(raw: string): { delimiter: string; quoted: boolean } {
  let delimiter = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw[i]!;
    if (c === "'" || c === '"') {
      quoted = true;
      const end = raw.indexOf(c, i + 1);
      const stop = end < 0 ? raw.length : end;
      delimiter += raw.slice(i + 1, stop);
      i = stop;
    } else if (c === '\\') {
      quoted = true;
      delimiter += raw[i + 1] ?? '';
      i += 1;
    } else {
      delimiter += c;
    }
  }
  return { delimiter, quoted };
}

function endsWithOddBackslashes(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i -= 1) n += 1;
  return n % 2 === 1;
}

function findAny(src: string, chars: string, from: number): number {
  for (let i = from; i < src.length; i += 1) if (chars.includes(src[i]!)) return i;
  return -1;
}

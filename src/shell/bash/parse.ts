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
  const parser = new Parser(sourceOf(text), options.atEof ?? false, 0, warnings);
  const steps = parser.parseScript();
  return { result: settle(() => steps.next()), warnings };
}

/**
 * Parses an input that arrives a line at a time, as the terminal collects it. Each line continues
 * the parse where the previous one paused, so a paste of many lines costs time linear in its length;
 * every answer is the one `parse` gives for all the lines so far, joined by newlines.
 */
export class LineParser {
  private parser: Parser | undefined;
  private steps: Steps<Script> | undefined;
  private result: ParseResult = { status: 'incomplete' };
  /**
   * The input so far ends with a newline of its own (an empty last line), so `sourceOf` added none:
   * the newline after that empty line is only added once another line comes.
   */
  private withheld = false;

  /** Adds the next line (or several, joined by newlines); returns the parse of all the input so far. */
  push(lines: string): ParseResult {
    if (this.result.status !== 'incomplete') throw new Error('LineParser: the input is already complete');
    const started = this.parser !== undefined;
    const bare = lines.endsWith('\n') || (started && lines === '');
    const piece = `${this.withheld ? '\n' : ''}${lines}${bare ? '' : '\n'}`;
    this.withheld = bare;
    if (!this.parser || !this.steps) {
      this.parser = new Parser(piece, false, 0, []);
      this.steps = this.parser.parseScript();
    } else {
      this.parser.append(piece);
      // Nothing new to read: the parse stays paused where it was.
      if (piece === '') return this.result;
    }
    const steps = this.steps;
    this.result = settle(() => steps.next());
    return this.result;
  }

  /**
   * Characters of input the paused parse holds: about one line, however long the input has grown,
   * since what has been read is dropped. Tests use it to check that a paste is never read twice.
   */
  get held(): number {
    return this.parser?.held ?? 0;
  }
}

/** The user pressed Enter: the input ends with a newline, which ends heredoc lines and tokens like `>`. */
function sourceOf(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Resumes a parse and says what it came to: finished, paused for more input, or failed. */
function settle(resume: () => IteratorResult<void, Script>): ParseResult {
  try {
    const step = resume();
    return step.done ? { status: 'complete', script: step.value } : { status: 'incomplete' };
  } catch (signal) {
    if (signal instanceof ParseFailure) return { status: 'error', message: signal.message };
    const reason = signal instanceof Error ? signal.message : String(signal);
    return { status: 'error', message: `bash: input too complex to parse (${reason})` };
  }
}

/**
 * The parser's steps. Where the input runs out before the syntax is finished, a step pauses (yields)
 * until `Parser.append` adds the next line, and then carries on exactly as if that line had been
 * there from the start; with all the input known (`atEof`) nothing pauses.
 */
type Steps<T> = Generator<void, T, void>;

/** Runs the steps of a parser that has all its input. */
function finish<T>(steps: Steps<T>): T {
  const step = steps.next();
  if (!step.done) throw new Error('a parser with all its input paused');
  return step.value;
}

/** Thrown inside the parser for a syntax error; `settle` turns it into a result. */
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

/** Source text being collected for a word's `raw`, kept across `Parser.append`. */
interface Capture {
  pieces: string[];
  from: number;
}

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

/**
 * A recursive-descent parser whose methods are generators (see `Steps`). `src` holds the input from
 * the last `append` on; token positions count from the start of the whole input.
 */
class Parser {
  private pos = 0;
  /** How much input `append` has dropped from the front of `src`. */
  private base = 0;
  private peeked: Token | undefined;
  private pendingHeredocs: { heredoc: Heredoc; start: number }[] = [];
  /** Open quotes and substitutions, innermost last, for bash's end-of-file message. */
  private openStack: string[] = [];
  private captures: Capture[] = [];
  private lineCache = { pos: 0, line: 1 };

  constructor(
    private src: string,
    private readonly atEof: boolean,
    private depth: number,
    private readonly warnings: string[],
  ) {}

  /**
   * Adds input after a pause. Every pause happens with all of `src` read, and nothing read is looked
   * at again except through captures, so the read part is dropped instead of copied along.
   */
  append(text: string): void {
    for (const capture of this.captures) {
      capture.pieces.push(this.src.slice(capture.from, this.pos));
      capture.from = 0;
    }
    this.base += this.pos;
    this.src = this.src.slice(this.pos) + text;
    this.pos = 0;
  }

  get held(): number {
    return this.src.length;
  }

  *parseScript(): Steps<Script> {
    const body = yield* this.parseList(undefined, true);
    if (this.pendingHeredocs.length > 0) yield* this.readHeredocs();
    return { body };
  }

  // ---- grammar -------------------------------------------------------------------------------

  private *parseList(stop: ((t: Token) => boolean) | undefined, allowEmpty: boolean): Steps<List> {
    // Only the outermost list may end where the input ends; anywhere else the end means "more".
    const endOk = stop === undefined;
    const list: List = [];
    for (;;) {
      yield* this.skipNewlines(endOk);
      const t = this.peeked ?? (yield* this.peek(endOk));
      if (t.kind === 'eof') {
        if (!stop) break;
        this.endOfFile();
      }
      if (stop?.(t)) break;
      list.push(yield* this.parseAndOr());
      const s = this.peeked ?? (yield* this.peek(endOk));
      if (s.kind === 'op' && (s.op === ';' || s.op === '&')) {
        this.skip();
        continue;
      }
      if (s.kind === 'newline') continue;
      if (s.kind === 'eof') {
        if (!stop) break;
        this.endOfFile();
      }
      if (stop?.(s)) break;
      this.unexpected(s);
    }
    if (!allowEmpty && list.length === 0) this.unexpected(this.peeked ?? (yield* this.peek()));
    return list;
  }

  private *parseAndOr(): Steps<AndOr> {
    const first = yield* this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peeked ?? (yield* this.peek());
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.skip();
      yield* this.skipNewlines();
      rest.push({ op: t.op, pipeline: yield* this.parsePipeline() });
    }
    return { first, rest };
  }

  private *parsePipeline(): Steps<Pipeline> {
    let negated = false;
    for (let t = this.peeked ?? (yield* this.peek()); t.kind === 'word' && t.reserved === '!'; t = this.peeked ?? (yield* this.peek())) {
      this.skip();
      negated = !negated;
    }
    const commands = [yield* this.parseCommand()];
    const pipeStderr: boolean[] = [];
    for (;;) {
      const t = this.peeked ?? (yield* this.peek());
      if (t.kind !== 'op' || (t.op !== '|' && t.op !== '|&')) break;
      this.skip();
      pipeStderr.push(t.op === '|&');
      yield* this.skipNewlines();
      commands.push(yield* this.parseCommand());
    }
    pipeStderr.push(false);
    return { negated, commands, pipeStderr };
  }

  private *parseCommand(): Steps<Command> {
    const t = this.peeked ?? (yield* this.peek());
    if (t.kind === 'eof') this.endOfFile();
    if (t.kind === 'word' && t.reserved !== undefined) {
      const reserved = t.reserved;
      if (reserved === 'for') return yield* this.parseFor();
      if (reserved === 'while' || reserved === 'until') return yield* this.parseWhile(reserved === 'until');
      if (reserved === 'if') return yield* this.parseIf();
      if (reserved === '{') return yield* this.parseGroup();
      if (CLOSING.has(reserved)) this.unexpected(t);
      if (UNSUPPORTED.has(reserved)) {
        throw new ParseFailure(`bash: ${reserved}: not supported by this simulated shell`);
      }
    }
    if (t.kind === 'op' && t.op === '(') return yield* this.parseSubshell();
    if (t.kind === 'word' || t.kind === 'io' || (t.kind === 'op' && REDIRECT_OPS.has(t.op))) {
      return yield* this.parseSimple();
    }
    return this.unexpected(t);
  }

  private *parseSimple(): Steps<SimpleCommand> {
    const cmd: SimpleCommand = { type: 'simple', assignments: [], words: [], redirects: [] };
    for (;;) {
      const t = this.peeked ?? (yield* this.peek());
      if (t.kind === 'io' || (t.kind === 'op' && REDIRECT_OPS.has(t.op))) {
        cmd.redirects.push(yield* this.parseRedirect());
        continue;
      }
      if (t.kind !== 'word') break;
      this.skip();
      const assignment = cmd.words.length === 0 ? toAssignment(t.word) : undefined;
      if (assignment) {
        cmd.assignments.push(assignment);
        const n = this.peeked ?? (yield* this.peek());
        // `A=(1 2)` is a bash array; the `(` follows the `=` directly.
        if (n.kind === 'op' && n.op === '(' && n.start === t.end && t.word.raw.endsWith('=')) {
          throw new ParseFailure('bash: arrays are not supported by this simulated shell');
        }
        continue;
      }
      cmd.words.push(t.word);
      if (cmd.words.length === 1 && cmd.assignments.length === 0 && cmd.redirects.length === 0) {
        const n = this.peeked ?? (yield* this.peek());
        // `name (` starts a function definition in bash, which then wants `)`.
        if (n.kind === 'op' && n.op === '(') {
          this.skip();
          const m = this.peeked ?? (yield* this.peek());
          if (m.kind === 'op' && m.op === ')') {
            throw new ParseFailure('bash: function definitions are not supported by this simulated shell');
          }
          this.unexpected(m);
        }
      }
    }
    return cmd;
  }

  private *parseFor(): Steps<ForCommand> {
    this.skip();
    this.enter();
    const nameToken = yield* this.next();
    if (nameToken.kind !== 'word') this.unexpected(nameToken);
    const name = nameToken.word.raw;
    yield* this.skipNewlines();
    let items: Word[] | undefined;
    const t = this.peeked ?? (yield* this.peek());
    if (t.kind === 'word' && t.reserved === 'in') {
      this.skip();
      items = [];
      let w = this.peeked ?? (yield* this.peek());
      while (w.kind === 'word') {
        this.skip();
        items.push(w.word);
        w = this.peeked ?? (yield* this.peek());
      }
      if ((w.kind === 'op' && w.op === ';') || w.kind === 'newline') this.skip();
      else this.unexpected(w);
    } else if (t.kind === 'op' && t.op === ';') {
      this.skip();
    }
    yield* this.skipNewlines();
    yield* this.expectReserved('do');
    const body = yield* this.parseList(isReserved('done'), false);
    this.skip();
    this.exit();
    return { type: 'for', name, items, body, redirects: yield* this.parseRedirects() };
  }

  private *parseWhile(until: boolean): Steps<WhileCommand> {
    this.skip();
    this.enter();
    const condition = yield* this.parseList(isReserved('do'), false);
    this.skip();
    const body = yield* this.parseList(isReserved('done'), false);
    this.skip();
    this.exit();
    return { type: 'while', until, condition, body, redirects: yield* this.parseRedirects() };
  }

  private *parseIf(): Steps<IfCommand> {
    this.skip();
    this.enter();
    const clauses: IfCommand['clauses'] = [];
    let elseBody: List | undefined;
    const endOfBody = isReserved('elif', 'else', 'fi');
    for (;;) {
      const condition = yield* this.parseList(isReserved('then'), false);
      this.skip();
      clauses.push({ condition, body: yield* this.parseList(endOfBody, false) });
      const t = this.peeked ?? (yield* this.peek());
      this.skip();
      if (t.kind === 'word' && t.reserved === 'elif') continue;
      if (t.kind === 'word' && t.reserved === 'else') {
        elseBody = yield* this.parseList(isReserved('fi'), false);
        this.skip();
      }
      break;
    }
    this.exit();
    return { type: 'if', clauses, elseBody, redirects: yield* this.parseRedirects() };
  }

  private *parseGroup(): Steps<GroupCommand> {
    this.skip();
    this.enter();
    const body = yield* this.parseList(isReserved('}'), false);
    this.skip();
    this.exit();
    return { type: 'group', body, redirects: yield* this.parseRedirects() };
  }

  private *parseSubshell(): Steps<GroupCommand> {
    this.skip();
    this.enter();
    const body = yield* this.parseList((t) => t.kind === 'op' && t.op === ')', false);
    this.skip();
    this.exit();
    return { type: 'subshell', body, redirects: yield* this.parseRedirects() };
  }

  private *parseRedirects(): Steps<Redirect[]> {
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peeked ?? (yield* this.peek());
      if (t.kind !== 'io' && !(t.kind === 'op' && REDIRECT_OPS.has(t.op))) break;
      redirects.push(yield* this.parseRedirect());
    }
    return redirects;
  }

  private *parseRedirect(): Steps<Redirect> {
    let fd: number | undefined;
    let t = yield* this.next();
    if (t.kind === 'io') {
      fd = t.fd;
      t = yield* this.next();
    }
    if (t.kind !== 'op') return this.unexpected(t);
    const op = t.op;
    const target = yield* this.next();
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

  private *expectReserved(word: string): Steps<void> {
    const t = yield* this.next();
    if (t.kind !== 'word' || t.reserved !== word) this.unexpected(t);
  }

  private *skipNewlines(endOk = false): Steps<void> {
    while ((this.peeked ?? (yield* this.peek(endOk))).kind === 'newline') this.skip();
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
    if (t.kind === 'eof') this.endOfFile();
    const text = t.kind === 'newline' ? 'newline' : t.kind === 'op' ? t.op : t.kind === 'io' ? t.raw : t.word.raw;
    throw new ParseFailure(`bash: syntax error near unexpected token \`${text}'`);
  }

  /** The input ended inside something: waits for another line, or at end of file fails as bash does. */
  private *more(open?: string): Steps<void> {
    if (this.atEof) {
      if (open !== undefined) this.openStack.push(open);
      this.endOfFile();
    }
    yield;
  }

  /** What bash reports for an input that ends inside something. */
  private endOfFile(): never {
    // Without `atEof` every end of input pauses instead; getting here would be a parser bug.
    if (!this.atEof) throw new Error('the parser reached the end of an input that may go on');
    const open = this.openStack[this.openStack.length - 1];
    throw new ParseFailure(
      open === undefined
        ? 'bash: syntax error: unexpected end of file'
        : `bash: unexpected EOF while looking for matching \`${open}'`,
    );
  }

  // ---- tokens --------------------------------------------------------------------------------

  /**
   * The next token, read once. At the end of the input it waits for another line, except where the
   * input may end (`endOk`) or has ended (`atEof`): there it is an `eof` token.
   * Callers write `this.peeked ?? (yield* this.peek())`: a token already read then costs no generator.
   */
  private *peek(endOk = false): Steps<Token> {
    for (;;) {
      this.peeked ??= yield* this.lex();
      if (this.peeked.kind !== 'eof' || endOk || this.atEof) return this.peeked;
      this.peeked = undefined;
      yield;
    }
  }

  private *next(): Steps<Token> {
    const t = this.peeked ?? (yield* this.peek());
    this.peeked = undefined;
    return t;
  }

  /** Consumes the token `peek` returned. */
  private skip(): void {
    this.peeked = undefined;
  }

  private *lex(): Steps<Token> {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos += 1;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') yield* this.skipContinuation();
      else if (c === '#') {
        const end = this.src.indexOf('\n', this.pos);
        this.pos = end < 0 ? this.src.length : end;
      } else break;
    }
    const src = this.src;
    const start = this.pos;
    const at = this.base + start;
    if (start >= src.length) {
      if (this.pendingHeredocs.length > 0) yield* this.readHeredocs();
      return { kind: 'eof', start: at };
    }
    const c = src[start]!;
    if (c === '\n') {
      this.pos += 1;
      if (this.pendingHeredocs.length > 0) yield* this.readHeredocs();
      return { kind: 'newline', start: at };
    }
    if ('&|;()<>'.includes(c)) {
      const op = OPERATORS.find((o) => src.startsWith(o, start)) ?? c;
      this.pos += op.length;
      return { kind: 'op', op, start: at, end: at + op.length };
    }
    const capture = this.capture();
    const parts = yield* this.scanParts('word');
    const raw = this.endCapture(capture);
    const end = this.base + this.pos;
    const only = parts.length === 1 ? parts[0] : undefined;
    const plain = only?.type === 'literal' && !only.quoted ? only.value : undefined;
    const after = this.src[this.pos];
    if (plain !== undefined && /^\d+$/.test(plain) && (after === '<' || after === '>')) {
      return { kind: 'io', fd: Number(plain), raw, start: at, end };
    }
    const reserved = plain !== undefined && RESERVED.has(plain) ? plain : undefined;
    return { kind: 'word', word: { parts, raw }, reserved, start: at, end };
  }

  /** Skips a backslash-newline; one at the very end of the input waits for another line. */
  private *skipContinuation(): Steps<void> {
    this.pos += 2;
    while (this.pos >= this.src.length && !this.atEof) yield;
  }

  private *readHeredocs(): Steps<void> {
    const pending = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const { heredoc, start } of pending) yield* this.readHeredoc(heredoc, start);
  }

  private *readHeredoc(heredoc: Heredoc, start: number): Steps<void> {
    const lines: string[] = [];
    for (;;) {
      if (this.pos >= this.src.length) {
        if (!this.atEof) {
          yield;
          continue;
        }
        this.warnings.push(
          `bash: warning: here-document at line ${this.lineAt(start)} delimited by end-of-file (wanted \`${heredoc.delimiter}')`,
        );
        break;
      }
      let line = this.readLine();
      // In an unquoted heredoc a backslash-newline joins lines before the delimiter is looked for.
      while (!heredoc.quoted && endsWithOddBackslashes(line)) {
        if (this.pos < this.src.length) line = line.slice(0, -1) + this.readLine();
        else if (this.atEof) break;
        else yield;
      }
      if (heredoc.stripTabs) line = line.replace(/^\t+/, '');
      if (line === heredoc.delimiter) break;
      lines.push(`${line}\n`);
    }
    const text = lines.join('');
    heredoc.body = heredoc.quoted
      ? { parts: [{ type: 'literal', value: text, quoted: true }], raw: text }
      : { parts: finish(new Parser(text, true, this.depth, this.warnings).scanParts('heredoc')), raw: text };
  }

  private readLine(): string {
    const end = this.src.indexOf('\n', this.pos);
    const stop = end < 0 ? this.src.length : end;
    const line = this.src.slice(this.pos, stop);
    this.pos = end < 0 ? this.src.length : end + 1;
    return line;
  }

  /** 1-based line number of a position (at end of file, where nothing was dropped from `src`). */
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

  /** Starts collecting the source text from here on; `endCapture` returns it. */
  private capture(): Capture {
    const capture = { pieces: [], from: this.pos };
    this.captures.push(capture);
    return capture;
  }

  private endCapture(capture: Capture): string {
    this.captures.pop();
    const rest = this.src.slice(capture.from, this.pos);
    return capture.pieces.length === 0 ? rest : capture.pieces.join('') + rest;
  }

  // ---- words ---------------------------------------------------------------------------------

  /** Scans word parts from `pos` until the mode's terminator; the terminator is left unread, except `"`. */
  private *scanParts(mode: ScanMode, stopAt = ''): Steps<WordPart[]> {
    const out = new PartsBuilder();
    const quoted = mode !== 'word' && mode !== 'brace';
    const special = SPECIAL[mode] + stopAt;
    let parens = 0;
    for (;;) {
      const src = this.src;
      if (this.pos >= src.length) {
        if (mode === 'word' || mode === 'heredoc') return out.done();
        yield* this.more();
        continue;
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
          if (src[this.pos + 1] === '\n') yield* this.skipContinuation();
          else this.scanBackslash(mode, out);
          continue;
        case "'":
          yield* this.scanSingleQuotes(out);
          continue;
        case '"':
          if (mode === 'dquote') {
            this.pos += 1;
            return out.done();
          }
          this.pos += 1;
          this.openStack.push('"');
          out.quotedGroup(yield* this.scanParts('dquote'));
          this.openStack.pop();
          continue;
        case '$':
          if (!this.scanSimpleDollar(quoted, out)) yield* this.scanDollar(quoted, out);
          continue;
        case '`':
          yield* this.scanBackquote(quoted, out);
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

  /** A backslash, except before a newline (`skipContinuation`). */
  private scanBackslash(mode: ScanMode, out: PartsBuilder): void {
    const next = this.src[this.pos + 1];
    if (next === undefined) {
      out.literal('\\', mode !== 'word' && mode !== 'brace');
      this.pos += 1;
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

  private *scanSingleQuotes(out: PartsBuilder): Steps<void> {
    this.pos += 1;
    const text: string[] = [];
    for (;;) {
      const end = this.src.indexOf("'", this.pos);
      if (end >= 0) {
        text.push(this.src.slice(this.pos, end));
        this.pos = end + 1;
        break;
      }
      text.push(this.src.slice(this.pos));
      this.pos = this.src.length;
      yield* this.more("'");
    }
    out.literal(text.join(''), true);
  }

  /** `$name`, `$?`, a lone `$` and `$"…"`; false for the forms that hold more syntax (`scanDollar`). */
  private scanSimpleDollar(quoted: boolean, out: PartsBuilder): boolean {
    const src = this.src;
    const next = src[this.pos + 1];
    if (next === '{' || next === '(' || (next === "'" && !quoted)) return false;
    if (next === '"' && !quoted) {
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
    return true;
  }

  /** `${…}`, `$((…))`, `$(…)` and `$'…'`. */
  private *scanDollar(quoted: boolean, out: PartsBuilder): Steps<void> {
    const next = this.src[this.pos + 1];
    if (next === '{') {
      yield* this.scanBraceParam(quoted, out);
    } else if (next === '(' && this.src[this.pos + 2] === '(') {
      this.pos += 3;
      this.openStack.push(')');
      this.enter();
      const capture = this.capture();
      const parts = yield* this.scanParts('arithmetic');
      // Without the closing `))`.
      const raw = this.endCapture(capture).slice(0, -2);
      this.exit();
      this.openStack.pop();
      out.part({ type: 'arithmetic', expression: { parts, raw }, quoted });
    } else if (next === '(') {
      this.pos += 2;
      this.openStack.push(')');
      this.enter();
      const body = yield* this.parseList((t) => t.kind === 'op' && t.op === ')', true);
      this.skip();
      this.exit();
      this.openStack.pop();
      out.part({ type: 'command', script: { body }, quoted });
    } else {
      yield* this.scanAnsiC(out);
    }
  }

  private *scanBraceParam(quoted: boolean, out: PartsBuilder): Steps<void> {
    const capture = this.capture();
    this.pos += 2;
    this.openStack.push('}');
    this.enter();
    const operandMode: ScanMode = quoted ? 'braceQuoted' : 'brace';
    let op: ParamOp | undefined;
    const src = this.src;
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
      op = { kind: kinds[sign as keyof typeof kinds], colon, word: yield* this.scanOperand(operandMode) };
    } else if (c === ':') {
      this.pos += 1;
      const offset = yield* this.scanOperand(operandMode, ':');
      let length: Word | undefined;
      if (this.src[this.pos] === ':') {
        this.pos += 1;
        length = yield* this.scanOperand(operandMode);
      }
      op = { kind: 'substring', offset, length };
    } else if (c === '#' || c === '%') {
      const longest = src[this.pos + 1] === c;
      this.pos += longest ? 2 : 1;
      op = { kind: c === '#' ? 'removePrefix' : 'removeSuffix', longest, pattern: yield* this.scanOperand(operandMode) };
    } else if (c === '/') {
      const modes = { '/': 'all', '#': 'prefix', '%': 'suffix' } as const;
      const m = modes[src[this.pos + 1] as keyof typeof modes];
      this.pos += m ? 2 : 1;
      const pattern = yield* this.scanOperand(operandMode, '/');
      let replacement: Word = { parts: [], raw: '' };
      if (this.src[this.pos] === '/') {
        this.pos += 1;
        replacement = yield* this.scanOperand(operandMode);
      }
      op = { kind: 'replace', mode: m ?? 'first', pattern, replacement };
    }
    if (op && this.src[this.pos] === '}') {
      this.pos += 1;
      this.endCapture(capture);
      out.part({ type: 'param', name, op, quoted });
    } else {
      yield* this.skipToBraceEnd();
      out.part({ type: 'badSubstitution', raw: this.endCapture(capture), quoted });
    }
    this.exit();
    this.openStack.pop();
  }

  private *scanOperand(mode: ScanMode, stopAt = ''): Steps<Word> {
    const capture = this.capture();
    const parts = yield* this.scanParts(mode, stopAt);
    return { parts, raw: this.endCapture(capture) };
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
  private *skipToBraceEnd(): Steps<void> {
    let depth = 0;
    for (;;) {
      if (this.pos >= this.src.length) {
        yield* this.more();
        continue;
      }
      const c = this.src[this.pos]!;
      if (c === '\\') this.pos += 2;
      else if (c === "'" || c === '"') {
        this.pos += 1;
        for (;;) {
          const end = this.src.indexOf(c, this.pos);
          if (end >= 0) {
            this.pos = end + 1;
            break;
          }
          this.pos = this.src.length;
          yield* this.more();
        }
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

  private *scanBackquote(quoted: boolean, out: PartsBuilder): Steps<void> {
    this.pos += 1;
    const pieces: string[] = [];
    const escapable = quoted ? '$`\\"' : '$`\\';
    for (;;) {
      const src = this.src;
      if (this.pos >= src.length) {
        yield* this.more('`');
        continue;
      }
      const end = findAny(src, '\\`', this.pos);
      if (end < 0) {
        pieces.push(src.slice(this.pos));
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
    const script = finish(new Parser(pieces.join(''), true, this.depth, this.warnings).parseScript());
    this.exit();
    out.part({ type: 'command', script, quoted });
  }

  private *scanAnsiC(out: PartsBuilder): Steps<void> {
    this.pos += 2;
    let value = '';
    for (;;) {
      if (this.pos >= this.src.length) {
        yield* this.more("'");
        continue;
      }
      const c = this.src[this.pos]!;
      if (c === "'") {
        this.pos += 1;
        break;
      }
      if (c === '\\') {
        const { text, length } = decodeEscape(this.src, this.pos);
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

/**
 * A port of the parts of go-yaml v2 (gopkg.in/yaml.v2 2.4, vendored by sigs.k8s.io/yaml as
 * go.yaml.in/yaml/v2) that kubectl runs on every manifest document: scanner (scannerc.go), parser
 * (parserc.go), composer (decode.go `parser`), scalar resolution (resolve.go) and
 * sigs.k8s.io/yaml's conversion to JSON.
 *
 * Why a port and not the `yaml` package: kubectl prints go-yaml's own text and *its* line numbers
 * (`yaml: line 7: mapping values are not allowed in this context`). Those lines come from where
 * libyaml's state machine notices the problem, not from where the mistake is: scanner errors report
 * the 1-based line of the scanner's position (for "could not find expected ':'" that is the line
 * after the key), parser errors report the 0-based line of the offending token (so, in effect, the
 * line before it), and a problem on the first line gets no `line N:` at all (decode.go `fail`). Only
 * the same state machine gives the same numbers; the `yaml` package detects the same mistakes at
 * other places. The port was checked against go-yaml 2.4 itself on a mutation corpus
 * (goYaml.golden.json beside this file).
 *
 * Scope: YAML 1.1 as go-yaml implements it. Only the first document of the input is read, as
 * yaml.Unmarshal does; kubectl splits the stream on `---` lines before calling it.
 */
import type { Json, JsonObject } from '../objects.ts';

interface Mark {
  index: number;
  line: number;
  column: number;
}

type TokenType =
  | 'STREAM_START' | 'STREAM_END' | 'VERSION_DIRECTIVE' | 'TAG_DIRECTIVE' | 'DOCUMENT_START' | 'DOCUMENT_END'
  | 'BLOCK_SEQUENCE_START' | 'BLOCK_MAPPING_START' | 'BLOCK_END' | 'FLOW_SEQUENCE_START' | 'FLOW_SEQUENCE_END'
  | 'FLOW_MAPPING_START' | 'FLOW_MAPPING_END' | 'BLOCK_ENTRY' | 'FLOW_ENTRY' | 'KEY' | 'VALUE' | 'ALIAS' | 'ANCHOR'
  | 'TAG' | 'SCALAR';

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface Token {
  type: TokenType;
  start: Mark;
  end: Mark;
  value?: string;
  suffix?: string;
  style?: ScalarStyle;
  major?: number;
  minor?: number;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

/** Thrown inside the port only; `yamlToJson` turns it into the message kubectl prints. */
class YamlFailure {
  constructor(readonly message: string) {}
}

class SyntaxFailure {
  constructor(
    readonly kind: 'scanner' | 'parser',
    readonly problem: string,
    readonly problemMark: Mark,
    readonly contextMark: Mark,
  ) {}
}

const ZERO_MARK: Mark = { index: 0, line: 0, column: 0 };
const copyMark = (m: Mark): Mark => ({ index: m.index, line: m.line, column: m.column });

const isBreakChar = (c: string) => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isZ = (c: string) => c === '';
const isBlank = (c: string) => c === ' ' || c === '\t';
const isBreakZ = (c: string) => isBreakChar(c) || isZ(c);
const isBlankZ = (c: string) => isBlank(c) || isBreakZ(c);
const isAlpha = (c: string) => /^[0-9A-Za-z_-]$/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9' && c.length === 1;
const isHex = (c: string) => /^[0-9A-Fa-f]$/.test(c);

// scannerc.go max_flow_level and max_indents (go-yaml v2.4.0): `yaml: line N: exceeded max depth of 10000`.
const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

class Scanner {
  private readonly buf: string[];
  private pos = 0;
  mark: Mark = { index: 0, line: 0, column: 0 };
  private tokens: Token[] = [];
  private tokensHead = 0;
  tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private streamEndProduced = false;
  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private simpleKeysByTok = new Map<number, number>();
  private flowLevel = 0;

  constructor(text: string) {
    this.buf = Array.from(text);
  }

  private ch(offset = 0): string {
    return this.buf[this.pos + offset] ?? '';
  }

  private fail(context: string, contextMark: Mark, problem: string): never {
    void context;
    throw new SyntaxFailure('scanner', problem, copyMark(this.mark), copyMark(contextMark));
  }

  private skip(): void {
    this.mark.index++;
    this.mark.column++;
    this.pos++;
  }

  private skipLine(): void {
    if (this.ch() === '\r' && this.ch(1) === '\n') {
      this.mark.index += 2;
      this.mark.column = 0;
      this.mark.line++;
      this.pos += 2;
    } else if (isBreakChar(this.ch())) {
      this.mark.index++;
      this.mark.column = 0;
      this.mark.line++;
      this.pos++;
    }
  }

  private read(): string {
    const c = this.ch();
    this.pos++;
    this.mark.index++;
    this.mark.column++;
    return c;
  }

  private readLine(): string {
    const c = this.ch();
    let out: string;
    if (c === '\r' && this.ch(1) === '\n') {
      out = '\n';
      this.pos += 2;
      this.mark.index++;
    } else if (c === '\r' || c === '\n' || c === '\u0085') {
      out = '\n';
      this.pos++;
    } else if (c === '\u2028' || c === '\u2029') {
      out = c;
      this.pos++;
    } else {
      return '';
    }
    this.mark.index++;
    this.mark.column = 0;
    this.mark.line++;
    return out;
  }

  /** yaml_parser_scan: the next token, consumed. */
  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    const t = this.tokens[this.tokensHead];
    if (!t) throw new YamlFailure('yaml: internal error: no token');
    return t;
  }

  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.tokensHead]?.type === 'STREAM_END';
    this.tokensHead++;
  }

  private insertToken(pos: number, token: Token): void {
    // pos is relative to tokensHead; -1 appends.
    if (pos < 0) this.tokens.push(token);
    else this.tokens.splice(this.tokensHead + pos, 0, token);
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.tokensHead !== this.tokens.length) {
        const idx = this.simpleKeysByTok.get(this.tokensParsed);
        if (idx === undefined) break;
        const key = this.simpleKeys[idx];
        if (!key || !this.simpleKeyIsValid(key)) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.fetchStreamStart();
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.mark.column);
    const c = this.ch();
    if (isZ(c)) {
      this.fetchStreamEnd();
      return;
    }
    if (this.mark.column === 0 && c === '%') {
      this.fetchDirective();
      return;
    }
    if (this.mark.column === 0 && c === '-' && this.ch(1) === '-' && this.ch(2) === '-' && isBlankZ(this.ch(3))) {
      this.fetchDocumentIndicator('DOCUMENT_START');
      return;
    }
    if (this.mark.column === 0 && c === '.' && this.ch(1) === '.' && this.ch(2) === '.' && isBlankZ(this.ch(3))) {
      this.fetchDocumentIndicator('DOCUMENT_END');
      return;
    }
    if (c === '[') return this.fetchFlowCollectionStart('FLOW_SEQUENCE_START');
    if (c === '{') return this.fetchFlowCollectionStart('FLOW_MAPPING_START');
    if (c === ']') return this.fetchFlowCollectionEnd('FLOW_SEQUENCE_END');
    if (c === '}') return this.fetchFlowCollectionEnd('FLOW_MAPPING_END');
    if (c === ',') return this.fetchFlowEntry();
    if (c === '-' && isBlankZ(this.ch(1))) return this.fetchBlockEntry();
    if (c === '?' && (this.flowLevel > 0 || isBlankZ(this.ch(1)))) return this.fetchKey();
    if (c === ':' && (this.flowLevel > 0 || isBlankZ(this.ch(1)))) return this.fetchValue();
    if (c === '*') return this.fetchAnchor('ALIAS');
    if (c === '&') return this.fetchAnchor('ANCHOR');
    if (c === '!') return this.fetchTag();
    if (c === '|' && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === '>' && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === "'") return this.fetchFlowScalar(true);
    if (c === '"') return this.fetchFlowScalar(false);
    const n = this.ch(1);
    if (
      !(isBlankZ(c) || '-?:,[]{}#&*!|>\'"%@`'.includes(c)) ||
      (c === '-' && !isBlank(n)) ||
      (this.flowLevel === 0 && (c === '?' || c === ':') && !isBlankZ(n))
    ) {
      return this.fetchPlainScalar();
    }
    this.fail('while scanning for the next token', this.mark, 'found character that cannot start any token');
  }

  /** Returns validity; throws for a required key that expired. */
  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.mark.line < this.mark.line || key.mark.index + 1024 < this.mark.index) {
      if (key.required) this.fail('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (this.simpleKeyAllowed) {
      const key: SimpleKey = {
        possible: true,
        required,
        tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead),
        mark: copyMark(this.mark),
      };
      this.removeSimpleKey();
      this.simpleKeys[this.simpleKeys.length - 1] = key;
      this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
    }
  }

  private removeSimpleKey(): void {
    const i = this.simpleKeys.length - 1;
    const key = this.simpleKeys[i];
    if (key?.possible) {
      if (key.required) this.fail('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({
      possible: false,
      required: false,
      tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead),
      mark: copyMark(this.mark),
    });
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      this.fail('while increasing flow level', this.lastSimpleKeyMark(), `exceeded max depth of ${MAX_FLOW_LEVEL}`);
    }
  }

  /** scannerc.go reports the depth limits with the innermost simple key's mark as context. */
  private lastSimpleKeyMark(): Mark {
    return this.simpleKeys[this.simpleKeys.length - 1]?.mark ?? this.mark;
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop();
      if (last) this.simpleKeysByTok.delete(last.tokenNumber);
    }
  }

  private rollIndent(column: number, number: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS) {
        this.fail('while increasing indent level', this.lastSimpleKeyMark(), `exceeded max depth of ${MAX_INDENTS}`);
      }
      const token: Token = { type, start: copyMark(mark), end: copyMark(mark) };
      this.insertToken(number > -1 ? number - this.tokensParsed : -1, token);
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insertToken(-1, { type: 'BLOCK_END', start: copyMark(this.mark), end: copyMark(this.mark) });
      this.indent = this.indents.pop() ?? -1;
    }
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: ZERO_MARK });
    this.simpleKeysByTok = new Map();
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insertToken(-1, { type: 'STREAM_START', start: copyMark(this.mark), end: copyMark(this.mark) });
  }

  private fetchStreamEnd(): void {
    if (this.mark.column !== 0) {
      this.mark.column = 0;
      this.mark.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, { type: 'STREAM_END', start: copyMark(this.mark), end: copyMark(this.mark) });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = copyMark(this.mark);
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, { type, start, end: copyMark(this.mark) });
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type, start, end: copyMark(this.mark) });
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type, start, end: copyMark(this.mark) });
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type: 'FLOW_ENTRY', start, end: copyMark(this.mark) });
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) {
        this.fail('', this.mark, 'block sequence entries are not allowed in this context');
      }
      this.rollIndent(this.mark.column, -1, 'BLOCK_SEQUENCE_START', this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type: 'BLOCK_ENTRY', start, end: copyMark(this.mark) });
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail('', this.mark, 'mapping keys are not allowed in this context');
      this.rollIndent(this.mark.column, -1, 'BLOCK_MAPPING_START', this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type: 'KEY', start, end: copyMark(this.mark) });
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key && this.simpleKeyIsValid(key)) {
      this.insertToken(key.tokenNumber - this.tokensParsed, { type: 'KEY', start: copyMark(key.mark), end: copyMark(key.mark) });
      this.rollIndent(key.mark.column, key.tokenNumber, 'BLOCK_MAPPING_START', key.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.fail('', this.mark, 'mapping values are not allowed in this context');
        this.rollIndent(this.mark.column, -1, 'BLOCK_MAPPING_START', this.mark);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = copyMark(this.mark);
    this.skip();
    this.insertToken(-1, { type: 'VALUE', start, end: copyMark(this.mark) });
  }

  private fetchAnchor(type: TokenType): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  private scanToNextToken(): void {
    for (;;) {
      while (this.ch() === ' ' || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.ch() === '\t')) this.skip();
      if (this.ch() === '#') {
        while (!isBreakZ(this.ch())) this.skip();
      }
      if (isBreakChar(this.ch())) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else {
        break;
      }
    }
  }

  private scanDirective(): Token {
    const start = copyMark(this.mark);
    this.skip();
    let name = '';
    while (isAlpha(this.ch())) name += this.read();
    if (name === '') this.fail('while scanning a directive', start, 'could not find expected directive name');
    if (!isBlankZ(this.ch())) this.fail('while scanning a directive', start, 'found unexpected non-alphabetical character');
    let token: Token;
    if (name === 'YAML') {
      while (isBlank(this.ch())) this.skip();
      const major = this.scanVersionNumber(start);
      if (this.ch() !== '.') this.fail('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
      this.skip();
      const minor = this.scanVersionNumber(start);
      token = { type: 'VERSION_DIRECTIVE', start, end: copyMark(this.mark), major, minor };
    } else if (name === 'TAG') {
      while (isBlank(this.ch())) this.skip();
      const handle = this.scanTagHandle(true, start);
      if (!isBlank(this.ch())) this.fail('while scanning a %TAG directive', start, 'did not find expected whitespace');
      while (isBlank(this.ch())) this.skip();
      const prefix = this.scanTagUri(true, '', start);
      if (!isBlankZ(this.ch())) this.fail('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
      token = { type: 'TAG_DIRECTIVE', start, end: copyMark(this.mark), value: handle, suffix: prefix };
    } else {
      this.fail('while scanning a directive', start, 'found unknown directive name');
    }
    while (isBlank(this.ch())) this.skip();
    if (this.ch() === '#') {
      while (!isBreakZ(this.ch())) this.skip();
    }
    if (!isBreakZ(this.ch())) this.fail('while scanning a directive', start, 'did not find expected comment or line break');
    if (isBreakChar(this.ch())) this.skipLine();
    return token;
  }

  private scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.ch())) {
      length++;
      if (length > 2) this.fail('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + Number(this.ch());
      this.skip();
    }
    if (length === 0) this.fail('while scanning a %YAML directive', start, 'did not find expected version number');
    return value;
  }

  private scanAnchor(type: TokenType): Token {
    const start = copyMark(this.mark);
    this.skip();
    let s = '';
    while (isAlpha(this.ch())) s += this.read();
    const end = copyMark(this.mark);
    const c = this.ch();
    if (s === '' || !(isBlankZ(c) || '?:,]}%@`'.includes(c))) {
      this.fail(type === 'ANCHOR' ? 'while scanning an anchor' : 'while scanning an alias', start,
        'did not find expected alphabetic or numeric character');
    }
    return { type, start, end, value: s };
  }

  private scanTag(): Token {
    const start = copyMark(this.mark);
    let handle: string;
    let suffix: string;
    if (this.ch(1) === '<') {
      handle = '';
      this.skip();
      this.skip();
      suffix = this.scanTagUri(false, '', start);
      if (this.ch() !== '>') this.fail('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.startsWith('!') && handle.length > 1 && handle.endsWith('!')) {
        suffix = this.scanTagUri(false, '', start);
      } else {
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix === '') [handle, suffix] = [suffix, handle];
      }
    }
    if (!isBlankZ(this.ch())) this.fail('while scanning a tag', start, 'did not find expected whitespace or line break');
    return { type: 'TAG', start, end: copyMark(this.mark), value: handle, suffix };
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    const context = directive ? 'while parsing a %TAG directive' : 'while parsing a tag';
    if (this.ch() !== '!') this.fail(context, start, "did not find expected '!'");
    let s = this.read();
    while (isAlpha(this.ch())) s += this.read();
    if (this.ch() === '!') s += this.read();
    else if (directive && s !== '!') this.fail(context, start, "did not find expected '!'");
    return s;
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    const context = directive ? 'while parsing a %TAG directive' : 'while parsing a tag';
    let s = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    while (isAlpha(this.ch()) || ";/?:@&=+$,.!~*'()[]%".includes(this.ch()) && this.ch() !== '') {
      if (this.ch() === '%') {
        if (!(isHex(this.ch(1)) && isHex(this.ch(2)))) this.fail(context, start, 'did not find URI escaped octet');
        s += String.fromCharCode(parseInt(this.ch(1) + this.ch(2), 16));
        this.skip();
        this.skip();
        this.skip();
      } else {
        s += this.read();
      }
      hasTag = true;
    }
    if (!hasTag) this.fail(context, start, 'did not find expected tag URI');
    return s;
  }

  private scanBlockScalar(literal: boolean): Token {
    const start = copyMark(this.mark);
    this.skip();
    let chomping = 0;
    let increment = 0;
    const indicatorZero = () => this.fail('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
    if (this.ch() === '+' || this.ch() === '-') {
      chomping = this.ch() === '+' ? 1 : -1;
      this.skip();
      if (isDigit(this.ch())) {
        if (this.ch() === '0') indicatorZero();
        increment = Number(this.ch());
        this.skip();
      }
    } else if (isDigit(this.ch())) {
      if (this.ch() === '0') indicatorZero();
      increment = Number(this.ch());
      this.skip();
      if (this.ch() === '+' || this.ch() === '-') {
        chomping = this.ch() === '+' ? 1 : -1;
        this.skip();
      }
    }
    while (isBlank(this.ch())) this.skip();
    if (this.ch() === '#') {
      while (!isBreakZ(this.ch())) this.skip();
    }
    if (!isBreakZ(this.ch())) this.fail('while scanning a block scalar', start, 'did not find expected comment or line break');
    if (isBreakChar(this.ch())) this.skipLine();
    let end = copyMark(this.mark);
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    const breaks = () => {
      end = copyMark(this.mark);
      let maxIndent = 0;
      for (;;) {
        while ((indent === 0 || this.mark.column < indent) && this.ch() === ' ') this.skip();
        if (this.mark.column > maxIndent) maxIndent = this.mark.column;
        if ((indent === 0 || this.mark.column < indent) && this.ch() === '\t') {
          this.fail('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
        }
        if (!isBreakChar(this.ch())) break;
        trailingBreaks += this.readLine();
        end = copyMark(this.mark);
      }
      if (indent === 0) {
        indent = maxIndent;
        if (indent < this.indent + 1) indent = this.indent + 1;
        if (indent < 1) indent = 1;
      }
    };
    breaks();
    let leadingBlank = false;
    while (this.mark.column === indent && !isZ(this.ch())) {
      const trailingBlank = isBlank(this.ch());
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.startsWith('\n')) {
        if (trailingBreaks === '') s += ' ';
      } else {
        s += leadingBreak;
      }
      s += trailingBreaks;
      trailingBreaks = '';
      leadingBlank = isBlank(this.ch());
      while (!isBreakZ(this.ch())) s += this.read();
      leadingBreak = this.readLine();
      breaks();
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += trailingBreaks;
    return { type: 'SCALAR', start, end, value: s, style: literal ? 'literal' : 'folded' };
  }

  private scanFlowScalar(single: boolean): Token {
    const start = copyMark(this.mark);
    this.skip();
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    for (;;) {
      const c0 = this.ch();
      if (
        this.mark.column === 0 &&
        ((c0 === '-' && this.ch(1) === '-' && this.ch(2) === '-') || (c0 === '.' && this.ch(1) === '.' && this.ch(2) === '.')) &&
        isBlankZ(this.ch(3))
      ) {
        this.fail('while scanning a quoted scalar', start, 'found unexpected document indicator');
      }
      if (isZ(this.ch())) this.fail('while scanning a quoted scalar', start, 'found unexpected end of stream');
      let leadingBlanks = false;
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if (single && c === "'" && this.ch(1) === "'") {
          s += "'";
          this.skip();
          this.skip();
        } else if (single && c === "'") {
          break;
        } else if (!single && c === '"') {
          break;
        } else if (!single && c === '\\' && isBreakChar(this.ch(1))) {
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === '\\') {
          let codeLength = 0;
          const e = this.ch(1);
          const simple: Record<string, string> = {
            '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
            ' ': ' ', '"': '"', "'": "'", '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
          };
          if (e === 'x') codeLength = 2;
          else if (e === 'u') codeLength = 4;
          else if (e === 'U') codeLength = 8;
          else if (e in simple) s += simple[e];
          else this.fail('while parsing a quoted scalar', start, 'found unknown escape character');
          this.skip();
          this.skip();
          if (codeLength > 0) {
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              const h = this.ch(k);
              if (!isHex(h)) this.fail('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
              value = value * 16 + parseInt(h, 16);
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
              this.fail('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
            }
            s += String.fromCodePoint(value);
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else {
          s += this.read();
        }
      }
      if (single ? this.ch() === "'" : this.ch() === '"') break;
      while (isBlank(this.ch()) || isBreakChar(this.ch())) {
        if (isBlank(this.ch())) {
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else {
          trailingBreaks += this.readLine();
        }
      }
      if (leadingBlanks) {
        if (leadingBreak.startsWith('\n')) {
          s += trailingBreaks === '' ? ' ' : trailingBreaks;
        } else {
          s += leadingBreak + trailingBreaks;
        }
        trailingBreaks = '';
        leadingBreak = '';
      } else {
        s += whitespaces;
        whitespaces = '';
      }
    }
    this.skip();
    return { type: 'SCALAR', start, end: copyMark(this.mark), value: s, style: single ? 'single' : 'double' };
  }

  private scanPlainScalar(): Token {
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = copyMark(this.mark);
    let end = copyMark(this.mark);
    for (;;) {
      const c0 = this.ch();
      if (
        this.mark.column === 0 &&
        ((c0 === '-' && this.ch(1) === '-' && this.ch(2) === '-') || (c0 === '.' && this.ch(1) === '.' && this.ch(2) === '.')) &&
        isBlankZ(this.ch(3))
      ) {
        break;
      }
      if (this.ch() === '#') break;
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if ((c === ':' && isBlankZ(this.ch(1))) || (this.flowLevel > 0 && ',?[]{}'.includes(c))) break;
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak.startsWith('\n')) {
              s += trailingBreaks === '' ? ' ' : trailingBreaks;
            } else {
              s += leadingBreak + trailingBreaks;
            }
            trailingBreaks = '';
            leadingBreak = '';
            leadingBlanks = false;
          } else {
            s += whitespaces;
            whitespaces = '';
          }
        }
        s += this.read();
        end = copyMark(this.mark);
      }
      if (!(isBlank(this.ch()) || isBreakChar(this.ch()))) break;
      while (isBlank(this.ch()) || isBreakChar(this.ch())) {
        if (isBlank(this.ch())) {
          if (leadingBlanks && this.mark.column < indent && this.ch() === '\t') {
            this.fail('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          }
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else {
          trailingBreaks += this.readLine();
        }
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: 'SCALAR', start, end, value: s, style: 'plain' };
  }
}

type EventType = 'STREAM_START' | 'STREAM_END' | 'DOCUMENT_START' | 'DOCUMENT_END' | 'ALIAS' | 'SCALAR'
  | 'SEQUENCE_START' | 'SEQUENCE_END' | 'MAPPING_START' | 'MAPPING_END';

interface YamlEvent {
  type: EventType;
  start: Mark;
  anchor?: string;
  tag?: string;
  value?: string;
  /** Plain (or `!`-tagged) scalar: its type is resolved from its text. */
  implicit?: boolean;
  style?: ScalarStyle;
}

type ParseState =
  | 'STREAM_START' | 'IMPLICIT_DOCUMENT_START' | 'DOCUMENT_START' | 'DOCUMENT_CONTENT' | 'DOCUMENT_END' | 'BLOCK_NODE'
  | 'BLOCK_NODE_OR_INDENTLESS_SEQUENCE' | 'FLOW_NODE' | 'BLOCK_SEQUENCE_FIRST_ENTRY' | 'BLOCK_SEQUENCE_ENTRY'
  | 'INDENTLESS_SEQUENCE_ENTRY' | 'BLOCK_MAPPING_FIRST_KEY' | 'BLOCK_MAPPING_KEY' | 'BLOCK_MAPPING_VALUE'
  | 'FLOW_SEQUENCE_FIRST_ENTRY' | 'FLOW_SEQUENCE_ENTRY' | 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE' | 'FLOW_SEQUENCE_ENTRY_MAPPING_END' | 'FLOW_MAPPING_FIRST_KEY'
  | 'FLOW_MAPPING_KEY' | 'FLOW_MAPPING_VALUE' | 'FLOW_MAPPING_EMPTY_VALUE' | 'END';

const DEFAULT_TAG_DIRECTIVES: [string, string][] = [['!', '!'], ['!!', 'tag:yaml.org,2002:']];

class Parser {
  private state: ParseState = 'STREAM_START';
  private states: ParseState[] = [];
  private marks: Mark[] = [];
  private tagDirectives: [string, string][] = [];

  constructor(private readonly scanner: Scanner) {}

  private fail(problem: string, problemMark: Mark, contextMark: Mark = ZERO_MARK): never {
    throw new SyntaxFailure('parser', problem, problemMark, contextMark);
  }

  private pop(): ParseState {
    return this.states.pop() ?? 'END';
  }

  next(): YamlEvent {
    const s = this.state;
    switch (s) {
      case 'STREAM_START': return this.streamStart();
      case 'IMPLICIT_DOCUMENT_START': return this.documentStart(true);
      case 'DOCUMENT_START': return this.documentStart(false);
      case 'DOCUMENT_CONTENT': return this.documentContent();
      case 'DOCUMENT_END': return this.documentEnd();
      case 'BLOCK_NODE': return this.node(true, false);
      case 'BLOCK_NODE_OR_INDENTLESS_SEQUENCE': return this.node(true, true);
      case 'FLOW_NODE': return this.node(false, false);
      case 'BLOCK_SEQUENCE_FIRST_ENTRY': return this.blockSequenceEntry(true);
      case 'BLOCK_SEQUENCE_ENTRY': return this.blockSequenceEntry(false);
      case 'INDENTLESS_SEQUENCE_ENTRY': return this.indentlessSequenceEntry();
      case 'BLOCK_MAPPING_FIRST_KEY': return this.blockMappingKey(true);
      case 'BLOCK_MAPPING_KEY': return this.blockMappingKey(false);
      case 'BLOCK_MAPPING_VALUE': return this.blockMappingValue();
      case 'FLOW_SEQUENCE_FIRST_ENTRY': return this.flowSequenceEntry(true);
      case 'FLOW_SEQUENCE_ENTRY': return this.flowSequenceEntry(false);
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY': return this.flowSequenceEntryMappingKey();
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE': return this.flowSequenceEntryMappingValue();
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_END': return this.flowSequenceEntryMappingEnd();
      case 'FLOW_MAPPING_FIRST_KEY': return this.flowMappingKey(true);
      case 'FLOW_MAPPING_KEY': return this.flowMappingKey(false);
      case 'FLOW_MAPPING_VALUE': return this.flowMappingValue(false);
      case 'FLOW_MAPPING_EMPTY_VALUE': return this.flowMappingValue(true);
      case 'END': return { type: 'STREAM_END', start: ZERO_MARK };
    }
  }

  private streamStart(): YamlEvent {
    const t = this.scanner.peek();
    if (t.type !== 'STREAM_START') this.fail('did not find expected <stream-start>', t.start);
    this.state = 'IMPLICIT_DOCUMENT_START';
    this.scanner.skipToken();
    return { type: 'STREAM_START', start: t.start };
  }

  private documentStart(implicit: boolean): YamlEvent {
    let t = this.scanner.peek();
    if (!implicit) {
      while (t.type === 'DOCUMENT_END') {
        this.scanner.skipToken();
        t = this.scanner.peek();
      }
    }
    if (implicit && t.type !== 'VERSION_DIRECTIVE' && t.type !== 'TAG_DIRECTIVE' && t.type !== 'DOCUMENT_START' && t.type !== 'STREAM_END') {
      this.processDirectives();
      this.states.push('DOCUMENT_END');
      this.state = 'BLOCK_NODE';
      return { type: 'DOCUMENT_START', start: t.start };
    }
    if (t.type !== 'STREAM_END') {
      const start = t.start;
      this.processDirectives();
      t = this.scanner.peek();
      if (t.type !== 'DOCUMENT_START') this.fail('did not find expected <document start>', t.start);
      this.states.push('DOCUMENT_END');
      this.state = 'DOCUMENT_CONTENT';
      this.scanner.skipToken();
      return { type: 'DOCUMENT_START', start };
    }
    this.state = 'END';
    this.scanner.skipToken();
    return { type: 'STREAM_END', start: t.start };
  }

  private documentContent(): YamlEvent {
    const t = this.scanner.peek();
    if (['VERSION_DIRECTIVE', 'TAG_DIRECTIVE', 'DOCUMENT_START', 'DOCUMENT_END', 'STREAM_END'].includes(t.type)) {
      this.state = this.pop();
      return emptyScalar(t.start);
    }
    return this.node(true, false);
  }

  private documentEnd(): YamlEvent {
    const t = this.scanner.peek();
    if (t.type === 'DOCUMENT_END') this.scanner.skipToken();
    this.tagDirectives = [];
    this.state = 'DOCUMENT_START';
    return { type: 'DOCUMENT_END', start: t.start };
  }

  private node(block: boolean, indentlessSequence: boolean): YamlEvent {
    let t = this.scanner.peek();
    if (t.type === 'ALIAS') {
      this.state = this.pop();
      this.scanner.skipToken();
      return { type: 'ALIAS', start: t.start, anchor: t.value ?? '' };
    }
    let start = t.start;
    let anchor: string | undefined;
    let tagToken = false;
    let tagHandle = '';
    let tagSuffix = '';
    let tagMark = ZERO_MARK;
    if (t.type === 'ANCHOR') {
      anchor = t.value;
      start = t.start;
      this.scanner.skipToken();
      t = this.scanner.peek();
      if (t.type === 'TAG') {
        tagToken = true;
        tagHandle = t.value ?? '';
        tagSuffix = t.suffix ?? '';
        tagMark = t.start;
        this.scanner.skipToken();
        t = this.scanner.peek();
      }
    } else if (t.type === 'TAG') {
      tagToken = true;
      tagHandle = t.value ?? '';
      tagSuffix = t.suffix ?? '';
      start = t.start;
      tagMark = t.start;
      this.scanner.skipToken();
      t = this.scanner.peek();
      if (t.type === 'ANCHOR') {
        anchor = t.value;
        this.scanner.skipToken();
        t = this.scanner.peek();
      }
    }
    let tag = '';
    if (tagToken) {
      if (tagHandle === '') {
        tag = tagSuffix;
      } else {
        const directive = this.tagDirectives.find(([h]) => h === tagHandle);
        if (directive) tag = directive[1] + tagSuffix;
        if (tag === '') this.fail('found undefined tag handle', tagMark, start);
      }
    }
    const implicit = tag === '';
    if (indentlessSequence && t.type === 'BLOCK_ENTRY') {
      this.state = 'INDENTLESS_SEQUENCE_ENTRY';
      return { type: 'SEQUENCE_START', start, anchor, tag };
    }
    if (t.type === 'SCALAR') {
      const plainImplicit = (tag === '' && t.style === 'plain') || tag === '!';
      this.state = this.pop();
      this.scanner.skipToken();
      return { type: 'SCALAR', start, anchor, tag, value: t.value ?? '', implicit: plainImplicit, style: t.style ?? 'plain' };
    }
    if (t.type === 'FLOW_SEQUENCE_START') {
      this.state = 'FLOW_SEQUENCE_FIRST_ENTRY';
      return { type: 'SEQUENCE_START', start, anchor, tag };
    }
    if (t.type === 'FLOW_MAPPING_START') {
      this.state = 'FLOW_MAPPING_FIRST_KEY';
      return { type: 'MAPPING_START', start, anchor, tag };
    }
    if (block && t.type === 'BLOCK_SEQUENCE_START') {
      this.state = 'BLOCK_SEQUENCE_FIRST_ENTRY';
      return { type: 'SEQUENCE_START', start, anchor, tag };
    }
    if (block && t.type === 'BLOCK_MAPPING_START') {
      this.state = 'BLOCK_MAPPING_FIRST_KEY';
      return { type: 'MAPPING_START', start, anchor, tag };
    }
    if (anchor !== undefined || tag !== '') {
      this.state = this.pop();
      return { type: 'SCALAR', start, anchor, tag, value: '', implicit, style: 'plain' };
    }
    this.fail('did not find expected node content', t.start, start);
  }

  private blockSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    let t = this.scanner.peek();
    if (t.type === 'BLOCK_ENTRY') {
      const mark = t.end;
      this.scanner.skipToken();
      t = this.scanner.peek();
      if (t.type !== 'BLOCK_ENTRY' && t.type !== 'BLOCK_END') {
        this.states.push('BLOCK_SEQUENCE_ENTRY');
        return this.node(true, false);
      }
      this.state = 'BLOCK_SEQUENCE_ENTRY';
      return emptyScalar(mark);
    }
    if (t.type === 'BLOCK_END') {
      this.state = this.pop();
      this.marks.pop();
      this.scanner.skipToken();
      return { type: 'SEQUENCE_END', start: t.start };
    }
    const context = this.marks.pop() ?? ZERO_MARK;
    this.fail("did not find expected '-' indicator", t.start, context);
  }

  private indentlessSequenceEntry(): YamlEvent {
    let t = this.scanner.peek();
    if (t.type === 'BLOCK_ENTRY') {
      const mark = t.end;
      this.scanner.skipToken();
      t = this.scanner.peek();
      if (t.type !== 'BLOCK_ENTRY' && t.type !== 'KEY' && t.type !== 'VALUE' && t.type !== 'BLOCK_END') {
        this.states.push('INDENTLESS_SEQUENCE_ENTRY');
        return this.node(true, false);
      }
      this.state = 'INDENTLESS_SEQUENCE_ENTRY';
      return emptyScalar(mark);
    }
    this.state = this.pop();
    return { type: 'SEQUENCE_END', start: t.start };
  }

  private blockMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    let t = this.scanner.peek();
    if (t.type === 'KEY') {
      const mark = t.end;
      this.scanner.skipToken();
      t = this.scanner.peek();
      if (t.type !== 'KEY' && t.type !== 'VALUE' && t.type !== 'BLOCK_END') {
        this.states.push('BLOCK_MAPPING_VALUE');
        return this.node(true, true);
      }
      this.state = 'BLOCK_MAPPING_VALUE';
      return emptyScalar(mark);
    }
    if (t.type === 'BLOCK_END') {
      this.state = this.pop();
      this.marks.pop();
      this.scanner.skipToken();
      return { type: 'MAPPING_END', start: t.start };
    }
    const context = this.marks.pop() ?? ZERO_MARK;
    this.fail('did not find expected key', t.start, context);
  }

  private blockMappingValue(): YamlEvent {
    let t = this.scanner.peek();
    if (t.type === 'VALUE') {
      const mark = t.end;
      this.scanner.skipToken();
      t = this.scanner.peek();
      if (t.type !== 'KEY' && t.type !== 'VALUE' && t.type !== 'BLOCK_END') {
        this.states.push('BLOCK_MAPPING_KEY');
        return this.node(true, true);
      }
      this.state = 'BLOCK_MAPPING_KEY';
      return emptyScalar(mark);
    }
    this.state = 'BLOCK_MAPPING_KEY';
    return emptyScalar(t.start);
  }

  private flowSequenceEntry(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    let t = this.scanner.peek();
    if (t.type !== 'FLOW_SEQUENCE_END') {
      if (!first) {
        if (t.type === 'FLOW_ENTRY') {
          this.scanner.skipToken();
          t = this.scanner.peek();
        } else {
          const context = this.marks.pop() ?? ZERO_MARK;
          this.fail("did not find expected ',' or ']'", t.start, context);
        }
      }
      if (t.type === 'KEY') {
        this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY';
        this.scanner.skipToken();
        return { type: 'MAPPING_START', start: t.start };
      } else if (t.type !== 'FLOW_SEQUENCE_END') {
        this.states.push('FLOW_SEQUENCE_ENTRY');
        return this.node(false, false);
      }
    }
    this.state = this.pop();
    this.marks.pop();
    this.scanner.skipToken();
    return { type: 'SEQUENCE_END', start: t.start };
  }

  private flowSequenceEntryMappingKey(): YamlEvent {
    const t = this.scanner.peek();
    if (t.type !== 'VALUE' && t.type !== 'FLOW_ENTRY' && t.type !== 'FLOW_SEQUENCE_END') {
      this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_VALUE');
      return this.node(false, false);
    }
    const mark = t.end;
    this.scanner.skipToken();
    this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE';
    return emptyScalar(mark);
  }

  private flowSequenceEntryMappingValue(): YamlEvent {
    let t = this.scanner.peek();
    if (t.type === 'VALUE') {
      this.scanner.skipToken();
      t = this.scanner.peek();
      if (t.type !== 'FLOW_ENTRY' && t.type !== 'FLOW_SEQUENCE_END') {
        this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_END');
        return this.node(false, false);
      }
    }
    this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_END';
    return emptyScalar(t.start);
  }

  private flowSequenceEntryMappingEnd(): YamlEvent {
    const t = this.scanner.peek();
    this.state = 'FLOW_SEQUENCE_ENTRY';
    return { type: 'MAPPING_END', start: t.start };
  }

  private flowMappingKey(first: boolean): YamlEvent {
    if (first) {
      this.marks.push(this.scanner.peek().start);
      this.scanner.skipToken();
    }
    let t = this.scanner.peek();
    if (t.type !== 'FLOW_MAPPING_END') {
      if (!first) {
        if (t.type === 'FLOW_ENTRY') {
          this.scanner.skipToken();
          t = this.scanner.peek();
        } else {
          const context = this.marks.pop() ?? ZERO_MARK;
          this.fail("did not find expected ',' or '}'", t.start, context);
        }
      }
      if (t.type === 'KEY') {
        this.scanner.skipToken();
        t = this.scanner.peek();
        if (t.type !== 'VALUE' && t.type !== 'FLOW_ENTRY' && t.type !== 'FLOW_MAPPING_END') {
          this.states.push('FLOW_MAPPING_VALUE');
          return this.node(false, false);
        }
        this.state = 'FLOW_MAPPING_VALUE';
        return emptyScalar(t.start);
      } else if (t.type !== 'FLOW_MAPPING_END') {
        this.states.push('FLOW_MAPPING_EMPTY_VALUE');
        return this.node(false, false);
      }
    }
    this.state = this.pop();
    this.marks.pop();
    this.scanner.skipToken();
    return { type: 'MAPPING_END', start: t.start };
  }

  private flowMappingValue(empty: boolean): YamlEvent {
    let t = this.scanner.peek();
    if (empty) {
      this.state = 'FLOW_MAPPING_KEY';
      return emptyScalar(t.start);
    }
    if (t.type === 'VALUE') {
      this.scanner.skipToken();
      t = this.scanner.peek();
      if (t.type !== 'FLOW_ENTRY' && t.type !== 'FLOW_MAPPING_END') {
        this.states.push('FLOW_MAPPING_KEY');
        return this.node(false, false);
      }
    }
    this.state = 'FLOW_MAPPING_KEY';
    return emptyScalar(t.start);
  }

  private processDirectives(): void {
    let version = false;
    let t = this.scanner.peek();
    while (t.type === 'VERSION_DIRECTIVE' || t.type === 'TAG_DIRECTIVE') {
      if (t.type === 'VERSION_DIRECTIVE') {
        if (version) this.fail('found duplicate %YAML directive', t.start);
        if (t.major !== 1 || t.minor !== 1) this.fail('found incompatible YAML document', t.start);
        version = true;
      } else {
        const handle = t.value ?? '';
        if (this.tagDirectives.some(([h]) => h === handle)) this.fail('found duplicate %TAG directive', t.start);
        this.tagDirectives.push([handle, t.suffix ?? '']);
      }
      this.scanner.skipToken();
      t = this.scanner.peek();
    }
    for (const [handle, prefix] of DEFAULT_TAG_DIRECTIVES) {
      if (!this.tagDirectives.some(([h]) => h === handle)) this.tagDirectives.push([handle, prefix]);
    }
  }
}

function emptyScalar(mark: Mark): YamlEvent {
  return { type: 'SCALAR', start: mark, value: '', implicit: true, style: 'plain', tag: '' };
}

// ---- composer (decode.go `parser`) and decoder (decode.go `decoder` into interface{}) ----

/** `line` is 1-based, where the node starts (for `yamlLines`; decoding ignores it). */
type YamlNode =
  | { kind: 'scalar'; value: string; tag: string; implicit: boolean; line?: number }
  | { kind: 'mapping'; children: YamlNode[]; line?: number }
  | { kind: 'sequence'; children: YamlNode[]; line?: number }
  | { kind: 'alias'; name: string; target: YamlNode; line?: number };

class Composer {
  private event: YamlEvent | undefined;
  private anchors = new Map<string, YamlNode>();

  constructor(private readonly parser: Parser) {}

  private peek(): YamlEvent {
    this.event ??= this.parser.next();
    return this.event;
  }

  private expect(type: EventType): YamlEvent {
    const e = this.peek();
    if (e.type === 'STREAM_END' && type !== 'STREAM_END') {
      throw new YamlFailure('yaml: attempted to go past the end of stream; corrupted value?');
    }
    this.event = undefined;
    return e;
  }

  /** The first document's root node; undefined for an empty stream. */
  document(): YamlNode | undefined {
    this.expect('STREAM_START');
    if (this.peek().type === 'STREAM_END') return undefined;
    this.expect('DOCUMENT_START');
    const root = this.parse();
    this.expect('DOCUMENT_END');
    return root;
  }

  /**
   * decode.go `parser.parse`, which recurses once per nesting level. The open collections are kept
   * on an explicit stack instead: the scanner allows 10000 flow levels plus 10000 indents, deeper
   * than the JS call stack goes.
   */
  private parse(): YamlNode {
    const open: { node: YamlNode & { children: YamlNode[] }; end: EventType }[] = [];
    for (;;) {
      const top = open[open.length - 1];
      let done: YamlNode | undefined;
      if (top && this.peek().type === top.end) {
        this.expect(top.end);
        open.pop();
        done = top.node;
      } else {
        const e = this.peek();
        switch (e.type) {
          case 'SCALAR': {
            this.expect('SCALAR');
            done = { kind: 'scalar', value: e.value ?? '', tag: e.tag ?? '', implicit: e.implicit ?? false, line: e.start.line + 1 };
            if (e.anchor !== undefined) this.anchors.set(e.anchor, done);
            break;
          }
          case 'ALIAS': {
            const name = e.anchor ?? '';
            const target = this.anchors.get(name);
            if (!target) throw new YamlFailure(`yaml: unknown anchor '${name}' referenced`);
            this.expect('ALIAS');
            done = { kind: 'alias', name, target, line: e.start.line + 1 };
            break;
          }
          case 'MAPPING_START':
          case 'SEQUENCE_START': {
            const mapping = e.type === 'MAPPING_START';
            const line = e.start.line + 1;
            const node: YamlNode & { children: YamlNode[] } = mapping ? { kind: 'mapping', children: [], line } : { kind: 'sequence', children: [], line };
            if (e.anchor !== undefined) this.anchors.set(e.anchor, node);
            this.expect(e.type);
            open.push({ node, end: mapping ? 'MAPPING_END' : 'SEQUENCE_END' });
            break;
          }
          default:
            throw new YamlFailure(`yaml: attempted to parse unknown event: ${e.type}`);
        }
      }
      if (done === undefined) continue;
      const parent = open[open.length - 1];
      if (!parent) return done;
      parent.node.children.push(done);
    }
  }
}

const TAG_PREFIX = 'tag:yaml.org,2002:';
const STR_TAG = `${TAG_PREFIX}str`;
const BINARY_TAG = `${TAG_PREFIX}binary`;
const RESOLVABLE = new Set(['', STR_TAG, `${TAG_PREFIX}bool`, `${TAG_PREFIX}int`, `${TAG_PREFIX}float`, `${TAG_PREFIX}null`, `${TAG_PREFIX}timestamp`]);

type GoValue = null | boolean | number | string | GoValue[] | GoMap;
/** A Go map[interface{}]interface{}; keys keep their Go type until JSON conversion. */
type GoMap = Map<string, { key: GoKey; value: GoValue }>;
type GoKey = null | boolean | number | { float: number } | string;

const RESOLVE_MAP = new Map<string, { tag: string; value: GoValue }>();
for (const [value, tag, words] of [
  [true, 'bool', ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
  [false, 'bool', ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']],
  [null, 'null', ['', '~', 'null', 'Null', 'NULL']],
  [NaN, 'float', ['.nan', '.NaN', '.NAN']],
  [Infinity, 'float', ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']],
  [-Infinity, 'float', ['-.inf', '-.Inf', '-.INF']],
  ['<<', 'merge', ['<<']],
] as const) {
  for (const w of words) RESOLVE_MAP.set(w, { tag: `${TAG_PREFIX}${tag}`, value });
}

/** Go's strconv.ParseInt(s, 0, 64) for the forms YAML meets; undefined when Go errs. */
function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2] ?? '';
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  if (v > 9223372036854775807n || v < -9223372036854775808n) {
    // ParseUint accepts up to 2^64-1 without sign.
    if (m[1] === '' && v <= 18446744073709551615n) return Number(v);
    return undefined;
  }
  return Number(v);
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

function isTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?)?$/.exec(s);
  if (!m) return false;
  const sep = m[4];
  if (sep === undefined) return true;
  // "2006-1-2 15:4:5.999999999" has no zone; the T forms require one.
  return sep === ' ' ? m[9] === undefined : m[9] !== undefined;
}

/** resolve.go `resolve` for an implicit or tagged scalar; returns the Go tag and value. */
function resolveScalar(tag: string, input: string): { tag: string; value: GoValue } {
  if (!RESOLVABLE.has(tag)) return { tag, value: input };
  const c = input[0];
  const hint = input === '' ? 'N' : c === '+' || c === '-' ? 'S' : c !== undefined && c >= '0' && c <= '9' ? 'D' : c !== undefined && 'yYnNtTfFoO~'.includes(c) ? 'M' : c === '.' ? '.' : '';
  let out: { tag: string; value: GoValue } = { tag: STR_TAG, value: input };
  if (hint !== '' && tag !== STR_TAG && tag !== BINARY_TAG) {
    const item = RESOLVE_MAP.get(input);
    if (item) {
      out = { tag: item.tag, value: item.value };
    } else if (hint === '.') {
      const f = Number(input);
      if (input !== '.' && !Number.isNaN(f) && /^\.[0-9]/.test(input)) out = { tag: `${TAG_PREFIX}float`, value: f };
    } else if (hint === 'D' || hint === 'S') {
      const plain = input.replaceAll('_', '');
      const intv = parseGoInt(plain);
      if ((tag === '' || tag === `${TAG_PREFIX}timestamp`) && isTimestamp(input)) {
        out = { tag: `${TAG_PREFIX}timestamp`, value: input };
      } else if (intv !== undefined) {
        out = { tag: `${TAG_PREFIX}int`, value: intv };
      } else if (YAML_STYLE_FLOAT.test(plain)) {
        out = { tag: `${TAG_PREFIX}float`, value: Number(plain) };
      }
    }
  }
  if (tag !== '' && tag !== out.tag && tag !== STR_TAG && tag !== BINARY_TAG) {
    if (tag === `${TAG_PREFIX}float` && out.tag === `${TAG_PREFIX}int`) return { tag, value: out.value };
    const short = (t: string) => (t.startsWith(TAG_PREFIX) ? `!!${t.slice(TAG_PREFIX.length)}` : t);
    throw new YamlFailure(`yaml: cannot decode ${short(out.tag)} \`${input}\` as a ${short(tag)}`);
  }
  if (tag === STR_TAG || tag === BINARY_TAG) return { tag, value: input };
  return out;
}

/**
 * Runs a recursive computation with its pending calls on an explicit stack: `step(call)` is a
 * generator that yields each nested call it needs and receives that call's result. Go's decoder,
 * converter and %#v recurse freely; documents here may nest 20,000 levels or more through aliases,
 * past what the JS call stack holds.
 */
function runNested<C, R>(root: C, step: (call: C) => Generator<C, R, R>): R {
  const stack = [step(root)];
  let result: R | undefined;
  for (let top = stack[0]; top; top = stack[stack.length - 1]) {
    const next = top.next(result as R);
    if (next.done) {
      stack.pop();
      result = next.value;
    } else {
      stack.push(step(next.value));
      result = undefined;
    }
  }
  return result as R;
}

// decode.go alias_ratio_range_low/high (go-yaml v2.4.0).
const ALIAS_RATIO_RANGE_LOW = 400_000;
const ALIAS_RATIO_RANGE_HIGH = 4_000_000;

/**
 * decode.go `allowedAliasRatio`: the share of decode operations that may come from alias expansion,
 * 99% up to 400,000 operations, falling to 10% at 4,000,000.
 */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_RANGE_LOW) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW));
}

/** One `d.unmarshal(n, out)` call: decode `node`; with `into`, decode a mapping into that existing map (a merge). */
interface Unmarshal {
  node: YamlNode;
  into?: GoMap;
}

/** A suspended `d.unmarshal`: it yields the nested calls it makes and receives their values. */
type UnmarshalStep = Generator<Unmarshal, GoValue, GoValue>;

const isMergeKey = (k: YamlNode) => k.kind === 'scalar' && k.value === '<<' && (k.implicit || k.tag === `${TAG_PREFIX}merge`);

/**
 * decode.go `decoder` into interface{}, with its alias budget: every `unmarshal` call counts, calls
 * under an alias count as aliased, and a document whose aliased share passes `allowedAliasRatio`
 * fails with `document contains excessive aliasing` (the guard against "billion laughs" documents).
 * The check runs before each node is decoded, so an amplifying document fails after a few thousand
 * nodes instead of expanding.
 */
class Decoder {
  private readonly aliases = new Set<YamlNode>();
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;

  /** `d.unmarshal(documentNode, out)`: the document node counts, then its root. */
  decode(root: YamlNode): GoValue {
    this.count();
    return runNested<Unmarshal, GoValue>({ node: root }, (call) => this.unmarshal(call));
  }

  private count(): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new YamlFailure('yaml: document contains excessive aliasing');
    }
  }

  /** `d.unmarshal` of a scalar, run on the spot: most nodes are scalars, and they nest nothing. */
  private scalar(n: YamlNode & { kind: 'scalar' }): GoValue {
    this.count();
    return decodeScalar(n);
  }

  private *unmarshal({ node: n, into }: Unmarshal): UnmarshalStep {
    this.count();
    switch (n.kind) {
      case 'alias': {
        if (this.aliases.has(n)) throw new YamlFailure(`yaml: anchor '${n.name}' value contains itself`);
        this.aliases.add(n);
        this.aliasDepth++;
        const value = yield { node: n.target, into };
        this.aliasDepth--;
        this.aliases.delete(n);
        return value;
      }
      case 'scalar':
        return decodeScalar(n);
      case 'sequence': {
        const out: GoValue[] = [];
        for (const child of n.children) out.push(child.kind === 'scalar' ? this.scalar(child) : yield { node: child });
        return out;
      }
      case 'mapping': {
        const out: GoMap = into ?? new Map();
        for (let i = 0; i + 1 < n.children.length; i += 2) {
          const k = n.children[i] as YamlNode;
          const v = n.children[i + 1] as YamlNode;
          if (isMergeKey(k)) {
            yield* merge(v, out);
            continue;
          }
          const key = k.kind === 'scalar' ? this.scalar(k) : yield { node: k };
          if (key instanceof Map || Array.isArray(key)) throw new YamlFailure(`yaml: invalid map key: ${goSharpV(key)}`);
          const keyNode = k.kind === 'alias' ? k.target : k;
          const resolvedKey: GoKey =
            typeof key === 'number' && keyNode.kind === 'scalar' && resolveScalar(keyNode.tag, keyNode.value).tag === `${TAG_PREFIX}float` ? { float: key } : key;
          out.set(goKeyId(resolvedKey), { key: resolvedKey, value: v.kind === 'scalar' ? this.scalar(v) : yield { node: v } });
        }
        return out;
      }
    }
  }
}

/** decode.go `merge`: `<<` takes a mapping, an alias of one, or a sequence of them (later ones first). */
function* merge(n: YamlNode, out: GoMap): Generator<Unmarshal, void, GoValue> {
  const wantMap = () => new YamlFailure('yaml: map merge requires map or sequence of maps as the value');
  if (n.kind === 'mapping' || (n.kind === 'alias' && n.target.kind === 'mapping')) {
    yield { node: n, into: out };
  } else if (n.kind === 'sequence') {
    for (let i = n.children.length - 1; i >= 0; i--) {
      const c = n.children[i] as YamlNode;
      if ((c.kind === 'alias' ? c.target : c).kind !== 'mapping') throw wantMap();
      yield { node: c, into: out };
    }
  } else {
    throw wantMap();
  }
}

function decodeScalar(n: YamlNode & { kind: 'scalar' }): GoValue {
  if (n.tag === '' && !n.implicit) return n.value;
  const r = resolveScalar(n.tag, n.value);
  if (r.tag === BINARY_TAG) {
    try {
      return atob(String(r.value).replace(/\s/g, ''));
    } catch {
      throw new YamlFailure('yaml: !!binary value contains invalid base64 data');
    }
  }
  return r.value;
}

function goKeyId(key: GoKey): string {
  if (key === null) return 'nil';
  if (typeof key === 'object') return `f:${key.float}`;
  return `${typeof key}:${String(key)}`;
}

/** Go's strconv.FormatFloat(f, 'g', -1, 32) as used for float map keys. */
function formatFloatKey(f: number): string {
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (Number.isNaN(f)) return '.nan';
  const s = String(Math.fround(f) === f ? f : Number(Math.fround(f).toPrecision(9)));
  return s.replace(/e\+?(-?)(\d)$/, 'e$1' + '0$2').replace('e-0', 'e-0');
}

function goTypeName(v: GoValue | GoKey): string {
  if (v === null) return '%!s(<nil>)';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  return 'map[interface {}]interface {}';
}

/** Go's %#v of a value decoded into interface{}; nested values print nil as `interface {}(nil)`. */
function goSharpV(root: GoValue): string {
  return runNested<{ v: GoValue; nested: boolean }, string>({ v: root, nested: false }, function* ({ v, nested }) {
    if (v === null) return nested ? 'interface {}(nil)' : '<nil>';
    if (typeof v === 'string') return goQuoteString(v);
    if (typeof v === 'boolean' || typeof v === 'number') return String(v);
    if (Array.isArray(v)) {
      const items: string[] = [];
      for (const x of v) items.push(yield { v: x, nested: true });
      return `[]interface {}{${items.join(', ')}}`;
    }
    const entries: { k: string; v: string }[] = [];
    for (const { key, value } of v.values()) {
      const k = key === null ? 'interface {}(nil)' : yield { v: typeof key === 'object' ? key.float : key, nested: true };
      entries.push({ k, v: yield { v: value, nested: true } });
    }
    entries.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    return `map[interface {}]interface {}{${entries.map((e) => `${e.k}:${e.v}`).join(', ')}}`;
  });
}

/** Go's strconv.Quote for the characters YAML text can hold. */
export function goQuoteString(s: string): string {
  let out = '"';
  for (const ch of s) out += goQuoteRune(ch, '"');
  return `${out}"`;
}

/** One rune as strconv.Quote writes it inside `quote` quotes. */
export function goQuoteRune(ch: string, quote: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\' };
  if (ch === quote) return `\\${ch}`;
  const n = named[ch];
  if (n !== undefined) return n;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if ((cp >= 0x80 && cp < 0xa0) || cp === 0xad) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return ch;
}

/** encoding/json scanner.go `maxNestingDepth`: the JSON decoders refuse a value nested deeper. */
export const JSON_MAX_NESTING_DEPTH = 10000;

const isLeaf = (v: GoValue): v is null | boolean | number | string => v === null || typeof v !== 'object';

/**
 * sigs.k8s.io/yaml convertToJSONableObject: keys become strings, sorted as json.Marshal writes them.
 * Objects are built with Object.fromEntries, so a `__proto__` key stays an ordinary own property
 * (plain assignment would set the object's prototype instead).
 */
function toJson(root: GoValue): Json {
  return runNested<GoValue, Json>(root, function* (v) {
    if (isLeaf(v)) return v;
    if (Array.isArray(v)) {
      const items: Json[] = [];
      for (const item of v) items.push(isLeaf(item) ? item : yield item);
      return items;
    }
    // Later duplicates win, as with Go maps; json.Marshal then sorts keys bytewise.
    const byName = new Map<string, GoValue>();
    for (const { key, value } of v.values()) byName.set(jsonKeyName(key, value), value);
    const entries: [string, Json][] = [];
    for (const name of [...byName.keys()].sort(compareBytes)) {
      const value = byName.get(name) as GoValue;
      entries.push([name, isLeaf(value) ? value : yield value]);
    }
    return Object.fromEntries(entries) as JsonObject;
  });
}

function jsonKeyName(key: GoKey, value: GoValue): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number') return String(key);
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (key !== null) return formatFloatKey(key.float);
  throw new YamlFailure(`Unsupported map key of type: ${goTypeName(key)}, key: <nil>, value: ${goSharpV(value)}`);
}

/**
 * What sigs.k8s.io/yaml does with the converted value before kubectl sees it: json.Marshal, which
 * refuses NaN and infinities, then json.Decoder, whose scanner refuses nesting past
 * JSON_MAX_NESTING_DEPTH. Returns the error text that follows `error parsing <source>: `, or
 * undefined. Walks in the order both read the text: keys sorted, depth first.
 */
function marshalAndRescan(root: Json): string | undefined {
  let tooDeep: string | undefined;
  const stack: { v: Json; depth: number }[] = [{ v: root, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { v, depth } = item;
    if (typeof v === 'number' && !Number.isFinite(v)) {
      return `error converting YAML to JSON: json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > JSON_MAX_NESTING_DEPTH) {
      tooDeep ??= `error unmarshaling JSON: while decoding JSON: invalid character '${Array.isArray(v) ? '[' : '{'}' exceeded max depth`;
      continue;
    }
    const children = Array.isArray(v) ? v : Object.keys(v).map((k) => v[k] as Json);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ v: children[i] as Json, depth: depth + 1 });
  }
  return tooDeep;
}

/**
 * Orders strings as their UTF-8 bytes compare, which is code point order. UTF-16 units agree with
 * it except that surrogates (code points past U+FFFF) must sort after U+E000–U+FFFF: units from
 * U+D800 up are remapped so, without encoding anything.
 */
function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return utf8Rank(x) - utf8Rank(y);
  }
  return a.length - b.length;
}

const utf8Rank = (unit: number) => (unit < 0xd800 ? unit : unit >= 0xe000 ? unit - 0x800 : unit + 0x2000);

const isPrintable = (cp: number) =>
  cp === 0x09 || cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 ||
  (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

/** The outcome of converting one YAML document as sigs.k8s.io/yaml.YAMLToJSON does. */
export type YamlToJsonResult = { ok: true; value: Json } | { ok: false; message: string };

/**
 * Reads one YAML document as sigs.k8s.io/yaml.Unmarshal does (v1.4.0 yaml.go `unmarshal`): go-yaml
 * v2 decodes it, it is converted to JSON, and that JSON is decoded again. `message` is the error as
 * kubectl prints it after `error parsing <source>: `, e.g.
 * `error converting YAML to JSON: yaml: line 3: did not find expected key`. An empty document gives `null`.
 */
export function yamlToJson(text: string): YamlToJsonResult {
  return convertYaml(text).result;
}

/**
 * `yamlToJson`, plus where each field is: a map from a JSON path (`steps[2].check.expect`; the
 * root is ``) to the 1-based line of its key (of the value itself for list items and the root). Values reached through an alias are not listed (the alias's own
 * line is). For readers that report errors by line and field, as a scenario file's loader does.
 */
export function yamlToJsonWithLines(text: string): { result: YamlToJsonResult; lines: Map<string, number> } {
  const { result, root } = convertYaml(text);
  const lines = new Map<string, number>();
  if (result.ok && root) collectLines(root, '', lines);
  return { result, lines };
}

/** How deep `yamlLines` lists paths (a scenario's deepest field is about 20 levels down). */
const LINES_DEPTH = 64;
/** How many items of one list `yamlLines` lists. */
const LINES_ITEMS = 1000;

/** Records the line of every node under `root`, by path, with an explicit stack (documents may nest deeply). */
function collectLines(root: YamlNode, rootPath: string, lines: Map<string, number>): void {
  const stack: { node: YamlNode; path: string; depth: number }[] = [{ node: root, path: rootPath, depth: 0 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    if (node.line !== undefined && !lines.has(path)) lines.set(path, node.line);
    // Paths grow with depth: past LINES_DEPTH a field is reported at its nearest listed ancestor,
    // so that a document nested 10,000 levels deep costs no more than a shallow one.
    if (depth >= LINES_DEPTH) continue;
    if (node.kind === 'sequence') {
      // Likewise only the first LINES_ITEMS items of a list: a field past them is reported at the list.
      node.children.slice(0, LINES_ITEMS).forEach((child, i) => stack.push({ node: child, path: `${path}[${i}]`, depth: depth + 1 }));
    } else if (node.kind === 'mapping') {
      for (let i = 0; i + 1 < node.children.length; i += 2) {
        const key = node.children[i]!;
        if (key.kind !== 'scalar') continue;
        const child = path === '' ? key.value : `${path}.${key.value}`;
        // A field is where its key is written (a block value starts on the next line); of a key
        // written twice, the last one, whose value is the one read.
        if (key.line !== undefined) lines.set(child, key.line);
        stack.push({ node: node.children[i + 1]!, path: child, depth: depth + 1 });
      }
    }
  }
}

function convertYaml(text: string): { result: YamlToJsonResult; root?: YamlNode } {
  const converting = (message: string): { result: YamlToJsonResult } => ({ result: { ok: false, message: `error converting YAML to JSON: ${message}` } });
  for (const ch of text) {
    if (!isPrintable(ch.codePointAt(0) ?? 0)) return converting('yaml: control characters are not allowed');
  }
  let value: Json;
  let root: YamlNode | undefined;
  try {
    root = new Composer(new Parser(new Scanner(text))).document();
    if (root === undefined) return { result: { ok: true, value: null } };
    value = toJson(new Decoder().decode(root));
  } catch (e) {
    if (e instanceof YamlFailure) return converting(e.message);
    if (e instanceof SyntaxFailure) return converting(`yaml: ${syntaxWhere(e)}${e.problem}`);
    throw e;
  }
  const failure = marshalAndRescan(value);
  return failure === undefined ? { result: { ok: true, value }, root } : { result: { ok: false, message: failure } };
}

/** decode.go `fail`: scanner marks are 0-based and get +1; parser marks are printed as they are. */
function syntaxWhere(e: SyntaxFailure): string {
  let line = 0;
  if (e.problemMark.line !== 0) {
    line = e.problemMark.line + (e.kind === 'scanner' ? 1 : 0);
  } else if (e.contextMark.line !== 0) {
    line = e.contextMark.line;
  }
  return line !== 0 ? `line ${line}: ` : '';
}

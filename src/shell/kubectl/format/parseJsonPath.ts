/** One bound of `[start:end:step]`; `derived` marks the end implied by a single index (`[i]` = `[i:i+1]`). */
export interface SliceParam {
  value: number;
  known: boolean;
  derived: boolean;
}

/** A `{...}` action, the whole template, or one side of a filter. */
export interface ListNode {
  type: 'list';
  nodes: JsonPathNode[];
}

/** The nodes of client-go util/jsonpath/node.go. */
export type JsonPathNode =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'identifier'; name: string }
  | { type: 'array'; params: readonly [SliceParam, SliceParam, SliceParam] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] };

export type ParsedJsonPath = { ok: true; root: ListNode } | { ok: false; error: string };

/**
 * Parses a kubectl JSONPath template: a port of k8s.io/client-go/util/jsonpath/parser.go.
 * Text outside `{}` is kept as text; errors carry the parser's own words ("unterminated array",
 * "unclosed action", "unclosed array expect ]", ...).
 */
export function parseJsonPath(template: string): ParsedJsonPath {
  try {
    return { ok: true, root: new Parser(template).parse() };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, error: error.message };
    throw error;
  }
}

class ParseError extends Error {}

const EOF = '';
const dictKeyRex = /^'([^']*)'$/;
const sliceOperatorRex = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/;
const filterRex = /^([^!<>=]+)([!<>=]+)(.+?)$/;
const letterOrDigit = /^[\p{L}\p{Nd}]$/u;
const digitRex = /^\p{Nd}$/u;

function isAlphaNumeric(ch: string): boolean {
  return ch === '_' || letterOrDigit.test(ch);
}

function isDigit(ch: string): boolean {
  return digitRex.test(ch);
}

function isTerminator(ch: string): boolean {
  return ch === EOF || ' \t\r\n.,[]$@{}'.includes(ch);
}

/** parseAction: parses `text` as the inside of one `{}` action. */
function parseAction(text: string): ListNode {
  const root = new Parser(`{${text}}`).parse();
  const first = root.nodes[0];
  if (first?.type !== 'list') throw new ParseError('empty action');
  return first;
}

class Parser {
  private readonly root: ListNode = { type: 'list', nodes: [] };
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(private readonly input: string) {}

  parse(): ListNode {
    this.parseText(this.root);
    return this.root;
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const code = this.input.codePointAt(this.pos) ?? 0;
    const ch = String.fromCodePoint(code);
    this.width = ch.length;
    this.pos += this.width;
    return ch;
  }

  private peek(): string {
    const ch = this.next();
    this.backup();
    return ch;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
        this.parseLeftDelim(cur);
        return;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
  }

  private parseLeftDelim(cur: ListNode): void {
    this.pos += 1;
    this.consumeText();
    const node: ListNode = { type: 'list', nodes: [] };
    cur.nodes.push(node);
    this.parseInsideAction(node);
  }

  private parseInsideAction(cur: ListNode): void {
    const rest = this.input.slice(this.pos);
    if (rest.startsWith('}')) return this.parseRightDelim();
    if (rest.startsWith('[?(')) return this.parseFilter(cur);
    if (rest.startsWith('..')) return this.parseRecursive(cur);

    const ch = this.next();
    if (ch === EOF || ch === '\r' || ch === '\n') throw new ParseError('unclosed action');
    if (ch === ' ' || ch === '@' || ch === '$') {
      // Spaces separate tokens; '@' and '$' name the current object, which is the input anyway.
      this.consumeText();
    } else if (ch === '[') {
      return this.parseArray(cur);
    } else if (ch === '"' || ch === "'") {
      return this.parseQuote(cur, ch);
    } else if (ch === '.') {
      return this.parseField(cur);
    } else if (ch === '+' || ch === '-' || isDigit(ch)) {
      this.backup();
      return this.parseNumber(cur);
    } else if (isAlphaNumeric(ch)) {
      this.backup();
      return this.parseIdentifier(cur);
    } else {
      throw new ParseError(`unrecognized character in action: ${formatRune(ch)}`);
    }
    return this.parseInsideAction(cur);
  }

  private parseRightDelim(): void {
    this.pos += 1;
    this.consumeText();
    this.parseText(this.root);
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const ch = this.next();
      if (isTerminator(ch)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
    this.parseInsideAction(cur);
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes[cur.nodes.length - 1]?.type === 'recursive') throw new ParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
    this.parseInsideAction(cur);
  }

  private parseNumber(cur: ListNode): void {
    const sign = this.peek();
    if (sign === '+' || sign === '-') this.next();
    for (;;) {
      const ch = this.next();
      if (ch !== '.' && !isDigit(ch)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const int = parseGoInt(value);
    if (int !== undefined) cur.nodes.push({ type: 'int', value: int });
    else if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) cur.nodes.push({ type: 'float', value: Number(value) });
    else throw new ParseError(`cannot parse number ${value}`);
    this.parseInsideAction(cur);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const ch = this.next();
      if (ch === EOF || ch === '\n') throw new ParseError('unterminated array');
      if (ch === ']') break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      const union = parts.map((part) => parseAction(`[${part.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ type: 'union', nodes: union });
      return this.parseInsideAction(cur);
    }

    const dictKey = dictKeyRex.exec(text);
    if (dictKey) {
      cur.nodes.push(...parseAction(`.${dictKey[1] ?? ''}`).nodes);
      return this.parseInsideAction(cur);
    }

    const slice = sliceOperatorRex.exec(text);
    if (!slice) throw new ParseError(`invalid array index ${text}`);
    const values = [slice[1] ?? '', slice[2] ?? '', slice[3] ?? ''];
    const params: SliceParam[] = [];
    for (let i = 0; i < 3; i++) {
      let value = values[i] ?? '';
      if (value !== '') {
        if (i > 0) value = value.slice(1);
        if (i > 0 && value === '') params.push({ value: 0, known: false, derived: false });
        else {
          const int = parseGoInt(value);
          if (int === undefined) throw new ParseError(`array index ${value} is not a number`);
          params.push({ value: int, known: true, derived: false });
        }
      } else if (i === 1) {
        params.push({ value: (params[0]?.value ?? 0) + 1, known: true, derived: true });
      } else {
        params.push({ value: 0, known: false, derived: false });
      }
    }
    const [first, second, third] = params;
    if (!first || !second || !third) throw new ParseError(`invalid array index ${text}`);
    cur.nodes.push({ type: 'array', params: [first, second, third] });
    this.parseInsideAction(cur);
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const ch = this.next();
      if (ch === EOF || ch === '\n') throw new ParseError('unterminated filter');
      if (ch === '"' || ch === "'") {
        if (!begin) {
          begin = true;
          pair = ch;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && ch === pair) end = true;
      } else if (ch === ')' && begin === end) {
        break;
      }
    }
    if (this.next() !== ']') throw new ParseError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const match = filterRex.exec(text);
    if (!match) {
      cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    } else {
      const left = parseAction(match[1] ?? '');
      const right = parseAction(match[3] ?? '');
      cur.nodes.push({ type: 'filter', left, right, operator: match[2] ?? '' });
    }
    this.parseInsideAction(cur);
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const ch = this.next();
      if (ch === EOF || ch === '\n') throw new ParseError('unterminated quoted string');
      if (ch === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    const text = unquoteExtend(value);
    if (text === undefined) throw new ParseError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'text', text });
    this.parseInsideAction(cur);
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance()) {
      // Scan to the next unescaped terminator.
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replace(/\\/g, '') });
    this.parseInsideAction(cur);
  }

  private advance(): boolean {
    const ch = this.next();
    if (ch === '\\') this.next();
    else if (isTerminator(ch)) {
      this.backup();
      return false;
    }
    return true;
  }
}

/** strconv.Atoi: optional sign, ASCII digits, within int64. */
function parseGoInt(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  if (value < -(2n ** 63n) || value >= 2n ** 63n) return undefined;
  return Number(value);
}

/** fmt's %#U: `U+0041 'A'`, or just `U+0009` for a rune that is not printable. */
function formatRune(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch) ? `${hex} '${ch}'` : hex;
}

const simpleEscapes: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/**
 * parser.go `UnquoteExtend`: strconv.Unquote that also takes single-quoted strings.
 * Returns undefined for Go's "invalid syntax".
 */
function unquoteExtend(quoted: string): string | undefined {
  const quote = quoted[0];
  if (quoted.length < 2 || (quote !== '"' && quote !== "'") || quoted[quoted.length - 1] !== quote) return undefined;
  let s = quoted.slice(1, -1);
  if (!s.includes('\\') && !s.includes(quote)) return s;
  let out = '';
  while (s.length > 0) {
    const c = s[0] ?? '';
    if (c === quote) return undefined;
    if (c !== '\\') {
      const ch = String.fromCodePoint(s.codePointAt(0) ?? 0);
      out += ch;
      s = s.slice(ch.length);
      continue;
    }
    if (s.length <= 1) return undefined;
    const e = s[1] ?? '';
    s = s.slice(2);
    const simple = simpleEscapes[e];
    if (simple !== undefined) out += simple;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const digits = s.slice(0, n);
      if (digits.length < n || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
      const code = parseInt(digits, 16);
      if (e !== 'x' && (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))) return undefined;
      out += String.fromCodePoint(code);
      s = s.slice(n);
    } else if (e >= '0' && e <= '7') {
      const digits = e + s.slice(0, 2);
      if (!/^[0-7]{3}$/.test(digits)) return undefined;
      const code = parseInt(digits, 8);
      if (code > 255) return undefined;
      out += String.fromCharCode(code);
      s = s.slice(2);
    } else if (e === "'" || e === '"') {
      if (e !== quote) return undefined;
      out += e;
    } else return undefined;
  }
  return out;
}

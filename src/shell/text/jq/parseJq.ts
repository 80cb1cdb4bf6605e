import type { Json } from './jqValue.ts';

/** A destructuring pattern after `as`: `$x`, `[$a, $b]`, `{a: $x, $b}`. */
export type Pattern =
  | { kind: 'var'; name: string }
  | { kind: 'array'; items: Pattern[] }
  | { kind: 'object'; entries: { key: JqNode | string; keyVar?: string; value?: Pattern }[] };

/** A parsed jq program. `pos` is the source offset, for compile errors. */
export type JqNode =
  | { kind: 'identity' }
  | { kind: 'recurseDefault' }
  | { kind: 'literal'; value: Json }
  | { kind: 'string'; parts: (string | JqNode)[]; format: string | undefined }
  | { kind: 'format'; name: string }
  | { kind: 'index'; target: JqNode; key: JqNode }
  | { kind: 'slice'; target: JqNode; from: JqNode | undefined; to: JqNode | undefined }
  | { kind: 'iterate'; target: JqNode }
  | { kind: 'try'; body: JqNode; handler: JqNode | undefined }
  | { kind: 'pipe'; left: JqNode; right: JqNode }
  | { kind: 'comma'; left: JqNode; right: JqNode }
  | { kind: 'neg'; body: JqNode }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>='; left: JqNode; right: JqNode }
  | { kind: 'and' | 'or' | 'alt'; left: JqNode; right: JqNode }
  | { kind: 'assign'; op: '=' | '|=' | '+=' | '-=' | '*=' | '/=' | '%=' | '//='; left: JqNode; right: JqNode }
  | { kind: 'array'; body: JqNode | undefined }
  | { kind: 'object'; entries: { key: JqNode; value: JqNode }[] }
  | { kind: 'var'; name: string; pos: number }
  | { kind: 'call'; name: string; args: JqNode[]; pos: number }
  | { kind: 'if'; cond: JqNode; then: JqNode; else: JqNode | undefined }
  | { kind: 'reduce'; source: JqNode; pattern: Pattern; init: JqNode; update: JqNode }
  | { kind: 'foreach'; source: JqNode; pattern: Pattern; init: JqNode; update: JqNode; extract: JqNode | undefined }
  | { kind: 'as'; source: JqNode; patterns: Pattern[]; body: JqNode }
  | { kind: 'def'; name: string; params: string[]; body: JqNode; rest: JqNode }
  | { kind: 'label'; name: string; body: JqNode }
  | { kind: 'break'; name: string; pos: number };

/** A compile error as jq prints it: the message and where in the program it points. */
export interface JqSyntaxError {
  message: string;
  pos: number;
}

type TokenType =
  | 'IDENT' | 'FIELD' | 'BINDING' | 'LITERAL' | 'FORMAT' | 'QQSTRING_START' | 'QQSTRING_TEXT' | 'QQSTRING_INTERP_START'
  | 'QQSTRING_INTERP_END' | 'QQSTRING_END' | 'INVALID_CHARACTER' | 'LOC' | 'end of file' | 'op' | 'keyword';

interface Token {
  type: TokenType;
  /** The text: operator or keyword spelling, identifier, field name, decoded string piece. */
  text: string;
  value?: Json;
  pos: number;
}

const KEYWORDS = new Set(['as', 'import', 'include', 'module', 'def', 'if', 'then', 'else', 'elif', 'and', 'or', 'end', 'reduce', 'foreach', 'try', 'catch', 'label', 'break']);
const OPERATORS = ['?//', '//=', '!=', '==', '//', '|=', '+=', '-=', '*=', '/=', '%=', '<=', '>=', '..', '.', '?', '=', ';', ',', ':', '|', '+', '-', '*', '/', '%', '$', '<', '>', '[', '{', '(', ']', '}', ')'];

/** Nesting that the parser accepts before it gives up the way jq's bison parser does ("memory exhausted"). */
const MAX_NESTING = 200;

/** Splits a jq program into tokens as jq 1.7.1's lexer (src/lexer.l) does, strings included. */
function tokenize(src: string): Token[] | JqSyntaxError {
  const tokens: Token[] = [];
  // Each open bracket or string interpolation, to pair closers the way the lexer's start states do.
  const nesting: string[] = [];
  let i = 0;
  const push = (type: TokenType, text: string, pos: number, value?: Json) => tokens.push({ type, text, pos, value });
  const lexString = (): JqSyntaxError | undefined => {
    // After the opening quote: text pieces, escapes and \( … ) interpolations up to the closing quote.
    let text = '';
    let textPos = i;
    const flush = () => {
      if (text !== '') push('QQSTRING_TEXT', text, textPos, text);
      text = '';
    };
    while (i < src.length) {
      const c = src[i]!;
      if (c === '"') {
        flush();
        push('QQSTRING_END', '"', i);
        i++;
        return undefined;
      }
      if (c === '\\') {
        const n = src[i + 1];
        if (n === '(') {
          flush();
          push('QQSTRING_INTERP_START', '\\(', i);
          i += 2;
          nesting.push('interp');
          return undefined;
        }
        if (text === '') textPos = i;
        const simple: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', b: '\b', f: '\f', t: '\t', n: '\n', r: '\r' };
        if (n !== undefined && simple[n] !== undefined) {
          text += simple[n];
          i += 2;
          continue;
        }
        if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
          let code = parseInt(src.slice(i + 2, i + 6), 16);
          i += 6;
          if (code >= 0xd800 && code <= 0xdbff && /^\\u[dD][c-fC-F][0-9a-fA-F]{2}$/.test(src.slice(i, i + 6))) {
            code = 0x10000 + ((code - 0xd800) << 10) + (parseInt(src.slice(i + 2, i + 6), 16) - 0xdc00);
            i += 6;
          }
          text += String.fromCodePoint(code);
          continue;
        }
        return { message: 'syntax error, unexpected INVALID_CHARACTER', pos: i };
      }
      if (text === '') textPos = i;
      text += c;
      i++;
    }
    flush();
    return undefined;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (c === '"') {
      push('QQSTRING_START', '"', i);
      i++;
      const err = lexString();
      if (err) return err;
      continue;
    }
    const number = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(src.slice(i, i + 400));
    if (number) {
      push('LITERAL', number[0], start, Number(number[0]));
      i += number[0].length;
      continue;
    }
    const word = /^(?:[a-zA-Z_][a-zA-Z_0-9]*::)*[a-zA-Z_][a-zA-Z_0-9]*/.exec(src.slice(i, i + 400));
    if (word) {
      push(KEYWORDS.has(word[0]) ? 'keyword' : 'IDENT', word[0], start);
      i += word[0].length;
      continue;
    }
    if (c === '.' && /[a-zA-Z_]/.test(src[i + 1] ?? '')) {
      const field = /^\.[a-zA-Z_][a-zA-Z_0-9]*/.exec(src.slice(i, i + 400))!;
      push('FIELD', field[0].slice(1), start);
      i += field[0].length;
      continue;
    }
    if (c === '$') {
      if (src.startsWith('$__loc__', i)) {
        push('LOC', '$__loc__', start);
        i += 8;
        continue;
      }
      const binding = /^\$(?:[a-zA-Z_][a-zA-Z_0-9]*::)*[a-zA-Z_][a-zA-Z_0-9]*/.exec(src.slice(i, i + 400));
      if (binding) {
        push('BINDING', binding[0].slice(1), start);
        i += binding[0].length;
        continue;
      }
    }
    if (c === '@') {
      const format = /^@[a-zA-Z0-9_]+/.exec(src.slice(i, i + 400));
      if (format) {
        push('FORMAT', format[0].slice(1), start);
        i += format[0].length;
        continue;
      }
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op === undefined) {
      push('INVALID_CHARACTER', c, start);
      i++;
      continue;
    }
    i += op.length;
    if (op === '[' || op === '{' || op === '(') {
      nesting.push(op);
      push('op', op, start);
    } else if (op === ']' || op === '}' || op === ')') {
      const open = nesting[nesting.length - 1];
      if (op === ')' && open === 'interp') {
        nesting.pop();
        push('QQSTRING_INTERP_END', ')', start);
        const err = lexString();
        if (err) return err;
      } else if (open !== undefined && open !== 'interp' && { '[': ']', '{': '}', '(': ')' }[open] === op) {
        nesting.pop();
        push('op', op, start);
      } else push('INVALID_CHARACTER', op, start);
    } else push('op', op, start);
  }
  const last = tokens[tokens.length - 1];
  // jq reports the end of the program at the last token's place: flex sets no location for EOF.
  push('end of file', '', last ? last.pos : 0);
  return tokens;
}

/** What bison calls a token in "unexpected X" messages. */
function describe(t: Token): string {
  switch (t.type) {
    case 'op':
      return t.text.length === 1 ? `'${t.text}'` : t.text;
    case 'keyword':
      return t.text === 'elif' ? 'elif' : t.text;
    case 'LOC':
      return '$__loc__';
    default:
      return t.type;
  }
}

class ParseFailure {
  constructor(readonly error: JqSyntaxError) {}
}

/** Parses a jq program (the jq 1.7.1 grammar of src/parser.y, without modules). */
export function parseJq(src: string): { ast: JqNode } | { error: JqSyntaxError } {
  const lexed = tokenize(src);
  if (!Array.isArray(lexed)) return { error: lexed };
  const tokens: Token[] = lexed;
  let p = 0;
  let depth = 0;
  const peek = (): Token => tokens[p]!;
  const isOp = (text: string, t = peek()) => t.type === 'op' && t.text === text;
  const isKeyword = (text: string, t = peek()) => t.type === 'keyword' && t.text === text;
  const fail = (expecting?: string): never => {
    const t = peek();
    const message = `syntax error, unexpected ${describe(t)}${expecting ? `, expecting ${expecting}` : ''}`;
    throw new ParseFailure({ message, pos: t.pos });
  };
  const expectOp = (text: string, expecting = `'${text}'`) => {
    if (!isOp(text)) fail(expecting);
    p++;
  };
  const expectKeyword = (text: string) => {
    if (!isKeyword(text)) fail(text);
    p++;
  };
  const enter = () => {
    depth++;
    if (depth > MAX_NESTING) throw new ParseFailure({ message: 'memory exhausted', pos: peek().pos });
  };

  /** Pipe level: `def`, `Term as $x | …`, `label`, then `|` (right associative). */
  function parsePipe(): JqNode {
    enter();
    try {
      if (isKeyword('def')) {
        const def = parseDef();
        const rest = parsePipe();
        return { ...def, rest };
      }
      if (isKeyword('label')) {
        p++;
        const t = peek();
        if (t.type !== 'BINDING') fail();
        p++;
        expectOp('|');
        return { kind: 'label', name: t.text, body: parsePipe() };
      }
      const left = parseComma();
      if (isKeyword('as')) {
        p++;
        const patterns = [parsePattern()];
        while (isOp('?//')) {
          p++;
          patterns.push(parsePattern());
        }
        expectOp('|');
        return { kind: 'as', source: left, patterns, body: parsePipe() };
      }
      if (isOp('|')) {
        p++;
        return { kind: 'pipe', left, right: parsePipe() };
      }
      return left;
    } finally {
      depth--;
    }
  }

  function parseDef(): { kind: 'def'; name: string; params: string[]; body: JqNode } {
    p++;
    const name = peek();
    if (name.type !== 'IDENT' && name.type !== 'keyword') fail();
    p++;
    const params: string[] = [];
    if (isOp('(')) {
      p++;
      for (;;) {
        const t = peek();
        if (t.type === 'IDENT') params.push(t.text);
        else if (t.type === 'BINDING') params.push(`$${t.text}`);
        else fail();
        p++;
        if (isOp(';')) {
          p++;
          continue;
        }
        expectOp(')', "';' or ')'");
        break;
      }
    }
    expectOp(':');
    const body = parsePipe();
    expectOp(';');
    return { kind: 'def', name: name.text, params, body };
  }

  function parsePattern(): Pattern {
    const t = peek();
    if (t.type === 'BINDING') {
      p++;
      return { kind: 'var', name: t.text };
    }
    if (isOp('[')) {
      p++;
      const items: Pattern[] = [parsePattern()];
      while (isOp(',')) {
        p++;
        items.push(parsePattern());
      }
      expectOp(']');
      return { kind: 'array', items };
    }
    if (isOp('{')) {
      p++;
      const entries: { key: JqNode | string; keyVar?: string; value?: Pattern }[] = [];
      for (;;) {
        const k = peek();
        if (k.type === 'BINDING') {
          p++;
          if (isOp(':')) {
            p++;
            entries.push({ key: k.text, keyVar: k.text, value: parsePattern() });
          } else entries.push({ key: k.text, keyVar: k.text });
        } else if (k.type === 'IDENT' || k.type === 'keyword') {
          p++;
          expectOp(':');
          entries.push({ key: k.text, value: parsePattern() });
        } else if (k.type === 'QQSTRING_START') {
          const key = parseString(undefined);
          expectOp(':');
          entries.push({ key, value: parsePattern() });
        } else if (isOp('(')) {
          p++;
          const key = parsePipe();
          expectOp(')');
          expectOp(':');
          entries.push({ key, value: parsePattern() });
        } else fail();
        if (isOp(',')) {
          p++;
          continue;
        }
        expectOp('}');
        break;
      }
      return { kind: 'object', entries };
    }
    return fail();
  }

  function parseComma(): JqNode {
    let left = parseAlt();
    while (isOp(',')) {
      p++;
      left = { kind: 'comma', left, right: parseAlt() };
    }
    return left;
  }

  /** `//` is right associative and binds looser than the assignments. */
  function parseAlt(): JqNode {
    const left = parseAssign();
    if (isOp('//')) {
      p++;
      return { kind: 'alt', left, right: parseAlt() };
    }
    return left;
  }

  function parseAssign(): JqNode {
    const left = parseOr();
    const t = peek();
    if (t.type === 'op' && ['=', '|=', '+=', '-=', '*=', '/=', '%=', '//='].includes(t.text)) {
      p++;
      // Non-associative in jq's grammar; the right side is an `//` level expression.
      const right = parseAlt();
      return { kind: 'assign', op: t.text as '=', left, right };
    }
    return left;
  }

  function parseOr(): JqNode {
    let left = parseAnd();
    while (isKeyword('or')) {
      p++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }

  function parseAnd(): JqNode {
    let left = parseCompare();
    while (isKeyword('and')) {
      p++;
      left = { kind: 'and', left, right: parseCompare() };
    }
    return left;
  }

  function parseCompare(): JqNode {
    const left = parseAdditive();
    const t = peek();
    if (t.type === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      p++;
      const right = parseAdditive();
      const next = peek();
      if (next.type === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(next.text)) fail();
      return { kind: 'binary', op: t.text as '==', left, right };
    }
    return left;
  }

  function parseAdditive(): JqNode {
    let left = parseMultiplicative();
    for (;;) {
      const t = peek();
      if (t.type !== 'op' || (t.text !== '+' && t.text !== '-')) return left;
      p++;
      left = { kind: 'binary', op: t.text, left, right: parseMultiplicative() };
    }
  }

  function parseMultiplicative(): JqNode {
    let left = parseUnary();
    for (;;) {
      const t = peek();
      if (t.type !== 'op' || (t.text !== '*' && t.text !== '/' && t.text !== '%')) return left;
      p++;
      left = { kind: 'binary', op: t.text, left, right: parseUnary() };
    }
  }

  function parseUnary(): JqNode {
    if (isOp('-')) {
      p++;
      return { kind: 'neg', body: parseUnary() };
    }
    if (isKeyword('try')) {
      p++;
      const body = parsePostfix();
      if (isKeyword('catch')) {
        p++;
        return { kind: 'try', body, handler: parsePostfix() };
      }
      return { kind: 'try', body, handler: undefined };
    }
    if (isKeyword('reduce') || isKeyword('foreach')) {
      const which = peek().text;
      p++;
      const source = parsePostfix();
      expectKeyword('as');
      const pattern = parsePattern();
      expectOp('(');
      const init = parsePipe();
      expectOp(';');
      const update = parsePipe();
      let extract: JqNode | undefined;
      if (which === 'foreach' && isOp(';')) {
        p++;
        extract = parsePipe();
      }
      expectOp(')', which === 'foreach' ? "';' or ')'" : "')'");
      const node: JqNode =
        which === 'reduce' ? { kind: 'reduce', source, pattern, init, update } : { kind: 'foreach', source, pattern, init, update, extract };
      return parseSuffixes(node);
    }
    return parsePostfix();
  }

  /** A term and its suffixes: `.a`, `[e]`, `[]`, `[a:b]`, `?`, `."s"`. */
  function parsePostfix(): JqNode {
    return parseSuffixes(parsePrimary());
  }

  function parseSuffixes(start: JqNode): JqNode {
    let node = start;
    for (;;) {
      const t = peek();
      if (t.type === 'FIELD') {
        p++;
        node = { kind: 'index', target: node, key: { kind: 'literal', value: t.text } };
      } else if (isOp('.') && tokens[p + 1]?.type === 'QQSTRING_START') {
        p++;
        node = { kind: 'index', target: node, key: parseString(undefined) };
      } else if (isOp('.') && tokens[p + 1] && isOp('[', tokens[p + 1])) {
        p++;
      } else if (isOp('[')) {
        node = parseBracket(node);
      } else if (isOp('?')) {
        p++;
        node = { kind: 'try', body: node, handler: undefined };
      } else if (isKeyword('as') || t.type !== 'op' || !['.'].includes(t.text)) {
        return node;
      } else {
        p++;
        fail('FORMAT or QQSTRING_START or \'[\'');
      }
    }
  }

  function parseBracket(target: JqNode): JqNode {
    p++;
    if (isOp(']')) {
      p++;
      return { kind: 'iterate', target };
    }
    if (isOp(':')) {
      p++;
      const to = parsePipe();
      expectOp(']');
      return { kind: 'slice', target, from: undefined, to };
    }
    const key = parsePipe();
    if (isOp(':')) {
      p++;
      if (isOp(']')) {
        p++;
        return { kind: 'slice', target, from: key, to: undefined };
      }
      const to = parsePipe();
      expectOp(']');
      return { kind: 'slice', target, from: key, to };
    }
    expectOp(']', "']'");
    return { kind: 'index', target, key };
  }

  function parseString(format: string | undefined): JqNode {
    p++;
    const parts: (string | JqNode)[] = [];
    for (;;) {
      const t = peek();
      if (t.type === 'QQSTRING_TEXT') {
        parts.push(t.text);
        p++;
      } else if (t.type === 'QQSTRING_INTERP_START') {
        p++;
        parts.push(parsePipe());
        if (peek().type !== 'QQSTRING_INTERP_END') fail();
        p++;
      } else if (t.type === 'QQSTRING_END') {
        p++;
        break;
      } else fail('QQSTRING_TEXT or QQSTRING_INTERP_START or QQSTRING_END');
    }
    if (format === undefined && parts.every((x) => typeof x === 'string')) return { kind: 'literal', value: parts.join('') };
    return { kind: 'string', parts, format };
  }

  function parsePrimary(): JqNode {
    const t = peek();
    switch (t.type) {
      case 'LITERAL':
        p++;
        return { kind: 'literal', value: t.value! };
      case 'QQSTRING_START':
        return parseString(undefined);
      case 'FORMAT':
        p++;
        if (peek().type === 'QQSTRING_START') return parseString(t.text);
        return { kind: 'format', name: t.text };
      case 'FIELD':
        p++;
        return { kind: 'index', target: { kind: 'identity' }, key: { kind: 'literal', value: t.text } };
      case 'BINDING':
        p++;
        return { kind: 'var', name: t.text, pos: t.pos };
      case 'LOC':
        p++;
        return { kind: 'object', entries: [{ key: { kind: 'literal', value: 'file' }, value: { kind: 'literal', value: '<top-level>' } }, { key: { kind: 'literal', value: 'line' }, value: { kind: 'literal', value: src.slice(0, t.pos).split('\n').length } }] };
      case 'IDENT': {
        p++;
        // `null`, `true` and `false` are constants, not calls (src/parser.y Term: IDENT).
        if ((t.text === 'null' || t.text === 'true' || t.text === 'false') && !isOp('(')) {
          return { kind: 'literal', value: t.text === 'null' ? null : t.text === 'true' };
        }
        const args: JqNode[] = [];
        if (isOp('(')) {
          p++;
          for (;;) {
            args.push(parsePipe());
            if (isOp(';')) {
              p++;
              continue;
            }
            expectOp(')', "';' or ')'");
            break;
          }
        }
        return { kind: 'call', name: t.text, args, pos: t.pos };
      }
      case 'keyword':
        if (t.text === 'if') return parseIf();
        if (t.text === 'break') {
          p++;
          const label = peek();
          if (label.type !== 'BINDING') fail();
          p++;
          return { kind: 'break', name: label.text, pos: t.pos };
        }
        if (t.text === 'reduce' || t.text === 'foreach' || t.text === 'try') return parseUnary();
        if (t.text === 'def') {
          const def = parseDef();
          return { ...def, rest: parsePostfix() };
        }
        return fail();
      case 'op':
        break;
      default:
        return fail();
    }
    if (t.text === '.') {
      p++;
      if (peek().type === 'QQSTRING_START') return { kind: 'index', target: { kind: 'identity' }, key: parseString(undefined) };
      return { kind: 'identity' };
    }
    if (t.text === '..') {
      p++;
      return { kind: 'recurseDefault' };
    }
    if (t.text === '(') {
      p++;
      const body = parsePipe();
      expectOp(')', "')'");
      return body;
    }
    if (t.text === '[') {
      p++;
      if (isOp(']')) {
        p++;
        return { kind: 'array', body: undefined };
      }
      const body = parsePipe();
      expectOp(']', "']'");
      return { kind: 'array', body };
    }
    if (t.text === '{') return parseObject();
    if (t.text === '-') return parseUnary();
    return fail();
  }

  function parseIf(): JqNode {
    p++;
    const cond = parsePipe();
    expectKeyword('then');
    const then = parsePipe();
    if (isKeyword('elif')) {
      const rest = parseIf();
      return { kind: 'if', cond, then, else: rest };
    }
    let otherwise: JqNode | undefined;
    if (isKeyword('else')) {
      p++;
      otherwise = parsePipe();
    }
    expectKeyword('end');
    return { kind: 'if', cond, then, else: otherwise };
  }

  function parseObject(): JqNode {
    p++;
    const entries: { key: JqNode; value: JqNode }[] = [];
    if (isOp('}')) {
      p++;
      return { kind: 'object', entries };
    }
    for (;;) {
      const t = peek();
      let key: JqNode;
      let value: JqNode | undefined;
      if (t.type === 'BINDING') {
        p++;
        key = { kind: 'literal', value: t.text };
        value = { kind: 'var', name: t.text, pos: t.pos };
      } else if (t.type === 'IDENT' || t.type === 'keyword') {
        p++;
        key = { kind: 'literal', value: t.text };
      } else if (t.type === 'LITERAL') {
        return fail();
      } else if (t.type === 'QQSTRING_START') {
        key = parseString(undefined);
      } else if (t.type === 'FORMAT') {
        p++;
        key = peek().type === 'QQSTRING_START' ? parseString(t.text) : { kind: 'format', name: t.text };
      } else if (t.type === 'LOC') {
        p++;
        key = { kind: 'literal', value: '__loc__' };
        value = { kind: 'object', entries: [{ key: { kind: 'literal', value: 'file' }, value: { kind: 'literal', value: '<top-level>' } }, { key: { kind: 'literal', value: 'line' }, value: { kind: 'literal', value: src.slice(0, t.pos).split('\n').length } }] };
      } else if (isOp('(')) {
        p++;
        key = parsePipe();
        expectOp(')');
      } else return fail();
      if (value === undefined) {
        if (isOp(':')) {
          p++;
          value = parseObjectValue();
        } else {
          // `{a}` is `{a: .a}`, `{"a b"}` is `{"a b": ."a b"}`.
          value = { kind: 'index', target: { kind: 'identity' }, key };
        }
      }
      entries.push({ key, value });
      if (isOp(',')) {
        p++;
        continue;
      }
      expectOp('}', "'}'");
      return { kind: 'object', entries };
    }
  }

  /** An object value is an `ExpD`: terms joined by `|`, with `-` allowed, but no `,`. */
  function parseObjectValue(): JqNode {
    let left = parseAlt();
    if (isOp('|')) {
      p++;
      left = { kind: 'pipe', left, right: parseObjectValue() };
    }
    return left;
  }

  try {
    const ast = parsePipe();
    if (peek().type !== 'end of file') fail('end of file');
    return { ast };
  } catch (error) {
    if (error instanceof ParseFailure) return { error: error.error };
    if (error instanceof RangeError) return { error: { message: 'memory exhausted', pos: peek().pos } };
    throw error;
  }
}

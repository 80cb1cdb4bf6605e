/** An awk expression. */
export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'regex'; source: string }
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'elem'; name: string; subs: Expr[] }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'assign'; op: string; target: Expr; value: Expr }
  | { k: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { k: 'and' | 'or'; left: Expr; right: Expr }
  | { k: 'match'; negate: boolean; left: Expr; right: Expr }
  | { k: 'binary'; op: string; left: Expr; right: Expr }
  | { k: 'concat'; left: Expr; right: Expr }
  | { k: 'unary'; op: '!' | '-' | '+'; body: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'group'; body: Expr }
  | { k: 'getline'; target: Expr | undefined; file: Expr | undefined };

/** Where `print` output goes: stdout, a file (`>`, `>>`) or a command (`|`). */
export interface Redirect {
  op: '>' | '>>' | '|';
  target: Expr;
}

export type Stmt =
  | { k: 'print'; args: Expr[]; redirect: Redirect | undefined }
  | { k: 'printf'; args: Expr[]; redirect: Redirect | undefined }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; test: Expr; yes: Stmt; no: Stmt | undefined }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; test: Expr }
  | { k: 'for'; init: Stmt | undefined; test: Expr | undefined; step: Stmt | undefined; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit'; code: Expr | undefined }
  | { k: 'return'; value: Expr | undefined }
  | { k: 'delete'; name: string; subs: Expr[] | undefined }
  | { k: 'getline'; e: Expr };

export interface Rule {
  pattern: { kind: 'begin' | 'end' | 'all' } | { kind: 'expr'; e: Expr } | { kind: 'range'; from: Expr; to: Expr };
  action: Stmt[] | undefined;
}

export interface AwkFunction {
  params: string[];
  body: Stmt[];
}

export interface AwkProgram {
  rules: Rule[];
  functions: Map<string, AwkFunction>;
}

/** gawk's syntax error report: the line and a caret under the offending place. */
export class AwkSyntaxError {
  constructor(
    readonly pos: number,
    readonly message: string,
  ) {}
}

type Tok = { t: 'num'; v: number; pos: number } | { t: 'str'; v: string; pos: number } | { t: 'regex'; v: string; pos: number } | { t: 'name' | 'funcname' | 'builtin' | 'kw'; v: string; pos: number } | { t: 'op'; v: string; pos: number } | { t: 'nl'; pos: number } | { t: 'eof'; pos: number };

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
export const BUILTIN_FUNCS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush', 'systime', 'strftime', 'gensub', 'asort', 'asorti', 'mktime']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '!~', '>>', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

/** Whether a `/` here starts a regex rather than a division: after an operand it divides. */
function regexAllowed(prev: Tok | undefined): boolean {
  if (!prev) return true;
  if (prev.t === 'num' || prev.t === 'str' || prev.t === 'regex' || prev.t === 'name') return false;
  if (prev.t === 'builtin' || prev.t === 'funcname') return false;
  if (prev.t === 'kw') return prev.v !== 'getline';
  if (prev.t === 'op') return !(prev.v === ')' || prev.v === ']' || prev.v === '$' || prev.v === '++' || prev.v === '--');
  return true;
}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ t: 'nl', pos: i });
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(src.slice(i))!;
      toks.push({ t: 'num', v: Number(m[0]), pos: start });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const word = m[0];
      i += word.length;
      if (KEYWORDS.has(word)) toks.push({ t: 'kw', v: word === 'func' ? 'function' : word, pos: start });
      else if (BUILTIN_FUNCS.has(word)) toks.push({ t: 'builtin', v: word, pos: start });
      else toks.push({ t: src[i] === '(' ? 'funcname' : 'name', v: word, pos: start });
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\n') throw new AwkSyntaxError(i, 'unterminated string');
        if (src[i] === '\\' && i + 1 < src.length) {
          const n = src[i + 1]!;
          const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\u0007', b: '\b', f: '\f', v: '\v', '\n': '' };
          const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1));
          if (oct) {
            s += String.fromCharCode(parseInt(oct[0], 8));
            i += 1 + oct[0].length;
            continue;
          }
          s += esc[n] ?? `\\${n}`;
          i += 2;
          continue;
        }
        s += src[i];
        i++;
      }
      if (i >= src.length) throw new AwkSyntaxError(start, 'unterminated string');
      i++;
      toks.push({ t: 'str', v: s, pos: start });
      continue;
    }
    if (c === '/' && regexAllowed(toks[toks.length - 1]) && src[i + 1] !== '=') {
      let s = '';
      i++;
      let inBracket = false;
      while (i < src.length && (src[i] !== '/' || inBracket)) {
        if (src[i] === '\n') throw new AwkSyntaxError(i, 'unterminated regexp');
        if (src[i] === '\\' && i + 1 < src.length) {
          s += src[i] === '\\' && src[i + 1] === '/' ? '/' : src.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (src[i] === '[') inBracket = true;
        else if (src[i] === ']') inBracket = false;
        s += src[i];
        i++;
      }
      if (i >= src.length) throw new AwkSyntaxError(i, 'unterminated regexp');
      i++;
      toks.push({ t: 'regex', v: s, pos: start });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(i, 'syntax error');
    toks.push({ t: 'op', v: op, pos: start });
    i += op.length;
  }
  toks.push({ t: 'eof', pos: src.length });
  return toks;
}

/** Parses an awk program (the POSIX grammar with gawk's common extensions). */
export function parseAwk(src: string): AwkProgram {
  const toks = lex(src);
  let p = 0;
  let depth = 0;
  const peek = () => toks[p]!;
  /** The text of an operator, keyword or name token (empty for others). */
  const text = (t: Tok = peek()): string => ('v' in t && typeof t.v === 'string' ? t.v : '');
  const isOp = (v: string, t = peek()) => t.t === 'op' && t.v === v;
  const isKw = (v: string, t = peek()) => t.t === 'kw' && t.v === v;
  const fail = (t = peek()): never => {
    throw new AwkSyntaxError(t.t === 'eof' ? src.length : t.pos, t.t === 'eof' ? 'unexpected newline or end of string' : 'syntax error');
  };
  const expectOp = (v: string) => {
    if (!isOp(v)) fail();
    p++;
  };
  const skipNl = () => {
    while (peek().t === 'nl') p++;
  };
  const skipTerminators = () => {
    while (peek().t === 'nl' || isOp(';')) p++;
  };
  const enter = () => {
    if (++depth > 200) fail();
  };

  const program: AwkProgram = { rules: [], functions: new Map() };

  function parseBlock(): Stmt[] {
    expectOp('{');
    const body: Stmt[] = [];
    skipTerminators();
    while (!isOp('}')) {
      if (peek().t === 'eof') fail();
      body.push(parseStatement());
      skipTerminators();
    }
    p++;
    return body;
  }

  function simpleEnd() {
    // A simple statement ends at ;, a newline, } or the end.
    if (isOp(';') || peek().t === 'nl') {
      p++;
      return;
    }
    if (isOp('}') || peek().t === 'eof') return;
    fail();
  }

  function parseStatement(): Stmt {
    enter();
    try {
      const t = peek();
      if (isOp('{')) return { k: 'block', body: parseBlock() };
      if (isOp(';')) {
        p++;
        return { k: 'block', body: [] };
      }
      if (t.t === 'kw') {
        switch (t.v) {
          case 'if': {
            p++;
            expectOp('(');
            const test = parseExpr();
            expectOp(')');
            skipNl();
            const yes = parseStatement();
            const save = p;
            skipTerminators();
            if (isKw('else')) {
              p++;
              skipNl();
              return { k: 'if', test, yes, no: parseStatement() };
            }
            p = save;
            return { k: 'if', test, yes, no: undefined };
          }
          case 'while': {
            p++;
            expectOp('(');
            const test = parseExpr();
            expectOp(')');
            if (isOp(';')) {
              p++;
              return { k: 'while', test, body: { k: 'block', body: [] } };
            }
            skipNl();
            return { k: 'while', test, body: parseStatement() };
          }
          case 'do': {
            p++;
            skipNl();
            const body = parseStatement();
            skipTerminators();
            if (!isKw('while')) fail();
            p++;
            expectOp('(');
            const test = parseExpr();
            expectOp(')');
            simpleEnd();
            return { k: 'do', body, test };
          }
          case 'for': {
            p++;
            expectOp('(');
            const t1 = toks[p]!;
            const t2 = toks[p + 1]!;
            const t3 = toks[p + 2]!;
            if (t1.t === 'name' && isKw('in', t2) && t3.t === 'name' && isOp(')', toks[p + 3])) {
              p += 4;
              skipNl();
              return { k: 'forin', v: t1.v, arr: (t3 as { v: string }).v, body: parseStatement() };
            }
            const init = isOp(';') ? undefined : { k: 'expr' as const, e: parseExpr() };
            expectOp(';');
            skipNl();
            const test = isOp(';') ? undefined : parseExpr();
            expectOp(';');
            skipNl();
            const step = isOp(')') ? undefined : { k: 'expr' as const, e: parseExpr() };
            expectOp(')');
            if (isOp(';')) {
              p++;
              return { k: 'for', init, test, step, body: { k: 'block', body: [] } };
            }
            skipNl();
            return { k: 'for', init, test, step, body: parseStatement() };
          }
          case 'next':
          case 'nextfile':
          case 'break':
          case 'continue':
            p++;
            simpleEnd();
            return { k: t.v };
          case 'exit':
          case 'return': {
            p++;
            const value = isOp(';') || isOp('}') || peek().t === 'nl' || peek().t === 'eof' ? undefined : parseExpr();
            simpleEnd();
            return t.v === 'exit' ? { k: 'exit', code: value } : { k: 'return', value };
          }
          case 'delete': {
            p++;
            const name = peek();
            if (name.t !== 'name') fail();
            p++;
            let subs: Expr[] | undefined;
            if (isOp('[')) {
              p++;
              subs = parseExprList(']');
            }
            simpleEnd();
            return { k: 'delete', name: (name as { v: string }).v, subs };
          }
          case 'print':
          case 'printf': {
            p++;
            let args: Expr[] = [];
            if (isOp('(')) {
              // `print (a, b)` or `print (a) b`: try the parenthesized list first.
              const save = p;
              p++;
              const list = parseExprList(')', true);
              if (isOp('>') || isOp('>>') || isOp('|') || isOp(';') || isOp('}') || peek().t === 'nl' || peek().t === 'eof') args = list;
              else {
                p = save;
                args = parsePrintArgs();
              }
            } else if (!(isOp(';') || isOp('}') || peek().t === 'nl' || peek().t === 'eof' || isOp('>') || isOp('>>') || isOp('|'))) args = parsePrintArgs();
            let redirect: Redirect | undefined;
            if (isOp('>') || isOp('>>') || isOp('|')) {
              const op = text() as '>';
              p++;
              redirect = { op, target: parseConcat(true) };
            }
            if (t.v === 'printf' && args.length === 0) fail();
            simpleEnd();
            return { k: t.v as 'print', args, redirect };
          }
          case 'getline':
            break;
          default:
            return fail();
        }
      }
      const e = parseExpr();
      simpleEnd();
      return { k: 'expr', e };
    } finally {
      depth--;
    }
  }

  function parsePrintArgs(): Expr[] {
    const args = [parseTernary(true)];
    while (isOp(',')) {
      p++;
      skipNl();
      args.push(parseTernary(true));
    }
    return args;
  }

  function parseExprList(close: string, noIn = false): Expr[] {
    const list: Expr[] = [];
    skipNl();
    if (isOp(close)) {
      p++;
      return list;
    }
    for (;;) {
      list.push(noIn ? parseTernary(false) : parseExpr());
      skipNl();
      if (isOp(',')) {
        p++;
        skipNl();
        continue;
      }
      expectOp(close);
      return list;
    }
  }

  function parseExpr(noGt = false): Expr {
    return parseTernary(noGt);
  }

  function parseTernary(noGt: boolean): Expr {
    enter();
    try {
      const test = parseOr(noGt);
      if (isOp('?')) {
        p++;
        skipNl();
        const yes = parseTernary(noGt);
        skipNl();
        expectOp(':');
        skipNl();
        return { k: 'cond', test, yes, no: parseTernary(noGt) };
      }
      const t = peek();
      if (t.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^=', '**='].includes(t.v)) {
        if (test.k !== 'var' && test.k !== 'field' && test.k !== 'elem') fail();
        p++;
        skipNl();
        return { k: 'assign', op: t.v === '**=' ? '^=' : t.v, target: test, value: parseTernary(noGt) };
      }
      return test;
    } finally {
      depth--;
    }
  }

  function parseOr(noGt: boolean): Expr {
    let left = parseAnd(noGt);
    while (isOp('||')) {
      p++;
      skipNl();
      left = { k: 'or', left, right: parseAnd(noGt) };
    }
    return left;
  }

  function parseAnd(noGt: boolean): Expr {
    let left = parseIn(noGt);
    while (isOp('&&')) {
      p++;
      skipNl();
      left = { k: 'and', left, right: parseIn(noGt) };
    }
    return left;
  }

  function parseIn(noGt: boolean): Expr {
    let left = parseMatch(noGt);
    while (isKw('in')) {
      p++;
      const name = peek();
      if (name.t !== 'name') fail();
      p++;
      left = { k: 'in', subs: [left], name: (name as { v: string }).v };
    }
    return left;
  }

  function parseMatch(noGt: boolean): Expr {
    let left = parseCompare(noGt);
    while (isOp('~') || isOp('!~')) {
      const negate = text() === '!~';
      p++;
      left = { k: 'match', negate, left, right: parseCompare(noGt) };
    }
    return left;
  }

  function parseCompare(noGt: boolean): Expr {
    const left = parseConcat(noGt);
    const t = peek();
    if (t.t === 'op' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.v) && !(noGt && t.v === '>')) {
      p++;
      return { k: 'binary', op: t.v, left, right: parseConcat(noGt) };
    }
    return left;
  }

  /** Concatenation: operands side by side, as long as the next token can start one. */
  function parseConcat(noGt: boolean): Expr {
    let left = parseAdditive();
    for (;;) {
      const t = peek();
      const starts =
        t.t === 'num' || t.t === 'str' || t.t === 'regex' || t.t === 'name' || t.t === 'funcname' || t.t === 'builtin' ||
        (t.t === 'op' && ['$', '!', '(', '-', '+', '++', '--'].includes(t.v)) || isKw('getline');
      if (!starts || (t.t === 'op' && t.v === '!' && isOp('~', toks[p + 1]))) return left;
      if (isKw('in')) return left;
      left = { k: 'concat', left, right: parseAdditive() };
      void noGt;
    }
  }

  function parseAdditive(): Expr {
    let left = parseMultiplicative();
    while (isOp('+') || isOp('-')) {
      const op = text();
      p++;
      left = { k: 'binary', op, left, right: parseMultiplicative() };
    }
    return left;
  }

  function parseMultiplicative(): Expr {
    let left = parseUnary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = text();
      p++;
      left = { k: 'binary', op, left, right: parseUnary() };
    }
    return left;
  }

  function parseUnary(): Expr {
    if (isOp('!')) {
      p++;
      return { k: 'unary', op: '!', body: parseUnary() };
    }
    if (isOp('-') || isOp('+')) {
      const op = text() as '-';
      p++;
      return { k: 'unary', op, body: parseUnary() };
    }
    return parsePower();
  }

  function parsePower(): Expr {
    const base = parsePostfix();
    if (isOp('^') || isOp('**')) {
      p++;
      // Right associative, and binds tighter than unary minus on its right: 2^-1.
      return { k: 'binary', op: '^', left: base, right: isOp('-') || isOp('+') ? parseUnary() : parsePower() };
    }
    return base;
  }

  function parsePostfix(): Expr {
    if (isOp('++') || isOp('--')) {
      const op = text() as '++';
      p++;
      const target = parsePostfix();
      if (target.k !== 'var' && target.k !== 'field' && target.k !== 'elem') fail();
      return { k: 'incdec', op, prefix: true, target };
    }
    const e = parsePrimary();
    if ((e.k === 'var' || e.k === 'field' || e.k === 'elem') && (isOp('++') || isOp('--'))) {
      const op = text() as '++';
      p++;
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }

  function parsePrimary(): Expr {
    const t = peek();
    switch (t.t) {
      case 'num':
        p++;
        return { k: 'num', v: t.v };
      case 'str':
        p++;
        return { k: 'str', v: t.v };
      case 'regex':
        p++;
        return { k: 'regex', source: t.v };
      case 'name':
        p++;
        if (isOp('[')) {
          p++;
          return { k: 'elem', name: t.v, subs: parseExprList(']') };
        }
        return { k: 'var', name: t.v };
      case 'funcname':
      case 'builtin': {
        p++;
        if (!isOp('(')) {
          if (t.v === 'length') return { k: 'call', name: 'length', args: [] };
          return fail();
        }
        p++;
        const args = parseExprList(')');
        return { k: 'call', name: t.v, args };
      }
      case 'kw':
        if (t.v === 'getline') {
          p++;
          const target = peek().t === 'name' || isOp('$') ? parsePrimary() : undefined;
          let file: Expr | undefined;
          if (isOp('<')) {
            p++;
            file = parsePrimary();
          }
          return { k: 'getline', target, file };
        }
        return fail();
      case 'op':
        if (t.v === '$') {
          p++;
          if (isOp('++') || isOp('--')) return { k: 'field', index: parsePostfix() };
          if (isOp('-')) {
            p++;
            return { k: 'field', index: { k: 'unary', op: '-', body: parsePrimary() } };
          }
          return { k: 'field', index: parsePrimary() };
        }
        if (t.v === '(') {
          p++;
          const first = parseExpr();
          if (isOp(',')) {
            // (a, b) in arr
            p++;
            const subs = [first, ...parseExprList(')')];
            if (!isKw('in')) fail();
            p++;
            const name = peek();
            if (name.t !== 'name') fail();
            p++;
            return { k: 'in', subs, name: (name as { v: string }).v };
          }
          expectOp(')');
          return { k: 'group', body: first };
        }
        if (t.v === '-' || t.v === '+' || t.v === '!') return parseUnary();
        return fail();
      default:
        return fail();
    }
  }

  skipTerminators();
  while (peek().t !== 'eof') {
    if (isKw('function')) {
      p++;
      const name = peek();
      if (name.t !== 'funcname' && name.t !== 'name') fail();
      p++;
      expectOp('(');
      const params: string[] = [];
      while (!isOp(')')) {
        const param = peek();
        if (param.t !== 'name') fail();
        params.push((param as { v: string }).v);
        p++;
        if (isOp(',')) {
          p++;
          skipNl();
        } else if (!isOp(')')) fail();
      }
      p++;
      skipNl();
      program.functions.set((name as { v: string }).v, { params, body: parseBlock() });
    } else if (isKw('BEGIN') || isKw('END')) {
      const kind = text() === 'BEGIN' ? 'begin' : 'end';
      p++;
      if (!isOp('{')) fail();
      program.rules.push({ pattern: { kind }, action: parseBlock() });
    } else if (isOp('{')) {
      program.rules.push({ pattern: { kind: 'all' }, action: parseBlock() });
    } else {
      const from = parseExpr();
      let pattern: Rule['pattern'] = { kind: 'expr', e: from };
      if (isOp(',')) {
        p++;
        skipNl();
        pattern = { kind: 'range', from, to: parseExpr() };
      }
      const action = isOp('{') ? parseBlock() : undefined;
      program.rules.push({ pattern, action });
    }
    skipTerminators();
  }
  return program;
}

import { limits } from './limits.ts';

/** Variables as `$((…))` sees them. */
export interface ArithmeticScope {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export type ArithmeticResult = { ok: true; value: bigint } | { ok: false; message: string };

/**
 * Evaluates bash integer arithmetic (64-bit, C operators and precedence, assignments and ++/--).
 * Errors use bash's wording, e.g. `bash: 1/0: division by 0 (error token is "0")`.
 * `depth` is the nesting already used by the expressions whose variables led here: parentheses,
 * operators and variables holding expressions share one budget, `limits.maxArithmeticNesting`.
 */
export function evaluateArithmetic(expression: string, scope: ArithmeticScope, depth = 0): ArithmeticResult {
  const evaluator = new Evaluator(expression, scope, depth);
  return evaluator.run();
}

interface Tok {
  text: string;
  start: number;
}

class ArithmeticError {
  constructor(
    readonly message: string,
    readonly at: number,
  ) {}
}

/**
 * An error in the expression a variable holds. Bash abandons the whole evaluation and names only
 * that inner expression (expr.c `evalerror` jumps straight out of every level).
 */
class InnerError {
  constructor(readonly message: string) {}
}

const OPS = [
  '<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=',
  '%=', '&=', '|=', '^=', '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '|', '^', '(', ')', '?',
  ':', ',',
];
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^=']);
/** Binary operators by precedence, loosest first. */
const BINARY: string[][] = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
];
const PRECEDENCE = new Map(BINARY.flatMap((ops, level) => ops.map((op) => [op, level] as const)));

const wrap = (n: bigint) => BigInt.asIntN(64, n);

class Evaluator {
  private readonly tokens: Tok[] = [];
  private i = 0;
  private nesting = 0;
  private lexError: ArithmeticError | undefined;

  constructor(
    private readonly source: string,
    private readonly scope: ArithmeticScope,
    private readonly depth: number,
  ) {
    this.tokenize();
  }

  run(): ArithmeticResult {
    try {
      if (this.lexError) throw this.lexError;
      if (this.depth > limits.maxArithmeticNesting) {
        throw new ArithmeticError('expression recursion level exceeded', 0);
      }
      if (this.tokens.length === 0) return { ok: true, value: 0n };
      const value = this.comma(true);
      if (this.i < this.tokens.length) throw new ArithmeticError('syntax error in expression', this.here());
      return { ok: true, value };
    } catch (e) {
      if (e instanceof InnerError) return { ok: false, message: e.message };
      if (!(e instanceof ArithmeticError)) throw e;
      const token = this.source.slice(e.at).trim();
      return { ok: false, message: `bash: ${this.source.trim()}: ${e.message} (error token is "${token}")` };
    }
  }

  private tokenize(): void {
    const s = this.source;
    let p = 0;
    while (p < s.length) {
      const c = s[p]!;
      if (c === ' ' || c === '\t' || c === '\n') {
        p += 1;
        continue;
      }
      if (/[A-Za-z0-9_#@]/.test(c)) {
        let end = p;
        while (end < s.length && /[A-Za-z0-9_#@]/.test(s[end]!)) end += 1;
        this.tokens.push({ text: s.slice(p, end), start: p });
        p = end;
        continue;
      }
      const op = OPS.find((o) => s.startsWith(o, p));
      if (!op) {
        this.lexError = new ArithmeticError('syntax error: invalid arithmetic operator', p);
        return;
      }
      this.tokens.push({ text: op, start: p });
      p += op.length;
    }
  }

  private here(): number {
    return this.tokens[this.i]?.start ?? this.tokens[this.tokens.length - 1]?.start ?? 0;
  }

  private peek(): string | undefined {
    return this.tokens[this.i]?.text;
  }

  private comma(live: boolean): bigint {
    let value = this.assignment(live);
    while (this.peek() === ',') {
      this.i += 1;
      value = this.assignment(live);
    }
    return value;
  }

  private assignment(live: boolean): bigint {
    const name = this.tokens[this.i];
    const op = this.tokens[this.i + 1];
    if (name && op && ASSIGN.has(op.text) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name.text)) {
      this.i += 2;
      const right = this.enter(() => this.assignment(live));
      if (!live) return right;
      const value = op.text === '=' ? right : this.apply(op.text.slice(0, -1), this.variable(name.text), right, op.start);
      this.scope.set(name.text, String(value));
      return value;
    }
    return this.conditional(live);
  }

  private conditional(live: boolean): bigint {
    const test = this.binary(0, live);
    if (this.peek() !== '?') return test;
    this.i += 1;
    const yes = this.enter(() => this.comma(live && test !== 0n));
    if (this.peek() !== ':') throw new ArithmeticError("syntax error: `:' expected for conditional expression", this.here());
    this.i += 1;
    const no = this.enter(() => this.conditional(live && test === 0n));
    return test !== 0n ? yes : no;
  }

  /**
   * Binary operators of precedence `minLevel` and tighter, by precedence climbing: left-associative,
   * with one call per rise in precedence rather than one per precedence level.
   */
  private binary(minLevel: number, live: boolean): bigint {
    let left = this.power(live);
    for (;;) {
      const op = this.peek();
      const level = op === undefined ? undefined : PRECEDENCE.get(op);
      if (op === undefined || level === undefined || level < minLevel) return left;
      const at = this.tokens[this.i + 1]?.start ?? this.source.length;
      this.i += 1;
      if (op === '&&' || op === '||') {
        const decided = op === '&&' ? left === 0n : left !== 0n;
        const right = this.binary(level + 1, live && !decided);
        left = decided ? (op === '||' ? 1n : 0n) : right !== 0n ? 1n : 0n;
        continue;
      }
      const right = this.binary(level + 1, live);
      left = live ? this.apply(op, left, right, at) : 0n;
    }
  }

  private power(live: boolean): bigint {
    const base = this.unary(live);
    if (this.peek() !== '**') return base;
    const at = this.tokens[this.i + 1]?.start ?? this.source.length;
    this.i += 1;
    const exponent = this.enter(() => this.power(live));
    return live ? this.apply('**', base, exponent, at) : 0n;
  }

  private unary(live: boolean): bigint {
    const op = this.peek();
    if (op === '-' || op === '+' || op === '!' || op === '~') {
      this.i += 1;
      const value = this.enter(() => this.unary(live));
      if (op === '-') return wrap(-value);
      if (op === '!') return value === 0n ? 1n : 0n;
      if (op === '~') return wrap(~value);
      return value;
    }
    if (op === '++' || op === '--') {
      this.i += 1;
      const name = this.tokens[this.i];
      if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.text)) {
        throw new ArithmeticError('syntax error: operand expected', this.here());
      }
      this.i += 1;
      const value = wrap(this.variable(name.text) + (op === '++' ? 1n : -1n));
      if (live) this.scope.set(name.text, String(value));
      return value;
    }
    return this.postfix(live);
  }

  private postfix(live: boolean): bigint {
    const t = this.tokens[this.i];
    if (!t) throw new ArithmeticError('syntax error: operand expected', this.here());
    if (t.text === '(') {
      this.i += 1;
      const value = this.enter(() => this.comma(live));
      if (this.peek() !== ')') throw new ArithmeticError("missing `)'", this.here());
      this.i += 1;
      return value;
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t.text)) {
      this.i += 1;
      const value = live ? this.variable(t.text) : 0n;
      const next = this.peek();
      if (next === '++' || next === '--') {
        this.i += 1;
        if (live) this.scope.set(t.text, String(wrap(value + (next === '++' ? 1n : -1n))));
      }
      return value;
    }
    if (/^[0-9]/.test(t.text)) {
      this.i += 1;
      return this.number(t);
    }
    throw new ArithmeticError('syntax error: operand expected', t.start);
  }

  private number(t: Tok): bigint {
    const text = t.text;
    let base = 10;
    let digits = text;
    const hash = text.indexOf('#');
    if (hash > 0) {
      base = Number(text.slice(0, hash));
      digits = text.slice(hash + 1);
    } else if (/^0[xX]/.test(text)) {
      base = 16;
      digits = text.slice(2);
    } else if (text.length > 1 && text.startsWith('0')) {
      base = 8;
      digits = text.slice(1);
    }
    if (!Number.isInteger(base) || base < 2 || base > 64 || digits === '') {
      throw new ArithmeticError('invalid number', t.start);
    }
    const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@_';
    let value = 0n;
    for (const d of digits) {
      let v = alphabet.indexOf(base <= 36 ? d.toLowerCase() : d);
      if (v < 0) v = 99;
      if (v >= base) throw new ArithmeticError('value too great for base', t.start);
      value = wrap(value * BigInt(base) + BigInt(v));
    }
    return value;
  }

  private variable(name: string): bigint {
    const raw = (this.scope.get(name) ?? '').trim();
    if (raw === '') return 0n;
    if (/^-?[0-9]+$/.test(raw)) return wrap(BigInt(raw));
    // bash evaluates a variable holding an expression, recursively.
    const result = evaluateArithmetic(raw, this.scope, this.depth + this.nesting + 1);
    if (!result.ok) throw new InnerError(result.message);
    return result.value;
  }

  private apply(op: string, a: bigint, b: bigint, at: number): bigint {
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) throw new ArithmeticError('division by 0', at);
        return wrap(op === '/' ? a / b : a % b);
      case '**': {
        if (b < 0n) throw new ArithmeticError('exponent less than 0', at);
        // Square-and-multiply with wrapping, so `2**99999999` stays cheap.
        let result = 1n;
        let base = a;
        for (let e = b; e > 0n; e >>= 1n) {
          if (e & 1n) result = wrap(result * base);
          base = wrap(base * base);
        }
        return result;
      }
      case '<<': return wrap(a << (b & 63n));
      case '>>': return a >> (b & 63n);
      case '&': return a & b;
      case '|': return a | b;
      case '^': return a ^ b;
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      default: throw new ArithmeticError('syntax error in expression', at);
    }
  }

  private enter<T>(f: () => T): T {
    this.nesting += 1;
    if (this.depth + this.nesting > limits.maxArithmeticNesting) {
      throw new ArithmeticError('expression recursion level exceeded', this.here());
    }
    const value = f();
    this.nesting -= 1;
    return value;
  }
}

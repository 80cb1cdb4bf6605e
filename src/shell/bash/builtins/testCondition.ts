import type { VirtualFs } from '../../types.ts';
import type { Builtin } from './builtin.ts';

const UNARY = new Set(['-z', '-n', '-e', '-a', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-t']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/** A failed test prints `bash: [: …` and exits 2. */
class TestError {
  constructor(readonly message: string) {}
}

/** `test EXPR` and `[ EXPR ]`: string, integer and file checks, with `!`, `-a`, `-o` and parentheses. */
export const testCondition: Builtin = (ctx) => {
  const name = ctx.argv[0] ?? 'test';
  let args = ctx.argv.slice(1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      ctx.stderr("bash: [: missing `]'\n");
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evaluate(args, ctx.fs) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    ctx.stderr(`bash: ${name}: ${e.message}\n`);
    return 2;
  }
};

function evaluate(args: string[], fs: VirtualFs): boolean {
  // POSIX decides by argument count first; this is what makes `[ -n ]` and `[ = ]` true.
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return args[0] !== '';
    case 2:
      if (args[0] === '!') return args[1] === '';
      if (UNARY.has(args[0]!)) return unary(args[0]!, args[1]!, fs);
      throw new TestError(`${args[0]}: unary operator expected`);
    case 3:
      if (BINARY.has(args[1]!)) return binary(args[0]!, args[1]!, args[2]!);
      if (args[0] === '!') return !evaluate(args.slice(1), fs);
      if (args[0] === '(' && args[2] === ')') return args[1] !== '';
      break;
    case 4:
      if (args[0] === '!') return !evaluate(args.slice(1), fs);
      break;
  }
  return new ExpressionParser(args, fs).parse();
}

class ExpressionParser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly args: string[],
    private readonly fs: VirtualFs,
  ) {}

  parse(): boolean {
    const value = this.or();
    if (this.i < this.args.length) throw new TestError('too many arguments');
    return value;
  }

  private or(): boolean {
    let value = this.and();
    while (this.args[this.i] === '-o') {
      this.i += 1;
      value = this.and() || value;
    }
    return value;
  }

  private and(): boolean {
    let value = this.not();
    while (this.args[this.i] === '-a') {
      this.i += 1;
      value = this.not() && value;
    }
    return value;
  }

  private not(): boolean {
    let negate = false;
    while (this.args[this.i] === '!') {
      negate = !negate;
      this.i += 1;
    }
    return negate !== this.primary();
  }

  private primary(): boolean {
    const a = this.args[this.i];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '(') {
      this.depth += 1;
      if (this.depth > 64) throw new TestError('too many arguments');
      this.i += 1;
      const value = this.or();
      if (this.args[this.i] !== ')') throw new TestError("`)' expected");
      this.i += 1;
      this.depth -= 1;
      return value;
    }
    const op = this.args[this.i + 1];
    if (op !== undefined && BINARY.has(op) && this.args[this.i + 2] !== undefined) {
      this.i += 3;
      return binary(a, op, this.args[this.i - 1]!);
    }
    if (UNARY.has(a) && op !== undefined) {
      this.i += 2;
      return unary(a, op, this.fs);
    }
    this.i += 1;
    return a !== '';
  }
}

function unary(op: string, arg: string, fs: VirtualFs): boolean {
  switch (op) {
    case '-z':
      return arg === '';
    case '-n':
      return arg !== '';
    case '-e':
    case '-a':
    case '-r':
    case '-w':
      return fs.exists(arg);
    case '-f':
      return fs.exists(arg) && !fs.isDirectory(arg);
    case '-d':
    case '-x':
      return fs.isDirectory(arg);
    case '-s':
      return (fs.readFile(arg) ?? '').length > 0 || fs.isDirectory(arg);
    default:
      return false;
  }
}

function binary(left: string, op: string, right: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '-nt':
    case '-ot':
    case '-ef':
      return false;
  }
  const a = toInteger(left);
  const b = toInteger(right);
  switch (op) {
    case '-eq':
      return a === b;
    case '-ne':
      return a !== b;
    case '-lt':
      return a < b;
    case '-le':
      return a <= b;
    case '-gt':
      return a > b;
    default:
      return a >= b;
  }
}

function toInteger(text: string): bigint {
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new TestError(`${text}: integer expression expected`);
  return BigInt(text.trim());
}

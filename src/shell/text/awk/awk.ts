import type { Builtin } from '../../bash/builtins/builtin.ts';
import { limits } from '../../bash/limits.ts';
import type { CommandContext } from '../../types.ts';
import { type PosixRegex, compilePosix } from '../posixRegex.ts';
import { fixed, general, integerDigits, scientific } from './formatNumber.ts';
import { type AwkProgram, AwkSyntaxError, type Expr, type Stmt, parseAwk } from './parseAwk.ts';

/**
 * A string that came from input (a field, a split element, a -v value): it compares as a number
 * when it looks like one (POSIX "strnum").
 */
class StrNum {
  constructor(readonly s: string) {}
}

type Value = number | string | StrNum;

const UNINIT = new StrNum('');

/** What a rule without an action does. */
const PRINT_RECORD: Stmt[] = [{ k: 'print', args: [], redirect: undefined }];

class Exit {
  constructor(readonly code: number) {}
}
class Next {}
class NextFile {}
class BreakLoop {}
class ContinueLoop {}
class Return {
  constructor(readonly value: Value) {}
}
/** A run-time error that stops awk: `awk: cmd. line:1: fatal: …`. */
class Fatal {
  constructor(readonly message: string) {}
}
class Stopped {}

const NUMERIC = /^[ \t\n]*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|0[xX][0-9a-fA-F]+)[ \t\n]*$/;

function looksNumeric(s: string): boolean {
  return NUMERIC.test(s) && !/0[xX]/.test(s);
}

/** awk's string to number: the longest numeric prefix, 0 if none. */
function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  const s = typeof v === 'string' ? v : v.s;
  const m = /^[ \t\n]*([-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?))/.exec(s);
  if (!m) return /^[ \t\n]*[-+]?(inf|nan)/i.test(s) && /^[ \t\n]*[-+]/.test(s) ? (/nan/i.test(s) ? NaN : s.includes('-') ? -Infinity : Infinity) : 0;
  return Number(m[1]);
}

/** Statements and rule tests one run may execute before the simulator stops it. */
const MAX_STEPS = 5_000_000;

/** Formats per printf's rules (the awk subset: d i o x X u c s e E f F g G %). */
export function formatPrintf(format: string, args: Value[], toStr: (v: Value) => string): string {
  let out = '';
  let argIndex = 0;
  let at = 0;
  const next = (): Value => {
    if (argIndex >= args.length) throw new Fatal(`not enough arguments to satisfy format string\n\t\`${format}'\n\t${' '.repeat(at)}^ ran out for this one`);
    return args[argIndex++]!;
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([diouxXcseEfFgG%])/.exec(format.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    at = i;
    const flags = m[1]!;
    let width = m[2] === '*' ? toNum(next()) : m[2] !== undefined ? Number(m[2]) : undefined;
    let leftAlign = flags.includes('-');
    if (width !== undefined && width < 0) {
      leftAlign = true;
      width = -width;
    }
    const precision = m[3] === '*' ? toNum(next()) : m[3] !== undefined ? Number(m[3] || 0) : undefined;
    const conv = m[4]!;
    if (conv === '%') {
      out += '%';
      continue;
    }
    const arg = next();
    let body: string;
    let numeric = true;
    switch (conv) {
      case 'd':
      case 'i':
      case 'u': {
        const n = Math.trunc(toNum(arg));
        body = Number.isFinite(n) ? Math.abs(n).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 }) : Number.isNaN(n) ? 'nan' : 'inf';
        if (precision !== undefined) body = body.padStart(precision, '0');
        if (n < 0) body = `-${body}`;
        else if (flags.includes('+')) body = `+${body}`;
        else if (flags.includes(' ')) body = ` ${body}`;
        break;
      }
      case 'o':
      case 'x':
      case 'X': {
        const n = Math.trunc(toNum(arg));
        body = (n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)).toString(conv === 'o' ? 8 : 16);
        if (conv === 'X') body = body.toUpperCase();
        if (precision !== undefined) body = body.padStart(precision, '0');
        if (flags.includes('#') && n !== 0) body = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + body;
        break;
      }
      case 'c': {
        numeric = false;
        body = typeof arg === 'number' ? String.fromCodePoint(Math.max(0, Math.trunc(arg)) || 0) : toStr(arg).slice(0, 1);
        break;
      }
      case 's': {
        numeric = false;
        body = toStr(arg);
        if (precision !== undefined) body = body.slice(0, precision);
        break;
      }
      default: {
        const n = toNum(arg);
        body = formatFloat(n, conv, precision ?? 6, flags.includes('#'));
        if (n >= 0 && !body.startsWith('-')) {
          if (flags.includes('+')) body = `+${body}`;
          else if (flags.includes(' ')) body = ` ${body}`;
        }
      }
    }
    if (width !== undefined && body.length < width) {
      if (leftAlign) body = body.padEnd(width);
      else if (numeric && flags.includes('0') && !(precision !== undefined && 'diouxX'.includes(conv))) {
        const sign = /^[-+ ]/.test(body) ? body[0]! : '';
        body = sign + body.slice(sign.length).padStart(width - sign.length, '0');
      } else body = body.padStart(width);
    }
    out += body;
  }
  return out;
}

/** C's %e, %f and %g, with C's rounding of the exact value. */
export function formatFloat(n: number, conv: string, precision: number, alt = false): string {
  if (Number.isNaN(n)) return '-nan';
  if (!Number.isFinite(n)) return n < 0 ? '-inf' : 'inf';
  const upper = conv === conv.toUpperCase();
  const lower = conv.toLowerCase();
  const s = lower === 'f' ? fixed(n, precision) : lower === 'e' ? scientific(n, precision) : general(n, precision, alt);
  return upper ? s.toUpperCase() : s;
}

interface Frame {
  locals: Map<string, Value | Map<string, Value>>;
}

/** Runs an awk program over its inputs. */
class AwkRun {
  readonly vars = new Map<string, Value>();
  readonly arrays = new Map<string, Map<string, Value>>();
  private fields: string[] = [''];
  private record = '';
  private fieldsValid = true;
  private recordValid = true;
  private nf = 0;
  private readonly frames: Frame[] = [];
  private readonly regexCache = new Map<string, PosixRegex>();
  private readonly ranges = new Map<number, boolean>();
  private steps = 0;
  private out = '';
  private randSeed = 0;
  private randState = 0;

  constructor(
    private readonly ctx: CommandContext,
    private readonly program: AwkProgram,
    private readonly name: string,
  ) {
    this.vars.set('FS', ' ');
    this.vars.set('OFS', ' ');
    this.vars.set('ORS', '\n');
    this.vars.set('RS', '\n');
    this.vars.set('NR', 0);
    this.vars.set('FNR', 0);
    this.vars.set('SUBSEP', '\u001c');
    this.vars.set('OFMT', '%.6g');
    this.vars.set('CONVFMT', '%.6g');
    this.vars.set('RSTART', 0);
    this.vars.set('RLENGTH', -1);
    this.vars.set('FILENAME', '');
    const environ = new Map<string, Value>();
    for (const [k, v] of ctx.env) environ.set(k, new StrNum(v));
    this.arrays.set('ENVIRON', environ);
  }

  flush(): void {
    if (this.out !== '') this.ctx.stdout(this.out);
    this.out = '';
  }

  private write(text: string): void {
    this.out += text;
    if (this.out.length > 65536) this.flush();
  }

  tick(): void {
    if (++this.steps > MAX_STEPS) throw new Stopped();
  }

  // ---- values ----------------------------------------------------------------------------------

  toStr(v: Value, fmt = 'CONVFMT'): string {
    if (typeof v === 'string') return v;
    if (v instanceof StrNum) return v.s;
    // Integral values print as integers, however large; gawk writes infinities with their sign.
    if (Number.isInteger(v)) return Object.is(v, -0) ? '-0' : integerDigits(v);
    if (Number.isNaN(v)) return '-nan';
    if (!Number.isFinite(v)) return v < 0 ? '-inf' : '+inf';
    return formatPrintf(this.toStr(this.getVar(fmt)), [v], (x) => this.toStr(x));
  }

  private compare(a: Value, b: Value): number {
    const numA = typeof a === 'number' || (a instanceof StrNum && (a === UNINIT || looksNumeric(a.s)));
    const numB = typeof b === 'number' || (b instanceof StrNum && (b === UNINIT || looksNumeric(b.s)));
    if (numA && numB) {
      const x = toNum(a);
      const y = toNum(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = this.toStr(a);
    const y = this.toStr(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  private truthy(v: Value): boolean {
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') return v !== '';
    if (v === UNINIT) return false;
    return looksNumeric(v.s) ? toNum(v) !== 0 : v.s !== '';
  }

  regex(source: string): PosixRegex {
    let re = this.regexCache.get(source);
    if (!re) {
      const compiled = compilePosix(source, { extended: true, awk: true });
      if ('error' in compiled) throw new Fatal(`invalid regexp: ${compiled.error}: /${source}/`);
      re = compiled;
      if (this.regexCache.size < 1000) this.regexCache.set(source, re);
    }
    return re;
  }

  private toRegex(e: Expr): PosixRegex {
    if (e.k === 'regex') return this.regex(e.source);
    return this.regex(this.toStr(this.eval(e)));
  }

  // ---- records and fields ----------------------------------------------------------------------

  setRecord(text: string): void {
    this.record = text;
    this.recordValid = true;
    this.fieldsValid = false;
  }

  private splitRecord(): void {
    if (this.fieldsValid) return;
    const parts = this.splitWith(this.record, this.getVar('FS'));
    this.fields = ['', ...parts];
    this.nf = parts.length;
    this.fieldsValid = true;
  }

  splitWith(text: string, fsValue: Value): string[] {
    const fs = this.toStr(fsValue);
    if (fs === ' ') {
      const t = text.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return t === '' ? [] : t.split(/[ \t\n]+/);
    }
    if (text === '') return [];
    if (fs.length === 1 && fs !== '\\') return text.split(fs === '\t' ? '\t' : fs);
    const re = this.regex(fs);
    const parts: string[] = [];
    let last = 0;
    for (let from = 0; from <= text.length; ) {
      const m = re.exec(text, from);
      if (!m || m.end === m.start) {
        if (!m) break;
        from = m.end + 1;
        continue;
      }
      parts.push(text.slice(last, m.start));
      last = m.end;
      from = m.end;
    }
    parts.push(text.slice(last));
    return parts;
  }

  private getField(i: number): Value {
    if (i < 0) throw new Fatal(`attempt to access field ${i}`);
    if (i === 0) {
      this.rebuildRecord();
      return new StrNum(this.record);
    }
    this.splitRecord();
    return i <= this.nf ? new StrNum(this.fields[i]!) : UNINIT;
  }

  private rebuildRecord(): void {
    if (this.recordValid) return;
    const ofs = this.toStr(this.getVar('OFS'));
    this.record = this.fields.slice(1, this.nf + 1).join(ofs);
    this.recordValid = true;
  }

  private setField(i: number, v: Value): void {
    if (i < 0) throw new Fatal(`attempt to access field ${i}`);
    if (i > 100000) throw new Fatal(`field index ${i} is too large`);
    if (i === 0) {
      this.setRecord(this.toStr(v));
      return;
    }
    this.splitRecord();
    while (this.nf < i) {
      this.nf++;
      this.fields[this.nf] = '';
    }
    this.fields[i] = this.toStr(v);
    this.recordValid = false;
  }

  private setNF(n: number): void {
    this.splitRecord();
    const count = Math.max(0, Math.trunc(n));
    while (this.fields.length <= count) this.fields.push('');
    this.fields.length = count + 1;
    this.nf = count;
    this.recordValid = false;
  }

  // ---- variables -------------------------------------------------------------------------------

  getVar(name: string): Value {
    const frame = this.frames[this.frames.length - 1];
    const local = frame?.locals.get(name);
    if (local !== undefined && !(local instanceof Map)) return local;
    if (name === 'NF') {
      this.splitRecord();
      return this.nf;
    }
    return this.vars.get(name) ?? UNINIT;
  }

  setVar(name: string, v: Value): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.locals.has(name)) {
      frame.locals.set(name, v);
      return;
    }
    if (name === 'NF') {
      this.setNF(toNum(v));
      return;
    }
    this.vars.set(name, v);
  }

  private array(name: string): Map<string, Value> {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.locals.has(name)) {
      const local = frame.locals.get(name);
      if (local instanceof Map) return local;
      const created = new Map<string, Value>();
      frame.locals.set(name, created);
      return created;
    }
    let arr = this.arrays.get(name);
    if (!arr) {
      if (this.vars.has(name)) throw new Fatal(`attempt to use scalar \`${name}' as an array`);
      arr = new Map();
      this.arrays.set(name, arr);
    }
    return arr;
  }

  private subscript(subs: Expr[]): string {
    const sep = this.toStr(this.getVar('SUBSEP'));
    return subs.map((s) => this.toStr(this.eval(s))).join(sep);
  }

  private assignTo(target: Expr, v: Value): Value {
    if (target.k === 'var') this.setVar(target.name, v);
    else if (target.k === 'field') this.setField(Math.trunc(toNum(this.eval(target.index))), v);
    else if (target.k === 'elem') {
      const key = this.subscript(target.subs);
      this.array(target.name).set(key, v);
    }
    return v;
  }

  // ---- evaluation ------------------------------------------------------------------------------

  eval(e: Expr): Value {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 'regex':
        return this.regex(e.source).exec(this.toStr(this.getField(0))) ? 1 : 0;
      case 'group':
        return this.eval(e.body);
      case 'var':
        return this.getVar(e.name);
      case 'field':
        return this.getField(Math.trunc(toNum(this.eval(e.index))));
      case 'elem': {
        const arr = this.array(e.name);
        const key = this.subscript(e.subs);
        const v = arr.get(key);
        if (v === undefined) {
          arr.set(key, UNINIT);
          return UNINIT;
        }
        return v;
      }
      case 'in':
        return this.array(e.name).has(this.subscript(e.subs)) ? 1 : 0;
      case 'assign': {
        if (e.op === '=') return this.assignTo(e.target, this.eval(e.value));
        const right = toNum(this.eval(e.value));
        const left = toNum(this.eval(e.target));
        return this.assignTo(e.target, this.arith(e.op.slice(0, -1), left, right));
      }
      case 'cond':
        return this.truthy(this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'and':
        return this.truthy(this.eval(e.left)) && this.truthy(this.eval(e.right)) ? 1 : 0;
      case 'or':
        return this.truthy(this.eval(e.left)) || this.truthy(this.eval(e.right)) ? 1 : 0;
      case 'match': {
        const text = this.toStr(this.eval(e.left));
        const hit = this.toRegex(e.right).exec(text) !== undefined;
        return hit !== e.negate ? 1 : 0;
      }
      case 'binary': {
        if (['<', '<=', '==', '!=', '>', '>='].includes(e.op)) {
          const c = this.compare(this.eval(e.left), this.eval(e.right));
          const r = e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '==' ? c === 0 : e.op === '!=' ? c !== 0 : e.op === '>' ? c > 0 : c >= 0;
          return r ? 1 : 0;
        }
        return this.arith(e.op, toNum(this.eval(e.left)), toNum(this.eval(e.right)));
      }
      case 'concat': {
        const s = this.toStr(this.eval(e.left)) + this.toStr(this.eval(e.right));
        if (s.length > limits.maxBuffer) throw new Fatal('string too long');
        return s;
      }
      case 'unary': {
        const v = this.eval(e.body);
        if (e.op === '!') return this.truthy(v) ? 0 : 1;
        return e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'incdec': {
        const old = toNum(this.eval(e.target));
        const updated = e.op === '++' ? old + 1 : old - 1;
        this.assignTo(e.target, updated);
        return e.prefix ? updated : old;
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'getline':
        return 0;
    }
  }

  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) throw new Fatal('division by zero attempted');
        return a / b;
      case '%':
        if (b === 0) throw new Fatal('division by zero attempted in `%\'');
        return a % b;
      default:
        return a ** b;
    }
  }

  private call(name: string, args: Expr[]): Value {
    const user = this.program.functions.get(name);
    if (user) return this.callUser(name, args);
    const arg = (i: number) => (args[i] ? this.eval(args[i]) : UNINIT);
    const str = (i: number) => this.toStr(arg(i));
    switch (name) {
      case 'length': {
        if (args.length === 0) return this.toStr(this.getField(0)).length;
        const a = args[0]!;
        if (a.k === 'var' && (this.arrays.has(a.name) || this.frames[this.frames.length - 1]?.locals.get(a.name) instanceof Map)) return this.array(a.name).size;
        return [...str(0)].length;
      }
      case 'substr': {
        const s = [...str(0)];
        // gawk truncates both numbers and starts at 1 when asked for less, keeping the length.
        let start = Math.trunc(toNum(arg(1)));
        const len = args.length > 2 ? Math.trunc(toNum(arg(2))) : Infinity;
        if (start < 1 || Number.isNaN(start)) start = 1;
        if (len <= 0 || Number.isNaN(len)) return '';
        return s.slice(start - 1, start - 1 + len).join('');
      }
      case 'index': {
        const s = str(0);
        const t = str(1);
        return s.indexOf(t) + 1;
      }
      case 'split': {
        const target = args[1];
        if (!target || target.k !== 'var') throw new Fatal('split: second argument is not an array');
        const parts = this.splitWith(str(0), args[2] ? (args[2].k === 'regex' ? args[2].source : this.eval(args[2])) : this.getVar('FS'));
        const arr = this.array(target.name);
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), new StrNum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.toRegex(args[0]!);
        const repl = str(1);
        const target = args[2] ?? { k: 'field' as const, index: { k: 'num' as const, v: 0 } };
        const text = this.toStr(this.eval(target));
        let out = '';
        let last = 0;
        let count = 0;
        let previousEnd = -1;
        for (let from = 0; from <= text.length; ) {
          this.tick();
          const m = re.exec(text, from);
          if (!m) break;
          if (m.start === m.end && m.start === previousEnd) {
            from = m.start + 1;
            continue;
          }
          previousEnd = m.end;
          const matched = text.slice(m.start, m.end);
          out += text.slice(last, m.start) + repl.replace(/\\\\&|\\&|&/g, (t) => (t === '&' ? matched : t === '\\&' ? '&' : '\\&'));
          last = m.end;
          count++;
          if (name === 'sub') break;
          from = m.end > m.start ? m.end : m.end + 1;
          if (m.end === m.start && m.end < text.length) {
            out += text[m.end];
            last = m.end + 1;
          }
        }
        if (count > 0) this.assignTo(target, out + text.slice(last));
        return count;
      }
      case 'match': {
        const m = this.toRegex(args[1]!).exec(str(0));
        this.vars.set('RSTART', m ? m.start + 1 : 0);
        this.vars.set('RLENGTH', m ? m.end - m.start : -1);
        return m ? m.start + 1 : 0;
      }
      case 'sprintf':
        return args.length === 0 ? '' : formatPrintf(str(0), args.slice(1).map((a) => this.eval(a)), (v) => this.toStr(v));
      case 'tolower':
        return str(0).toLowerCase();
      case 'toupper':
        return str(0).toUpperCase();
      case 'int':
        return Math.trunc(toNum(arg(0)));
      case 'sqrt':
        return Math.sqrt(toNum(arg(0)));
      case 'exp':
        return Math.exp(toNum(arg(0)));
      case 'log':
        return Math.log(toNum(arg(0)));
      case 'sin':
        return Math.sin(toNum(arg(0)));
      case 'cos':
        return Math.cos(toNum(arg(0)));
      case 'atan2':
        return Math.atan2(toNum(arg(0)), toNum(arg(1)));
      case 'rand': {
        // A small deterministic generator: awk's rand() is seeded with 0 until srand().
        this.randState = (this.randState * 1103515245 + 12345) % 2147483648;
        return this.randState / 2147483648;
      }
      case 'srand': {
        const previous = this.randSeed;
        this.randSeed = args.length > 0 ? toNum(arg(0)) : 0;
        this.randState = this.randSeed;
        return previous;
      }
      case 'systime':
        return Math.floor(Date.now() / 1000);
      case 'close':
      case 'fflush':
        return 0;
      case 'system':
        this.ctx.stderr(`${this.name}: system() is not simulated\n`);
        return 1;
      default:
        throw new Fatal(`function \`${name}' not defined`);
    }
  }

  private callUser(name: string, args: Expr[]): Value {
    const fn = this.program.functions.get(name)!;
    if (this.frames.length > 1000) throw new Fatal('function call nesting too deep');
    const locals = new Map<string, Value | Map<string, Value>>();
    fn.params.forEach((param, i) => {
      const a = args[i];
      if (!a) {
        locals.set(param, UNINIT);
        return;
      }
      // Arrays pass by reference; scalars by value.
      if (a.k === 'var' && (this.arrays.has(a.name) || this.frames[this.frames.length - 1]?.locals.get(a.name) instanceof Map)) locals.set(param, this.array(a.name));
      else locals.set(param, this.eval(a));
    });
    this.frames.push({ locals });
    try {
      this.execBlock(fn.body);
      return UNINIT;
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      this.frames.pop();
    }
  }

  // ---- statements ------------------------------------------------------------------------------

  execBlock(body: Stmt[]): void {
    for (const s of body) this.exec(s);
  }

  private exec(s: Stmt): void {
    this.tick();
    switch (s.k) {
      case 'expr':
        this.eval(s.e);
        return;
      case 'print': {
        const text = s.args.length === 0 ? this.toStr(this.getField(0)) : s.args.map((a) => this.toStr(this.eval(a), 'OFMT')).join(this.toStr(this.getVar('OFS')));
        this.output(`${text}${this.toStr(this.getVar('ORS'))}`, s.redirect);
        return;
      }
      case 'printf': {
        const [fmt, ...rest] = s.args;
        this.output(formatPrintf(this.toStr(this.eval(fmt!)), rest.map((a) => this.eval(a)), (v) => this.toStr(v)), s.redirect);
        return;
      }
      case 'if':
        if (this.truthy(this.eval(s.test))) this.exec(s.yes);
        else if (s.no) this.exec(s.no);
        return;
      case 'while':
        while (this.truthy(this.eval(s.test))) {
          if (this.loopBody(s.body)) break;
        }
        return;
      case 'do':
        do {
          if (this.loopBody(s.body)) break;
        } while (this.truthy(this.eval(s.test)));
        return;
      case 'for':
        if (s.init) this.exec(s.init);
        while (!s.test || this.truthy(this.eval(s.test))) {
          if (this.loopBody(s.body)) break;
          if (s.step) this.exec(s.step);
        }
        return;
      case 'forin': {
        const keys = [...this.array(s.arr).keys()];
        for (const key of keys) {
          this.setVar(s.v, new StrNum(key));
          if (this.loopBody(s.body)) break;
        }
        return;
      }
      case 'block':
        this.execBlock(s.body);
        return;
      case 'next':
        throw new Next();
      case 'nextfile':
        throw new NextFile();
      case 'break':
        throw new BreakLoop();
      case 'continue':
        throw new ContinueLoop();
      case 'exit':
        throw new Exit(s.code ? Math.trunc(toNum(this.eval(s.code))) & 255 : (this.exitCode ?? 0));
      case 'return':
        throw new Return(s.value ? this.eval(s.value) : UNINIT);
      case 'delete':
        if (s.subs) this.array(s.name).delete(this.subscript(s.subs));
        else this.array(s.name).clear();
        return;
      case 'getline':
        return;
    }
  }

  exitCode: number | undefined;

  /** Runs a loop body; true when it broke out. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (e) {
      if (e instanceof BreakLoop) return true;
      if (e instanceof ContinueLoop) return false;
      throw e;
    }
    return false;
  }

  private output(text: string, redirect: { op: string; target: Expr } | undefined): void {
    if (!redirect) {
      this.write(text);
      return;
    }
    const target = this.toStr(this.eval(redirect.target));
    if (redirect.op === '|') {
      this.ctx.stderr(`${this.name}: output to a command (| "${target}") is not simulated\n`);
      return;
    }
    if (target === '/dev/stderr') {
      this.flush();
      this.ctx.stderr(text);
      return;
    }
    if (target === '/dev/stdout' || target === '-') {
      this.write(text);
      return;
    }
    const path = this.ctx.fs.resolve(target);
    // `>` truncates when a file is first written during the run, then appends.
    const append = redirect.op === '>>' || this.opened.has(path);
    this.opened.add(path);
    this.ctx.fs.writeFile(path, text, append);
  }

  private readonly opened = new Set<string>();

  /** Whether a rule's pattern selects the current record. */
  matches(rule: AwkProgram['rules'][number], index: number): boolean {
    const pattern = rule.pattern;
    if (pattern.kind === 'all') return true;
    if (pattern.kind === 'expr') return this.truthy(this.eval(pattern.e));
    if (pattern.kind === 'range') {
      if (this.ranges.get(index)) {
        if (this.truthy(this.eval(pattern.to))) this.ranges.set(index, false);
        return true;
      }
      if (this.truthy(this.eval(pattern.from))) {
        this.ranges.set(index, !this.truthy(this.eval(pattern.to)));
        return true;
      }
    }
    return false;
  }
}

/** gawk's usage text (main.c usage()), printed for a missing program or a bad option. */
function usage(name: string): string {
  return (
    `Usage: ${name} [POSIX or GNU style options] -f progfile [--] file ...\n` +
    `Usage: ${name} [POSIX or GNU style options] [--] 'program' file ...\n` +
    'POSIX options:\t\tGNU long options: (standard)\n' +
    '\t-f progfile\t\t--file=progfile\n' +
    '\t-F fs\t\t\t--field-separator=fs\n' +
    '\t-v var=val\t\t--assign=var=val\n' +
    'Short options:\t\tGNU long options: (extensions)\n' +
    '\t-b\t\t\t--characters-as-bytes\n' +
    '\t-c\t\t\t--traditional\n' +
    '\t-C\t\t\t--copyright\n' +
    '\t-d[file]\t\t--dump-variables[=file]\n' +
    '\t-D[file]\t\t--debug[=file]\n' +
    "\t-e 'program-text'\t--source='program-text'\n" +
    '\t-E file\t\t\t--exec=file\n' +
    '\t-g\t\t\t--gen-pot\n' +
    '\t-h\t\t\t--help\n' +
    '\t-i includefile\t\t--include=includefile\n' +
    '\t-I\t\t\t--trace\n' +
    '\t-l library\t\t--load=library\n' +
    '\t-L[fatal|invalid|no-ext]\t--lint[=fatal|invalid|no-ext]\n' +
    '\t-M\t\t\t--bignum\n' +
    '\t-N\t\t\t--use-lc-numeric\n' +
    '\t-n\t\t\t--non-decimal-data\n' +
    '\t-o[file]\t\t--pretty-print[=file]\n' +
    '\t-O\t\t\t--optimize\n' +
    '\t-p[file]\t\t--profile[=file]\n' +
    '\t-P\t\t\t--posix\n' +
    '\t-r\t\t\t--re-interval\n' +
    '\t-s\t\t\t--no-optimize\n' +
    '\t-S\t\t\t--sandbox\n' +
    '\t-t\t\t\t--lint-old\n' +
    '\t-V\t\t\t--version\n' +
    '\nTo report bugs, use the `gawkbug\' program.\n' +
    "For full instructions, see the node `Bugs' in `gawk.info'\n" +
    "which is section `Reporting Problems and Bugs' in the\n" +
    'printed version.  This same information may be found at\n' +
    'https://www.gnu.org/software/gawk/manual/html_node/Bugs.html.\n' +
    'PLEASE do NOT try to report bugs by posting in comp.lang.awk,\n' +
    'or by using a web forum such as Stack Overflow.\n\n' +
    'gawk is a pattern scanning and processing language.\n' +
    'By default it reads standard input and writes standard output.\n\n' +
    'Examples:\n' +
    `\t${name} '{ sum += $1 }; END { print sum }' file\n` +
    `\t${name} -F: '{ print $1 }' /etc/passwd\n`
  );
}

/** `-v` values and `var=value` operands take C escapes, as gawk processes them. */
function unescape(s: string): string {
  return s.replace(/\\(n|t|r|\\|"|\/|a|b|f|v|[0-7]{1,3})/g, (_, e: string) => {
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\u0007', b: '\b', f: '\f', v: '\v' };
    return map[e] ?? String.fromCharCode(parseInt(e, 8));
  });
}

/**
 * `awk [-F FS] [-v VAR=VALUE]… [-f PROGFILE | 'program'] [VAR=VALUE | file]…`, as GNU awk 5
 * (installed as awk) runs it: patterns and actions, BEGIN/END, ranges, fields and NF/NR/FNR,
 * FS/OFS/ORS/SUBSEP/OFMT/CONVFMT, arrays with `in`/`delete`/`for (k in a)`, user functions,
 * printf, and length, substr, index, split, sub, gsub, match, sprintf, tolower, toupper and the
 * numeric functions. Syntax errors point at the place as gawk does
 * (`awk: cmd. line:1: …` and a caret).
 */
export const awk: Builtin = (ctx) => {
  const name = ctx.argv[0] === 'gawk' ? 'gawk' : 'awk';
  const args = ctx.argv.slice(1);
  const assignments: [string, string][] = [];
  let fs: string | undefined;
  let programText: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const takeValue = (rest: string): string | undefined => (rest !== '' ? rest : args[++i]);
    if (a.startsWith('--')) {
      const [opt, value] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (opt === 'field-separator') fs = value ?? args[++i];
      else if (opt === 'assign') {
        const v = value ?? args[++i] ?? '';
        const eq = v.indexOf('=');
        assignments.push([v.slice(0, eq), v.slice(eq + 1)]);
      } else if (opt === 'file' || opt === 'source') {
        const v = value ?? args[++i] ?? '';
        programText = opt === 'source' ? v : ctx.fs.readFile(ctx.fs.resolve(v));
        if (programText === undefined) {
          ctx.stderr(`${name}: fatal: can't open source file \`${v}' for reading: No such file or directory\n`);
          return 2;
        }
      } else if (opt === 'version') {
        ctx.stdout('GNU Awk 5.2.1, API 3.2\n');
        return 0;
      } else if (opt === 'help') {
        ctx.stdout(usage(name));
        return 0;
      } else if (opt === 'posix' || opt === 're-interval' || opt === 'traditional') continue;
      else {
        ctx.stderr(`${name}: unrecognized option '${a}'\n${usage(name)}`);
        return 2;
      }
      continue;
    }
    const flag = a[1]!;
    if (flag === 'F') {
      const v = takeValue(a.slice(2));
      if (v === undefined) {
        ctx.stderr(`${name}: option requires an argument -- F\n${usage(name)}`);
        return 2;
      }
      fs = unescape(v);
    } else if (flag === 'v') {
      const v = takeValue(a.slice(2));
      if (v === undefined || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
        ctx.stderr(v === undefined ? `${name}: option requires an argument -- v\n${usage(name)}` : `${name}: \`${v}' argument to \`-v' not in \`var=value' form\n\n${usage(name)}`);
        return 2;
      }
      const eq = v.indexOf('=');
      assignments.push([v.slice(0, eq), v.slice(eq + 1)]);
    } else if (flag === 'f' || flag === 'e') {
      const v = takeValue(a.slice(2));
      if (v === undefined) {
        ctx.stderr(`${name}: option requires an argument -- ${flag}\n${usage(name)}`);
        return 2;
      }
      const text = flag === 'e' ? v : ctx.fs.readFile(ctx.fs.resolve(v));
      if (text === undefined) {
        ctx.stderr(`${name}: fatal: can't open source file \`${v}' for reading: No such file or directory\n`);
        return 2;
      }
      programText = (programText === undefined ? '' : `${programText}\n`) + text;
    } else if ('bcCgnNOPrsStM'.includes(flag)) continue;
    else if (flag === 'V') {
      ctx.stdout('GNU Awk 5.2.1, API 3.2\n');
      return 0;
    } else if (flag === 'h') {
      ctx.stdout(usage(name));
      return 0;
    } else {
      // gawk turns getopt's own message off and prints only the usage.
      ctx.stderr(usage(name));
      return 1;
    }
  }
  if (programText === undefined) {
    if (i >= args.length) {
      ctx.stderr(usage(name));
      return 1;
    }
    programText = args[i++]!;
  }
  const operands = args.slice(i);
  let program: AwkProgram;
  try {
    program = parseAwk(programText);
  } catch (e) {
    if (e instanceof AwkSyntaxError) {
      ctx.stderr(syntaxError(name, programText, e));
      return 1;
    }
    if (e instanceof RangeError) {
      ctx.stderr(`${name}: cmd. line:1: fatal: program too deeply nested\n`);
      return 2;
    }
    throw e;
  }
  const run = new AwkRun(ctx, program, name);
  if (fs !== undefined) run.vars.set('FS', fs);
  for (const [k, v] of assignments) run.vars.set(k, new StrNum(unescape(v)));
  let status = 0;
  const finish = (code: number): number => {
    run.flush();
    return code;
  };
  const runEnd = (): number => {
    try {
      for (const rule of program.rules) if (rule.pattern.kind === 'end') run.execBlock(rule.action ?? []);
    } catch (e) {
      if (e instanceof Exit) return finish(e.code);
      return finish(handleError(e, run, ctx, name));
    }
    return finish(run.exitCode ?? status);
  };
  try {
    for (const rule of program.rules) if (rule.pattern.kind === 'begin') run.execBlock(rule.action ?? []);
  } catch (e) {
    if (e instanceof Exit) {
      run.exitCode = e.code;
      return runEnd();
    }
    return finish(handleError(e, run, ctx, name));
  }
  const mainRules = program.rules.map((r, index) => ({ r, index })).filter(({ r }) => r.pattern.kind !== 'begin' && r.pattern.kind !== 'end');
  const hasEnd = program.rules.some((r) => r.pattern.kind === 'end');
  if (mainRules.length === 0 && !hasEnd) return finish(0);
  // Operands are files, or assignments made when they are reached.
  const files = operands.filter((o) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(o));
  const queue = files.length === 0 ? ['-'] : operands;
  let nr = 0;
  let stdinUsed = false;
  try {
    for (const operand of queue) {
      const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(operand);
      if (assignment && operand !== '-') {
        run.vars.set(assignment[1]!, new StrNum(unescape(assignment[2]!)));
        continue;
      }
      let text: string;
      if (operand === '-') {
        text = stdinUsed ? '' : ctx.stdin;
        stdinUsed = true;
      }
      else {
        const path = ctx.fs.resolve(operand);
        const content = ctx.fs.isDirectory(path) ? undefined : ctx.fs.readFile(path);
        if (content === undefined) {
          run.flush();
          ctx.stderr(ctx.fs.isDirectory(path) ? `${name}: warning: command line argument \`${operand}' is a directory: skipped\n` : `${name}: fatal: cannot open file \`${operand}' for reading: No such file or directory\n`);
          if (ctx.fs.isDirectory(path)) continue;
          return finish(2);
        }
        text = content;
      }
      run.vars.set('FILENAME', operand === '-' ? '' : operand);
      const records = splitRecords(text, run.toStr(run.getVar('RS')));
      let fnr = 0;
      try {
        for (const record of records) {
          nr++;
          fnr++;
          run.vars.set('NR', nr);
          run.vars.set('FNR', fnr);
          run.setRecord(record);
          try {
            for (const { r, index } of mainRules) {
              run.tick();
              if (!run.matches(r, index)) continue;
              if (r.action) run.execBlock(r.action);
              else run.execBlock(PRINT_RECORD);
            }
          } catch (e) {
            if (!(e instanceof Next)) throw e;
          }
        }
      } catch (e) {
        if (!(e instanceof NextFile)) throw e;
      }
    }
  } catch (e) {
    if (e instanceof Exit) {
      run.exitCode = e.code;
      return runEnd();
    }
    return finish(handleError(e, run, ctx, name));
  }
  status = 0;
  return runEnd();
};

function handleError(e: unknown, run: AwkRun, ctx: CommandContext, name: string): number {
  run.flush();
  if (e instanceof Fatal) {
    ctx.stderr(`${name}: cmd. line:1: fatal: ${e.message}\n`);
    return 2;
  }
  if (e instanceof Stopped) {
    ctx.stderr(`mtls-playground: ${name} stopped: the program ran longer than the simulator allows\n`);
    return 2;
  }
  if (e instanceof RangeError) {
    ctx.stderr(`mtls-playground: ${name} stopped: the program recursed deeper than the simulator allows\n`);
    return 2;
  }
  if (e instanceof Return || e instanceof BreakLoop || e instanceof ContinueLoop || e instanceof Next || e instanceof NextFile) {
    ctx.stderr(`${name}: cmd. line:1: fatal: \`${e instanceof Return ? 'return' : e instanceof Next ? 'next' : e instanceof NextFile ? 'nextfile' : e instanceof BreakLoop ? 'break' : 'continue'}' used outside its context\n`);
    return 2;
  }
  throw e;
}

/** Records: lines by default; with RS="" paragraphs; a one-character RS splits on it; longer RS is a regex. */
function splitRecords(text: string, rs: string): string[] {
  if (text === '') return [];
  if (rs === '\n') {
    const lines = text.split('\n');
    if (text.endsWith('\n')) lines.pop();
    return lines;
  }
  if (rs === '') return text.replace(/^\n+|\n+$/g, '').split(/\n\n+/);
  const parts = rs.length === 1 ? text.split(rs) : text.split(new RegExp(rs.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')));
  if (parts[parts.length - 1] === '' || parts[parts.length - 1] === '\n') parts.pop();
  return parts;
}

/** gawk's report: the program line, then a caret under the place (awkgram.y yyerror). */
function syntaxError(name: string, program: string, e: AwkSyntaxError): string {
  const lineStart = program.lastIndexOf('\n', Math.max(0, e.pos - 1)) + 1;
  const lineEnd = program.indexOf('\n', e.pos);
  const lineNumber = program.slice(0, lineStart).split('\n').length;
  const line = program.slice(lineStart, lineEnd < 0 ? program.length : lineEnd);
  const prefix = `${name}: cmd. line:${lineNumber}: `;
  return `${prefix}${line}\n${prefix}${' '.repeat(Math.max(0, e.pos - lineStart))}^ ${e.message}\n`;
}

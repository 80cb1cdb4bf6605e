/**
 * POSIX regular expressions (basic and extended, with the GNU extensions grep, sed and awk accept)
 * run by a Pike VM: every match costs time linear in the text, so no pattern can hang the page, and
 * the overall match is the leftmost-longest one POSIX asks for (`echo abcd | sed -E 's/a|ab/X/'`
 * gives `Xcd`). Back-references (`\1` in a pattern) cannot run on such a machine; those patterns
 * fall back to a backtracking JavaScript RegExp over a bounded text.
 */

/** A match: where it starts and ends, and each group's span (undefined when the group did not take part). */
export interface RegexMatch {
  start: number;
  end: number;
  groups: ([number, number] | undefined)[];
}

export interface PosixRegex {
  /** Number of capture groups. */
  readonly groupCount: number;
  /** The leftmost-longest match starting at or after `from`; `notBol` when `from` is not a line start for `^`. */
  exec(text: string, from?: number): RegexMatch | undefined;
}

export interface RegexOptions {
  extended: boolean;
  ignoreCase?: boolean;
  /** awk: `\t`, `\n`, `\/` and friends are escapes; no back-references. */
  awk?: boolean;
}

type Node =
  | { t: 'char'; test: (c: string) => boolean }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'group'; index: number; node: Node }
  | { t: 'assert'; kind: '^' | '$' | 'b' | 'B' | '<' | '>' | '`' | "'" }
  | { t: 'backref'; index: number }
  | { t: 'empty' };

/** glibc's RE_DUP_MAX; larger counts are refused, as by GNU tools. */
const DUP_MAX = 32767;
/** Program size past which a pattern is refused ("Regular expression too big"). */
const MAX_PROGRAM = 200_000;

const CLASSES: Record<string, (c: string) => boolean> = {
  alpha: (c) => /\p{L}/u.test(c),
  digit: (c) => c >= '0' && c <= '9',
  alnum: (c) => /[\p{L}\p{Nd}]/u.test(c),
  upper: (c) => /\p{Lu}/u.test(c),
  lower: (c) => /\p{Ll}/u.test(c),
  space: (c) => c === ' ' || (c >= '\t' && c <= '\r'),
  blank: (c) => c === ' ' || c === '\t',
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  print: (c) => c >= ' ' && c !== '\u007f',
  graph: (c) => c > ' ' && c !== '\u007f',
  cntrl: (c) => c < ' ' || c === '\u007f',
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
};

const isWordChar = (c: string | undefined) => c !== undefined && (c === '_' || /[\p{L}\p{Nd}]/u.test(c));

class RegexSyntaxError {
  constructor(readonly message: string) {}
}

/** Parses a pattern; GNU's messages for the common mistakes ("Unmatched [, [^, [:, [., or [="). */
function parse(pattern: string, options: RegexOptions): { node: Node; groups: number; backrefs: boolean } {
  const ere = options.extended;
  const fold = options.ignoreCase === true;
  let i = 0;
  let groups = 0;
  let backrefs = false;
  const literal = (ch: string): Node => {
    if (!fold) return { t: 'char', test: (c) => c === ch };
    const lo = ch.toLowerCase();
    return { t: 'char', test: (c) => c.toLowerCase() === lo };
  };
  const parseBracket = (): Node => {
    // At '[': a bracket expression up to its closing ']'.
    i++;
    let negate = false;
    if (pattern[i] === '^') {
      negate = true;
      i++;
    }
    const tests: ((c: string) => boolean)[] = [];
    let first = true;
    for (;;) {
      if (i >= pattern.length) throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
      const c = pattern[i]!;
      if (c === ']' && !first) {
        i++;
        break;
      }
      first = false;
      if (c === '[' && (pattern[i + 1] === ':' || pattern[i + 1] === '=' || pattern[i + 1] === '.')) {
        const kind = pattern[i + 1]!;
        const close = pattern.indexOf(`${kind}]`, i + 2);
        if (close < 0) throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
        const name = pattern.slice(i + 2, close);
        i = close + 2;
        if (kind === ':') {
          const cls = CLASSES[name];
          if (!cls) throw new RegexSyntaxError('Invalid character class name');
          tests.push(fold && (name === 'upper' || name === 'lower') ? (x) => /\p{L}/u.test(x) : cls);
        } else tests.push((x) => x === name);
        continue;
      }
      let lo = c;
      if (options.awk && c === '\\' && i + 1 < pattern.length) {
        lo = awkEscape(pattern[i + 1]!);
        i++;
      }
      i++;
      if (pattern[i] === '-' && pattern[i + 1] !== undefined && pattern[i + 1] !== ']') {
        const hi = pattern[i + 1]!;
        i += 2;
        if (hi < lo) throw new RegexSyntaxError('Invalid range end');
        tests.push(fold ? (x) => (x >= lo && x <= hi) || (x.toLowerCase() >= lo && x.toLowerCase() <= hi) || (x.toUpperCase() >= lo && x.toUpperCase() <= hi) : (x) => x >= lo && x <= hi);
      } else tests.push(fold ? (x) => x.toLowerCase() === lo.toLowerCase() : (x) => x === lo);
    }
    return { t: 'char', test: negate ? (c) => c !== '\n' && !tests.some((f) => f(c)) : (c) => tests.some((f) => f(c)) };
  };
  /** Whether `^` here is an anchor: anywhere in ERE; in BRE at the start of the pattern or a group or branch. */
  const atBranchStart = (items: Node[]) => items.length === 0;
  const parseAlt = (depth: number): Node => {
    if (depth > 200) throw new RegexSyntaxError('Regular expression too big');
    const branches: Node[] = [parseCat(depth)];
    while (i < pattern.length) {
      if (ere && pattern[i] === '|') {
        i++;
        branches.push(parseCat(depth));
      } else if (!ere && pattern[i] === '\\' && pattern[i + 1] === '|') {
        i += 2;
        branches.push(parseCat(depth));
      } else break;
    }
    return branches.length === 1 ? branches[0]! : { t: 'alt', items: branches };
  };
  const parseCat = (depth: number): Node => {
    const items: Node[] = [];
    while (i < pattern.length) {
      const c = pattern[i]!;
      if (ere && (c === '|' || c === ')')) {
        if (c === ')' && depth === 0) {
          // An unmatched ) is an ordinary character in GNU ERE.
          i++;
          items.push(literal(')'));
          continue;
        }
        break;
      }
      if (!ere && c === '\\' && (pattern[i + 1] === '|' || pattern[i + 1] === ')')) {
        if (pattern[i + 1] === ')' && depth === 0) throw new RegexSyntaxError('Unmatched ) or \\)');
        break;
      }
      let atom: Node | undefined;
      if (c === '[') atom = parseBracket();
      else if (c === '.') {
        i++;
        atom = { t: 'char', test: () => true };
      } else if (c === '^' && (ere || atBranchStart(items))) {
        i++;
        atom = { t: 'assert', kind: '^' };
      } else if (c === '$' && (ere || i + 1 === pattern.length || (pattern[i + 1] === '\\' && (pattern[i + 2] === ')' || pattern[i + 2] === '|')))) {
        i++;
        atom = { t: 'assert', kind: '$' };
      } else if (ere && c === '(') {
        i++;
        const index = ++groups;
        const inner = pattern[i] === ')' ? { t: 'empty' as const } : parseAlt(depth + 1);
        if (pattern[i] !== ')') throw new RegexSyntaxError('Unmatched ( or \\(');
        i++;
        atom = { t: 'group', index, node: inner };
      } else if (!ere && c === '\\' && pattern[i + 1] === '(') {
        i += 2;
        const index = ++groups;
        const inner = pattern[i] === '\\' && pattern[i + 1] === ')' ? { t: 'empty' as const } : parseAlt(depth + 1);
        if (!(pattern[i] === '\\' && pattern[i + 1] === ')')) throw new RegexSyntaxError('Unmatched ( or \\(');
        i += 2;
        atom = { t: 'group', index, node: inner };
      } else if (c === '*' && items.length === 0) {
        // A leading * is literal (BRE; GNU ERE too).
        i++;
        atom = literal('*');
      } else if (ere && (c === '+' || c === '?' || c === '{') && items.length === 0) {
        if (c === '{') throw new RegexSyntaxError('Invalid preceding regular expression');
        i++;
        atom = literal(c);
      } else if (c === '\\') {
        const n = pattern[i + 1];
        if (n === undefined) throw new RegexSyntaxError('Trailing backslash');
        i += 2;
        if (n >= '1' && n <= '9' && !options.awk) {
          const index = Number(n);
          if (index > groups) throw new RegexSyntaxError('Invalid back reference');
          backrefs = true;
          atom = { t: 'backref', index };
        } else if (n === 'w' || n === 'W') atom = { t: 'char', test: n === 'w' ? (x) => isWordChar(x) : (x) => !isWordChar(x) };
        else if (n === 's' || n === 'S') atom = { t: 'char', test: n === 's' ? (x) => CLASSES.space!(x) : (x) => !CLASSES.space!(x) };
        else if (n === 'b' || n === 'B' || n === '<' || n === '>' || n === '`' || n === "'") {
          atom = options.awk && n === 'b' ? literal('\b') : { t: 'assert', kind: n };
        } else if (options.awk) atom = literal(awkEscape(n));
        else if (!ere && (n === '{' || n === '}' || n === '+' || n === '?')) {
          if (n === '{') {
            i -= 2;
            atom = undefined;
          } else if (items.length === 0) atom = literal(n);
          else {
            const prev = items.pop()!;
            items.push({ t: 'rep', node: prev, min: n === '+' ? 1 : 0, max: n === '+' ? Infinity : 1 });
            continue;
          }
        } else if (n === 'n') atom = literal('\n');
        else if (n === 't' && !ere) atom = literal('t');
        else atom = literal(n);
        if (atom === undefined && !ere && pattern[i] === '\\' && pattern[i + 1] === '{') {
          if (items.length === 0) {
            i += 2;
            items.push(literal('{'));
            continue;
          }
        }
      } else {
        i++;
        atom = literal(c);
      }
      if (atom !== undefined) items.push(atom);
      // Postfix operators.
      for (;;) {
        const p = pattern[i];
        const last = items[items.length - 1];
        if (last === undefined) break;
        if (p === '*') {
          i++;
          items[items.length - 1] = { t: 'rep', node: last, min: 0, max: Infinity };
        } else if (ere && (p === '+' || p === '?')) {
          i++;
          items[items.length - 1] = { t: 'rep', node: last, min: p === '+' ? 1 : 0, max: p === '+' ? Infinity : 1 };
        } else if (!ere && p === '\\' && (pattern[i + 1] === '+' || pattern[i + 1] === '?')) {
          const q = pattern[i + 1];
          i += 2;
          items[items.length - 1] = { t: 'rep', node: last, min: q === '+' ? 1 : 0, max: q === '+' ? Infinity : 1 };
        } else if ((ere && p === '{') || (!ere && p === '\\' && pattern[i + 1] === '{')) {
          const open = ere ? i + 1 : i + 2;
          const closeText = ere ? '}' : '\\}';
          const close = pattern.indexOf(closeText, open);
          const body = close < 0 ? '' : pattern.slice(open, close);
          const m = /^(\d*)(,(\d*))?$/.exec(body);
          if (close < 0 || !m || (m[1] === '' && m[2] === undefined)) {
            if (ere && close < 0) {
              // GNU ERE takes an unmatched { as a literal.
              break;
            }
            throw new RegexSyntaxError(close < 0 ? 'Unmatched \\{' : 'Invalid content of \\{\\}');
          }
          const min = m[1] === '' ? 0 : Number(m[1]);
          const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
          if (min > DUP_MAX || (max !== Infinity && max > DUP_MAX)) throw new RegexSyntaxError('Regular expression too big');
          if (max < min) throw new RegexSyntaxError('Invalid content of \\{\\}');
          i = close + closeText.length;
          items[items.length - 1] = { t: 'rep', node: last, min, max };
        } else break;
      }
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? items[0]! : { t: 'cat', items };
  };
  const node = parseAlt(0);
  if (i < pattern.length) {
    if (ere && pattern[i] === ')') throw new RegexSyntaxError('Unmatched ) or \\)');
    throw new RegexSyntaxError('Unmatched ) or \\)');
  }
  return { node, groups, backrefs };
}

function awkEscape(n: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\u0007', b: '\b', '/': '/', '"': '"', '\\': '\\' };
  return map[n] ?? n;
}

type Inst =
  | { op: 'char'; test: (c: string) => boolean }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; slot: number }
  | { op: 'assert'; kind: '^' | '$' | 'b' | 'B' | '<' | '>' | '`' | "'" }
  | { op: 'match' };

function compile(node: Node): Inst[] {
  const prog: Inst[] = [];
  const emit = (inst: Inst) => {
    if (prog.length >= MAX_PROGRAM) throw new RegexSyntaxError('Regular expression too big');
    prog.push(inst);
    return prog.length - 1;
  };
  const gen = (n: Node): void => {
    switch (n.t) {
      case 'empty':
        return;
      case 'char':
        emit({ op: 'char', test: n.test });
        return;
      case 'assert':
        emit({ op: 'assert', kind: n.kind });
        return;
      case 'backref':
        throw new RegexSyntaxError('backref');
      case 'cat':
        n.items.forEach(gen);
        return;
      case 'group':
        emit({ op: 'save', slot: n.index * 2 });
        gen(n.node);
        emit({ op: 'save', slot: n.index * 2 + 1 });
        return;
      case 'alt': {
        const jumps: number[] = [];
        n.items.forEach((item, k) => {
          if (k < n.items.length - 1) {
            const split = emit({ op: 'split', x: 0, y: 0 });
            (prog[split] as { x: number }).x = prog.length;
            gen(item);
            jumps.push(emit({ op: 'jmp', x: 0 }));
            (prog[split] as { y: number }).y = prog.length;
          } else gen(item);
        });
        for (const j of jumps) (prog[j] as { x: number }).x = prog.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) gen(n.node);
        if (n.max === Infinity) {
          // Greedy star: L: split body, out; body; jmp L.
          const split = emit({ op: 'split', x: 0, y: 0 });
          (prog[split] as { x: number }).x = prog.length;
          gen(n.node);
          emit({ op: 'jmp', x: split });
          (prog[split] as { y: number }).y = prog.length;
        } else {
          const exits: number[] = [];
          for (let k = n.min; k < n.max; k++) {
            const split = emit({ op: 'split', x: 0, y: 0 });
            (prog[split] as { x: number }).x = prog.length;
            exits.push(split);
            gen(n.node);
          }
          for (const s of exits) (prog[s] as { y: number }).y = prog.length;
        }
        return;
      }
    }
  };
  emit({ op: 'save', slot: 0 });
  gen(node);
  emit({ op: 'save', slot: 1 });
  emit({ op: 'match' });
  return prog;
}

function checkAssert(kind: string, text: string, at: number, multiline: boolean): boolean {
  const before = text[at - 1];
  const after = text[at];
  switch (kind) {
    case '^':
      return at === 0 || (multiline && before === '\n');
    case '$':
      return at === text.length || (multiline && after === '\n');
    case '`':
      return at === 0;
    case "'":
      return at === text.length;
    case 'b':
      return isWordChar(before) !== isWordChar(after);
    case 'B':
      return isWordChar(before) === isWordChar(after);
    case '<':
      return !isWordChar(before) && isWordChar(after);
    default:
      return isWordChar(before) && !isWordChar(after);
  }
}

interface Thread {
  pc: number;
  caps: number[];
}

class PikeRegex implements PosixRegex {
  constructor(
    private readonly prog: Inst[],
    readonly groupCount: number,
    private readonly multiline: boolean,
  ) {}

  exec(text: string, from = 0): RegexMatch | undefined {
    const prog = this.prog;
    const slots = (this.groupCount + 1) * 2;
    let clist: Thread[] = [];
    let nlist: Thread[] = [];
    const mark = new Int32Array(prog.length).fill(-1);
    let best: number[] | undefined;
    const add = (list: Thread[], pc: number, caps: number[], at: number, gen: number): void => {
      // Follows jumps, splits, saves and assertions at position `at`, depth first, in priority order.
      const stack: { pc: number; caps: number[] }[] = [{ pc, caps }];
      while (stack.length > 0) {
        const t = stack.pop()!;
        if (mark[t.pc] === gen) continue;
        mark[t.pc] = gen;
        const inst = prog[t.pc]!;
        switch (inst.op) {
          case 'jmp':
            stack.push({ pc: inst.x, caps: t.caps });
            break;
          case 'split':
            stack.push({ pc: inst.y, caps: t.caps }, { pc: inst.x, caps: t.caps });
            break;
          case 'save': {
            const caps2 = t.caps.slice();
            caps2[inst.slot] = at;
            stack.push({ pc: t.pc + 1, caps: caps2 });
            break;
          }
          case 'assert':
            if (checkAssert(inst.kind, text, at, this.multiline)) stack.push({ pc: t.pc + 1, caps: t.caps });
            break;
          default:
            list.push({ pc: t.pc, caps: t.caps });
        }
      }
    };
    let gen = 0;
    const empty = new Array<number>(slots).fill(-1);
    for (let at = from; at <= text.length; at++) {
      gen++;
      if (best === undefined) add(clist, 0, empty, at, gen);
      if (clist.length === 0) {
        if (best !== undefined) break;
        continue;
      }
      gen++;
      const c = text[at];
      for (const t of clist) {
        const inst = prog[t.pc]!;
        if (inst.op === 'match') {
          // Leftmost first; among matches from that start, the longest.
          if (best === undefined || t.caps[0]! < best[0]! || (t.caps[0]! === best[0]! && t.caps[1]! > best[1]!)) best = t.caps;
          continue;
        }
        if (best !== undefined && t.caps[0]! > best[0]!) continue;
        if (inst.op === 'char' && c !== undefined && inst.test(c)) add(nlist, t.pc + 1, t.caps, at + 1, gen);
      }
      if (best !== undefined) nlist = nlist.filter((t) => t.caps[0]! <= best![0]!);
      [clist, nlist] = [nlist, clist];
      nlist.length = 0;
      if (c === undefined) break;
    }
    if (best === undefined) return undefined;
    const groups: ([number, number] | undefined)[] = [];
    for (let g = 1; g <= this.groupCount; g++) {
      const s = best[g * 2]!;
      const e = best[g * 2 + 1]!;
      groups.push(s >= 0 && e >= 0 ? [s, e] : undefined);
    }
    return { start: best[0]!, end: best[1]!, groups };
  }
}

/** Back-references need backtracking: a JavaScript RegExp stands in, on texts it cannot blow up on. */
class BacktrackRegex implements PosixRegex {
  constructor(
    private readonly re: RegExp,
    readonly groupCount: number,
  ) {}

  exec(text: string, from = 0): RegexMatch | undefined {
    if (text.length > 4096) return undefined;
    this.re.lastIndex = from;
    const m = this.re.exec(text);
    if (!m) return undefined;
    const groups: ([number, number] | undefined)[] = [];
    const indices = (m as RegExpExecArray & { indices?: [number, number][] }).indices;
    for (let g = 1; g <= this.groupCount; g++) {
      const span = indices?.[g];
      groups.push(span ? [span[0], span[1]] : undefined);
    }
    return { start: m.index, end: m.index + m[0].length, groups };
  }
}

/**
 * Compiles a POSIX pattern, or returns GNU's complaint about it. `multiline`: `^` and `$` also match
 * at inner newlines (sed's M flag); by default `^` matches only at the start of the text.
 */
export function compilePosix(pattern: string, options: RegexOptions, multiline = false): PosixRegex | { error: string } {
  try {
    const { node, groups, backrefs } = parse(pattern, options);
    if (!backrefs) return new PikeRegex(compile(node), groups, multiline);
    // Character tests do not translate; rebuild them from the pattern with the JS engine's syntax.
    const source = toJsSourceWithTests(pattern, options);
    return new BacktrackRegex(new RegExp(source, `gd${options.ignoreCase ? 'i' : ''}${multiline ? 'm' : ''}`), groups);
  } catch (e) {
    if (e instanceof RegexSyntaxError) return { error: e.message };
    if (e instanceof SyntaxError) return { error: 'Invalid regular expression' };
    throw e;
  }
}

/** Translates a pattern with back-references to JavaScript syntax (brackets copied as they are). */
function toJsSourceWithTests(pattern: string, options: RegexOptions): string {
  let out = '';
  const ere = options.extended;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '[') {
      const end = pattern.indexOf(']', i + (pattern[i + 1] === ']' ? 2 : pattern[i + 1] === '^' && pattern[i + 2] === ']' ? 3 : 1));
      const body = pattern.slice(i + 1, end).replace(/\[:(\w+):\]/g, (_, n: string) => ({ alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t', punct: '!-/:-@\\[-`{-~', xdigit: '0-9A-Fa-f' })[n] ?? '');
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\') {
      const n = pattern[++i] ?? '';
      if (!ere && '(){}|+?'.includes(n)) out += n;
      else if (/[1-9]/.test(n)) out += `\\${n}`;
      else if (n === '<' || n === '>') out += '\\b';
      else if ('wWsSbB'.includes(n)) out += `\\${n}`;
      else out += n.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
    } else if (!ere && '(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c === '/' ? '\\/' : c;
  }
  return out;
}

/** All non-overlapping matches, as `s///g` and `grep -o` walk them (an empty match moves on by one). */
export function* allMatches(re: PosixRegex, text: string): Generator<RegexMatch> {
  let from = 0;
  while (from <= text.length) {
    const m = re.exec(text, from);
    if (!m) return;
    yield m;
    from = m.end > m.start ? m.end : m.end + 1;
  }
}

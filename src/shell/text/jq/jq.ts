import type { Builtin } from '../../bash/builtins/builtin.ts';
import { Interpreter, JqBudgetExceeded, JqHalt, MAX_STEPS, setPreludeParser } from './evaluateJq.ts';
import { type Json, JqError } from './jqValue.ts';
import { dumpJson, parseJsonStream, parseOneJson, toJsonText } from './jsonText.ts';
import { type JqNode, type Pattern, parseJq } from './parseJq.ts';

setPreludeParser((src) => {
  const parsed = parseJq(src);
  if ('error' in parsed) throw new Error(`jq prelude: ${parsed.error.message} at ${parsed.error.pos}`);
  return parsed.ast;
});

const VERSION = 'jq-1.7.1';

/** jq 1.7.1's usage (src/main.c usage()); the short form ends with a pointer to --help. */
function usage(short: boolean): string {
  const head =
    `jq - commandline JSON processor [version ${VERSION.slice(3)}]\n` +
    '\nUsage:\tjq [options] <jq filter> [file...]\n' +
    '\tjq [options] --args <jq filter> [strings...]\n' +
    '\tjq [options] --jsonargs <jq filter> [JSON_TEXTS...]\n\n' +
    'jq is a tool for processing JSON inputs, applying the given filter to\n' +
    'its JSON text inputs and producing the filter\'s results as JSON on\n' +
    'standard output.\n\n' +
    'The simplest filter is ., which copies jq\'s input to its output\n' +
    'unmodified except for formatting. For more advanced filters see\n' +
    'the jq(1) manpage ("man jq") and/or https://jqlang.github.io/jq/.\n\n' +
    'Example:\n\n\t$ echo \'{"foo": 0}\' | jq .\n' +
    '\t{\n\t  "foo": 0\n\t}\n\n';
  if (short) return `${head}For listing the command options, use jq --help.\n`;
  return (
    head +
    'Command options:\n' +
    '  -n, --null-input          use `null` as the single input value;\n' +
    '  -R, --raw-input           read each line as string instead of JSON;\n' +
    '  -s, --slurp               read all inputs into an array and use it as\n' +
    '                            the single input value;\n' +
    '  -c, --compact-output      compact instead of pretty-printed output;\n' +
    '  -r, --raw-output          output strings without escapes and quotes;\n' +
    '      --raw-output0         implies -r and output NUL after each output;\n' +
    '  -j, --join-output         implies -r and output without newline after\n' +
    '                            each output;\n' +
    '  -a, --ascii-output        output strings by only ASCII characters\n' +
    '                            using escape sequences;\n' +
    '  -S, --sort-keys           sort keys of each object on output;\n' +
    '  -C, --color-output        colorize JSON output;\n' +
    '  -M, --monochrome-output   disable colored output;\n' +
    '      --tab                 use tabs for indentation;\n' +
    '      --indent n            use n spaces for indentation (max 7 spaces);\n' +
    '      --unbuffered          flush output stream after each output;\n' +
    '      --stream              parse the input value in streaming fashion;\n' +
    '      --stream-errors       implies --stream and report parse error as\n' +
    '                            an array;\n' +
    '      --seq                 parse input/output as application/json-seq;\n' +
    '  -f, --from-file file      load filter from the file;\n' +
    '  -L directory              search modules from the directory;\n' +
    '      --arg name value      set $name to the string value;\n' +
    '      --argjson name value  set $name to the JSON value;\n' +
    '      --slurpfile name file set $name to an array of JSON values read\n' +
    '                            from the file;\n' +
    '      --rawfile name file   set $name to string contents of file;\n' +
    '      --args                consume remaining arguments as positional\n' +
    '                            string values;\n' +
    '      --jsonargs            consume remaining arguments as positional\n' +
    '                            JSON values;\n' +
    '  -e, --exit-status         set exit status code based on the output;\n' +
    '  -V, --version             show the version;\n' +
    '  --build-configuration     show jq\'s build configuration;\n' +
    '  -h, --help                show the help;\n' +
    '  --                        terminates argument processing;\n\n' +
    'Named arguments are also available as $ARGS.named[], while\n' +
    'positional arguments are available as $ARGS.positional[].\n'
  );
}

const DIE = 'Use jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n';

interface JqOptions {
  nullInput: boolean;
  rawInput: boolean;
  slurp: boolean;
  raw: boolean;
  join: boolean;
  nul: boolean;
  ascii: boolean;
  sortKeys: boolean;
  color: boolean;
  tab: boolean;
  indent: number;
  exitStatus: boolean;
  seq: boolean;
  vars: Map<string, Json>;
  named: Record<string, Json>;
  positional: Json[];
  program: string | undefined;
  files: string[];
}

const SHORT_FLAGS: Record<string, keyof JqOptions> = {
  n: 'nullInput', R: 'rawInput', s: 'slurp', r: 'raw', j: 'join', a: 'ascii', S: 'sortKeys', C: 'color', e: 'exitStatus',
};
const LONG_FLAGS: Record<string, keyof JqOptions> = {
  'null-input': 'nullInput', 'raw-input': 'rawInput', slurp: 'slurp', 'raw-output': 'raw', 'join-output': 'join',
  'ascii-output': 'ascii', 'sort-keys': 'sortKeys', 'color-output': 'color', 'exit-status': 'exitStatus', seq: 'seq',
  'raw-output0': 'nul', unbuffered: 'seq',
};

/**
 * `jq [options] FILTER [files]`: a subset of jq 1.7.1 (src/main.c) with its messages and exit codes:
 * 2 for usage and file errors, 3 for compile errors, 5 for runtime and input parse errors, and with
 * -e 1 (last output false or null) or 4 (no output).
 */
export const jq: Builtin = (ctx) => {
  const parsed = parseArgs(ctx.argv.slice(1), ctx);
  if (typeof parsed === 'number') return parsed;
  const options = parsed;
  if (options.program === undefined) {
    if (ctx.stdinIsTerminal) {
      ctx.stderr(usage(true));
      return 2;
    }
    options.program = '.';
  }
  const compiled = compile(options.program, [...options.vars.keys()]);
  if ('errors' in compiled) {
    for (const e of compiled.errors) ctx.stderr(`jq: error: ${e}\n`);
    ctx.stderr(`jq: ${compiled.errors.length} compile error${compiled.errors.length === 1 ? '' : 's'}\n`);
    return 3;
  }
  // Inputs: stdin or the named files, all read before the program starts.
  let text = '';
  let name = '<stdin>';
  if (options.files.length === 0) text = ctx.stdin;
  else {
    for (const file of options.files) {
      const path = ctx.fs.resolve(file);
      const content = ctx.fs.isDirectory(path) ? undefined : ctx.fs.readFile(path);
      if (content === undefined) {
        ctx.stderr(`jq: error: Could not open file ${file}: ${ctx.fs.isDirectory(path) ? 'Is a directory' : 'No such file or directory'}\n`);
        return 2;
      }
      text += content;
      name = file;
    }
  }
  const items = options.rawInput ? rawLines(text) : parseJsonStream(text);
  let itemIndex = 0;
  let status = 0;
  let lastOutput: Json | undefined;
  let produced = false;
  let out = '';
  const flush = () => {
    if (out !== '') ctx.stdout(out);
    out = '';
  };
  const dumpOptions = { indent: options.tab ? 1 : options.indent, tab: options.tab, sortKeys: options.sortKeys, color: options.color };
  const print = (v: Json) => {
    produced = true;
    lastOutput = v;
    if (options.seq) out += '\u001e';
    let textOut = (options.raw || options.join || options.nul) && typeof v === 'string' ? v : dumpJson(v, dumpOptions);
    if (options.ascii) textOut = asciiEscape(textOut);
    out += textOut;
    if (options.nul) out += '\u0000';
    else if (!options.join) out += '\n';
    if (out.length > 64 * 1024) flush();
  };
  let position = '<unknown>';
  let parseFailed = false;
  const nextItem = (): Json | undefined => {
    while (itemIndex < items.length) {
      const item = items[itemIndex++]!;
      position = `${name}:${item.line}`;
      if ('error' in item) {
        flush();
        ctx.stderr(`jq: parse error: ${item.error}\n`);
        parseFailed = true;
        return undefined;
      }
      return item.value;
    }
    return undefined;
  };
  const interpreter = new Interpreter({
    vars: options.vars,
    env: ctx.env,
    nextInput: nextItem,
    stderr: (t) => {
      flush();
      ctx.stderr(t);
    },
    now: () => Date.now() / 1000,
  });
  const env = interpreter.rootEnv();
  const runOne = (input: Json): boolean => {
    try {
      interpreter.run(compiled.ast, input, env, print);
    } catch (e) {
      if (e instanceof JqError) {
        status = 5;
        flush();
        const v = e.value;
        if (typeof v === 'string') ctx.stderr(`jq: error (at ${position}): ${v}\n`);
        else ctx.stderr(`jq: error (at ${position}) (not a string): ${toJsonText(v)}\n`);
      } else if (e instanceof JqHalt) {
        flush();
        if (e.value !== undefined) ctx.stderr(typeof e.value === 'string' ? e.value : `${toJsonText(e.value)}\n`);
        status = e.code;
        return false;
      } else if (e instanceof JqBudgetExceeded) {
        flush();
        ctx.stderr(`mtls-playground: jq stopped after ${MAX_STEPS} steps (the simulator bounds each run)\n`);
        status = 5;
        return false;
      } else if (e instanceof RangeError) {
        // Real jq would recurse until memory runs out; the simulator stops at the call stack's end.
        flush();
        ctx.stderr('mtls-playground: jq stopped: the program recursed deeper than the simulator allows\n');
        status = 5;
        return false;
      } else throw e;
    }
    return true;
  };
  if (options.nullInput) runOne(null);
  else if (options.slurp) {
    const all: Json[] = [];
    for (let v = nextItem(); v !== undefined; v = nextItem()) all.push(v);
    if (!parseFailed) runOne(options.rawInput ? all.join('') : all);
  } else {
    for (let v = nextItem(); v !== undefined; v = nextItem()) {
      if (!runOne(v)) break;
    }
  }
  flush();
  if (parseFailed) return 5;
  if (status !== 0) return status;
  if (options.exitStatus) {
    if (!produced) return 4;
    return lastOutput === null || lastOutput === false ? 1 : 0;
  }
  return 0;
};

function rawLines(text: string): { value: Json; line: number }[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines.map((l, i) => ({ value: l, line: i + 1 }));
}

function asciiEscape(s: string): string {
  return s.replace(/[^\p{ASCII}]/gu, (c) => {
    const cp = c.codePointAt(0)!;
    if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
    const v = cp - 0x10000;
    return `\\u${(0xd800 + (v >> 10)).toString(16)}\\u${(0xdc00 + (v & 0x3ff)).toString(16)}`;
  });
}

function parseArgs(args: string[], ctx: { stderr(t: string): void; stdout(t: string): void; fs: { resolve(p: string): string; readFile(p: string): string | undefined } }): JqOptions | number {
  const o: JqOptions = {
    nullInput: false, rawInput: false, slurp: false, raw: false, join: false, nul: false, ascii: false, sortKeys: false,
    color: false, tab: false, indent: 2, exitStatus: false, seq: false, vars: new Map(), named: {}, positional: [],
    program: undefined, files: [],
  };
  let further: 'args' | 'jsonargs' | undefined;
  let endOfOptions = false;
  const die = (message: string) => {
    ctx.stderr(`jq: ${message}\n${DIE}`);
    return 2;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (endOfOptions || !arg.startsWith('-') || arg === '-') {
      if (o.program === undefined) o.program = arg;
      else if (further === 'args') o.positional.push(arg);
      else if (further === 'jsonargs') {
        const v = parseOneJson(arg);
        if ('error' in v) return die(`invalid JSON text passed to --jsonargs`);
        o.positional.push(v.value);
      } else o.files.push(arg);
      continue;
    }
    if (arg === '--') {
      endOfOptions = true;
      continue;
    }
    if (arg.startsWith('--')) {
      const name = arg.slice(2);
      if (LONG_FLAGS[name]) {
        (o as unknown as Record<string, boolean>)[LONG_FLAGS[name]] = true;
        if (name === 'raw-output0') o.raw = true;
        continue;
      }
      switch (name) {
        case 'compact-output':
          o.indent = 0;
          continue;
        case 'monochrome-output':
          o.color = false;
          continue;
        case 'tab':
          o.tab = true;
          continue;
        case 'indent': {
          const n = args[++i];
          if (n === undefined) return die('--indent takes one parameter');
          const v = Number.parseInt(n, 10);
          if (!(v >= -1 && v <= 7)) return die('--indent takes a number between -1 and 7');
          o.indent = v;
          continue;
        }
        case 'arg':
        case 'argjson':
        case 'slurpfile':
        case 'rawfile': {
          const varName = args[i + 1];
          const value = args[i + 2];
          if (varName === undefined || value === undefined) {
            return die(name === 'arg' ? '--arg takes two parameters (e.g. --arg varname value)' : name === 'argjson' ? '--argjson takes two parameters (e.g. --argjson varname text)' : `--${name} takes two parameters (e.g. --${name} varname filename)`);
          }
          i += 2;
          let v: Json;
          if (name === 'arg') v = value;
          else if (name === 'argjson') {
            const parsed = parseOneJson(value);
            if ('error' in parsed) return die('invalid JSON text passed to --argjson');
            v = parsed.value;
          } else {
            const content = ctx.fs.readFile(ctx.fs.resolve(value));
            if (content === undefined) {
              ctx.stderr(`jq: Bad JSON in --${name} ${varName} ${value}: Could not open ${value}: No such file or directory\n`);
              return 2;
            }
            if (name === 'rawfile') v = content;
            else {
              const items = parseJsonStream(content);
              const bad = items.find((x) => 'error' in x);
              if (bad && 'error' in bad) {
                ctx.stderr(`jq: Bad JSON in --${name} ${varName} ${value}: ${bad.error}\n`);
                return 2;
              }
              v = items.map((x) => ('value' in x ? x.value : null));
            }
          }
          if (!o.vars.has(varName)) o.vars.set(varName, v);
          o.named[varName] = v;
          continue;
        }
        case 'args':
        case 'jsonargs':
          further = name;
          continue;
        case 'help':
          ctx.stdout(usage(false));
          return 0;
        case 'version':
          ctx.stdout(`${VERSION}\n`);
          return 0;
        default:
          return die(`Unknown option ${arg}`);
      }
    }
    // Short options may be combined: -rc, -nr.
    for (const c of arg.slice(1)) {
      if (SHORT_FLAGS[c]) (o as unknown as Record<string, boolean>)[SHORT_FLAGS[c]] = true;
      else if (c === 'c') o.indent = 0;
      else if (c === 'M') o.color = false;
      else if (c === 'h') {
        ctx.stdout(usage(false));
        return 0;
      } else if (c === 'V') {
        ctx.stdout(`${VERSION}\n`);
        return 0;
      } else if (c === 'f' || c === 'L') {
        const file = args[++i];
        if (c === 'L') continue;
        const content = file === undefined ? undefined : ctx.fs.readFile(ctx.fs.resolve(file));
        if (content === undefined) {
          ctx.stderr(`jq: error: Could not open ${file ?? ''}: No such file or directory\n`);
          return 2;
        }
        if (o.program !== undefined) o.files.push(o.program);
        o.program = content;
      } else return die(`Unknown option ${arg}`);
    }
  }
  o.vars.set('ARGS', { positional: o.positional, named: o.named });
  return o;
}

/** Parses and checks a program: every function and variable it uses must exist, as jq's compiler checks. */
function compile(program: string, argNames: string[]): { ast: JqNode } | { errors: string[] } {
  const parsed = parseJq(program);
  if ('error' in parsed) return { errors: [locate(program, parsed.error.message, parsed.error.pos)] };
  const errors: string[] = [];
  const builtins = Interpreter.builtinNames();
  const check = (node: JqNode, funcs: Set<string>, vars: Set<string>): void => {
    const walk = (n: JqNode, f = funcs, v = vars) => check(n, f, v);
    switch (node.kind) {
      case 'call': {
        const key = `${node.name}/${node.args.length}`;
        if (!funcs.has(key) && !builtins.has(key)) errors.push(locate(program, `${key} is not defined`, node.pos));
        node.args.forEach((a) => walk(a));
        return;
      }
      case 'var':
        if (!vars.has(node.name)) errors.push(locate(program, `$${node.name} is not defined`, node.pos));
        return;
      case 'def': {
        const inner = new Set(funcs);
        inner.add(`${node.name}/${node.params.length}`);
        const bodyVars = new Set(vars);
        const bodyFuncs = new Set(inner);
        for (const p of node.params) {
          if (p.startsWith('$')) {
            bodyVars.add(p.slice(1));
            bodyFuncs.add(`${p.slice(1)}/0`);
          } else bodyFuncs.add(`${p}/0`);
        }
        check(node.body, bodyFuncs, bodyVars);
        check(node.rest, inner, vars);
        return;
      }
      case 'as': {
        walk(node.source);
        const inner = new Set(vars);
        for (const p of node.patterns) patternVars(p, inner, (k) => walk(k));
        check(node.body, funcs, inner);
        return;
      }
      case 'reduce':
      case 'foreach': {
        walk(node.source);
        walk(node.init);
        const inner = new Set(vars);
        patternVars(node.pattern, inner, (k) => walk(k));
        check(node.update, funcs, inner);
        if (node.kind === 'foreach' && node.extract) check(node.extract, funcs, inner);
        return;
      }
      case 'label': {
        const inner = new Set(vars);
        inner.add(`*label*${node.name}`);
        check(node.body, funcs, inner);
        return;
      }
      case 'break':
        if (!vars.has(`*label*${node.name}`)) errors.push(locate(program, `$*label-${node.name} is not defined`, node.pos));
        return;
      default:
        for (const child of children(node)) walk(child);
    }
  };
  check(parsed.ast, new Set(), new Set(['ENV', '__loc__', '__prog_args', 'ARGS', ...argNames]));
  if (errors.length > 0) return { errors };
  return { ast: parsed.ast };
}

function patternVars(p: Pattern, into: Set<string>, onKey: (k: JqNode) => void): void {
  if (p.kind === 'var') into.add(p.name);
  else if (p.kind === 'array') p.items.forEach((x) => patternVars(x, into, onKey));
  else
    for (const e of p.entries) {
      if (typeof e.key !== 'string') onKey(e.key);
      if (e.keyVar !== undefined) into.add(e.keyVar);
      if (e.value) patternVars(e.value, into, onKey);
    }
}

function children(node: JqNode): JqNode[] {
  switch (node.kind) {
    case 'string':
      return node.parts.filter((p): p is JqNode => typeof p !== 'string');
    case 'index':
      return [node.target, node.key];
    case 'slice':
      return [node.target, ...(node.from ? [node.from] : []), ...(node.to ? [node.to] : [])];
    case 'iterate':
      return [node.target];
    case 'try':
      return [node.body, ...(node.handler ? [node.handler] : [])];
    case 'pipe':
    case 'comma':
    case 'binary':
    case 'and':
    case 'or':
    case 'alt':
    case 'assign':
      return [node.left, node.right];
    case 'neg':
      return [node.body];
    case 'array':
      return node.body ? [node.body] : [];
    case 'object':
      return node.entries.flatMap((e) => [e.key, e.value]);
    case 'if':
      return [node.cond, node.then, ...(node.else ? [node.else] : [])];
    default:
      return [];
  }
}

/** `MESSAGE at <top-level>, line N:` and the program's line, padded to the error's column (src/locfile.c). */
function locate(program: string, message: string, pos: number): string {
  const lineStart = program.lastIndexOf('\n', pos - 1) + 1;
  const lineNumber = program.slice(0, lineStart).split('\n').length;
  const nextLine = program.indexOf('\n', pos);
  const lineText = program.slice(lineStart, nextLine < 0 ? program.length : nextLine + 1);
  // jq's yyerror adds a hint to bison's messages (src/parser.y).
  const text = message.includes('unexpected') ? `${message} (Unix shell quoting issues?)` : message;
  return `${text} at <top-level>, line ${lineNumber}:\n${lineText}${' '.repeat(pos - lineStart)}`;
}

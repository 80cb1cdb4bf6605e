import type { Builtin } from '../bash/builtins/builtin.ts';
import { limits } from '../bash/limits.ts';
import { usageError } from './gnuUsage.ts';

/** Splits xargs input into arguments: blanks separate, quotes and backslashes group (findutils xargs.c). */
function splitArguments(input: string): string[] | string {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else if (c === "'" || c === '"') {
      const end = input.indexOf(c, i + 1);
      const newline = input.indexOf('\n', i + 1);
      if (end < 0 || (newline >= 0 && newline < end)) {
        return `unmatched ${c === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option`;
      }
      current += input.slice(i + 1, end);
      inArg = true;
      i = end;
    } else if (c === '\\' && i + 1 < input.length) {
      current += input[++i];
      inArg = true;
    } else {
      current += c;
      inArg = true;
    }
  }
  if (inArg) args.push(current);
  return args;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * `xargs [-0] [-r] [-t] [-n N] [-L N] [-I R] [-d DELIM] [command [args]]`: runs the command (echo by
 * default) with arguments read from stdin, through the shell's usual command lookup, so that
 * `xargs kubectl delete pod` reaches the simulated kubectl. Exit 123 when an invocation failed,
 * 127 when the command does not exist (GNU findutils).
 */
export const xargs: Builtin = (ctx, host) => {
  const args = ctx.argv.slice(1);
  let nul = false;
  let noRunIfEmpty = false;
  let trace = false;
  let maxArgs: number | undefined;
  let maxLines: number | undefined;
  let replace: string | undefined;
  let delimiter: string | undefined;
  let i = 0;
  const numberOf = (opt: string, v: string | undefined): number | string => {
    if (v === undefined) return `option requires an argument -- '${opt}'`;
    if (!/^\d+$/.test(v) || Number(v) < 1) return `invalid number "${v}" for -${opt} option`;
    return Number(v);
  };
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (name === 'null') nul = true;
      else if (name === 'no-run-if-empty') noRunIfEmpty = true;
      else if (name === 'verbose') trace = true;
      else if (name === 'max-args' || name === 'max-lines' || name === 'max-procs') {
        const n = numberOf(name === 'max-args' ? 'n' : name === 'max-lines' ? 'L' : 'P', value ?? args[++i]);
        if (typeof n === 'string') return usageError(ctx, 'xargs', n, 1);
        if (name === 'max-args') maxArgs = n;
        else if (name === 'max-lines') maxLines = n;
      } else if (name === 'replace') replace = value ?? '{}';
      else if (name === 'delimiter') delimiter = value ?? args[++i];
      else return usageError(ctx, 'xargs', `unrecognized option '${a}'`, 1);
      continue;
    }
    let j = 1;
    for (; j < a.length; j++) {
      const c = a[j]!;
      if (c === '0') nul = true;
      else if (c === 'r') noRunIfEmpty = true;
      else if (c === 't') trace = true;
      else if (c === 'x' || c === 'p') continue;
      else if ('nLPIds'.includes(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (c === 'I') {
          if (value === undefined) return usageError(ctx, 'xargs', "option requires an argument -- 'I'", 1);
          replace = value;
        } else if (c === 'd') {
          if (value === undefined) return usageError(ctx, 'xargs', "option requires an argument -- 'd'", 1);
          delimiter = value.replace(/^\\n$/, '\n').replace(/^\\t$/, '\t');
        } else if (c !== 's') {
          const n = numberOf(c, value);
          if (typeof n === 'string') return usageError(ctx, 'xargs', n, 1);
          if (c === 'n') maxArgs = n;
          else if (c === 'L') maxLines = n;
        }
        break;
      } else return usageError(ctx, 'xargs', `invalid option -- '${c}'`, 1);
    }
  }
  const command = args.slice(i);
  if (command.length === 0) command.push('echo');
  const input = ctx.stdin;
  // Each invocation's arguments.
  let batches: string[][];
  if (replace !== undefined) {
    const lines = input.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
    batches = lines.map((line) => command.slice(1).map((a) => a.split(replace!).join(line)));
    batches = batches.map((b) => [command[0]!, ...b]);
  } else {
    let items: string[];
    if (nul || delimiter !== undefined) {
      const sep = nul ? '\0' : delimiter!;
      items = input.split(sep);
      if (items[items.length - 1] === '' || (!nul && items[items.length - 1] === '\n')) items.pop();
    } else if (maxLines !== undefined) {
      const lines = input.split('\n').filter((l) => l.trim() !== '');
      const groups: string[][] = [];
      for (let k = 0; k < lines.length; k += maxLines) {
        const group = splitArguments(lines.slice(k, k + maxLines).join('\n'));
        if (typeof group === 'string') {
          ctx.stderr(`xargs: ${group}\n`);
          return 1;
        }
        groups.push(group);
      }
      batches = groups.map((g) => [...command, ...g]);
      items = [];
    } else {
      const split = splitArguments(input);
      if (typeof split === 'string') {
        ctx.stderr(`xargs: ${split}\n`);
        return 1;
      }
      items = split;
    }
    if (maxLines === undefined) {
      const size = maxArgs ?? Math.max(1, items.length);
      batches = [];
      for (let k = 0; k < items.length; k += size) batches.push([...command, ...items.slice(k, k + size)]);
    } else batches ??= [];
  }
  // GNU xargs runs the command once even with no input, unless -r.
  if (batches.length === 0 && !noRunIfEmpty && replace === undefined) batches.push([...command]);
  if (host.commandKind(command[0]!) === undefined) {
    if (batches.length === 0) return 0;
    ctx.stderr(`xargs: ${command[0]}: No such file or directory\n`);
    return 127;
  }
  let status = 0;
  let runs = 0;
  for (const argv of batches) {
    if (++runs > limits.maxLoopIterations) {
      ctx.stderr(`mtls-playground: xargs stopped after ${limits.maxLoopIterations} commands\n`);
      return 1;
    }
    if (trace) ctx.stderr(`${argv.join(' ')}\n`);
    const code = host.runSubshell(argv.map(quote).join(' '), '', ctx.stdout, ctx.stderr);
    if (code === 255) {
      ctx.stderr(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (code === 127 || code === 126) return code;
    if (code !== 0) status = 123;
  }
  return status;
};

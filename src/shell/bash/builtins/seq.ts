import { limits } from '../limits.ts';
import type { Builtin } from './builtin.ts';

/** `seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST`, stopping early rather than print without end. */
export const seq: Builtin = (ctx) => {
  const args = ctx.argv.slice(1);
  let separator = '\n';
  let equalWidth = false;
  while (args[0] !== undefined && /^-[sw]/.test(args[0])) {
    const flag = args.shift()!;
    if (flag === '-w') equalWidth = true;
    else separator = flag.length > 2 ? flag.slice(2) : (args.shift() ?? '\n');
  }
  if (args.length === 0 || args.length > 3) {
    ctx.stderr(`seq: ${args.length === 0 ? 'missing operand' : `extra operand '${args[3]}'`}\nTry 'seq --help' for more information.\n`);
    return 1;
  }
  const bad = args.find((a) => !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(a));
  if (bad !== undefined) {
    ctx.stderr(`seq: invalid floating point argument: '${bad}'\nTry 'seq --help' for more information.\n`);
    return 1;
  }
  const [first, step, last] = args.length === 1 ? ['1', '1', args[0]!] : args.length === 2 ? [args[0]!, '1', args[1]!] : [args[0]!, args[1]!, args[2]!];
  const decimals = Math.max(...[first, step].map((a) => (a.includes('.') ? a.length - a.indexOf('.') - 1 : 0)));
  const from = Number(first);
  const by = Number(step);
  const to = Number(last);
  if (by === 0) {
    ctx.stderr(`seq: invalid Zero increment value: '${step}'\nTry 'seq --help' for more information.\n`);
    return 1;
  }
  const format = (n: number) => n.toFixed(decimals);
  const width = equalWidth ? Math.max(format(from).length, format(to).length) : 0;
  const numbers: string[] = [];
  let size = 0;
  for (let i = 0; ; i += 1) {
    const n = from + i * by;
    if (by > 0 ? n > to + 1e-9 : n < to - 1e-9) break;
    const text = format(n).padStart(width, '0');
    numbers.push(text);
    size += text.length + separator.length;
    // Past what any pipe or the terminal would take, more numbers are pointless.
    if (size > limits.maxBuffer) break;
  }
  if (numbers.length > 0) ctx.stdout(`${numbers.join(separator)}\n`);
  return 0;
};

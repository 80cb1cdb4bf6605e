/** Options and operands of a GNU-style command line. */
export interface ParsedOptions {
  flags: Set<string>;
  values: Map<string, string>;
  operands: string[];
  /** GNU's complaint, e.g. `invalid option -- 'z'`, when the line is not valid. */
  error: string | undefined;
}

/**
 * Parses `-abc`, `-n 5`, `-n5`, `--long`, `--long=value` and `--`, letting options follow operands
 * as GNU tools do. `flags` and `valued` list the accepted short options; `long` maps long names to them.
 */
export function parseOptions(
  args: readonly string[],
  spec: { flags: string; valued?: string; long?: Record<string, string> },
): ParsedOptions {
  const result: ParsedOptions = { flags: new Set(), values: new Map(), operands: [], error: undefined };
  const valued = spec.valued ?? '';
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--') {
      result.operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name = '', value] = arg.slice(2).split(/=(.*)/s, 2);
      const short = spec.long?.[name];
      if (short === undefined) {
        result.error ??= `unrecognized option '${arg}'`;
        continue;
      }
      if (valued.includes(short)) {
        const v = value ?? args[++i];
        if (v === undefined) result.error ??= `option '--${name}' requires an argument`;
        else result.values.set(short, v);
      } else result.flags.add(short);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      result.operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j += 1) {
      const c = arg[j]!;
      if (valued.includes(c)) {
        const v = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (v === undefined) result.error ??= `option requires an argument -- '${c}'`;
        else result.values.set(c, v);
        break;
      }
      if (spec.flags.includes(c)) result.flags.add(c);
      else result.error ??= `invalid option -- '${c}'`;
    }
  }
  return result;
}

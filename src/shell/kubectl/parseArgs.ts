import type { FlagSpec, FlagValue, ParsedArgs } from './types.ts';

export type ParseArgsResult = { ok: true; args: ParsedArgs } | { ok: false; error: string };

/**
 * Parses arguments the way spf13/pflag does for kubectl: `--flag value`, `--flag=value`, `-n value`,
 * `-nvalue`, `-n=value`, combined bool shorthands (`-it`), and `--` ending flag parsing.
 * Flags may appear anywhere among the positionals (interspersed).
 */
export function parseArgs(argv: string[], specs: FlagSpec[]): ParseArgsResult {
  const byLong = new Map(specs.map((s) => [s.long, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const flags = new Map<string, FlagValue>();
  const positionals: string[] = [];
  let afterDash: string[] | undefined;

  const set = (spec: FlagSpec, raw: string | undefined, shown: string): string | undefined => {
    switch (spec.type) {
      case 'bool': {
        if (raw === undefined || raw === 'true' || raw === '1' || raw === 't' || raw === 'T' || raw === 'TRUE' || raw === 'True') flags.set(spec.long, true);
        else if (raw === 'false' || raw === '0' || raw === 'f' || raw === 'F' || raw === 'FALSE' || raw === 'False') flags.set(spec.long, false);
        else return `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`;
        return undefined;
      }
      case 'int': {
        const n = Number(raw);
        if (raw === undefined || raw === '' || !Number.isInteger(n)) return `invalid argument "${raw ?? ''}" for "${shown}" flag: strconv.ParseInt: parsing "${raw ?? ''}": invalid syntax`;
        flags.set(spec.long, n);
        return undefined;
      }
      case 'stringArray': {
        const prev = flags.get(spec.long);
        flags.set(spec.long, [...(Array.isArray(prev) ? prev : []), raw ?? '']);
        return undefined;
      }
      default:
        flags.set(spec.long, raw ?? '');
        return undefined;
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      afterDash = argv.slice(i + 1);
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const spec = byLong.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      let raw: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
      if (raw === undefined && spec.type !== 'bool') {
        if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: --${name}` };
        raw = argv[++i];
      }
      const err = set(spec, raw, `--${name}`);
      if (err) return { ok: false, error: err };
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // A run of shorthands: bools may be combined; a value-taking one consumes the rest or the next arg.
      for (let j = 1; j < arg.length; j++) {
        const ch = arg[j] ?? '';
        const spec = byShort.get(ch);
        if (!spec) return { ok: false, error: `unknown shorthand flag: '${ch}' in ${arg}` };
        const shown = `-${ch}, --${spec.long}`;
        if (spec.type === 'bool') {
          if (arg[j + 1] === '=') {
            const err = set(spec, arg.slice(j + 2), shown);
            if (err) return { ok: false, error: err };
            break;
          }
          set(spec, undefined, shown);
          continue;
        }
        let raw = arg.slice(j + 1);
        if (raw.startsWith('=')) raw = raw.slice(1);
        else if (raw === '') {
          if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: '${ch}' in -${ch}` };
          raw = argv[++i] ?? '';
        }
        const err = set(spec, raw, shown);
        if (err) return { ok: false, error: err };
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { ok: true, args: { positionals, flags, afterDash } };
}

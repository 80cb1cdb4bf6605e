/**
 * The option parser every `openssl` command shares (apps/lib/opt.c, OpenSSL 3.0): `-name` or
 * `--name`, `-name=value` or `-name value`, parsed in order; the first argument that is not an
 * option ends the options. Errors are OpenSSL's, and every one ends with `<prog>: Use -help for
 * summary.` as the commands print it.
 */

/** What an option takes: nothing, a string, a number, or a format (PEM/DER). */
export type OptionKind = 'flag' | 'string' | 'number' | 'format';

export interface OptionSpec {
  name: string;
  kind: OptionKind;
}

export interface ParsedOption {
  name: string;
  value: string;
}

export type OptionParse =
  | { ok: true; options: ParsedOption[]; rest: string[] }
  | { ok: false; error: string };

/**
 * Parses `args` against `specs`. With `unknownAsDigest`, an option no spec names is taken as a
 * digest name (`-sha256`), as `x509` and `req` read one through their catch-all entry.
 */
export function parseOptions(prog: string, args: readonly string[], specs: readonly OptionSpec[], unknownAsDigest = false): OptionParse {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const options: ParsedOption[] = [];
  const usage = `${prog}: Use -help for summary.\n`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return { ok: true, options, rest: args.slice(i + 1) };
    if (!arg.startsWith('-') || arg === '-') return { ok: true, options, rest: args.slice(i) };
    let name = arg.slice(arg.startsWith('--') ? 2 : 1);
    let inline: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      inline = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const spec = byName.get(name);
    if (!spec) {
      if (unknownAsDigest) {
        options.push({ name: 'digest', value: name });
        continue;
      }
      return { ok: false, error: `${prog}: Unknown option: -${name}\n${usage}` };
    }
    if (spec.kind === 'flag') {
      options.push({ name, value: '' });
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) return { ok: false, error: `${prog}: Option -${name} needs a value\n${usage}` };
    if (spec.kind === 'number' && !/^[-+]?\d+$/.test(value)) return { ok: false, error: `${prog}: Can't parse "${value}" as a number\n${usage}` };
    if (spec.kind === 'format' && !/^(pem|der|p)$/i.test(value) && !/^d/i.test(value)) {
      return { ok: false, error: `${prog}: Bad format "${value}"\n${prog}: Invalid format "${value}" for option -${name}\n${usage}` };
    }
    options.push({ name, value });
  }
  return { ok: true, options, rest: [] };
}

/** The last value given for `name`, as OpenSSL keeps the last of a repeated option. */
export function lastValue(options: readonly ParsedOption[], name: string): string | undefined {
  let value: string | undefined;
  for (const o of options) if (o.name === name) value = o.value;
  return value;
}

export function hasOption(options: readonly ParsedOption[], name: string): boolean {
  return options.some((o) => o.name === name);
}

/**
 * The option table of a command, read from its -help text: each line ` -name [arg]` padded to
 * column 27, where arg says what the option takes (apps/lib/opt.c opt_help prints `val`, `infile`,
 * `+int`, `format`…). The digest catch-all (` -*`) is left out.
 */
export function optionsFromHelp(help: string): OptionSpec[] {
  return help.split('\n').flatMap((line) => {
    const head = /^ -(\S+)(?: (\S+))?$/.exec(line.slice(0, 27).trimEnd());
    if (!head || head[1] === '*') return [];
    const [, name = '', arg] = head;
    const kind: OptionKind = arg === undefined ? 'flag' : /^(format|PEM\|DER)/.test(arg) ? 'format' : /^(\+?int|intmax|uint|nonneg|long)$/.test(arg) ? 'number' : 'string';
    return [{ name, kind }];
  });
}

/** How a command reads its command line. */
export interface CommandLine {
  prog: string;
  /** The -help text: the option table comes from it, and -help prints it (on stderr). */
  help: string;
  /** How many arguments may follow the options. */
  maxArgs: number;
  unknownAsDigest?: boolean;
  /** The options the simulator runs; any other real option gets `note`. */
  simulated: ReadonlySet<string>;
  note: (option: string) => string;
}

/**
 * Parses a command line the way every OpenSSL app starts: option errors, -help, and too many
 * arguments print what OpenSSL prints. Returns the options, or the exit status when the command
 * ends here.
 */
export function readCommandLine(line: CommandLine, args: readonly string[], err: (text: string) => void): { options: ParsedOption[]; rest: string[] } | number {
  const parsed = parseOptions(line.prog, args, optionsFromHelp(line.help), line.unknownAsDigest);
  if (!parsed.ok) {
    err(parsed.error);
    return 1;
  }
  if (hasOption(parsed.options, 'help')) {
    err(line.help);
    return 0;
  }
  if (parsed.rest.length > line.maxArgs) {
    err(`${line.prog}: Use -help for summary.\n`);
    return 1;
  }
  const unsupported = parsed.options.find((o) => o.name !== 'digest' && !line.simulated.has(o.name));
  if (unsupported) {
    err(line.note(unsupported.name));
    return 1;
  }
  return parsed;
}

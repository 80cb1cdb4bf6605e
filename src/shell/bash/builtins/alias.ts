import type { Builtin } from './builtin.ts';

/**
 * `alias [-p] [name[=value] …]`: names for command lines, such as `alias k=kubectl`. With no names,
 * or with `-p`, it first lists every alias (bash 5.2 builtins/alias.def).
 */
export const alias: Builtin = (ctx, host) => {
  const args = ctx.argv.slice(1);
  let printAll = false;
  let first = 0;
  for (; first < args.length && args[first]!.startsWith('-') && args[first] !== '-'; first += 1) {
    if (args[first] === '--') {
      first += 1;
      break;
    }
    const invalid = [...args[first]!.slice(1)].find((c) => c !== 'p');
    if (invalid !== undefined) {
      ctx.stderr(`bash: alias: -${invalid}: invalid option\nalias: usage: alias [-p] [name[=value] ... ]\n`);
      return 2;
    }
    printAll = true;
  }
  const names = args.slice(first);
  if (names.length === 0 || printAll) {
    ctx.stdout([...host.aliases].sort(([a], [b]) => compareNames(a, b)).map(([n, v]) => definition(n, v)).join(''));
  }
  let status = 0;
  for (const arg of names) {
    const eq = arg.indexOf('=');
    if (eq > 0) {
      const name = arg.slice(0, eq);
      if (isAliasName(name)) host.aliases.set(name, arg.slice(eq + 1));
      else {
        ctx.stderr(`bash: alias: \`${name}': invalid alias name\n`);
        status = 1;
      }
      continue;
    }
    const value = host.aliases.get(arg);
    if (value === undefined) {
      ctx.stderr(`bash: alias: ${arg}: not found\n`);
      status = 1;
    } else ctx.stdout(definition(arg, value));
  }
  return status;
};

/**
 * Bash's `legal_alias_name` (general.c): no character the parser would need quoted (blanks, `()<>;&|`,
 * quotes, backslash, `$`) and no `/`.
 */
function isAliasName(name: string): boolean {
  return !/[()<>;&| \t\n"'`\\$/]/.test(name);
}

const utf8 = new TextEncoder();

/**
 * The order bash lists aliases in, alias.c `qsort_alias_compare`: the first bytes compared as C's
 * signed `char` (so `é`, byte 0xC3, comes before `a`), then `strcmp`.
 */
function compareNames(a: string, b: string): number {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  const signed = (byte: number | undefined) => ((byte ?? 0) << 24) >> 24;
  const first = signed(x[0]) - signed(y[0]);
  if (first !== 0) return first;
  for (let i = 0; ; i += 1) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0 || x[i] === undefined) return difference;
  }
}

/** How `alias` prints a definition so that it can be read back; `--` keeps a leading `-` from being an option. */
function definition(name: string, value: string): string {
  return `alias ${name.startsWith('-') ? '-- ' : ''}${name}=${singleQuote(value)}\n`;
}

/** `unalias name …` and `unalias -a`. */
export const unalias: Builtin = (ctx, host) => {
  const args = ctx.argv.slice(1);
  if (args.includes('-a')) {
    host.aliases.clear();
    return 0;
  }
  if (args.length === 0) {
    ctx.stderr('unalias: usage: unalias [-a] name [name ...]\n');
    return 2;
  }
  let status = 0;
  for (const name of args) {
    if (!host.aliases.delete(name)) {
      ctx.stderr(`bash: unalias: ${name}: not found\n`);
      status = 1;
    }
  }
  return status;
};

/** `text` in single quotes, as bash quotes an alias's value when it prints it. */
export function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

import type { Builtin } from './builtin.ts';

/** `export NAME=value`, `export NAME`, `export -n NAME` and `export`/`export -p` (list). */
export const exportVar: Builtin = (ctx, host) => {
  let args = ctx.argv.slice(1);
  let unexport = false;
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const flag = args[0];
    if (flag === '--') {
      args = args.slice(1);
      break;
    }
    if (flag !== '-p' && flag !== '-n') {
      ctx.stderr(`bash: export: ${flag}: invalid option\nexport: usage: export [-fn] [name[=value] ...] or export -p\n`);
      return 2;
    }
    unexport ||= flag === '-n';
    args = args.slice(1);
  }
  if (args.length === 0) {
    ctx.stdout(listExports(host.vars, host.exported));
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(\+?=)([\s\S]*))?$/.exec(arg);
    if (!match) {
      ctx.stderr(`bash: export: \`${arg}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    const [, name = '', op, value = ''] = match;
    if (op) host.vars.set(name, op === '+=' ? (host.vars.get(name) ?? '') + value : value);
    if (unexport) host.exported.delete(name);
    else host.exported.add(name);
  }
  return status;
};

function listExports(vars: Map<string, string>, exported: Set<string>): string {
  return [...exported]
    .sort()
    .map((name) => {
      const value = vars.get(name);
      return value === undefined ? `declare -x ${name}\n` : `declare -x ${name}="${value.replace(/[\\"$`]/g, '\\$&')}"\n`;
    })
    .join('');
}

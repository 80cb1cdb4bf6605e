import { qualifiedSingular } from '../../../domain/kinds.ts';
import { resolveKind, notFoundError } from '../resources.ts';
import type { Verb } from '../types.ts';

export const labelVerb: Verb = {
  name: 'label',
  short: 'Update the labels on a resource',
  usage: 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: [
    { long: 'overwrite', type: 'bool', description: 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.' },
    { long: 'all', type: 'bool' },
    { long: 'list', type: 'bool' },
  ],
  run(ctx) {
    const [typeArg, ...rest] = ctx.args.positionals;
    if (!typeArg) {
      ctx.err('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
      return 1;
    }
    let type = typeArg;
    let name: string | undefined;
    let changes = rest;
    if (typeArg.includes('/')) {
      [type, name] = typeArg.split('/') as [string, string];
    } else {
      name = rest[0];
      changes = rest.slice(1);
    }
    const kind = resolveKind(type);
    if (!kind.ok) {
      ctx.err(`${kind.error}\n`);
      return 1;
    }
    if (!name) {
      ctx.err('error: resource(s) were provided, but no name was specified\n');
      return 1;
    }
    if (changes.length === 0) {
      ctx.err('error: at least one label update is required\n');
      return 1;
    }
    const set: Record<string, string> = {};
    const remove: string[] = [];
    for (const c of changes) {
      if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
      else if (c.includes('=')) {
        const [k, ...v] = c.split('=');
        set[k ?? ''] = v.join('=');
      } else {
        ctx.err(`error: invalid label spec: ${c}\n`);
        return 1;
      }
    }
    const info = kind.info;
    const obj = ctx.world.get(info.kind, info.namespaced ? ctx.namespace : '', name);
    if (!obj) {
      ctx.err(`${notFoundError(info, name)}\n`);
      return 1;
    }
    const labels = { ...obj.metadata.labels };
    if (ctx.flag<boolean>('overwrite') !== true) {
      for (const [k, v] of Object.entries(set)) {
        if (labels[k] !== undefined && labels[k] !== v) {
          ctx.err(`error: '${k}' already has a value (${labels[k]}), and --overwrite is false\n`);
          return 1;
        }
      }
    }
    for (const k of remove) {
      if (labels[k] === undefined) ctx.out(`label "${k}" not found.\n`);
      delete labels[k];
    }
    Object.assign(labels, set);
    const changed = JSON.stringify(labels) !== JSON.stringify(obj.metadata.labels);
    if (changed) ctx.world.put({ ...obj, metadata: { ...obj.metadata, labels, resourceVersion: ctx.world.nextResourceVersion() } });
    ctx.out(`${qualifiedSingular(info)}/${name} ${changed ? 'labeled' : 'not labeled'}\n`);
    return 0;
  },
};

import { deleteObject } from '../../../domain/cluster/deleteObject.ts';
import { controllerObject, deleteKept, deprecationWarnings } from '../printers/controllerView.ts';
import { kindInfo, qualifiedSingular } from '../../../domain/kinds.ts';
import type { KubeObject } from '../../../domain/objects.ts';
import { parseManifests } from '../../../domain/manifests/parseManifests.ts';
import { matchesSelector, notFoundError, parseSelector, resolveKind } from '../resources.ts';
import { mapDocument } from '../mapDocument.ts';
import { readSources } from '../readSources.ts';
import type { Verb, VerbContext } from '../types.ts';

/** kubectl ≤ 1.33's delete line: `peerauthentication.security.istio.io "x" deleted`. */
function deleted(obj: KubeObject): string {
  const info = kindInfo(obj.kind);
  return `${info ? qualifiedSingular(info) : obj.kind.toLowerCase()} "${obj.metadata.name}" deleted\n`;
}

function deleteFromFiles(ctx: VerbContext, files: string[]): number {
  const read = readSources(files, ctx.services.fs, ctx.io.stdin);
  if (!read.ok) {
    ctx.err(`${read.error}\n`);
    return 1;
  }
  const errors: string[] = [];
  for (const source of read.sources) {
    // Documents before a syntax error are still processed, as kubectl's stream decoder does.
    const parsed = parseManifests(source.text, source.name);
    for (const doc of parsed.docs) {
      const mapped = mapDocument(ctx, doc.object, source.name);
      if (!mapped.ok) {
        errors.push(mapped.error);
        continue;
      }
      const { info, kind, name } = mapped.doc;
      const ns = mapped.doc.namespace ?? '';
      const obj = ctx.world.get(kind, ns, name);
      if (!obj) {
        errors.push(`Error from server (NotFound): error when deleting "${source.name}": ${notFoundError(info, name).replace('Error from server (NotFound): ', '')}`);
        continue;
      }
      deleteObject(ctx.world, obj);
      ctx.out(deleted(obj));
    }
    if (!parsed.ok) errors.push(parsed.error);
  }
  for (const e of errors) ctx.err(`${e}\n`);
  return errors.length ? 1 : 0;
}

export const deleteVerb: Verb = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  usage: 'kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]',
  flags: [
    { long: 'filename', short: 'f', type: 'stringArray', description: 'containing the resource to delete.' },
    { long: 'all', type: 'bool', description: 'Delete all resources, in the namespace of the specified resource types.' },
    { long: 'all-namespaces', short: 'A', type: 'bool' },
    { long: 'selector', short: 'l', type: 'string' },
    { long: 'ignore-not-found', type: 'bool' },
    { long: 'wait', type: 'bool' },
    { long: 'force', type: 'bool' },
    { long: 'grace-period', type: 'int' },
    { long: 'now', type: 'bool' },
  ],
  run(ctx) {
    const files = ctx.flag<string[]>('filename') ?? [];
    if (files.length) return deleteFromFiles(ctx, files);
    const [typeArg, ...names] = ctx.args.positionals;
    if (!typeArg) {
      ctx.err('error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'\n');
      return 1;
    }
    // TYPE/NAME forms.
    const targets: { type: string; name?: string }[] = [];
    if (typeArg.includes('/')) {
      for (const a of [typeArg, ...names]) {
        const [t, n] = a.split('/');
        targets.push({ type: t ?? '', ...(n ? { name: n } : {}) });
      }
    } else {
      for (const t of typeArg.split(',')) {
        if (names.length) for (const n of names) targets.push({ type: t, name: n });
        else targets.push({ type: t });
      }
    }
    const selector = ctx.flag<string>('selector');
    const all = ctx.flag<boolean>('all') === true;
    const ignoreNotFound = ctx.flag<boolean>('ignore-not-found') === true;
    let status = 0;
    const parsedSelector = selector ? parseSelector(selector) : undefined;
    if (parsedSelector && !parsedSelector.ok) {
      ctx.err(`${parsedSelector.error}\n`);
      return 1;
    }
    const warned = new Set<string>();
    for (const target of targets) {
      const kind = resolveKind(target.type);
      if (!kind.ok) {
        ctx.err(`${kind.error}\n`);
        return 1;
      }
      const info = kind.info;
      const ns = info.namespaced ? ctx.namespace : '';
      // kubectl's warning handler prints each server warning once per run.
      if (!warned.has(info.kind)) ctx.err(deprecationWarnings([info.kind]));
      warned.add(info.kind);
      if (target.name !== undefined) {
        const obj = ctx.world.get(info.kind, ns, target.name);
        const kept = obj ? undefined : controllerObject(ctx.world, info.kind, ns, target.name);
        if (kept) {
          status = Math.max(status, deleteKept(ctx, kept, deleted(kept)));
          continue;
        }
        if (!obj) {
          if (!ignoreNotFound) {
            ctx.err(`${notFoundError(info, target.name)}\n`);
            status = 1;
          }
          continue;
        }
        deleteObject(ctx.world, obj);
        ctx.out(deleted(obj));
        continue;
      }
      if (!all && !parsedSelector) {
        ctx.err('error: resource(s) were provided, but no name was specified\n');
        return 1;
      }
      const scope = ctx.flag<boolean>('all-namespaces') ? undefined : info.namespaced ? ns : undefined;
      const matching = ctx.world.list(info.kind, scope).filter((o) => !parsedSelector?.ok || matchesSelector(parsedSelector.requirements, o.metadata.labels));
      if (!matching.length) {
        ctx.err(info.namespaced && scope !== undefined ? `No resources found\n` : 'No resources found\n');
        continue;
      }
      for (const obj of matching) {
        if (!ctx.world.get(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name)) continue;
        deleteObject(ctx.world, obj);
        ctx.out(deleted(obj));
      }
    }
    return status;
  },
};

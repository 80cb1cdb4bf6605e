import { admitObject } from '../../../domain/cluster/admitObject.ts';
import { qualifiedSingular, splitApiVersion } from '../../../domain/kinds.ts';
import { parseManifests } from '../../../domain/manifests/parseManifests.ts';
import { admissionWarnings, validateObject } from '../../../domain/manifests/validateObject.ts';
import { mapDocument } from '../mapDocument.ts';
import { readSources } from '../readSources.ts';
import type { Verb, VerbContext } from '../types.ts';

export type WriteMode = 'apply' | 'create';

/**
 * The shared path of `kubectl apply -f` and `kubectl create -f`: read, decode, map the kind, settle
 * the namespace, validate (schema, then Istio's webhook), then write. Like kubectl, it continues
 * past a failing object and reports every error at the end.
 */
export function writeManifests(ctx: VerbContext, mode: WriteMode): number {
  const files = ctx.flag<string[]>('filename') ?? [];
  if (files.length === 0) {
    ctx.err(mode === 'apply' ? 'error: must specify one of -f and -k\n' : 'error: must specify one of -f and -k\n');
    return 1;
  }
  const read = readSources(files, ctx.services.fs, ctx.io.stdin);
  if (!read.ok) {
    ctx.err(`${read.error}\n`);
    return 1;
  }
  const errors: string[] = [];
  const dryRun = (ctx.flag<string>('dry-run') ?? 'none') !== 'none';
  for (const source of read.sources) {
    // Documents before a syntax error are still processed, as kubectl's stream decoder does.
    const parsed = parseManifests(source.text, source.name);
    for (const doc of parsed.docs) {
      const raw = doc.object;
      const mapped = mapDocument(ctx, raw, source.name);
      if (!mapped.ok) {
        errors.push(mapped.error);
        continue;
      }
      const { info, kind, name, meta, namespace: ns } = mapped.doc;
      const version = splitApiVersion(typeof raw.apiVersion === 'string' ? raw.apiVersion : '').version;
      const existing = ctx.world.get(kind, ns ?? '', name);
      const operation = existing ? 'patching' : 'creating';
      if (!name && typeof meta.generateName !== 'string') {
        errors.push(`error: error when retrieving current configuration of:\nResource: "${info.group ? `${info.group}/${version}` : version}, Resource=${info.plural}", GroupVersionKind: "${info.group ? `${info.group}/${version}` : version}, Kind=${kind}"\nName: "", Namespace: "${ns ?? ''}"\nfrom server for: "${source.name}": resource name may not be empty`);
        continue;
      }
      if (ns !== undefined && !ctx.world.hasNamespace(ns)) {
        errors.push(`Error from server (NotFound): error when creating "${source.name}": namespaces "${ns}" not found`);
        continue;
      }
      if (mode === 'create' && existing) {
        errors.push(`Error from server (AlreadyExists): error when creating "${source.name}": ${info.group ? `${info.plural}.${info.group}` : info.plural} "${name}" already exists`);
        continue;
      }
      const invalid = validateObject(raw, { source: source.name, operation });
      if (invalid) {
        errors.push(invalid.message.replace(/\n$/, ''));
        continue;
      }
      for (const warning of admissionWarnings(raw)) ctx.err(`${warning}\n`);
      if (dryRun) {
        ctx.out(`${qualifiedSingular(info)}/${name} ${existing ? 'configured' : 'created'} (dry run)\n`);
        continue;
      }
      const result = admitObject(ctx.world, raw, ns, { applied: mode === 'apply' });
      if (!result.ok) {
        errors.push(result.error);
        continue;
      }
      ctx.out(`${qualifiedSingular(info)}/${name} ${result.action}\n`);
    }
    if (!parsed.ok) errors.push(parsed.error);
  }
  for (const e of errors) ctx.err(`${e}\n`);
  return errors.length ? 1 : 0;
}

export const applyVerb: Verb = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [
    { long: 'filename', short: 'f', type: 'stringArray', description: 'The files that contain the configurations to apply.' },
    { long: 'dry-run', type: 'string', description: 'Must be "none", "server", or "client".' },
    { long: 'recursive', short: 'R', type: 'bool' },
    { long: 'server-side', type: 'bool' },
    { long: 'force', type: 'bool' },
    { long: 'validate', type: 'string' },
    { long: 'output', short: 'o', type: 'string' },
  ],
  run: (ctx) => writeManifests(ctx, 'apply'),
};

import { LAST_APPLIED, admitObject } from '../../../domain/cluster/admitObject.ts';
import { effectNotes } from '../notSimulated.ts';
import { objectJson } from '../../../domain/cluster/objectJson.ts';
import { applyThreeWayPatch, isEmptyPatch, patchBody, patchSchemaFor, threeWayMergePatch } from '../../../domain/cluster/threeWayMergePatch.ts';
import { updateObject } from '../../../domain/cluster/updateObject.ts';
import { type KindInfo, qualifiedSingular, splitApiVersion } from '../../../domain/kinds.ts';
import { parseManifests } from '../../../domain/manifests/parseManifests.ts';
import { admissionWarnings, validateObject } from '../../../domain/manifests/validateObject.ts';
import { type JsonObject, type KubeObject, isJsonObject, ownValue } from '../../../domain/objects.ts';
import { marshalGoJson } from '../format/marshalGoJson.ts';
import { mapDocument } from '../mapDocument.ts';
import { readSources } from '../readSources.ts';
import type { Verb, VerbContext } from '../types.ts';

export type WriteMode = 'apply' | 'create';

/**
 * KCTL:pkg/util/apply.go `GetModifiedConfiguration` with annotate: the object as the builder hands
 * it over (namespace set), encoded by Go's encoding/json without its own last-applied annotation,
 * then stored as that annotation. An object without annotations gets `"annotations":{}` in the
 * encoding (unstructured SetAnnotations of an empty map), as real last-applied values show.
 */
function withLastApplied(raw: JsonObject, namespace: string | undefined): JsonObject {
  const meta: JsonObject = { ...(isJsonObject(raw.metadata) ? raw.metadata : {}), ...(namespace !== undefined ? { namespace } : {}) };
  const annotations: JsonObject = Object.fromEntries(Object.entries(isJsonObject(meta.annotations) ? meta.annotations : {}).filter(([k]) => k !== LAST_APPLIED));
  const encoded = `${marshalGoJson({ ...raw, metadata: { ...meta, annotations } })}\n`;
  return { ...raw, metadata: { ...meta, annotations: { ...annotations, [LAST_APPLIED]: encoded } } };
}

/**
 * KCTL:pkg/cmd/apply/apply.go `warningNoLastAppliedConfigAnnotation`, with `info.ObjectName()`
 * (CLIR:pkg/resource/visitor.go: the plural resource and the name) and kubectl as the command.
 */
function missingAnnotationWarning(info: KindInfo, name: string): string {
  return `Warning: resource ${info.plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
}

/** The previous last-applied configuration, or undefined when there is none (or it is not JSON). */
function originalConfiguration(live: KubeObject): JsonObject | undefined {
  const text = ownValue(live.metadata.annotations, LAST_APPLIED);
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

type DryRun = 'none' | 'client' | 'server';

/** The verb suffix of a dry run (KCTL:pkg/cmd/util/helpers.go `PrintFlagsWithDryRunStrategy`). */
const DRY_RUN_SUFFIX: Readonly<Record<DryRun, string>> = { none: '', client: ' (dry run)', server: ' (server dry run)' };

/**
 * kubectl apply on an existing object (KCTL:pkg/cmd/apply/apply.go `applyOneObject`, patcher.go):
 * the warning when the live object lacks the last-applied annotation, then the three-way patch
 * from the last-applied configuration, the live object and the new manifest. An empty patch is
 * never sent: `unchanged`. Otherwise the API server validates and stores the patched object:
 * `configured`, or its error.
 */
function applyToExisting(ctx: VerbContext, raw: JsonObject, live: KubeObject, info: KindInfo, ns: string | undefined, source: string, dryRun: DryRun): { ok: true; verb: string } | { ok: false; error: string } {
  if (dryRun === 'client') return { ok: true, verb: 'configured' };
  if (ownValue(live.metadata.annotations, LAST_APPLIED) === undefined) ctx.err(missingAnnotationWarning(info, live.metadata.name));
  const modified = withLastApplied(raw, ns);
  // The live object as kubectl GETs it: at the manifest's version.
  const current: JsonObject = { ...objectJson(live), apiVersion: modified.apiVersion ?? live.apiVersion };
  const schema = patchSchemaFor(live.kind);
  const patch = threeWayMergePatch(originalConfiguration(live), modified, current, schema);
  if (isEmptyPatch(patch)) return { ok: true, verb: 'unchanged' };
  // A JSON merge patch (custom resources) is sent as is; kubectl quotes it in a server error.
  const sent = schema ? undefined : { patch: marshalGoJson(patchBody(patch)), resource: info.plural, namespace: ns ?? '' };
  const invalid = validateObject(modified, { source, operation: 'patching', ...(sent ? { patch: sent } : {}) });
  if (invalid) return { ok: false, error: invalid.message.replace(/\n$/, '') };
  for (const warning of admissionWarnings(modified)) ctx.err(`${warning}\n`);
  const updated = updateObject(ctx.world, live, applyThreeWayPatch(current, patch, schema), { dryRun: dryRun === 'server' });
  return updated.ok ? { ok: true, verb: 'configured' } : { ok: false, error: updated.error };
}

/**
 * The shared path of `kubectl apply -f` and `kubectl create -f`: read, decode, map the kind, settle
 * the namespace, validate (schema, then Istio's webhook), then write. Like kubectl, it continues
 * past a failing object and reports every error at the end. `saveConfig` (apply, and create
 * --save-config) stores the last-applied annotation on new objects.
 */
export function writeManifests(ctx: VerbContext, mode: WriteMode): number {
  const files = ctx.flag<string[]>('filename') ?? [];
  if (files.length === 0) {
    ctx.err('error: must specify one of -f and -k\n');
    return 1;
  }
  const read = readSources(files, ctx.services.fs, ctx.io.stdin);
  if (!read.ok) {
    ctx.err(`${read.error}\n`);
    return 1;
  }
  const errors: string[] = [];
  const noteEffect = effectNotes(ctx);
  const dryRunFlag = ctx.flag<string>('dry-run') ?? 'none';
  const dryRun: DryRun = dryRunFlag === 'none' ? 'none' : dryRunFlag === 'server' ? 'server' : 'client';
  const saveConfig = mode === 'apply' || ctx.flag<boolean>('save-config') === true;
  let objects = 0;
  for (const source of read.sources) {
    // Documents before a syntax error are still processed, as kubectl's stream decoder does.
    const parsed = parseManifests(source.text, source.name);
    objects += parsed.docs.length;
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
      if (existing) {
        const applied = applyToExisting(ctx, raw, existing, info, ns, source.name, dryRun);
        if (applied.ok) ctx.out(`${qualifiedSingular(info)}/${name} ${applied.verb}${DRY_RUN_SUFFIX[dryRun]}\n`);
        else errors.push(applied.error);
        if (applied.ok) noteEffect(info.kind);
        continue;
      }
      // The API server fills in the request's namespace before admission: the webhook sees it.
      const admitted = ns !== undefined && meta.namespace === undefined ? { ...raw, metadata: { ...meta, namespace: ns } } : raw;
      const invalid = validateObject(admitted, { source: source.name, operation: 'creating' });
      if (invalid) {
        errors.push(invalid.message.replace(/\n$/, ''));
        continue;
      }
      for (const warning of admissionWarnings(admitted)) ctx.err(`${warning}\n`);
      if (dryRun === 'none') {
        const result = admitObject(ctx.world, saveConfig ? withLastApplied(raw, ns) : raw, ns, source.name);
        if (!result.ok) {
          errors.push(result.error);
          continue;
        }
      }
      ctx.out(`${qualifiedSingular(info)}/${name} created${DRY_RUN_SUFFIX[dryRun]}\n`);
      noteEffect(info.kind);
    }
    if (!parsed.ok) errors.push(parsed.error);
  }
  // KCTL:pkg/cmd/apply/apply.go `Run` and pkg/cmd/create/create.go `RunCreate`: nothing decoded and no error.
  if (objects === 0 && errors.length === 0) errors.push(`error: no objects passed to ${mode}`);
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

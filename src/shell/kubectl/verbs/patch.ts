import { objectJson } from '../../../domain/cluster/objectJson.ts';
import { applyThreeWayPatch, patchSchemaFor } from '../../../domain/cluster/threeWayMergePatch.ts';
import { updateObject } from '../../../domain/cluster/updateObject.ts';
import { kindInfo, preferredApiVersion } from '../../../domain/kinds.ts';
import { goQuoteString, yamlToJson } from '../../../domain/manifests/goYaml.ts';
import { admissionWarnings, validateObject } from '../../../domain/manifests/validateObject.ts';
import { type Json, type JsonObject, type KubeObject, isJsonObject, jsonEqual } from '../../../domain/objects.ts';
import { MAX_JSON_PATCH_OPERATIONS, applyJsonPatch } from '../printers/applyJsonPatch.ts';
import { MUTATION_FLAGS, checkOutput, parseDryRun, printMutation, type DryRun } from '../printers/printMutation.ts';
import { MISSING_RESOURCE, selectResources } from '../printers/selectResources.ts';
import type { Verb, VerbContext } from '../types.ts';

type PatchType = 'json' | 'merge' | 'strategic';

/** The media type each --type sends (k8s.io/apimachinery pkg/types/patch.go). */
const MEDIA_TYPE: Readonly<Record<PatchType, string>> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** Go's name for a JSON value's type in `json: cannot unmarshal …` errors. */
function goJsonType(value: Json): string {
  if (Array.isArray(value)) return 'array';
  if (isJsonObject(value)) return 'object';
  if (typeof value === 'boolean') return 'bool';
  return value === null ? 'null' : typeof value;
}

/** `security.istio.io/v1, Kind=PeerAuthentication`: schema.GroupVersionKind.String(). */
function gvkString(obj: KubeObject): string {
  const info = kindInfo(obj.kind);
  return `${info ? preferredApiVersion(info) : obj.apiVersion}, Kind=${obj.kind}`;
}

/** The object as the API server (or kubectl, for a client dry run) patches it: its stored JSON at the preferred version. */
function currentJson(obj: KubeObject): JsonObject {
  const info = kindInfo(obj.kind);
  return { ...objectJson(obj), apiVersion: info ? preferredApiVersion(info) : obj.apiVersion };
}

/**
 * Applies the patch to the object's JSON. Strategic merge patches use the kind's merge keys; a JSON
 * merge patch replaces lists whole (RFC 7386); a JSON patch runs its operations (RFC 6902).
 */
function patched(current: JsonObject, patch: Json, type: PatchType, kind: string): { ok: true; value: Json } | { ok: false; error: string } {
  if (type === 'json') return applyJsonPatch(current, patch);
  if (!isJsonObject(patch)) return { ok: false, error: `json: cannot unmarshal ${goJsonType(patch)} into Go value of type map[string]interface {}` };
  return { ok: true, value: applyThreeWayPatch(current, { delta: patch, deletions: {} }, type === 'strategic' ? patchSchemaFor(kind) : undefined) };
}

/** What the API server answers for one object (apiserver handlers/patch.go, then the registry's validation). */
function patchOnServer(ctx: VerbContext, obj: KubeObject, patch: Json, type: PatchType, dryRun: DryRun): { ok: true; object: KubeObject; changed: boolean } | { ok: false; error: string } {
  // Custom resources accept JSON and merge patches only (apiextensions-apiserver's PATCH media types).
  if (type === 'strategic' && !patchSchemaFor(obj.kind)) {
    return { ok: false, error: `error: ${MEDIA_TYPE.strategic} is not supported by ${gvkString(obj)}: the body of the request was in an unknown format - accepted media types include: ${MEDIA_TYPE.json}, ${MEDIA_TYPE.merge}, application/apply-patch+yaml` };
  }
  if (type === 'json' && Array.isArray(patch) && patch.length > MAX_JSON_PATCH_OPERATIONS) {
    return { ok: false, error: `Error from server (RequestEntityTooLarge): The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}` };
  }
  if (type === 'json' && !Array.isArray(patch)) {
    return { ok: false, error: `Error from server (BadRequest): error decoding patch: json: cannot unmarshal ${goJsonType(patch)} into Go value of type []handlers.jsonPatchOp` };
  }
  const before = currentJson(obj);
  const result = patched(before, patch, type, obj.kind);
  if (!result.ok) {
    // A failed JSON patch operation is a 422 without details (NewGenericServerResponse), which checkErr words generically.
    if (type === 'json') return { ok: false, error: 'The request is invalid: the server rejected our request due to an error in our request' };
    return { ok: false, error: `Error from server (BadRequest): ${type === 'merge' ? 'error decoding patch: ' : ''}${result.error}` };
  }
  const after = result.value;
  if (!isJsonObject(after)) return { ok: false, error: `Error from server (BadRequest): json: cannot unmarshal ${goJsonType(after)} into Go value of type map[string]interface {}` };
  if (jsonEqual(after, before)) return { ok: true, object: obj, changed: false };
  const invalid = validateObject(after, { source: '', operation: 'patching' });
  // The patch handler reports errors without a file (validateObject adds `error when patching ""` for files).
  if (invalid) return { ok: false, error: invalid.message.replace('error when patching "": ', '') };
  for (const warning of admissionWarnings(after)) ctx.err(`${warning}\n`);
  const updated = updateObject(ctx.world, obj, after, { dryRun: dryRun === 'server' });
  if (!updated.ok) return { ok: false, error: updated.error };
  return { ok: true, object: updated.object, changed: !jsonEqual(objectJson(updated.object), objectJson(obj)) || dryRun === 'server' };
}

/**
 * `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]` (KCTL:pkg/cmd/patch/patch.go):
 * the patch is read as YAML or JSON, sent to the API server for each object, and reported as
 * `patched` or `patched (no change)`. `--dry-run=client` applies it locally (`getPatchedJSON`).
 */
export const patchVerb: Verb = {
  name: 'patch',
  short: 'Update fields of a resource',
  usage: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  flags: [
    ...MUTATION_FLAGS,
    { long: 'patch', short: 'p', type: 'string', description: 'The patch to be applied to the resource JSON file.' },
    { long: 'patch-file', type: 'string', description: 'A file containing a patch to be applied to the resource.' },
    { long: 'type', type: 'string', description: 'The type of patch being provided; one of [json merge strategic]' },
    { long: 'local', type: 'bool', description: 'If true, patch will operate on the content of the file, not the server-side resource.' },
    { long: 'subresource', type: 'string', description: "If specified, patch will operate on the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future." },
    { long: 'field-manager', type: 'string', description: 'Name of the manager used to track field ownership.' },
  ],
  run(ctx) {
    const fail = (message: string): number => {
      // API errors and Invalid causes print as they are; a plain error gets checkErr's `error: `.
      ctx.err(/^(error: |Error from server|The )/.test(message) ? `${message}\n` : `error: ${message}\n`);
      return 1;
    };
    const dryRun = parseDryRun(ctx.flag<string>('dry-run'));
    if (!dryRun.ok) return fail(dryRun.error);
    const outputError = checkOutput(ctx.flag<string>('output'));
    if (outputError) return fail(outputError);
    // PatchOptions.Validate.
    const patchText = ctx.flag<string>('patch') ?? '';
    const patchFile = ctx.flag<string>('patch-file') ?? '';
    if (patchText !== '' && patchFile !== '') return fail('cannot specify --patch and --patch-file together');
    if (patchText === '' && patchFile === '') return fail('must specify --patch or --patch-file containing the contents of the patch');
    if (ctx.flag<boolean>('local') === true) {
      return fail(ctx.args.positionals.length ? 'cannot specify --local and server resources' : 'the simulator patches objects on the server only: drop --local');
    }
    const typeText = ctx.flag<string>('type') ?? '';
    const type = (typeText === '' ? 'strategic' : typeText.toLowerCase()) as PatchType;
    if (!Object.hasOwn(MEDIA_TYPE, type)) return fail(`--type must be one of [json merge strategic], not ${goQuoteString(typeText)}`);
    // RunPatch: the patch file, then YAML → JSON.
    let text = patchText;
    if (patchFile !== '') {
      const content = ctx.services.fs.readFile(ctx.services.fs.resolve(patchFile));
      if (content === undefined) return fail(`unable to read patch file: open ${patchFile}: ${ctx.services.fs.isDirectory(ctx.services.fs.resolve(patchFile)) ? 'is a directory' : 'no such file or directory'}`);
      text = content;
    }
    const json = yamlToJson(text);
    if (!json.ok) return fail(`unable to parse ${goQuoteString(patchText)}: ${json.message}`);
    const patch = json.value;

    if (ctx.args.positionals.length === 0) {
      return fail(MISSING_RESOURCE);
    }
    const selected = selectResources(ctx, ctx.args.positionals);
    if (!selected.ok) return fail(selected.error);
    const { objects, errors } = selected.selected;
    for (const obj of objects) {
      if (dryRun.dryRun === 'client') {
        if (type === 'strategic' && !patchSchemaFor(obj.kind)) return fail(`strategic merge patch is not supported for ${gvkString(obj)} locally, try --type merge`);
        const before = currentJson(obj);
        const result = patched(before, patch, type, obj.kind);
        if (!result.ok) return fail(result.error);
        const after = isJsonObject(result.value) ? result.value : before;
        const shown: KubeObject = { ...obj, metadata: { ...obj.metadata, labels: (isJsonObject(after.metadata) && isJsonObject(after.metadata.labels) ? after.metadata.labels : {}) as Record<string, string>, annotations: (isJsonObject(after.metadata) && isJsonObject(after.metadata.annotations) ? after.metadata.annotations : {}) as Record<string, string> }, ...(isJsonObject(after.spec) ? { spec: after.spec } : {}) };
        printMutation(ctx, shown, jsonEqual(after, before) ? 'patched (no change)' : 'patched', 'client');
        continue;
      }
      const result = patchOnServer(ctx, obj, patch, type, dryRun.dryRun);
      if (!result.ok) return fail(result.error);
      printMutation(ctx, result.object, result.changed ? 'patched' : 'patched (no change)', dryRun.dryRun);
    }
    if (errors.length > 0) {
      for (const e of errors) ctx.err(`${e}\n`);
      return 1;
    }
    if (objects.length === 0) return fail('no objects passed to patch');
    return 0;
  },
};

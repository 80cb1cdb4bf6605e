import { formatInvalid } from '../manifests/fieldErrors.ts';
import { type JsonObject, type KubeObject, getStringMap, isJsonObject, jsonEqual } from '../objects.ts';
import type { World } from '../world.ts';
import { serviceWithAddresses } from './admitObject.ts';
import { reconcileDeployment } from './reconcileDeployment.ts';
import { storedFields } from './storedFields.ts';
import { validatePodUpdate } from './validatePodUpdate.ts';

export type UpdateResult = { ok: true; object: KubeObject } | { ok: false; error: string };

/**
 * The API server's update of `existing` to `patched` (the object as JSON after a patch): labels,
 * annotations and spec are taken from it, server-managed metadata and status are kept. A Pod's spec
 * is checked by ValidatePodUpdate. An update that changes nothing stores nothing (no new
 * resourceVersion); a changed spec bumps the generation, and a Deployment rolls out.
 * `dryRun` validates without storing.
 */
export function updateObject(world: World, existing: KubeObject, patched: JsonObject, opts: { dryRun: boolean }): UpdateResult {
  const labels = getStringMap(patched, 'metadata', 'labels');
  const annotations = getStringMap(patched, 'metadata', 'annotations');
  // A Pod always has a spec; another kind loses it when the patch deletes it.
  let spec = isJsonObject(patched.spec) ? patched.spec : existing.kind === 'Pod' ? existing.spec : undefined;
  if (existing.kind === 'Pod') {
    const errors = validatePodUpdate(existing.spec ?? {}, spec ?? {});
    if (errors.length > 0) return { ok: false, error: formatInvalid('Pod', existing.metadata.name, errors) };
  }
  let status = existing.status;
  if (existing.kind === 'Service' && !jsonEqual(spec, existing.spec)) {
    ({ spec, status } = serviceWithAddresses(world, spec ?? {}, existing));
  }
  // A loosely typed field of the spec may nest 10,000 deep.
  const specChanged = !jsonEqual(spec, existing.spec);
  // Top-level fields of kinds without a spec (ConfigMap data, Secret type): replaced like the spec.
  const fields = storedFields(existing.kind, Object.fromEntries(Object.entries(patched).filter(([k]) => !['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(k))));
  if (!specChanged && jsonEqual(fields, existing.fields ?? {}) && jsonEqual(labels, existing.metadata.labels) && jsonEqual(annotations, existing.metadata.annotations)) {
    return { ok: true, object: existing };
  }
  if (opts.dryRun) return { ok: true, object: existing };
  const { spec: _previousSpec, status: _previousStatus, fields: _previousFields, ...kept } = existing;
  const updated: KubeObject = {
    ...kept,
    metadata: {
      ...existing.metadata,
      labels,
      annotations,
      resourceVersion: world.nextResourceVersion(),
      generation: existing.metadata.generation + (specChanged ? 1 : 0),
    },
    ...(spec !== undefined ? { spec } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
  world.put(updated);
  if (existing.kind === 'Deployment' && specChanged) reconcileDeployment(world, updated);
  return { ok: true, object: world.get(updated.kind, updated.metadata.namespace ?? '', updated.metadata.name) ?? updated };
}

import type { FieldError } from '../manifests/fieldErrors.ts';
import { type Json, type JsonObject, isJsonObject, jsonEqual } from '../objects.ts';

/** The spec fields an update may change, as the Forbidden message lists them (1.33: in-place resize moved to the resize subresource). */
const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

const MAX_INT32 = 2147483647;

// field.Forbidden / field.Invalid, as their texts read.
const forbidden = (field: string, detail: string): FieldError => ({ field, body: `Forbidden: ${detail}`, blocksCel: false });
const invalidNumber = (field: string, value: number | null, detail: string): FieldError => ({ field, body: `Invalid value: ${value}: ${detail}`, blocksCel: false });

function listOf(spec: JsonObject, key: string): Json[] {
  const list = spec[key];
  return Array.isArray(list) ? list : [];
}

/** The new containers with each image put back to the old one's: image changes are allowed. */
function withOldImages(next: Json[], old: Json[]): Json[] {
  return next.map((c, i) => {
    const before = old[i];
    if (!isJsonObject(c) || !isJsonObject(before)) return c;
    const { image: _image, ...rest } = c;
    return before.image === undefined ? rest : { ...rest, image: before.image };
  });
}

function numberOrUndefined(value: Json | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/**
 * The API server's ValidatePodUpdate for the spec (kubernetes/kubernetes
 * pkg/apis/core/validation/validation.go): containers may not be added or removed, images and a
 * lowered activeDeadlineSeconds may change, and any other change to the spec is Forbidden. The
 * real message goes on with a `cmp.Diff` of the two specs, which this leaves out.
 */
export function validatePodUpdate(oldSpec: JsonObject, newSpec: JsonObject): FieldError[] {
  for (const key of ['containers', 'initContainers']) {
    if (listOf(newSpec, key).length !== listOf(oldSpec, key).length) return [forbidden(`spec.${key}`, 'pod updates may not add or remove containers')];
  }
  const errors: FieldError[] = [];
  const newDeadline = numberOrUndefined(newSpec.activeDeadlineSeconds);
  const oldDeadline = numberOrUndefined(oldSpec.activeDeadlineSeconds);
  if (newDeadline !== undefined) {
    if (newDeadline < 0 || newDeadline > MAX_INT32) return [invalidNumber('spec.activeDeadlineSeconds', newDeadline, `must be between 0 and ${MAX_INT32}, inclusive`)];
    if (oldDeadline !== undefined && oldDeadline < newDeadline) return [invalidNumber('spec.activeDeadlineSeconds', newDeadline, 'must be less than or equal to previous value')];
  } else if (oldDeadline !== undefined) {
    errors.push(invalidNumber('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  if (jsonEqual(newSpec, oldSpec)) return errors;

  const munged: JsonObject = {
    ...newSpec,
    containers: withOldImages(listOf(newSpec, 'containers'), listOf(oldSpec, 'containers')),
    initContainers: withOldImages(listOf(newSpec, 'initContainers'), listOf(oldSpec, 'initContainers')),
  };
  const oldComparable: JsonObject = { ...oldSpec, containers: listOf(oldSpec, 'containers'), initContainers: listOf(oldSpec, 'initContainers') };
  for (const key of ['activeDeadlineSeconds', 'tolerations', 'schedulingGates']) {
    delete munged[key];
    delete oldComparable[key];
  }
  const oldGrace = numberOrUndefined(oldSpec.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!jsonEqual(munged, oldComparable)) {
    errors.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}`));
  }
  return errors;
}

import type { KindInfo } from '../../../domain/kinds.ts';
import { type Json, type KubeObject, getPath, ownValue } from '../../../domain/objects.ts';

/** One `field=value` / `field!=value` requirement of a --field-selector. */
export interface FieldRequirement {
  field: string;
  equal: boolean;
  value: string;
}

export type FieldSelectorResult = { ok: true; requirements: FieldRequirement[] } | { ok: false; error: string };

/**
 * The fields each kind's registry exposes to field selectors (kubernetes pkg/registry/*: event
 * ToSelectableFields, pod PodToSelectableFields, node, namespace, secret, replicaset), with the
 * conversion functions' error for any other (pkg/apis/core/v1/conversion.go `field label not
 * supported`); other kinds only have metadata.name and metadata.namespace
 * (apimachinery runtime.DefaultMetaV1FieldSelectorConversion).
 */
const SELECTABLE: Readonly<Record<string, readonly string[]>> = {
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  ReplicaSet: ['status.replicas'],
};

/** Parses `a=b,c!=d` (apimachinery fields.ParseSelector: `=`, `==` and `!=`). */
export function parseFieldSelector(text: string): FieldSelectorResult {
  const requirements: FieldRequirement[] = [];
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const m = /^([^=!]*)(==|!=|=)(.*)$/.exec(part);
    if (!m) return { ok: false, error: `invalid selector: '${text}'; can't understand '${part}'` };
    requirements.push({ field: (m[1] ?? '').trim(), equal: m[2] !== '!=', value: (m[3] ?? '').trim() });
  }
  return { ok: true, requirements };
}

/** `/v1, Resource=events`: schema.GroupVersionResource.String(). */
function resourceString(info: KindInfo): string {
  return `${info.group}/${info.versions[0] ?? 'v1'}, Resource=${info.plural}`;
}

/** The server's BadRequest for a field the kind does not expose, as kubectl wraps it (cli-runtime helper.go EnhanceListError). */
export function unsupportedField(info: KindInfo, requirements: readonly FieldRequirement[], selector: string, labelSelector: string): string | undefined {
  const own = ownValue(SELECTABLE, info.kind);
  const bad = requirements.find((r) => r.field !== 'metadata.name' && r.field !== 'metadata.namespace' && !(own ?? []).includes(r.field));
  if (!bad) return undefined;
  const reason = own !== undefined
    ? `field label not supported: ${bad.field}`
    : `"${bad.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
  return listError(info, selector, labelSelector, reason);
}

/** A BadRequest on a list with selectors, as kubectl wraps it. */
function listError(info: KindInfo, selector: string, labelSelector: string, reason: string): string {
  return `Error from server (BadRequest): Unable to find "${resourceString(info)}" that match label selector "${labelSelector}", field selector "${selector}": ${reason}`;
}

function fieldValue(obj: KubeObject, field: string): string {
  if (field === 'metadata.name') return obj.metadata.name;
  if (field === 'metadata.namespace') return obj.metadata.namespace ?? '';
  const path = field.split('.');
  // An Event's `source` selects on source.component (pkg/registry/core/event/strategy.go).
  if (obj.kind === 'Event' && field === 'source') path.push('component');
  const [head = '', ...rest] = path;
  const value: Json | undefined = head === 'spec' ? getPath(obj.spec, ...rest) : head === 'status' ? getPath(obj.status, ...rest) : getPath(obj.fields, head, ...rest);
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether the object meets every requirement. */
export function matchesFields(obj: KubeObject, requirements: readonly FieldRequirement[]): boolean {
  return requirements.every((r) => (fieldValue(obj, r.field) === r.value) === r.equal);
}

/** `kubectl get --field-selector`: the listed objects that match, or the server's error for the first kind that cannot select so. */
export function selectByFields(
  objects: KubeObject[],
  requests: readonly { info: KindInfo }[],
  text: string,
  labelSelector: string,
): { ok: true; objects: KubeObject[] } | { ok: false; error: string } {
  if (text === '') return { ok: true, objects };
  const parsed = parseFieldSelector(text);
  const first = requests[0]?.info;
  if (!parsed.ok) return { ok: false, error: first ? listError(first, text, labelSelector, parsed.error) : parsed.error };
  for (const { info } of requests) {
    const error = unsupportedField(info, parsed.requirements, text, labelSelector);
    if (error !== undefined) return { ok: false, error };
  }
  return { ok: true, objects: objects.filter((obj) => matchesFields(obj, parsed.requirements)) };
}

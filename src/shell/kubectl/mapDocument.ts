import { type KindInfo, kindInfo, splitApiVersion } from '../../domain/kinds.ts';
import { type JsonObject, isJsonObject } from '../../domain/objects.ts';
import type { VerbContext } from './types.ts';

export interface MappedDocument {
  info: KindInfo;
  kind: string;
  name: string;
  meta: JsonObject;
  /** The effective namespace; undefined for cluster-scoped kinds. */
  namespace: string | undefined;
}

export type MapResult = { ok: true; doc: MappedDocument } | { ok: false; error: string };

/**
 * What cli-runtime's builder does with each decoded document before any request: map the kind
 * and version to a served resource, and settle the namespace (`-n` versus metadata.namespace).
 */
export function mapDocument(ctx: VerbContext, raw: JsonObject, source: string): MapResult {
  const apiVersion = typeof raw.apiVersion === 'string' ? raw.apiVersion : '';
  const kind = typeof raw.kind === 'string' ? raw.kind : '';
  const meta: JsonObject = isJsonObject(raw.metadata) ? raw.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const docNs = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined;
  const info = kindInfo(kind);
  const { group, version } = splitApiVersion(apiVersion);
  if (!info || info.group !== group || !info.versions.includes(version)) {
    return { ok: false, error: `error: resource mapping not found for name: "${name}" namespace: "${docNs ?? (ctx.namespaceGiven ? ctx.namespace : '')}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first` };
  }
  if (info.namespaced && docNs && ctx.namespaceGiven && docNs !== ctx.namespace) {
    return { ok: false, error: `error: the namespace from the provided object "${docNs}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${docNs}' to perform this operation.` };
  }
  return { ok: true, doc: { info, kind, name, meta, namespace: info.namespaced ? (docNs ?? ctx.namespace) : undefined } };
}

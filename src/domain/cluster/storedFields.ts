import type { JsonObject } from '../objects.ts';
import { base64Encode } from '../pki/pem.ts';

/**
 * The top-level fields of a kind without a spec as the API server stores them: a Secret's
 * `stringData` is merged into `data`, base64-encoded, and dropped (write-only, core/v1
 * conversion), and its `type` defaults to Opaque (SetDefaults_Secret).
 */
export function storedFields(kind: string, fields: JsonObject): JsonObject {
  if (kind !== 'Secret') return fields;
  const { stringData, ...rest } = fields;
  const data: JsonObject = { ...(typeof rest.data === 'object' && rest.data !== null && !Array.isArray(rest.data) ? rest.data : {}) };
  if (typeof stringData === 'object' && stringData !== null && !Array.isArray(stringData)) {
    for (const [k, v] of Object.entries(stringData)) if (typeof v === 'string') data[k] = base64Encode(new TextEncoder().encode(v));
  }
  return { ...rest, ...(Object.keys(data).length > 0 ? { data } : {}), type: typeof rest.type === 'string' && rest.type !== '' ? rest.type : 'Opaque' };
}

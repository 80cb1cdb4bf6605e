/**
 * The shape of a field table (schemas.ts, learnerSchemas.ts, the policy kind modules of
 * src/domain/policies/) and the builders they are written with. Sources: Istio's CRDs
 * (manifests/charts/base/files/crd-all.gen.yaml) and k8s.io/api core/v1, apps/v1.
 */

/** A node of a field table. `go` is the Go type named in built-in decode errors. */
export type FieldSchema =
  | { t: 'string'; enum?: readonly string[]; go?: string }
  | { t: 'integer'; go?: string }
  | { t: 'boolean'; go?: string }
  | { t: 'intOrString' }
  | { t: 'object'; fields: Readonly<Record<string, FieldSchema>>; required?: readonly string[]; go?: string }
  | { t: 'map'; values: FieldSchema; go?: string }
  | { t: 'array'; items: FieldSchema; go?: string }
  | { t: 'any' };

/** How a kind is checked: its top-level fields (besides apiVersion, kind, metadata) and name rule. */
export interface KindSchema {
  /** `builtin` kinds are decoded into Go structs; `crd` kinds are validated by their OpenAPI schema. */
  source: 'builtin' | 'crd';
  /** Go struct of the whole object, for decode errors of top-level fields. */
  go: string;
  topLevel: Readonly<Record<string, FieldSchema>>;
  /** apimachinery name rule applied to metadata.name. */
  nameRule: 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label';
}

export const str = (go = 'string'): FieldSchema => ({ t: 'string', go });
export const int32: FieldSchema = { t: 'integer', go: 'int32' };
export const int64: FieldSchema = { t: 'integer', go: 'int64' };
export const uint32: FieldSchema = { t: 'integer', go: 'uint32' };
export const bool: FieldSchema = { t: 'boolean', go: 'bool' };
export const any: FieldSchema = { t: 'any' };
export const enumOf = (values: readonly string[]): FieldSchema => ({ t: 'string', enum: values, go: 'string' });
export const obj = (go: string, fields: Record<string, FieldSchema>, required?: readonly string[]): FieldSchema => ({ t: 'object', go, fields, required });
export const arr = (items: FieldSchema, go: string): FieldSchema => ({ t: 'array', items, go });
export const mapOf = (values: FieldSchema, go: string): FieldSchema => ({ t: 'map', values, go });
export const strings = arr(str(), '[]string');
export const stringMap = mapOf(str(), 'map[string]string');

/** Istio's WorkloadSelector (type/v1beta1). */
export const WORKLOAD_SELECTOR = obj('', { matchLabels: mapOf(str(), '') });
/** Istio's PortSelector (networking/v1alpha3). */
export const PORT_SELECTOR = obj('', { number: uint32 });

/** An Istio CRD: a spec checked by its OpenAPI schema, a status taken as it is. */
export const istioCrdSchema = (spec: FieldSchema): KindSchema => ({ source: 'crd', go: '', topLevel: { spec, status: any }, nameRule: 'dns1123Subdomain' });

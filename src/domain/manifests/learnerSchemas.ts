import type { FieldSchema, KindSchema } from './fieldSchema.ts';

/*
 * Field tables for the kinds of learnerKinds.ts. Sources: k8s.io/api core/v1 (ConfigMap, Secret,
 * Endpoints, Event, Node) and discovery/v1 (EndpointSlice); Istio 1.26 crd-all.gen.yaml for
 * ServiceEntry and Sidecar (the policy kinds' schemas are their modules' in src/domain/policies;
 * the other Istio kinds keep their spec unchecked).
 */

const s = (go = 'string'): FieldSchema => ({ t: 'string', go });
const e = (values: readonly string[]): FieldSchema => ({ t: 'string', enum: values, go: 'string' });
const n: FieldSchema = { t: 'integer', go: 'int32' };
const b: FieldSchema = { t: 'boolean', go: 'bool' };
const x: FieldSchema = { t: 'any' };
const o = (fields: Record<string, FieldSchema>, required?: readonly string[], go = ''): FieldSchema => ({ t: 'object', go, fields, required });
const a = (items: FieldSchema, go = ''): FieldSchema => ({ t: 'array', items, go });
const m = (values: FieldSchema, go = ''): FieldSchema => ({ t: 'map', values, go });
const ss = a(s(), '[]string');
const labels = m(s(), 'map[string]string');

const builtin = (go: string, topLevel: Record<string, FieldSchema>, nameRule: KindSchema['nameRule'] = 'dns1123Subdomain'): KindSchema => ({ source: 'builtin', go, topLevel, nameRule });
const crd = (spec: FieldSchema): KindSchema => ({ source: 'crd', go: '', topLevel: { spec, status: x }, nameRule: 'dns1123Subdomain' });

const PORT = o({ number: n, protocol: s(), name: s(), targetPort: n });
const SELECTOR = o({ labels: m(s()) });

const SERVICE_ENTRY_SPEC = o({
  hosts: ss, addresses: ss,
  ports: a(o({ number: n, protocol: s(), name: s(), targetPort: n }, ['number', 'name'])),
  location: e(['MESH_EXTERNAL', 'MESH_INTERNAL']),
  resolution: e(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN']),
  endpoints: a(o({ address: s(), ports: m(n), labels: m(s()), network: s(), locality: s(), weight: n, serviceAccount: s() })),
  workloadSelector: SELECTOR, exportTo: ss, subjectAltNames: ss,
}, ['hosts']);

const CAPTURE = e(['DEFAULT', 'IPTABLES', 'NONE']);

const SIDECAR_SPEC = o({
  workloadSelector: SELECTOR,
  ingress: a(o({ port: PORT, bind: s(), captureMode: CAPTURE, defaultEndpoint: s(), tls: x, connectionPool: x }, ['port'])),
  egress: a(o({ port: PORT, bind: s(), captureMode: CAPTURE, hosts: ss }, ['hosts'])),
  inboundConnectionPool: x,
  outboundTrafficPolicy: o({ mode: e(['REGISTRY_ONLY', 'ALLOW_ANY']), egressProxy: o({ host: s(), subset: s(), port: o({ number: n }) }, ['host']) }),
});

/** Per kind, as KIND_SCHEMAS holds them. */
export const LEARNER_SCHEMAS: Readonly<Record<string, KindSchema>> = {
  ConfigMap: builtin('ConfigMap', { data: labels, binaryData: m(x, 'map[string][]uint8'), immutable: b }),
  Secret: builtin('Secret', { data: m(s('[]uint8'), 'map[string][]uint8'), stringData: labels, type: s('v1.SecretType'), immutable: b }),
  Endpoints: builtin('Endpoints', { subsets: a(x, '[]v1.EndpointSubset') }),
  EndpointSlice: builtin('EndpointSlice', { addressType: s('v1.AddressType'), endpoints: a(x, '[]v1.Endpoint'), ports: a(x, '[]v1.EndpointPort') }),
  Event: builtin('Event', {
    involvedObject: x, reason: s(), message: s(), source: x, firstTimestamp: x, lastTimestamp: x, count: n, type: s(),
    eventTime: x, series: x, action: s(), related: x, reportingComponent: s(), reportingInstance: s(),
  }),
  Node: builtin('Node', { spec: x, status: x }),
  ServiceEntry: crd(SERVICE_ENTRY_SPEC),
  Sidecar: crd(SIDECAR_SPEC),
  RequestAuthentication: crd(x),
  WorkloadEntry: crd(x),
  WorkloadGroup: crd(x),
  EnvoyFilter: crd(x),
  ProxyConfig: crd(x),
  Telemetry: crd(x),
  WasmPlugin: crd(x),
};

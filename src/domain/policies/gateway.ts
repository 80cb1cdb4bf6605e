/**
 * Gateway (networking.istio.io): the ingress gateway's listeners. Sources: Istio 1.26
 * crd-all.gen.yaml (schema; no printer columns), pkg/config/validation/validation.go
 * (ValidateGateway) and gateway.IngressGatewayPortAnalyzer.
 */
import { gatewayRouteConfig } from '../envoy/routes.ts';
import { goQuoteString } from '../manifests/goYaml.ts';
import { any, arr, istioCrdSchema, obj, str, stringMap, strings, uint32 } from '../manifests/fieldSchema.ts';
import { isDns1123Label } from '../manifests/istioWebhookChecks.ts';
import { type Json, type JsonObject, getPath, getStringMap, labelsMatch } from '../objects.ts';
import type { World } from '../world.ts';
import type { PolicyFinding, PolicyKindModule } from './policyKind.ts';

const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

/** ValidateGateway (the checks that apply to the fields modelled here). */
function webhook(raw: JsonObject) {
  const errors: string[] = [];
  const name = getPath(raw, 'metadata', 'name');
  const text = typeof name === 'string' ? name : '';
  if (!isDns1123Label(text)) errors.push(`invalid gateway name: ${goQuoteString(text)}`);
  const servers = list(getPath(raw, 'spec', 'servers'));
  if (servers.length === 0) errors.push('gateway must have at least one server');
  for (const server of servers) {
    if (list(getPath(server, 'hosts')).length === 0) errors.push('server config must contain at least one host');
    const port = getPath(server, 'port', 'number');
    const number = typeof port === 'number' ? port : 0;
    if (number < 1 || number > 65535) errors.push(`port number ${number} must be in the range 1..65535`);
  }
  return { errors, warnings: [] };
}

/** gateway.IngressGatewayPortAnalyzer: IST0101 when no pod in the mesh matches a Gateway's selector. */
function analyze(world: World): PolicyFinding[] {
  const pods = world.list('Pod');
  return world.list('Gateway').flatMap((gw) => {
    const selector = getStringMap(gw.spec, 'selector');
    if (pods.some((p) => labelsMatch(selector, p.metadata.labels))) return [];
    const text = Object.keys(selector).sort().map((k) => `${k}=${selector[k] ?? ''}`).join(',');
    return [{ level: 'Error' as const, code: 'IST0101', object: gw, text: `Referenced selector not found: ${JSON.stringify(text)}` }];
  });
}

export const GATEWAY: PolicyKindModule = {
  info: { kind: 'Gateway', group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], plural: 'gateways', singular: 'gateway', shortNames: ['gw'], namespaced: true },
  schema: istioCrdSchema(obj('', {
    selector: stringMap,
    servers: arr(obj('', {
      port: obj('', { number: uint32, protocol: str(), name: str(), targetPort: uint32 }, ['number', 'protocol', 'name']),
      bind: str(), hosts: strings, tls: any, defaultEndpoint: str(), name: str(),
    }, ['port', 'hosts']), ''),
  })),
  // The CRD's CEL rules cannot fail on the fields modelled here.
  celRules: () => [],
  webhook,
  printerColumns: [],
  meshConfig: true,
  analyze,
  // The gateway hop of a request is simulateRequest's (src/domain/traffic), not exported.
  evaluation: { functions: { gatewayRouteConfig }, reasonCodes: ['gateway.listener', 'refused.no-gateway-server'] },
};

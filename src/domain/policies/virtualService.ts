/**
 * VirtualService (networking.istio.io): routes from hosts to destinations, here for the ingress
 * gateway and the mesh. Sources: Istio 1.26 crd-all.gen.yaml (schema, printer columns),
 * pkg/config/validation/validation.go (ValidateVirtualService) and the virtualservice analyzers.
 */
import { serviceHost, servicePorts } from '../cluster/services.ts';
import { gatewayRouteConfig, outboundRouteConfig } from '../envoy/routes.ts';
import { any, arr, int32, istioCrdSchema, obj, PORT_SELECTOR, str, strings } from '../manifests/fieldSchema.ts';
import { type Json, type JsonObject, type KubeObject, getPath, getString, isJsonObject } from '../objects.ts';
import { expandHost, hostMatches } from '../resolution/hostMatch.ts';
import type { World } from '../world.ts';
import { AGE_COLUMN, type PolicyFinding, type PolicyKindModule } from './policyKind.ts';

const DESTINATION = obj('', { host: str(), subset: str(), port: PORT_SELECTOR }, ['host']);
const L4_ROUTE = arr(obj('', { match: arr(any, ''), route: arr(obj('', { destination: DESTINATION, weight: int32 }, ['destination']), '') }), '');

const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

/** ValidateVirtualService (the checks that apply to the fields modelled here). */
function webhook(raw: JsonObject) {
  const errors: string[] = [];
  const spec = isJsonObject(raw.spec ?? null) ? (raw.spec as JsonObject) : {};
  if (list(spec.hosts).length === 0) errors.push('virtual service must have at least one host');
  if (list(spec.http).length === 0 && list(spec.tcp).length === 0 && list(spec.tls).length === 0) {
    errors.push('http, tcp or tls must be provided in virtual service');
  }
  return { errors, warnings: [] };
}

/** The Service a destination host names, short names resolved in the referring namespace. */
function findService(world: World, host: string, namespace: string): KubeObject | undefined {
  const fqdn = expandHost(host, namespace);
  return world.list('Service').find((svc) => hostMatches(fqdn, serviceHost(svc)));
}

/**
 * virtualservice.DestinationHostAnalyzer and GatewayAnalyzer: IST0101 for a route destination or a
 * gateway that does not exist, IST0101 `host:port` for a port the Service lacks, and IST0112 when a
 * multi-port Service is routed to without a port.
 */
function analyze(world: World): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  const error = (object: KubeObject, code: string, text: string) => out.push({ level: 'Error', code, object, text });
  for (const vs of world.list('VirtualService')) {
    const ns = vs.metadata.namespace ?? '';
    for (const kind of ['http', 'tcp', 'tls']) {
      const routes = getPath(vs.spec, kind);
      if (!Array.isArray(routes)) continue;
      for (const route of routes.filter(isJsonObject)) {
        const dests = Array.isArray(route.route) ? route.route.filter(isJsonObject) : [];
        for (const dest of dests) {
          const host = getString(dest, 'destination', 'host') ?? '';
          const svc = findService(world, host, ns);
          if (!svc) {
            error(vs, 'IST0101', `Referenced host not found: ${JSON.stringify(host)}`);
            continue;
          }
          const ports = servicePorts(svc).map((p) => p.port);
          const port = getPath(dest, 'destination', 'port', 'number');
          if (port === undefined) {
            if (ports.length > 1) error(vs, 'IST0112', `This VirtualService routes to a service ${JSON.stringify(host)} that exposes multiple ports [${ports.join(' ')}]. Specifying a port in the destination is required to disambiguate.`);
          } else if (!ports.includes(Number(port))) {
            error(vs, 'IST0101', `Referenced host:port not found: ${JSON.stringify(`${host}:${String(port)}`)}`);
          }
        }
      }
    }
    for (const gateway of list(getPath(vs.spec, 'gateways')).filter((g): g is string => typeof g === 'string')) {
      if (gateway === 'mesh') continue;
      const slash = gateway.indexOf('/');
      const ref = slash === -1 ? { namespace: ns, name: gateway } : { namespace: gateway.slice(0, slash), name: gateway.slice(slash + 1) };
      if (!world.get('Gateway', ref.namespace, ref.name)) error(vs, 'IST0101', `Referenced gateway not found: ${JSON.stringify(gateway)}`);
    }
  }
  return out;
}

export const VIRTUAL_SERVICE: PolicyKindModule = {
  info: { kind: 'VirtualService', group: 'networking.istio.io', versions: ['v1', 'v1beta1', 'v1alpha3'], plural: 'virtualservices', singular: 'virtualservice', shortNames: ['vs'], namespaced: true },
  schema: istioCrdSchema(obj('', {
    hosts: strings,
    gateways: strings,
    http: arr(obj('', {
      name: str(), match: arr(any, ''),
      route: arr(obj('', { destination: DESTINATION, weight: int32, headers: any }, ['destination']), ''),
      redirect: any, directResponse: any, delegate: any, rewrite: any, timeout: str(), retries: any, fault: any,
      mirror: any, mirrors: arr(any, ''), mirrorPercentage: any, mirrorPercent: any, corsPolicy: any, headers: any,
    }), ''),
    tls: L4_ROUTE,
    tcp: L4_ROUTE,
    exportTo: strings,
  })),
  // The CRD's CEL rules cannot fail on the fields modelled here.
  celRules: () => [],
  webhook,
  printerColumns: [
    { name: 'Gateways', jsonPath: '.spec.gateways', type: 'string' },
    { name: 'Hosts', jsonPath: '.spec.hosts', type: 'string' },
    AGE_COLUMN,
  ],
  meshConfig: true,
  analyze,
  // The ingress gateway's routing of a request is simulateRequest's (src/domain/traffic), not exported.
  evaluation: { functions: { outboundRouteConfig, gatewayRouteConfig }, reasonCodes: [] },
};

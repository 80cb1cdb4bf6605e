/** Readable worlds, traces and flows for the diagram tests (STYLE.md §15). */
import { addDeployment, addNamespace, createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { authorizationPolicy, peerAuthentication } from '../../domain/testing/fixtures.ts';
import { simulateRequest } from '../../domain/traffic/simulateRequest.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import type { FlowView } from '../../app/flowView.ts';

/** The ingress gateway's and the frontend-external LoadBalancer's external IPs in the default world. */
export const GATEWAY_URL = 'http://34.136.92.187/';
export const LOAD_BALANCER_URL = 'http://35.202.118.74/';

/** The default world with `PeerAuthentication cart/default` set to STRICT. */
export function strictCartWorld(): World {
  const world = createDefaultWorld();
  world.put(peerAuthentication('cart', 'default', { mtls: { mode: 'STRICT' } }));
  return world;
}

/** Puts `AuthorizationPolicy frontend/allow-nothing` (an ALLOW policy without rules) into a world: frontend denies every request. */
export function withAllowNothingFrontend(world: World): World {
  world.put(authorizationPolicy('frontend', 'allow-nothing', {}));
  return world;
}

/**
 * The default world with AuthorizationPolicies of every kind the diagram tells apart: allow-nothing
 * on frontend, an enforced DENY plus a dry-run one on cartservice, an ALLOW on the ingress gateway.
 */
export function authzWorld(): World {
  const world = withAllowNothingFrontend(createDefaultWorld());
  world.put(authorizationPolicy('cart', 'deny-delete', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['DELETE'] } }] }] }));
  world.put(authorizationPolicy('cart', 'deny-others', { action: 'DENY', rules: [{ from: [{ source: { notNamespaces: ['frontend', 'checkout'] } }] }] }, { annotations: { 'istio.io/dry-run': 'true' } }));
  world.put(authorizationPolicy('istio-system', 'gateway-get', { selector: { matchLabels: { istio: 'ingressgateway' } }, rules: [{ to: [{ operation: { methods: ['GET', 'POST'] } }] }] }));
  return world;
}

/** The default world and `namespaces` more, each with three sidecar Deployments (30 make a 107-node diagram). */
export function largeWorld(namespaces = 30): World {
  const world = createDefaultWorld();
  const born = world.nowSeconds() - 3600;
  for (let n = 1; n <= namespaces; n++) {
    const ns = `team-${n}`;
    addNamespace(world, ns, { 'istio-injection': 'enabled' }, born);
    for (const app of ['app-a', 'app-b', 'app-c']) {
      addDeployment(world, ns, app, { serviceAccountName: 'default', containers: [{ name: 'server', image: 'example/app:1', ports: [{ containerPort: 8080 }] }] }, { labels: { app }, createdAt: born });
    }
  }
  return world;
}

/** Puts a mesh-wide STRICT policy (`PeerAuthentication istio-system/default`) into a world: every sidecar's badge changes. */
export function withMeshWideStrict(world: World): World {
  world.put(peerAuthentication('istio-system', 'default', { mtls: { mode: 'STRICT' } }));
  return world;
}

/** The default world with a mesh-wide STRICT policy (`PeerAuthentication istio-system/default`): every sidecar's badge changes. */
export function meshWideStrictWorld(): World {
  return withMeshWideStrict(createDefaultWorld());
}

export function browserGet(world: World, url: string): Trace {
  return simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url });
}

/** A plaintext request from the sidecar-less testcurl pod. */
export function testcurlGet(world: World, url: string): Trace {
  return simulateRequest(world, { client: { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false }, url });
}

export function flowView(id: number, trace: Trace, view: Partial<Omit<FlowView, 'id' | 'trace'>> = {}): FlowView {
  return { id, trace, hopIndex: 0, progress: 0, status: 'moving', selected: false, ...view };
}

/** An <svg><g/></svg> attached to the document, for drawing tests (jsdom). */
export function mountG(): SVGGElement {
  const SVG = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(SVG, 'svg');
  const g = document.createElementNS(SVG, 'g');
  svg.appendChild(g);
  document.body.appendChild(svg);
  return g;
}

/** The mutation records the document queued under `root` while `change` ran (and settled, when it returns a promise). */
export async function mutationsDuring(root: Node, change: () => unknown): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((delivered) => records.push(...delivered));
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  await change();
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}

/** The ids of the mesh nodes that the records touched (`outside` for anything not in a node). */
export function touchedNodes(records: readonly MutationRecord[]): string[] {
  const ids = records.map((r) => {
    const el = r.target instanceof Element ? r.target : r.target.parentElement;
    return el?.closest('g.node')?.getAttribute('data-id') ?? 'outside';
  });
  return [...new Set(ids)].sort();
}

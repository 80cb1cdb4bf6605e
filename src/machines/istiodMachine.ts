import { assign, emit, enqueueActions, raise, setup, type ActorRefFrom } from 'xstate';
import type { WorkloadMtls } from '../domain/resolution/summarizeMesh.ts';
import { proxyMachine, type ProxyKind, type ProxyPort } from './proxyMachine.ts';

/** What istiod knows about one proxy it serves. */
export interface ProxySpec {
  /** `<ns>/<pod>` of the workload's representative pod. */
  id: string;
  kind: ProxyKind;
  ports: ProxyPort[];
}

export type ProxyActorRef = ActorRefFrom<typeof proxyMachine>;

/** The per-proxy config of one push. */
export interface ProxyUpdate {
  id: string;
  ports: ProxyPort[];
}

export interface IstiodInput {
  /** The mesh to serve from the start (one proxy is spawned per sidecar and gateway). */
  mesh: WorkloadMtls[];
  /** The config version of that mesh; default 0. */
  version?: number;
}

export interface IstiodContext {
  /** The newest config version istiod has accepted. */
  version: number;
  /** Proxy ids in mesh order. */
  proxyIds: string[];
  /** The spawned proxy actors, by id. */
  proxies: Record<string, ProxyActorRef>;
  /** The config waiting out the `propagation` delay (state `pushing`). */
  pending: { version: number; proxies: ProxyUpdate[] } | undefined;
}

export type IstiodEvent =
  | { type: 'mesh.updated'; mesh: WorkloadMtls[]; version: number }
  | { type: 'config.changed'; version: number; proxies: ProxyUpdate[] };

/** Cue for views: istiod sent config `version` to these proxies. */
export type IstiodEmitted = { type: 'config.pushed'; version: number; proxyIds: string[] };

export const ISTIOD_DELAYS = { propagation: 600 } as const;

/**
 * The proxies istiod serves in a mesh summary: one per sidecar workload with its per-port inbound
 * modes, and one per ingress gateway (a gateway enforces no inbound PeerAuthentication, so no ports).
 */
export function proxiesFromMesh(mesh: readonly WorkloadMtls[]): ProxySpec[] {
  return mesh.flatMap((w): ProxySpec[] => {
    const id = `${w.namespace}/${w.pod}`;
    if (w.gateway) return [{ id, kind: 'gateway', ports: [] }];
    if (w.sidecar) return [{ id, kind: 'sidecar', ports: w.ports.map((p) => ({ port: p.port, mode: p.decision.mode })) }];
    return [];
  });
}

/** Which proxies appear and which disappear between two id lists. */
export function diffProxies(current: readonly string[], next: readonly ProxySpec[]): { added: ProxySpec[]; removed: string[] } {
  const nextIds = new Set(next.map((p) => p.id));
  const known = new Set(current);
  return { added: next.filter((p) => !known.has(p.id)), removed: current.filter((id) => !nextIds.has(id)) };
}

type Spawn = (src: 'proxy', options: { id: string; input: { id: string; kind: ProxyKind; ports: ProxyPort[]; configVersion: number } }) => ProxyActorRef;

function spawnProxies(proxies: Record<string, ProxyActorRef>, specs: readonly ProxySpec[], version: number, spawn: Spawn): Record<string, ProxyActorRef> {
  const out: Record<string, ProxyActorRef> = {};
  for (const spec of specs) out[spec.id] = proxies[spec.id] ?? spawn('proxy', { id: spec.id, input: { ...spec, configVersion: version } });
  return out;
}

/**
 * The control plane. It owns one proxy actor per sidecar and gateway: `mesh.updated` spawns the new
 * ones (they warm up with the new config), stops the removed ones, and raises `config.changed` for the
 * rest. A change waits out `propagation` before it is pushed; a newer change during that wait restarts
 * it, as istiod debounces pushes (PILOT_DEBOUNCE_AFTER,
 * https://istio.io/latest/docs/reference/commands/pilot-discovery/#envvars).
 */
export const istiodMachine = setup({
  types: {
    context: {} as IstiodContext,
    events: {} as IstiodEvent,
    input: {} as IstiodInput,
    emitted: {} as IstiodEmitted,
  },
  actors: { proxy: proxyMachine },
  guards: {
    isNewerVersion: ({ context }, params: { version: number }) => params.version > context.version,
  },
  actions: {
    stopRemovedProxies: enqueueActions(({ context, enqueue }, params: { proxies: ProxySpec[] }) => {
      for (const id of diffProxies(context.proxyIds, params.proxies).removed) if (context.proxies[id]) enqueue.stopChild(context.proxies[id]);
    }),
    spawnAddedProxies: assign(({ context, spawn }, params: { proxies: ProxySpec[]; version: number }) => ({
      proxies: spawnProxies(context.proxies, params.proxies, params.version, spawn),
      proxyIds: params.proxies.map((p) => p.id),
    })),
    raiseConfigChanged: raise((_, params: { proxies: ProxySpec[]; version: number }) => ({ type: 'config.changed' as const, version: params.version, proxies: params.proxies.map(({ id, ports }) => ({ id, ports })) })),
    acceptConfig: assign((_, params: { version: number; proxies: ProxyUpdate[] }) => ({ version: params.version, pending: params })),
    pushConfig: enqueueActions(({ context, enqueue }) => {
      for (const update of context.pending?.proxies ?? []) {
        const ref = context.proxies[update.id];
        if (ref) enqueue.sendTo(ref, { type: 'config.pushed', version: context.pending?.version ?? context.version, ports: update.ports });
      }
    }),
    announcePush: emit(({ context }) => ({ type: 'config.pushed' as const, version: context.version, proxyIds: (context.pending?.proxies ?? []).map((p) => p.id).filter((id) => id in context.proxies) })),
    clearPending: assign({ pending: undefined }),
  },
  delays: {
    propagation: ISTIOD_DELAYS.propagation,
  },
}).createMachine({
  id: 'istiod',
  context: ({ input, spawn }) => {
    const specs = proxiesFromMesh(input.mesh);
    const version = input.version ?? 0;
    return { version, proxyIds: specs.map((p) => p.id), proxies: spawnProxies({}, specs, version, spawn), pending: undefined };
  },
  initial: 'idle',
  on: {
    'mesh.updated': {
      guard: { type: 'isNewerVersion', params: ({ event }) => ({ version: event.version }) },
      actions: [
        { type: 'stopRemovedProxies', params: ({ event }) => ({ proxies: proxiesFromMesh(event.mesh) }) },
        { type: 'spawnAddedProxies', params: ({ event }) => ({ proxies: proxiesFromMesh(event.mesh), version: event.version }) },
        { type: 'raiseConfigChanged', params: ({ event }) => ({ proxies: proxiesFromMesh(event.mesh), version: event.version }) },
      ],
    },
    'config.changed': {
      guard: { type: 'isNewerVersion', params: ({ event }) => ({ version: event.version }) },
      target: '.pushing',
      reenter: true,
      actions: { type: 'acceptConfig', params: ({ event }) => ({ version: event.version, proxies: event.proxies }) },
    },
  },
  states: {
    idle: {},
    pushing: {
      after: { propagation: { target: 'idle', actions: ['pushConfig', 'announcePush', 'clearPending'] } },
    },
  },
});

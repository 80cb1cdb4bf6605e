import { assign, emit, setup } from 'xstate';
import type { EffectiveMode } from '../domain/resolution/types.ts';

/** Whether the Envoy runs beside an app container or as the ingress gateway (a router). */
export type ProxyKind = 'sidecar' | 'gateway';

/** The inbound mode a proxy enforces on one container port. */
export interface ProxyPort {
  port: number;
  mode: EffectiveMode;
}

/** A config istiod pushed: its version and the per-port inbound modes it carries. */
export interface ProxyConfig {
  version: number;
  ports: ProxyPort[];
}

export interface ProxyInput {
  /** `<ns>/<pod>`, the same label a trace hop uses for its endpoints. */
  id: string;
  kind: ProxyKind;
  ports: ProxyPort[];
  /** The config version the proxy starts with (istiod's version when it spawned it); default 0. */
  configVersion?: number;
}

export interface ProxyContext {
  id: string;
  kind: ProxyKind;
  /** The inbound modes in effect, per port. */
  ports: ProxyPort[];
  /** The version of the config in effect. */
  configVersion: number;
  /** A pushed config that is being applied (state `applying`). */
  pending: ProxyConfig | undefined;
  /** Ids of connections in flight, oldest first, at most MAX_TRACKED_CONNECTIONS. */
  connections: string[];
}

export type ProxyEvent =
  | ({ type: 'config.pushed' } & ProxyConfig)
  | { type: 'connection.opened'; id: string }
  | { type: 'connection.closed'; id: string };

/** Cue for views: the proxy serves with `configVersion` (after warm-up and after every apply). */
export type ProxyEmitted = { type: 'proxy.ready'; id: string; configVersion: number };

/** Beyond this many open connections the oldest are forgotten, so a long session stays bounded. */
export const MAX_TRACKED_CONNECTIONS = 64;

export const PROXY_DELAYS = { warmup: 800, apply: 300 } as const;

/** Adds a connection id (once), dropping the oldest ids beyond `cap`. */
export function trackConnection(connections: readonly string[], id: string, cap = MAX_TRACKED_CONNECTIONS): string[] {
  if (connections.includes(id)) return [...connections];
  return [...connections, id].slice(-cap);
}

export function untrackConnection(connections: readonly string[], id: string): string[] {
  return connections.filter((c) => c !== id);
}

/**
 * An Envoy proxy (a sidecar or the ingress gateway). It warms up before it serves, and applies each
 * newer xDS push after a short visible delay; stale pushes are ignored, since xDS versions only move
 * forward (https://istio.io/latest/docs/ops/diagnostic-tools/proxy-cmd/#get-an-overview-of-your-mesh).
 */
export const proxyMachine = setup({
  types: {
    context: {} as ProxyContext,
    events: {} as ProxyEvent,
    input: {} as ProxyInput,
    emitted: {} as ProxyEmitted,
  },
  guards: {
    isNewerConfig: ({ context }, params: { version: number }) => params.version > Math.max(context.configVersion, context.pending?.version ?? -Infinity),
  },
  actions: {
    adoptConfig: assign((_, params: ProxyConfig) => ({ configVersion: params.version, ports: params.ports })),
    stageConfig: assign({ pending: (_, params: ProxyConfig) => params }),
    applyPendingConfig: assign(({ context }) => (context.pending ? { configVersion: context.pending.version, ports: context.pending.ports, pending: undefined } : {})),
    announceReady: emit(({ context }) => ({ type: 'proxy.ready' as const, id: context.id, configVersion: context.configVersion })),
    openConnection: assign({ connections: ({ context }, params: { id: string }) => trackConnection(context.connections, params.id) }),
    closeConnection: assign({ connections: ({ context }, params: { id: string }) => untrackConnection(context.connections, params.id) }),
  },
  delays: {
    warmup: PROXY_DELAYS.warmup,
    apply: PROXY_DELAYS.apply,
  },
}).createMachine({
  id: 'proxy',
  context: ({ input }) => ({
    id: input.id,
    kind: input.kind,
    ports: input.ports,
    configVersion: input.configVersion ?? 0,
    pending: undefined,
    connections: [],
  }),
  initial: 'warming',
  on: {
    'connection.opened': { actions: { type: 'openConnection', params: ({ event }) => ({ id: event.id }) } },
    'connection.closed': { actions: { type: 'closeConnection', params: ({ event }) => ({ id: event.id }) } },
  },
  states: {
    /** Fetching its first config; a push now is simply part of that first config. */
    warming: {
      after: { warmup: 'ready' },
      on: {
        'config.pushed': {
          guard: { type: 'isNewerConfig', params: ({ event }) => ({ version: event.version }) },
          actions: { type: 'adoptConfig', params: ({ event }) => ({ version: event.version, ports: event.ports }) },
        },
      },
    },
    ready: {
      entry: 'announceReady',
      on: {
        'config.pushed': {
          guard: { type: 'isNewerConfig', params: ({ event }) => ({ version: event.version }) },
          target: 'applying',
          actions: { type: 'stageConfig', params: ({ event }) => ({ version: event.version, ports: event.ports }) },
        },
      },
    },
    /** The new listeners are being built; the old config still serves until `apply` elapses. */
    applying: {
      after: { apply: { target: 'ready', actions: 'applyPendingConfig' } },
      on: {
        'config.pushed': {
          guard: { type: 'isNewerConfig', params: ({ event }) => ({ version: event.version }) },
          target: 'applying',
          reenter: true,
          actions: { type: 'stageConfig', params: ({ event }) => ({ version: event.version, ports: event.ports }) },
        },
      },
    },
  },
});

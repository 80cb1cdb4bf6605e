import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, SimulatedClock, type SnapshotFrom } from 'xstate';
import {
  MAX_TRACKED_CONNECTIONS,
  PROXY_DELAYS,
  proxyMachine,
  trackConnection,
  type ProxyContext,
  type ProxyEmitted,
  type ProxyEvent,
} from './proxyMachine.ts';
import { elapse, walk } from './testing/flows.ts';

type Snapshot = SnapshotFrom<typeof proxyMachine>;
const input = { id: 'frontend/frontend-1', kind: 'sidecar' as const, ports: [{ port: 8080, mode: 'PERMISSIVE' as const }], configVersion: 1 };
const strict = [{ port: 8080, mode: 'STRICT' as const }];

function snapshotIn(value: 'warming' | 'ready' | 'applying', context: Partial<ProxyContext> = {}): Snapshot {
  const initial = initialTransition(proxyMachine, input)[0];
  return proxyMachine.resolveState({ value, context: { ...initial.context, ...context } });
}

describe('proxyMachine transitions', () => {
  const table: { name: string; from: Snapshot; event: ProxyEvent; state: string; context: Partial<ProxyContext> }[] = [
    { name: 'warming adopts a newer push as its first config', from: snapshotIn('warming'), event: { type: 'config.pushed', version: 2, ports: strict }, state: 'warming', context: { configVersion: 2, ports: strict, pending: undefined } },
    { name: 'warming ignores a stale push', from: snapshotIn('warming'), event: { type: 'config.pushed', version: 1, ports: strict }, state: 'warming', context: { configVersion: 1, ports: input.ports } },
    { name: 'ready starts applying a newer push, old modes still in force', from: snapshotIn('ready'), event: { type: 'config.pushed', version: 2, ports: strict }, state: 'applying', context: { configVersion: 1, ports: input.ports, pending: { version: 2, ports: strict } } },
    { name: 'ready ignores the version it already has', from: snapshotIn('ready'), event: { type: 'config.pushed', version: 1, ports: strict }, state: 'ready', context: { pending: undefined } },
    { name: 'applying takes a still newer push instead', from: snapshotIn('applying', { pending: { version: 2, ports: strict } }), event: { type: 'config.pushed', version: 3, ports: input.ports }, state: 'applying', context: { pending: { version: 3, ports: input.ports } } },
    { name: 'applying ignores a push older than the pending one', from: snapshotIn('applying', { pending: { version: 3, ports: strict } }), event: { type: 'config.pushed', version: 2, ports: input.ports }, state: 'applying', context: { pending: { version: 3, ports: strict } } },
    { name: 'connection.opened tracks the id', from: snapshotIn('ready'), event: { type: 'connection.opened', id: 'c1' }, state: 'ready', context: { connections: ['c1'] } },
    { name: 'connection.opened twice tracks it once', from: snapshotIn('ready', { connections: ['c1'] }), event: { type: 'connection.opened', id: 'c1' }, state: 'ready', context: { connections: ['c1'] } },
    { name: 'connection.closed forgets the id', from: snapshotIn('applying', { connections: ['c1', 'c2'] }), event: { type: 'connection.closed', id: 'c1' }, state: 'applying', context: { connections: ['c2'] } },
  ];

  it.each(table)('$name', ({ from, event, state, context }) => {
    const next = walk(proxyMachine, from, [event]);
    expect(next.value).toBe(state);
    expect(next.context).toMatchObject(context);
  });

  it('starts warming with its input', () => {
    const [s] = initialTransition(proxyMachine, { id: 'istio-system/gw', kind: 'gateway', ports: [] });
    expect(s.value).toBe('warming');
    expect(s.context).toEqual({ id: 'istio-system/gw', kind: 'gateway', ports: [], configVersion: 0, pending: undefined, connections: [] });
  });

  it('keeps only the newest connections beyond the cap', () => {
    const ids = Array.from({ length: MAX_TRACKED_CONNECTIONS + 6 }, (_, i) => `c${i}`);
    const tracked = ids.reduce<string[]>((list, id) => trackConnection(list, id), []);
    expect(tracked).toHaveLength(MAX_TRACKED_CONNECTIONS);
    expect(tracked[0]).toBe('c6');
    expect(tracked.at(-1)).toBe(`c${MAX_TRACKED_CONNECTIONS + 5}`);
  });
});

describe('proxyMachine with a simulated clock', () => {
  it('warms up, then applies a push after the apply delay', () => {
    const clock = new SimulatedClock();
    const actor = createActor(proxyMachine, { input, clock });
    const cues: ProxyEmitted[] = [];
    actor.on('proxy.ready', (c) => cues.push(c));
    actor.start();
    elapse(clock, PROXY_DELAYS.warmup - 5);
    expect(actor.getSnapshot().value).toBe('warming');
    elapse(clock, 5);
    expect(actor.getSnapshot().value).toBe('ready');

    actor.send({ type: 'config.pushed', version: 2, ports: strict });
    elapse(clock, PROXY_DELAYS.apply - 5);
    expect(actor.getSnapshot().context).toMatchObject({ configVersion: 1, ports: input.ports });
    elapse(clock, 5);
    expect(actor.getSnapshot().value).toBe('ready');
    expect(actor.getSnapshot().context).toMatchObject({ configVersion: 2, ports: strict, pending: undefined });
    expect(cues).toEqual([
      { type: 'proxy.ready', id: input.id, configVersion: 1 },
      { type: 'proxy.ready', id: input.id, configVersion: 2 },
    ]);
  });

  it('restarts applying when a newer push arrives mid-apply', () => {
    const clock = new SimulatedClock();
    const actor = createActor(proxyMachine.provide({ delays: { warmup: 0 } }), { input, clock }).start();
    clock.increment(0);
    actor.send({ type: 'config.pushed', version: 2, ports: strict });
    elapse(clock, PROXY_DELAYS.apply / 2);
    actor.send({ type: 'config.pushed', version: 3, ports: input.ports });
    elapse(clock, PROXY_DELAYS.apply - 5);
    expect(actor.getSnapshot().value).toBe('applying');
    elapse(clock, 5);
    expect(actor.getSnapshot().context).toMatchObject({ configVersion: 3, ports: input.ports });
  });
});

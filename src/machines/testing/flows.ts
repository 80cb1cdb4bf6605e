/**
 * Test vocabulary for machine tests: traces from the real engine, a pure event walker for
 * transition tables, and drivers for the simulated clock (STYLE.md §7, §15).
 */
import { transition, type AnyStateMachine, type EventFromLogic, type SimulatedClock, type SnapshotFrom } from 'xstate';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { peerAuthentication } from '../../domain/testing/fixtures.ts';
import { simulateRequest } from '../../domain/traffic/simulateRequest.ts';
import type { Trace } from '../../domain/traffic/trace.ts';

/** A browser loading the storefront through the ingress gateway: six hops, all ok (the gateway, then frontend fanning out to four backends). */
export function storefrontTrace(): Trace {
  return simulateRequest(createDefaultWorld(), { client: { kind: 'external', name: 'browser' }, url: 'http://34.136.92.187/' });
}

/** A browser calling frontend-external directly after frontend went STRICT: one hop, reset. */
export function resetTrace(): Trace {
  const world = createDefaultWorld();
  world.put(peerAuthentication('frontend', 'namespace-policy', { mtls: { mode: 'STRICT' } }));
  return simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url: 'http://35.202.118.74/' });
}

/** Applies events one after another with the pure `transition`, returning the last snapshot. */
export function walk<TMachine extends AnyStateMachine>(machine: TMachine, snapshot: SnapshotFrom<TMachine>, events: EventFromLogic<TMachine>[]): SnapshotFrom<TMachine> {
  let current = snapshot;
  for (const event of events) current = transition(machine, current, event)[0];
  return current;
}

/**
 * Advances simulated time in small increments. WARNING: one big `increment` would fire only the
 * first of chained timers, because SimulatedClock starts a timer scheduled during a flush at the
 * new `now`.
 */
export function elapse(clock: SimulatedClock, ms: number, grain = 5): void {
  for (let t = 0; t < ms; t += grain) clock.increment(Math.min(grain, ms - t));
}

/** Advances simulated time until `done()` holds, and returns how long that took (or throws after `limit`). */
export function elapseUntil(clock: SimulatedClock, done: () => boolean, limit = 120_000, grain = 5): number {
  const start = clock.now();
  while (!done()) {
    if (clock.now() - start > limit) throw new Error(`still waiting after ${limit} simulated ms`);
    clock.increment(grain);
  }
  return clock.now() - start;
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDefaultWorld } from '../domain/cluster/defaultWorld.ts';
import { peerAuthentication } from '../domain/testing/fixtures.ts';
import { simulateRequest } from '../domain/traffic/simulateRequest.ts';
import type { Trace } from '../domain/traffic/trace.ts';
import { FlowPlayer } from './flows.svelte.ts';

/** The browser through frontend-external, reset by a STRICT frontend: a red "reset" marker. */
function resetByStrict(): Trace {
  const world = createDefaultWorld();
  world.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } }));
  return simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url: 'http://35.202.118.74/' });
}

/** Long enough for any request to play, linger and be swept. */
const PLAYED_AND_SWEPT_MS = 30_000;

let flows: FlowPlayer;
beforeEach(() => {
  vi.useFakeTimers();
  flows = new FlowPlayer();
});
afterEach(() => {
  flows.dispose();
  vi.useRealTimers();
});

describe('FlowPlayer', () => {
  it('takes a finished request off the diagram once it has lingered', async () => {
    flows.add(1, resetByStrict());
    await vi.advanceTimersByTimeAsync(100);
    expect(flows.views.map((v) => v.id)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(PLAYED_AND_SWEPT_MS);
    expect(flows.views).toEqual([]);
    expect(flows.liveCount).toBe(0);
  });

  it('takes the selected request off the diagram too, and keeps it for stepping until another is selected', async () => {
    flows.add(1, resetByStrict());
    // The simulator selects every request the learner makes.
    flows.select(1);
    await vi.advanceTimersByTimeAsync(PLAYED_AND_SWEPT_MS);
    expect(flows.views).toEqual([]);
    expect(flows.liveCount).toBe(1);

    flows.step('back');
    await vi.advanceTimersByTimeAsync(0);
    expect(flows.views.map((v) => [v.id, v.status])).toEqual([[1, 'moving']]);

    // Back to the last step, then past it: the request has played again.
    flows.step('forward');
    flows.step('forward');
    await vi.advanceTimersByTimeAsync(PLAYED_AND_SWEPT_MS);
    expect(flows.views).toEqual([]);
    flows.select(undefined);
    expect(flows.liveCount).toBe(0);
  });

  it('takes a finished request off the diagram after a step forward that had nothing left to play', async () => {
    flows.add(1, resetByStrict());
    flows.select(1);
    await vi.advanceTimersByTimeAsync(PLAYED_AND_SWEPT_MS);
    flows.step('forward');
    await vi.advanceTimersByTimeAsync(0);
    expect(flows.views.map((v) => [v.id, v.status])).toEqual([[1, 'failed']]);
    await vi.advanceTimersByTimeAsync(PLAYED_AND_SWEPT_MS);
    expect(flows.views).toEqual([]);
  });

  it('releases the kept request when another one is selected', async () => {
    flows.add(1, resetByStrict());
    flows.select(1);
    await vi.advanceTimersByTimeAsync(PLAYED_AND_SWEPT_MS);
    flows.add(2, resetByStrict());
    flows.select(2);
    expect(flows.liveCount).toBe(1);
    await vi.advanceTimersByTimeAsync(PLAYED_AND_SWEPT_MS);
    expect(flows.views).toEqual([]);
  });
});

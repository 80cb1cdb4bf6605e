import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDefaultWorld } from '../domain/cluster/defaultWorld.ts';
import { peerAuthentication } from '../domain/testing/fixtures.ts';
import { simulateRequest } from '../domain/traffic/simulateRequest.ts';
import type { Trace } from '../domain/traffic/trace.ts';
import type { FlowPosition } from './flowView.ts';
import { resetTrace, storefrontTrace } from '../machines/testing/flows.ts';
import { FlowPlayer } from './flows.svelte.ts';
import { manualFrames } from './manualFrames.test-helper.ts';

/** The browser through frontend-external, reset by a STRICT frontend: a red "reset" marker. */
function resetByStrict(): Trace {
  const world = createDefaultWorld();
  world.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } }));
  return simulateRequest(world, { client: { kind: 'external', name: 'browser' }, url: 'http://35.202.118.74/' });
}

/** Long enough for any request to play, linger and be swept. */
const PLAYED_AND_SWEPT_MS = 30_000;
/** One animation frame (Node has none: the clock's frames are 16 ms timers). */
const FRAME_MS = 16;

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
    await vi.advanceTimersByTimeAsync(FRAME_MS);
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
    await vi.advanceTimersByTimeAsync(FRAME_MS);
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

describe('FlowPlayer motion', () => {
  /** A player on frames the test fires, with one storefront load (six hops) playing. */
  function playing(trace: Trace = storefrontTrace()) {
    const frames = manualFrames();
    const player = new FlowPlayer(frames.source);
    player.add(1, trace);
    const position = () => player.position(1) ?? { hopIndex: -1, progress: -1 };
    const track = (count: number) => {
      const seen: FlowPosition[] = [];
      frames.frames(count, () => seen.push(position()));
      return seen;
    };
    return { frames, player, position, track };
  }
  let player: FlowPlayer | undefined;
  afterEach(() => player?.dispose());

  it('moves a marker at every frame, steadily along each hop, from its start to its end', () => {
    const run = playing();
    player = run.player;
    // 6.45 s at 16 ms a frame.
    const seen = run.track(420);
    expect(seen.at(-1)?.hopIndex).toBe(5);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]] as [FlowPosition, FlowPosition];
      if (a.hopIndex === b.hopIndex) {
        // Every frame moves, and never back.
        if (b.progress < 1) expect(b.progress).toBeGreaterThan(a.progress);
        else expect(b.progress).toBeGreaterThanOrEqual(a.progress);
      } else {
        // A new hop starts where the last one ended (its server is the next hop's client).
        expect(b.hopIndex).toBe(a.hopIndex + 1);
        expect(a.progress).toBeGreaterThan(0.85);
        expect(b.progress).toBeLessThan(0.15);
      }
    }
  });

  it('pauses every flow by standing the clock still, and goes on from where it stopped', () => {
    const run = playing();
    player = run.player;
    run.track(40);
    run.player.togglePause();
    const at = run.position();
    run.track(100);
    expect(run.position()).toEqual(at);
    run.frames.at(run.frames.now + 5000);
    run.player.togglePause();
    const next = run.track(1)[0];
    expect(next?.hopIndex).toBe(at.hopIndex);
    expect(next?.progress).toBeGreaterThan(at.progress);
    expect((next?.progress ?? 0) - at.progress).toBeLessThan(0.1);
  });

  it('changes its views when a request starts, finishes or is selected, not at every step', () => {
    const run = playing(resetTrace());
    player = run.player;
    run.track(1);
    const started = run.player.views;
    expect(started.map((v) => [v.id, v.status])).toEqual([[1, 'moving']]);
    run.track(20);
    expect(run.player.views).toBe(started);
    run.player.select(1);
    run.track(1);
    expect(run.player.views).not.toBe(started);
    expect(run.player.views[0]?.selected).toBe(true);
    // The reset hop plays its few steps, then the request has failed.
    run.track(200);
    expect(run.player.views.map((v) => [v.id, v.status])).toEqual([[1, 'failed']]);
  });

  it('shows no motion with reduced motion: a marker sits at its hop\'s start, then at its end', () => {
    const run = playing();
    player = run.player;
    run.player.setReducedMotion(true);
    const seen = run.track(420);
    expect(new Set(seen.map((p) => p.progress))).toEqual(new Set([0, 1]));
    expect(seen.at(-1)?.hopIndex).toBe(5);
  });

  it('plays four times as fast at 4×, and the failing hop four times as slowly with slow-at-failure', () => {
    const framesToFinish = (setup: (p: FlowPlayer) => void, trace: Trace) => {
      const run = playing(trace);
      setup(run.player);
      let count = 0;
      while (run.player.views.some((v) => v.status === 'moving') || count < 2) {
        run.frames.frames(1);
        count++;
        if (count > 5000) throw new Error('never finished');
      }
      run.player.dispose();
      return count;
    };
    const normal = framesToFinish(() => {}, storefrontTrace());
    const fast = framesToFinish((p) => p.setSpeed(4), storefrontTrace());
    expect(fast / normal).toBeCloseTo(0.25, 1);
    const reset = framesToFinish(() => {}, resetTrace());
    const slowed = framesToFinish((p) => p.toggleSlowAtFailure(), resetTrace());
    // The reset trace is one failing hop: all of it plays four times as slowly.
    expect(slowed / reset).toBeCloseTo(4, 0);
  });

  it('moves the selected marker to the step at once when stepped, and holds it there', () => {
    const run = playing();
    player = run.player;
    run.player.select(1);
    run.track(5);
    run.player.step('forward');
    const stepped = run.position();
    run.track(50);
    expect(run.position()).toEqual(stepped);
    run.player.step('back');
    expect(run.position().progress).toBeLessThan(stepped.progress);
  });
});

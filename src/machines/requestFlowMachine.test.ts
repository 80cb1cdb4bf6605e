import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, SimulatedClock, type SnapshotFrom } from 'xstate';
import type { Trace } from '../domain/traffic/trace.ts';
import {
  DEFAULT_STEP_DURATION,
  flattenSteps,
  flowOutcome,
  hopProgress,
  requestFlowMachine,
  type RequestFlowEmitted,
  type RequestFlowEvent,
  type RequestFlowInput,
} from './requestFlowMachine.ts';
import { elapse, elapseUntil, resetTrace, storefrontTrace, walk } from './testing/flows.ts';

const storefront = storefrontTrace();
const reset = resetTrace();
/** The storefront load's steps: 3 plaintext steps into the gateway, then 8 mTLS steps on each of 5 hops. */
const STOREFRONT_STEPS = 3 + 5 * 8;

type Snapshot = SnapshotFrom<typeof requestFlowMachine>;

function start(input: Partial<RequestFlowInput> = {}): Snapshot {
  return initialTransition(requestFlowMachine, { trace: storefront, reducedMotion: false, ...input })[0];
}

function playFlow(input: Partial<RequestFlowInput> = {}) {
  const clock = new SimulatedClock();
  const actor = createActor(requestFlowMachine, { input: { trace: storefront, reducedMotion: false, ...input }, clock });
  const cues: RequestFlowEmitted[] = [];
  actor.on('*', (cue) => cues.push(cue));
  actor.start();
  return { clock, actor, cues, isDone: () => actor.getSnapshot().matches('done') };
}

/** The cues a full play of `trace` must emit, built from the trace itself. */
function expectedCues(trace: Trace): RequestFlowEmitted[] {
  return [
    ...flattenSteps(trace).flatMap(({ hopIndex, stepIndex }): RequestFlowEmitted[] => [
      ...(stepIndex === 0 ? [{ type: 'hop.reached' as const, hopIndex }] : []),
      { type: 'step.reached', hopIndex, stepIndex, step: trace.hops[hopIndex]?.handshake[stepIndex] },
    ]),
    { type: 'flow.finished', outcome: flowOutcome(trace) },
  ];
}

const position = (s: Snapshot) => ({ hopIndex: s.context.hopIndex, stepIndex: s.context.stepIndex, progress: s.context.progress, history: s.context.history });

describe('flattenSteps', () => {
  it('walks hops in trace order and the handshake steps within each hop', () => {
    const steps = flattenSteps(storefront);
    expect(steps).toHaveLength(STOREFRONT_STEPS);
    expect(steps.slice(0, 5)).toEqual([
      { hopIndex: 0, stepIndex: 0 }, { hopIndex: 0, stepIndex: 1 }, { hopIndex: 0, stepIndex: 2 },
      { hopIndex: 1, stepIndex: 0 }, { hopIndex: 1, stepIndex: 1 },
    ]);
    expect(steps.at(-1)).toEqual({ hopIndex: 5, stepIndex: 7 });
  });

  it('counts a hop without handshake steps as one step', () => {
    const [first, second] = storefront.hops;
    if (!first || !second) throw new Error('storefront trace has six hops');
    const trace: Trace = { ...storefront, hops: [{ ...first, handshake: [] }, second] };
    expect(flattenSteps(trace)).toEqual([{ hopIndex: 0, stepIndex: 0 }, ...second.handshake.map((_, stepIndex) => ({ hopIndex: 1, stepIndex }))]);
  });
});

describe('flowOutcome and hopProgress', () => {
  it('calls the storefront load ok and the reset failed', () => {
    expect(flowOutcome(storefront)).toBe('ok');
    expect(flowOutcome(reset)).toBe('failed');
  });

  it('moves along a hop step by step, or jumps from 0 to 1 with reduced motion', () => {
    const steps = flattenSteps(reset);
    expect([0, 1, 2].map((c) => hopProgress(steps, c, false))).toEqual([1 / 3, 2 / 3, 1]);
    expect([0, 1, 2].map((c) => hopProgress(steps, c, true))).toEqual([0, 0, 1]);
    expect(hopProgress(steps, -1, false)).toBe(0);
  });
});

describe('requestFlowMachine transitions', () => {
  const forward = (n: number): RequestFlowEvent[] => Array.from({ length: n }, () => ({ type: 'step.forward' }));
  const toLast = forward(STOREFRONT_STEPS);

  // from (events applied to the initial snapshot) + event → state and context fields.
  const table: { name: string; given: RequestFlowEvent[]; event: RequestFlowEvent; state: string; context: Partial<Snapshot['context']> }[] = [
    { name: 'idle + play reaches the first step', given: [], event: { type: 'play' }, state: 'playing', context: { cursor: 0, hopIndex: 0, stepIndex: 0, progress: 1 / 3 } },
    { name: 'idle + step.forward shows the first step paused', given: [], event: { type: 'step.forward' }, state: 'paused', context: { hopIndex: 0, stepIndex: 0 } },
    { name: 'idle + step.back does nothing', given: [], event: { type: 'step.back' }, state: 'idle', context: { cursor: -1, hopIndex: -1, stepIndex: -1 } },
    { name: 'idle + seek jumps there paused', given: [], event: { type: 'seek', hopIndex: 2, stepIndex: 3 }, state: 'paused', context: { hopIndex: 2, stepIndex: 3, progress: 4 / 8 } },
    { name: 'idle + seek outside the trace is ignored', given: [], event: { type: 'seek', hopIndex: 9, stepIndex: 0 }, state: 'idle', context: { cursor: -1 } },
    { name: 'playing + pause keeps the position', given: [{ type: 'play' }], event: { type: 'pause' }, state: 'paused', context: { cursor: 0 } },
    { name: 'paused + play resumes', given: [{ type: 'play' }, { type: 'pause' }], event: { type: 'play' }, state: 'playing', context: { cursor: 0 } },
    { name: 'playing + step.forward pauses on the next step', given: [{ type: 'play' }], event: { type: 'step.forward' }, state: 'paused', context: { hopIndex: 0, stepIndex: 1, history: [{ hopIndex: 0, stepIndex: 0 }] } },
    { name: 'playing + step.back pauses on the previous step', given: [{ type: 'play' }, { type: 'step.forward' }, { type: 'play' }], event: { type: 'step.back' }, state: 'paused', context: { hopIndex: 0, stepIndex: 0, history: [] } },
    { name: 'paused + step.forward crosses into the next hop', given: forward(3), event: { type: 'step.forward' }, state: 'paused', context: { hopIndex: 1, stepIndex: 0, progress: 1 / 8 } },
    { name: 'paused + step.back without history stays', given: forward(1), event: { type: 'step.back' }, state: 'paused', context: { hopIndex: 0, stepIndex: 0 } },
    { name: 'paused on the last step + step.forward finishes', given: toLast, event: { type: 'step.forward' }, state: 'done', context: { hopIndex: 5, stepIndex: 7, progress: 1 } },
    { name: 'done + step.back pauses one step earlier', given: [...toLast, { type: 'step.forward' }], event: { type: 'step.back' }, state: 'paused', context: { hopIndex: 5, stepIndex: 6 } },
    { name: 'done + play is ignored (a global resume leaves finished flows alone)', given: [...toLast, { type: 'step.forward' }], event: { type: 'play' }, state: 'done', context: { hopIndex: 5, stepIndex: 7 } },
    { name: 'done + seek to the start + play replays', given: [...toLast, { type: 'step.forward' }, { type: 'seek', hopIndex: 0, stepIndex: 0 }], event: { type: 'play' }, state: 'playing', context: { cursor: 0, hopIndex: 0, stepIndex: 0 } },
    { name: 'idle + pause stays idle (a flow added while paused)', given: [], event: { type: 'pause' }, state: 'idle', context: { cursor: -1 } },
    { name: 'done + seek pauses there', given: [...toLast, { type: 'step.forward' }], event: { type: 'seek', hopIndex: 1, stepIndex: 0 }, state: 'paused', context: { hopIndex: 1, stepIndex: 0 } },
    { name: 'speed.set clamps above 4', given: [], event: { type: 'speed.set', speed: 10 }, state: 'idle', context: { speed: 4 } },
    { name: 'speed.set clamps below 0.25', given: [{ type: 'play' }], event: { type: 'speed.set', speed: 0.1 }, state: 'playing', context: { speed: 0.25 } },
    { name: 'slow-at-failure.set sets the flag', given: [{ type: 'play' }], event: { type: 'slow-at-failure.set', slowAtFailure: true }, state: 'playing', context: { slowAtFailure: true } },
    { name: 'reduced-motion.set recomputes progress', given: forward(2), event: { type: 'reduced-motion.set', reducedMotion: true }, state: 'paused', context: { stepIndex: 1, progress: 0, reducedMotion: true } },
  ];

  it.each(table)('$name', ({ given, event, state, context }) => {
    const next = walk(requestFlowMachine, start(), [...given, event]);
    expect(next.value).toBe(state);
    expect(next.context).toMatchObject(context);
  });

  it('goes straight to done for a trace without hops', () => {
    const empty = initialTransition(requestFlowMachine, { trace: { ...storefront, hops: [] }, reducedMotion: false })[0];
    expect(walk(requestFlowMachine, empty, [{ type: 'play' }]).value).toBe('done');
  });

  it('restores every earlier position exactly when stepping back', () => {
    const visited: Snapshot[] = [];
    let s = walk(requestFlowMachine, start(), [{ type: 'step.forward' }]);
    for (let i = 0; i < 12; i++) {
      visited.push(s);
      s = walk(requestFlowMachine, s, [{ type: 'step.forward' }]);
    }
    for (const earlier of visited.reverse()) {
      s = walk(requestFlowMachine, s, [{ type: 'step.back' }]);
      expect(position(s)).toEqual(position(earlier));
    }
  });

  it('steps back from a seek to where it was before the seek', () => {
    const before = walk(requestFlowMachine, start(), [{ type: 'step.forward' }, { type: 'step.forward' }]);
    const back = walk(requestFlowMachine, before, [{ type: 'seek', hopIndex: 4, stepIndex: 5 }, { type: 'step.back' }]);
    expect(position(back)).toEqual(position(before));
  });
});

describe('requestFlowMachine playing with a simulated clock', () => {
  it('plays the storefront load to done, emitting the cues in order', () => {
    const { actor, clock, cues, isDone } = playFlow();
    actor.send({ type: 'play' });
    const took = elapseUntil(clock, isDone);
    expect(took).toBe(STOREFRONT_STEPS * DEFAULT_STEP_DURATION);
    expect(cues).toEqual(expectedCues(storefront));
    expect(cues.filter((c) => c.type === 'hop.reached').map((c) => c.hopIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(cues.at(-1)).toEqual({ type: 'flow.finished', outcome: 'ok' });
  });

  it('plays the reset hop and finishes failed', () => {
    const { actor, clock, cues, isDone } = playFlow({ trace: reset });
    actor.send({ type: 'play' });
    elapseUntil(clock, isDone);
    expect(cues.map((c) => (c.type === 'step.reached' ? c.step?.kind : c.type))).toEqual(['hop.reached', 'tcp_connect', 'plaintext', 'reset', 'flow.finished']);
    expect(cues.at(-1)).toEqual({ type: 'flow.finished', outcome: 'failed' });
  });

  it('stands still while paused and carries on after play', () => {
    const { actor, clock, cues, isDone } = playFlow();
    actor.send({ type: 'play' });
    elapse(clock, 2 * DEFAULT_STEP_DURATION);
    actor.send({ type: 'pause' });
    const paused = actor.getSnapshot().context.cursor;
    expect(paused).toBe(2);
    elapse(clock, 10_000);
    expect(actor.getSnapshot().context.cursor).toBe(paused);
    actor.send({ type: 'play' });
    elapse(clock, DEFAULT_STEP_DURATION);
    expect(actor.getSnapshot().context.cursor).toBe(paused + 1);
    elapseUntil(clock, isDone);
    expect(cues).toEqual(expectedCues(storefront));
  });

  it('takes half the time at 2× and twice the time at 0.5×', () => {
    const timeAt = (speed: number) => {
      const { actor, clock, isDone } = playFlow({ speed });
      actor.send({ type: 'play' });
      return elapseUntil(clock, isDone);
    };
    const normal = timeAt(1);
    expect(timeAt(2)).toBe(normal / 2);
    expect(timeAt(0.5)).toBe(normal * 2);
  });

  it('applies a speed change while playing from the current step on', () => {
    const { actor, clock } = playFlow();
    actor.send({ type: 'play' });
    actor.send({ type: 'speed.set', speed: 4 });
    elapse(clock, DEFAULT_STEP_DURATION);
    expect(actor.getSnapshot().context.cursor).toBe(4);
  });

  it('plays the failing hop four times slower with slow-at-failure on', () => {
    const timeFor = (trace: Trace, slowAtFailure: boolean) => {
      const { actor, clock, isDone } = playFlow({ trace, slowAtFailure });
      actor.send({ type: 'play' });
      return elapseUntil(clock, isDone);
    };
    expect(timeFor(reset, false)).toBe(3 * DEFAULT_STEP_DURATION);
    expect(timeFor(reset, true)).toBe(4 * 3 * DEFAULT_STEP_DURATION);
    // A trace without a failing hop plays at its normal pace.
    expect(timeFor(storefront, true)).toBe(timeFor(storefront, false));
  });

  it('lets tests and the app provide another tick', () => {
    const clock = new SimulatedClock();
    const fast = requestFlowMachine.provide({ delays: { tick: 10 } });
    const actor = createActor(fast, { input: { trace: storefront, reducedMotion: false }, clock }).start();
    actor.send({ type: 'play' });
    expect(elapseUntil(clock, () => actor.getSnapshot().matches('done'), 10_000, 1)).toBe(STOREFRONT_STEPS * 10);
  });

  it('gives the same steps, cues and timing with reduced motion, with progress only 0 or 1', () => {
    const run = (reducedMotion: boolean) => {
      const { actor, clock, cues, isDone } = playFlow({ reducedMotion });
      const progress: number[] = [];
      actor.subscribe((s) => progress.push(s.context.progress));
      actor.send({ type: 'play' });
      return { took: elapseUntil(clock, isDone), cues, progress };
    };
    const smooth = run(false);
    const reduced = run(true);
    expect(reduced.cues).toEqual(smooth.cues);
    expect(reduced.took).toBe(smooth.took);
    expect(new Set(reduced.progress)).toEqual(new Set([0, 1]));
    expect(smooth.progress).toContain(1 / 8);
  });

  it('emits cues when stepping by hand, including back across a hop', () => {
    const { actor, cues } = playFlow({ trace: storefront });
    for (let i = 0; i < 4; i++) actor.send({ type: 'step.forward' });
    cues.length = 0;
    actor.send({ type: 'step.back' });
    expect(cues).toEqual([
      { type: 'hop.reached', hopIndex: 0 },
      { type: 'step.reached', hopIndex: 0, stepIndex: 2, step: storefront.hops[0]?.handshake[2] },
    ]);
  });

  it('shows the new position to a cue listener', () => {
    const { actor } = playFlow();
    const seen: number[] = [];
    actor.on('step.reached', () => seen.push(actor.getSnapshot().context.cursor));
    actor.send({ type: 'step.forward' });
    actor.send({ type: 'step.forward' });
    expect(seen).toEqual([0, 1]);
  });
});

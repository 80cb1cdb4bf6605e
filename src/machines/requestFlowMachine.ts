import { assign, emit, enqueueActions, setup } from 'xstate';
import type { HandshakeStep, Hop, Trace } from '../domain/traffic/trace.ts';
import { clampSpeed } from './speed.ts';

/** One displayable step of a trace: a handshake step of a hop (step 0 for a hop without any). */
export interface StepPosition {
  hopIndex: number;
  stepIndex: number;
}

export interface RequestFlowInput {
  trace: Trace;
  reducedMotion: boolean;
  /** Start with the playback controller's settings. */
  speed?: number;
  slowAtFailure?: boolean;
  /** Milliseconds one step shows at speed 1 (default DEFAULT_STEP_DURATION). */
  stepDuration?: number;
}

export interface RequestFlowContext {
  trace: Trace;
  /** flattenSteps(trace), computed once. */
  steps: StepPosition[];
  /** Index into `steps` of the step shown; -1 before the first one. */
  cursor: number;
  /** The hop shown; -1 before the first step. */
  hopIndex: number;
  /** The handshake step shown within the hop; -1 before the first step. */
  stepIndex: number;
  /** How far along the current hop's travel the request is, 0..1 (only 0 or 1 with reduced motion). */
  progress: number;
  /** Earlier positions, newest last: `step.back` returns to the last one. */
  history: StepPosition[];
  speed: number;
  slowAtFailure: boolean;
  reducedMotion: boolean;
  stepDuration: number;
}

export type RequestFlowEvent =
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step.forward' }
  | { type: 'step.back' }
  | { type: 'speed.set'; speed: number }
  | { type: 'slow-at-failure.set'; slowAtFailure: boolean }
  | { type: 'reduced-motion.set'; reducedMotion: boolean }
  | { type: 'seek'; hopIndex: number; stepIndex: number };

/** Cues for views, in play order: a hop is reached before its first step. */
export type RequestFlowEmitted =
  | { type: 'hop.reached'; hopIndex: number }
  | { type: 'step.reached'; hopIndex: number; stepIndex: number; step: HandshakeStep | undefined }
  | { type: 'flow.finished'; outcome: 'ok' | 'failed' };

export const DEFAULT_STEP_DURATION = 400;
/** How much slower the failing hop plays with slow-at-failure on. */
export const SLOW_AT_FAILURE_FACTOR = 4;
/** Bounds `history` when a learner seeks back and forth for a long time. */
export const MAX_HISTORY = 512;

/** Every step of a trace in play order: hops in trace order, then their handshake steps. */
export function flattenSteps(trace: Trace): StepPosition[] {
  return trace.hops.flatMap((hop, hopIndex) =>
    hop.handshake.length === 0 ? [{ hopIndex, stepIndex: 0 }] : hop.handshake.map((_, stepIndex) => ({ hopIndex, stepIndex })));
}

/** A hop failed when the server did not accept and answer it (see HopOutcome). */
export function isFailingHop(hop: Hop): boolean {
  return hop.outcome !== 'ok';
}

/** `ok` when every hop was answered and the client got an HTTP response below 500. */
export function flowOutcome(trace: Trace): 'ok' | 'failed' {
  const answered = trace.curlExit === 0 && trace.httpCode > 0 && trace.httpCode < 500;
  return answered && !trace.hops.some(isFailingHop) ? 'ok' : 'failed';
}

/** The index of a position in `steps`, or -1. */
export function cursorOf(steps: readonly StepPosition[], position: StepPosition): number {
  return steps.findIndex((s) => s.hopIndex === position.hopIndex && s.stepIndex === position.stepIndex);
}

/**
 * Progress along a hop at a cursor: the share of the hop's steps shown so far. With reduced motion
 * there is no travel to interpolate, so it stays 0 until the hop's last step and then is 1.
 */
export function hopProgress(steps: readonly StepPosition[], cursor: number, reducedMotion: boolean): number {
  const here = steps[cursor];
  if (!here) return 0;
  const count = steps.filter((s) => s.hopIndex === here.hopIndex).length;
  const shown = here.stepIndex + 1;
  if (reducedMotion) return shown >= count ? 1 : 0;
  return shown / count;
}

/** How long the current step shows: stepDuration / speed, ×SLOW_AT_FAILURE_FACTOR on a failing hop. */
export function stepDelay(context: Pick<RequestFlowContext, 'trace' | 'hopIndex' | 'speed' | 'slowAtFailure' | 'stepDuration'>): number {
  const hop = context.trace.hops[context.hopIndex];
  const slow = context.slowAtFailure && hop !== undefined && isFailingHop(hop);
  return (context.stepDuration / clampSpeed(context.speed)) * (slow ? SLOW_AT_FAILURE_FACTOR : 1);
}

type Flow = Pick<RequestFlowContext, 'trace' | 'steps' | 'cursor' | 'history' | 'reducedMotion'>;

/** The context after moving to `cursor`: forward moves remember where they came from, back moves forget it. */
export function planMove(context: Flow, cursor: number, direction: 'forward' | 'back'): Pick<RequestFlowContext, 'cursor' | 'hopIndex' | 'stepIndex' | 'progress' | 'history'> {
  const from = context.steps[context.cursor];
  const history = direction === 'back'
    ? context.history.slice(0, -1)
    : from && cursor !== context.cursor ? [...context.history, from].slice(-MAX_HISTORY) : context.history;
  const to = context.steps[cursor];
  return { cursor, hopIndex: to?.hopIndex ?? -1, stepIndex: to?.stepIndex ?? -1, progress: hopProgress(context.steps, cursor, context.reducedMotion), history };
}

/** The cues a move shows: `hop.reached` when the hop changes, then `step.reached`. */
export function cuesForMove(context: Flow, cursor: number): RequestFlowEmitted[] {
  const to = context.steps[cursor];
  if (!to) return [];
  const hopChanged = context.steps[context.cursor]?.hopIndex !== to.hopIndex;
  const step = context.trace.hops[to.hopIndex]?.handshake[to.stepIndex];
  return [
    ...(hopChanged ? [{ type: 'hop.reached' as const, hopIndex: to.hopIndex }] : []),
    { type: 'step.reached' as const, hopIndex: to.hopIndex, stepIndex: to.stepIndex, step },
  ];
}

/** The cursor `step.back` returns to: the newest remembered position. */
function previousCursor(context: Flow): number {
  const last = context.history.at(-1);
  return last ? cursorOf(context.steps, last) : -1;
}

const toStart = { cursor: -1, hopIndex: -1, stepIndex: -1, progress: 0, history: [] };

/**
 * Plays one trace step by step: hops in order, and within each hop its handshake steps. Views
 * follow the emitted cues and the position in context; they never decide what comes next. Timing
 * is the named delay `tick` (stepDelay), so tests and the app can `.provide()` another clock or delay.
 */
export const requestFlowMachine = setup({
  types: {
    context: {} as RequestFlowContext,
    events: {} as RequestFlowEvent,
    input: {} as RequestFlowInput,
    emitted: {} as RequestFlowEmitted,
  },
  guards: {
    hasNoSteps: ({ context }) => context.steps.length === 0,
    hasHistory: ({ context }) => previousCursor(context) >= 0,
    isAtLastStep: ({ context }) => context.cursor >= context.steps.length - 1,
    isKnownPosition: ({ context }, params: StepPosition) => cursorOf(context.steps, params) >= 0,
  },
  actions: {
    moveTo: enqueueActions(({ context, enqueue }, params: { cursor: number; direction: 'forward' | 'back' }) => {
      for (const cue of cuesForMove(context, params.cursor)) enqueue.emit(cue);
      enqueue.assign(planMove(context, params.cursor, params.direction));
    }),
    finish: emit(({ context }) => ({ type: 'flow.finished' as const, outcome: flowOutcome(context.trace) })),
    setSpeed: assign({ speed: (_, params: { speed: number }) => clampSpeed(params.speed) }),
    setSlowAtFailure: assign({ slowAtFailure: (_, params: { slowAtFailure: boolean }) => params.slowAtFailure }),
    setReducedMotion: assign(({ context }, params: { reducedMotion: boolean }) => ({ reducedMotion: params.reducedMotion, progress: hopProgress(context.steps, context.cursor, params.reducedMotion) })),
  },
  delays: {
    tick: ({ context }) => stepDelay(context),
  },
}).createMachine({
  id: 'requestFlow',
  context: ({ input }) => ({
    trace: input.trace,
    steps: flattenSteps(input.trace),
    ...toStart,
    speed: clampSpeed(input.speed ?? 1),
    slowAtFailure: input.slowAtFailure ?? false,
    reducedMotion: input.reducedMotion,
    stepDuration: input.stepDuration ?? DEFAULT_STEP_DURATION,
  }),
  initial: 'idle',
  on: {
    'speed.set': { actions: { type: 'setSpeed', params: ({ event }) => ({ speed: event.speed }) } },
    'slow-at-failure.set': { actions: { type: 'setSlowAtFailure', params: ({ event }) => ({ slowAtFailure: event.slowAtFailure }) } },
    'reduced-motion.set': { actions: { type: 'setReducedMotion', params: ({ event }) => ({ reducedMotion: event.reducedMotion }) } },
  },
  states: {
    idle: {
      on: {
        play: [
          { guard: 'hasNoSteps', target: 'done', actions: 'finish' },
          { target: 'playing', actions: { type: 'moveTo', params: { cursor: 0, direction: 'forward' } } },
        ],
        'step.forward': [
          { guard: 'hasNoSteps', target: 'done', actions: 'finish' },
          { target: 'paused', actions: { type: 'moveTo', params: { cursor: 0, direction: 'forward' } } },
        ],
        seek: {
          guard: { type: 'isKnownPosition', params: ({ event }) => event },
          target: 'paused',
          actions: { type: 'moveTo', params: ({ context, event }) => ({ cursor: cursorOf(context.steps, event), direction: 'forward' }) },
        },
      },
    },
    playing: {
      after: {
        tick: [
          { guard: 'isAtLastStep', target: 'done', actions: 'finish' },
          { target: 'playing', reenter: true, actions: { type: 'moveTo', params: ({ context }) => ({ cursor: context.cursor + 1, direction: 'forward' }) } },
        ],
      },
      on: {
        pause: 'paused',
        'step.forward': [
          { guard: 'isAtLastStep', target: 'done', actions: 'finish' },
          { target: 'paused', actions: { type: 'moveTo', params: ({ context }) => ({ cursor: context.cursor + 1, direction: 'forward' }) } },
        ],
        'step.back': [
          { guard: 'hasHistory', target: 'paused', actions: { type: 'moveTo', params: ({ context }) => ({ cursor: previousCursor(context), direction: 'back' }) } },
          { target: 'paused' },
        ],
        seek: {
          guard: { type: 'isKnownPosition', params: ({ event }) => event },
          target: 'playing',
          reenter: true,
          actions: { type: 'moveTo', params: ({ context, event }) => ({ cursor: cursorOf(context.steps, event), direction: 'forward' }) },
        },
        // Re-entering restarts the step's timer, so the new timing applies at once.
        'speed.set': { target: 'playing', reenter: true, actions: { type: 'setSpeed', params: ({ event }) => ({ speed: event.speed }) } },
        'slow-at-failure.set': { target: 'playing', reenter: true, actions: { type: 'setSlowAtFailure', params: ({ event }) => ({ slowAtFailure: event.slowAtFailure }) } },
      },
    },
    paused: {
      on: {
        play: 'playing',
        'step.forward': [
          { guard: 'isAtLastStep', target: 'done', actions: 'finish' },
          { actions: { type: 'moveTo', params: ({ context }) => ({ cursor: context.cursor + 1, direction: 'forward' }) } },
        ],
        'step.back': { guard: 'hasHistory', actions: { type: 'moveTo', params: ({ context }) => ({ cursor: previousCursor(context), direction: 'back' }) } },
        seek: {
          guard: { type: 'isKnownPosition', params: ({ event }) => event },
          actions: { type: 'moveTo', params: ({ context, event }) => ({ cursor: cursorOf(context.steps, event), direction: 'forward' }) },
        },
      },
    },
    /**
     * The last step stays shown. `play` is ignored, so a global resume does not restart finished
     * flows; replay with `seek` to the first step, then `play`.
     */
    done: {
      on: {
        'step.back': { guard: 'hasHistory', target: 'paused', actions: { type: 'moveTo', params: ({ context }) => ({ cursor: previousCursor(context), direction: 'back' }) } },
        seek: {
          guard: { type: 'isKnownPosition', params: ({ event }) => event },
          target: 'paused',
          actions: { type: 'moveTo', params: ({ context, event }) => ({ cursor: cursorOf(context.steps, event), direction: 'forward' }) },
        },
      },
    },
  },
});

import { assign, setup } from 'xstate';
import { clampSpeed, MAX_SPEED, MIN_SPEED, stepSpeed } from './speed.ts';

/** The global playback settings every request flow follows. */
export interface PlaybackContext {
  /** Multiplier of the base step duration, 0.25–4. */
  speed: number;
  /** Play the failing hop four times slower. */
  slowAtFailure: boolean;
  /** No interpolated travel: progress jumps from 0 to 1 (prefers-reduced-motion). */
  reducedMotion: boolean;
  /** Mirrors the `paused` state for views that only read context. */
  paused: boolean;
}

/** Initial settings; pass `{}` for the defaults (1×, running, no slow-down, full motion). */
export interface PlaybackInput {
  speed?: number;
  slowAtFailure?: boolean;
  reducedMotion?: boolean;
  paused?: boolean;
}

export type PlaybackEvent =
  | { type: 'speed.set'; speed: number }
  | { type: 'speed.up' }
  | { type: 'speed.down' }
  | { type: 'slow-at-failure.toggle' }
  | { type: 'reduced-motion.set'; reducedMotion: boolean }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'toggle' };

/** The playback controller shared by all flows; the app forwards its context to each flow actor. */
export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    input: {} as PlaybackInput,
  },
  guards: {
    canSpeedUp: ({ context }) => context.speed < MAX_SPEED,
    canSpeedDown: ({ context }) => context.speed > MIN_SPEED,
    isStartingPaused: ({ context }) => context.paused,
  },
  actions: {
    setSpeed: assign({ speed: (_, params: { speed: number }) => clampSpeed(params.speed) }),
    speedUp: assign({ speed: ({ context }) => stepSpeed(context.speed, 'up') }),
    speedDown: assign({ speed: ({ context }) => stepSpeed(context.speed, 'down') }),
    toggleSlowAtFailure: assign({ slowAtFailure: ({ context }) => !context.slowAtFailure }),
    setReducedMotion: assign({ reducedMotion: (_, params: { reducedMotion: boolean }) => params.reducedMotion }),
    markPaused: assign({ paused: true }),
    markRunning: assign({ paused: false }),
  },
}).createMachine({
  id: 'playback',
  context: ({ input }) => ({
    speed: clampSpeed(input.speed ?? 1),
    slowAtFailure: input.slowAtFailure ?? false,
    reducedMotion: input.reducedMotion ?? false,
    paused: input.paused ?? false,
  }),
  initial: 'starting',
  on: {
    'speed.set': { actions: { type: 'setSpeed', params: ({ event }) => ({ speed: event.speed }) } },
    'speed.up': { guard: 'canSpeedUp', actions: 'speedUp' },
    'speed.down': { guard: 'canSpeedDown', actions: 'speedDown' },
    'slow-at-failure.toggle': { actions: 'toggleSlowAtFailure' },
    'reduced-motion.set': { actions: { type: 'setReducedMotion', params: ({ event }) => ({ reducedMotion: event.reducedMotion }) } },
  },
  states: {
    /** Picks the first state from the input, so a restored session can start paused. */
    starting: {
      always: [{ guard: 'isStartingPaused', target: 'paused' }, { target: 'running' }],
    },
    running: {
      entry: 'markRunning',
      on: { pause: 'paused', toggle: 'paused' },
    },
    paused: {
      entry: 'markPaused',
      on: { resume: 'running', toggle: 'running' },
    },
  },
});

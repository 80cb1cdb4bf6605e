import type { FrameSource } from './frameClock.ts';

/**
 * Animation frames that the test fires: `frame(time)` runs the pending request as the browser
 * would at `time`, `frames(n)` runs n frames of `interval` ms, and `at(time)` lets time pass
 * without a frame (the clock reads it when it starts again).
 */
export function manualFrames(start = 1000, interval = 16) {
  let requested: ((time: number) => void) | undefined;
  let now = start;
  const source: FrameSource = {
    now: () => now,
    request: (callback) => {
      requested = callback;
      return 1;
    },
    cancel: () => {
      requested = undefined;
    },
  };
  const frame = (time: number) => {
    now = time;
    const run = requested;
    requested = undefined;
    run?.(time);
  };
  return {
    source,
    get now() {
      return now;
    },
    get waiting() {
      return requested !== undefined;
    },
    at(time: number) {
      now = time;
    },
    frame,
    /** Runs `count` frames `interval` ms apart, calling `each` after every one. */
    frames(count: number, each?: () => void) {
      for (let i = 0; i < count; i++) {
        frame(now + interval);
        each?.();
      }
    },
  };
}

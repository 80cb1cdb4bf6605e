/** Where frames come from: the browser's animation frames, or a timer where there are none (tests, Node). */
export interface FrameSource {
  /** The time frames are stamped with (ms). */
  now(): number;
  /** Calls `callback` with the frame's time at the next frame. */
  request(callback: (time: number) => void): unknown;
  cancel(handle: unknown): void;
}

/** `requestAnimationFrame` when there is one, else a 16 ms timer on `Date.now()` (which fake timers control). */
export function animationFrames(): FrameSource {
  if (typeof requestAnimationFrame === 'function') {
    return { now: () => performance.now(), request: (callback) => requestAnimationFrame(callback), cancel: (handle) => cancelAnimationFrame(handle as number) };
  }
  return {
    now: () => Date.now(),
    request: (callback) => setTimeout(() => callback(Date.now()), 16),
    cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

interface Timer {
  due: number;
  fn: () => void;
}

/**
 * One clock for every request flow: the XState `clock` of their actors (their step timers) and the
 * frame loop that moves their markers. Time is simulated: it moves on with the animation frames
 * while the clock runs and stands still while it is paused, so pausing needs no event to any actor
 * and resuming continues every step where it stopped. A frame fires the timers that fell due, each
 * at its own due time (a step scheduled by a timer starts when that timer was due, not when the
 * frame came), then calls the frame listeners. Frames are requested only while a timer waits, or
 * once when asked (`requestFrame`): an idle page draws nothing.
 */
export class FrameClock {
  /** Simulated milliseconds. */
  now = 0;
  paused = false;
  private timers = new Map<number, Timer>();
  private nextId = 1;
  private listeners: ((now: number) => void)[] = [];
  private handle: unknown;
  /** The frame source's time that `now` last moved to. */
  private last: number | undefined;
  private wanted = false;

  constructor(private readonly frames: FrameSource = animationFrames()) {}

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { due: this.now + Math.max(0, ms), fn });
    this.loop();
    return id;
  }

  clearTimeout(id: unknown): void {
    this.timers.delete(id as number);
  }

  /** How many timers wait. */
  get pending(): number {
    return this.timers.size;
  }

  /** Calls `listener` at the end of every frame (after the timers); returns the function that stops it. */
  onFrame(listener: (now: number) => void): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Asks for one frame even when no timer waits (a view changed). */
  requestFrame(): void {
    this.wanted = true;
    this.loop();
  }

  pause(): void {
    this.paused = true;
    this.last = undefined;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.loop();
  }

  /** Moves time on by `ms`, firing the timers that fall due in order, each at its due time. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let next: [number, Timer] | undefined;
      for (const entry of this.timers) if (!next || entry[1].due < next[1].due) next = entry;
      if (!next || next[1].due > end) break;
      this.timers.delete(next[0]);
      this.now = Math.max(this.now, next[1].due);
      next[1].fn();
    }
    this.now = end;
  }

  /** Stops the frame loop and forgets every timer. */
  dispose(): void {
    if (this.handle !== undefined) this.frames.cancel(this.handle);
    this.handle = undefined;
    this.timers.clear();
    this.listeners = [];
  }

  private loop(): void {
    if (this.handle !== undefined || (!this.wanted && (this.paused || this.timers.size === 0))) return;
    this.last ??= this.frames.now();
    this.handle = this.frames.request((time) => this.frame(time));
  }

  private frame(time: number): void {
    this.handle = undefined;
    this.wanted = false;
    if (!this.paused) {
      // A frame's time can precede the moment it was requested.
      this.advance(Math.max(0, time - (this.last ?? time)));
      this.last = Math.max(this.last ?? time, time);
    }
    for (const listener of this.listeners) listener(this.now);
    if (this.timers.size === 0 || this.paused) this.last = undefined;
    this.loop();
  }
}

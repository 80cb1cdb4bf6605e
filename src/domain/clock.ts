/** Where the simulator reads the time from. Injected so that tests and `sim` are deterministic. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** A clock that moves only when told to (sleep, tests). */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }
  set(ms: number): void {
    this.current = ms;
  }
}

/** A clock that follows real time from a chosen starting instant (the browser). */
export class RealtimeClock implements Clock {
  private readonly offset: number;
  private extra = 0;
  constructor(start: number, private readonly source: () => number = () => Date.now()) {
    this.offset = start - source();
  }
  now(): number {
    return this.source() + this.offset + this.extra;
  }
  advance(ms: number): void {
    this.extra += Math.max(0, ms);
  }
}

/**
 * Holds time still while one command runs, so that every object a command creates shares one
 * timestamp (as with one API request batch); `advance` (sleep) still moves it forward.
 */
export class PinnedClock implements Clock {
  private readonly pinned: number;
  constructor(private readonly base: Clock & { advance?(ms: number): void }) {
    this.pinned = base.now();
  }
  now(): number {
    return this.pinned + this.slept;
  }
  private slept = 0;
  advance(ms: number): void {
    this.slept += Math.max(0, ms);
    this.base.advance?.(ms);
  }
}

/** 2026-11-28T09:00:00Z: the fixed instant the default world's clock starts at. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 10, 28, 9, 0, 0);

export function toSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

import { SeededRandom } from './random.ts';

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

/** The shortest and longest pause between two commands, in milliseconds (see CommandPace). */
export const COMMAND_PAUSE_MS = { min: 2000, max: 8000 } as const;

/**
 * The time a person takes between two commands: reading the last output, typing the next. Before
 * each command, `begin` moves the clock on so that at least one pause (drawn from its own seeded
 * generator, 2 to 8 seconds) separates the command from the end of the previous one. A clock that
 * stands still (ManualClock, the `sim` CLI) therefore moves by exactly the pause; a real-time clock
 * (the browser), where the learner's own typing already took longer, does not move at all, and
 * only catches up when commands come faster than a person types (a script pasted at once). So two
 * commands never share a timestamp: a second `rollout restart` gets a new `restartedAt`, and
 * policies created one after the other have distinct creation times.
 * The draws never touch the world's generator (uids and names stay as they were), and the same
 * commands in the same order get the same pauses.
 */
export class CommandPace {
  private lastEnd: number | undefined;
  private readonly rng: SeededRandom;

  constructor(seed = 20261207) {
    this.rng = new SeededRandom(seed);
  }

  /** Before a command: the pause since the previous command's end, made up where time stood still. */
  begin(clock: Clock & { advance?(ms: number): void }): void {
    if (this.lastEnd === undefined) return;
    const pause = this.rng.int(COMMAND_PAUSE_MS.min, COMMAND_PAUSE_MS.max);
    const elapsed = clock.now() - this.lastEnd;
    if (elapsed < pause) clock.advance?.(pause - elapsed);
  }

  /** After a command (its sleeps included). */
  end(clock: Clock): void {
    this.lastEnd = clock.now();
  }
}

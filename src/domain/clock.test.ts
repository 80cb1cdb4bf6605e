import { describe, expect, it } from 'vitest';
import { COMMAND_PAUSE_MS, CommandPace, ManualClock, RealtimeClock } from './clock.ts';

/** Runs `n` commands, each taking `busyMs` of clock time, and returns when each began. */
function starts(pace: CommandPace, clock: ManualClock | RealtimeClock, n: number, between: () => void = () => {}): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    between();
    pace.begin(clock);
    out.push(clock.now());
    pace.end(clock);
  }
  return out;
}

describe('CommandPace', () => {
  it('moves a still clock by a seeded pause of 2 to 8 seconds before every command but the first', () => {
    const clock = new ManualClock(0);
    const times = starts(new CommandPace(), clock, 50);
    expect(times[0]).toBe(0);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(COMMAND_PAUSE_MS.min);
      expect(gap).toBeLessThanOrEqual(COMMAND_PAUSE_MS.max);
    }
    // Not one fixed step: the pauses vary as a person's do.
    expect(new Set(gaps).size).toBeGreaterThan(10);
  });

  it('draws the same pauses for the same commands (reproducible transcripts)', () => {
    expect(starts(new CommandPace(), new ManualClock(0), 20)).toEqual(starts(new CommandPace(), new ManualClock(0), 20));
  });

  it('counts the pause from the end of the previous command, sleeps included', () => {
    const clock = new ManualClock(0);
    const pace = new CommandPace();
    pace.begin(clock);
    clock.advance(90_000); // sleep 90
    pace.end(clock);
    pace.begin(clock);
    expect(clock.now()).toBeGreaterThanOrEqual(90_000 + COMMAND_PAUSE_MS.min);
    expect(clock.now()).toBeLessThanOrEqual(90_000 + COMMAND_PAUSE_MS.max);
  });

  it('leaves a real-time clock alone when the learner took longer than a pause to type', () => {
    let real = 1_000_000;
    const clock = new RealtimeClock(0, () => real);
    const times = starts(new CommandPace(), clock, 5, () => (real += 15_000));
    expect(times).toEqual([15_000, 30_000, 45_000, 60_000, 75_000]);
  });

  it('only makes up the difference when commands come faster than a person types (a pasted script)', () => {
    let real = 0;
    const clock = new RealtimeClock(0, () => real);
    const times = starts(new CommandPace(), clock, 10, () => (real += 500));
    for (let i = 1; i < times.length; i++) {
      const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
      expect(gap).toBeGreaterThanOrEqual(COMMAND_PAUSE_MS.min);
      expect(gap).toBeLessThanOrEqual(COMMAND_PAUSE_MS.max);
    }
  });
});

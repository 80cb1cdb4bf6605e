/**
 * Playback speed, shared by the playback controller and every request flow: a multiplier of the
 * base step duration, clamped to what the speed control offers.
 */

/** The speeds `speed.up`/`speed.down` step through, slowest first. */
export const SPEED_STEPS = [0.25, 0.5, 1, 2, 4] as const;

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

/** Clamps a requested speed into [MIN_SPEED, MAX_SPEED]; anything not a finite number becomes 1. */
export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** The next preset above (`up`) or below (`down`) a speed, or the speed itself at the end of the range. */
export function stepSpeed(speed: number, direction: 'up' | 'down'): number {
  const current = clampSpeed(speed);
  const next = direction === 'up'
    ? SPEED_STEPS.find((s) => s > current)
    : [...SPEED_STEPS].reverse().find((s) => s < current);
  return next ?? current;
}

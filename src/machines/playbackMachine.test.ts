import { describe, expect, it } from 'vitest';
import { initialTransition, type SnapshotFrom } from 'xstate';
import { playbackMachine, type PlaybackContext, type PlaybackEvent, type PlaybackInput } from './playbackMachine.ts';
import { clampSpeed, stepSpeed } from './speed.ts';
import { walk } from './testing/flows.ts';

type Snapshot = SnapshotFrom<typeof playbackMachine>;
const start = (input: PlaybackInput = {}): Snapshot => initialTransition(playbackMachine, input)[0];

describe('speed helpers', () => {
  it('clamps to 0.25–4 and treats nonsense as 1', () => {
    expect([0, 0.25, 3, 9, Number.NaN].map(clampSpeed)).toEqual([0.25, 0.25, 3, 4, 1]);
  });

  it('steps through the presets, and from between presets to the next one', () => {
    expect(stepSpeed(1, 'up')).toBe(2);
    expect(stepSpeed(1, 'down')).toBe(0.5);
    expect(stepSpeed(4, 'up')).toBe(4);
    expect(stepSpeed(0.25, 'down')).toBe(0.25);
    expect(stepSpeed(1.5, 'up')).toBe(2);
    expect(stepSpeed(1.5, 'down')).toBe(1);
  });
});

describe('playbackMachine', () => {
  it('starts running at 1× by default, or as the input says', () => {
    expect(start().value).toBe('running');
    expect(start().context).toEqual({ speed: 1, slowAtFailure: false, reducedMotion: false, paused: false });
    expect(start({ paused: true, reducedMotion: true, speed: 8 })).toMatchObject({ value: 'paused', context: { paused: true, reducedMotion: true, speed: 4 } });
  });

  const table: { name: string; given: PlaybackEvent[]; event: PlaybackEvent; state: string; context: Partial<PlaybackContext> }[] = [
    { name: 'speed.set', given: [], event: { type: 'speed.set', speed: 2 }, state: 'running', context: { speed: 2 } },
    { name: 'speed.set clamps', given: [], event: { type: 'speed.set', speed: 100 }, state: 'running', context: { speed: 4 } },
    { name: 'speed.up', given: [], event: { type: 'speed.up' }, state: 'running', context: { speed: 2 } },
    { name: 'speed.up stops at 4', given: [{ type: 'speed.set', speed: 4 }], event: { type: 'speed.up' }, state: 'running', context: { speed: 4 } },
    { name: 'speed.down', given: [{ type: 'speed.down' }], event: { type: 'speed.down' }, state: 'running', context: { speed: 0.25 } },
    { name: 'speed.down stops at 0.25', given: [{ type: 'speed.set', speed: 0.25 }], event: { type: 'speed.down' }, state: 'running', context: { speed: 0.25 } },
    { name: 'slow-at-failure.toggle on', given: [], event: { type: 'slow-at-failure.toggle' }, state: 'running', context: { slowAtFailure: true } },
    { name: 'slow-at-failure.toggle off', given: [{ type: 'slow-at-failure.toggle' }], event: { type: 'slow-at-failure.toggle' }, state: 'running', context: { slowAtFailure: false } },
    { name: 'reduced-motion.set', given: [], event: { type: 'reduced-motion.set', reducedMotion: true }, state: 'running', context: { reducedMotion: true } },
    { name: 'pause', given: [], event: { type: 'pause' }, state: 'paused', context: { paused: true } },
    { name: 'pause when paused', given: [{ type: 'pause' }], event: { type: 'pause' }, state: 'paused', context: { paused: true } },
    { name: 'resume', given: [{ type: 'pause' }], event: { type: 'resume' }, state: 'running', context: { paused: false } },
    { name: 'toggle pauses', given: [], event: { type: 'toggle' }, state: 'paused', context: { paused: true } },
    { name: 'toggle resumes', given: [{ type: 'toggle' }], event: { type: 'toggle' }, state: 'running', context: { paused: false } },
    { name: 'settings change while paused', given: [{ type: 'pause' }], event: { type: 'speed.up' }, state: 'paused', context: { speed: 2, paused: true } },
  ];

  it.each(table)('$name', ({ given, event, state, context }) => {
    const next = walk(playbackMachine, start(), [...given, event]);
    expect(next.value).toBe(state);
    expect(next.context).toMatchObject(context);
  });
});

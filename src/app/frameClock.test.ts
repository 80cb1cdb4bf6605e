import { describe, expect, it, vi } from 'vitest';
import { FrameClock } from './frameClock.ts';
import { manualFrames } from './manualFrames.test-helper.ts';

describe('FrameClock', () => {
  it('fires timers from animation frames, each at its own due time, so chained steps keep their rhythm', () => {
    const frames = manualFrames();
    const clock = new FrameClock(frames.source);
    const fired: number[] = [];
    const step = () => {
      fired.push(clock.now);
      if (fired.length < 4) clock.setTimeout(step, 150);
    };
    clock.setTimeout(step, 150);
    expect(frames.waiting).toBe(true);
    // One long frame (a busy main thread) catches up on three steps at once.
    frames.frame(1000 + 460);
    expect(fired).toEqual([150, 300, 450]);
    frames.frame(1000 + 620);
    expect(fired).toEqual([150, 300, 450, 600]);
    expect(clock.now).toBe(620);
    // Nothing waits: no more frames are asked for.
    expect(frames.waiting).toBe(false);
  });

  it('stands still while paused and goes on where it stopped', () => {
    const frames = manualFrames();
    const clock = new FrameClock(frames.source);
    const fn = vi.fn();
    clock.setTimeout(fn, 100);
    frames.frame(1060);
    clock.pause();
    frames.frame(1080);
    expect(frames.waiting).toBe(false);
    expect(clock.now).toBe(60);
    // Five seconds later: only the time after the resume counts.
    frames.at(5980);
    clock.resume();
    frames.frame(6000);
    expect(fn).not.toHaveBeenCalled();
    frames.frame(6020);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(clock.now).toBe(100);
  });

  it('calls frame listeners after the timers, and gives one frame on request when nothing waits', () => {
    const frames = manualFrames();
    const clock = new FrameClock(frames.source);
    const seen: string[] = [];
    const stop = clock.onFrame((now) => seen.push(`frame ${now}`));
    clock.setTimeout(() => seen.push('timer'), 10);
    frames.frame(1016);
    expect(seen).toEqual(['timer', 'frame 16']);
    clock.requestFrame();
    frames.frame(1032);
    expect(seen.at(-1)).toBe('frame 32');
    stop();
    clock.requestFrame();
    frames.frame(1048);
    expect(seen).toHaveLength(3);
  });

  it('forgets a cleared timer', () => {
    const frames = manualFrames();
    const clock = new FrameClock(frames.source);
    const fn = vi.fn();
    const id = clock.setTimeout(fn, 10);
    clock.clearTimeout(id);
    frames.frame(1100);
    expect(fn).not.toHaveBeenCalled();
    expect(clock.pending).toBe(0);
  });
});

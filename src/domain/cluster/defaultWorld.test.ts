import { describe, expect, it } from 'vitest';
import { DEFAULT_EPOCH_MS, ManualClock } from '../clock.ts';
import { addNamespace, createDefaultWorld } from './defaultWorld.ts';

const frontendPods = (world: ReturnType<typeof createDefaultWorld>) => world.list('Pod', 'frontend').map((p) => p.metadata.name);

describe('createDefaultWorld', () => {
  it('gives each caller a world of its own, though the second is a copy of the first', () => {
    const first = createDefaultWorld();
    const second = createDefaultWorld();
    expect(frontendPods(second)).toEqual(frontendPods(first));
    const pod = first.list('Pod', 'frontend')[0]!;
    expect(first.remove(pod)).toBe(true);
    addNamespace(first, 'only-in-first');
    expect(frontendPods(first)).toEqual([]);
    expect(frontendPods(second)).toEqual([pod.metadata.name]);
    expect(second.get('Namespace', '', 'only-in-first')).toBeUndefined();
    // And a third, after both changed, is the world as built.
    const third = createDefaultWorld();
    expect(frontendPods(third)).toEqual([pod.metadata.name]);
    expect(third.get('Namespace', '', 'only-in-first')).toBeUndefined();
  });

  it("builds anew for another second, seed or credentials, and keeps the caller's clock", () => {
    const clock = new ManualClock(DEFAULT_EPOCH_MS + 5000);
    const later = createDefaultWorld({ clock });
    const now = createDefaultWorld();
    const born = (w: ReturnType<typeof createDefaultWorld>) => w.get('Namespace', '', 'frontend')?.metadata.creationTimestamp;
    expect(born(later)).toBe((born(now) as number) + 5);
    expect(later.clock).toBe(clock);
    clock.advance(60_000);
    expect(later.nowSeconds()).toBe(now.nowSeconds() + 65);
    expect(createDefaultWorld({ credentials: false }).credentials).toBe(false);
    expect(createDefaultWorld().credentials).toBe(true);
  });

  it("shares its objects between the worlds it gives, so that none may change in place", () => {
    const world = createDefaultWorld();
    const pod = world.list('Pod', 'frontend')[0]!;
    expect(() => {
      (pod.metadata as { name: string }).name = 'renamed';
    }).toThrow(TypeError);
    expect(createDefaultWorld().list('Pod', 'frontend')[0]?.metadata.name).toBe(pod.metadata.name);
  });
});

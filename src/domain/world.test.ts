import { describe, expect, it } from 'vitest';
import { World } from './world.ts';

describe('World logs', () => {
  it('a clone shares what was logged, and later lines go to one world only', () => {
    const world = new World();
    world.appendLog('cart', 'cart-1', 'istio-proxy', 'before');
    const clone = world.clone();
    world.appendLog('cart', 'cart-1', 'istio-proxy', 'original only');
    clone.appendLog('cart', 'cart-1', 'istio-proxy', 'clone only');
    expect(world.logs.get('cart/cart-1')?.map((l) => l.text)).toEqual(['before', 'original only']);
    expect(clone.logs.get('cart/cart-1')?.map((l) => l.text)).toEqual(['before', 'clone only']);
  });

  it('keeps the last 2,000 lines of a pod', () => {
    const world = new World();
    for (let i = 0; i < 2_100; i++) world.appendLog('cart', 'cart-1', 'istio-proxy', `line ${i}`);
    const lines = world.logs.get('cart/cart-1') ?? [];
    expect(lines).toHaveLength(2_000);
    expect(lines[0]?.text).toBe('line 100');
    expect(lines.at(-1)?.text).toBe('line 2099');
  });
});

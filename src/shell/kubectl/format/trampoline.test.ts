import { describe, expect, it } from 'vitest';
import { trampoline } from './trampoline.ts';

interface Tree {
  name: string;
  children: Tree[];
}

describe('trampoline', () => {
  it('visits nodes in the order the recursive walk would, resuming a parent after each child', () => {
    const tree: Tree = { name: 'a', children: [{ name: 'b', children: [{ name: 'c', children: [] }] }, { name: 'd', children: [] }] };
    const events: string[] = [];
    trampoline<Tree>(function* visit(node) {
      events.push(`enter ${node.name}`);
      for (const child of node.children) yield child;
      events.push(`leave ${node.name}`);
    }, tree);
    expect(events).toEqual(['enter a', 'enter b', 'enter c', 'leave c', 'leave b', 'enter d', 'leave d', 'leave a']);
  });

  it('walks a chain 100,000 levels deep', () => {
    let deepest = 0;
    trampoline<number>(function* visit(level) {
      deepest = Math.max(deepest, level);
      if (level < 100_000) yield level + 1;
    }, 0);
    expect(deepest).toBe(100_000);
  });
});

/** src/ has no import cycle (scripts/importCycles.ts), and the check finds one when there is. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, staticImports } from '../../scripts/importCycles.ts';

describe('importCycles', () => {
  it('finds no import cycle in src/', () => {
    const graph = importGraph(resolve('src'));
    expect(graph.get('app/flows.svelte.ts')).toContain('machines/playbackMachine.ts');
    expect(graph.get('components/layout/MeshPanel.svelte')).toContain('diagrams/meshGraph/MeshGraph.svelte');
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it('lists each cycle once, from its first module back to it', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
      ['f.ts', ['d.ts']],
    ]);
    expect(findCycles(graph)).toEqual([
      ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
      ['e.ts', 'e.ts'],
    ]);
  });

  it('counts the imports that stay in the built code, not erased or dynamic ones', () => {
    const code = [
      "import { a } from './a.ts';",
      "import { type B } from './b.ts';",
      "import type { C } from './c.ts';",
      "export { d } from './d.ts';",
      "export type { E } from './e.ts';",
      "const f = () => import('./f.ts');",
    ].join('\n');
    expect(staticImports(code)).toEqual(['./a.ts', './b.ts', './d.ts']);
    expect(staticImports(code, true)).toEqual(['./a.ts', './b.ts', './c.ts', './d.ts', './e.ts']);
  });
});

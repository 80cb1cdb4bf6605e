/**
 * The lint rule that keeps the layers one-way really fires: the domain may not import Svelte, D3,
 * XState, upper layers or the DOM, and the shell and machines may not import Svelte or D3.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('layer rule', () => {
  it.each([
    ["import { mount } from 'svelte';", 'no-restricted-imports'],
    ["import { select } from 'd3-selection';", 'no-restricted-imports'],
    ["import { createActor } from 'xstate';", 'no-restricted-imports'],
    ["import { SimSession } from '../../shell/session.ts';", 'no-restricted-imports'],
    ['export const title = document.title;', 'no-restricted-globals'],
  ])('rejects %s in src/domain/', async (code, rule) => {
    const found = await problems('src/domain/cluster/probe.ts', `${code}\nexport {};\n`);
    expect(found.some((p) => p.startsWith(rule))).toBe(true);
  });

  it.each(['src/shell/probe.ts', 'src/machines/probe.ts'])('rejects Svelte and D3 in %s', async (file) => {
    expect((await problems(file, "import { mount } from 'svelte';\nexport {};\n")).some((p) => p.startsWith('no-restricted-imports'))).toBe(true);
    expect((await problems(file, "import { select } from 'd3-selection';\nexport {};\n")).some((p) => p.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('allows the domain to import itself', async () => {
    expect(await problems('src/domain/cluster/probe.ts', "import { World } from '../world.ts';\nexport const w = World;\n")).toEqual([]);
  });
});

/**
 * The lint rules that keep the layers one-way really fire: the domain may not import Svelte, D3,
 * XState, upper layers or the DOM; the shell and machines no Svelte or D3; app/ no view; a
 * component no D3 or XState; a diagram only types from app/ and no component; and a dynamic
 * import() stays inside its layer.
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

  it.each([
    ['src/app/probe.ts', "import MeshGraph from '../diagrams/meshGraph/MeshGraph.svelte';"],
    ['src/app/probe.ts', "import { copyOrShow } from '../components/clipboard.ts';"],
    ['src/app/probe.ts', "import { select } from 'd3-selection';"],
    ['src/components/panels/probe.ts', "import { select } from 'd3-selection';"],
    ['src/components/panels/probe.ts', "import { createActor } from 'xstate';"],
    ['src/components/panels/probe.ts', "import { TAG } from '../../embed/element.ts';"],
    ['src/diagrams/meshGraph/probe.ts', "import { FlowPlayer } from '../../app/flows.svelte.ts';"],
    ['src/diagrams/meshGraph/probe.ts', "import { copyOrShow } from '../../components/clipboard.ts';"],
    ['src/diagrams/meshGraph/probe.ts', "import { SimSession } from '../../shell/session.ts';"],
    ['src/i18n/probe.ts', "import { Playground } from '../app/playground.svelte.ts';"],
  ])('rejects in %s: %s', async (file, code) => {
    expect((await problems(file, `${code}\nexport {};\n`)).some((p) => p.includes('no-restricted-imports'))).toBe(true);
  });

  it.each([
    ['src/app/probe.ts', "import { lessonCatalog } from '../lessons/index.ts';\nimport { TERMS_JA } from '../i18n/glossary.ts';\nexport const x = [lessonCatalog, TERMS_JA];"],
    ['src/components/layout/probe.ts', "import { SMALLEST_TEXT } from '../../diagrams/meshGraph/metrics.ts';\nexport const x = SMALLEST_TEXT;"],
    ['src/diagrams/meshGraph/probe.ts', "import type { FlowView } from '../../app/flowView.ts';\nexport type X = FlowView;"],
    ['src/shell/probe.ts', "export const load = () => import('./inspect/tools.ts');"],
  ])('allows in %s what its layer may import', async (file, code) => {
    expect(await problems(file, `${code}\n`)).toEqual([]);
  });

  it.each([
    ['src/app/probe.ts', "import('../shell/session.ts')"],
    ['src/components/panels/probe.ts', "import('../../diagrams/meshGraph/MeshGraph.svelte')"],
    ['src/lessons/probe.ts', "import('../domain/world.ts')"],
  ])('rejects a dynamic import() across layers in %s: %s', async (file, expression) => {
    expect((await problems(file, `export const load = () => ${expression};\n`)).some((p) => p.startsWith('no-restricted-syntax'))).toBe(true);
  });
});

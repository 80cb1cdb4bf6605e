/**
 * docs/scenarios.md stays true: its complete example is the example file, loads and proves, and
 * every check kind, `expect` word and `seen` value the reader knows has its place on the page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../shell/installParts.ts';
import { EXPECT_WORDS, LIMITS } from './format.ts';
import { formatErrors, loadScenario } from './load.ts';
import { proveLesson } from './prove.ts';
import { CHECK_KINDS, SEEN } from './read.ts';

const root = new URL('../../../', import.meta.url);
const page = readFileSync(new URL('docs/scenarios.md', root), 'utf8');

/** The fenced block right after `<!-- complete-example -->`, as the embedding test takes it. */
function completeExample(): string {
  const m = /^<!-- complete-example -->\n```markdown\n([\s\S]*?\n)```$/m.exec(page);
  if (!m) throw new Error('no complete example');
  return m[1]!;
}

describe('docs/scenarios.md', () => {
  it('has one complete example, equal to examples/scenarios/ads-for-the-frontend-only.md, that proves', () => {
    expect(page.split('<!-- complete-example -->')).toHaveLength(2);
    const text = completeExample();
    expect(text).toBe(readFileSync(new URL('examples/scenarios/ads-for-the-frontend-only.md', root), 'utf8'));
    const loaded = loadScenario([{ name: 'example.md', text }]);
    if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
    expect(loaded.lesson.steps).toHaveLength(3);
    const proof = proveLesson(loaded.lesson);
    expect(proof.problems).toEqual([]);
    // The page shows the proof's output as sim prints it.
    for (const line of proof.proved) expect(page).toContain(`ok   ${line}\n`);
  });

  it('documents every check kind, expect word and seen value', () => {
    for (const kind of CHECK_KINDS.filter((k) => k !== 'custom')) expect(page, kind).toMatch(new RegExp(`^### .*\`${kind}\``, 'm'));
    for (const word of EXPECT_WORDS) expect(page, word).toContain(`| \`${word}\` |`);
    for (const seen of SEEN) expect(page, seen).toContain(`- \`${seen}\``);
    expect(page).toContain(`| steps | ${LIMITS.steps} |`);
    expect(page).toContain(`| nesting of \`all\`/\`any\`/\`not\` | ${LIMITS.checkDepth} levels |`);
  });
});

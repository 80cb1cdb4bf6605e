/**
 * The Markdown form: `---` lines split the frontmatter blocks from the texts, except inside fenced
 * code blocks; CRLF and a byte-order mark read as LF; errors keep the Markdown file's lines.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatErrors, loadScenario } from './load.ts';
import { convertMarkdown } from './markdown.ts';

const example = readFileSync(new URL('../../../examples/scenarios/strict-frontend.md', import.meta.url), 'utf8');

const STEP = ['---', 'step: look', 'title: Look', 'commands: [kubectl get pa -A]', 'solution: kubectl get pa -A', 'check: {exists: {kind: PeerAuthentication}}', '---'];

/** A one-step Markdown scenario whose step text is `body`. */
function markdown(body: string[], summary = ['The summary.']): string {
  return ['---', 'scenario: v1', 'id: md', 'title: Markdown', '---', ...summary, ...STEP, ...body, ''].join('\n');
}

function load(text: string, name = 'f.md') {
  const loaded = loadScenario([{ name, text }]);
  if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
  return loaded;
}

function errorsOf(text: string): string {
  const loaded = loadScenario([{ name: 'f.md', text }]);
  return loaded.ok ? '' : formatErrors(loaded.errors);
}

describe('the Markdown form', () => {
  it('reads the example into the YAML form\'s shape, with the summary and bodies from the text', () => {
    const converted = convertMarkdown(example);
    expect(converted.ok).toBe(true);
    if (!converted.ok) return;
    const value = converted.file.value as { summary: string; steps: { id: string; body: string }[] };
    expect(value.summary).toMatch(/^The frontend still accepts plaintext/);
    expect(value.steps.map((s) => s.id)).toEqual(['see-plaintext', 'make-strict', 'gateway-still-works']);
    expect(value.steps[0]!.body).toMatch(/^`testcurl` has \*\*no sidecar\*\*/);
    expect(converted.file.lines.get('steps[1].check.all[0].mode.port')).toBe(example.split('\n').indexOf('        port: 8080') + 1);
  });

  it('keeps `---` inside fenced code blocks in the text, with backticks or tildes', () => {
    const fenced = ['Apply this:', '', '```yaml', 'a: 1', '---', 'b: 2', '```', '', '~~~~', '---', '~~~', '---', '~~~~', '', 'Done.'];
    const { doc } = load(markdown(fenced));
    expect(doc.steps).toHaveLength(1);
    expect(doc.steps[0]!.body.en).toBe(fenced.join('\n'));
  });

  it('keeps a horizontal rule written *** and an indented --- as text', () => {
    const { doc } = load(markdown(['Above.', '', '***', '', ' ---', 'Below.']));
    expect(doc.steps[0]!.body.en).toBe('Above.\n\n***\n\n ---\nBelow.');
  });

  it('reads CRLF line endings and a byte-order mark as the same file', () => {
    const lf = load(example).doc;
    const crlf = load(`\uFEFF${example.replace(/\n/g, '\r\n')}`).doc;
    expect(crlf).toEqual(lf);
    expect(JSON.stringify(crlf)).not.toContain('\r');
    const broken = markdown(['Body.']).replace('title: Look', 'title: [Look').replace(/\n/g, '\r\n');
    expect(errorsOf(`\uFEFF${broken}`)).toBe("f.md:9: steps[0]: error converting YAML to JSON: yaml: line 9: did not find expected ',' or ']'");
  });

  it('refuses a file without frontmatter first', () => {
    const refusal = 'f.md:1: Invalid value: a Markdown scenario starts with a `---` line and the scenario\'s YAML frontmatter';
    expect(errorsOf('# A title\n\nSome text.\n')).toBe(refusal);
    expect(errorsOf('')).toBe(refusal);
    expect(errorsOf(`Intro\n${example}`)).toBe(refusal);
    expect(errorsOf('---\n- a list\n---\nText\n')).toBe('f.md:2: Invalid value: frontmatter must be a YAML mapping (key: value lines)');
  });

  it('reports the Markdown file\'s lines for errors in any block', () => {
    const text = markdown(['Body.']);
    const lineOf = (needle: string) => text.split('\n').indexOf(needle) + 1;
    expect(errorsOf(text.replace('check: {exists: {kind: PeerAuthentication}}', 'check: {exists: {kind: Nope}}'))).toBe(
      `f.md:${lineOf('check: {exists: {kind: PeerAuthentication}}')}: steps[0].check.exists.kind: Invalid value: "Nope": the cluster serves no such kind`,
    );
    expect(errorsOf(text.replace('step: look', 'step: look\nid: look'))).toBe(`f.md:${lineOf('step: look') + 1}: steps[0].id: unknown field: a step section names its id with "step:", and its text follows the frontmatter`);
    expect(errorsOf(text.replace('step: look', 'step: look\nbody: Text'))).toContain('steps[0].body: unknown field');
    expect(errorsOf(text.replace('title: Markdown', 'title: Markdown\nsummary: Twice'))).toBe(`f.md:${lineOf('The summary.') + 1}: summary: Duplicate value: the summary is given in the frontmatter and as text`);
    expect(errorsOf(text.replace('title: Markdown', 'title: Markdown\nsteps: []'))).toBe(`f.md:${lineOf('step: look') + 1}: steps: Duplicate value: steps are given in the frontmatter and as sections`);
    expect(errorsOf(markdown([]))).toBe(`f.md:${lineOf('step: look')}: steps[0].body: Required value`);
    expect(errorsOf(markdown(['Body.'], []))).toBe('f.md:2: summary.en: Required value: the scenario is in en');
  });

  it('reads a summary given in the frontmatter when the text after it is empty', () => {
    const text = markdown(['Body.'], []).replace('title: Markdown', 'title: Markdown\nsummary: From the frontmatter.');
    expect(load(text).doc.summary).toEqual({ en: 'From the frontmatter.' });
  });
});

describe('a frontmatter block keeps its last line break', () => {
  it('a `|` value that ends the block ends with a newline, as in the YAML form', () => {
    const converted = convertMarkdown('---\nscenario: v1\nstart:\n  setup: |\n    kubectl get ns\n---\nThe summary.\n');
    expect(converted.ok).toBe(true);
    if (!converted.ok) return;
    expect(converted.file.value).toMatchObject({ start: { setup: 'kubectl get ns\n' } });
  });
});

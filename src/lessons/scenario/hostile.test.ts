/**
 * A scenario is hostile input until it has been read: whatever a file holds, loading it ends with a
 * listed error (or a lesson whose texts are only text), never with an exception, a hang or a
 * polluted prototype. The time of each case is printed; no time is asserted.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from './format.ts';
import { formatErrors, loadScenario, type LoadResult } from './load.ts';

const HEAD = 'scenario: v1\nid: hostile\ntitle: T\nsummary: S\n';
const STEP = '  - id: a\n    title: T\n    body: B\n    commands: [x]\n    solution: x\n    check: {credentials: true}\n';

const timings: [string, number][] = [];

function load(name: string, text: string, file = 'h.yaml'): LoadResult {
  const started = performance.now();
  const result = loadScenario([{ name: file, text }]);
  timings.push([name, performance.now() - started]);
  return result;
}

function errorsOf(name: string, text: string, file?: string): string {
  const result = load(name, text, file);
  return result.ok ? '' : formatErrors(result.errors);
}

afterAll(() => {
  const worst = [...timings].sort((a, b) => b[1] - a[1]);
  console.log(`hostile scenarios, slowest first:\n${worst.map(([n, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${n}`).join('\n')}`);
});

describe('hostile scenarios', () => {
  it('refuses sizes past LIMITS.totalChars before parsing, a 10 MB string included', () => {
    const tooLong = `Too long: ${LIMITS.totalChars + 1} characters: a scenario may have at most ${LIMITS.totalChars}`;
    expect(errorsOf('one char over', HEAD + 'x'.repeat(LIMITS.totalChars + 1 - HEAD.length))).toBe(`h.yaml: ${tooLong}`);
    expect(errorsOf('10 MB string', `${HEAD}steps: "${'x'.repeat(10 * 1024 * 1024)}"`)).toMatch(/^h\.yaml: Too long: 104858\d\d characters/);
    const split = loadScenario([{ name: 'a.yaml', text: 'x'.repeat(LIMITS.totalChars) }, { name: 'b.yaml', text: 'y' }]);
    expect(split.ok || formatErrors(split.errors)).toBe(`a.yaml: ${tooLong}`);
  });

  it('refuses 10,000 levels of [ and of {, and of block sequences, with a listed error', () => {
    const depth = 10_000;
    expect(errorsOf('10,000 [', `${HEAD}steps: ${'['.repeat(depth)}${']'.repeat(depth)}`)).toMatch(/^h\.yaml(:\d+)?: error /);
    // 9,000 levels of `{a: ` is as deep as fits in the size limit: read whole, and refused field by field.
    expect(errorsOf('9,000 {', `${HEAD}steps: ${'{a: '.repeat(9_000)}1${'}'.repeat(9_000)}`)).toBe('h.yaml:5: steps: Invalid value: an object: must be a list');
    expect(errorsOf('10,000 block sequences', `${HEAD}steps:\n${'- '.repeat(depth)}x\n`)).toMatch(/^h\.yaml(:\d+)?: error /);
  });

  it('refuses 10,000 levels of block mappings by size, and reads the deepest that fits as a field error', () => {
    const nested = (levels: number) => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
    expect(errorsOf('10,000 block mappings', `${HEAD}steps:\n${nested(10_000)} 1\n`)).toMatch(/^h\.yaml: Too long: /);
    const deepest = `${HEAD}deep:\n${nested(300).replace(/^/gm, ' ')} 1\nsteps:\n${STEP}`;
    expect(deepest.length).toBeLessThan(LIMITS.totalChars);
    expect(errorsOf('300 block mappings', deepest)).toBe('h.yaml:5: deep: unknown field');
  });

  it('refuses checks nested past checkDepth, however deep', () => {
    const nots = (n: number) => `${'{not: '.repeat(n)}{credentials: true}${'}'.repeat(n)}`;
    const at = (n: number) => `steps[0].check${'.not'.repeat(n)}`;
    const text = (n: number) => `${HEAD}steps:\n${STEP.replace('{credentials: true}', nots(n))}`;
    expect(errorsOf('checks at checkDepth', text(LIMITS.checkDepth))).toBe('');
    expect(errorsOf('checks past checkDepth', text(LIMITS.checkDepth + 1))).toBe(`h.yaml:11: ${at(LIMITS.checkDepth + 1)}: Invalid value: checks nest at most ${LIMITS.checkDepth} levels deep`);
    expect(errorsOf('checks 5,000 deep', text(5_000))).toBe(`h.yaml:11: ${at(LIMITS.checkDepth + 1)}: Invalid value: checks nest at most ${LIMITS.checkDepth} levels deep`);
    const wide = `{all: [${Array.from({ length: 800 }, () => '{any: [{credentials: true}, {credentials: false}]}').join(', ')}]}`;
    expect(errorsOf('800 checks in one step', `${HEAD}steps:\n${STEP.replace('{credentials: true}', wide)}`)).toBe('h.yaml:11: steps[0].check.all: Too many: 800: must have at most 64 items');
  });

  it('refuses YAML alias bombs', () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [i, n] of 'bcdefghi'.split('').entries()) laughs.push(`${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`);
    expect(errorsOf('billion laughs', `${HEAD}${laughs.join('\n')}\n`)).toBe('h.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing');
    expect(errorsOf('alias to itself', `${HEAD}steps: &s [*s]\n`)).toMatch(/^h\.yaml(:\d+)?: error /);
  });

  it('treats __proto__, constructor and prototype as unknown fields at every level, and pollutes nothing', () => {
    const keys = ['__proto__', 'constructor', 'prototype'];
    for (const key of keys) {
      const evil = `${key}: {polluted: true}`;
      const text = `${HEAD}${evil}\nstart: {${evil}}\nsnippets: {${evil}}\nsteps:\n${STEP.replace('    check:', `    ${evil}\n    predict: {question: Q, probes: [{id: p, label: L, from: browser, to: "http://a.b/", ${evil}}], ${evil}}\n    check:`).replace('{credentials: true}', `{credentials: true, ${evil}}`)}`;
      const errors = errorsOf(`${key} everywhere`, text).split('\n');
      expect(errors).toContain(`h.yaml:5: ${key}: unknown field`);
      expect(errors).toContain(`h.yaml:6: start.${key}: unknown field`);
      expect(errors.some((e) => e.startsWith(`h.yaml:7: snippets.${key}: `))).toBe(true);
      expect(errors).toContain(`h.yaml:14: steps[0].${key}: unknown field`);
      expect(errors).toContain(`h.yaml:15: steps[0].predict.${key}: unknown field`);
      expect(errors).toContain(`h.yaml:15: steps[0].predict.probes[0].${key}: unknown field`);
      expect(errors).toContain(`h.yaml:16: steps[0].check.${key}: unknown field`);
      const translation = loadScenario([{ name: 'h.yaml', text: `${HEAD}steps:\n${STEP}` }, { name: 'h.ja.yaml', text: `scenario: v1\ntranslates: hostile\nlanguage: ja\n${evil}\ntitle: {ja: T, ${evil}}\nsteps: [{id: a, ${evil}}]\n` }]);
      expect(translation.ok ? [] : formatErrors(translation.errors).split('\n')).toEqual([`h.ja.yaml:4: ${key}: unknown field`, `h.ja.yaml:5: title.${key}: unknown field`, `h.ja.yaml:6: steps[0].${key}: unknown field`]);
    }
    const empty: Record<string, unknown> = {};
    expect(empty.polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getPrototypeOf(empty)).toBe(Object.prototype);
  });

  it('keeps markup in texts as text', () => {
    const markup = '<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) {{ns}}';
    const result = load('markup in texts', `${HEAD.replace('title: T', `title: ${JSON.stringify(markup)}`)}steps:\n${STEP.replace('body: B', `body: ${JSON.stringify(markup)}`)}`);
    if (!result.ok) throw new Error(formatErrors(result.errors));
    expect(result.lesson.title).toEqual({ en: markup, ja: markup });
    expect(result.lesson.steps[0]!.body.en).toBe(markup);
    const md = load('markup in Markdown', `---\nscenario: v1\nid: m\ntitle: T\n---\n${markup}\n---\nstep: a\ntitle: T\ncommands: [x]\nsolution: x\ncheck: {credentials: true}\n---\n${markup}\n`, 'h.md');
    expect(md.ok && md.lesson.summary.en).toBe(markup);
  });

  it('refuses javascript:, data: and other non-http URLs as a request target', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'http://', '//frontend/', 'JaVaScRiPt:alert(1)']) {
      const text = `${HEAD}steps:\n${STEP.replace('{credentials: true}', `{request: {from: browser, to: ${JSON.stringify(url)}, expect: ok}}`)}`;
      expect(errorsOf(`to: ${url.slice(0, 12)}`, text), url).toBe(`h.yaml:11: steps[0].check.request.to: Invalid value: ${JSON.stringify(url)}: must be an http:// or https:// URL`);
    }
  });

  it('refuses control characters, in YAML and in Markdown text', () => {
    expect(errorsOf('raw control character', `${HEAD}steps:\n${STEP.replace('body: B', 'body: B\u0007')}`)).toBe('h.yaml: error converting YAML to JSON: yaml: control characters are not allowed');
    expect(errorsOf('escaped control character', `${HEAD}steps:\n${STEP.replace('body: B', 'body: "\\e[31mred"')}`)).toBe('h.yaml:8: steps[0].body: Invalid value: control character U+001B is not allowed');
    const md = `---\nscenario: v1\nid: m\ntitle: T\n---\nSummary\u0000\n---\nstep: a\ntitle: T\ncommands: [x]\nsolution: x\ncheck: {credentials: true}\n---\nBody \u001b[2J\n`;
    expect(errorsOf('control characters in Markdown', md, 'h.md')).toBe([
      'h.md:6: summary: Invalid value: control character U+0000 is not allowed',
      'h.md:14: steps[0].body: Invalid value: control character U+001B is not allowed',
    ].join('\n'));
  });

  it('refuses 4,000 steps, 20,000 hints and 2,500 Markdown sections by count', () => {
    const steps = `${HEAD}steps: [${Array.from({ length: 4_000 }, (_, i) => `{id: s${i}}`).join(',')}]\n`;
    expect(errorsOf('4,000 steps', steps)).toBe(`h.yaml:5: steps: Too many: 4000: must have at most ${LIMITS.steps} items`);
    const hints = `${HEAD}steps:\n${STEP}    hints: [${Array(20_000).fill('h').join(',')}]\n`;
    expect(errorsOf('20,000 hints', hints)).toBe(`h.yaml:12: steps[0].hints: Too many: 20000: must have at most ${LIMITS.hintsPerStep} items`);
    const markdown = `---\nscenario: v1\nid: m\ntitle: T\n---\nS\n${'---\nstep: a\n---\nB\n'.repeat(2_500)}`;
    expect(errorsOf('2,500 Markdown sections', markdown, 'h.md')).toBe(`h.md:8: steps: Too many: 2500: must have at most ${LIMITS.steps} items`);
  });

  it('lists at most LIMITS.errors errors however many there are', () => {
    const steps = `${HEAD}steps: [${Array.from({ length: LIMITS.steps }, () => '{a: 1, b: 2, c: 3}').join(',')}]\n`;
    const lines = errorsOf('many errors', steps).split('\n');
    expect(lines).toHaveLength(LIMITS.errors + 1);
    expect(lines.at(-1)).toMatch(/^h\.yaml: and \d+ more errors$/);
  });
});

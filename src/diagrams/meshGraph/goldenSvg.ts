/**
 * Golden-SVG snapshots for diagram tests (STYLE.md §14, after Plot's test/plot-snapshot.js):
 * serialise an SVG deterministically, compare it with `__golden__/<name>.svg`, and on a mismatch
 * write `<name>-changed.svg` beside it for review. A missing golden file fails the test: golden
 * files are written only under UPDATE_GOLDEN=1, and never under CI (CI=true), so a snapshot that
 * was never reviewed cannot pass there. To accept a change: review the `-changed.svg`, then move
 * it over the golden file (or run with UPDATE_GOLDEN=1) and re-run the test.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareText } from '../../domain/compareText.ts';

/** Attributes whose values are id references, rewritten with the ids. */
const ID_REFS = ['aria-labelledby', 'aria-describedby', 'href', 'xlink:href', 'for'];

const roundNumbers = (text: string) => text.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10));

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A stable, indented serialisation: ids renamed `id-1`, `id-2`… in document order, Svelte's
 * scoping classes dropped, decimals rounded to 0.1, attributes sorted, comments and blank text removed.
 */
export function normalizeSvg(svg: Element): string {
  const ids = new Map<string, string>();
  svg.querySelectorAll('[id]').forEach((el) => ids.set(el.id, `id-${ids.size + 1}`));
  if (svg.id) ids.set(svg.id, `id-${ids.size + 1}`);
  // References to elements outside the SVG (a hidden description) get a stable name too.
  const rename = (id: string) => {
    if (!ids.has(id)) ids.set(id, `id-${ids.size + 1}`);
    return ids.get(id) ?? id;
  };
  const lines: string[] = [];
  const walk = (el: Element, depth: number) => {
    const attrs = [...el.attributes]
      .map((a): [string, string] => {
        let value = a.value;
        if (a.name === 'id') value = ids.get(value) ?? value;
        else if (ID_REFS.includes(a.name)) value = value.split(/\s+/).map((v) => (v.startsWith('#') ? `#${rename(v.slice(1))}` : rename(v))).join(' ');
        else if (a.name === 'class') value = value.split(/\s+/).filter((c) => c && !/^svelte-[a-z0-9]+$/.test(c)).join(' ');
        else value = roundNumbers(value);
        return [a.name, value];
      })
      .filter(([name, value]) => !(name === 'class' && value === ''))
      .sort(([a], [b]) => compareText(a, b))
      .map(([name, value]) => ` ${name}="${escapeText(value).replace(/"/g, '&quot;')}"`)
      .join('');
    const pad = '  '.repeat(depth);
    const children = [...el.childNodes].filter((n) => n.nodeType === 1 || (n.nodeType === 3 && n.textContent?.trim()));
    const tag = el.tagName.toLowerCase();
    if (children.length === 0) lines.push(`${pad}<${tag}${attrs}/>`);
    else if (children.every((n) => n.nodeType === 3)) lines.push(`${pad}<${tag}${attrs}>${escapeText(el.textContent?.trim() ?? '')}</${tag}>`);
    else {
      lines.push(`${pad}<${tag}${attrs}>`);
      for (const child of children) {
        if (child.nodeType === 1) walk(child as Element, depth + 1);
        else lines.push(`${pad}  ${escapeText(child.textContent?.trim() ?? '')}`);
      }
      lines.push(`${pad}</${tag}>`);
    }
  };
  walk(svg, 0);
  return `${lines.join('\n')}\n`;
}

export interface GoldenResult {
  /**
   * `created` or `updated`: written under UPDATE_GOLDEN=1; `missing`: there is no golden file and
   * none was written (the test must fail); `changed`: it differs (see `changedPath`).
   */
  status: 'matched' | 'created' | 'updated' | 'changed' | 'missing';
  expected: string;
  actual: string;
  changedPath: string;
  /** Why the result is not a match, for the test's failure message. */
  message: string;
}

/** Whether golden files may be written: only when asked (UPDATE_GOLDEN=1), and never on CI. */
export interface GoldenMode {
  update: boolean;
  ci: boolean;
}

/** The mode from the environment: UPDATE_GOLDEN=1 asks for writes, CI (any value but `false`/`0`) forbids every write. */
export function goldenMode(env: Record<string, string | undefined> = process.env): GoldenMode {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return { update: env.UPDATE_GOLDEN === '1', ci };
}

/** Compares `actual` with `<dir>/<name>.svg`; see the file comment for the update workflow. */
export function compareGolden(dir: string, name: string, actual: string, mode: GoldenMode = goldenMode()): GoldenResult {
  const goldenPath = join(dir, `${name}.svg`);
  const changedPath = join(dir, `${name}-changed.svg`);
  const exists = existsSync(goldenPath);
  const write = mode.update && !mode.ci;
  if (write) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(goldenPath, actual);
    rmSync(changedPath, { force: true });
    return { status: exists ? 'updated' : 'created', expected: actual, actual, changedPath, message: '' };
  }
  if (!exists) {
    const how = mode.ci ? 'golden files are never written on CI: run UPDATE_GOLDEN=1 locally, review it and commit it' : 'run with UPDATE_GOLDEN=1 to write it, review it and commit it';
    return { status: 'missing', expected: '', actual, changedPath, message: `${goldenPath} is missing: ${how}` };
  }
  const expected = readFileSync(goldenPath, 'utf8');
  if (expected === actual) {
    if (!mode.ci) rmSync(changedPath, { force: true });
    return { status: 'matched', expected, actual, changedPath, message: '' };
  }
  if (!mode.ci) writeFileSync(changedPath, actual);
  const review = mode.ci ? 'run the test locally to get' : 'review';
  return { status: 'changed', expected, actual, changedPath, message: `${name}.svg changed: ${review} ${changedPath}, then move it over the golden file or run with UPDATE_GOLDEN=1` };
}

// @vitest-environment jsdom
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareGolden, goldenMode, normalizeSvg } from './goldenSvg.ts';

function svgFrom(markup: string): Element {
  document.body.innerHTML = markup;
  const svg = document.querySelector('svg');
  if (!svg) throw new Error('no svg');
  return svg;
}

describe('normalizeSvg', () => {
  it('renames ids and their references, drops Svelte classes, rounds decimals and sorts attributes', () => {
    const svg = svgFrom(
      '<svg viewBox="0 0 700 420" aria-labelledby="c7-title" aria-describedby="c7-desc"><!-- x --><title id="c7-title">Mesh</title>' +
        '<g class="node svelte-1abc2de" transform="translate(10.04,20.456)"><path d="M1.234,5.0L3,4"/></g></svg><p id="c7-desc">d</p>',
    );
    expect(normalizeSvg(svg)).toBe(
      [
        '<svg aria-describedby="id-2" aria-labelledby="id-1" viewBox="0 0 700 420">',
        '  <title id="id-1">Mesh</title>',
        '  <g class="node" transform="translate(10,20.5)">',
        '    <path d="M1.2,5L3,4"/>',
        '  </g>',
        '</svg>',
        '',
      ].join('\n'),
    );
  });
});

describe('compareGolden', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const compare = { update: false, ci: false };
  const update = { update: true, ci: false };

  it('fails on a missing golden file without writing it, naming UPDATE_GOLDEN', () => {
    dir = mkdtempSync(join(tmpdir(), 'golden-'));
    const result = compareGolden(dir, 'g', '<svg/>\n', compare);
    expect(result.status).toBe('missing');
    expect(result.message).toContain('UPDATE_GOLDEN=1');
    expect(existsSync(join(dir, 'g.svg'))).toBe(false);
  });

  it('writes under UPDATE_GOLDEN=1, then matches, then reports a change beside it', () => {
    dir = mkdtempSync(join(tmpdir(), 'golden-'));
    expect(compareGolden(dir, 'g', '<svg/>\n', update).status).toBe('created');
    expect(compareGolden(dir, 'g', '<svg/>\n', compare).status).toBe('matched');
    const changed = compareGolden(dir, 'g', '<svg><g/></svg>\n', compare);
    expect(changed.status).toBe('changed');
    expect(changed.message).toContain('UPDATE_GOLDEN=1');
    expect(readFileSync(join(dir, 'g-changed.svg'), 'utf8')).toBe('<svg><g/></svg>\n');
    expect(readFileSync(join(dir, 'g.svg'), 'utf8')).toBe('<svg/>\n');
    // A later match clears the stale review file.
    expect(compareGolden(dir, 'g', '<svg/>\n', compare).status).toBe('matched');
    expect(existsSync(join(dir, 'g-changed.svg'))).toBe(false);
    expect(compareGolden(dir, 'g', '<svg><g/></svg>\n', update).status).toBe('updated');
    expect(readFileSync(join(dir, 'g.svg'), 'utf8')).toBe('<svg><g/></svg>\n');
  });

  it('never writes on CI, even under UPDATE_GOLDEN=1', () => {
    dir = mkdtempSync(join(tmpdir(), 'golden-'));
    const ci = goldenMode({ CI: 'true', UPDATE_GOLDEN: '1' });
    expect(ci).toEqual({ update: true, ci: true });
    expect(compareGolden(dir, 'g', '<svg/>\n', ci).status).toBe('missing');
    expect(existsSync(join(dir, 'g.svg'))).toBe(false);
    expect(compareGolden(dir, 'g', '<svg/>\n', update).status).toBe('created');
    expect(compareGolden(dir, 'g', '<svg><g/></svg>\n', ci).status).toBe('changed');
    expect(readFileSync(join(dir, 'g.svg'), 'utf8')).toBe('<svg/>\n');
    expect(existsSync(join(dir, 'g-changed.svg'))).toBe(false);
  });

  it('reads the mode from the environment', () => {
    expect(goldenMode({})).toEqual({ update: false, ci: false });
    expect(goldenMode({ UPDATE_GOLDEN: '1' })).toEqual({ update: true, ci: false });
    expect(goldenMode({ CI: 'false', UPDATE_GOLDEN: '1' })).toEqual({ update: true, ci: false });
    expect(goldenMode({ CI: '1' }).ci).toBe(true);
  });
});

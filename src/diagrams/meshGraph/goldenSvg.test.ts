// @vitest-environment jsdom
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareGolden, normalizeSvg } from './goldenSvg.ts';

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

  it('writes a missing golden file and passes, then matches, then reports a change beside it', () => {
    dir = mkdtempSync(join(tmpdir(), 'golden-'));
    expect(compareGolden(dir, 'g', '<svg/>\n', false).status).toBe('created');
    expect(compareGolden(dir, 'g', '<svg/>\n', false).status).toBe('matched');
    const changed = compareGolden(dir, 'g', '<svg><g/></svg>\n', false);
    expect(changed.status).toBe('changed');
    expect(readFileSync(join(dir, 'g-changed.svg'), 'utf8')).toBe('<svg><g/></svg>\n');
    expect(readFileSync(join(dir, 'g.svg'), 'utf8')).toBe('<svg/>\n');
    // A later match clears the stale review file.
    expect(compareGolden(dir, 'g', '<svg/>\n', false).status).toBe('matched');
    expect(existsSync(join(dir, 'g-changed.svg'))).toBe(false);
    expect(compareGolden(dir, 'g', '<svg><g/></svg>\n', true).status).toBe('updated');
    expect(readFileSync(join(dir, 'g.svg'), 'utf8')).toBe('<svg><g/></svg>\n');
  });
});

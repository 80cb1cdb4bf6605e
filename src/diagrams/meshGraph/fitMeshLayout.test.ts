import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { fitMeshLayout } from './fitMeshLayout.ts';
import { layoutMeshGraph } from './layoutMeshGraph.ts';

const mesh = summarizeMesh(createDefaultWorld());
const natural = (detail: 'full' | 'compact') => layoutMeshGraph({ mesh, width: 0, height: 0, detail });
const laptop = { minScale: 1, maxScale: 1.25 };

describe('fitMeshLayout', () => {
  it('fills a laptop panel with full badges at scale 1 or more', () => {
    const { layout, scale, overflows } = fitMeshLayout({ mesh, width: 960, height: 380, ...laptop });
    expect({ detail: layout.detail, overflows }).toEqual({ detail: 'full', overflows: false });
    expect(scale).toBeGreaterThanOrEqual(1);
    expect(layout.width * scale).toBeCloseTo(960);
    expect(layout.height * scale).toBeLessThanOrEqual(380);
  });

  it('grows on a big screen up to maxScale, spreading out what is left', () => {
    const { layout, scale } = fitMeshLayout({ mesh, width: 1500, height: 700, ...laptop });
    expect(scale).toBe(1.25);
    expect([layout.width * scale, layout.height * scale]).toEqual([1500, 700]);
  });

  it('drops the levels before it would shrink below minScale', () => {
    const width = natural('full').width - 40;
    const { layout, scale } = fitMeshLayout({ mesh, width, height: 400, ...laptop });
    expect(layout.detail).toBe('compact');
    expect(scale).toBeGreaterThanOrEqual(1);
  });

  it('scales down to minScale in a narrow column (a documentation page)', () => {
    const { layout, scale, overflows } = fitMeshLayout({ mesh, width: 740, minScale: 10 / 11, maxScale: 1 });
    expect(layout.detail).toBe('compact');
    expect(scale).toBeCloseTo(740 / natural('compact').width);
    expect(scale).toBeGreaterThanOrEqual(10 / 11);
    expect(overflows).toBe(false);
    // Without a height, it takes the height it needs.
    expect(layout.height).toBe(natural('compact').height);
  });

  it('pans at minScale where even compact badges do not fit, and fits all of it on request', () => {
    const panned = fitMeshLayout({ mesh, width: 370, height: 500, ...laptop });
    expect(panned).toMatchObject({ scale: 1, overflows: true });
    expect(panned.layout.width).toBe(natural('compact').width);
    const fitted = fitMeshLayout({ mesh, width: 370, height: 500, ...laptop, fit: true });
    expect(fitted.overflows).toBe(false);
    expect(fitted.layout.width * fitted.scale).toBeCloseTo(370);
  });

  it('is bounded by the height too', () => {
    const { scale } = fitMeshLayout({ mesh, width: 2000, height: natural('full').height * 1.1, ...laptop });
    expect(scale).toBeCloseTo(1.1);
  });

  it('draws the natural layout while its room is unknown (not laid out yet)', () => {
    expect(fitMeshLayout({ mesh, width: 0, height: 0, ...laptop })).toMatchObject({ scale: 1, overflows: false, layout: { detail: 'full' } });
  });
});

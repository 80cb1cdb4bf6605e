import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import type { Translator } from '../../i18n/locale.ts';
import { layoutMeshGraph } from './layoutMeshGraph.ts';
import type { MeshDetail, MeshLayout } from './types.ts';

export interface MeshFitInput {
  mesh: readonly WorkloadMtls[];
  tr?: Translator;
  /** The room the drawing gets, in CSS px. */
  width: number;
  /** Without a height, the drawing takes the height it needs at its scale (a page that grows). */
  height?: number;
  /** The smallest scale: its text must stay readable (`metrics.ts` sizes × scale, in CSS px). */
  minScale: number;
  /** The largest scale: a big screen spreads the drawing out rather than blow its text up further. */
  maxScale: number;
  /** Show all of it, however small (the learner's "Fit"). */
  fit?: boolean;
}

export interface MeshFit {
  layout: MeshLayout;
  /** CSS px per drawing unit. */
  scale: number;
  /** The drawing is larger than the room at `minScale`: it pans. */
  overflows: boolean;
}

const DETAILS: readonly MeshDetail[] = ['full', 'compact'];

/**
 * The layout and scale that fill the given room with readable text: full badges when they fit at
 * `minScale` or more, else compact ones (the mode without its level), else compact ones at
 * `minScale` that pan instead of shrinking. With `fit`, the compact drawing shrinks to the room.
 */
export function fitMeshLayout({ mesh, tr, width, height, minScale, maxScale, fit = false }: MeshFitInput): MeshFit {
  const natural = (detail: MeshDetail) => layoutMeshGraph({ mesh, width: 0, height: 0, detail, ...(tr ? { tr } : {}) });
  const scaleFor = (layout: MeshLayout) => Math.min(maxScale, width / layout.width, height !== undefined ? height / layout.height : Infinity);
  const fill = (detail: MeshDetail, scale: number, overflows: boolean): MeshFit => ({
    layout: layoutMeshGraph({ mesh, width: width / scale, height: height !== undefined ? height / scale : 0, detail, ...(tr ? { tr } : {}) }),
    scale,
    overflows,
  });
  if (width <= 0) return { layout: natural('full'), scale: 1, overflows: false };
  if (fit) return fill('compact', Math.min(minScale, scaleFor(natural('compact'))), false);
  for (const detail of DETAILS) {
    const scale = scaleFor(natural(detail));
    if (scale >= minScale) return fill(detail, scale, false);
  }
  return fill('compact', minScale, true);
}

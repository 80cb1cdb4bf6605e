/**
 * Sizes of the mesh diagram in drawing units. The diagram is drawn at a scale of at least 1 on a
 * laptop (1 unit = 1 CSS px), so these font sizes are the smallest a learner reads there; the
 * layout sizes every box from them, and the drawing sets them on the text.
 */
export const TEXT = {
  /** Workload and actor names (bold). */
  label: 12,
  /** The mode in a badge (bold): STRICT, PERMISSIVE, no sidecar… */
  mode: 11,
  /** The level a mode came from: mesh, namespace, workload, port. */
  level: 11,
  /** A namespace's name on its box or node border. */
  legend: 11,
  /** A port override line under a badge. */
  override: 11,
  /** The AuthorizationPolicy tag under a badge. */
  authz: 11,
  /** Words on request flows: what a hop sends, where it broke. */
  flow: 11,
} as const;

/** A node box, top to bottom: the label, the badge pill, then any port override lines. */
export const NODE = {
  /** Space between the box's sides and its label or pill. */
  padX: 7,
  labelBaseline: 16,
  pillTop: 20,
  pillHeight: 15,
  /** Space between the box's sides and the pill. */
  pillInset: 5,
  /** Space inside the pill before and after its content. */
  pillPad: 5,
  /** The lock glyph and the space after it. */
  lockWidth: 15,
  /** Between the mode and the level inside the pill. */
  levelGap: 8,
  bottom: 4,
  overrideLine: 14,
  /** The first override line's baseline, below the pill. */
  overrideBaseline: 13,
  /** The baseline of the text in the pill, from the pill's top. */
  pillBaseline: 11.5,
  /** The AuthorizationPolicy tag: the space above it, and its height (it shares the pill's baseline and padding). */
  authzGap: 3,
  authzHeight: 15,
  /** The shield glyph and the space after it. */
  shieldWidth: 13,
} as const;

/** What the AuthorizationPolicy tag adds to a node's height. */
export const AUTHZ_ROW = NODE.authzGap + NODE.authzHeight;

/**
 * A namespace's name sits on the top border of its box (or of its only node), like a fieldset's
 * legend: its baseline this far below the border, its text rising `LEGEND.rise` above it.
 */
export const LEGEND = { baseline: 2, rise: 9, padX: 3, inset: 6 } as const;

/** Height of a node without override lines. */
export const NODE_HEIGHT = NODE.pillTop + NODE.pillHeight + NODE.bottom;

/** How far the hexagon (gateway) and trapezoid (LoadBalancer) outlines cut into the box at the top. */
export const OUTLINE_INSET = { gateway: 9, loadbalancer: 7 } as const;

/** The smallest text size in the diagram (units): at scale s, no text is drawn smaller than s × this in CSS px. */
export const SMALLEST_TEXT = Math.min(...Object.values(TEXT));

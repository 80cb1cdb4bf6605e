import { SMALLEST_TEXT } from '../../diagrams/meshGraph/metrics.ts';

/**
 * Presenter mode draws the whole instance larger with one CSS zoom, so that its smallest text
 * (13 px: the terminal, notices) reads as 16 px or more from the back of a room.
 */
export const PROJECTOR_ZOOM = 1.25;

/** The diagram's scale under that zoom that draws its smallest text at 14 px. */
export const PROJECTOR_DIAGRAM_SCALE = 14 / SMALLEST_TEXT / PROJECTOR_ZOOM;

import type { Trace } from '../../domain/traffic/trace.ts';

/**
 * One request as the diagram shows it at this instant. The app owns the clock: it advances
 * `hopIndex`/`progress` (e.g. from requestAnimationFrame or a machine's `hop.reached` cue) and
 * hands the diagram a new array each frame; the diagram only positions what it is given.
 */
export interface FlowView {
  /** Stable for the request's lifetime: the keyed join reuses the marker element by it. */
  id: number;
  trace: Trace;
  /** The hop being travelled (`moving`), the last hop (`ok`), or the hop that failed (`failed`). */
  hopIndex: number;
  /** 0..1 along the current hop; ignored once the flow is `ok` or `failed`. */
  progress: number;
  status: 'moving' | 'ok' | 'failed';
  /** Highlight this flow and draw its path so far. */
  selected: boolean;
}

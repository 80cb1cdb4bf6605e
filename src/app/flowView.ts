import type { Trace } from '../domain/traffic/trace.ts';

/**
 * One request as the diagram shows it. The app owns the clock: it hands the diagram a new array
 * when a request starts, finishes, leaves or is selected, and moves the markers in between through
 * a `FlowMotion`; without one, the diagram places each marker where its view says.
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

/** Where a moving request is at this instant. */
export interface FlowPosition {
  hopIndex: number;
  /** 0..1 along the hop. */
  progress: number;
}

/**
 * Moves markers between view updates, on the app's animation frames: the diagram subscribes once
 * and, at every frame, reads where each moving request is and moves its marker (a transform).
 */
export interface FlowMotion {
  /** Where a moving request is now; undefined for one this motion does not know. */
  position(id: number): FlowPosition | undefined;
  /** Calls `listener` at every animation frame while requests move; returns the function that stops it. */
  onFrame(listener: () => void): () => void;
}

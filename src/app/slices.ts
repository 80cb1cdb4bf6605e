/**
 * Long work (a loop of requests, a 10,000-line paste, replaying saved commands) runs in slices of
 * at most this many milliseconds of script, giving the main thread back in between, so that no
 * task comes near the 200 ms a page may block for (keys, frames and the Stop button stay live).
 */
export const SLICE_MS = 30;

/**
 * Gives the main thread back, then resolves in a task of its own. A plain task, not
 * `scheduler.yield()`: its continuations are meant to run before other queued work, so a long run of
 * them holds back the key events that would interrupt it (Ctrl+C, Stop), which is the opposite of
 * what a long command needs.
 */
export function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Resolves in a task after the browser has drawn its next frame (a task of its own, so the frame
 * is not held by what runs next). Where nothing draws frames (Node, a hidden tab, jsdom), in a
 * plain task: a hidden tab's frames may never come.
 */
export function afterNextFrame(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || (typeof document !== 'undefined' && document.visibilityState === 'hidden')) return yieldToMain();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

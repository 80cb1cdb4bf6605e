/** One line of an Envoy access log, kept per pod and container. */
export interface LogLine {
  /** Seconds since the epoch. */
  time: number;
  container: string;
  text: string;
}

/** Lines kept per pod, as a real log rotates. */
export const MAX_LOG_LINES = 2000;

/**
 * The pods' logs by pod key (`ns/name`), each the pod's last `MAX_LOG_LINES` lines. A world and its
 * snapshots share one store (see World.clone); `fork` makes a store of its own for a copy whose
 * logs must go their own way.
 */
export class PodLogs {
  private lines = new Map<string, readonly LogLine[]>();
  /**
   * The arrays this store created since it was last forked: no other store holds them, so `append`
   * may add to them in place. Any other array in `lines` may be shared and is copied first.
   */
  private own = new Map<string, LogLine[]>();

  /** Read-only; a reader keeping an array sees the lines appended to it later. */
  get byPod(): ReadonlyMap<string, readonly LogLine[]> {
    return this.lines;
  }

  append(key: string, line: LogLine): void {
    const lines = this.lines.get(key);
    let own = this.own.get(key);
    if (own === undefined || own !== lines) {
      // Copy on write: a fork shares the arrays it copied (see `fork`) and never changes them.
      own = lines ? lines.slice(Math.max(0, lines.length - MAX_LOG_LINES)) : [];
      this.lines.set(key, own);
      this.own.set(key, own);
    }
    own.push(line);
    // The log rotates, keeping its last lines. V8 shifts by moving the array's start, not its lines.
    while (own.length > MAX_LOG_LINES) own.shift();
  }

  delete(key: string): void {
    this.lines.delete(key);
    this.own.delete(key);
  }

  /** A store with the same lines, after which each store's appends are its own. */
  fork(): PodLogs {
    const copy = new PodLogs();
    copy.lines = new Map(this.lines);
    // Both stores now share every array, so neither may add to one in place any more.
    this.own = new Map();
    return copy;
  }
}

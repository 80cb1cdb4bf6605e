/** One line of an Envoy access log, kept per pod and container. */
export interface LogLine {
  /** Seconds since the epoch. */
  time: number;
  container: string;
  text: string;
}

/**
 * Lines kept per container, as a real log rotates: the kubelet rotates each container's log file on
 * its own (containerLogMaxSize, containerLogMaxFiles), so a chatty container (a tcpdump in a debug
 * container) never pushes the sidecar's lines out.
 */
export const MAX_LOG_LINES = 2000;

/**
 * The pods' logs by pod key (`ns/name`), each the pod's lines in the order written, keeping each
 * container's last `MAX_LOG_LINES`. A world and its
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
  /** Lines per container of each array in `own`. */
  private counts = new Map<string, Map<string, number>>();

  /** Read-only; a reader keeping an array sees the lines appended to it later. */
  get byPod(): ReadonlyMap<string, readonly LogLine[]> {
    return this.lines;
  }

  append(key: string, line: LogLine): void {
    const lines = this.lines.get(key);
    let own = this.own.get(key);
    let counts = this.counts.get(key);
    if (own === undefined || own !== lines || counts === undefined) {
      // Copy on write: a fork shares the arrays it copied (see `fork`) and never changes them.
      own = lines ? lines.slice() : [];
      counts = new Map();
      for (const l of own) counts.set(l.container, (counts.get(l.container) ?? 0) + 1);
      this.lines.set(key, own);
      this.own.set(key, own);
      this.counts.set(key, counts);
    }
    own.push(line);
    const count = (counts.get(line.container) ?? 0) + 1;
    if (count <= MAX_LOG_LINES) {
      counts.set(line.container, count);
      return;
    }
    // The container's log rotates, keeping its last lines. Its oldest line is usually the pod's
    // oldest: V8 shifts by moving the array's start, not its lines.
    const oldest = own.findIndex((l) => l.container === line.container);
    if (oldest === 0) own.shift();
    else own.splice(oldest, 1);
  }

  delete(key: string): void {
    this.lines.delete(key);
    this.own.delete(key);
    this.counts.delete(key);
  }

  /** A store with the same lines, after which each store's appends are its own. */
  fork(): PodLogs {
    const copy = new PodLogs();
    copy.lines = new Map(this.lines);
    // Both stores now share every array, so neither may add to one in place any more.
    this.own = new Map();
    this.counts = new Map();
    return copy;
  }
}

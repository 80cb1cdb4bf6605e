import type { SessionSnapshot, SimSession } from '../shell/session.ts';
import type { ConfigChange } from './simEvents.ts';

/** How many commands undo can go back (older snapshots are dropped; the record keeps them). */
export const MAX_UNDO = 200;
/** How many points the time machine keeps besides the start (older ones are dropped). */
export const MAX_POINTS = 200;

/** A point of the policy time machine: the start, then every command that changed the mesh configuration. */
export interface TimelinePoint {
  id: number;
  /** How many commands were in effect at this point. */
  commandCount: number;
  /** The command's first line ('' for the start). */
  label: string;
  changes: ConfigChange[];
  time: number;
  snapshot: SessionSnapshot;
}

/** One command in effect. */
interface RecordEntry {
  command: string;
  /**
   * Whether it changed anything a later command could see: the world (objects, logs, credentials,
   * random state), the files or the shell's variables. Only these are saved and shared; a
   * replay without the others builds the same world.
   */
  effective: boolean;
}

/**
 * What happened since the start of a lesson or the sandbox: the record of every command in effect
 * (unbounded: it is what progress, links and the time machine are made of), the snapshots that undo
 * returns to (the latest `MAX_UNDO`), and the time machine's points. Undo, reset and a restored
 * point all rewind through here, so there is one path for each.
 */
export class CommandHistory {
  timeline = $state.raw<TimelinePoint[]>([]);
  /** How many commands are in effect (reactive; `commands` reads the record). */
  count = $state(0);
  private record: RecordEntry[] = [];
  /** The world before each of the last `undoStack.length` commands of the record. */
  private undoStack: SessionSnapshot[] = [];
  private nextPointId = 1;
  private startSnapshot: SessionSnapshot | undefined;

  /** Starts afresh from `start`: no commands, one point (the start). */
  reset(start: SessionSnapshot): void {
    this.startSnapshot = start;
    this.record = [];
    this.undoStack = [];
    this.count = 0;
    this.timeline = [{ id: this.nextPointId++, commandCount: 0, label: '', changes: [], time: start.world.clock.now(), snapshot: start }];
  }

  get start(): SessionSnapshot | undefined {
    return this.startSnapshot;
  }

  /** Every command in effect, in order. */
  get commands(): string[] {
    void this.count;
    return this.record.map((r) => r.command);
  }

  /** The commands that changed something, in order: what progress and links keep. */
  effectiveCommands(): string[] {
    void this.count;
    return this.record.flatMap((r) => (r.effective ? [r.command] : []));
  }

  get canUndo(): boolean {
    return this.count > 0 && this.undoStack.length > 0;
  }

  /**
   * Adds a command that has run. `before` is the world before it (undefined: not kept, and undo
   * cannot go back past this command); `after` is asked for only when the configuration changed.
   */
  add(command: string, effective: boolean, before: SessionSnapshot | undefined, changes: ConfigChange[], after: () => SessionSnapshot): void {
    this.record.push({ command, effective });
    if (before) {
      this.undoStack.push(before);
      if (this.undoStack.length > MAX_UNDO) this.undoStack.shift();
    } else {
      this.undoStack = [];
    }
    if (changes.length) {
      const snapshot = after();
      const points = [...this.timeline, { id: this.nextPointId++, commandCount: this.record.length, label: firstLine(command), changes, time: snapshot.world.clock.now(), snapshot }];
      // The start stays; the oldest points after it go first.
      if (points.length > MAX_POINTS + 1) points.splice(1, points.length - MAX_POINTS - 1);
      this.timeline = points;
    }
    this.count = this.record.length;
  }

  /** Takes the last command back: its text and the world before it, or undefined when undo cannot. */
  undo(): { command: string; before: SessionSnapshot } | undefined {
    const before = this.undoStack.pop();
    const last = before ? this.record.pop() : undefined;
    if (!before || !last) return undefined;
    this.afterRewind();
    return { command: last.command, before };
  }

  /** Goes back to a point: the commands after it are no longer in effect. Returns the point. */
  rewindTo(id: number): TimelinePoint | undefined {
    const point = this.timeline.find((p) => p.id === id);
    if (!point) return undefined;
    const dropped = this.record.length - point.commandCount;
    if (dropped <= 0) return point;
    this.record.length = point.commandCount;
    this.undoStack.length = Math.max(0, this.undoStack.length - dropped);
    this.afterRewind();
    return point;
  }

  private afterRewind(): void {
    this.count = this.record.length;
    this.timeline = this.timeline.filter((p) => p.commandCount <= this.record.length);
  }
}

/**
 * What decides whether a command was `effective`: equal fingerprints before and after mean it
 * changed nothing that a later command could see.
 */
export function sessionFingerprint(session: SimSession): string {
  const w = session.world;
  let vars = '';
  for (const [name, value] of session.shell.env) vars += `${name}=${value}\u0000`;
  for (const [name, value] of session.shell.aliases) vars += `alias ${name}=${value}\u0000`;
  const { name, project, zone } = w.cluster;
  return `${w.revision}|${w.credentials}|${name}|${project}|${zone}|${w.rng.state}|${session.fs.revision}|${vars}`;
}

export function firstLine(command: string): string {
  const line = command.split('\n')[0] ?? command;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

import { DEFAULT_EPOCH_MS, RealtimeClock } from '../domain/clock.ts';
import type { Lesson } from '../lessons/types.ts';
import { startSession } from '../lessons/run.ts';
import { HOSTED_VERBS } from '../shell/kubectl/host.ts';
import { SimSession } from '../shell/session.ts';
import { COURSE_COMMANDS } from './courseCommands.ts';
import { TerminalState } from './terminal.svelte.ts';

/**
 * A line that calls one of the course's own commands, or a kubectl verb that needs the page around
 * the shell (an editor panel, a browser tab): only the playground can answer those. That includes
 * one named in an alias or a variable for later (`alias h=hint`). A word that merely looks like one
 * (`echo hint`) costs nothing but an early answer.
 */
const PLAYGROUND_MENTION = new RegExp(`(?:^|[\\s;&|()\`'"$=])(?:${[...COURSE_COMMANDS, ...HOSTED_VERBS].join('|')})(?=$|[\\s;&|()\`'"])`);

/**
 * The terminal that answers the boot terminal's first lines while the playground's code is still
 * on its way, on a session opened at the lesson's start exactly as the course opens it. It answers
 * with the same engine (the shell, kubectl, the traffic simulation) on the same world; the
 * playground then runs the same lines itself, as typed, and takes over once it has caught up, so
 * the lesson's record, its checks and the diagram all come from the playground. It stops taking
 * lines at the first one it could answer differently from the playground: one that calls the
 * course's commands (`hint`, `undo`, `reset`), `kubectl edit` or `port-forward` (the playground
 * opens its editor panel or browser tab for them), or a part of the shell that loads later.
 */
export class EarlyTerminal {
  readonly terminal: TerminalState;
  private open = true;

  constructor(lesson: Lesson) {
    // As the course opens it: the lesson's start world, on the page's clock (Simulator's).
    const session = new SimSession({ world: startSession(lesson).world });
    session.world.clock = new RealtimeClock(DEFAULT_EPOCH_MS);
    this.terminal = new TerminalState(session);
  }

  /** Whether it still answers (it stops for good at the first line it must leave to the playground). */
  get answering(): boolean {
    return this.open;
  }

  /** Runs `line` and returns true, or returns false (from then on always) when the playground must answer it. */
  submit(line: string): boolean {
    if (!this.open) return false;
    if (PLAYGROUND_MENTION.test(line) || this.terminal.session.toolsFor(line) !== undefined) {
      this.open = false;
      return false;
    }
    this.terminal.submit(line);
    return true;
  }
}

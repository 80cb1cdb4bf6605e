import type { Trace } from '../domain/traffic/trace.ts';
import { configSnapshot, diffConfig } from '../domain/cluster/configSnapshot.ts';
import type { Locale } from '../domain/locale.ts';
import type { Lesson, LessonStep, CheckResult } from '../lessons/types.ts';
import { checkStep, startSession } from '../lessons/run.ts';
import { SimSession, type SessionSnapshot } from '../shell/session.ts';
import type { CourseCommand } from './courseCommands.ts';
import { CommandHistory, MAX_UNDO, firstLine, sessionFingerprint, type TimelinePoint } from './commandHistory.svelte.ts';
import { SLICE_MS, yieldToMain } from './slices.ts';
import { translate } from '../i18n/locale.ts';
import type { MessageKey } from '../i18n/messages/index.ts';
import type { CommandContext, CommandHandler, RunResult } from '../shell/types.ts';
import { Predictions, type PredictionState } from './predictions.svelte.ts';
import type { Simulator } from './simulator.svelte.ts';

export { MAX_UNDO };
export type { PredictionState };
export type { TimelinePoint };
/** How many of the learner's requests the checks can look back on. */
export const MAX_TRACES = 500;

/** How far a replay of saved or shared commands has come. */
export interface ReplayProgress {
  done: number;
  total: number;
}

/** How a replay ended: every command ran, or it stopped (the Stop button, its budget, or another replay took over). */
export interface ReplayOutcome {
  ran: number;
  total: number;
  stopped?: 'user' | 'budget' | 'superseded';
}

/** The most work one replay may do (a shared link's): beyond it the replay stops with a notice. */
export interface ReplayBudget {
  /** Simulated requests, all commands together. */
  requests: number;
}

export interface CourseProgress {
  mode: 'lesson' | 'sandbox';
  lessonId?: string;
  step: number;
  completed: string[];
  commands: string[];
  predictions: { stepId: string; score: number }[];
}

/**
 * The course around the simulator: the current lesson (or the sandbox), its step, the checks that
 * run after each command, hints, predictions, one snapshot per command for undo and reset, and the
 * timeline of configuration changes. The checks and answers come from the lesson data and the engine.
 */
export class Course {
  mode = $state<'lesson' | 'sandbox'>('sandbox');
  lesson = $state.raw<Lesson | undefined>(undefined);
  stepIndex = $state(0);
  completed = $state.raw<string[]>([]);
  /** The current step's latest check. */
  check = $state.raw<CheckResult | undefined>(undefined);
  /** The step that just passed, for the "well done" banner and its takeaway. */
  justCompleted = $state.raw<LessonStep | undefined>(undefined);
  /** How many hint tiers of the current step are shown. */
  hintsShown = $state(0);
  /** The record of commands in effect, undo's snapshots and the time machine's points. */
  readonly history = new CommandHistory();
  /** A replay of saved or shared commands under way (the terminal waits meanwhile). */
  replaying = $state.raw<ReplayProgress | undefined>(undefined);
  /** The step's "predict the outcome" questions. */
  readonly predictionBook = new Predictions();
  /** Something the learner should be told (progress restored, storage problem…). */
  notice = $state('');
  locale: () => Locale = () => 'en';
  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.locale(), key, params);
  }
  /** Called after every change worth saving; `progress()` says what to save. */
  onChange: () => void = () => {};
  /** Called when a replay of saved or shared commands starts (the page may show its progress). */
  onReplayStart: () => void = () => {};
  /** Called when a step's check passes (not when progress is restored). */
  onStepCompleted: (step: LessonStep, index: number) => void = () => {};

  private sim: Simulator | undefined;
  private traces: Trace[] = [];
  /** Where the current step's requests start in `traces`. */
  private stepStart = 0;
  private pendingBefore: SessionSnapshot | undefined;
  private pendingFingerprint = '';
  /** Set by the course's own commands (undo, reset, hint): the running line is not recorded. */
  private skipRecord = false;
  private inCommand = false;
  /** How long one slice of a replay may run (tests set 0 to make every step a slice of its own). */
  sliceMs = SLICE_MS;
  private replayToken = 0;
  /** Set while `onChange` must not be called (the end of a replay). */
  private quiet = false;
  private stopRequested = false;

  /** The course's shell commands: `undo`, `reset`, `hint`. Give them to the Simulator. */
  readonly shellCommands: Record<CourseCommand, CommandHandler> = {
    undo: (ctx) => this.undoCommand(ctx),
    reset: (ctx) => this.resetCommand(ctx),
    hint: (ctx) => this.hintCommand(ctx),
  };

  get step(): LessonStep | undefined {
    return this.lesson?.steps[this.stepIndex];
  }

  /** Whether every step of the lesson has passed. */
  get finished(): boolean {
    return !!this.lesson && this.lesson.steps.every((s) => this.completed.includes(s.id));
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  /** Every command in effect, in order (the record, not bounded by undo's depth). */
  get commands(): string[] {
    return this.history.commands;
  }

  get timeline(): TimelinePoint[] {
    return this.history.timeline;
  }

  /** The "predict the outcome" questions by step id. */
  get predictions(): Record<string, PredictionState> {
    return this.predictionBook.byStep;
  }

  /** Starts following the simulator's commands; the world as it is becomes the sandbox's start. */
  attach(sim: Simulator): () => void {
    this.sim = sim;
    this.history.reset(sim.session.snapshot());
    return sim.observe({
      beforeCommand: () => {
        this.inCommand = true;
        this.skipRecord = false;
        this.pendingBefore = sim.session.snapshot();
        this.pendingFingerprint = sessionFingerprint(sim.session);
      },
      afterCommand: (command, result, changed) => {
        this.inCommand = false;
        this.afterCommand(command, result, changed);
      },
      onTrace: (trace) => {
        this.keepTrace(trace);
        // A browser refresh happens outside any command: check now.
        if (!this.inCommand) this.evaluate();
      },
    });
  }

  /**
   * Opens a lesson at its start, or replays `commands` into it (saved progress, a link). Resolves
   * when the replay has finished or stopped; see `begin`.
   */
  openLesson(lesson: Lesson, progress?: Partial<CourseProgress>, budget?: ReplayBudget): Promise<ReplayOutcome> {
    const session = startSession(lesson);
    this.mode = 'lesson';
    this.lesson = lesson;
    return this.begin(session.snapshot(), `lesson ${lesson.id}`, progress, budget);
  }

  /** The free sandbox: the default world, the same tools, no checks. */
  openSandbox(start: SessionSnapshot, progress?: Partial<CourseProgress>, budget?: ReplayBudget): Promise<ReplayOutcome> {
    this.mode = 'sandbox';
    this.lesson = undefined;
    return this.begin(start, 'sandbox', progress, budget);
  }

  /** Stops the replay under way; what has run so far stays (see `begin`). */
  stopReplay(): void {
    if (this.replaying) this.stopRequested = true;
  }

  /**
   * Starts from `start` and replays the saved commands on a scratch session, in slices (a replay
   * can be long: a link may carry loops of thousands of requests), keeping the record, undo's
   * snapshots and the time machine's points as if the commands had been typed. The terminal holds
   * its input meanwhile, so that nothing runs against a world about to be replaced. The Stop button
   * (`stopReplay`) or the budget ends it early: the command under way is taken back whole, and the
   * world is the one after the commands before it. A newer `begin` supersedes an older one.
   */
  private async begin(start: SessionSnapshot, label: string, progress: Partial<CourseProgress> | undefined, budget: ReplayBudget | undefined): Promise<ReplayOutcome> {
    const sim = this.need();
    const token = ++this.replayToken;
    this.stopRequested = false;
    // A new cluster: its logs start as the start's and go on apart, so the start (which may be
    // opened again, as the sandbox's is) never holds the lines its cluster writes.
    const origin: SessionSnapshot = { world: start.world.clone(), files: start.files };
    this.history.reset(origin);
    this.traces = [];
    this.stepStart = 0;
    this.justCompleted = undefined;
    this.hintsShown = 0;
    this.check = undefined;
    const steps = this.lesson?.steps ?? [];
    const completed = (progress?.completed ?? []).filter((id) => steps.some((s) => s.id === id));
    this.completed = completed;
    this.stepIndex = Math.min(Math.max(0, progress?.step ?? 0), Math.max(0, steps.length - 1));
    this.predictionBook.restore(steps, progress?.predictions);
    const commands = progress?.commands ?? [];
    const total = commands.length;
    const scratch = new SimSession();
    scratch.restore(origin);
    const release = sim.terminal.hold();
    this.replaying = total ? { done: 0, total } : undefined;
    if (total) this.onReplayStart();
    let sliceStart = performance.now();
    const shouldYield = () => performance.now() - sliceStart > this.sliceMs;
    const superseded = () => token !== this.replayToken;
    let requests = 0;
    let ran = 0;
    let stopped: ReplayOutcome['stopped'];
    try {
      for (const command of commands) {
        if (this.stopRequested) {
          stopped = 'user';
          break;
        }
        // A command that calls a tool whose code has not arrived yet waits for it, as typed ones do.
        const loading = scratch.toolsFor(command);
        if (loading) {
          await loading;
          if (superseded()) {
            stopped = 'superseded';
            break;
          }
        }
        const before = scratch.snapshot();
        const config = configSnapshot(scratch.world);
        const fingerprint = sessionFingerprint(scratch);
        const job = scratch.start(command);
        // The budget is checked at every step of the command, so where it stops does not depend on timing.
        const overBudget = () => {
          requests += job.takeTraces().length;
          return !!budget && requests > budget.requests;
        };
        for (;;) {
          const result = job.resume(() => overBudget() || shouldYield());
          job.takeOutput();
          if (result) {
            overBudget();
            break;
          }
          if (overBudget()) stopped = 'budget';
          else {
            this.replaying = { done: ran, total };
            await yieldToMain();
            sliceStart = performance.now();
            if (superseded()) stopped = 'superseded';
            else if (this.stopRequested) stopped = 'user';
          }
          if (stopped) {
            job.interrupt();
            while (!job.resume(() => false));
            break;
          }
        }
        if (stopped) {
          scratch.restore(before);
          break;
        }
        // Undo keeps the latest snapshots only: the earlier ones would be dropped at once.
        const keep = ran >= total - MAX_UNDO;
        this.history.add(command, sessionFingerprint(scratch) !== fingerprint, keep ? before : undefined, diffConfig(config, configSnapshot(scratch.world)), () => scratch.snapshot());
        ran++;
        if (budget && requests > budget.requests && ran < total) {
          stopped = 'budget';
          break;
        }
        if (shouldYield()) {
          this.replaying = { done: ran, total };
          await yieldToMain();
          sliceStart = performance.now();
          if (superseded()) {
            stopped = 'superseded';
            break;
          }
        }
      }
      if (stopped === 'superseded') return { ran, total, stopped };
      sim.restore(scratch.snapshot(), ran ? `${label}: ${ran} commands replayed` : label);
      this.replaying = undefined;
      this.askPrediction();
      // Whether to save what was replayed is the caller's choice (it may have stopped early).
      this.quiet = true;
      try {
        this.evaluate(false);
      } finally {
        this.quiet = false;
      }
      return { ran, total, ...(stopped ? { stopped } : {}) };
    } finally {
      if (!superseded()) this.replaying = undefined;
      release();
    }
  }

  private afterCommand(command: string, _result: RunResult, changed: boolean): void {
    const sim = this.need();
    const before = this.pendingBefore;
    this.pendingBefore = undefined;
    if (this.skipRecord || !before) {
      this.skipRecord = false;
      return;
    }
    const changes = changed ? diffConfig(configSnapshot(before.world), configSnapshot(sim.session.world)) : [];
    this.history.add(command, sessionFingerprint(sim.session) !== this.pendingFingerprint, before, changes, () => sim.session.snapshot());
    this.evaluate();
    this.save();
  }

  /** Runs the current step's check; a pass completes it and moves on. */
  private evaluate(announce = true): void {
    const step = this.step;
    if (this.mode !== 'lesson' || !step || !this.sim) return;
    const result = checkStep(step, this.context());
    this.check = result;
    if (!result.pass || this.completed.includes(step.id)) return;
    // The step's change is complete (however many commands it took): reveal the prediction.
    this.revealPrediction();
    this.completed = [...this.completed, step.id];
    if (announce) {
      this.justCompleted = step;
      this.onStepCompleted(step, this.stepIndex);
    }
    const last = (this.lesson?.steps.length ?? 1) - 1;
    if (this.stepIndex < last) this.goToStep(this.stepIndex + 1, false);
    this.save();
  }

  /** Moves to a step (the steps are open to browse; checks always look at the current one). */
  goToStep(index: number, clearBanner = true): void {
    const steps = this.lesson?.steps ?? [];
    if (index < 0 || index >= steps.length) return;
    this.stepIndex = index;
    this.hintsShown = 0;
    if (clearBanner) this.justCompleted = undefined;
    this.check = undefined;
    this.askPrediction();
    this.stepStart = this.traces.length;
    if (this.sim && this.step) this.check = checkStep(this.step, this.context());
    this.save();
  }

  /**
   * Keeps a request for the checks. Only the latest MAX_TRACES are kept (a long session must not
   * grow without bound); the current step's window moves with them.
   */
  private keepTrace(trace: Trace): void {
    this.traces.push(trace);
    if (this.traces.length <= MAX_TRACES) return;
    const drop = this.traces.length - MAX_TRACES;
    this.traces.splice(0, drop);
    this.stepStart = Math.max(0, this.stepStart - drop);
  }

  private context() {
    return { world: this.need().session.world, traces: this.traces, stepTraces: this.traces.slice(this.stepStart) };
  }

  showHint(): string | undefined {
    const hints = this.step?.hints ?? [];
    if (this.hintsShown >= hints.length) return undefined;
    this.hintsShown++;
    return hints[this.hintsShown - 1]?.[this.locale()];
  }

  // Predictions -------------------------------------------------------------------------------

  private askPrediction(): void {
    const step = this.step;
    this.predictionBook.ask(step, !!step && this.completed.includes(step.id), () => this.sim?.session.snapshot());
  }

  submitPrediction(guess: string[]): void {
    this.predictionBook.submit(this.step?.id, guess);
  }

  skipPrediction(): void {
    this.predictionBook.skip(this.step?.id);
  }

  private revealPrediction(): void {
    if (this.sim) this.predictionBook.reveal(this.step?.id, this.sim.session.world);
  }

  // Undo, reset and the time machine ----------------------------------------------------------

  /** Takes the last command back (the button and the `undo` command); false when undo cannot. */
  undo(): { command: string } | undefined {
    const last = this.sim ? this.history.undo() : undefined;
    if (!last) return undefined;
    this.rewind(last.before, `undo: ${firstLine(last.command)}`);
    return { command: last.command };
  }

  /** Back to the start of the lesson or the sandbox (the button and the `reset` command); how many commands it took back. */
  reset(): number | undefined {
    const start = this.history.start;
    if (!start || !this.sim) return undefined;
    const count = this.history.count;
    this.rewindToStart(start);
    this.rewind(start, 'reset');
    this.askPrediction();
    return count;
  }

  /**
   * Puts the world back to `to`. From a button it is a change of its own (recorded and pushed);
   * from a shell command, the command's own run records it when it ends.
   */
  private rewind(to: SessionSnapshot, label: string): void {
    const sim = this.need();
    if (this.inCommand) sim.session.restore(to);
    else sim.restore(to, label);
    this.afterRewind();
  }

  /** Forgets every command and, in a lesson, the progress: the state of a fresh start. */
  private rewindToStart(start: SessionSnapshot): void {
    this.history.reset(start);
    this.traces = [];
    this.stepStart = 0;
    if (this.mode === 'lesson') {
      this.completed = [];
      this.stepIndex = 0;
      this.predictionBook.clear();
      this.justCompleted = undefined;
      this.hintsShown = 0;
    }
  }

  /** Goes back to a point of the timeline: the world as it was, and the commands in effect then. */
  restorePoint(id: number): void {
    const point = this.history.rewindTo(id);
    if (!point) return;
    this.rewind(point.snapshot, `time machine: back to ${point.label || 'the start'}`);
  }

  private afterRewind(): void {
    this.check = undefined;
    this.evaluate(false);
    this.save();
  }

  // Shell commands ----------------------------------------------------------------------------

  private undoCommand(ctx: CommandContext): number {
    this.skipRecord = true;
    if (ctx.argv.length > 1) {
      ctx.stderr(`${this.t('course.undo.usage')}\n`);
      return 2;
    }
    const undone = this.undo();
    if (!undone) {
      ctx.stderr(`${this.t('course.undo.nothing')}\n`);
      return 1;
    }
    ctx.stdout(`${this.t('course.undo.done', { command: firstLine(undone.command) })}\n`);
    return 0;
  }

  private resetCommand(ctx: CommandContext): number {
    this.skipRecord = true;
    if (ctx.argv.length > 1) {
      ctx.stderr(`${this.t('course.reset.usage')}\n`);
      return 2;
    }
    const count = this.reset();
    if (count === undefined) return 1;
    ctx.stdout(`${this.lesson ? this.t('course.reset.lesson', { title: this.lesson.title[this.locale()], count }) : this.t('course.reset.sandbox', { count })}\n`);
    return 0;
  }

  private hintCommand(ctx: CommandContext): number {
    this.skipRecord = true;
    if (this.mode !== 'lesson' || !this.step) {
      ctx.stderr(`${this.t('course.hint.none')}\n`);
      return 1;
    }
    const hint = this.showHint();
    if (!hint) {
      ctx.stdout(`${this.t('course.hint.noMore')}\n`);
      return 0;
    }
    ctx.stdout(`${this.t('course.hint.line', { n: this.hintsShown, total: this.step.hints.length, hint })}\n`);
    return 0;
  }

  // Persistence -------------------------------------------------------------------------------

  progress(): CourseProgress {
    return {
      mode: this.mode,
      ...(this.lesson ? { lessonId: this.lesson.id } : {}),
      step: this.stepIndex,
      completed: this.completed,
      commands: this.history.effectiveCommands(),
      predictions: this.predictionBook.scores(),
    };
  }

  private save(): void {
    if (this.quiet || this.replaying) return;
    this.onChange();
  }

  private need(): Simulator {
    if (!this.sim) throw new Error('Course.attach(sim) must be called first');
    return this.sim;
  }
}

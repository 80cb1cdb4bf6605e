import type { Trace } from '../domain/traffic/trace.ts';
import { configSnapshot, diffConfig } from '../domain/cluster/configSnapshot.ts';
import type { Lesson, LessonLocale, LessonStep, CheckResult, ProbeSpec } from '../lessons/types.ts';
import { brokenProbes } from '../lessons/probe.ts';
import { checkStep, startSession } from '../lessons/run.ts';
import { SimSession, type SessionSnapshot } from '../shell/session.ts';
import { translate } from '../i18n/locale.ts';
import type { MessageKey } from '../i18n/messages/index.ts';
import type { CommandContext, CommandHandler, RunResult } from '../shell/types.ts';
import type { ConfigChange } from './simEvents.ts';
import { scorePrediction, type PredictionScore } from '../domain/matrix/requestMatrix.ts';
import type { Simulator } from './simulator.svelte.ts';

/** How many commands undo can go back (older snapshots are dropped). */
export const MAX_UNDO = 200;
/** How many of the learner's requests the checks can look back on. */
export const MAX_TRACES = 500;

/** One command in effect, with the world as it was just before it ran (what undo returns to). */
interface HistoryEntry {
  command: string;
  before: SessionSnapshot;
}

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

/** A "predict the outcome" question and, once the apply happened, its answer. */
export interface PredictionState {
  stepId: string;
  probes: ProbeSpec[];
  phase: 'asking' | 'answered' | 'revealed' | 'skipped';
  guess?: string[];
  /** Probe ids that worked before the apply and fail after it. */
  broken?: string[];
  /** The world when the question was asked: what "broke" is measured against. */
  baseline?: SessionSnapshot;
  /** 0–100 (see `scorePrediction`), when the learner answered. */
  score?: number;
  detail?: PredictionScore;
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
  commands = $state.raw<string[]>([]);
  timeline = $state.raw<TimelinePoint[]>([]);
  predictions = $state.raw<Record<string, PredictionState>>({});
  /** Something the learner should be told (progress restored, storage problem…). */
  notice = $state('');
  locale: () => LessonLocale = () => 'en';
  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.locale(), key, params);
  }
  /** Called after every change worth saving. */
  onChange: (progress: CourseProgress) => void = () => {};
  /** Called when a step's check passes (not when progress is restored). */
  onStepCompleted: (step: LessonStep, index: number) => void = () => {};

  private sim: Simulator | undefined;
  private history: HistoryEntry[] = [];
  private start: SessionSnapshot | undefined;
  private traces: Trace[] = [];
  /** Where the current step's requests start in `traces`. */
  private stepStart = 0;
  private pendingBefore: SessionSnapshot | undefined;
  /** Set by the course's own commands (undo, reset, hint): the running line is not recorded. */
  private skipRecord = false;
  private inCommand = false;
  private nextPointId = 1;

  /** The course's shell commands: `undo`, `reset`, `hint`. Give them to the Simulator. */
  readonly shellCommands: Record<string, CommandHandler> = {
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
    return this.commands.length > 0 && this.history.length > 0;
  }

  /** Starts following the simulator's commands; the world as it is becomes the sandbox's start. */
  attach(sim: Simulator): () => void {
    this.sim = sim;
    this.start = sim.session.snapshot();
    this.resetTimeline();
    return sim.observe({
      beforeCommand: () => {
        this.inCommand = true;
        this.skipRecord = false;
        this.pendingBefore = sim.session.snapshot();
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

  /** Opens a lesson at its start (or replays `commands` into it, e.g. saved progress). */
  openLesson(lesson: Lesson, progress?: Partial<CourseProgress>): void {
    const session = startSession(lesson);
    this.mode = 'lesson';
    this.lesson = lesson;
    this.begin(session.snapshot(), `lesson ${lesson.id}`, progress);
  }

  /** The free sandbox: the default world, the same tools, no checks. */
  openSandbox(start: SessionSnapshot, progress?: Partial<CourseProgress>): void {
    this.mode = 'sandbox';
    this.lesson = undefined;
    this.begin(start, 'sandbox', progress);
  }

  private begin(start: SessionSnapshot, label: string, progress?: Partial<CourseProgress>): void {
    const sim = this.need();
    this.start = start;
    this.history = [];
    this.traces = [];
    this.stepStart = 0;
    this.commands = [];
    this.predictions = {};
    this.justCompleted = undefined;
    this.hintsShown = 0;
    this.check = undefined;
    const steps = this.lesson?.steps ?? [];
    const completed = (progress?.completed ?? []).filter((id) => steps.some((s) => s.id === id));
    this.completed = completed;
    this.stepIndex = Math.min(Math.max(0, progress?.step ?? 0), Math.max(0, steps.length - 1));
    this.predictions = Object.fromEntries(
      (progress?.predictions ?? []).map((p) => [p.stepId, { stepId: p.stepId, probes: steps.find((s) => s.id === p.stepId)?.predict?.probes ?? [], phase: 'revealed' as const, score: p.score }]),
    );
    // Replay saved commands on a scratch session, keeping a snapshot before each (undo still works).
    const commands = progress?.commands ?? [];
    const scratch = new SimSession();
    scratch.restore(start);
    this.resetTimeline(start);
    for (const command of commands) {
      const before = scratch.snapshot();
      const config = configSnapshot(scratch.world);
      scratch.run(command);
      this.history.push({ command, before });
      const changes = diffConfig(config, configSnapshot(scratch.world));
      if (changes.length) this.addPoint(command, changes, scratch.snapshot(), this.history.length);
    }
    this.trimHistory();
    this.commands = this.history.map((h) => h.command);
    sim.restore(scratch.snapshot(), commands.length ? `${label}: ${commands.length} commands replayed` : label);
    this.askPrediction();
    this.evaluate(false);
    this.save();
  }

  private afterCommand(command: string, _result: RunResult, changed: boolean): void {
    const sim = this.need();
    const before = this.pendingBefore;
    this.pendingBefore = undefined;
    if (this.skipRecord || !before) {
      this.skipRecord = false;
      return;
    }
    this.history.push({ command, before });
    this.trimHistory();
    this.commands = this.history.map((h) => h.command);
    if (changed) {
      this.addPoint(command, diffConfig(configSnapshot(before.world), configSnapshot(sim.session.world)), sim.session.snapshot(), this.history.length);
    }
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
    if (!step?.predict || this.predictions[step.id] || this.completed.includes(step.id)) return;
    const baseline = this.sim?.session.snapshot();
    this.predictions = { ...this.predictions, [step.id]: { stepId: step.id, probes: step.predict.probes, phase: 'asking', ...(baseline ? { baseline } : {}) } };
  }

  submitPrediction(guess: string[]): void {
    const step = this.step;
    const p = step ? this.predictions[step.id] : undefined;
    if (!step || !p || p.phase !== 'asking') return;
    this.predictions = { ...this.predictions, [step.id]: { ...p, phase: 'answered', guess } };
  }

  skipPrediction(): void {
    const step = this.step;
    const p = step ? this.predictions[step.id] : undefined;
    if (!step || !p || p.phase !== 'asking') return;
    this.predictions = { ...this.predictions, [step.id]: { ...p, phase: 'skipped' } };
  }

  /**
   * When the step passes: which probes broke since the question was asked, and how good the
   * guess was. Revealing at the step's end rather than at the first apply means a change made in
   * several commands (one namespace at a time) is judged as a whole.
   */
  private revealPrediction(): void {
    const step = this.step;
    const p = step ? this.predictions[step.id] : undefined;
    const before = p?.baseline;
    if (!step || !p || !before || (p.phase !== 'answered' && p.phase !== 'asking') || !this.sim) return;
    const broken = brokenProbes(p.probes, before.world, this.sim.session.world);
    const detail = scorePrediction(p.guess ?? [], broken);
    const revealed: PredictionState = { ...p, phase: 'revealed', broken, detail };
    // Only an answered question has a score; an unanswered one still reveals what broke.
    if (p.phase === 'answered') revealed.score = detail.score;
    this.predictions = { ...this.predictions, [step.id]: revealed };
  }

  // Undo, reset and the time machine ----------------------------------------------------------

  undo(): boolean {
    const sim = this.need();
    const last = this.history.pop();
    if (!last) return false;
    sim.restore(last.before, `undo: ${firstLine(last.command)}`);
    this.afterRewind();
    return true;
  }

  reset(): void {
    const sim = this.need();
    if (!this.start) return;
    this.rewindToStart();
    sim.restore(this.start, 'reset');
    this.afterRewind();
    this.askPrediction();
  }

  /** Forgets every command and, in a lesson, the progress: the state of a fresh start. */
  private rewindToStart(): void {
    this.history = [];
    this.traces = [];
    this.stepStart = 0;
    if (this.mode === 'lesson') {
      this.completed = [];
      this.stepIndex = 0;
      this.predictions = {};
      this.justCompleted = undefined;
      this.hintsShown = 0;
    }
  }

  /** Goes back to a point of the timeline: the world as it was, and the commands in effect then. */
  restorePoint(id: number): void {
    const sim = this.need();
    const point = this.timeline.find((p) => p.id === id);
    if (!point) return;
    this.history = this.history.slice(0, point.commandCount);
    sim.restore(point.snapshot, `time machine: back to ${point.label || 'the start'}`);
    this.afterRewind();
  }

  private afterRewind(): void {
    this.commands = this.history.map((h) => h.command);
    this.timeline = this.timeline.filter((p) => p.commandCount <= this.commands.length);
    this.check = undefined;
    this.evaluate(false);
    this.save();
  }

  private resetTimeline(start = this.start): void {
    this.timeline = start ? [{ id: this.nextPointId++, commandCount: 0, label: '', changes: [], time: start.world.clock.now(), snapshot: start }] : [];
  }

  private addPoint(label: string, changes: ConfigChange[], snapshot: SessionSnapshot, commandCount: number): void {
    this.timeline = [...this.timeline, { id: this.nextPointId++, commandCount, label: firstLine(label), changes, time: snapshot.world.clock.now(), snapshot }];
  }

  private trimHistory(): void {
    if (this.history.length > MAX_UNDO) this.history = this.history.slice(this.history.length - MAX_UNDO);
  }

  // Shell commands ----------------------------------------------------------------------------

  private undoCommand(ctx: CommandContext): number {
    this.skipRecord = true;
    if (ctx.argv.length > 1) {
      ctx.stderr(`${this.t('course.undo.usage')}\n`);
      return 2;
    }
    const last = this.history.at(-1);
    if (!last || !this.sim) {
      ctx.stderr(`${this.t('course.undo.nothing')}\n`);
      return 1;
    }
    this.history.pop();
    this.sim.session.restore(last.before);
    this.afterRewind();
    ctx.stdout(`${this.t('course.undo.done', { command: firstLine(last.command) })}\n`);
    return 0;
  }

  private resetCommand(ctx: CommandContext): number {
    this.skipRecord = true;
    if (ctx.argv.length > 1) {
      ctx.stderr(`${this.t('course.reset.usage')}\n`);
      return 2;
    }
    if (!this.start || !this.sim) return 1;
    const count = this.history.length;
    this.rewindToStart();
    this.sim.session.restore(this.start);
    this.afterRewind();
    this.askPrediction();
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
      commands: this.commands,
      predictions: Object.values(this.predictions).flatMap((p) => (p.score !== undefined ? [{ stepId: p.stepId, score: p.score }] : [])),
    };
  }

  private save(): void {
    this.onChange(this.progress());
  }

  private need(): Simulator {
    if (!this.sim) throw new Error('Course.attach(sim) must be called first');
    return this.sim;
  }
}

function firstLine(command: string): string {
  const line = command.split('\n')[0] ?? command;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

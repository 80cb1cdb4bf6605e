import type { Trace } from '../domain/traffic/trace.ts';
import { forEachInput, runScript, traceLines } from '../shell/runScript.ts';
import { SimSession, type SessionOptions } from '../shell/session.ts';
import type { OutputChunk, RunResult } from '../shell/types.ts';
import type { CheckContext, CheckResult, Lesson, LessonStep } from './types.ts';

/** One evaluation of a step's check. */
export interface StepResult {
  stepId: string;
  result: CheckResult;
}

/**
 * A fresh session for a lesson: the default world built with the lesson's `startOptions`, then the
 * lesson's `setup` run through the shell with its output discarded and its history cleared, so the
 * learner starts at a clean prompt.
 */
export function startSession(lesson: Lesson, options: SessionOptions = {}): SimSession {
  const session = new SimSession({ ...options, ...lesson.startOptions });
  if (lesson.setup) {
    runScript(lesson.setup, { session });
    session.shell.history.length = 0;
  }
  return session;
}

/**
 * Evaluates one step's check. It never throws: a check that throws is a failed check whose detail
 * carries the error, so a broken lesson cannot break the terminal.
 */
export function checkStep(step: LessonStep, ctx: CheckContext): CheckResult {
  try {
    return step.check(ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { pass: false, detail: { en: `The check could not run: ${message}`, ja: `チェックを実行できませんでした: ${message}` } };
  }
}

/**
 * A learner's way through one lesson: every command runs in the session, its requests are kept,
 * and the current step is checked after it. A step that passes is completed and the next one
 * becomes current. The app, the `sim` CLI and the tests all drive this class.
 */
export class LessonRun {
  /** Every request the learner made since the lesson started, oldest first. */
  readonly traces: Trace[] = [];
  /** Ids of the completed steps, in lesson order. */
  readonly completed: string[] = [];
  /** Every check evaluated so far, in order. */
  readonly results: StepResult[] = [];
  /** Where the current step's requests start in `traces`. */
  private stepStart = 0;

  constructor(
    readonly lesson: Lesson,
    readonly session: SimSession = startSession(lesson),
  ) {}

  /** The step the learner is on; undefined once every step is done. */
  get current(): LessonStep | undefined {
    return this.lesson.steps[this.completed.length];
  }

  get done(): boolean {
    return this.completed.length === this.lesson.steps.length;
  }

  /** What a check sees now. */
  context(): CheckContext {
    return { world: this.session.world, traces: this.traces, stepTraces: this.traces.slice(this.stepStart) };
  }

  /** Runs one complete input (see `SimSession.isComplete`), keeps its requests, then checks the current step. */
  run(input: string): { result: RunResult; check?: StepResult } {
    const result = this.session.run(input);
    this.traces.push(...result.traces);
    const check = this.check();
    return check ? { result, check } : { result };
  }

  /** Adds requests made outside the shell (a browser refresh), then checks the current step. */
  observe(traces: readonly Trace[]): StepResult | undefined {
    this.traces.push(...traces);
    return this.check();
  }

  /** Evaluates the current step's check; when it passes, the step is completed and the next becomes current. */
  check(): StepResult | undefined {
    const step = this.current;
    if (!step) return undefined;
    const evaluated = { stepId: step.id, result: checkStep(step, this.context()) };
    this.results.push(evaluated);
    if (evaluated.result.pass) {
      this.completed.push(step.id);
      this.stepStart = this.traces.length;
    }
    return evaluated;
  }
}

export interface RunLessonOptions {
  /** Continue in this session (and its world) instead of a fresh `startSession(lesson)`. */
  session?: SimSession;
  /** Add `#trace <json>` lines after each command's output, as `sim --trace` does. */
  trace?: boolean;
  /** Add a `#check <step-id> pass` line (always at the start of a line) after the command that completed a step. */
  checkLines?: boolean;
}

export interface LessonRunResult {
  /** Ids of the completed steps, in order. */
  completed: string[];
  /** Every check evaluated, one per command while a step was current. */
  results: StepResult[];
  session: SimSession;
  /** What the terminal showed (plus `#trace` and `#check` lines when asked for). */
  output: OutputChunk[];
  /** The last command's exit status. */
  exitCode: number;
}

/**
 * Feeds a script to a lesson line by line, exactly as `runScript` does (heredocs and loops collect
 * lines until complete), checking the current step after every complete command.
 */
export function runLesson(lesson: Lesson, script: string, options: RunLessonOptions = {}): LessonRunResult {
  const run = new LessonRun(lesson, options.session ?? startSession(lesson));
  const output: OutputChunk[] = [];
  let exitCode = 0;
  forEachInput(script, (input) => {
    const { result, check } = run.run(input);
    output.push(...result.chunks);
    if (options.trace) output.push(...traceLines(result.traces));
    if (options.checkLines && check?.result.pass) {
      // Keep the annotation on a line of its own even after output without a final newline.
      const last = output.at(-1)?.text ?? '\n';
      output.push({ stream: 'stdout', text: `${last.endsWith('\n') ? '' : '\n'}#check ${check.stepId} pass\n` });
    }
    exitCode = result.exitCode;
  });
  return { completed: run.completed, results: run.results, session: run.session, output, exitCode };
}

/** Types a script into the run line by line, as the terminal collects it; returns what it showed. */
export function feed(run: LessonRun, script: string): string {
  let out = '';
  forEachInput(script, (input) => {
    out += run.run(input).result.chunks.map((c) => c.text).join('');
  });
  return out;
}

/** A run that has done the first `count` steps with their own solutions (the proof and the tests start from here). */
export function runUpTo(lesson: Lesson, count: number): LessonRun {
  const run = new LessonRun(lesson);
  for (const step of lesson.steps.slice(0, count)) feed(run, step.solution);
  return run;
}

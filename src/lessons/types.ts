import type { World } from '../domain/world.ts';
import type { Trace } from '../domain/traffic/trace.ts';
import type { LocalizedText } from '../domain/locale.ts';

/**
 * Lessons are data that prove themselves: each step's check looks at behaviour (what requests do
 * now, which objects exist), never at the typed text, so any correct solution passes.
 *
 * A lesson lives in `src/lessons/NN-name/index.ts` and default-exports a `Lesson`. Text is given
 * in both languages; `lessons.test.ts` fails when one is missing.
 */

export type { LocalizedText };

/** What a check sees. */
export interface CheckContext {
  /** The world now (read it; never change it). */
  readonly world: World;
  /**
   * Every request the learner made since the lesson started (curl, kubectl exec/debug curl,
   * browser refreshes), oldest first. Background loadgenerator traffic is not included.
   */
  readonly traces: readonly Trace[];
  /**
   * The requests made since this step became current, oldest first (the runner supplies them; when
   * absent, read `traces`). A step that asks "confirm it works again" looks here, so that a success
   * seen in an earlier step does not count.
   */
  readonly stepTraces?: readonly Trace[];
}

export interface CheckResult {
  pass: boolean;
  /** What was found, for the learner: why it passes or what is still missing. */
  detail: LocalizedText;
}

/** One request the "predict the outcome" question asks about. */
export interface ProbeSpec {
  id: string;
  label: LocalizedText;
  /** Who sends it. */
  from:
    | { kind: 'browser' | 'cloudshell' }
    | { kind: 'pod'; namespace: string; app: string; captured?: boolean };
  /** Full URL, e.g. `http://frontend.frontend.svc.cluster.local:80/` or `http://35.202.118.74/`. */
  url: string;
}

/** A question asked before the step's apply: which of these requests will break? */
export interface Prediction {
  question: LocalizedText;
  probes: ProbeSpec[];
}

export interface LessonStep {
  id: string;
  title: LocalizedText;
  /** What to do and why, in the learner's words. */
  body: LocalizedText;
  /** The commands to try, shown as copyable blocks (facts: identical in both languages). */
  commands: string[];
  /** Runs after every command; the step is done once it passes. */
  check(ctx: CheckContext): CheckResult;
  /** Hints in tiers: from a nudge to nearly the answer. */
  hints: LocalizedText[];
  /** A script that completes this step from the end of the previous one (what "show solution" offers). */
  solution: string;
  /** Optional: asked before the learner applies this step's change. */
  predict?: Prediction;
  /** Optional: a short note shown once the step passes (what the learner should have noticed). */
  takeaway?: LocalizedText;
}

export interface Lesson {
  /** The folder name, e.g. `01-seed-tutorial`. */
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  /**
   * Commands run silently before the learner starts, on top of the default world created with
   * `startOptions` (e.g. a legacy namespace without sidecars).
   */
  setup?: string;
  /** Options for the start world (e.g. `{ credentials: false }`: no cluster credentials yet). */
  startOptions?: { credentials?: boolean };
  steps: LessonStep[];
  /**
   * The languages the lesson is written in, first the one its texts fall back to (a scenario may be
   * in English only). Absent: both.
   */
  languages?: readonly ('en' | 'ja')[];
}

import type { World } from '../domain/world.ts';
import { scorePrediction, type PredictionScore } from '../domain/matrix/requestMatrix.ts';
import type { LessonStep, ProbeSpec } from '../lessons/types.ts';
import { brokenProbes } from '../lessons/probe.ts';
import type { SessionSnapshot } from '../shell/session.ts';

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

/**
 * The lesson's "predict the outcome" questions, per step id: asked when a step that has one
 * becomes current, answered or skipped by the learner, revealed (and scored) when the step passes.
 */
export class Predictions {
  byStep = $state.raw<Record<string, PredictionState>>({});

  /** Starts over; scores kept from saved progress come back as revealed questions. */
  restore(steps: readonly LessonStep[], scores: readonly { stepId: string; score: number }[] = []): void {
    this.byStep = Object.fromEntries(
      scores.map((p) => [p.stepId, { stepId: p.stepId, probes: steps.find((s) => s.id === p.stepId)?.predict?.probes ?? [], phase: 'revealed' as const, score: p.score }]),
    );
  }

  /** Asks the step's question (once), with the world as it is now as the baseline. */
  ask(step: LessonStep | undefined, done: boolean, baseline: () => SessionSnapshot | undefined): void {
    if (!step?.predict || this.byStep[step.id] || done) return;
    const world = baseline();
    this.set({ stepId: step.id, probes: step.predict.probes, phase: 'asking', ...(world ? { baseline: world } : {}) });
  }

  submit(stepId: string | undefined, guess: string[]): void {
    const p = stepId ? this.byStep[stepId] : undefined;
    if (p?.phase === 'asking') this.set({ ...p, phase: 'answered', guess });
  }

  skip(stepId: string | undefined): void {
    const p = stepId ? this.byStep[stepId] : undefined;
    if (p?.phase === 'asking') this.set({ ...p, phase: 'skipped' });
  }

  /**
   * When the step passes: which probes broke since the question was asked, and how good the
   * guess was. Revealing at the step's end rather than at the first apply means a change made in
   * several commands (one namespace at a time) is judged as a whole.
   */
  reveal(stepId: string | undefined, now: World): void {
    const p = stepId ? this.byStep[stepId] : undefined;
    const before = p?.baseline;
    if (!p || !before || (p.phase !== 'answered' && p.phase !== 'asking')) return;
    const broken = brokenProbes(p.probes, before.world, now);
    const detail = scorePrediction(p.guess ?? [], broken);
    const revealed: PredictionState = { ...p, phase: 'revealed', broken, detail };
    // Only an answered question has a score; an unanswered one still reveals what broke.
    if (p.phase === 'answered') revealed.score = detail.score;
    this.set(revealed);
  }

  /** The scores to keep with the progress. */
  scores(): { stepId: string; score: number }[] {
    return Object.values(this.byStep).flatMap((p) => (p.score !== undefined ? [{ stepId: p.stepId, score: p.score }] : []));
  }

  clear(): void {
    this.byStep = {};
  }

  private set(p: PredictionState): void {
    this.byStep = { ...this.byStep, [p.stepId]: p };
  }
}

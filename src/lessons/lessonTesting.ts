/**
 * A lesson's own tests (tests only): drive its steps by id, read what its checks and predictions
 * say, and compare its `sim` transcript with a golden file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { simTranscript } from '../shell/testing/simTranscript.ts';
import { outcomeOf, probe } from './probe.ts';
import { type LessonRun, checkStep } from './run.ts';
import { runUpTo } from './testing.ts';
import type { Lesson, LessonStep } from './types.ts';

/** Steps by id for one lesson's tests. */
export function lessonSteps(lesson: Lesson) {
  const index = (id: string) => lesson.steps.findIndex((s) => s.id === id);
  const step = (id: string): LessonStep => {
    const found = lesson.steps[index(id)];
    if (!found) throw new Error(`no step ${id} in ${lesson.id}`);
    return found;
  };
  return {
    step,
    /** A run that has completed every step before `id` with their own solutions. */
    runBefore(id: string): LessonRun {
      const run = runUpTo(lesson, index(id));
      expect(run.completed).toEqual(lesson.steps.slice(0, index(id)).map((s) => s.id));
      return run;
    },
    /** What the step's check says now, in English. */
    detail: (run: LessonRun, id: string) => checkStep(step(id), run.context()).detail.en,
    /** What each predict probe of a step does in the run's world now, by probe id: `ok`, `reset`, or the error status. */
    predicted(run: LessonRun, id: string): Record<string, string> {
      return Object.fromEntries((step(id).predict?.probes ?? []).map((p) => {
        const outcome = outcomeOf(probe(run.session.world, p.from, p.url));
        return [p.id, outcome.kind === 'http-error' ? String(outcome.code) : outcome.kind];
      }));
    },
  };
}

/** Runs `script` through the sim CLI from the lesson's start world. */
export function lessonTranscript(lessonId: string, script: URL): Promise<{ text: string; exitCode: number }> {
  return simTranscript(script, ['--lesson', lessonId]);
}

/**
 * The golden file's text next to what the transcript printed; on a mismatch the new text is written
 * beside it as `<name>-changed.txt`, for review.
 */
export function compareGolden(golden: URL, text: string): string {
  const expected = existsSync(golden) ? readFileSync(golden, 'utf8') : '';
  if (text !== expected) writeFileSync(new URL(golden.href.replace(/\.txt$/, '-changed.txt')), text);
  return expected;
}

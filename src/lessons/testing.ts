/**
 * Helpers for lesson tests: drive a LessonRun the way the terminal does. Only tests import this.
 */
import { forEachInput } from '../shell/runScript.ts';
import { LessonRun } from './run.ts';
import type { Lesson } from './types.ts';

/** Types a script into the run line by line, as the terminal collects it; returns what it showed. */
export function feed(run: LessonRun, script: string): string {
  let out = '';
  forEachInput(script, (input) => {
    out += run.run(input).result.chunks.map((c) => c.text).join('');
  });
  return out;
}

/** A run that has done the first `count` steps with their own solutions. */
export function runUpTo(lesson: Lesson, count: number): LessonRun {
  const run = new LessonRun(lesson);
  for (const step of lesson.steps.slice(0, count)) feed(run, step.solution);
  return run;
}

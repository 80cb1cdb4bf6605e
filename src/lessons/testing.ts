/**
 * Helpers for lesson tests: drive a LessonRun the way the terminal does. Only tests import this.
 */
import { forEachInput } from '../shell/runScript.ts';
import { LessonRun, checkStep } from './run.ts';
import type { Lesson, LocalizedText } from './types.ts';

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

/**
 * Every text a lesson shows: its title and summary, each step's texts, and what each step's check
 * says when the step begins (every requirement still missing) and once its solution has run.
 */
export function lessonTexts(lesson: Lesson): LocalizedText[] {
  const texts: LocalizedText[] = [lesson.title, lesson.summary];
  for (const [i, step] of lesson.steps.entries()) {
    texts.push(step.title, step.body, ...step.hints, ...(step.takeaway ? [step.takeaway] : []));
    if (step.predict) texts.push(step.predict.question, ...step.predict.probes.map((p) => p.label));
    const run = runUpTo(lesson, i);
    texts.push(checkStep(step, run.context()).detail);
    feed(run, step.solution);
    texts.push(checkStep(step, run.context()).detail);
  }
  return texts;
}

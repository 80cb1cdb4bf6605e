/**
 * Helpers for lesson tests: drive a LessonRun the way the terminal does. Only tests import this.
 */
import { checkStep, feed, runUpTo } from './run.ts';
import type { Lesson, LocalizedText } from './types.ts';

export { feed, runUpTo };

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

/**
 * The page's first lazily loaded part, on a first visit: the terminal that answers the boot
 * terminal's first lines on the first lesson's start while the playground (engineChunk.ts) is still
 * on its way (app/earlyAnswers.ts). Its code is the engine's own: the two chunks share it.
 */
import { EarlyTerminal, opensFirstLessonFresh } from './app/earlyAnswers.ts';
import { getBrowserStorage } from './app/persist/browserStorage.ts';
import { lessonCatalog } from './lessons/index.ts';

const fresh = typeof location !== 'undefined' && opensFirstLessonFresh(location.search, location.hash, getBrowserStorage());
// The lesson's own chunk is fetched at once, alongside this one's evaluation.
const firstLesson = fresh ? lessonCatalog[0]?.load() : undefined;

export { EarlyTerminal };

/** The early terminal, or undefined when this page does not open the first lesson afresh. */
export async function createEarlyTerminal(): Promise<EarlyTerminal | undefined> {
  const lesson = await firstLesson?.catch(() => undefined);
  return lesson ? new EarlyTerminal(lesson) : undefined;
}

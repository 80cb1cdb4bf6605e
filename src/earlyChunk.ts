/**
 * The page's first lazily loaded part, on a first visit: the terminal that answers the boot
 * terminal's first lines on the first lesson's start while the playground (engineChunk.ts) is still
 * on its way (app/earlyAnswers.ts). Its code is the engine's own: the two chunks share it. The first
 * lesson is imported here, not through the catalog, so that the browser fetches its chunk together
 * with this one (earlyChunk.test.ts checks that it is the catalog's first).
 */
import { EarlyTerminal } from './app/earlyAnswers.ts';
import { opensFirstLessonFresh } from './app/firstVisit.ts';
import { getBrowserStorage } from './app/persist/browserStorage.ts';
import firstLesson from './lessons/01-seed-tutorial/index.ts';

export { EarlyTerminal, firstLesson };

/** The early terminal, or undefined when this page does not open the first lesson afresh. */
export function createEarlyTerminal(): EarlyTerminal | undefined {
  const fresh = typeof location !== 'undefined' && opensFirstLessonFresh(location.search, location.hash, getBrowserStorage());
  return fresh ? new EarlyTerminal(firstLesson) : undefined;
}

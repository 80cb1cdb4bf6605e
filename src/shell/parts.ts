import { textToolsPart } from './bash/builtins/lazyUtilities.ts';
import { inspectPart } from './inspect/lazyInspect.ts';
import { explainPart } from './kubectl/verbs/explain.ts';

/** The parts of the shell that load after the engine in the browser (see LazyPart). */
const PARTS = [textToolsPart, inspectPart, explainPart] as const;

/** Undefined when `text` can run now; else it calls a part not loaded yet, and this resolves once every such part has arrived (or failed to). */
export function partsFor(text: string): Promise<void> | undefined {
  const waits = PARTS.map((part) => part.waitFor(text)).filter((wait) => wait !== undefined);
  return waits.length ? Promise.all(waits).then(() => undefined) : undefined;
}

/** Starts loading every part; resolves when all have arrived (never rejects). */
export function loadParts(): Promise<void> {
  return Promise.all(PARTS.map((part) => part.load().catch(() => undefined))).then(() => undefined);
}

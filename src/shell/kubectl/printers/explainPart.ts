import { kindNode } from './explainModel.ts';
import { renderExplain } from './renderExplain.ts';

/**
 * `kubectl explain`'s schemas with their descriptions (explainDocs.ts, the largest table of the
 * shell) and its renderer: loaded after the engine in the browser (see lazyPart.ts), up front in Node.
 */
export const explainPrinters = { kindNode, renderExplain };

export type ExplainPrinters = typeof explainPrinters;

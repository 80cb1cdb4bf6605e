import type { Cause, Phrase, PhraseParams, Reason } from '../traffic/trace.ts';
import { type PhraseCode, PHRASES_EN } from './phrases.en.ts';
import type { TemplateParams } from './template.ts';

/** Shared by every phrase without parameters: read-only. */
const NONE: PhraseParams = Object.freeze({});

/**
 * A sentence of the engine: its code and parameters, and the English text rendered from them once,
 * here, from the English catalog (phrases.en.ts). The engine never writes English itself; other
 * languages render the same code and parameters with their own catalog (explain/messages.ts).
 */
export function phrase(code: PhraseCode, params: PhraseParams = NONE): Phrase {
  return { code, text: englishText(code, params), params };
}

/** A decision's reason: a phrase plus the objects and fields that made the decision. */
export function reason(code: PhraseCode, params: PhraseParams = NONE, causes: Cause[] = []): Reason {
  return { code, text: englishText(code, params), params, causes };
}

/** The English sentence of a code and its parameters; nested phrases give their own text. */
export function englishText(code: PhraseCode, params: PhraseParams = NONE): string {
  return PHRASES_EN[code](flatten(params));
}

/** The parameters with each nested phrase as its English text: the same object when none is nested. */
function flatten(params: PhraseParams): TemplateParams {
  let flat: Record<string, string | number> | undefined;
  for (const key in params) {
    const value = params[key];
    if (typeof value !== 'object') continue;
    flat ??= { ...(params as TemplateParams) };
    flat[key] = value.text;
  }
  return flat ?? (params as TemplateParams);
}

import type { MessageKey } from '../i18n/messages/index.ts';
import type { ScenarioProblem } from './scenarioSource.ts';
import { LINK_SCENARIO_NAME } from './share/scenarioLink.ts';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** One listed error of a scenario file: where (`line 12`, `steps[1].check`) and what. */
export interface ListedError {
  line?: string;
  field: string;
  message: string;
}

/** What the lesson panel says about a scenario that could not be loaded: a sentence, then the loader's errors. */
export function describeProblem(problem: ScenarioProblem, t: T): { reason: string; errors: ListedError[] } {
  switch (problem.kind) {
    case 'other-origin':
      return { reason: t('lesson.scenario.otherOrigin', { url: problem.url, origin: problem.origin }), errors: [] };
    case 'redirect':
      return { reason: t('lesson.scenario.redirect', { url: problem.url, origin: problem.origin }), errors: [] };
    case 'bad-url':
      return { reason: t('lesson.scenario.badUrl', { url: problem.url }), errors: [] };
    case 'html':
      return { reason: t('lesson.scenario.html', { url: problem.url }), errors: [] };
    case 'fetch-failed':
      return { reason: problem.status !== undefined ? t('lesson.scenario.fetchStatus', { url: problem.url, status: problem.status }) : t('lesson.scenario.fetchFailed', { url: problem.url }), errors: [] };
    case 'too-large':
      return { reason: t('lesson.scenario.tooLarge', { name: problem.name, limit: problem.limit.toLocaleString('en') }), errors: [] };
    case 'link':
      return { reason: t('lesson.scenario.link', { reason: t(`notice.share.${problem.reason}` as MessageKey) }), errors: [] };
    case 'invalid':
      return {
        reason: problem.name === LINK_SCENARIO_NAME ? t('lesson.scenario.invalidLink') : t('lesson.scenario.invalid', { name: problem.name }),
        errors: problem.errors.map((e) => ({ ...(e.line !== undefined ? { line: t('lesson.scenario.line', { n: e.line }) } : {}), field: e.field, message: e.message })),
      };
  }
}

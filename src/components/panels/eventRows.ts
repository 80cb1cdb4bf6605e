import { type EventFilter, isVisible, type SimEvent } from '../../app/simEvents.ts';
import { renderLine } from '../../domain/explain/messages.ts';
import { narrationLine } from '../../domain/explain/narrate.ts';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';

/** How a row's outcome is drawn: a shape and a word, never a colour alone. */
export type RowStatus = 'ok' | 'warn' | 'fail' | 'config';

export interface EventRow {
  id: number;
  kind: SimEvent['kind'];
  status: RowStatus;
  /** `GET`, or `config` (in the list's language) for a configuration push. */
  method: string;
  /** The URL of a request, or the command of a config push. */
  target: string;
  /** `OK`, `Connection reset`, `Server error`, `2 changes`… in the list's language. */
  outcome: string;
  /** `200`, `000` (no response, as curl prints it), or '' for config. */
  code: string;
  /** The whole event in one line, in the list's language (the row's tooltip). */
  summary: string;
  time: string;
}

/** The most rows the list renders; older ones stay in the model. */
export const MAX_ROWS = 300;

function requestOutcome(event: Extract<SimEvent, { kind: 'request' }>, { t }: Translator): { status: RowStatus; outcome: string } {
  const { trace } = event;
  if (trace.httpCode === 0) {
    const outcome =
      trace.curlExit === 56 ? t('events.outcome.reset')
      : trace.curlExit === 7 ? t('events.outcome.refused')
      : trace.curlExit === 28 ? t('events.outcome.timeout')
      : trace.curlExit === 6 ? t('events.outcome.dns')
      : t('events.outcome.none');
    return { status: 'fail', outcome };
  }
  if (trace.httpCode >= 500) return { status: 'fail', outcome: t('events.outcome.serverError') };
  if (trace.httpCode >= 400) return { status: 'warn', outcome: t('events.outcome.clientError') };
  return { status: 'ok', outcome: t('events.outcome.ok') };
}

function clock(time: number): string {
  const d = new Date(time);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(11, 19);
}

/** A config push in words: `PeerAuthentication frontend/default created, …`. */
function configSummary(event: Extract<SimEvent, { kind: 'config' }>, { t }: Translator): string {
  if (event.changes.length === 0) return event.summary;
  return event.changes
    .map((c) => t('events.change', { object: `${c.kind} ${c.namespace}/${c.name}`, action: t(`events.action.${c.action}`) }))
    .join(t('events.listSeparator'));
}

/** One row of the list, its words in `i18n`'s language (English by default). */
export function eventRow(event: SimEvent, i18n: Translator = ENGLISH): EventRow {
  const { t } = i18n;
  if (event.kind === 'config') {
    const n = event.changes.length;
    return {
      id: event.id,
      kind: 'config',
      status: 'config',
      method: t('events.config'),
      target: event.command,
      outcome: t(n === 1 ? 'events.changes.one' : 'events.changes.other', { n }),
      code: '',
      summary: configSummary(event, i18n),
      time: clock(event.time),
    };
  }
  const { status, outcome } = requestOutcome(event, i18n);
  return {
    id: event.id,
    kind: 'request',
    status,
    method: event.trace.method,
    target: event.trace.url,
    outcome,
    code: event.trace.httpCode === 0 ? '000' : String(event.trace.httpCode),
    summary: renderLine(narrationLine(event.trace), i18n.locale),
    time: clock(event.time),
  };
}

/** The rows to render: the filter applied, then the last `MAX_ROWS`. */
export function visibleRows(events: readonly SimEvent[], filter: EventFilter, max = MAX_ROWS, i18n: Translator = ENGLISH): { rows: EventRow[]; total: number } {
  const shown = events.filter((e) => isVisible(e, filter));
  return { rows: shown.slice(Math.max(0, shown.length - max)).map((e) => eventRow(e, i18n)), total: shown.length };
}

import type { SimEvent } from '../../app/simEvents.ts';

/** Which kinds of event the list shows. */
export interface EventFilter {
  requests: boolean;
  config: boolean;
  background: boolean;
}

/** How a row's outcome is drawn: a shape and a word, never a colour alone. */
export type RowStatus = 'ok' | 'warn' | 'fail' | 'config';

export interface EventRow {
  id: number;
  kind: SimEvent['kind'];
  status: RowStatus;
  /** `GET`, or `config` for a configuration push. */
  method: string;
  /** The URL of a request, or the command of a config push. */
  target: string;
  /** `OK`, `Connection reset`, `Server error`, `2 changes`… */
  outcome: string;
  /** `200`, `000` (no response, as curl prints it), or '' for config. */
  code: string;
  summary: string;
  time: string;
}

/** The most rows the list renders; older ones stay in the model. */
export const MAX_ROWS = 300;

export function isVisible(event: SimEvent, filter: EventFilter): boolean {
  if (event.kind === 'config') return filter.config;
  return event.origin === 'background' ? filter.background : filter.requests;
}

function requestOutcome(event: Extract<SimEvent, { kind: 'request' }>): { status: RowStatus; outcome: string } {
  const { trace } = event;
  if (trace.httpCode === 0) {
    const outcome =
      trace.curlExit === 56 ? 'Connection reset'
      : trace.curlExit === 7 ? 'Connection refused'
      : trace.curlExit === 28 ? 'Timed out'
      : trace.curlExit === 6 ? 'Host not found'
      : 'No response';
    return { status: 'fail', outcome };
  }
  if (trace.httpCode >= 500) return { status: 'fail', outcome: 'Server error' };
  if (trace.httpCode >= 400) return { status: 'warn', outcome: 'Client error' };
  return { status: 'ok', outcome: 'OK' };
}

function clock(time: number): string {
  const d = new Date(time);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(11, 19);
}

export function eventRow(event: SimEvent): EventRow {
  if (event.kind === 'config') {
    const n = event.changes.length;
    return {
      id: event.id,
      kind: 'config',
      status: 'config',
      method: 'config',
      target: event.command,
      outcome: `${n} ${n === 1 ? 'change' : 'changes'}`,
      code: '',
      summary: event.summary,
      time: clock(event.time),
    };
  }
  const { status, outcome } = requestOutcome(event);
  return {
    id: event.id,
    kind: 'request',
    status,
    method: event.trace.method,
    target: event.trace.url,
    outcome,
    code: event.trace.httpCode === 0 ? '000' : String(event.trace.httpCode),
    summary: event.summary,
    time: clock(event.time),
  };
}

/** The rows to render: the filter applied, then the last `MAX_ROWS`. */
export function visibleRows(events: readonly SimEvent[], filter: EventFilter, max = MAX_ROWS): { rows: EventRow[]; total: number } {
  const shown = events.filter((e) => isVisible(e, filter));
  return { rows: shown.slice(Math.max(0, shown.length - max)).map(eventRow), total: shown.length };
}

import type { Trace } from '../domain/traffic/trace.ts';

/** A change to a mesh configuration object, as one command made it. */
export interface ConfigChange {
  action: 'created' | 'configured' | 'deleted';
  kind: string;
  namespace: string;
  name: string;
}

/**
 * One row of the event list: a request (from a command, the browser tab or background traffic) or a
 * config push. A request's words come from its trace (domain/explain/narrate.ts).
 */
export type SimEvent =
  | { id: number; kind: 'request'; origin: Trace['origin']; time: number; trace: Trace }
  | { id: number; kind: 'config'; time: number; command: string; changes: ConfigChange[]; summary: string };

/** Which kinds of event the list shows. */
export interface EventFilter {
  requests: boolean;
  config: boolean;
  background: boolean;
}

export function isVisible(event: SimEvent, filter: EventFilter): boolean {
  if (event.kind === 'config') return filter.config;
  return event.origin === 'background' ? filter.background : filter.requests;
}

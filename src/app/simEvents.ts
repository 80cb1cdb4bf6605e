import type { Trace } from '../domain/traffic/trace.ts';

/** A change to a mesh configuration object, as one command made it. */
export interface ConfigChange {
  action: 'created' | 'configured' | 'deleted';
  kind: string;
  namespace: string;
  name: string;
}

/** One row of the event list: a request (from a command, the browser tab or background traffic) or a config push. */
export type SimEvent =
  | { id: number; kind: 'request'; origin: Trace['origin']; time: number; trace: Trace; summary: string }
  | { id: number; kind: 'config'; time: number; command: string; changes: ConfigChange[]; summary: string };

import { type Trace, failingHopIndex } from '../traffic/trace.ts';
import { line } from './messages.ts';
import type { Line } from './types.ts';

/**
 * One line that narrates a request's outcome (for a screen reader's live region and the event
 * list), e.g. `Browser → http://35.202.118.74/: failed: Recv failure: Connection reset by peer.
 * frontend/frontend-…: plaintext reached a STRICT port: …`. Render it with `renderLine(line, locale)`.
 * curl's error text is a fact and stays as curl prints it.
 */
export function narrationLine(trace: Trace): Line {
  const failed = trace.hops[failingHopIndex(trace)];
  return line(
    'narration',
    {
      origin: trace.origin,
      from: trace.from,
      url: trace.url,
      curlExit: trace.curlExit,
      code: trace.httpCode,
      ...(trace.curlError !== undefined ? { curlError: trace.curlError } : {}),
      ...(failed ? { failedTo: failed.to } : {}),
    },
    failed ? { reason: failed.outcomeReason } : undefined,
  );
}

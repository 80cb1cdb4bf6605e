import type { TerminalEntry } from '../../app/terminal.svelte.ts';

/** A Service's external IP, as the browser tab offers it. */
export interface ExternalAddress {
  /** `namespace/name` of the Service. */
  name: string;
  ip: string;
}

/** Where the learner is: in the sandbox, or at a step of a lesson. */
export interface LearnerProgress {
  mode: 'lesson' | 'sandbox';
  stepIndex: number;
  completed: readonly string[];
}

/** `ip` as a whole address in `text`: not part of a longer number or address. */
function mentions(text: string, ip: string): boolean {
  for (let at = text.indexOf(ip); at >= 0; at = text.indexOf(ip, at + 1)) {
    const before = text[at - 1] ?? '';
    const after = text.slice(at + ip.length, at + ip.length + 2);
    if (!/[\d.]/.test(before) && !/^(\d|\.\d)/.test(after)) return true;
  }
  return false;
}

/** What the terminal shows, entry by entry: the typed lines and their output. */
export function* terminalTexts(entries: readonly TerminalEntry[]): Generator<string> {
  for (const entry of entries) {
    yield entry.input;
    for (const chunk of entry.output) yield chunk.text;
  }
}

/**
 * The external IPs the learner knows, in `addresses` order. Finding them (`kubectl get services`)
 * is the first task of a lesson, so until a lesson's first step is behind them an IP counts as
 * known only once it appeared in `seen`: the terminal's output or what the learner typed. Past the
 * first step, and in the sandbox, they have met both (the sandbox has the same world as the
 * lessons), so all are known.
 */
export function revealedAddresses(addresses: readonly ExternalAddress[], progress: LearnerProgress, seen: Iterable<string>): string[] {
  const ips = addresses.map((a) => a.ip);
  if (progress.mode === 'sandbox' || progress.stepIndex > 0 || progress.completed.length > 0) return ips;
  const found = new Set<string>();
  for (const text of seen) {
    for (const ip of ips) if (!found.has(ip) && mentions(text, ip)) found.add(ip);
    if (found.size === ips.length) break;
  }
  return ips.filter((ip) => found.has(ip));
}

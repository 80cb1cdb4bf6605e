import { isGatewayPod } from '../resolution/isGatewayPod.ts';
import type { Cause, Hop, Trace } from '../traffic/trace.ts';
import type { World } from '../world.ts';
import { authzLine } from './explainAuthz.ts';
import { lintMesh } from './lintMesh.ts';
import { line } from './messages.ts';
import { outcomeKey } from './probeFlow.ts';
import { suggestFixes } from './suggestFixes.ts';
import type { Explanation, HopExplanation, Line, LintFinding } from './types.ts';
import { verifyCommands } from './verifyCommands.ts';

/** The actor code of a hop's client, from the code of the reason the engine gave. */
function clientActor(world: World, hop: Hop): string {
  switch (hop.clientReason.code) {
    case 'client.external':
      return hop.from === 'external/cloudshell' ? 'client.cloudshell' : 'client.browser';
    case 'client.no-sidecar':
      return 'client.plain';
    case 'client.proxy-uid':
      return 'client.proxy-uid';
    case 'client.loopback':
      return 'client.loopback';
    case 'client.passthrough':
    case 'passthrough':
      return 'client.passthrough';
  }
  const slash = hop.from.indexOf('/');
  const pod = world.get('Pod', hop.from.slice(0, slash), hop.from.slice(slash + 1));
  return pod && isGatewayPod(pod) ? 'client.gateway' : 'client.sidecar';
}

function serverActor(hop: Hop): { actor: string; requires: string } {
  switch (hop.serverReason.code) {
    case 'gateway.listener':
      return { actor: 'server.gateway', requires: 'GATEWAY' };
    case 'server.no-sidecar':
      return { actor: 'server.plain', requires: 'NO_SIDECAR' };
    case 'server.loopback':
      return { actor: 'server.loopback', requires: 'LOOPBACK' };
  }
  return { actor: 'server.sidecar', requires: hop.serverMode };
}

/** The engine's client sentences often end in "→ plaintext"; the line adds "→ sends …" itself. */
function withoutConclusion(text: string): string {
  return text.replace(/\s*→\s*(plaintext|mTLS)$/, '');
}

function resultLine(hop: Hop): Line {
  const key = outcomeKey(hop);
  switch (key) {
    case 'ok':
      return line('result.accepts', { sends: hop.clientSends, code: hop.httpCode });
    case 'tls.secure-naming':
    case 'tls.user-tls':
      return line(`result.${key}`, {}, { reason: hop.outcomeReason });
    case 'protocol_error':
      return line('result.protocol-error');
    case 'denied':
      return line('result.denied', {}, { reason: hop.outcomeReason });
    default:
      return line(`result.${key}`);
  }
}

function causeKey(c: Cause): string {
  return `${c.kind}/${c.namespace}/${c.name}#${c.field ?? ''}`;
}

/** The AuthorizationPolicy rule that allowed or denied the hop, when one did. */
function authzCauses(hop: Hop): Cause[] {
  const m = hop.authz?.match;
  if (!m) return [];
  return [{ kind: 'AuthorizationPolicy', namespace: m.policy.namespace, name: m.policy.name, field: m.field ?? (m.rule === undefined ? 'spec' : `spec.rules[${m.rule}]`) }];
}

function uniqueCauses(causes: Cause[]): Cause[] {
  const seen = new Set<string>();
  return causes.filter((c) => !seen.has(causeKey(c)) && seen.add(causeKey(c)));
}

function explainHop(world: World, hop: Hop, index: number): HopExplanation {
  const server = serverActor(hop);
  const authz = authzLine(hop, clientActor(world, hop) === 'client.gateway');
  return {
    index,
    title: hop.service
      ? line('hop.title.service', { from: hop.from, to: hop.to, port: hop.port, service: hop.service, servicePort: hop.servicePort ?? hop.port })
      : line('hop.title', { from: hop.from, to: hop.to, port: hop.port }),
    client: line(
      'hop.client',
      { actor: clientActor(world, hop), reason: withoutConclusion(hop.clientReason.text), reasonCode: hop.clientReason.code, sends: hop.clientSends },
      { reason: hop.clientReason },
    ),
    server: line('hop.server', { actor: server.actor, reasonCode: hop.serverReason.code, requires: server.requires }, { reason: hop.serverReason }),
    result: resultLine(hop),
    ...(authz ? { authz } : {}),
    failed: hop.outcome !== 'ok',
    links: uniqueCauses([...hop.clientReason.causes, ...hop.serverReason.causes, ...hop.outcomeReason.causes, ...authzCauses(hop)]),
    verify: verifyCommands(hop),
  };
}

function summarize(world: World, trace: Trace, failedHop: number): Line {
  const hop = trace.hops[failedHop];
  if (hop) {
    const seen = trace.httpCode === 0 ? (trace.curlExit === 56 || trace.page === 'connection-reset' ? 'reset' : 'none') : trace.page === 'error-page' ? 'error-page' : 'http';
    return line('summary.failed', {
      hop: failedHop + 1,
      from: hop.from,
      to: hop.service ?? hop.to,
      clientActor: clientActor(world, hop),
      sends: hop.clientSends,
      mode: hop.serverMode,
      outcome: outcomeKey(hop),
      seen,
      code: trace.httpCode,
    });
  }
  if (trace.hops.length === 0) {
    const kind = trace.curlError !== undefined ? 'curl' : trace.httpCode > 0 ? 'http' : 'none';
    const error = trace.curlError ?? (trace.httpCode > 0 ? `HTTP ${trace.httpCode}${trace.body ? ` (${trace.body.trim()})` : ''}` : 'no connection was made');
    // An https:// request: the TLS handshake got as far as a sidecar or an application, which ended it.
    if (trace.tlsReason) return line('summary.tls', { error: error.trimEnd() }, { reason: trace.tlsReason });
    return line('summary.no-hop', { error, kind });
  }
  if (trace.httpCode >= 400 || trace.httpCode === 0) return line('summary.app-error', { code: trace.httpCode });
  return line('summary.ok', { code: trace.httpCode, hops: trace.hops.length });
}

function touches(finding: LintFinding, keys: Set<string>): boolean {
  return [finding.object, ...finding.related].some((c) => keys.has(`${c.kind}/${c.namespace}/${c.name}`));
}

/**
 * Explains a trace in plain words: per hop, the client's and the server's decision with the objects
 * and fields behind them and how the connection ended; a summary naming the failing hop; concrete
 * fixes for each failing hop; and the lint findings, those about objects this trace touched first.
 * Everything is read from the trace's reasons: nothing is decided twice.
 */
export function explainTrace(world: World, trace: Trace): Explanation {
  const hops = trace.hops.map((hop, index) => explainHop(world, hop, index));
  const failedHop = trace.hops.findIndex((h) => h.outcome !== 'ok');
  const seen = new Set<string>();
  const fixes = trace.hops
    .flatMap((hop, i) => (hop.outcome === 'ok' ? [] : suggestFixes(world, trace, i)))
    .filter((f) => !seen.has(f.command) && seen.add(f.command));
  const touched = new Set(hops.flatMap((h) => h.links.map((c) => `${c.kind}/${c.namespace}/${c.name}`)));
  const findings = lintMesh(world);
  const lint = [...findings.filter((f) => touches(f, touched)), ...findings.filter((f) => !touches(f, touched))];
  const summaryLine = summarize(world, trace, failedHop);
  // A request that ended in the TLS handshake has no hop to carry the policies behind it: the summary does.
  const summaryLinks = hops.length === 0 && trace.tlsReason ? uniqueCauses(trace.tlsReason.causes) : [];
  // Failed: a hop failed, or no HTTP answer came at all (a connection or TLS handshake that failed), or an error status.
  const failed = failedHop >= 0 || trace.httpCode === 0 || trace.httpCode >= 400;
  return { summary: summaryLine.text, summaryLine, ...(summaryLinks.length ? { summaryLinks } : {}), failed, failedHop, hops, fixes, lint };
}

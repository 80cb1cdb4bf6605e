import type { HandshakeStep, Hop, Phrase, PhraseParams } from '../traffic/trace.ts';
import { line, renderLine, renderPhrase } from './messages.ts';
import type { Locale } from '../locale.ts';
import type { Line, MessageParams } from './types.ts';

/** One row of a handshake sequence diagram: a message from one side to the other. */
export interface HandshakeRow {
  /** Unique within the hop (a key for views). */
  id: string;
  /** Stable code of the row (`tcp`, `client-hello`, `reset`…) for translation and styling. */
  code: string;
  from: 'client' | 'server';
  /** In the language `diagnoseHandshake` was asked for; protocol names (ClientHello…) stay as they are. */
  label: string;
  detail: string;
  ok: boolean;
  /** Set on the row where the connection fails. */
  failure?: boolean;
  /** A check or reply inside one side that puts nothing on the wire. */
  local?: boolean;
}

const list = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : typeof value === 'string' || typeof value === 'number' ? String(value) : '');

/** A row's label and detail as catalog lines or engine phrases, before they are rendered in a language. */
type Text = { line: Line } | { phrase: Phrase };
interface Draft {
  code: string;
  from: HandshakeRow['from'];
  label: Text;
  detail: Text;
  ok: boolean;
  local?: boolean;
}

const say = (code: string, params: MessageParams = {}): Text => ({ line: line(code, params) });

/** Which of the engine's reset sentences a hop's reset step is: read from what the hop records. */
function resetCode(hop: Hop): string {
  if (hop.clientSends === 'PLAINTEXT') return 'step.reset.no-filter-chain';
  if (hop.clientSends === 'ISTIO_MUTUAL') return hop.serverMode === 'NO_SIDECAR' ? 'step.reset.no-sidecar' : 'step.reset.disabled';
  return hop.serverMode === 'STRICT' ? 'step.reset.cert-required' : hop.serverMode === 'PERMISSIVE' ? 'step.reset.no-alpn' : 'step.reset.no-terminator';
}

/**
 * The engine's own sentence for a step that the handshake view shows as its detail (TCP connect,
 * reset, HTTP request), with the code and parameters a translation rebuilds it from; undefined for
 * steps whose detail the catalog writes itself.
 */
export function stepPhrase(hop: Hop, s: HandshakeStep): Phrase | undefined {
  const phrase = (code: string, params: PhraseParams): Phrase => ({ code, text: s.text, params });
  switch (s.kind) {
    case 'tcp_connect': {
      const loopback = hop.serverReason.code === 'server.loopback';
      return phrase('step.tcp', { to: loopback ? '127.0.0.1' : hop.to, port: hop.port, ...(hop.via && !loopback ? { via: hop.via } : {}) });
    }
    case 'reset':
      return phrase(resetCode(hop), { port: hop.port });
    case 'http_request':
      return phrase('step.http-request', { host: hop.service ?? hop.to });
    default:
      return undefined;
  }
}

function rowFor(s: HandshakeStep, hop: Hop): Draft {
  const data = s.data ?? {};
  const engine: Text = { phrase: stepPhrase(hop, s) ?? { code: s.kind, text: s.text } };
  switch (s.kind) {
    case 'tcp_connect':
      return { code: 'tcp', from: 'client', label: say('hs.tcp'), detail: engine, ok: s.ok };
    case 'plaintext':
      return { code: 'plaintext', from: 'client', label: say('hs.plaintext'), detail: say('hs.plaintext.detail', { protocol: hop.protocol }), ok: s.ok };
    case 'client_hello':
      return { code: 'client-hello', from: 'client', label: say('hs.client-hello'), detail: say('hs.client-hello.detail', { sni: list(data.sni), alpn: list(data.alpn) }), ok: s.ok };
    case 'server_certificate':
      return { code: 'server-certificate', from: 'server', label: say('hs.server-certificate'), detail: say('hs.server-certificate.detail', { spiffe: list(data.spiffe) }), ok: s.ok };
    case 'certificate_request':
      return { code: 'certificate-request', from: 'server', label: say('hs.certificate-request'), detail: say('hs.certificate-request.detail'), ok: s.ok };
    case 'client_certificate':
      return { code: 'client-certificate', from: 'client', label: say('hs.client-certificate'), detail: say('hs.client-certificate.detail', { spiffe: list(data.spiffe) }), ok: s.ok };
    case 'secure_naming':
      return {
        code: 'secure-naming',
        from: 'client',
        label: say('hs.secure-naming'),
        detail: say(s.ok ? 'hs.secure-naming.ok' : 'hs.secure-naming.failed', { got: list(data.got), expected: list(data.expected) }),
        ok: s.ok,
        local: true,
      };
    case 'established':
      return { code: 'finished', from: 'client', label: say('hs.finished'), detail: say('hs.finished.detail'), ok: s.ok };
    case 'reset':
      return { code: 'reset', from: 'server', label: say(data.flags === 'NR' ? 'hs.reset.no-filter-chain' : 'hs.reset'), detail: engine, ok: false };
    case 'http_request':
      return { code: 'http-request', from: 'client', label: say('hs.http-request', { protocol: hop.protocol }), detail: engine, ok: s.ok };
    case 'http_response':
      return { code: 'http-response', from: 'server', label: say('hs.http-response'), detail: { phrase: { code: 'step.http-response', text: s.text } }, ok: s.ok };
    case 'authorization': {
      const match = hop.authz?.match;
      const policy = match ? `${match.policy.namespace}/${match.policy.name}${match.rule === undefined ? '' : ` rule[${match.rule}]`}` : undefined;
      const params = { principal: hop.authz?.principal ?? '', ...(policy ? { policy } : {}) };
      return { code: 'authorization', from: 'server', label: say('hs.authorization'), detail: say(s.ok ? 'hs.authorization.allowed' : 'hs.authorization.denied', params), ok: s.ok, local: true };
    }
  }
  return { code: s.kind, from: s.actor, label: { phrase: { code: s.kind, text: s.kind } }, detail: { phrase: { code: s.kind, text: s.text } }, ok: s.ok };
}

const renderText = (text: Text, locale: Locale) => ('line' in text ? renderLine(text.line, locale) : renderPhrase(text.phrase, locale));

/**
 * Turns a hop's handshake into sequence-diagram rows, in wire order: TCP, ClientHello (SNI, ALPN),
 * the server certificate (SPIFFE), CertificateRequest, the client certificate, the secure-naming
 * check, Finished, then the request and its response, or a plaintext marker instead of TLS. The row
 * where the connection fails carries `failure`; when the client sidecar answers for a failed
 * upstream, a last row shows its local 503. Labels and details are in `locale` (English by default).
 */
export function diagnoseHandshake(hop: Hop, locale: Locale = 'en'): HandshakeRow[] {
  const rows: HandshakeRow[] = [];
  let failed = false;
  const add = (id: string, draft: Draft, failure: boolean) => {
    const { label, detail, ...rest } = draft;
    rows.push({ ...rest, id, label: renderText(label, locale), detail: renderText(detail, locale), ...(failure ? { failure: true } : {}) });
  };
  hop.handshake.forEach((s, i) => {
    const draft = rowFor(s, hop);
    const failure = !failed && !draft.ok;
    if (failure) failed = true;
    add(`${i}-${draft.code}`, draft, failure);
  });
  const delivered = hop.outcome === 'ok';
  if (delivered && !hop.handshake.some((s) => s.kind === 'http_response')) {
    const detail = hop.httpCode > 0 ? say('hs.http-response.code', { code: hop.httpCode }) : say('hs.no-response');
    add('response', { code: 'http-response', from: 'server', label: say('hs.http-response'), detail, ok: hop.httpCode > 0 && hop.httpCode < 500 }, false);
  }
  if (hop.outcome === 'denied') {
    const tcp = hop.httpCode === 0;
    const grpc = hop.protocol === 'grpc' && !tcp;
    add('rbac-reply', { code: 'rbac-reply', from: 'server', label: say('hs.rbac-reply', { code: hop.httpCode, grpc: grpc ? 1 : 0 }), detail: say('hs.rbac-reply.detail', { tcp: tcp ? 1 : 0 }), ok: false }, false);
  } else if (!delivered && hop.httpCode > 0) {
    add('local-reply', { code: 'local-reply', from: 'client', label: say('hs.local-reply', { code: hop.httpCode }), detail: say('hs.local-reply.detail'), ok: false, local: true }, false);
  }
  if (!delivered && !failed && rows.length > 0) {
    const last = rows[rows.length - 1];
    if (last) last.failure = true;
  }
  return rows;
}

import type { HandshakeStep, Hop } from '../traffic/trace.ts';

/** One row of a handshake sequence diagram: a message from one side to the other. */
export interface HandshakeRow {
  /** Unique within the hop (a key for views). */
  id: string;
  /** Stable code of the row (`tcp`, `client-hello`, `reset`…) for translation and styling. */
  code: string;
  from: 'client' | 'server';
  label: string;
  detail: string;
  ok: boolean;
  /** Set on the row where the connection fails. */
  failure?: boolean;
  /** A check or reply inside one side that puts nothing on the wire. */
  local?: boolean;
}

const list = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : typeof value === 'string' || typeof value === 'number' ? String(value) : '');

function rowFor(step: HandshakeStep, hop: Hop): Omit<HandshakeRow, 'id' | 'failure'> {
  const data = step.data ?? {};
  switch (step.kind) {
    case 'tcp_connect':
      return { code: 'tcp', from: 'client', label: 'TCP connect', detail: step.text, ok: step.ok };
    case 'plaintext':
      return { code: 'plaintext', from: 'client', label: 'Plaintext: no TLS', detail: `The ${hop.protocol === 'grpc' ? 'gRPC call' : 'HTTP request'} goes out unencrypted, with no certificate.`, ok: step.ok };
    case 'client_hello':
      return { code: 'client-hello', from: 'client', label: 'ClientHello', detail: `SNI ${list(data.sni) || '(none)'}; ALPN ${list(data.alpn) || '(none: not Istio mTLS)'}`, ok: step.ok };
    case 'server_certificate':
      return { code: 'server-certificate', from: 'server', label: 'ServerHello + Certificate', detail: `Server identity (SPIFFE URI SAN) ${list(data.spiffe)}`, ok: step.ok };
    case 'certificate_request':
      return { code: 'certificate-request', from: 'server', label: 'CertificateRequest', detail: 'The server asks for a client certificate: this is what makes the TLS mutual.', ok: step.ok };
    case 'client_certificate':
      return { code: 'client-certificate', from: 'client', label: 'Certificate + CertificateVerify', detail: `Client identity ${list(data.spiffe)}, proven with its private key`, ok: step.ok };
    case 'secure_naming':
      return {
        code: 'secure-naming',
        from: 'client',
        label: 'Secure naming check',
        detail: step.ok ? `${list(data.got)} is allowed to run the service` : `${list(data.got)} is not among the expected identities (${list(data.expected)})`,
        ok: step.ok,
        local: true,
      };
    case 'established':
      return { code: 'finished', from: 'client', label: 'Finished', detail: 'Both sides send Finished: mutual TLS is established.', ok: step.ok };
    case 'reset':
      return { code: 'reset', from: 'server', label: data.flags === 'NR' ? 'RST: no filter chain' : 'Handshake fails', detail: step.text, ok: false };
    case 'http_request':
      return { code: 'http-request', from: 'client', label: hop.protocol === 'grpc' ? 'gRPC request (HTTP/2)' : 'HTTP request', detail: step.text, ok: step.ok };
    case 'http_response':
      return { code: 'http-response', from: 'server', label: 'HTTP response', detail: step.text, ok: step.ok };
  }
  return { code: step.kind, from: step.actor, label: step.kind, detail: step.text, ok: step.ok };
}

/**
 * Turns a hop's handshake into sequence-diagram rows, in wire order: TCP, ClientHello (SNI, ALPN),
 * the server certificate (SPIFFE), CertificateRequest, the client certificate, the secure-naming
 * check, Finished, then the request and its response, or a plaintext marker instead of TLS. The row
 * where the connection fails carries `failure`; when the client sidecar answers for a failed
 * upstream, a last row shows its local 503.
 */
export function diagnoseHandshake(hop: Hop): HandshakeRow[] {
  const rows: HandshakeRow[] = [];
  let failed = false;
  hop.handshake.forEach((step, i) => {
    const row = rowFor(step, hop);
    const failure = !failed && !row.ok;
    if (failure) failed = true;
    rows.push({ ...row, id: `${i}-${row.code}`, ...(failure ? { failure: true } : {}) });
  });
  const delivered = hop.outcome === 'ok';
  if (delivered && !hop.handshake.some((s) => s.kind === 'http_response')) {
    rows.push({
      id: 'response',
      code: 'http-response',
      from: 'server',
      label: 'HTTP response',
      detail: hop.httpCode > 0 ? `${hop.httpCode}` : 'No response',
      ok: hop.httpCode > 0 && hop.httpCode < 500,
    });
  }
  if (!delivered && hop.httpCode > 0) {
    rows.push({ id: 'local-reply', code: 'local-reply', from: 'client', label: `Client sidecar answers ${hop.httpCode}`, detail: 'The upstream connection failed, so the client sidecar replies to its application itself.', ok: false, local: true });
  }
  if (!delivered && !failed && rows.length > 0) {
    const last = rows[rows.length - 1];
    if (last) last.failure = true;
  }
  return rows;
}

/**
 * `curl https://` in the simulated cluster: nothing in Online Boutique serves TLS of its own, so a
 * request gets as far as the TLS handshake and fails there, in the way the peer's answer decides
 * (probeTls, the same decision `openssl s_client` shows). Texts are curl 8.11.1's with OpenSSL 3
 * (curl lib/vtls/openssl.c, tag curl-8_11_1: ossl_connect_step2 prints `TLS connect error: …` for an
 * OpenSSL error, `OpenSSL SSL_connect: … in connection to HOST:PORT ` for a reset with none, and
 * `SSL certificate problem: …` for a failed verification; ossl_recv prints `OpenSSL SSL_read: …,
 * errno N`). Exit codes: 35 CURLE_SSL_CONNECT_ERROR, 60 CURLE_PEER_FAILED_VERIFICATION,
 * 56 CURLE_RECV_ERROR.
 */
import { describe, expect, it } from 'vitest';
import { SimSession } from '../session.ts';
import { runLine as run } from '../testing.ts';


const TESTCURL = 'kubectl exec testcurl -n default -- curl -sS';
const FRONTEND = 'frontend.frontend.svc.cluster.local';

function strict(namespace: string): string {
  return `kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: ${namespace}\nspec:\n  mtls:\n    mode: STRICT\nEOF`;
}

describe('curl https:// from a pod without a sidecar', () => {
  it('to a Service port that does not exist: nothing to connect to (7)', () => {
    const session = new SimSession();
    expect(run(session, `${TESTCURL} https://${FRONTEND}/`)).toEqual({
      out: '',
      err: `curl: (7) Failed to connect to ${FRONTEND} port 443 after 3 ms: Could not connect to server\ncommand terminated with exit code 7\n`,
      code: 7,
    });
  });

  it('to a PERMISSIVE sidecar’s HTTP port: no filter chain takes TLS without an Istio ALPN, and Envoy resets it (35)', () => {
    const session = new SimSession();
    expect(run(session, `${TESTCURL} https://${FRONTEND}:80/`)).toEqual({
      out: '',
      // curl's own format string ends in a space after the port.
      err: `curl: (35) OpenSSL SSL_connect: Connection reset by peer in connection to ${FRONTEND}:80 \ncommand terminated with exit code 35\n`,
      code: 35,
    });
    expect(run(session, `kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}\\n' https://${FRONTEND}:80/`)).toEqual({ out: '000\n', err: 'command terminated with exit code 35\n', code: 35 });
  });

  it('to a STRICT sidecar: its certificate chain ends in the mesh’s self-signed root (60); with -k the missing client certificate ends the first read (56)', () => {
    const session = new SimSession();
    run(session, strict('frontend'));
    // After a failed verification the curl tool explains itself (CURL_CA_CERT_ERRORMSG, curl-8_11_1 src/tool_operate.c).
    expect(run(session, `${TESTCURL} https://${FRONTEND}:80/`).err).toBe(
      'curl: (60) SSL certificate problem: self-signed certificate in certificate chain\n' +
        'More details here: https://curl.se/docs/sslcerts.html\n\n' +
        'curl failed to verify the legitimacy of the server and therefore could not\n' +
        'establish a secure connection to it. To learn more about this situation and\n' +
        'how to fix it, please visit the webpage mentioned above.\n' +
        'command terminated with exit code 60\n',
    );
    // -s without -S: nothing at all.
    expect(run(session, `kubectl exec testcurl -n default -- curl -s https://${FRONTEND}:80/`).err).toBe('command terminated with exit code 60\n');
    expect(run(session, `${TESTCURL} -k https://${FRONTEND}:80/`).err).toBe('curl: (56) OpenSSL SSL_read: OpenSSL/3.3.2: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0\ncommand terminated with exit code 56\n');
    // openssl s_client meets the same sidecar: the same chain, the same alert.
    const sClient = run(session, `kubectl exec deploy/frontend -n frontend -c istio-proxy -- openssl s_client -brief -connect ${FRONTEND}:80 </dev/null`);
    expect(sClient.err).toContain('self-signed certificate in certificate chain');
    expect(sClient.err).toContain('tlsv13 alert certificate required');
  });

  it('to an unknown name: DNS fails first (6)', () => {
    const session = new SimSession();
    expect(run(session, `${TESTCURL} https://nosuch.frontend.svc.cluster.local/`).err).toBe('curl: (6) Could not resolve host: nosuch.frontend.svc.cluster.local\ncommand terminated with exit code 6\n');
  });
});

describe('curl https:// through the client’s own sidecar', () => {
  it('its outbound HTTP listener answers the TLS bytes with a plain 400: wrong version number (35)', () => {
    const session = new SimSession();
    const debug = run(session, 'kubectl debug -n frontend deploy/frontend --image=curlimages/curl -i -q -- curl -sS https://productcatalogservice.product-catalog.svc.cluster.local:3550/');
    // (kubectl debug -i passes the container's output on as one stream here.)
    expect(debug.out + debug.err).toContain('curl: (35) TLS connect error: OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number\n');
  });
});

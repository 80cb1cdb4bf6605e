import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clusterCaCertificate } from '../../domain/pki/clusterCaCertificate.ts';
import { tokenSignerKey } from '../../domain/pki/keys.ts';
import { base64Decode, base64UrlEncode } from '../../domain/pki/pem.ts';
import { rootCertificate } from '../../domain/pki/rootCertificate.ts';
import { SimSession } from '../session.ts';
import { runLine as run } from '../testing.ts';


const PROXY = 'kubectl exec deploy/frontend -n frontend -c istio-proxy --';
const CATALOG = 'productcatalogservice.product-catalog:3550';

function peerAuthentication(namespace: string, mode: string): string {
  return `kubectl apply -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: ${namespace}\nspec:\n  mtls:\n    mode: ${mode}\nEOF`;
}

/** The SAN of the certificate s_client saw, read back through `openssl x509` as the blog recipes do. */
function peerIdentity(session: SimSession, command: string): string {
  return run(session, `${command} </dev/null 2>/dev/null | openssl x509 -noout -ext subjectAltName`).out;
}

describe('openssl in the simulator', () => {
  it('is there where the image ships it, with that image’s version', () => {
    const session = new SimSession();
    expect(run(session, 'openssl version')).toEqual({ out: 'OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)\n', err: '', code: 0 });
    expect(run(session, `${PROXY} openssl version`).out).toBe('OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)\n');
    expect(run(session, 'kubectl debug -n frontend deploy/frontend --image=nicolaka/netshoot -i -q -- openssl version').out).toContain('OpenSSL 3.5.4 30 Sep 2025 (Library: OpenSSL 3.5.4 30 Sep 2025)\n');
    const distroless = run(session, 'kubectl exec deploy/frontend -n frontend -c server -- openssl version');
    expect(distroless.err).toMatch(/exec: "openssl": executable file not found in \$PATH: unknown\n$/);
  });

  it('answers unknown and unsimulated commands as OpenSSL 3.0 and the simulator do', () => {
    const session = new SimSession();
    expect(run(session, 'openssl frobnicate')).toEqual({ out: '', err: 'Invalid command \'frobnicate\'; type "help" for a list.\n', code: 1 });
    expect(run(session, 'openssl genrsa 2048')).toEqual({ out: '', err: 'mtls-playground: openssl genrsa is not simulated; x509, s_client and version are\n', code: 1 });
    const help = run(session, 'openssl help');
    expect(help.code).toBe(0);
    expect(help.err).toContain('s_client          s_server          s_time            sess_id           \n');
    expect(run(session, 'openssl version -x')).toEqual({ out: '', err: 'version: Unknown option: -x\nversion: Use -help for summary.\n', code: 1 });
  });
});

describe('the sidecar’s secret files', () => {
  it('holds the mesh root CA where the injector mounts istio-ca-root-cert', () => {
    const session = new SimSession();
    expect(run(session, `${PROXY} ls /var/run/secrets/istio`).out).toBe('root-cert.pem\n');
    expect(run(session, `${PROXY} ls /var/run/secrets/tokens`).out).toBe('istio-token\n');
    expect(run(session, `${PROXY} ls /var/run/secrets/kubernetes.io/serviceaccount`).out.split(/\s+/).filter(Boolean)).toEqual(['ca.crt', 'namespace', 'token']);
    expect(run(session, `${PROXY} cat /var/run/secrets/istio/root-cert.pem`).out).toBe(rootCertificate(session.world).pem);
    expect(run(session, `${PROXY} openssl x509 -in /var/run/secrets/istio/root-cert.pem -noout -subject -issuer`).out).toBe('subject=O = cluster.local\nissuer=O = cluster.local\n');
    expect(run(session, `${PROXY} cat /var/run/secrets/kubernetes.io/serviceaccount/ca.crt`).out).toBe(clusterCaCertificate(session.world).pem);
    expect(run(session, `${PROXY} cat /var/run/secrets/kubernetes.io/serviceaccount/namespace`).out).toBe('frontend');
  });

  it('gives istio-agent an istio-ca token the cluster’s key really signed', () => {
    const session = new SimSession();
    const token = run(session, `${PROXY} cat /var/run/secrets/tokens/istio-token`).out;
    const [header = '', payload = '', signature = ''] = token.split('.');
    const decode = (part: string) => JSON.parse(new TextDecoder().decode(base64Decode(part))) as Record<string, unknown>;
    const pod = session.world.list('Pod', 'frontend')[0];
    const claims = decode(payload);
    expect(decode(header)).toMatchObject({ alg: 'RS256' });
    expect(claims).toMatchObject({
      aud: ['istio-ca'],
      iss: 'https://container.googleapis.com/v1/projects/mtls-playground/locations/us-central1-c/clusters/boutique',
      sub: 'system:serviceaccount:frontend:frontend',
      'kubernetes.io': { namespace: 'frontend', pod: { name: pod?.metadata.name, uid: pod?.metadata.uid }, serviceaccount: { name: 'frontend' } },
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(43200);
    const key = tokenSignerKey();
    const big = (n: bigint) => base64UrlEncode(hexBytes(n));
    const publicKey = createPublicKey({ key: { kty: 'RSA', n: big(key.n), e: big(key.e) }, format: 'jwk' });
    expect(verify('RSA-SHA256', new TextEncoder().encode(`${header}.${payload}`), publicKey, base64Decode(signature) ?? new Uint8Array(0))).toBe(true);
  });

  it('is not in application or debug containers, which only get the ServiceAccount files', () => {
    const session = new SimSession();
    // kubectl debug -i shows the attached container's output on its own stdout.
    const debug = run(session, 'kubectl debug -n frontend deploy/frontend --image=nicolaka/netshoot -i -q -- ls /var/run/secrets');
    expect(debug.out).toContain("ls: cannot access '/var/run/secrets': No such file or directory\n");
    expect(run(session, 'kubectl exec deploy/emailservice -n email -- ls /var/run/secrets').out).toBe('kubernetes.io\n');
  });
});

function hexBytes(n: bigint): Uint8Array {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

describe('openssl s_client decides nothing itself: it meets what the mesh decided', () => {
  it('from the proxy container (not captured): PERMISSIVE closes TLS without the Istio ALPN, and shows the certificate with it', () => {
    const session = new SimSession();
    const plain = run(session, `${PROXY} openssl s_client -connect ${CATALOG}`);
    expect(plain.err).toBe('write:errno=104\ncommand terminated with exit code 1\n');
    expect(plain.out).toContain('SSL handshake has read 0 bytes and written 339 bytes\n');
    expect(run(session, `${PROXY} sh -c 'openssl s_client -showcerts -alpn istio -connect ${CATALOG} </dev/null 2>/dev/null | openssl x509 -noout -ext subjectAltName'`).out).toBe(
      'X509v3 Subject Alternative Name: critical\n    URI:spiffe://cluster.local/ns/product-catalog/sa/product-catalog\n',
    );
  });

  it('STRICT: the sidecar shows its SPIFFE certificate, then alerts that a client certificate is required', () => {
    const session = new SimSession();
    run(session, peerAuthentication('product-catalog', 'STRICT'));
    const strict = run(session, `${PROXY} openssl s_client -connect ${CATALOG}`);
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(/^CONNECTED\(00000003\)\n---\nCertificate chain\n 0 s:\n {3}i:O = cluster.local\n/);
    expect(strict.out).toContain('---\nAcceptable client certificate CA names\nO = cluster.local\n');
    expect(strict.err).toMatch(/^depth=1 O = cluster.local\nverify error:num=19:self-signed certificate in certificate chain\n/);
    expect(strict.err).toMatch(/:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:\.\.\/ssl\/record\/rec_layer_s3\.c:1593:SSL alert number 116\ncommand terminated with exit code 1\n$/);
    const trusted = run(session, `${PROXY} openssl s_client -brief -CAfile /var/run/secrets/istio/root-cert.pem -connect ${CATALOG}`);
    expect(trusted.err).toContain('Verification: OK\n');
  });

  it('DISABLE on an HTTP port: Envoy’s HTTP connection manager answers, and OpenSSL reads no TLS', () => {
    const session = new SimSession();
    run(session, peerAuthentication('product-catalog', 'DISABLE'));
    const disabled = run(session, `${PROXY} openssl s_client -connect ${CATALOG} -alpn istio -brief`);
    expect(disabled.err).toMatch(/^[0-9A-F]{16}:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:\.\.\/ssl\/record\/ssl3_record\.c:354:\ncommand terminated with exit code 1\n$/);
  });

  it('from Cloud Shell through the load balancer: PERMISSIVE resets, STRICT shows the frontend’s identity', () => {
    const session = new SimSession();
    const ip = session.externalAddresses().find((a) => a.name === 'frontend/frontend-external')?.ip ?? '';
    expect(run(session, `openssl s_client -connect ${ip}:80`).err).toBe('write:errno=104\n');
    run(session, peerAuthentication('frontend', 'STRICT'));
    expect(peerIdentity(session, `openssl s_client -connect ${ip}:80`)).toBe('X509v3 Subject Alternative Name: critical\n    URI:spiffe://cluster.local/ns/frontend/sa/frontend\n');
    const gateway = session.externalAddresses().find((a) => a.name === 'istio-system/istio-ingressgateway')?.ip ?? '';
    expect(run(session, `openssl s_client -brief -connect ${gateway}:80`).err).toMatch(/wrong version number/);
    expect(run(session, `openssl s_client -brief -connect ${gateway}:443`).err).toMatch(/BIO_connect:Connection refused/);
    expect(run(session, 'openssl s_client -connect productcatalogservice.product-catalog:3550').err).toMatch(/BIO_lookup_ex:system lib:\.\.\/crypto\/bio\/bio_addr\.c:738:Name or service not known\nconnect:errno=22\n$/);
  });

  it('from a process its own sidecar captures: the sidecar’s HTTP listener answers, never the server’s certificate', () => {
    const session = new SimSession();
    run(session, peerAuthentication('product-catalog', 'STRICT'));
    const captured = run(session, `kubectl debug -n frontend deploy/frontend --image=nicolaka/netshoot -i -q -- openssl s_client -brief -connect ${CATALOG}`);
    expect(captured.out).toMatch(/wrong version number/);
  });

  it('from a pod without a sidecar: the same decisions as from the proxy container', () => {
    const session = new SimSession();
    const probe = `kubectl run probe -n default --image=nicolaka/netshoot --rm -i --restart=Never -- openssl s_client -brief -connect ${CATALOG}`;
    expect(run(session, probe).err).toContain('write:errno=104\n');
    run(session, peerAuthentication('product-catalog', 'STRICT'));
    expect(run(session, probe.replace('probe', 'probe2')).err).toContain('CONNECTION ESTABLISHED\nProtocol version: TLSv1.3\n');
  });
});

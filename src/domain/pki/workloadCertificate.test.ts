import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import type { KubeObject } from '../objects.ts';
import { rootCertificate } from './rootCertificate.ts';
import { CLOCK_SKEW_MS, WORKLOAD_TTL_MS, workloadCertificate } from './workloadCertificate.ts';

const dir = mkdtempSync(join(tmpdir(), 'pki-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the system's openssl (OpenSSL 3.x) and returns what it printed. */
function openssl(args: string[], files: Record<string, string>): { stdout: string; stderr: string; status: number | null } {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

function frontendPod(world = createDefaultWorld()): { world: typeof world; pod: KubeObject } {
  const pod = world.list('Pod', 'frontend')[0];
  if (!pod) throw new Error('no frontend pod');
  return { world, pod };
}

/** `Nov 28 08:30:55 2026 GMT`, as OpenSSL prints ASN1_TIME. */
function opensslTime(ms: number): string {
  const d = new Date(ms);
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const two = (n: number) => String(n).padStart(2, '0');
  return `${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

describe('rootCertificate', () => {
  it('is a self-signed CA for O=<trust domain>, valid ten years from the mesh install, as istiod makes it', () => {
    const world = createDefaultWorld();
    const root = rootCertificate(world);
    const installed = (world.get('Namespace', '', 'istio-system')?.metadata.creationTimestamp ?? 0) * 1000;
    expect(root.notBefore).toBe(installed);
    expect(root.notAfter - root.notBefore).toBe(3650 * 24 * 3600 * 1000);
    const text = openssl(['x509', '-in', 'root.pem', '-noout', '-text'], { 'root.pem': root.pem }).stdout;
    expect(text).toContain('        Issuer: O = cluster.local\n');
    expect(text).toContain('        Subject: O = cluster.local\n');
    expect(text).toContain(`            Not Before: ${opensslTime(root.notBefore)}\n            Not After : ${opensslTime(root.notAfter)}\n`);
    expect(text).toContain('                Public-Key: (2048 bit)\n');
    expect(text).toContain('            X509v3 Key Usage: critical\n                Certificate Sign\n            X509v3 Basic Constraints: critical\n                CA:TRUE\n            X509v3 Subject Key Identifier: \n');
    expect(text).toContain('    Signature Algorithm: sha256WithRSAEncryption\n');
    const selfSigned = openssl(['verify', '-attime', String(root.notBefore / 1000 + 60), '-CAfile', 'root.pem', 'root.pem'], { 'root.pem': root.pem });
    expect(selfSigned.stdout).toBe('root.pem: OK\n');
  });

  it('is the same certificate in every world that agrees on trust domain and install time', () => {
    expect(rootCertificate(createDefaultWorld()).pem).toBe(rootCertificate(createDefaultWorld({ seed: 7 })).pem);
  });
});

describe('workloadCertificate', () => {
  it('carries the SPIFFE ID of the pod service account and verifies against the root with openssl', () => {
    const { world, pod } = frontendPod();
    const cert = workloadCertificate(world, pod);
    expect(cert.spiffeId).toBe('spiffe://cluster.local/ns/frontend/sa/frontend');
    const started = pod.metadata.creationTimestamp * 1000;
    expect(cert.notBefore).toBe(started - CLOCK_SKEW_MS);
    expect(cert.notAfter).toBe(started + WORKLOAD_TTL_MS);
    const files = { 'root.pem': cert.root.pem, 'leaf.pem': cert.pem };
    const verified = openssl(['verify', '-attime', String(world.nowSeconds()), '-CAfile', 'root.pem', 'leaf.pem'], files);
    expect(verified).toEqual({ stdout: 'leaf.pem: OK\n', stderr: '', status: 0 });
    const text = openssl(['x509', '-in', 'leaf.pem', '-noout', '-text'], files).stdout;
    expect(text).toContain('        Issuer: O = cluster.local\n');
    expect(text).toContain('        Subject: \n');
    expect(text).toContain(`            Not Before: ${opensslTime(cert.notBefore)}\n            Not After : ${opensslTime(cert.notAfter)}\n`);
    // Extension order and criticality as Go's x509.CreateCertificate writes istiod's template.
    expect(text).toContain(
      [
        '        X509v3 extensions:',
        '            X509v3 Key Usage: critical',
        '                Digital Signature, Key Encipherment',
        '            X509v3 Extended Key Usage: ',
        '                TLS Web Server Authentication, TLS Web Client Authentication',
        '            X509v3 Basic Constraints: critical',
        '                CA:FALSE',
        '            X509v3 Authority Key Identifier: ',
        '',
      ].join('\n'),
    );
    expect(text).toContain('            X509v3 Subject Alternative Name: critical\n                URI:spiffe://cluster.local/ns/frontend/sa/frontend\n');
    const serial = openssl(['x509', '-in', 'leaf.pem', '-noout', '-serial'], files).stdout;
    const hex = cert.serial.toString(16).toUpperCase();
    expect(serial).toBe(`serial=${hex.length % 2 ? `0${hex}` : hex}\n`);
    expect(cert.chainPem).toBe(cert.pem + cert.root.pem);
  });

  it('follows spec.serviceAccountName, and `default` when the pod names none', () => {
    const { world, pod } = frontendPod();
    const other: KubeObject = { ...pod, metadata: { ...pod.metadata, name: 'frontend-other' }, spec: { ...pod.spec, serviceAccountName: 'storefront' } };
    expect(workloadCertificate(world, other).spiffeId).toBe('spiffe://cluster.local/ns/frontend/sa/storefront');
    const { serviceAccountName: _drop, ...specWithout } = pod.spec ?? {};
    const bare: KubeObject = { ...pod, metadata: { ...pod.metadata, name: 'frontend-bare' }, spec: specWithout };
    expect(workloadCertificate(world, bare).spiffeId).toBe('spiffe://cluster.local/ns/frontend/sa/default');
  });

  it('is deterministic across runs, and issued once while it stands', () => {
    const a = frontendPod();
    const b = frontendPod();
    const first = workloadCertificate(a.world, a.pod);
    expect(workloadCertificate(a.world, a.pod)).toBe(first);
    expect(workloadCertificate(b.world, b.pod).pem).toBe(first.pem);
    const other = workloadCertificate(a.world, a.world.list('Pod', 'cart')[0] as KubeObject);
    expect(other.serial).not.toBe(first.serial);
  });

  it('is renewed every 12 hours, so the proxy never holds an expired one', () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 28, 9));
    const { world, pod } = frontendPod(createDefaultWorld({ clock }));
    const first = workloadCertificate(world, pod);
    clock.advance(11 * 3600 * 1000);
    expect(workloadCertificate(world, pod)).toBe(first);
    clock.advance(2 * 3600 * 1000);
    const renewed = workloadCertificate(world, pod);
    expect(renewed.notBefore).toBe(first.notBefore + 12 * 3600 * 1000);
    expect(renewed.serial).not.toBe(first.serial);
    expect(renewed.notAfter).toBeGreaterThan(clock.now());
  });
});

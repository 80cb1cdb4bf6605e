import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { clusterCaCertificate } from '../../domain/pki/clusterCaCertificate.ts';
import { rootCertificate } from '../../domain/pki/rootCertificate.ts';
import { workloadCertificate } from '../../domain/pki/workloadCertificate.ts';
import { MemoryFs } from '../bash/memoryFs.ts';
import { runHandler } from '../testing/runHandler.ts';
import { UBUNTU_OPENSSL, createOpenssl } from './openssl.ts';

/*
 * `openssl x509` against the system's own openssl (OpenSSL 3.0.x; x509's text output is the same
 * across 3.0 releases): same certificate, same options, same bytes. Sources of the formats:
 * apps/x509.c, crypto/x509/t_x509.c, crypto/x509/v3_prn.c, crypto/asn1/a_strex.c.
 */

const dir = mkdtempSync(join(tmpdir(), 'x509-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const world = createDefaultWorld();
const openssl = createOpenssl(() => world, { kind: 'external', name: 'cloudshell' }, UBUNTU_OPENSSL);

function system(args: string[], stdin = ''): { stdout: string; stderr: string; exitCode: number } {
  const run = spawnSync('openssl', args, { cwd: dir, input: stdin, encoding: 'utf8' });
  return { stdout: run.stdout, stderr: run.stderr, exitCode: run.status ?? -1 };
}

function simulated(args: string[], files: Record<string, string>, stdin?: string): { stdout: string; stderr: string; exitCode: number } {
  const fs = new MemoryFs({ home: dir, files });
  const { stdout, stderr, exitCode } = runHandler(openssl, ['openssl', ...args], { fs, ...(stdin !== undefined ? { stdin } : {}) });
  return { stdout, stderr, exitCode };
}

/** Certificates OpenSSL itself makes, with the shapes a learner may paste: EC keys, odd names, many SAN kinds, small serials. */
function generated(name: string, args: string[]): string {
  const file = join(dir, `${name}.pem`);
  const keyArgs = args.includes('ec') ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
  const rest = args.filter((a) => a !== 'ec');
  const run = spawnSync('openssl', ['req', '-x509', ...keyArgs, '-nodes', '-keyout', '/dev/null', '-days', '3', '-out', file, ...rest], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return spawnSync('cat', [file], { encoding: 'utf8' }).stdout;
}

const pod = world.list('Pod', 'frontend')[0];
if (!pod) throw new Error('no frontend pod');
const certificates: Record<string, string> = {
  root: rootCertificate(world).pem,
  workload: workloadCertificate(world, pod).pem,
  clusterCa: clusterCaCertificate(world).pem,
  web: generated('web', ['-subj', '/C=JP/ST=Tokyo/O=Acme, Inc./OU=Platform "core"/CN=#shop.example.com', '-addext', 'subjectAltName=DNS:shop.example.com,DNS:*.example.com,IP:10.0.0.1,IP:2001:db8::1,email:ops@example.com,URI:https://example.com/x', '-addext', 'extendedKeyUsage=serverAuth,codeSigning,1.2.3.4', '-addext', 'keyUsage=critical,digitalSignature,nonRepudiation,keyAgreement', '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:2', '-addext', 'authorityInfoAccess=OCSP;URI:http://ocsp.example.com,caIssuers;URI:http://ca.example.com/ca.crt', '-addext', 'certificatePolicies=2.23.140.1.2.1', '-addext', 'crlDistributionPoints=URI:http://crl.example.com/ca.crl', '-set_serial', '12345']),
  ec: generated('ec', ['ec', '-subj', '/CN=ec.example/emailAddress=admin@example.com', '-set_serial', '0x7fffffffffffffff']),
};
for (const [name, pem] of Object.entries(certificates)) writeFileSync(join(dir, `${name}.pem`), pem);

const OPTION_SETS: string[][] = [
  ['-noout', '-text'],
  ['-noout', '-subject', '-issuer'],
  ['-noout', '-issuer', '-dates', '-serial', '-subject'],
  ['-noout', '-fingerprint'],
  ['-noout', '-fingerprint', '-sha256'],
  ['-noout', '-ext', 'subjectAltName'],
  ['-noout', '-ext', 'keyUsage,subjectAltName,basicConstraints'],
  ['-noout', '-text', '-ext', 'subjectAltName'],
  ['-noout', '-pubkey', '-modulus'],
  ['-noout', '-email', '-ocsp_uri'],
  ['-noout', '-nameopt', 'RFC2253', '-subject', '-issuer'],
  ['-noout', '-dateopt', 'iso_8601', '-dates'],
  ['-subject'],
  [],
];

describe('openssl x509 prints what the system openssl prints', () => {
  for (const name of Object.keys(certificates)) {
    for (const options of OPTION_SETS) {
      it(`${name}: ${options.join(' ') || '(no options)'}`, () => {
        const args = ['x509', '-in', `${name}.pem`, ...options];
        expect(simulated(args, { [`${dir}/${name}.pem`]: certificates[name] ?? '' })).toEqual(system(args));
      });
    }
  }

  it('reads the certificate from stdin, skipping text around it', () => {
    const input = `some text\n${certificates.workload}trailing\n`;
    expect(simulated(['x509', '-noout', '-subject', '-ext', 'subjectAltName'], {}, input)).toEqual(system(['x509', '-noout', '-subject', '-ext', 'subjectAltName'], input));
  });

  it.each([
    [['x509', '-noout', '-text'], 'not a certificate\n'],
    [['x509', '-noout'], ''],
    [['x509', '-in'], ''],
    [['x509', 'extra', '-noout'], ''],
    [['x509', '-inform', 'XYZ', '-noout'], ''],
    [['x509', '-noout', '-checkend', 'abc'], ''],
    [['x509', '-noout', '-dateopt', 'bogus'], ''],
    [['x509', '-in', 'root.pem', '-noout', '-ext', 'nomatch'], ''],
    [['x509', '-in', 'root.pem', '-noout', '-bogus', '-subject'], ''],
  ])('answers %j as openssl does', (args, stdin) => {
    expect(simulated(args, { [`${dir}/root.pem`]: certificates.root ?? '' }, stdin)).toEqual(system(args, stdin));
  });

  it('names a missing file the way OpenSSL does, with its error queue', () => {
    const mask = (t: string) => t.replace(/^[0-9A-F]{16}:/gm, 'TID:').replace(/\.c:\d+:/g, '.c:N:');
    const args = ['x509', '-in', 'nosuch.pem', '-noout'];
    const sim = simulated(args, {});
    const real = system(args);
    expect({ ...sim, stderr: mask(sim.stderr) }).toEqual({ ...real, stderr: mask(real.stderr) });
  });

  it('checks the expiry against the simulated clock, and writes -out into the shell’s files', () => {
    const fs = new MemoryFs({ home: dir, files: { [`${dir}/leaf.pem`]: certificates.workload ?? '' } });
    const soon = runHandler(openssl, ['openssl', 'x509', '-in', 'leaf.pem', '-noout', '-checkend', '3600'], { fs });
    expect(soon).toMatchObject({ stdout: 'Certificate will not expire\n', exitCode: 0 });
    const day = runHandler(openssl, ['openssl', 'x509', '-in', 'leaf.pem', '-noout', '-checkend', String(2 * 86400)], { fs });
    expect(day).toMatchObject({ stdout: 'Certificate will expire\n', exitCode: 1 });
    runHandler(openssl, ['openssl', 'x509', '-in', 'leaf.pem', '-out', 'copy.pem'], { fs });
    expect(fs.readFile(`${dir}/copy.pem`)).toBe(certificates.workload);
  });

  it('says plainly which options it does not simulate', () => {
    const run = simulated(['x509', '-in', 'root.pem', '-noout', '-purpose'], { [`${dir}/root.pem`]: certificates.root ?? '' });
    expect(run).toEqual({ stdout: '', stderr: expect.stringMatching(/^mtls-playground: openssl x509 -purpose is not simulated/), exitCode: 1 });
  });
});

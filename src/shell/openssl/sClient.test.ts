import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, type Server, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { integer, sequence } from '../../domain/pki/der.ts';
import { workloadKey, WORKLOAD_KEY_COUNT } from '../../domain/pki/keys.ts';
import { parseCertificate } from '../../domain/pki/parseCertificate.ts';
import { pemEncode } from '../../domain/pki/pem.ts';
import type { TlsProbe } from '../../domain/pki/probeTls.ts';
import { workloadCertificate } from '../../domain/pki/workloadCertificate.ts';
import { MemoryFs } from '../bash/memoryFs.ts';
import { runHandler } from '../testing/runHandler.ts';
import { UBUNTU_OPENSSL, runOpenssl } from './openssl.ts';
import { isDnsName } from './sClient.ts';

/*
 * `openssl s_client` against the system's own s_client (OpenSSL 3.0.x) talking to local servers
 * that do what the mesh does: reset the connection, close it, answer in plaintext, or (openssl
 * s_server with the workload certificate, its root as the acceptable CA, and a required client
 * certificate) act as a STRICT sidecar. The lines must be the same; the few numbers that depend on
 * the build or on the server being Envoy rather than OpenSSL are checked by their known offsets.
 */

const dir = mkdtempSync(join(tmpdir(), 's_client-'));
const world = createDefaultWorld();
const pod = world.list('Pod', 'frontend')[0];
if (!pod) throw new Error('no frontend pod');
const certificate = workloadCertificate(world, pod);

interface Run {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The simulator's s_client against a server the probe describes. */
function simulated(probe: TlsProbe, args: string[], files: Record<string, string> = {}): Run {
  let n = 0;
  const handler = (io: Parameters<typeof runOpenssl>[1]) => runOpenssl({ version: UBUNTU_OPENSSL, probe: () => probe, now: () => world.clock.now(), threadId: () => `80${String(n++).padStart(8, '0')}7F0000` }, io);
  const { stdout, stderr, exitCode } = runHandler(handler, ['openssl', 's_client', ...args], { fs: new MemoryFs({ home: dir, files }), stdin: '' });
  return { stdout, stderr, exitCode };
}

/** The system's s_client; stdin stays open until it exits (as under `kubectl exec -i`), so it reads the server's last alert. */
function system(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('openssl', ['s_client', ...args], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(), 8000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, exitCode: code ?? -1 });
    });
  });
}

/** Thread ids and source line numbers differ per process and per build. */
const mask = (text: string) => text.replace(/^[0-9A-F]{16}:/gm, 'TID:').replace(/\.c:\d+:/g, '.c:N:');
const bytes = (text: string) => /has read (\d+) bytes and written (\d+) bytes/.exec(text)?.slice(1).map(Number) ?? [];
const withoutBytes = (run: Run): Run => ({ ...run, stdout: run.stdout.replace(/has read \d+ bytes and written \d+ bytes/, 'has read R bytes and written W bytes'), stderr: mask(run.stderr) });

/** Ubuntu's 3.0.13 offers TLS 1.3 and 1.2 only: its supported_versions extension is 4 bytes shorter than Debian's. */
const UBUNTU_CLIENT_HELLO_DELTA = -4;

const servers: Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A TCP server that treats every connection the same way; resolves with its port. */
function listen(onData: (socket: import('node:net').Socket) => void): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.once('data', () => onData(socket)));
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

describe('openssl s_client matches the system s_client', () => {
  it.each([
    ['reset', 'a connection reset after the ClientHello (no filter chain matched)', (s: import('node:net').Socket) => s.resetAndDestroy()],
    ['closed', 'a connection closed without an answer', (s: import('node:net').Socket) => s.end()],
    ['plaintext', 'an HTTP server answering 400', (s: import('node:net').Socket) => s.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 11\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nBad Request')],
  ] as const)('%s: %s', async (kind, _what, behave) => {
    const port = await listen(behave);
    const args = ['-connect', `127.0.0.1:${port}`];
    const real = await system(args);
    const sim = simulated({ kind, why: '' }, args);
    expect(withoutBytes(sim)).toEqual(withoutBytes(real));
    const [simRead, simWritten] = bytes(sim.stdout);
    const [realRead, realWritten] = bytes(real.stdout);
    expect(simRead).toBe(realRead);
    expect(simWritten).toBe((realWritten ?? 0) + UBUNTU_CLIENT_HELLO_DELTA);
  });

  it('refused: nothing listens', async () => {
    const port = await listen(() => undefined);
    servers.at(-1)?.close();
    const args = ['-connect', `127.0.0.1:${port}`];
    const real = await system(args);
    const sim = simulated({ kind: 'refused', why: '' }, args);
    expect({ ...sim, stderr: mask(sim.stderr) }).toEqual({ ...real, stderr: mask(real.stderr) });
  });

  describe('a sidecar that requires a client certificate (STRICT)', () => {
    const leaf = parseCertificate(certificate.der);
    const key = Array.from({ length: WORKLOAD_KEY_COUNT }, (_, i) => workloadKey(i)).find((k) => k.n === leaf?.publicKey.rsa?.n);
    if (!key) throw new Error('no workload key for the certificate');
    const keyPem = pemEncode('RSA PRIVATE KEY', sequence(...[0n, key.n, key.e, key.d, key.p, key.q, key.dp, key.dq, key.qInv].map(integer)));
    writeFileSync(join(dir, 'leaf.pem'), certificate.pem);
    writeFileSync(join(dir, 'leaf.key'), keyPem);
    writeFileSync(join(dir, 'root.pem'), certificate.root.pem);

    /** openssl s_server in Envoy's place: the chain, the root as acceptable CA, BoringSSL's verify algorithms minus SHA-1 (which OpenSSL's level 2 drops). */
    async function strictServer(): Promise<{ port: number; child: ChildProcess }> {
      for (let attempt = 0; ; attempt++) {
        const port = 20000 + Math.floor(Math.random() * 30000);
        const child = spawn('openssl', ['s_server', '-accept', String(port), '-cert', 'leaf.pem', '-key', 'leaf.key', '-cert_chain', 'root.pem', '-CAfile', 'root.pem', '-Verify', '1', '-verify_return_error', '-naccept', '1', '-client_sigalgs', 'ECDSA+SHA256:RSA-PSS+SHA256:RSA+SHA256:ECDSA+SHA384:RSA-PSS+SHA384:RSA+SHA384:RSA-PSS+SHA512:RSA+SHA512'], { cwd: dir });
        const ready = await new Promise<boolean>((resolve) => {
          child.stdout?.on('data', (d: Buffer) => d.toString().includes('ACCEPT') && resolve(true));
          child.on('close', () => resolve(false));
        });
        if (ready) return { port, child };
        if (attempt > 5) throw new Error('s_server did not start');
      }
    }

    const probe: TlsProbe = { kind: 'mtls', why: '', mode: 'STRICT', certificate };
    const attime = ['-attime', String(world.nowSeconds())];

    it.each([[[]], [['-showcerts']], [['-CAfile', 'root.pem']], [['-brief']], [['-quiet']], [['-servername', 'frontend.frontend.svc.cluster.local']]])('s_client %j', async (extra) => {
      const { port, child } = await strictServer();
      const args = ['-connect', `127.0.0.1:${port}`, ...extra];
      const real = await system([...args, ...attime]);
      child.kill();
      const sim = simulated(probe, args, { [`${dir}/root.pem`]: certificate.root.pem });
      // Envoy asks for SHA-1 signatures too (BoringSSL's list); OpenSSL's server cannot.
      const simSeen = { ...sim, stdout: sim.stdout.replace(/^(Requested Signature Algorithms: .*):RSA\+SHA1$/m, '$1'), stderr: sim.stderr.replace(/^(Requested Signature Algorithms: .*):RSA\+SHA1$/m, '$1') };
      expect(withoutBytes(simSeen)).toEqual(withoutBytes(real));
      if (!extra.some((a) => a === '-brief' || a === '-quiet')) {
        const [simRead, simWritten] = bytes(sim.stdout);
        const [realRead, realWritten] = bytes(real.stdout);
        // Envoy packs its encrypted flight into one record (4 records of 22 bytes fewer) and lists 9 algorithms, not 8.
        expect(simRead).toBe((realRead ?? 0) - 4 * 22 + 2);
        expect(simWritten).toBe((realWritten ?? 0) + UBUNTU_CLIENT_HELLO_DELTA);
      }
    });
  });
});

describe('s_client options', () => {
  it('sends SNI only for names of two labels or more, as is_dNS_name decides', () => {
    expect(['productpage', 'frontend.frontend', 'a-b.c', '10.0.0.1', 'localhost', '-a.b', 'a..b'].map(isDnsName)).toEqual([false, true, true, false, false, false, false]);
  });

  it('reports option errors with OpenSSL’s words', () => {
    expect(simulated({ kind: 'refused', why: '' }, ['-connect'])).toEqual({ stdout: '', stderr: 's_client: Option -connect needs a value\ns_client: Use -help for summary.\n', exitCode: 1 });
    expect(simulated({ kind: 'refused', why: '' }, ['-bogus'])).toEqual({ stdout: '', stderr: 's_client: Unknown option: -bogus\ns_client: Use -help for summary.\n', exitCode: 1 });
    expect(simulated({ kind: 'refused', why: '' }, ['a:1', 'b:2'])).toEqual({ stdout: '', stderr: 's_client: Use -help for summary.\n', exitCode: 1 });
  });

  it('cannot load a client certificate that is not there (the sidecar keeps its key in memory)', () => {
    const run = simulated({ kind: 'refused', why: '' }, ['-connect', 'x.y:1', '-cert', '/etc/certs/cert-chain.pem']);
    expect(mask(run.stderr)).toBe('Could not open file or uri for loading client certificate private key from /etc/certs/cert-chain.pem\nTID:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:N:scheme=file\nTID:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:N:calling stat(/etc/certs/cert-chain.pem)\n');
    expect(run.exitCode).toBe(1);
  });
});

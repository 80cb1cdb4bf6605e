import type { TlsProbe } from '../../domain/pki/probeTls.ts';
import { type ParsedCertificate, parseCertificate } from '../../domain/pki/parseCertificate.ts';
import { pemDecodeAll, pemEncode } from '../../domain/pki/pem.ts';
import { S_CLIENT_HELP } from './helpText.ts';
import { type CommandLine, hasOption, lastValue, readCommandLine } from './parseOptions.ts';
import { formatName, formatTime } from './printCertificate.ts';
import type { OpensslContext } from './types.ts';

/*
 * `openssl s_client` without a client certificate, against what the simulator says is at the
 * address (probeTls). The output is OpenSSL 3.0's (apps/s_client.c print_stuff and the verify
 * callback of apps/lib/s_cb.c), checked against the system's openssl talking to local servers
 * that behave like each case (openssl.test.ts). What comes from the Istio server side follows a
 * real transcript of `kubectl exec … -c istio-proxy -- openssl s_client -showcerts` against a
 * sidecar: Envoy (BoringSSL) negotiates TLS 1.3 with TLS_AES_256_GCM_SHA384 and X25519, signs
 * with RSA-PSS, sends its CertificateRequest with BoringSSL's verify algorithms and the mesh root
 * as the acceptable CA, puts its whole encrypted flight in one record, and when the client sends
 * no certificate answers with the `certificate_required` alert (116), which s_client reads after
 * printing the session. Byte counts are computed from the same message layout, which reproduces
 * that transcript's `SSL handshake has read 4978 bytes`.
 *
 * Honest limits: the `file:line` in error lines and the ClientHello size depend on the exact
 * OpenSSL build; the values here are those of Ubuntu 24.04's 3.0.13 (its TLS 1.0/1.1-less
 * supported_versions make the ClientHello 293 bytes without SNI or ALPN) as far as published
 * output shows them. netshoot's OpenSSL 3.5 prints a few more lines (groups) that are not shown.
 */

const S_CLIENT_LINE: CommandLine = {
  prog: 's_client',
  help: S_CLIENT_HELP,
  maxArgs: 1,
  simulated: new Set(['help', 'connect', 'host', 'port', 'servername', 'noservername', 'showcerts', 'alpn', 'brief', 'quiet', 'CAfile', 'verify', 'verify_quiet', 'ign_eof', 'no_ign_eof', 'cert', 'key', 'no-CAfile', 'no-CApath', 'no-CAstore', 'tls1_3', 'no_ssl3', 'no_tls1', 'no_tls1_1']),
  note: (option) => `mtls-playground: openssl s_client -${option} is not simulated; -connect, -servername, -alpn, -showcerts, -brief, -quiet and -CAfile are\n`,
};

/** ClientHello of Ubuntu's OpenSSL 3.0.13 with no SNI and no ALPN, record header included. */
const CLIENT_HELLO_BASE = 293;
/** The client's ChangeCipherSpec (6), empty Certificate (30) and Finished (74) records after the server's flight. */
const CLIENT_SECOND_FLIGHT = 110;
/** ServerHello record (127: X25519 key share, supported_versions) and the compatibility ChangeCipherSpec (6). */
const SERVER_HELLO_AND_CCS = 133;
const REQUESTED_SIGALGS = 'ECDSA+SHA256:RSA-PSS+SHA256:RSA+SHA256:ECDSA+SHA384:RSA-PSS+SHA384:RSA+SHA384:RSA-PSS+SHA512:RSA+SHA512:RSA+SHA1';
/** OpenSSL's security level 2 drops SHA-1 from the shared list. */
const SHARED_SIGALGS = REQUESTED_SIGALGS.replace(':RSA+SHA1', '');

/** is_dNS_name (apps/s_client.c): at least two labels, not all digits; only such hosts are sent as SNI. */
export function isDnsName(host: string): boolean {
  let isDns = false;
  let allNumeric = true;
  let label = 0;
  for (let i = 0; i < host.length && label < 63; i++) {
    const c = host[i] ?? '';
    if (/[A-Za-z_]/.test(c)) {
      label++;
      allNumeric = false;
      continue;
    }
    if (/[0-9]/.test(c)) {
      label++;
      continue;
    }
    if (i > 0 && i < host.length - 1) {
      if (c === '-') {
        label++;
        continue;
      }
      if (c === '.' && host[i + 1] !== '.' && host[i - 1] !== '-' && host[i + 1] !== '-') {
        label = 0;
        isDns = true;
        continue;
      }
    }
    isDns = false;
    break;
  }
  return isDns && !allNumeric && label !== 63;
}

/** `host:port`, `[v6]:port` or a bare host (the default port, 4433), as BIO_parse_hostserv reads -connect. */
function splitHostPort(text: string): { host: string; port: string } {
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (v6) return { host: v6[1] ?? '', port: v6[2] ?? '4433' };
  const colon = text.lastIndexOf(':');
  return colon < 0 ? { host: text, port: '4433' } : { host: text.slice(0, colon), port: text.slice(colon + 1) };
}

const SERVICES: Record<string, number> = { http: 80, https: 443 };

/** The summary print_stuff prints when the handshake never finished. */
function noPeerSummary(read: number, written: number): string {
  return [
    '---',
    'no peer certificate available',
    '---',
    'No client certificate CA names sent',
    '---',
    `SSL handshake has read ${read} bytes and written ${written} bytes`,
    'Verification: OK',
    '---',
    'New, (NONE), Cipher is (NONE)',
    'Secure Renegotiation IS NOT supported',
    'Compression: NONE',
    'Expansion: NONE',
    'No ALPN negotiated',
    'Early data was not sent',
    'Verify return code: 0 (ok)',
    '---',
    '',
  ].join('\n');
}

/** Bytes of Envoy's encrypted flight: EncryptedExtensions, CertificateRequest, Certificate, CertificateVerify, Finished in one record. */
function serverFlightBytes(chain: readonly ParsedCertificate[], caNameDer: Uint8Array, alpn: string | undefined): number {
  const encryptedExtensions = 4 + 2 + (alpn ? 4 + 2 + 1 + alpn.length : 0);
  const certificateRequest = 4 + 1 + 2 + (4 + 2 + 2 * REQUESTED_SIGALGS.split(':').length) + (4 + 2 + 2 + caNameDer.length);
  const certificate = 4 + 1 + 3 + chain.reduce((n, c) => n + 3 + c.der.length + 2, 0);
  const certificateVerify = 4 + 2 + 2 + 256;
  const finished = 4 + 48;
  return SERVER_HELLO_AND_CCS + 5 + encryptedExtensions + certificateRequest + certificate + certificateVerify + finished + 1 + 16;
}

export function sClient(ctx: OpensslContext): number {
  const line = readCommandLine(S_CLIENT_LINE, ctx.args, ctx.err);
  if (typeof line === 'number') return line;
  const { options, rest } = line;
  const tid = ctx.host.threadId();
  for (const name of ['cert', 'key']) {
    const file = lastValue(options, name);
    if (file === undefined) continue;
    if (ctx.fs.readFile(file) === undefined) {
      ctx.err(`Could not open file or uri for loading client certificate private key from ${file}\n${tid}:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:237:scheme=file\n${tid}:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:267:calling stat(${file})\n`);
      return 1;
    }
    ctx.err('mtls-playground: openssl s_client with a client certificate is not simulated; without one, s_client shows what a sidecar answers\n');
    return 1;
  }
  const caFile = lastValue(options, 'CAfile');
  let trusted: Uint8Array[] = [];
  if (caFile !== undefined) {
    const text = ctx.fs.isDirectory(caFile) ? undefined : ctx.fs.readFile(caFile);
    if (text === undefined) {
      ctx.err(`${tid}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${caFile}, r)\n${tid}:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n${tid}:error:05880002:x509 certificate routines:X509_load_cert_crl_file_ex:system lib:../crypto/x509/by_file.c:251:\n`);
      return 1;
    }
    trusted = pemDecodeAll(text).filter((b) => b.label === 'CERTIFICATE' && !b.malformed).map((b) => b.der);
  }

  const target = splitHostPort(lastValue(options, 'connect') ?? rest[0] ?? `${lastValue(options, 'host') ?? 'localhost'}:${lastValue(options, 'port') ?? '4433'}`);
  const port = /^\d+$/.test(target.port) ? Number(target.port) : SERVICES[target.port];
  if (port === undefined || port > 65535) {
    ctx.err(`${tid}:error:10080002:BIO routines:BIO_lookup_ex:system lib:../crypto/bio/bio_addr.c:738:Servname not supported for ai_socktype\nconnect:errno=0\n`);
    return 1;
  }
  const alpn = (lastValue(options, 'alpn') ?? '').split(',').filter((a) => a !== '');
  const probe = ctx.host.probe(target.host, port, alpn);
  const refused = (reason: string, errno: number, code: string) =>
    `${tid}:error:${code}:system library:BIO_connect:${reason}:../crypto/bio/bio_sock2.c:125:calling connect()\n${tid}:error:10000067:BIO routines:BIO_connect:connect error:../crypto/bio/bio_sock2.c:127:\n`.repeat(target.host === 'localhost' ? 2 : 1) + `connect:errno=${errno}\n`;
  switch (probe.kind) {
    case 'unresolved':
      ctx.err(`${tid}:error:10080002:BIO routines:BIO_lookup_ex:system lib:../crypto/bio/bio_addr.c:738:Name or service not known\nconnect:errno=22\n`);
      return 1;
    case 'refused':
      ctx.err(refused('Connection refused', 111, '8000006F'));
      return 1;
    case 'timeout':
      ctx.err(refused('Connection timed out', 110, '8000006E'));
      return 1;
    default:
      break;
  }

  const brief = hasOption(options, 'brief');
  const quiet = brief || hasOption(options, 'quiet');
  const servername = hasOption(options, 'noservername') ? undefined : lastValue(options, 'servername') ?? (isDnsName(target.host) ? target.host : undefined);
  const clientHello = CLIENT_HELLO_BASE + (servername ? 9 + servername.length : 0) + (alpn.length ? 6 + alpn.reduce((n, a) => n + 1 + a.length, 0) : 0);
  if (!quiet) ctx.out('CONNECTED(00000003)\n');
  if (probe.kind !== 'mtls') {
    const failure: Record<typeof probe.kind, { err: string; read: number; written: number }> = {
      reset: { err: 'write:errno=104\n', read: 0, written: clientHello },
      closed: { err: `${tid}:error:0A000126:SSL routines:ssl3_read_n:unexpected eof while reading:../ssl/record/rec_layer_s3.c:316:\n`, read: 0, written: clientHello + 7 },
      plaintext: { err: `${tid}:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:354:\n`, read: 5, written: clientHello },
    };
    const f = failure[probe.kind];
    ctx.err(f.err);
    if (!quiet) ctx.out(noPeerSummary(f.read, f.written));
    return 1;
  }
  return handshake(ctx, probe, { servername, clientHello, trusted, brief, quiet, showcerts: hasOption(options, 'showcerts'), verifyQuiet: hasOption(options, 'verify_quiet') });
}

interface HandshakeOptions {
  servername: string | undefined;
  clientHello: number;
  trusted: Uint8Array[];
  brief: boolean;
  quiet: boolean;
  showcerts: boolean;
  verifyQuiet: boolean;
}

/** A TLS 1.3 handshake with a sidecar that asks for a client certificate and gets none. */
function handshake(ctx: OpensslContext, probe: Extract<TlsProbe, { kind: 'mtls' }>, opts: HandshakeOptions): number {
  const leaf = parseCertificate(probe.certificate.der);
  const root = parseCertificate(probe.certificate.root.der);
  if (!leaf || !root) return 1;
  const chain = [leaf, root];
  const rootTrusted = opts.trusted.some((der) => der.length === root.der.length && der.every((b, i) => b === root.der[i]));
  if (!opts.servername) ctx.err("Can't use SSL_get_servername\n");
  const verifyLines = opts.brief || opts.verifyQuiet;
  if (!rootTrusted) ctx.err(`depth=1 ${formatName(root.subject)}\nverify error:num=19:self-signed certificate in certificate chain\n${verifyLines ? '' : 'verify return:1\n'}`);
  if (!verifyLines) ctx.err(`depth=1 ${formatName(root.subject)}\nverify return:1\ndepth=0 ${formatName(leaf.subject)}\nverify return:1\n`);
  const verification = rootTrusted ? 'Verification: OK' : 'Verification error: self-signed certificate in certificate chain';
  const alert = `${ctx.host.threadId()}:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../ssl/record/rec_layer_s3.c:1593:SSL alert number 116\n`;
  if (opts.brief) {
    ctx.err(['CONNECTION ESTABLISHED', 'Protocol version: TLSv1.3', 'Ciphersuite: TLS_AES_256_GCM_SHA384', `Requested Signature Algorithms: ${REQUESTED_SIGALGS}`, `Peer certificate: ${formatName(leaf.subject)}`, 'Hash used: SHA256', 'Signature type: RSA-PSS', verification, 'Server Temp Key: X25519, 253 bits', ''].join('\n'));
    ctx.err(alert);
    return 1;
  }
  if (!opts.quiet) {
    let out = '---\nCertificate chain\n';
    chain.forEach((cert, i) => {
      out += `${String(i).padStart(2, ' ')} s:${formatName(cert.subject)}\n   i:${formatName(cert.issuer)}\n`;
      out += `   a:PKEY: rsaEncryption, ${cert.publicKey.rsa?.n.toString(2).length ?? 0} (bit); sigalg: RSA-SHA256\n`;
      out += `   v:NotBefore: ${formatTime(cert.notBefore.ms)}; NotAfter: ${formatTime(cert.notAfter.ms)}\n`;
      if (opts.showcerts) out += pemEncode('CERTIFICATE', cert.der);
    });
    out += '---\nServer certificate\n';
    if (!opts.showcerts) out += pemEncode('CERTIFICATE', leaf.der);
    out += `subject=${formatName(leaf.subject)}\nissuer=${formatName(leaf.issuer)}\n`;
    out += `---\nAcceptable client certificate CA names\n${formatName(root.subject)}\n`;
    out += `Requested Signature Algorithms: ${REQUESTED_SIGALGS}\nShared Requested Signature Algorithms: ${SHARED_SIGALGS}\n`;
    out += 'Peer signing digest: SHA256\nPeer signature type: RSA-PSS\nServer Temp Key: X25519, 253 bits\n';
    const read = serverFlightBytes(chain, root.subjectDer, probe.alpn);
    out += `---\nSSL handshake has read ${read} bytes and written ${opts.clientHello + CLIENT_SECOND_FLIGHT} bytes\n${verification}\n`;
    out += '---\nNew, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384\nServer public key is 2048 bit\nSecure Renegotiation IS NOT supported\nCompression: NONE\nExpansion: NONE\n';
    out += probe.alpn ? `ALPN protocol: ${probe.alpn}\n` : 'No ALPN negotiated\n';
    out += `Early data was not sent\nVerify return code: ${rootTrusted ? '0 (ok)' : '19 (self-signed certificate in certificate chain)'}\n---\n`;
    ctx.out(out);
  }
  ctx.err(alert);
  return 1;
}

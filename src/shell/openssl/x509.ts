import { TAG, bytesToHex, parseDer, readOid } from '../../domain/pki/der.ts';
import { type ParsedCertificate, type ParsedExtension, parseCertificate } from '../../domain/pki/parseCertificate.ts';
import { pemDecodeAll, pemEncode } from '../../domain/pki/pem.ts';
import { sha1, sha256 } from '../../domain/pki/sha.ts';
import { type CommandLine, hasOption, lastValue, readCommandLine } from './parseOptions.ts';
import { X509_HELP } from './helpText.ts';
import { certificateText, extensionsText, formatIsoTime, formatName, formatRfc2253Name, formatTime } from './printCertificate.ts';
import { shortName } from './oidNames.ts';
import type { OpensslContext } from './types.ts';

/*
 * `openssl x509` as OpenSSL 3.0's apps/x509.c reads and prints a certificate: the print options
 * run in the order they were given, `-ext` first drops every extension whose short name is not a
 * substring of its argument (so `-text -ext subjectAltName` shows that one alone), and unless
 * `-noout` the certificate follows as PEM. Options that create or sign certificates are not
 * simulated.
 */

/** Reading and printing are simulated; creating, signing and trust settings are not. */
const X509_LINE: CommandLine = {
  prog: 'x509',
  help: X509_HELP,
  maxArgs: 0,
  unknownAsDigest: true,
  simulated: new Set(['help', 'in', 'inform', 'out', 'outform', 'noout', 'nocert', 'text', 'subject', 'issuer', 'dates', 'startdate', 'enddate', 'serial', 'fingerprint', 'ext', 'pubkey', 'modulus', 'email', 'ocsp_uri', 'checkend', 'nameopt', 'dateopt']),
  note: (option) => `mtls-playground: openssl x509 -${option} is not simulated; reading and printing certificates is (-in, -text, -noout, -subject, -issuer, -dates, -serial, -fingerprint, -ext, -pubkey)\n`,
};

/** The digests `-fingerprint` can use here, by the names OpenSSL accepts. */
const DIGESTS: Record<string, (b: Uint8Array) => Uint8Array> = { sha1, SHA1: sha1, 'SHA-1': sha1, sha256, SHA256: sha256, 'SHA2-256': sha256, 'SHA-256': sha256 };
/** Digests OpenSSL has but this simulator does not compute. */
const OTHER_DIGESTS = /^(md5|sha224|sha384|sha512|sha512-224|sha512-256|sha3-\d+|shake\d+|blake2[bs]\d+|sm3|rmd160|ripemd160)$/i;

/** Where a certificate came from, as OpenSSL names it in errors. */
function sourceName(file: string | undefined): string {
  return file ?? '<stdin>';
}

type Loaded = { ok: true; cert: ParsedCertificate } | { ok: false; error: string };

/** load_cert: the first CERTIFICATE block of a PEM text. */
function loadCertificate(ctx: OpensslContext, file: string | undefined, inform: string | undefined): Loaded {
  const from = sourceName(file);
  let text = ctx.stdin;
  if (file !== undefined) {
    const content = ctx.fs.isDirectory(file) ? '' : ctx.fs.readFile(file);
    if (content === undefined) {
      const tid = ctx.host.threadId();
      return {
        ok: false,
        error: `Could not open file or uri for loading certificate from ${file}\n${tid}:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:237:scheme=file\n${tid}:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:267:calling stat(${file})\nUnable to load certificate\n`,
      };
    }
    text = content;
  }
  const unreadable = `Could not read certificate from ${from}\n`;
  if (inform !== undefined && /^d/i.test(inform)) {
    return { ok: false, error: `${unreadable}${ctx.host.threadId()}:error:1E08010C:DECODER routines:OSSL_DECODER_from_bio:unsupported:../crypto/encode_decode/decoder_lib.c:102:No supported data to decode.  Input type: DER, Input structure: Certificate\nUnable to load certificate\n` };
  }
  const block = pemDecodeAll(text, 16).find((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
  const cert = block && !block.malformed ? parseCertificate(block.der) : undefined;
  if (!cert) {
    const detail = block ? `${ctx.host.threadId()}:error:1608010C:STORE routines:ossl_store_handle_load_result:unsupported:../crypto/store/store_result.c:151:\n` : '';
    return { ok: false, error: `${unreadable}${detail}Unable to load certificate\n` };
  }
  return { ok: true, cert };
}

/** print_x509v3_exts: the extensions named exactly (comma-separated), without a title. */
function printNamedExtensions(ctx: OpensslContext, out: Output, exts: readonly ParsedExtension[], names: string): void {
  if (exts.length === 0) {
    ctx.err('No extensions in certificate\n');
    return;
  }
  const wanted = names.split(',').filter((n) => n !== '');
  if (wanted.length === 0) {
    out.write(`Invalid extension names: ${names}\n`);
    return;
  }
  out.write(extensionsText(exts.filter((e) => wanted.includes(shortName(e.oid))), 0));
}

/** The emails of the subject and the SubjectAltName (X509_get1_email), or the OCSP URIs (X509_get1_ocsp). */
function listedValues(cert: ParsedCertificate, which: 'email' | 'ocsp_uri'): string[] {
  const decoder = new TextDecoder();
  const extension = (oid: string) => parseDer(cert.extensions.find((e) => e.oid === oid)?.value ?? new Uint8Array(0));
  if (which === 'email') {
    const fromSubject = cert.subject.flat().filter((a) => a.oid === '1.2.840.113549.1.9.1').map((a) => decoder.decode(a.value));
    const fromSan = (extension('2.5.29.17')?.children ?? []).filter((n) => n.tag === 0x81).map((n) => decoder.decode(n.content));
    return [...new Set([...fromSubject, ...fromSan])];
  }
  return (extension('1.3.6.1.5.5.7.1.1')?.children ?? [])
    .filter((ad) => ad.children[0]?.tag === TAG.OID && readOid(ad.children[0].content) === '1.3.6.1.5.5.7.48.1' && ad.children[1]?.tag === 0x86)
    .map((ad) => decoder.decode(ad.children[1]?.content));
}

function printName(cert: ParsedCertificate, which: 'subject' | 'issuer', nameopt: string): string {
  const name = which === 'subject' ? cert.subject : cert.issuer;
  return `${which}=${nameopt.toLowerCase() === 'rfc2253' ? formatRfc2253Name(name) : formatName(name)}\n`;
}

/** The print options in command-line order (`-dates` counts as `-startdate -enddate`). */
function printSteps(options: readonly { name: string; value: string }[]): string[] {
  return options.flatMap((o) => (o.name === 'dates' ? ['startdate', 'enddate'] : ['text', 'subject', 'issuer', 'startdate', 'enddate', 'serial', 'fingerprint', 'ext', 'pubkey', 'modulus', 'email', 'ocsp_uri'].includes(o.name) ? [o.name] : []));
}

export function x509(ctx: OpensslContext): number {
  const line = readCommandLine(X509_LINE, ctx.args, ctx.err);
  if (typeof line === 'number') return line;
  const { options } = line;
  const nameopt = lastValue(options, 'nameopt') ?? 'oneline';
  if (!['oneline', 'rfc2253'].includes(nameopt.toLowerCase())) {
    ctx.err(/^(multiline|compat|ca_default|sep_\w+|esc_\w+|utf8|show_type|dump_\w+|space_eq|sname|lname|oid|align|dn_rev|nofname|RFC2253|oneline)$/i.test(nameopt) ? `mtls-playground: openssl -nameopt ${nameopt} is not simulated; oneline (the default) and RFC2253 are\n` : 'x509: Use -help for summary.\n');
    return 1;
  }
  const dateopt = lastValue(options, 'dateopt') ?? 'rfc_822';
  if (dateopt !== 'rfc_822' && dateopt !== 'iso_8601') {
    ctx.err(`Invalid date format: ${dateopt}\n`);
    return 1;
  }
  const outform = lastValue(options, 'outform');
  if (outform !== undefined && /^d/i.test(outform)) {
    ctx.err('mtls-playground: openssl x509 -outform DER is not simulated: the terminal shows text only; use PEM\n');
    return 1;
  }
  const file = lastValue(options, 'in');
  const loaded = loadCertificate(ctx, file, lastValue(options, 'inform'));
  if (!loaded.ok) {
    ctx.err(loaded.error);
    return 1;
  }
  let cert = loaded.cert;
  const extNames = lastValue(options, 'ext');
  if (extNames !== undefined) cert = { ...cert, extensions: cert.extensions.filter((e) => extNames.includes(shortName(e.oid))) };
  const digestName = lastValue(options, 'digest') ?? 'SHA1';
  const time = (ms: number) => (dateopt === 'iso_8601' ? formatIsoTime(ms) : formatTime(ms));
  const out = new Output(ctx, lastValue(options, 'out'));
  for (const step of printSteps(options)) {
    switch (step) {
      case 'subject':
      case 'issuer':
        out.write(printName(cert, step, nameopt));
        break;
      case 'serial':
        out.write(`serial=${serialHex(cert.serial)}\n`);
        break;
      case 'text':
        out.write(certificateText(cert, nameopt.toLowerCase() === 'rfc2253' ? formatRfc2253Name : formatName));
        break;
      case 'startdate':
        out.write(`notBefore=${time(cert.notBefore.ms)}\n`);
        break;
      case 'enddate':
        out.write(`notAfter=${time(cert.notAfter.ms)}\n`);
        break;
      case 'fingerprint': {
        const digest = DIGESTS[digestName];
        if (!digest) {
          out.close();
          if (OTHER_DIGESTS.test(digestName)) ctx.err(`mtls-playground: openssl fingerprints with ${digestName} are not simulated; use -sha1 (the default) or -sha256\n`);
          else ctx.err(`Unknown digest\n${ctx.host.threadId()}:error:0308010C:digital envelope routines:inner_evp_generic_fetch:unsupported:../crypto/evp/evp_fetch.c:373:Global default library context, Algorithm (${digestName} : 0), Properties (<null>)\n`);
          return 1;
        }
        out.write(`${digestName} Fingerprint=${[...digest(cert.der)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':')}\n`);
        break;
      }
      case 'ext':
        printNamedExtensions(ctx, out, cert.extensions, extNames ?? '');
        break;
      case 'pubkey':
        out.write(pemEncode('PUBLIC KEY', cert.spki));
        break;
      case 'modulus':
        out.write(`Modulus=${cert.publicKey.rsa ? cert.publicKey.rsa.n.toString(16).toUpperCase() : 'No modulus for this public key type'}\n`);
        break;
      case 'email':
      case 'ocsp_uri':
        out.write(listedValues(cert, step).map((v) => `${v}\n`).join(''));
        break;
    }
  }
  const checkend = lastValue(options, 'checkend');
  if (checkend !== undefined) {
    const expires = cert.notAfter.ms < ctx.host.now() + Number(checkend) * 1000;
    out.write(expires ? 'Certificate will expire\n' : 'Certificate will not expire\n');
    out.close();
    return expires ? 1 : 0;
  }
  if (!hasOption(options, 'noout') && !hasOption(options, 'nocert')) out.write(pemEncode('CERTIFICATE', cert.der));
  out.close();
  return 0;
}

/** The `out` BIO: stdout as the command prints, or the `-out` file (the shell's fs) when it ends. */
class Output {
  private buffer = '';
  constructor(
    private readonly ctx: OpensslContext,
    private readonly file: string | undefined,
  ) {}

  write(text: string): void {
    if (this.file === undefined) this.ctx.out(text);
    else this.buffer += text;
  }

  close(): void {
    if (this.file !== undefined) this.ctx.fs.writeFile(this.file, this.buffer);
  }
}

/** i2a_ASN1_INTEGER: uppercase hex of the magnitude, an even number of digits. */
function serialHex(content: Uint8Array): string {
  let start = 0;
  while (start < content.length - 1 && content[start] === 0) start++;
  const negative = ((content[0] ?? 0) & 0x80) !== 0;
  return `${negative ? '-' : ''}${bytesToHex(content.subarray(start)).toUpperCase()}`;
}

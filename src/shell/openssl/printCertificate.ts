import { TAG, bytesToHex, parseDer, readOid, type DerNode } from '../../domain/pki/der.ts';
import type { DistinguishedName, NameAttribute, ParsedCertificate, ParsedExtension } from '../../domain/pki/parseCertificate.ts';
import { NIST_CURVES, isKnownObject, longName, shortName } from './oidNames.ts';

/*
 * OpenSSL 3.0's text forms of a certificate, ported from crypto/x509/t_x509.c (X509_print_ex,
 * X509_signature_dump), crypto/x509/v3_prn.c (X509V3_extensions_print, X509V3_EXT_val_prn),
 * crypto/asn1/a_strex.c (X509_NAME_print_ex with the apps' default `oneline` name options),
 * crypto/asn1/a_time.c (ASN1_TIME_print) and the v3_*.c printers of the extensions mesh and web
 * certificates carry. Checked byte for byte against the system's openssl in openssl.test.ts.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** ASN1_TIME_print: `Nov  9 08:30:55 2026 GMT`. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

/** ASN1_TIME_print_ex with ASN1_DTFLGS_ISO8601: `2026-11-09 08:30:55Z`. */
export function formatIsoTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}Z`;
}

/** The bytes of a string attribute as UTF-8 (BMPString and UniversalString converted). */
function attributeBytes(attr: NameAttribute): Uint8Array {
  if (attr.tag !== TAG.BMP_STRING && attr.tag !== 0x1c) return attr.value;
  const width = attr.tag === TAG.BMP_STRING ? 2 : 4;
  let text = '';
  for (let i = 0; i + width <= attr.value.length; i += width) {
    let code = 0;
    for (let j = 0; j < width; j++) code = code * 256 + (attr.value[i + j] ?? 0);
    text += String.fromCodePoint(Math.min(code, 0x10ffff));
  }
  return new TextEncoder().encode(text);
}

/**
 * One value with the RFC 2253 escapes OpenSSL applies (control and non-ASCII bytes as `\XX`). With
 * `quote` (the `oneline` options, ESC_QUOTE) a value holding a separator, or starting with `#` or a
 * space, is put in quotes instead of having each such character escaped.
 */
function escapeValue(bytes: Uint8Array, quote: boolean): string {
  let out = '';
  let quoted = false;
  bytes.forEach((b, i) => {
    const ch = String.fromCharCode(b);
    const edge = ((i === 0 || i === bytes.length - 1) && ch === ' ') || (i === 0 && ch === '#');
    if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (',+<>;'.includes(ch) || edge) {
      if (quote) quoted = true;
      out += quote ? ch : `\\${ch}`;
    } else out += ch;
  });
  return quoted ? `"${out}"` : out;
}

/** A name formatter: how `-nameopt` prints a distinguished name. */
export type NameFormat = (name: DistinguishedName) => string;

/** X509_NAME_print_ex with `oneline`: `C = US, O = Example, CN = host`; multi-valued RDNs joined by ` + `. */
export function formatName(name: DistinguishedName): string {
  return name.map((rdn) => rdn.map((attr) => `${shortName(attr.oid)} = ${escapeValue(attributeBytes(attr), true)}`).join(' + ')).join(', ');
}

/** `-nameopt RFC2253`: the RDNs in reverse order, `CN=host,O=Example`, backslash escapes. */
export function formatRfc2253Name(name: DistinguishedName): string {
  return [...name].reverse().map((rdn) => rdn.map((attr) => `${shortName(attr.oid)}=${escapeValue(attributeBytes(attr), false)}`).join('+')).join(',');
}

/** `aa:bb:…` in lines of `perLine` bytes after `indent` spaces, each but the last ending in `:`. */
function hexDump(bytes: Uint8Array, indent: number, perLine: number): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (let i = 0; i < bytes.length; i += perLine) {
    const row = [...bytes.subarray(i, i + perLine)].map((b) => b.toString(16).padStart(2, '0')).join(':');
    out += `${pad}${row}${i + perLine < bytes.length ? ':' : ''}\n`;
  }
  return out;
}

/** `AA:BB:…` on one line (i2s_ASN1_OCTET_STRING). */
export function hexColonUpper(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':');
}

/** The magnitude bytes of an INTEGER's content, with the sign byte dropped, and whether it is negative. */
export function integerMagnitude(content: Uint8Array): { bytes: Uint8Array; negative: boolean } {
  const negative = ((content[0] ?? 0) & 0x80) !== 0;
  if (!negative) {
    let start = 0;
    while (start < content.length - 1 && content[start] === 0) start++;
    return { bytes: content.subarray(start), negative };
  }
  // Two's complement → magnitude.
  let value = 0n;
  for (const b of content) value = (value << 8n) | BigInt(b);
  value = (1n << BigInt(content.length * 8)) - value;
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return { bytes: Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)), negative };
}

/** `Serial Number: 12345 (0x3039)` when it fits a long, else the colon form on the next line. */
function serialText(serial: Uint8Array): string {
  const { bytes, negative } = integerMagnitude(serial);
  const value = BigInt(`0x${bytesToHex(bytes) || '0'}`);
  if (bytes.length <= 8 && value < 1n << 63n) {
    const sign = negative ? '-' : '';
    return `        Serial Number: ${sign}${value} (${sign}0x${value.toString(16)})\n`;
  }
  return `        Serial Number:\n            ${negative ? ' (Negative)' : ''}${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join(':')}\n`;
}

function publicKeyText(key: ParsedCertificate['publicKey']): string {
  let out = `            Public Key Algorithm: ${shortName(key.algorithm)}\n`;
  if (key.rsa) {
    const modulus = hexBytesOf(key.rsa.n);
    const bits = key.rsa.n.toString(2).length;
    out += `                Public-Key: (${bits} bit)\n                Modulus:\n${hexDump((modulus[0] ?? 0) & 0x80 ? Uint8Array.of(0, ...modulus) : modulus, 20, 15)}`;
    out += `                Exponent: ${key.rsa.e} (0x${key.rsa.e.toString(16)})\n`;
  } else if (key.algorithm === '1.2.840.10045.2.1' && key.curve && NIST_CURVES[key.curve]) {
    const bits = ({ 'P-256': 256, 'P-384': 384, 'P-521': 521 } as Record<string, number>)[NIST_CURVES[key.curve] ?? ''] ?? 0;
    out += `                Public-Key: (${bits} bit)\n                pub:\n${hexDump(key.bits, 20, 15)}                ASN1 OID: ${shortName(key.curve)}\n                NIST CURVE: ${NIST_CURVES[key.curve]}\n`;
  } else {
    out += '            Unable to load Public Key\n';
  }
  return out;
}

function hexBytesOf(n: bigint): Uint8Array {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

const KEY_USAGE_NAMES = ['Digital Signature', 'Non Repudiation', 'Key Encipherment', 'Data Encipherment', 'Key Agreement', 'Certificate Sign', 'CRL Sign', 'Encipher Only', 'Decipher Only'];

function ipText(bytes: Uint8Array): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16).toUpperCase());
    return groups.join(':');
  }
  return '<invalid>';
}

/** One GeneralName as i2v_GENERAL_NAME prints it. */
function generalName(node: DerNode): string {
  const text = () => new TextDecoder().decode(node.content);
  switch (node.tag) {
    case 0x81:
      return `email:${text()}`;
    case 0x82:
      return `DNS:${text()}`;
    case 0x86:
      return `URI:${text()}`;
    case 0x87:
      return `IP Address:${ipText(node.content)}`;
    case 0xa4: {
      const name = node.children[0];
      return `DirName:${name ? slashName(name) : ''}`;
    }
    case 0x88:
      return `Registered ID:${readOid(node.content) ?? ''}`;
    default:
      return 'othername:<unsupported>';
  }
}

/** X509_NAME_oneline: `/C=US/O=Example`. */
function slashName(node: DerNode): string {
  return node.children.map((set) => set.children.map((atv) => `/${shortName(readOid(atv.children[0]?.content ?? new Uint8Array(0)) ?? '')}=${new TextDecoder().decode(atv.children[1]?.content)}`).join('')).join('');
}

/**
 * The value lines of a known extension at `indent`, or undefined for one OpenSSL would dump as raw
 * bytes (unknown, or malformed).
 */
function extensionValue(ext: ParsedExtension, indent: number): string | undefined {
  const pad = ' '.repeat(indent);
  const node = parseDer(ext.value);
  if (!node) return undefined;
  switch (ext.oid) {
    case '2.5.29.15': {
      if (node.tag !== TAG.BIT_STRING) return undefined;
      const bits = node.content.subarray(1);
      const names = KEY_USAGE_NAMES.filter((_, i) => ((bits[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
      return `${pad}${names.join(', ')}`;
    }
    case '2.5.29.37':
      return node.tag === TAG.SEQUENCE ? `${pad}${node.children.map((c) => longName(readOid(c.content) ?? '')).join(', ')}` : undefined;
    case '2.5.29.19': {
      if (node.tag !== TAG.SEQUENCE) return undefined;
      const ca = node.children[0]?.tag === TAG.BOOLEAN && (node.children[0].content[0] ?? 0) !== 0;
      const pathLen = node.children.find((c) => c.tag === TAG.INTEGER);
      return `${pad}CA:${ca ? 'TRUE' : 'FALSE'}${pathLen ? `, pathlen:${BigInt(`0x${bytesToHex(pathLen.content) || '0'}`)}` : ''}`;
    }
    case '2.5.29.14':
      return node.tag === TAG.OCTET_STRING ? `${pad}${hexColonUpper(node.content)}` : undefined;
    case '2.5.29.35': {
      if (node.tag !== TAG.SEQUENCE) return undefined;
      const keyId = node.children.find((c) => c.tag === 0x80);
      const others = node.children.filter((c) => c.tag !== 0x80);
      if (!others.length) return keyId ? `${pad}${hexColonUpper(keyId.content)}` : '';
      const lines = [
        ...(keyId ? [`${pad}keyid:${hexColonUpper(keyId.content)}`] : []),
        ...others.map((c) => (c.tag === 0x82 ? `${pad}serial:${hexColonUpper(c.content)}` : `${pad}${c.children.map(generalName).join(', ')}`)),
      ];
      return lines.join('\n');
    }
    case '2.5.29.17':
    case '2.5.29.18':
      return node.tag === TAG.SEQUENCE ? `${pad}${node.children.map(generalName).join(', ')}` : undefined;
    case '1.3.6.1.5.5.7.1.1':
      return node.tag === TAG.SEQUENCE
        ? node.children.map((ad) => `${pad}${longName(readOid(ad.children[0]?.content ?? new Uint8Array(0)) ?? '')} - ${ad.children[1] ? generalName(ad.children[1]) : ''}`).join('\n')
        : undefined;
    case '2.5.29.32':
      return node.tag === TAG.SEQUENCE ? node.children.map((p) => `${pad}Policy: ${readOid(p.children[0]?.content ?? new Uint8Array(0)) ?? ''}`).join('\n') : undefined;
    case '2.5.29.31':
      return node.tag === TAG.SEQUENCE
        ? node.children
            .map((dp) => {
              const full = dp.children[0]?.children[0];
              return full?.tag === 0xa0 ? `${pad}Full Name:\n${full.children.map((g) => `${pad}  ${generalName(g)}`).join('\n')}` : '';
            })
            .join('\n')
        : undefined;
    default:
      return undefined;
  }
}

/** ASN1_STRING_print: the raw bytes, each unprintable one as `.`. */
function rawString(bytes: Uint8Array): string {
  return [...bytes].map((b) => (b > 0x7e || (b < 0x20 && b !== 0x0a && b !== 0x0d) ? '.' : String.fromCharCode(b))).join('');
}

/** X509V3_extensions_print: `<name>: [critical]`, then the value at indent + 4. */
export function extensionsText(exts: readonly ParsedExtension[], indent: number): string {
  const pad = ' '.repeat(indent);
  return exts
    .map((ext) => {
      const value = isKnownObject(ext.oid) ? extensionValue(ext, indent + 4) : undefined;
      return `${pad}${longName(ext.oid)}: ${ext.critical ? 'critical' : ''}\n${value ?? `${' '.repeat(indent + 4)}${rawString(ext.value)}`}\n`;
    })
    .join('');
}

/** X509_print_ex with the default flags: what `openssl x509 -text` prints. */
export function certificateText(cert: ParsedCertificate, nameFormat: NameFormat = formatName): string {
  let out = 'Certificate:\n    Data:\n';
  out += `        Version: ${cert.version + 1} (0x${cert.version.toString(16)})\n`;
  out += serialText(cert.serial);
  out += `        Signature Algorithm: ${longName(cert.signatureAlgorithm)}\n`;
  out += `        Issuer: ${nameFormat(cert.issuer)}\n`;
  out += `        Validity\n            Not Before: ${formatTime(cert.notBefore.ms)}\n            Not After : ${formatTime(cert.notAfter.ms)}\n`;
  out += `        Subject: ${nameFormat(cert.subject)}\n`;
  out += `        Subject Public Key Info:\n${publicKeyText(cert.publicKey)}`;
  if (cert.extensions.length) out += `        X509v3 extensions:\n${extensionsText(cert.extensions, 12)}`;
  out += `    Signature Algorithm: ${longName(cert.signatureAlgorithm)}\n    Signature Value:\n${hexDump(cert.signature, 8, 18)}`;
  return out;
}

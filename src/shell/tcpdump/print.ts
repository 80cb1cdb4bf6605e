import type { Packet } from './packets.ts';

/** How tcpdump was asked to print (tcpdump 4.99, print-tcp.c, print-ascii.c, print-sll.c). */
export interface PrintOptions {
  /** -i any: a LINUX_SLL2 capture, which names the interface and direction. */
  cooked: boolean;
  /** -n: numeric hosts; -nn: numeric ports too. */
  numericHosts: boolean;
  numericPorts: boolean;
  /** -A, -X, -x: the packet's bytes after its line. */
  dump: 'none' | 'ascii' | 'hexascii' | 'hex';
  /** -q: protocol and length only. */
  quiet: boolean;
  /** -v: the IP header's fields, and the TCP checksum. */
  verbose: boolean;
  /** -t: no time stamp; -tttt: the date too. */
  stamp: 'time' | 'none' | 'date';
  /** Host names for addresses (reverse DNS), when not -n. */
  hostName: (ip: string) => string | undefined;
}

/** Port names from netshoot's /etc/services, for ports shown without -nn. */
const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 8080: 'http-alt' };

/** tcpdump prints HTTP's first line on these ports (print-tcp.c: http, http-alt, rtsp). */
const HTTP_PORTS = new Set([80, 8080, 3128, 8000]);

function clock(us: number): string {
  const d = new Date(Math.floor(us / 1000));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(Math.floor(us % 1000000), 6)}`;
}

function endpoint(ip: string, port: number, o: PrintOptions): string {
  const host = o.numericHosts ? ip : (o.hostName(ip) ?? ip);
  const service = o.numericPorts ? undefined : SERVICES[port];
  return `${host}.${service ?? port}`;
}

const isGraph = (b: number) => b >= 0x21 && b <= 0x7e;

/** print-ascii.c ascii_print: graphic characters, spaces, tabs and newlines; a CR before LF vanishes. */
function asciiDump(bytes: Uint8Array): string {
  let out = '\n';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x0d) {
      if (bytes.length - i - 1 > 1 && bytes[i + 1] !== 0x0a) out += '.';
    } else if (isGraph(b) || b === 0x09 || b === 0x20 || b === 0x0a) out += String.fromCharCode(b);
    else out += '.';
  }
  return out;
}

/** print-ascii.c hex_and_ascii_print(_with_offset): `\n\t0x0000:  4500 0034 …  E..4…`. */
function hexDump(bytes: Uint8Array, withAscii: boolean): string {
  let out = '';
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const line = bytes.subarray(offset, offset + 16);
    let hex = '';
    for (let i = 0; i < line.length; i += 2) hex += ` ${(line[i] ?? 0).toString(16).padStart(2, '0')}${i + 1 < line.length ? (line[i + 1] ?? 0).toString(16).padStart(2, '0') : ''}`;
    const text = Array.from(line, (b) => (isGraph(b) ? String.fromCharCode(b) : '.')).join('');
    out += withAscii ? `\n\t0x${offset.toString(16).padStart(4, '0')}: ${hex.padEnd(40)}  ${text}` : `\n\t0x${offset.toString(16).padStart(4, '0')}: ${hex}`;
  }
  return out;
}

/** The first line of an HTTP message, as tcpdump's HTTP printer shows it after the TCP fields. */
function httpLabel(p: Packet): string {
  if (p.payload.length === 0 || (!HTTP_PORTS.has(p.sport) && !HTTP_PORTS.has(p.dport))) return '';
  const text = new TextDecoder().decode(p.payload.subarray(0, 200));
  const first = text.split('\r\n')[0] ?? '';
  return /^([A-Z]+ \S+ HTTP\/1\.[01]|HTTP\/1\.[01] \d{3}.*)$/.test(first) ? `: HTTP: ${first}` : '';
}

function stamp(us: number, o: PrintOptions): string {
  if (o.stamp === 'none') return '';
  if (o.stamp === 'date') return `${new Date(Math.floor(us / 1000)).toISOString().slice(0, 10)} ${clock(us)} `;
  return `${clock(us)} `;
}

/** print-ip.c with -v: `(tos 0x0, ttl 64, id …, offset 0, flags [DF], proto TCP (6), length …)`. */
function ipDetails(p: Packet): string {
  const d = p.datagram;
  const id = ((d[4] ?? 0) << 8) | (d[5] ?? 0);
  return `(tos 0x0, ttl 64, id ${id}, offset 0, flags [DF], proto TCP (6), length ${d.length})`;
}

/** One packet as tcpdump prints it, ending with a newline. */
export function formatPacket(p: Packet, o: PrintOptions): string {
  const link = o.cooked ? `${p.iface.padEnd(5)} ${p.direction.padEnd(3)} ` : '';
  const addresses = `${endpoint(p.src, p.sport, o)} > ${endpoint(p.dst, p.dport, o)}`;
  const tcpOffset = 20;
  const cksum = `0x${(((p.datagram[tcpOffset + 16] ?? 0) << 8) | (p.datagram[tcpOffset + 17] ?? 0)).toString(16).padStart(4, '0')}`;
  const line = o.quiet
    ? `${stamp(p.time, o)}${link}IP ${o.verbose ? `${ipDetails(p)}\n    ` : ''}${addresses}: tcp ${p.payload.length}`
    : o.verbose
      ? `${stamp(p.time, o)}${link}IP ${ipDetails(p)}\n    ${addresses}: Flags [${p.flags}], cksum ${cksum} (correct), ${p.fields}${httpLabel(p)}`
      : `${stamp(p.time, o)}${link}IP ${addresses}: Flags [${p.flags}], ${p.fields}${httpLabel(p)}`;
  const dump = o.dump === 'ascii' ? asciiDump(p.datagram) : o.dump === 'hexascii' ? hexDump(p.datagram, true) : o.dump === 'hex' ? hexDump(p.datagram, false) : '';
  return `${line}${dump}\n`;
}

/**
 * The packets of simulated connections, as a capture inside a pod would see them: TCP segments
 * with real IPv4/TCP headers, carrying plaintext HTTP, HTTP/2 frames or TLS 1.3 records
 * (a readable ClientHello — SNI and ALPN travel in clear — then encrypted records).
 */

/** One captured packet. */
export interface Packet {
  /** Microseconds since the epoch. */
  time: number;
  iface: 'eth0' | 'lo';
  /** Seen from the captured pod. */
  direction: 'In' | 'Out';
  src: string;
  sport: number;
  dst: string;
  dport: number;
  /** tcpdump's flag letters: `S`, `S.`, `.`, `P.`, `F.`, `R.`. */
  flags: string;
  /** What tcpdump prints after the flags: `seq 1:518, ack 1, win 502, options [...]`. */
  fields: string;
  payload: Uint8Array;
  /** The IP datagram (headers and payload) for -A and -X. */
  datagram: Uint8Array;
}

/** One side's bytes in a conversation. */
export interface Exchange {
  from: 'client' | 'server';
  bytes: Uint8Array;
  /** The server resets the connection instead (plaintext on a STRICT port). */
  reset?: boolean;
  /** Not before this time (µs): a response waits for the work behind it. */
  at?: number;
}

export interface ConnectionSpec {
  iface: 'eth0' | 'lo';
  client: { ip: string; port: number };
  server: { ip: string; port: number };
  /** Whether the captured pod is the client side (decides In and Out). */
  capturedIsClient: boolean;
  /** Start, in microseconds since the epoch. */
  start: number;
  exchanges: Exchange[];
  /** Seeds the sequence numbers and timestamps. */
  seed: string;
}

/** GKE's VPC MTU is 1460: 20 bytes of IP and 32 of TCP with timestamps leave 1408 per segment. */
const SEGMENT = 1408;
const MSS = 1420;

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Deterministic bytes standing for ciphertext: xorshift32 from a seed. */
export function pseudoRandomBytes(seed: string, length: number): Uint8Array {
  let x = fnv(seed) || 1;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const u16 = (n: number) => Uint8Array.of((n >> 8) & 0xff, n & 0xff);
const u24 = (n: number) => Uint8Array.of((n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);

function record(type: number, body: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(type, 0x03, type === 0x16 ? 0x01 : 0x03), u16(body.length), body]);
}

/** A TLS 1.3 ClientHello as Envoy sends it: its SNI and ALPN in clear, a fresh key share. */
export function tlsClientHello(seed: string, sni: string, alpn: readonly string[]): Uint8Array {
  const name = ascii(sni);
  const sniExt = concat([u16(0x0000), u16(name.length + 5), u16(name.length + 3), Uint8Array.of(0), u16(name.length), name]);
  const protocols = concat(alpn.map((p) => concat([Uint8Array.of(p.length), ascii(p)])));
  const alpnExt = concat([u16(0x0010), u16(protocols.length + 2), u16(protocols.length), protocols]);
  const versions = concat([u16(0x002b), u16(5), Uint8Array.of(4), u16(0x0304), u16(0x0303)]);
  const groups = concat([u16(0x000a), u16(8), u16(6), u16(0x001d), u16(0x0017), u16(0x0018)]);
  const keyShare = concat([u16(0x0033), u16(38), u16(36), u16(0x001d), u16(32), pseudoRandomBytes(`${seed}/ks`, 32)]);
  const sigalgs = concat([u16(0x000d), u16(18), u16(16), ...[0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601].map(u16)]);
  const extensions = concat([sniExt, alpnExt, versions, groups, keyShare, sigalgs]);
  const ciphers = concat([u16(8), u16(0x1301), u16(0x1302), u16(0x1303), u16(0xc02b)]);
  const hello = concat([u16(0x0303), pseudoRandomBytes(`${seed}/random`, 32), Uint8Array.of(32), pseudoRandomBytes(`${seed}/session`, 32), ciphers, Uint8Array.of(1, 0), u16(extensions.length), extensions]);
  return record(0x16, concat([Uint8Array.of(0x01), u24(hello.length), hello]));
}

/** ServerHello in clear, then ChangeCipherSpec and the encrypted rest of the server's flight. */
export function tlsServerFlight(seed: string, encryptedLength: number): Uint8Array {
  const hello = concat([u16(0x0303), pseudoRandomBytes(`${seed}/srandom`, 32), Uint8Array.of(32), pseudoRandomBytes(`${seed}/session`, 32), u16(0x1301), Uint8Array.of(0), u16(46), u16(0x002b), u16(2), u16(0x0304), u16(0x0033), u16(36), u16(0x001d), u16(32), pseudoRandomBytes(`${seed}/sks`, 32)]);
  return concat([record(0x16, concat([Uint8Array.of(0x02), u24(hello.length), hello])), record(0x14, Uint8Array.of(1)), tlsApplicationData(`${seed}/sflight`, encryptedLength)]);
}

/** Encrypted records (TLS 1.3 hides everything as application data). */
export function tlsApplicationData(seed: string, length: number): Uint8Array {
  const records: Uint8Array[] = [];
  let left = length;
  let n = 0;
  while (left > 0) {
    const size = Math.min(left, 16401);
    records.push(record(0x17, pseudoRandomBytes(`${seed}/${n++}`, size)));
    left -= size;
  }
  return concat(records);
}

function ipToBytes(ip: string): number[] {
  return ip.split('.').map((p) => Number(p) & 0xff);
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += ((bytes[i] ?? 0) << 8) + (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

const FLAG_BITS: Record<string, number> = { S: 0x02, 'S.': 0x12, '.': 0x10, 'P.': 0x18, 'F.': 0x11, 'R.': 0x14 };

function datagram(p: Omit<Packet, 'datagram' | 'fields' | 'time' | 'iface' | 'direction'>, seq: number, ack: number, win: number, id: number, tsval: number, tsecr: number, syn: boolean): Uint8Array {
  const options = syn
    ? concat([Uint8Array.of(2, 4), u16(MSS), Uint8Array.of(4, 2, 8, 10), u32(tsval), u32(tsecr), Uint8Array.of(1, 3, 3, 7)])
    : p.flags === 'R.' ? new Uint8Array(0) : concat([Uint8Array.of(1, 1, 8, 10), u32(tsval), u32(tsecr)]);
  const tcpLength = 20 + options.length;
  const tcp = concat([u16(p.sport), u16(p.dport), u32(seq), u32(ack), Uint8Array.of((tcpLength / 4) << 4, FLAG_BITS[p.flags] ?? 0x10), u16(win), u16(0), u16(0), options, p.payload]);
  // The TCP checksum covers a pseudo header: addresses, protocol and length.
  const tcpSum = checksum(concat([Uint8Array.from(ipToBytes(p.src)), Uint8Array.from(ipToBytes(p.dst)), Uint8Array.of(0, 6), u16(tcp.length), tcp]));
  tcp[16] = tcpSum >> 8;
  tcp[17] = tcpSum & 0xff;
  const total = 20 + tcp.length;
  const ip = concat([Uint8Array.of(0x45, 0), u16(total), u16(id), Uint8Array.of(0x40, 0, 64, 6), u16(0), Uint8Array.from(ipToBytes(p.src)), Uint8Array.from(ipToBytes(p.dst))]);
  const sum = checksum(ip);
  ip[10] = sum >> 8;
  ip[11] = sum & 0xff;
  return concat([ip, tcp]);
}

function u32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/**
 * A connection from SYN to the last byte: the three-way handshake, each side's bytes in segments
 * of at most 1408 bytes (the last one pushed), and the other side's acknowledgements. Sequence
 * numbers print absolute on the SYNs and relative after, as tcpdump prints them.
 */
export function connectionPackets(spec: ConnectionSpec): Packet[] {
  const out: Packet[] = [];
  const h = fnv(spec.seed);
  const isn = { client: (h * 2654435761) >>> 0, server: fnv(`${spec.seed}/s`) };
  const next = { client: 1, server: 1 };
  const ts = { client: (h >>> 3) % 3000000000, server: fnv(`${spec.seed}/ts`) % 3000000000 };
  let lastTs = { client: 0, server: 0 };
  let ipId = h & 0xffff;
  let time = spec.start;
  const win = { client: 502, server: 501 };
  const emit = (from: 'client' | 'server', flags: string, payload: Uint8Array, fields: string, seqAbs: number, ackAbs: number, winRaw: number, syn: boolean): void => {
    const a = from === 'client' ? spec.client : spec.server;
    const b = from === 'client' ? spec.server : spec.client;
    const other = from === 'client' ? 'server' : 'client';
    const tsval = ts[from] + Math.floor((time - spec.start) / 1000);
    lastTs = { ...lastTs, [from]: tsval };
    const base = { src: a.ip, sport: a.port, dst: b.ip, dport: b.port, flags, payload };
    const tsecr = syn && from === 'client' ? 0 : lastTs[other];
    const opts = syn ? `, options [mss ${MSS},sackOK,TS val ${tsval} ecr ${tsecr},nop,wscale 7]` : flags === 'R.' ? '' : `, options [nop,nop,TS val ${tsval} ecr ${tsecr}]`;
    out.push({
      ...base,
      time,
      iface: spec.iface,
      direction: (from === 'client') === spec.capturedIsClient ? 'Out' : 'In',
      fields: `${fields}, win ${winRaw}${opts}, length ${payload.length}`,
      datagram: datagram(base, seqAbs, ackAbs, winRaw, ipId++ & 0xffff, tsval, tsecr, syn),
    });
    time += 40 + (fnv(`${spec.seed}/${out.length}`) % 160);
  };
  emit('client', 'S', new Uint8Array(0), `seq ${isn.client}`, isn.client, 0, 65320, true);
  emit('server', 'S.', new Uint8Array(0), `seq ${isn.server}, ack ${(isn.client + 1) >>> 0}`, isn.server, isn.client + 1, 65160, true);
  emit('client', '.', new Uint8Array(0), 'ack 1', isn.client + 1, isn.server + 1, win.client, false);
  for (const x of spec.exchanges) {
    if (x.at !== undefined) time = Math.max(time, x.at);
    const from = x.from;
    const to = from === 'client' ? 'server' : 'client';
    if (x.reset) {
      emit(from, 'R.', new Uint8Array(0), `seq ${next[from]}, ack ${next[to]}`, isn[from] + next[from], isn[to] + next[to], 0, false);
      return out;
    }
    for (let at = 0; at < x.bytes.length; at += SEGMENT) {
      const chunk = x.bytes.subarray(at, Math.min(x.bytes.length, at + SEGMENT));
      const last = at + SEGMENT >= x.bytes.length;
      const start = next[from];
      next[from] += chunk.length;
      emit(from, last ? 'P.' : '.', chunk, `seq ${start}:${next[from]}, ack ${next[to]}`, isn[from] + start, isn[to] + next[to], win[from], false);
    }
    emit(to, '.', new Uint8Array(0), `ack ${next[from]}`, isn[to] + next[to], isn[from] + next[from], win[to], false);
    time += 300 + (fnv(`${spec.seed}/gap/${out.length}`) % 900);
  }
  return out;
}

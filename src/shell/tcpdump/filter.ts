import type { Packet } from './packets.ts';

/**
 * A subset of pcap-filter(7): `[tcp|udp|ip] [src|dst] host ADDR`, `[src|dst] port N`,
 * `portrange A-B`, `tcp`, `udp`, `ip`, combined with and/&&, or/||, not/! and parentheses; a bare
 * id repeats the previous qualifiers (`port 80 or 8080`).
 */
export type PacketFilter = (p: Packet) => boolean;

export type FilterResult = { ok: true; filter: PacketFilter } | { ok: false; error: string };

interface Qualifiers {
  proto?: 'tcp' | 'udp' | 'ip';
  dir?: 'src' | 'dst';
  type?: 'host' | 'port' | 'portrange';
}

const PORT_NAMES: Record<string, number> = { http: 80, https: 443, 'http-alt': 8080, domain: 53, ssh: 22 };

class ParseError extends Error {}

/** `resolve` turns a host name into an IPv4 address, or undefined when it does not resolve. */
export function parseFilter(words: readonly string[], resolve: (name: string) => string | undefined): FilterResult {
  // tcpdump joins its arguments with spaces, then libpcap tokenizes the string.
  const tokens = words.join(' ').match(/\(|\)|&&|\|\||!|[^\s()!&|]+/g) ?? [];
  if (tokens.length === 0) return { ok: true, filter: () => true };
  let i = 0;
  let last: Qualifiers = {};
  const peek = () => tokens[i];
  const take = () => tokens[i++];

  const primitive = (): PacketFilter => {
    const q: Qualifiers = {};
    let t = peek();
    if (t === 'tcp' || t === 'udp' || t === 'ip') {
      q.proto = t;
      take();
      t = peek();
      if (t === undefined || t === 'and' || t === 'or' || t === '&&' || t === '||' || t === ')') {
        last = q;
        return q.proto === 'udp' ? () => false : () => true;
      }
    }
    if (t === 'src' || t === 'dst') {
      q.dir = t;
      take();
      t = peek();
    }
    if (t === 'host' || t === 'port' || t === 'portrange') {
      q.type = t;
      take();
    } else if (q.proto === undefined && q.dir === undefined) {
      // A bare id: the qualifiers of the previous primitive.
      if (!last.type) throw new ParseError('syntax error');
      Object.assign(q, last);
    } else if (q.dir !== undefined) {
      q.type = 'host';
    }
    const id = take();
    if (id === undefined || ['and', 'or', 'not', '&&', '||', '!', '(', ')'].includes(id)) throw new ParseError('syntax error');
    last = q;
    const udp = q.proto === 'udp';
    if (q.type === 'host') {
      const ip = /^\d{1,3}(\.\d{1,3}){3}$/.test(id) ? id : resolve(id);
      if (!ip) throw new ParseError(`unknown host '${id}'`);
      return (p) => !udp && (q.dir === 'src' ? p.src === ip : q.dir === 'dst' ? p.dst === ip : p.src === ip || p.dst === ip);
    }
    let lo: number;
    let hi: number;
    if (q.type === 'portrange') {
      const m = /^(\d+)-(\d+)$/.exec(id);
      if (!m) throw new ParseError(`illegal port number ${id}`);
      lo = Number(m[1]);
      hi = Number(m[2]);
    } else {
      const n = /^\d+$/.test(id) ? Number(id) : PORT_NAMES[id];
      if (n === undefined) throw new ParseError(`unknown port '${id}'`);
      if (n > 65535) throw new ParseError(`illegal port number ${n} > 65535`);
      lo = hi = n;
    }
    const inRange = (port: number) => port >= lo && port <= hi;
    return (p) => !udp && (q.dir === 'src' ? inRange(p.sport) : q.dir === 'dst' ? inRange(p.dport) : inRange(p.sport) || inRange(p.dport));
  };

  const factor = (): PacketFilter => {
    const t = peek();
    if (t === 'not' || t === '!') {
      take();
      const inner = factor();
      return (p) => !inner(p);
    }
    if (t === '(') {
      take();
      const inner = expression();
      if (take() !== ')') throw new ParseError('syntax error');
      return inner;
    }
    return primitive();
  };

  const term = (): PacketFilter => {
    let left = factor();
    while (peek() === 'and' || peek() === '&&') {
      take();
      const a = left;
      const b = factor();
      left = (p) => a(p) && b(p);
    }
    return left;
  };

  const expression = (): PacketFilter => {
    let left = term();
    while (peek() === 'or' || peek() === '||') {
      take();
      const a = left;
      const b = term();
      left = (p) => a(p) || b(p);
    }
    return left;
  };

  try {
    const filter = expression();
    if (i < tokens.length) throw new ParseError('syntax error');
    return { ok: true, filter };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: `can't parse filter expression: ${e.message}` };
    throw e;
  }
}

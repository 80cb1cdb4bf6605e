/**
 * IP addresses and CIDR prefixes as Go's net/netip parses them (`ParseAddr`, `ParsePrefix`), which
 * istiod uses for `ipBlocks`, `remoteIpBlocks`, `source.ip`, `remote.ip` and `destination.ip`
 * (istio pilot/pkg/networking/util AddrStrToPrefix; pkg/config/security ValidateIPs).
 */

/** An address as a number, with its family's width. */
export interface IpAddress {
  bits: 32 | 128;
  value: bigint;
}

/** A prefix: the address and how many leading bits must match. */
export interface IpPrefix extends IpAddress {
  length: number;
}

/** netip.ParseAddr: dotted IPv4 without leading zeros, or IPv6 (`::` compression, optional embedded IPv4). */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (text.includes(':')) return parseIpv6(text);
  const v4 = parseIpv4(text);
  return v4 === undefined ? undefined : { bits: 32, value: v4 };
}

/**
 * AddrStrToPrefix: a CIDR (`10.0.0.0/16`, host bits allowed, as ParsePrefix allows them) or a single
 * address, which stands for itself (/32 or /128).
 */
export function parseIpPrefix(text: string): IpPrefix | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) {
    const addr = parseIpAddress(text);
    return addr && { ...addr, length: addr.bits };
  }
  const addr = parseIpAddress(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (!addr || !/^(0|[1-9]\d{0,2})$/.test(lengthText)) return undefined;
  const length = Number(lengthText);
  return length <= addr.bits ? { ...addr, length } : undefined;
}

/** Envoy's CidrRange match: same family, and the first `length` bits agree. */
export function prefixContains(prefix: IpPrefix, address: IpAddress): boolean {
  if (prefix.bits !== address.bits) return false;
  const shift = BigInt(prefix.bits - prefix.length);
  return prefix.value >> shift === address.value >> shift;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): IpAddress | undefined {
  const zone = text.indexOf('%');
  const body = zone >= 0 ? text.slice(0, zone) : text;
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): bigint[] | undefined => {
    if (half === '') return [];
    const out: bigint[] = [];
    const pieces = half.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] ?? '';
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) out.push(BigInt(`0x${piece}`));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const g of [...head, ...Array<bigint>(missing).fill(0n), ...tail]) value = (value << 16n) | g;
  return { bits: 128, value };
}

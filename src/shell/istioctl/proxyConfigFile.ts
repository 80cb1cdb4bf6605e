import type { ClusterStatus } from '../../domain/envoy/clusterStatuses.ts';
import type { ProtoObject } from '../../domain/envoy/protoJson.ts';
import type { EnvoySecret, SecretCertificate } from '../../domain/envoy/secrets.ts';
import { TAG, bytesToBigInt, parseDer } from '../../domain/pki/der.ts';
import { parseCertificate } from '../../domain/pki/parseCertificate.ts';
import { base64Decode, pemDecodeAll } from '../../domain/pki/pem.ts';
import type { ProxyDump } from './proxyConfigWriters.ts';

/**
 * `--file`: a config dump saved from Envoy's admin API (`curl localhost:15000/config_dump >
 * envoy-config.json`), read back as istioctl's configdump.Wrapper does, or a `/clusters?format=json`
 * answer for `endpoint --file`.
 */

const obj = (v: unknown): ProtoObject | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as ProtoObject) : undefined);
const list = (v: unknown): ProtoObject[] => (Array.isArray(v) ? v.map(obj).filter((x): x is ProtoObject => x !== undefined) : []);

/** Drops the `@type` an Any carries, leaving the message. */
function unpack(value: unknown): ProtoObject | undefined {
  const o = obj(value);
  if (!o) return undefined;
  const { '@type': _type, ...rest } = o;
  void _type;
  return rest;
}

/** The messages inside a list of dump entries (each entry's Any, unpacked). */
function inner(entries: ProtoObject[], pick: (entry: ProtoObject) => unknown): ProtoObject[] {
  return entries.map((e) => unpack(pick(e))).filter((m): m is ProtoObject => m !== undefined);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: 'error unmarshalling config dump response from Envoy: unexpected end of JSON input' };
  }
}

/** The fields istioctl's secret writer reads from a PEM certificate (sds/util.go secretMetaFromCert). */
function certificateOf(pem: string): SecretCertificate | undefined {
  const der = pemDecodeAll(pem)[0]?.der;
  const cert = der && der.length > 0 ? parseCertificate(der) : undefined;
  if (!cert) return undefined;
  let ca = false;
  let spiffeId: string | undefined;
  for (const ext of cert.extensions) {
    const node = parseDer(ext.value);
    if (ext.oid === '2.5.29.19') ca = node?.children[0]?.tag === TAG.BOOLEAN && (node.children[0].content[0] ?? 0) !== 0;
    if (ext.oid === '2.5.29.17') {
      const uri = node?.children.find((c) => c.tag === 0x86);
      if (uri) spiffeId = new TextDecoder().decode(uri.content);
    }
  }
  return { serialHex: bytesToBigInt(cert.serial).toString(16), notBefore: cert.notBefore.ms, notAfter: cert.notAfter.ms, ca, ...(spiffeId?.startsWith('spiffe://') ? { spiffeId } : {}) };
}

function secretsOf(dump: ProtoObject | undefined): EnvoySecret[] {
  return list(dump?.dynamic_active_secrets).flatMap((entry): EnvoySecret[] => {
    const secret = obj(entry.secret) ?? {};
    const chain = obj(obj(obj(secret.tls_certificate)?.certificate_chain))?.inline_bytes;
    const trusted = obj(obj(obj(secret.validation_context)?.trusted_ca))?.inline_bytes;
    const inline = typeof chain === 'string' ? chain : typeof trusted === 'string' ? trusted : undefined;
    const bytes = inline ? base64Decode(inline) : undefined;
    const pem = bytes ? new TextDecoder().decode(bytes) : '';
    const certificate = certificateOf(pem);
    const name = entry.name === 'ROOTCA' ? 'ROOTCA' : 'default';
    return certificate ? [{ name, updatedAt: 0, pem, certificate, secret }] : [];
  });
}

/** configdump.Wrapper over a saved `/config_dump`: each kind of resource, as the writers read them. */
export function readConfigDump(text: string): { ok: true; dump: ProxyDump } | { ok: false; error: string } {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const configs = list(obj(parsed.value)?.configs);
  const byType = (type: string) => configs.find((c) => String(c['@type']).endsWith(`envoy.admin.v3.${type}`));
  const clusters = byType('ClustersConfigDump');
  const listeners = byType('ListenersConfigDump');
  const routes = byType('RoutesConfigDump');
  return {
    ok: true,
    dump: {
      bootstrap: obj(byType('BootstrapConfigDump')?.bootstrap) ?? {},
      clusters: inner(list(clusters?.dynamic_active_clusters), (c) => c.cluster),
      staticClusters: inner(list(clusters?.static_clusters), (c) => c.cluster),
      listeners: inner(list(listeners?.dynamic_listeners), (l) => obj(l.active_state)?.listener),
      staticListeners: inner(list(listeners?.static_listeners), (l) => l.listener),
      routes: inner(list(routes?.dynamic_route_configs), (r) => r.route_config),
      inlineRoutes: inner(list(routes?.static_route_configs), (r) => r.route_config),
      secrets: secretsOf(byType('SecretsConfigDump')),
    },
  };
}

/** The EDS dump of a saved config dump, for `all --file`'s endpoint section. */
export function readEndpointAssignments(text: string): ProtoObject[] {
  const parsed = parseJson(text);
  if (!parsed.ok) return [];
  const eds = list(obj(parsed.value)?.configs).find((c) => String(c['@type']).endsWith('EndpointsConfigDump'));
  return inner([...list(eds?.static_endpoint_configs), ...list(eds?.dynamic_endpoint_configs)], (e) => e.endpoint_config);
}

/** clusters.Wrapper over a saved `/clusters?format=json`. */
export function readClusterStatuses(text: string): { ok: true; statuses: ClusterStatus[] } | { ok: false; error: string } {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const statuses = list(obj(parsed.value)?.cluster_statuses).map((c): ClusterStatus => ({
    name: String(c.name ?? ''),
    addedViaApi: c.added_via_api === true,
    hosts: list(c.host_statuses).map((h) => {
      const socket = obj(obj(h.address)?.socket_address);
      const pipe = obj(obj(h.address)?.pipe);
      const stats: Record<string, number> = {};
      for (const s of list(h.stats)) stats[String(s.name)] = Number(s.value ?? 0);
      if (pipe) return { address: String(pipe.path ?? ''), pipe: String(pipe.path ?? ''), stats };
      const ip = String(socket?.address ?? '');
      const port = typeof socket?.port_value === 'number' ? socket.port_value : 0;
      return { address: `${ip}:${port}`, ip, port, stats };
    }),
    unlimited: false,
  }));
  return { ok: true, statuses };
}

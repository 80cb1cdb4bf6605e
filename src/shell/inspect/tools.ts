import { configDump } from '../../domain/envoy/configDump.ts';
import { envoyConfig } from '../../domain/envoy/envoyConfig.ts';
import { envoyJson } from '../../domain/envoy/protoJson.ts';
import type { KubeObject } from '../../domain/objects.ts';
import type { World } from '../../domain/world.ts';
import { containerTools, localAdminTrace } from '../envoyAdmin/containerTools.ts';
import { proxyConfigCommand } from '../istioctl/proxyConfig.ts';
import { createOpenssl, opensslVersionFor, podClient, UBUNTU_OPENSSL } from '../openssl/openssl.ts';

/**
 * The operator's inspection tools: `istioctl proxy-config`, Envoy's admin API and `pilot-agent`,
 * `tcpdump`, `openssl` (with the Envoy configuration they read). Loaded after the engine in the
 * browser, up front in Node (see inspect/lazyInspect.ts).
 */
/** A proxy's `/config_dump` as the JSON istioctl receives (what `istioctl x authz check POD` reads). */
function podConfigDump(world: World, pod: KubeObject): unknown {
  const config = envoyConfig(world, pod);
  return config ? JSON.parse(envoyJson(configDump(config).body as Parameters<typeof envoyJson>[0])) : undefined;
}

export const inspectTools = { containerTools, localAdminTrace, proxyConfigCommand, createOpenssl, opensslVersionFor, podClient, UBUNTU_OPENSSL, podConfigDump };

export type InspectTools = typeof inspectTools;

import { containerTools, localAdminTrace } from '../envoyAdmin/containerTools.ts';
import { proxyConfigCommand } from '../istioctl/proxyConfig.ts';
import { createOpenssl, opensslVersionFor, podClient, UBUNTU_OPENSSL } from '../openssl/openssl.ts';

/**
 * The operator's inspection tools: `istioctl proxy-config`, Envoy's admin API and `pilot-agent`,
 * `tcpdump`, `openssl` (with the Envoy configuration they read). Loaded after the engine in the
 * browser, up front in Node (see inspect/lazyInspect.ts).
 */
export const inspectTools = { containerTools, localAdminTrace, proxyConfigCommand, createOpenssl, opensslVersionFor, podClient, UBUNTU_OPENSSL };

export type InspectTools = typeof inspectTools;

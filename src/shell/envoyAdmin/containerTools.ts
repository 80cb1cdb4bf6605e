import { podIP } from '../../domain/cluster/pods.ts';
import { imageBinaries } from '../../domain/cluster/images.ts';
import type { KubeObject } from '../../domain/objects.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import type { CurlRequest } from '../curl/curl.ts';
import type { ContainerProcess } from '../kubectl/runInContainer.ts';
import type { VerbContext } from '../kubectl/types.ts';
import { createTcpdump } from '../tcpdump/tcpdump.ts';
import type { CommandHandler } from '../types.ts';
import { localEndpoint } from './adminResponse.ts';
import { createPilotAgent } from './pilotAgent.ts';

/** The local ports a pod with an Envoy answers on besides its applications. */
const PROXY_PORTS = new Set([15000, 15020, 15021, 15090]);

/**
 * A request a pod's own process makes to its Envoy or pilot-agent (`curl localhost:15000/stats`):
 * answered here without crossing the network, as a trace with no hops. Undefined for any other
 * request, which the traffic engine then simulates.
 */
export function localAdminTrace(world: World, pod: KubeObject, req: CurlRequest): Trace | undefined {
  const m = /^(?:http:\/\/)?(localhost|127\.0\.0\.1|\d+\.\d+\.\d+\.\d+):(\d+)(\/[^#]*)?$/i.exec(req.url.trim());
  if (!m) return undefined;
  const host = (m[1] ?? '').toLowerCase();
  const port = Number(m[2]);
  const loopback = host === 'localhost' || host === '127.0.0.1';
  if (!PROXY_PORTS.has(port) || (!loopback && host !== podIP(pod))) return undefined;
  const response = localEndpoint(world, pod, port, req.method, m[3] ?? '/', loopback);
  if (!response) return undefined;
  const date = new Date(world.clock.now()).toUTCString();
  return {
    from: `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`,
    url: req.url,
    method: req.method,
    httpCode: response.status,
    curlExit: 0,
    hops: [],
    body: req.method === 'HEAD' ? '' : response.body,
    responseHeaders: response.headers.map(([k, v]) => [k, k === 'date' ? date : v]),
    page: 'plain',
    origin: 'command',
    accessLogs: [],
  };
}

/** The tools a container's image ships beyond the shell: pilot-agent in the proxy, tcpdump in netshoot. */
export function containerTools(ctx: VerbContext, proc: ContainerProcess): Record<string, CommandHandler> {
  const binaries = imageBinaries(proc.image);
  const tools: Record<string, CommandHandler> = {};
  if (binaries.has('pilot-agent')) tools['pilot-agent'] = createPilotAgent(ctx.world, proc.pod);
  if (binaries.has('tcpdump')) tools.tcpdump = createTcpdump(ctx, proc);
  return tools;
}

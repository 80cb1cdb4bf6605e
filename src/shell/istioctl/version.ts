import { formatYaml } from '../kubectl/format/index.ts';
import { podPhase } from '../../domain/cluster/pods.ts';
import { ISTIOCTL_VERSION, connectionRefused, istiodPods, istiodVersion, meshProxies, proxyVersion } from './meshInfo.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

const ISTIOD_PODS_URL = '/api/v1/namespaces/istio-system/pods?fieldSelector=status.phase%3DRunning&labelSelector=app%3Distiod';

/** renderProxyVersions: `1.26.4-asm.5 (12 proxies)`, versions sorted, joined with `, `. */
function renderProxyVersions(versions: string[]): string {
  const counts = new Map<string, number>();
  for (const v of versions) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.keys()].sort().map((v) => `${v} (${counts.get(v) ?? 0} proxies)`).join(', ');
}

/**
 * `istioctl version`: short and remote are forced on (istioctl/pkg/version NewVersionCommand).
 * A control-plane lookup failure is printed to stderr and only the client version follows, exit 0
 * (getRemoteInfoWrapper returns nil "so that the client version is printed").
 */
function version(ctx: IstioctlContext): number | CommandError {
  const output = ctx.flag<string>('output') ?? '';
  if (output !== '' && output !== 'yaml' && output !== 'json') return { message: "--output must be 'yaml' or 'json'", exitCode: 1 };
  if (ctx.flag<boolean>('remote') === false) {
    ctx.out(`${ISTIOCTL_VERSION}\n`);
    return 0;
  }
  const world = ctx.world;
  let control: string[] | undefined;
  if (!world.credentials) {
    ctx.err(`unable to retrieve Pods: ${connectionRefused(ISTIOD_PODS_URL.replace('istio-system', ctx.istioNamespace))}\n`);
  } else {
    const istiods = istiodPods(world, ctx.istioNamespace).filter((p) => podPhase(p) === 'Running');
    if (istiods.length === 0) ctx.err(`no ready Istio pods in ${JSON.stringify(ctx.istioNamespace)}\n`);
    else control = istiods.map(istiodVersion);
  }
  const proxies = world.credentials ? meshProxies(world).map(proxyVersion) : undefined;
  if (output === 'json' || output === 'yaml') {
    const doc = {
      clientVersion: { version: ISTIOCTL_VERSION, status: 'Clean', tag: ISTIOCTL_VERSION },
      ...(control ? { meshVersion: control.map((v) => ({ Component: 'pilot', Revision: 'default', Info: { version: v } })) } : {}),
      ...(proxies ? { dataPlaneVersion: meshProxies(world).map((p) => ({ ID: `${p.metadata.name}.${p.metadata.namespace ?? ''}`, IstioVersion: proxyVersion(p) })) } : {}),
    };
    ctx.out(output === 'json' ? `${JSON.stringify(doc, null, '  ')}\n` : formatYaml(doc));
    return 0;
  }
  if (control) {
    ctx.out(`client version: ${ISTIOCTL_VERSION}\n`);
    // coalesceVersions: one "control plane" line when every istiod runs the same version.
    const distinct = [...new Set(control)];
    if (distinct.length === 1) ctx.out(`control plane version: ${distinct[0] ?? ''}\n`);
    else for (const v of control) ctx.out(`pilot version: ${v}\n`);
  } else {
    ctx.out(`${ISTIOCTL_VERSION}\n`);
  }
  if (proxies) ctx.out(`data plane version: ${renderProxyVersions(proxies)}\n`);
  return 0;
}

/** `istioctl version` */
export const versionCommand: IstioctlCommand = {
  name: 'version',
  short: 'Prints out build version information',
  usage: 'istioctl version [flags]',
  flags: [
    { long: 'short', short: 's', type: 'bool', description: 'Use --short=false to generate full version information' },
    { long: 'remote', type: 'bool', description: 'Use --remote=false to suppress control plane check' },
    { long: 'output', short: 'o', type: 'string', description: "One of 'yaml' or 'json'." },
    { long: 'revision', short: 'r', type: 'string', description: 'Control plane revision' },
  ],
  run: version,
};

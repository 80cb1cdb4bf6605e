/**
 * kubectl exec's argument checks, as kubectl 1.33 makes them. Source:
 * - KCTL  kubernetes/kubectl pkg/cmd/exec/exec.go (`Complete`: the command after `--`, the usage
 *         error for `exec POD COMMAND`; `Validate`: "pod, type/name or --filename must be
 *         specified", "you must specify at least one command for the container").
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import { buildSha } from '../../../domain/envoy/buildSha.ts';
import type { World } from '../../../domain/world.ts';
import { runHandler, servicesFor } from '../../testing/runHandler.ts';
import { createKubectl } from '../kubectl.ts';

function kubectl(world: World, ...argv: string[]): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', ...argv]);
  return { stdout, stderr, code: exitCode };
}

const NO_COMMAND = { stdout: '', stderr: 'error: you must specify at least one command for the container\n', code: 1 };

describe('kubectl exec: arguments', () => {
  it('asks for a command when only the pod is given, with or without -it or a bare `--`', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'exec', '-it', 'testcurl')).toEqual(NO_COMMAND);
    expect(kubectl(world, 'exec', 'testcurl')).toEqual(NO_COMMAND);
    expect(kubectl(world, 'exec', 'testcurl', '--')).toEqual(NO_COMMAND);
  });

  it('refuses the removed `exec POD COMMAND` form with a usage error, and a missing pod', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'exec', 'testcurl', 'ls')).toEqual({
      stdout: '',
      stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
      code: 1,
    });
    expect(kubectl(world, 'exec')).toEqual({ stdout: '', stderr: 'error: pod, type/name or --filename must be specified\n', code: 1 });
  });
});

/**
 * The environment of an exec'd process. Sources:
 * - IMG    istio/istio 1.26.4 pilot/docker/Dockerfile.proxyv2 (ENV ISTIO_META_ISTIO_PROXY_SHA) and
 *          docker/Dockerfile.base (ENV DEBIAN_FRONTEND=noninteractive); containerd puts PATH, then
 *          HOSTNAME, then the image's ENV, then the container's.
 * - ISTIO  istio/istio 1.26.4 manifests/charts/istio-control/istio-discovery/files/injection-template.yaml
 *          (the istio-proxy env: PILOT_CERT_PROVIDER … TRUST_DOMAIN, ISTIO_META_POD_PORTS's layout).
 * - K8S    kubernetes/kubernetes pkg/kubelet/envvars/envvars.go `FromServices` (X_SERVICE_HOST,
 *          X_SERVICE_PORT[_NAME], X_PORT, X_PORT_<port>_<PROTO>[_PROTO|_PORT|_ADDR]) and
 *          kubelet_pods.go `makeEnvironmentVariables` (`kubernetes` from default; $(VAR) expansion).
 */
describe('kubectl exec -- env: the container environment, not Cloud Shell\'s', () => {
  it('gives istio-proxy the injected env with downward-API values resolved', () => {
    const world = createDefaultWorld();
    const pod = world.list('Pod', 'frontend')[0];
    const name = pod?.metadata.name ?? '';
    const { stdout, code } = kubectl(world, 'exec', name, '-n', 'frontend', '-c', 'istio-proxy', '--', 'env');
    expect(code).toBe(0);
    expect(stdout.startsWith(`PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=${name}\nDEBIAN_FRONTEND=noninteractive\nISTIO_META_ISTIO_PROXY_SHA=${buildSha('1.26.4-asm.5')}\nPILOT_CERT_PROVIDER=istiod\nCA_ADDR=istiod.istio-system.svc:15012\nPOD_NAME=${name}\nPOD_NAMESPACE=frontend\nINSTANCE_IP=${pod?.status?.podIP as string}\nSERVICE_ACCOUNT=frontend\n`)).toBe(true);
    expect(stdout).toContain('PROXY_CONFIG={}\n\nISTIO_META_POD_PORTS=[\n    {"containerPort":8080,"protocol":"TCP"}\n]\nISTIO_META_APP_CONTAINERS=server\nGOMEMLIMIT=1073741824\nGOMAXPROCS=2\n');
    expect(stdout).toContain('ISTIO_META_OWNER=kubernetes://apis/apps/v1/namespaces/frontend/deployments/frontend\nISTIO_META_MESH_ID=cluster.local\nTRUST_DOMAIN=cluster.local\n');
    expect(stdout).toContain('FRONTEND_SERVICE_HOST=34.118.236.212\nFRONTEND_SERVICE_PORT=80\nFRONTEND_SERVICE_PORT_HTTP=80\n');
    expect(stdout).toContain('KUBERNETES_PORT_443_TCP=tcp://34.118.224.1:443\n');
    expect(stdout.endsWith('HOME=/home/istio-proxy\n')).toBe(true);
    expect(stdout).not.toContain('USER=learner');
  });

  it('gives a sidecar-less pod its image defaults and the default namespace\'s service variables', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'exec', 'testcurl', '--', 'env').stdout).toBe([
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'HOSTNAME=testcurl',
      'KUBERNETES_PORT=tcp://34.118.224.1:443',
      'KUBERNETES_PORT_443_TCP=tcp://34.118.224.1:443',
      'KUBERNETES_PORT_443_TCP_ADDR=34.118.224.1',
      'KUBERNETES_PORT_443_TCP_PORT=443',
      'KUBERNETES_PORT_443_TCP_PROTO=tcp',
      'KUBERNETES_SERVICE_HOST=34.118.224.1',
      'KUBERNETES_SERVICE_PORT=443',
      'KUBERNETES_SERVICE_PORT_HTTPS=443',
      'HOME=/home/curl_user',
      '',
    ].join('\n'));
    expect(kubectl(world, 'exec', 'testcurl', '--', 'sh', '-c', 'echo "$HOSTNAME:$USER:$HOME"').stdout).toBe('testcurl::/home/curl_user\n');
  });
});

/**
 * kubectl run, as kubectl 1.33 prints it. Sources: kubernetes/kubectl v0.33.13 pkg/cmd/run/run.go
 * (`Run`: NAME, --image, -t without -i, --rm without attach, --dry-run with attach, the restart and
 * pull policies; `removeCreatedObjects` through delete's `pod "x" deleted`),
 * pkg/generate/versioned/run.go (`BasicPod`: `run=NAME`, args or --command, dnsPolicy),
 * pkg/cmd/attach/attach.go ("If you don't see a command prompt, try pressing enter."), and
 * distribution/reference's ReferenceRegexp for image names.
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import { hasSidecar } from '../../../domain/cluster/pods.ts';
import { getPath } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { runHandler, servicesFor } from '../../testing/runHandler.ts';
import { createKubectl } from '../kubectl.ts';

function kubectl(world: World, argv: string[], tty = false): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', ...argv], { tty });
  return { stdout, stderr, code: exitCode };
}

const usage = (message: string) => ({ stdout: '', stderr: `error: ${message}\nSee 'kubectl run -h' for help and examples\n`, code: 1 });

describe('kubectl run', () => {
  it('creates a pod labelled run=NAME, with a sidecar where the namespace injects one', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, ['run', 'nginx', '--image=nginx'])).toEqual({ stdout: 'pod/nginx created\n', stderr: '', code: 0 });
    const plain = world.get('Pod', 'default', 'nginx');
    expect(plain?.metadata.labels).toEqual({ run: 'nginx' });
    expect(getPath(plain?.spec, 'containers', 0, 'image')).toBe('nginx');
    expect(hasSidecar(plain!)).toBe(false);
    expect(kubectl(world, ['run', 'web', '-n', 'frontend', '--image=nginx', '-l', 'app=web,tier=edge', '--env=A=1', '--port=8080']).stdout).toBe('pod/web created\n');
    const injected = world.get('Pod', 'frontend', 'web');
    expect(hasSidecar(injected!)).toBe(true);
    expect(injected?.metadata.labels).toMatchObject({ app: 'web', tier: 'edge' });
    expect(getPath(injected?.spec, 'containers', 0, 'env')).toEqual([{ name: 'A', value: '1' }]);
  });

  it('runs an attached command, prints its output and deletes the pod with --rm', () => {
    const world = createDefaultWorld();
    const result = kubectl(world, ['run', 'probe', '-n', 'frontend', '--image=curlimages/curl', '--rm', '-it', '--restart=Never', '--', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}\\n', 'http://frontend.frontend/'], true);
    expect(result).toEqual({ stdout: '200\npod "probe" deleted\n', stderr: "If you don't see a command prompt, try pressing enter.\n", code: 0 });
    expect(world.get('Pod', 'frontend', 'probe')).toBeUndefined();
    // curlimages/curl's entrypoint runs curl for arguments that start with a dash.
    expect(kubectl(world, ['run', 'probe', '--image=curlimages/curl', '--rm', '-i', '--restart=Never', '--', '-sS', 'http://nowhere']).stderr).toBe('curl: (6) Could not resolve host: nowhere\n');
  });

  it('reports a program the image does not ship as a failed container start', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, ['run', 'q', '--image=gcr.io/distroless/static', '--rm', '-i', '--', 'curl', 'x'])).toEqual({
      stdout: 'pod "q" deleted\n',
      stderr: 'pod default/q terminated (StartError)\nfailed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown\n',
      code: 1,
    });
  });

  it('prints the generated pod on a client dry run', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, ['run', 'v', '--image=nginx', '--dry-run=client', '-o', 'yaml']).stdout).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: v\n  name: v\nspec:\n  containers:\n  - image: nginx\n    name: v\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
    );
    expect(kubectl(world, ['run', 'v', '--image=nginx', '--dry-run=client']).stdout).toBe('pod/v created (dry run)\n');
    expect(world.get('Pod', 'default', 'v')).toBeUndefined();
  });

  it('keeps run.go\'s argument errors', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, ['run', '--image=nginx'])).toEqual(usage('NAME is required for run'));
    expect(kubectl(world, ['run', 'x'])).toEqual({ stdout: '', stderr: 'error: --image is required\n', code: 1 });
    expect(kubectl(world, ['run', 'x', '--image=Not An Image'])).toEqual({ stdout: '', stderr: 'error: Invalid image name "Not An Image": invalid reference format\n', code: 1 });
    expect(kubectl(world, ['run', 'x', '--image=nginx', '-t'])).toEqual(usage('-i/--stdin is required for containers with -t/--tty=true'));
    expect(kubectl(world, ['run', 'x', '--image=nginx', '--rm'])).toEqual(usage('--rm should only be used for attached containers'));
    expect(kubectl(world, ['run', 'x', '--image=nginx', '--restart=Sometimes'])).toEqual(usage('invalid restart policy: Sometimes'));
    expect(kubectl(world, ['run', 'x', '--image=nginx', '-i', '--dry-run=client'])).toEqual(usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)"));
    kubectl(world, ['run', 'x', '--image=nginx']);
    expect(kubectl(world, ['run', 'x', '--image=nginx'])).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): pods "x" already exists\n', code: 1 });
    expect(kubectl(world, ['run', 'Upper', '--image=nginx']).stderr).toMatch(/^The Pod "Upper" is invalid: \n\* metadata\.name: Invalid value: "Upper": a lowercase RFC 1123 subdomain/);
  });
});

/**
 * kubectl edit and kubectl port-forward, which keep running after they print (an editor open, a
 * forward listening). Sources: kubernetes/kubectl v0.33.13 pkg/cmd/util/editor/editor.go
 * (`defaultEnvEditor`: KUBE_EDITOR, EDITOR, vi; split on spaces, the shell for quotes),
 * launcher_others.go (`unable to launch the editor`, `there was a problem with the editor`),
 * editoptions.go (`editHeader.writeTo`, `Edit cancelled, no changes made.`, `saved file was empty`,
 * `editResults.addError`, `preservedFile`, `At least one of apiVersion, kind and name was changed`),
 * pkg/cmd/portforward/portforward.go (`Complete`, `translateServicePortToTargetPort`) and
 * pkg/util/service_port.go; client-go tools/portforward (`Forwarding from 127.0.0.1:L -> R`).
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import { getPath } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { MemoryFs } from '../../bash/memoryFs.ts';
import type { EditSession, KubectlHost, PortForward } from '../host.ts';
import { createKubectl } from '../kubectl.ts';
import { forwardRequest, refusedTrace } from '../portForwardRequest.ts';
import type { SimServices } from '../types.ts';

const POLICY = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: PERMISSIVE\n';

/** A kubectl over one world and one file system, with an optional host (the app's panel and tab). */
function setup(host?: KubectlHost) {
  const world = createDefaultWorld();
  const fs = new MemoryFs();
  const services = (): SimServices => ({ world, fs, sleep: () => undefined, recordTrace: () => undefined, ...(host ? { host } : {}) });
  const kubectl = (argv: string[], env: Record<string, string> = {}) => {
    const handler = createKubectl(services);
    let stdout = '';
    let stderr = '';
    const exitCode = handler({ argv: ['kubectl', ...argv], stdin: argv[0] === 'apply' ? POLICY : '', stdinIsTerminal: true, env: new Map(Object.entries(env)), fs, stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, trace: () => undefined });
    return { stdout, stderr, code: exitCode };
  };
  kubectl(['apply', '-f', '-']);
  return { world, fs, kubectl };
}

const modeOf = (world: World) => getPath(world.get('PeerAuthentication', 'istio-system', 'default')?.spec, 'mtls', 'mode');

describe('kubectl edit without an editor panel', () => {
  it('cannot start vi, the default editor, where there is no screen for it', () => {
    const { kubectl } = setup();
    expect(kubectl(['edit', 'pa', 'default', '-n', 'istio-system'])).toEqual({ stdout: '', stderr: 'error: unable to launch the editor "vi"\n', code: 1 });
    expect(kubectl(['edit', 'pa', 'default', '-n', 'istio-system'], { EDITOR: 'nano' }).stderr).toBe('error: unable to launch the editor "nano"\n');
  });

  it('runs a non-interactive KUBE_EDITOR on the file and applies what it wrote', () => {
    const { world, fs, kubectl } = setup();
    fs.writeFile('/home/learner/strict.yaml', POLICY.replace('PERMISSIVE', 'STRICT'));
    const result = kubectl(['edit', 'pa/default', '-n', 'istio-system'], { KUBE_EDITOR: "cat '/home/learner/strict.yaml' >" });
    expect(result).toEqual({ stdout: 'peerauthentication.security.istio.io/default edited\n', stderr: '', code: 0 });
    expect(modeOf(world)).toBe('STRICT');
  });

  it('says no changes were made when the editor leaves the file as it was, and reports a failing editor', () => {
    const { kubectl } = setup();
    expect(kubectl(['edit', 'pa/default', '-n', 'istio-system'], { KUBE_EDITOR: 'true' })).toEqual({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', code: 0 });
    expect(kubectl(['edit', 'pa/default', '-n', 'istio-system'], { KUBE_EDITOR: 'false' })).toEqual({ stdout: '', stderr: 'error: there was a problem with the editor "false"\n', code: 1 });
    expect(kubectl(['edit', 'pa/nope', '-n', 'istio-system'], { KUBE_EDITOR: 'true' }).stderr).toBe('Error from server (NotFound): peerauthentications.security.istio.io "nope" not found\n');
  });
});

describe('kubectl edit through the editor panel', () => {
  function withPanel() {
    const opened: EditSession[] = [];
    const env = setup({ openEditor: (session) => (opened.push(session), true) });
    expect(env.kubectl(['edit', 'peerauthentication', 'default', '-n', 'istio-system'])).toEqual({ stdout: '', stderr: '', code: 0 });
    const session = opened[0];
    if (!session) throw new Error('no editor opened');
    return { ...env, session };
  }

  it('opens the object as get -o yaml prints it, under kubectl\'s header, in a file under /tmp', () => {
    const { session, fs } = withPanel();
    expect(session.title).toBe('peerauthentication.security.istio.io/default');
    expect(session.file.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(session.file.text.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\n")).toBe(true);
    expect(fs.readFile(session.file.path)).toBe(session.file.text);
  });

  it('applies a saved change and says edited', () => {
    const { session, world } = withPanel();
    expect(session.save(session.file.text.replace('mode: PERMISSIVE', 'mode: STRICT'))).toEqual({ done: true, stdout: 'peerauthentication.security.istio.io/default edited\n', stderr: '', exitCode: 0 });
    expect(modeOf(world)).toBe('STRICT');
  });

  it('closing without saving changes nothing; an emptied file cancels', () => {
    const { session, world } = withPanel();
    expect(session.close()).toEqual({ done: true, stdout: '', stderr: 'Edit cancelled, no changes made.\n', exitCode: 0 });
    expect(session.save('# nothing\n\n')).toEqual({ done: true, stdout: '', stderr: 'Edit cancelled, saved file was empty.\n', exitCode: 0 });
    expect(modeOf(world)).toBe('PERMISSIVE');
  });

  it('reopens the file with the API server\'s causes in the header, and gives up when saved unchanged', () => {
    const { session, world } = withPanel();
    const outcome = session.save(session.file.text.replace('mode: PERMISSIVE', 'mode: Strict'));
    expect(outcome.done).toBe(false);
    expect(outcome.stderr).toBe('error: peerauthentications.security.istio.io "default" is invalid\n');
    expect(session.file.text).toContain('#\n# peerauthentications.security.istio.io "default" was not valid:\n# * spec.mtls.mode: Unsupported value: "Strict": supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"\n');
    expect(session.file.text).toContain('    mode: Strict\n');
    expect(session.close()).toEqual({ done: true, stdout: '', stderr: `A copy of your changes has been stored to "${session.file.path}"\nerror: Edit cancelled, no valid changes were saved.\n`, exitCode: 1 });
    expect(modeOf(world)).toBe('PERMISSIVE');
  });

  it('reopens on a syntax error, and refuses a changed name', () => {
    const { session } = withPanel();
    const syntax = session.save('apiVersion: v1\nkind: [\n');
    expect(syntax.done).toBe(false);
    expect(session.file.text).toMatch(/# The edited file had a syntax error: error converting YAML to JSON: yaml: line \d+: /);
    expect(session.save(POLICY.replace('name: default', 'name: other'))).toEqual({ done: true, stdout: '', stderr: `A copy of your changes has been stored to "${session.file.path}"\nerror: At least one of apiVersion, kind and name was changed\n`, exitCode: 1 });
  });
});

describe('kubectl port-forward', () => {
  it('forwards a Service port to its pod\'s target port and prints both listeners', () => {
    const started: PortForward[] = [];
    const { kubectl } = setup({ startPortForward: (f) => (started.push(f), true) });
    expect(kubectl(['port-forward', 'svc/frontend', '8080:80', '-n', 'frontend'])).toEqual({ stdout: 'Forwarding from 127.0.0.1:8080 -> 8080\nForwarding from [::1]:8080 -> 8080\n', stderr: '', code: 0 });
    expect(started).toEqual([{ localPort: 8080, remotePort: 8080, namespace: 'frontend', pod: expect.stringMatching(/^frontend-/) as unknown as string }]);
  });

  it('says plainly that the forward stops at once where no browser tab can use it', () => {
    const { kubectl } = setup();
    const result = kubectl(['port-forward', '-n', 'frontend', 'deploy/frontend', '9000:8080']);
    expect(result.stdout).toBe('Forwarding from 127.0.0.1:9000 -> 8080\nForwarding from [::1]:9000 -> 8080\n');
    expect(result.stderr).toMatch(/^mtls-playground: no browser tab is attached here/);
  });

  it('keeps portforward.go\'s errors', () => {
    const { kubectl } = setup();
    expect(kubectl(['port-forward', 'svc/frontend'])).toEqual({ stdout: '', stderr: "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n", code: 1 });
    expect(kubectl(['port-forward', 'svc/frontend', '8080:81', '-n', 'frontend']).stderr).toBe('error: Service frontend does not have a service port 81\n');
    expect(kubectl(['port-forward', 'svc/frontend', '8080:grpc', '-n', 'frontend']).stderr).toBe("error: Service 'frontend' does not have a named port 'grpc'\n");
    expect(kubectl(['port-forward', 'nope', '8080']).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('takes a browser request through the forward straight to the application, past the gateway and the inbound sidecar', () => {
    const world = createDefaultWorld();
    const pod = world.list('Pod', 'frontend')[0]!;
    const trace = forwardRequest(world, { localPort: 8080, remotePort: 8080, namespace: 'frontend', pod: pod.metadata.name }, 'http://localhost:8080/');
    expect(trace?.httpCode).toBe(200);
    expect(trace?.from).toBe('external/browser');
    expect(trace?.url).toBe('http://localhost:8080/');
    expect(trace?.hops[0]?.serverMode).toBe('NO_SIDECAR');
    expect(trace?.hops[0]?.clientSends).toBe('PLAINTEXT');
    // The frontend's own calls still leave through its sidecar, with mutual TLS.
    expect(trace?.hops.slice(1).some((h) => h.clientSends === 'ISTIO_MUTUAL')).toBe(true);
    expect(refusedTrace('http://localhost:9/', 9).page).toBe('connection-refused');
  });
});

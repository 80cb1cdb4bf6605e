/**
 * kubectl logs, as kubectl 1.33 behaves. Sources:
 * - LOGS  kubernetes/kubectl pkg/cmd/logs/logs.go: `Complete` (a selector excludes a POD argument:
 *         "only a selector (-l) or a POD name is allowed"; no argument and no selector is the usage
 *         error), `ToLogOptions` (a selector without --tail asks for the last 10 lines, selectorTail),
 *         "No resources found in %s namespace." on stderr, `addPrefixIfNeeded` (`[pod/NAME/CONTAINER] `
 *         with --prefix), the --max-log-requests check when following, "--tail must be greater than or
 *         equal to -1".
 * - POLY  pkg/polymorphichelpers/logsforobject.go: each pod of a list gets its default container
 *         (the kubectl.kubernetes.io/default-container annotation, which Istio's injector sets).
 * - API   kubelet's answer to `previous=true` for a container that never restarted:
 *         `previous terminated container "X" in pod "Y" not found` (BadRequest).
 */
import { describe, expect, it } from 'vitest';
import { SimSession } from '../../session.ts';

function run(session: SimSession, command: string): { out: string; err: string; code: number } {
  const result = session.run(command);
  const text = (stream: string) => result.chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
  return { out: text('stdout'), err: text('stderr'), code: result.exitCode };
}

function frontendPod(session: SimSession): string {
  return session.world.list('Pod', 'frontend')[0]?.metadata.name ?? '';
}

describe('kubectl logs -l', () => {
  it("prints each matching pod's default container, its last 10 lines without --tail", () => {
    const session = new SimSession();
    for (let i = 0; i < 8; i++) session.run('curl -s -o /dev/null http://34.136.92.187/');
    const { out, err, code } = run(session, 'kubectl logs -n frontend -l app=frontend');
    expect({ err, code }).toEqual({ err: '', code: 0 });
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    // The app container (server), not the sidecar: the frontend's JSON request log.
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('http.req.path', '/');
  });

  it('prefixes each line with [pod/NAME/CONTAINER] with --prefix, and honours -c and --tail', () => {
    const session = new SimSession();
    session.run('curl -s -o /dev/null http://34.136.92.187/');
    const { out } = run(session, 'kubectl logs -n frontend -l app=frontend -c istio-proxy --tail=1 --prefix');
    expect(out).toMatch(new RegExp(`^\\[pod/${frontendPod(session)}/istio-proxy\\] \\[2026-11-28T\\S+\\] "GET / HTTP/1\\.1" 200 .*inbound\\|8080\\|\\| .*\\n$`));
  });

  it('says no resources were found when nothing matches, with status 0', () => {
    expect(run(new SimSession(), 'kubectl logs -n frontend -l app=nothing')).toEqual({ out: '', err: 'No resources found in frontend namespace.\n', code: 0 });
  });

  it('refuses a selector together with a POD name, and neither', () => {
    const session = new SimSession();
    expect(run(session, `kubectl logs -n frontend ${frontendPod(session)} -l app=frontend`)).toEqual({
      out: '', err: "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n", code: 1,
    });
    expect(run(session, 'kubectl logs').err).toBe("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    expect(run(session, 'kubectl logs -n frontend -l app=frontend --tail=-2')).toEqual({ out: '', err: 'error: --tail must be greater than or equal to -1\n', code: 1 });
  });

  it('refuses to follow more streams than --max-log-requests', () => {
    const session = new SimSession();
    // One stream per container of the pod, init containers included (logsforobject.go).
    const pod = session.world.list('Pod', 'frontend')[0];
    const streams = ['initContainers', 'containers'].reduce((n, key) => n + ((pod?.spec?.[key] as unknown[] | undefined)?.length ?? 0), 0);
    const { err, code } = run(session, 'kubectl logs -n frontend -l app=frontend --all-containers -f --max-log-requests=1');
    expect({ err, code }).toEqual({ err: `error: you are attempting to follow ${streams} log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n`, code: 1 });
  });
});

describe('kubectl logs --timestamps', () => {
  it('starts each line with its RFC3339Nano time (a --prefix goes before it: it wraps the whole stream)', () => {
    const session = new SimSession();
    session.run('curl -s -o /dev/null http://34.136.92.187/');
    const { out } = run(session, 'kubectl logs -n frontend -l app=frontend --tail=1 --timestamps');
    expect(out).toMatch(/^2026-11-28T\d\d:\d\d:\d\d\.000000000Z \{"http\.req\.id"/);
  });
});

describe('kubectl logs -p', () => {
  it('answers BadRequest: no container has a previous instance', () => {
    const session = new SimSession();
    const pod = frontendPod(session);
    expect(run(session, `kubectl logs -n frontend ${pod} -p`)).toEqual({ out: '', err: `Error from server (BadRequest): previous terminated container "server" in pod "${pod}" not found\n`, code: 1 });
    expect(run(session, `kubectl logs -n frontend ${pod} -c istio-proxy --previous`).err).toBe(`Error from server (BadRequest): previous terminated container "istio-proxy" in pod "${pod}" not found\n`);
  });
});

describe('what the containers print', () => {
  it('gives the frontend, istiod and the loadgenerator start-up lines', () => {
    const session = new SimSession();
    expect(run(session, `kubectl logs -n frontend ${frontendPod(session)}`).out).toContain('"message":"starting server on :8080"');
    expect(run(session, 'kubectl logs -n loadgenerator deploy/loadgenerator').out).toMatch(/^\[2026-11-28 \d\d:\d\d:\d\d,\d{3}\] loadgenerator-\S+\/INFO\/locust\.main: No run time limit set, use CTRL\+C to interrupt\n/);
    const istiod = session.world.list('Pod', 'istio-system').find((p) => p.metadata.labels.app === 'istiod');
    if (istiod) expect(run(session, `kubectl logs -n istio-system ${istiod.metadata.name}`).out).toMatch(/\tinfo\tads\tXDS: Pushing Services:\d+ ConnectedEndpoints:\d+ Version:/);
  });
});

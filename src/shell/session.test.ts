import { describe, expect, it } from 'vitest';
import { DEFAULT_EPOCH_MS, RealtimeClock } from '../domain/clock.ts';
import { SimSession } from './session.ts';

const THREE_POLICIES = ['a', 'b', 'c']
  .map((name) => `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: ${name}\nspec:\n  mtls:\n    mode: STRICT\n`)
  .join('---\n');

describe('SimSession', () => {
  it('snapshots the world and the files, and restores them any number of times', () => {
    const session = new SimSession();
    session.fs.writeFile('policy.yaml', THREE_POLICIES);
    const before = session.snapshot();
    session.run('kubectl apply -n frontend -f policy.yaml; rm policy.yaml; mkdir work; cd work');
    expect(session.world.list('PeerAuthentication', 'frontend')).toHaveLength(3);
    expect(session.fs.exists('/home/learner/policy.yaml')).toBe(false);
    session.restore(before);
    expect(session.world.list('PeerAuthentication', 'frontend')).toHaveLength(0);
    expect(session.fs.readFile('policy.yaml')).toBe(THREE_POLICIES);
    expect(session.fs.cwd).toBe('/home/learner');
    // A different path from the same snapshot, then back again: the snapshot never changed.
    session.run('kubectl delete namespace cart');
    session.restore(before);
    expect(session.world.get('Namespace', '', 'cart')).toBeDefined();
    expect(session.run('kubectl get pa -A').chunks.map((c) => c.text).join('')).toBe('No resources found\n');
  });

  it('runs extra commands given by the app, which may restore a snapshot mid-run', () => {
    const box: { saved?: ReturnType<SimSession['snapshot']> } = {};
    const session: SimSession = new SimSession({
      commands: {
        undo: (ctx) => {
          if (box.saved) session.restore(box.saved);
          ctx.stdout('restored\n');
          return 0;
        },
      },
    });
    box.saved = session.snapshot();
    session.run('kubectl create namespace extra');
    const result = session.run('undo; kubectl get ns extra');
    expect(result.chunks.map((c) => c.text).join('')).toBe('restored\nError from server (NotFound): namespaces "extra" not found\n');
    // The clock given to the session is back in place after the run.
    expect(session.world.clock.constructor.name).not.toBe('PinnedClock');
  });

  it('gives every object one command creates the same timestamp, even on a running clock', () => {
    // A clock that moves 700 ms every time anything reads it.
    let fake = 0;
    const session = new SimSession({ clock: new RealtimeClock(DEFAULT_EPOCH_MS, () => (fake += 700)) });
    session.fs.writeFile('three.yaml', THREE_POLICIES);
    expect(session.run('kubectl apply -n frontend -f three.yaml').exitCode).toBe(0);
    const stamps = new Set(session.world.list('PeerAuthentication', 'frontend').map((pa) => pa.metadata.creationTimestamp));
    expect(stamps.size).toBe(1);
    // The next command sees time that has moved on.
    session.run('kubectl create namespace later');
    const later = session.world.get('Namespace', '', 'later');
    expect(later?.metadata.creationTimestamp).toBeGreaterThan([...stamps][0] ?? Infinity);
  });

  it('lets sleep move the pinned clock forward', () => {
    const session = new SimSession();
    session.run('kubectl create namespace first; sleep 90; kubectl create namespace second');
    const first = session.world.get('Namespace', '', 'first')?.metadata.creationTimestamp ?? 0;
    const second = session.world.get('Namespace', '', 'second')?.metadata.creationTimestamp ?? 0;
    expect(second - first).toBe(90);
    // The next command comes a typing pause later (CommandPace: 2 to 8 seconds, seeded).
    expect(session.run('kubectl get ns first second').chunks.map((c) => c.text).join('')).toBe(
      'NAME     STATUS   AGE\nfirst    Active   92s\nsecond   Active   2s\n',
    );
  });

  it('opens both external IPs in a browser tab: the storefront, through the LB and the gateway', () => {
    const session = new SimSession();
    expect(session.externalAddresses().map((a) => a.ip).sort()).toEqual(['34.136.92.187', '35.202.118.74']);
    for (const { ip } of session.externalAddresses()) expect(session.browse(`http://${ip}/`).page).toBe('storefront');
  });
});

/** A namespace-wide PeerAuthentication named `name`, for `kubectl apply -f -`. */
const nsPolicy = (name: string, mode: string) => `cat <<EOF | kubectl apply -n frontend -f -\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: ${name}\nspec:\n  mtls:\n    mode: ${mode}\nEOF`;

describe('SimSession: time between commands (CommandPace)', () => {
  it('gives a second rollout restart a later restartedAt', () => {
    const session = new SimSession();
    const restartedAt = () => {
      session.run('kubectl rollout restart deploy/frontend -n frontend');
      const deploy = session.world.get('Deployment', 'frontend', 'frontend');
      return (deploy?.spec?.template as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] ?? '';
    };
    const first = restartedAt();
    const second = restartedAt();
    expect(second > first).toBe(true);
  });

  it('injects the sidecar again after label-, restart, label =enabled, restart', () => {
    const session = new SimSession();
    for (const command of ['kubectl label ns frontend istio-injection-', 'kubectl rollout restart deploy/frontend -n frontend']) session.run(command);
    expect(session.run('kubectl get pods -n frontend').chunks.map((c) => c.text).join('')).toMatch(/frontend-\S+\s+1\/1\s+Running/);
    for (const command of ['kubectl label ns frontend istio-injection=enabled', 'kubectl rollout restart deploy/frontend -n frontend']) session.run(command);
    expect(session.run('kubectl get pods -n frontend').chunks.map((c) => c.text).join('')).toMatch(/^NAME.*\nfrontend-\S+\s+2\/2\s+Running\s+0\s+\d+s\n$/);
  });

  it('decides "the oldest policy wins" by creation time, not by name, without any sleep', () => {
    // Istio orders conflicting namespace-wide policies by creationTimestamp, then name
    // (pilot/pkg/model/authentication.go); `zzz` is applied first, so it wins over `aaa`.
    const session = new SimSession();
    session.run(nsPolicy('zzz', 'STRICT'));
    session.run(nsPolicy('aaa', 'PERMISSIVE'));
    const [aaa, zzz] = session.world.list('PeerAuthentication', 'frontend');
    expect((aaa?.metadata.creationTimestamp ?? 0) - (zzz?.metadata.creationTimestamp ?? 0)).toBeGreaterThanOrEqual(2);
    const code = session.run('kubectl exec testcurl -- curl -s -o /dev/null -w "%{http_code}" http://frontend.frontend/').chunks.map((c) => c.text).join('');
    expect(code).toMatch(/^000/);
  });

  it('keeps the clock still between commands when told not to (pace: false)', () => {
    const still = new SimSession({ pace: false });
    const t0 = still.world.clock.now();
    still.run('true');
    still.run('true');
    expect(still.world.clock.now()).toBe(t0);
  });

  it('replays a script to the same output, timestamps included', () => {
    const script = ['kubectl create namespace one', 'kubectl get ns one', 'kubectl rollout restart deploy/frontend -n frontend', 'kubectl get deploy frontend -n frontend -o yaml'];
    const transcript = () => {
      const session = new SimSession();
      return script.map((c) => session.run(c).chunks.map((k) => k.text).join('')).join('');
    };
    expect(transcript()).toBe(transcript());
  });
});

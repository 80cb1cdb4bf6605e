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
    expect(session.run('kubectl get ns first second').chunks.map((c) => c.text).join('')).toBe(
      'NAME     STATUS   AGE\nfirst    Active   90s\nsecond   Active   0s\n',
    );
  });

  it('opens both external IPs in a browser tab: the storefront, through the LB and the gateway', () => {
    const session = new SimSession();
    expect(session.externalAddresses().map((a) => a.ip).sort()).toEqual(['34.136.92.187', '35.202.118.74']);
    for (const { ip } of session.externalAddresses()) expect(session.browse(`http://${ip}/`).page).toBe('storefront');
  });
});

import { describe, expect, it } from 'vitest';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { hasSidecar } from '../../domain/cluster/pods.ts';
import type { World } from '../../domain/world.ts';
import { runScript } from '../../shell/runScript.ts';
import { SimSession } from '../../shell/session.ts';
import { startSession } from '../run.ts';
import { captureStart, manifestOf } from './capture.ts';
import type { ScenarioDoc } from './format.ts';
import { loadScenario } from './load.ts';
import { proveLesson } from './prove.ts';
import { writeScenario } from './write.ts';

/** `kubectl apply` of a PeerAuthentication, as one JSON line (kubectl reads JSON as YAML). */
const policy = (namespace: string, name: string, mode: string, app?: string) =>
  `kubectl apply -f - <<EOF\n${JSON.stringify({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name, namespace }, spec: { ...(app ? { selector: { matchLabels: { app } } } : {}), mtls: { mode } } })}\nEOF`;
const STRICT_FRONTEND = policy('frontend', 'default', 'STRICT');

const POLICIES = [
  STRICT_FRONTEND,
  policy('cart', 'cart-disable', 'DISABLE', 'cartservice'),
  policy('istio-system', 'default', 'PERMISSIVE'),
  'kubectl label namespace shipping istio-injection-',
  'kubectl rollout restart deployment/shippingservice -n shipping',
  'kubectl delete pod testcurl -n default',
  'kubectl create namespace legacy',
  'kubectl run sleepy --image=curlimages/curl -n legacy --labels=app=sleepy -- sleep 3600',
].join('\n');

function worldAfter(script: string): World {
  const session = new SimSession();
  const result = runScript(script, { session });
  expect(result.output.filter((c) => c.stream === 'stderr').map((c) => c.text).join('')).toBe('');
  return session.world;
}

/** Every workload's resolved mode, port by port, and whether it runs a sidecar. */
function modes(world: World): string[] {
  return summarizeMesh(world).map((w) => `${w.namespace}/${w.workload} sidecar=${w.sidecar} ${w.workloadMode?.mode ?? '-'}@${w.workloadMode?.level ?? '-'} ${w.ports.map((p) => `${p.port}:${p.decision.mode}`).join(',')}`);
}

function scenario(start: ScenarioDoc['start']): ScenarioDoc {
  return {
    id: 'captured',
    languages: ['en'],
    title: { en: 'Captured' },
    summary: { en: 'From the sandbox.' },
    start,
    steps: [{ id: 'cart-strict', title: { en: 'Make cart STRICT' }, body: { en: 'Apply a policy.' }, commands: ['kubectl get peerauthentication -A'], hints: [], solution: 'kubectl delete peerauthentication cart-disable -n cart\n', check: { kind: 'mode', namespace: 'cart', app: 'cartservice', is: 'PERMISSIVE' } }],
  };
}

describe('captureStart', () => {
  it('captures nothing for the default world', () => {
    const captured = captureStart(new SimSession().world);
    expect(captured.objects).toEqual([]);
    expect(captured.start).toEqual({ credentials: true });
  });

  it('writes manifests without what the server fills in', () => {
    const world = worldAfter(STRICT_FRONTEND);
    const manifest = manifestOf(world.get('PeerAuthentication', 'frontend', 'default')!);
    expect(manifest).toEqual({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'frontend' }, spec: { mtls: { mode: 'STRICT' } } });
    expect(captureStart(world).start.manifests).toBe('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: frontend\nspec:\n  mtls:\n    mode: STRICT\n');
  });

  it('takes the injected sidecar off a bare pod', () => {
    const world = worldAfter('kubectl run sleepy --image=curlimages/curl -n frontend --labels=app=sleepy -- sleep 3600');
    const manifest = manifestOf(world.get('Pod', 'frontend', 'sleepy')!);
    expect(JSON.stringify(manifest)).not.toMatch(/istio/);
    expect(manifest.metadata).toEqual({ labels: { app: 'sleepy' }, name: 'sleepy', namespace: 'frontend' });
  });

  it('rebuilds the same policies, sidecars and objects in a scenario start, and the scenario proves', () => {
    const world = worldAfter(POLICIES);
    const captured = captureStart(world);
    expect(captured.objects.map((o) => `${o.action} ${o.kind} ${o.namespace ?? ''}/${o.name}`)).toEqual([
      'apply Namespace /legacy',
      'apply Pod legacy/sleepy',
      'apply PeerAuthentication cart/cart-disable',
      'apply PeerAuthentication frontend/default',
      'apply PeerAuthentication istio-system/default',
      'patch Namespace /shipping',
      'patch Deployment shipping/shippingservice',
      'delete Pod default/testcurl',
    ]);
    const setup = captured.start.setup?.split('\n') ?? [];
    expect(setup[0]).toBe(`kubectl patch namespace shipping --type merge -p '{"metadata":{"labels":{"istio-injection":null}}}'`);
    expect(setup[1]).toMatch(/^kubectl patch deployment shippingservice -n shipping --type merge -p '\{"spec":\{"template":\{"metadata":\{"annotations":\{"kubectl.kubernetes.io\/restartedAt":"[^"]+"\}\}\}\}\}'$/);
    expect(setup.slice(2)).toEqual(['kubectl delete pod testcurl -n default', '']);

    const loaded = loadScenario([{ name: 'captured.md', text: writeScenario(scenario(captured.start)) }]);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const started = startSession(loaded.lesson).world;
    expect(modes(started)).toEqual(modes(world));
    expect(captureStart(started).objects).toEqual(captured.objects);
    const shipping = started.list('Pod', 'shipping');
    expect(shipping.length).toBeGreaterThan(0);
    expect(shipping.every((p) => !hasSidecar(p))).toBe(true);
    expect(started.get('Pod', 'default', 'testcurl')).toBeUndefined();

    const proof = proveLesson(loaded.lesson);
    expect(proof.problems).toEqual([]);
    expect(proof.ok).toBe(true);
  });

  it('keeps missing credentials', () => {
    const world = worldAfter('');
    world.credentials = false;
    expect(captureStart(world).start.credentials).toBe(false);
  });
});

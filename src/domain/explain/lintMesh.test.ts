import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { destinationRule, peerAuthentication, pod, service, worldWith } from '../testing/fixtures.ts';
import type { World } from '../world.ts';
import { lintMesh } from './lintMesh.ts';

function lint(setup: (w: World) => void) {
  const world = createDefaultWorld();
  setup(world);
  return lintMesh(world);
}

const codes = (findings: ReturnType<typeof lintMesh>) => findings.map((f) => `${f.code} ${f.object.kind} ${f.object.namespace}/${f.object.name}`);

describe('lintMesh', () => {
  it('finds nothing in the default world', () => {
    expect(lintMesh(createDefaultWorld())).toEqual([]);
  });

  it('reports KIA0207 for a namespace-wide DISABLE rule against a namespace STRICT policy, and the real 503', () => {
    const findings = lint((w) => {
      w.put(peerAuthentication('currency', 'namespace-policy', { mtls: { mode: 'STRICT' } }));
      w.put(destinationRule('currency', 'plain', { host: '*.currency.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }));
    });
    const finding = findings.find((f) => f.code === 'KIA0207');
    expect(finding).toMatchObject({
      severity: 'error',
      message: { text: 'PeerAuthentication with TLS strict mode found, it should be permissive' },
      object: { kind: 'DestinationRule', namespace: 'currency', name: 'plain', field: 'spec.trafficPolicy.tls.mode' },
      path: 'spec/trafficPolicy/tls/mode',
      related: [{ kind: 'PeerAuthentication', namespace: 'currency', name: 'namespace-policy', field: 'spec.mtls.mode' }],
      noise: false,
    });
    expect(finding?.actualEffect.text).toMatch(/plaintext to a STRICT server → reset .*the client sidecar answers 503\.$/);
    expect(finding?.actualEffect.text).not.toMatch(/from currency\//);
  });

  it('reports KIA0208 for a DISABLE rule against a mesh-wide STRICT policy', () => {
    const findings = lint((w) => {
      w.put(peerAuthentication('istio-system', 'mesh-wide', { mtls: { mode: 'STRICT' } }));
      w.put(destinationRule('istio-system', 'mesh-plain', { host: '*.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }));
    });
    expect(codes(findings)).toContain('KIA0208 DestinationRule istio-system/mesh-plain');
    expect(findings.find((f) => f.code === 'KIA0208')?.actualEffect.text).toContain('reset');
  });

  it('marks KIA0501 and KIA0401 as auto-mTLS noise and shows that meshed traffic still works', () => {
    const findings = lint((w) => {
      w.put(peerAuthentication('frontend', 'namespace-policy', { mtls: { mode: 'STRICT' } }));
      w.put(peerAuthentication('istio-system', 'mesh-wide', { mtls: { mode: 'STRICT' } }));
    });
    expect(codes(findings)).toEqual(['KIA0401 PeerAuthentication istio-system/mesh-wide', 'KIA0501 PeerAuthentication frontend/namespace-policy']);
    for (const f of findings) {
      expect(f.noise).toBe(true);
      expect(f.note?.code).toBe('lint.note.auto-mtls');
      expect(f.actualEffect.text).toMatch(/^Auto mTLS is on, so this works anyway\..*mTLS to a STRICT server → accepted\.$/);
    }
  });

  it('marks KIA0205/KIA0206 (mTLS rules without a PeerAuthentication) as noise', () => {
    const findings = lint((w) => {
      w.put(destinationRule('istio-system', 'mesh-mtls', { host: '*.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }));
      w.put(destinationRule('cart', 'cart-mtls', { host: '*.cart.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }));
    });
    expect(codes(findings)).toEqual(['KIA0206 DestinationRule cart/cart-mtls', 'KIA0205 DestinationRule istio-system/mesh-mtls']);
    expect(findings.every((f) => f.noise)).toBe(true);
  });

  it('reports KIA0505 when a namespace DISABLE meets a namespace-wide ISTIO_MUTUAL rule, with the handshake failure', () => {
    const findings = lint((w) => {
      w.put(peerAuthentication('currency', 'default', { mtls: { mode: 'DISABLE' } }));
      w.put(destinationRule('currency', 'all-mtls', { host: '*.currency.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }));
    });
    const finding = findings.find((f) => f.code === 'KIA0505');
    expect(finding).toMatchObject({ object: { kind: 'PeerAuthentication', name: 'default' }, path: 'spec/mtls', noise: false });
    expect(finding?.related).toEqual([{ kind: 'DestinationRule', namespace: 'currency', name: 'all-mtls', field: 'spec.trafficPolicy.tls.mode' }]);
    expect(finding?.actualEffect.text).toContain('mTLS to a DISABLE server → the TLS handshake fails');
  });

  it('reports KIA0506 when a mesh DISABLE meets a mesh-wide ISTIO_MUTUAL rule', () => {
    const findings = lint((w) => {
      w.put(peerAuthentication('istio-system', 'mesh-off', { mtls: { mode: 'DISABLE' } }));
      w.put(destinationRule('istio-system', 'mesh-mtls', { host: '*.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }));
    });
    expect(codes(findings)).toContain('KIA0506 PeerAuthentication istio-system/mesh-off');
  });

  it('reports KIA0002 for two selector-less policies in one namespace and says the oldest wins', () => {
    const findings = lint((w) => {
      w.put(peerAuthentication('cart', 'older', { mtls: { mode: 'STRICT' } }, { createdAt: 1 }));
      w.put(peerAuthentication('cart', 'newer', { mtls: { mode: 'PERMISSIVE' } }, { createdAt: 2 }));
    }).filter((f) => f.code === 'KIA0002');
    expect(codes(findings)).toEqual(['KIA0002 PeerAuthentication cart/older', 'KIA0002 PeerAuthentication cart/newer']);
    expect(findings[1]?.actualEffect.text).toBe('Only the oldest selector-less policy of a namespace counts: PeerAuthentication cart/older decides for namespace cart (STRICT), and PeerAuthentication cart/newer is ignored.');
  });

  it('reports KIA0003 for two workload policies on the same pods', () => {
    const findings = lint((w) => {
      w.put(peerAuthentication('cart', 'first', { selector: { matchLabels: { app: 'cartservice' } }, mtls: { mode: 'STRICT' } }, { createdAt: 1 }));
      w.put(peerAuthentication('cart', 'second', { selector: { matchLabels: { app: 'cartservice' } }, mtls: { mode: 'DISABLE' } }, { createdAt: 2 }));
    });
    expect(codes(findings)).toEqual(['KIA0003 PeerAuthentication cart/first', 'KIA0003 PeerAuthentication cart/second']);
    expect(findings[0]?.actualEffect.text).toMatch(/oldest matching workload policy wins: PeerAuthentication cart\/first \(STRICT\)\. PeerAuthentication cart\/second is ignored there\.$/);
  });

  it('reports KIA0004 for a selector that matches no pod (a label typo) and for a root-namespace selector', () => {
    const findings = lint((w) => {
      w.put(peerAuthentication('cart', 'typo', { selector: { matchLabels: { app: 'cartsevice' } }, mtls: { mode: 'STRICT' } }));
      w.put(peerAuthentication('istio-system', 'root-selector', { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'STRICT' } }));
    });
    expect(codes(findings)).toEqual(['KIA0004 PeerAuthentication istio-system/root-selector', 'KIA0004 PeerAuthentication cart/typo']);
    expect(findings[1]).toMatchObject({ severity: 'warning', path: 'spec/selector' });
    expect(findings[1]?.actualEffect.text).toContain('nothing in cart has the labels app=cartsevice');
    expect(findings[0]?.actualEffect.code).toBe('effect.root-selector');
  });

  it("flags the tutorial's DestinationRule host frontend.demo.svc.cluster.local, which matches no service", () => {
    const findings = lint((w) => {
      w.put(peerAuthentication('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'STRICT' } }));
      w.put(destinationRule('frontend', 'frontend', { host: 'frontend.demo.svc.cluster.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } }));
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'KIA0202', severity: 'warning', path: 'spec/host', object: { kind: 'DestinationRule', namespace: 'frontend', name: 'frontend', field: 'spec.host' }, noise: false });
    expect(findings[0]?.actualEffect.text).toContain('no Service is frontend.demo.svc.cluster.local: the rule has no effect at all');
    expect(findings[0]?.actualEffect.text).toContain('probably frontend.frontend.svc.cluster.local, where auto mTLS already decides: mTLS to a STRICT server → accepted');
  });

  it('says when a finding affects no running workload', () => {
    const world = worldWith({
      pods: [pod('shop', 'client')],
      services: [service('empty', 'nothing')],
      policies: [
        peerAuthentication('empty', 'default', { mtls: { mode: 'STRICT' } }),
        destinationRule('empty', 'plain', { host: '*.empty.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }),
      ],
    });
    const finding = lintMesh(world).find((f) => f.code === 'KIA0207');
    expect(finding?.actualEffect.code).toBe('effect.no-target');
  });
});

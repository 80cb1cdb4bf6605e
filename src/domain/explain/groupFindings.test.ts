import { describe, expect, it } from 'vitest';
import { BOUTIQUE_NAMESPACES } from '../cluster/boutique.ts';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { destinationRule, peerAuthentication } from '../testing/fixtures.ts';
import type { World } from '../world.ts';
import { groupFindings } from './groupFindings.ts';
import { lintMesh } from './lintMesh.ts';

function lint(setup: (w: World) => void) {
  const world = createDefaultWorld();
  setup(world);
  return lintMesh(world);
}

const summary = (groups: ReturnType<typeof groupFindings>) => groups.map((g) => `${g.findings[0].code} ×${g.findings.length} in ${g.namespaces.join(',')}`);

describe('groupFindings', () => {
  it('gathers the KIA0501 of every namespace-wide STRICT policy into one group', () => {
    const findings = lint((w) => {
      for (const ns of BOUTIQUE_NAMESPACES) w.put(peerAuthentication(ns, 'namespace-policy', { mtls: { mode: 'STRICT' } }));
    });
    expect(findings).toHaveLength(BOUTIQUE_NAMESPACES.length);
    const groups = groupFindings(findings);
    expect(summary(groups)).toEqual([`KIA0501 ×${BOUTIQUE_NAMESPACES.length} in ${BOUTIQUE_NAMESPACES.join(',')}`]);
    expect(groups[0]?.findings).toEqual(findings);
  });

  it('keeps different codes apart, in the order they first appear', () => {
    const findings = lint((w) => {
      w.put(peerAuthentication('currency', 'namespace-policy', { mtls: { mode: 'STRICT' } }));
      w.put(destinationRule('currency', 'plain', { host: '*.currency.svc.cluster.local', trafficPolicy: { tls: { mode: 'DISABLE' } } }));
    });
    const groups = groupFindings(findings);
    expect(groups.map((g) => g.findings[0].code)).toEqual([...new Set(findings.map((f) => f.code))]);
    expect(groups.flatMap((g) => g.findings)).toHaveLength(findings.length);
  });

  it('has nothing to group when there is nothing to say', () => {
    expect(groupFindings([])).toEqual([]);
  });
});

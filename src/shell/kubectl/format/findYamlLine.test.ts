import { describe, expect, it } from 'vitest';
import { findYamlLine } from './findYamlLine.ts';

const PA = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: frontend
  namespace: frontend
spec:
  mtls:
    mode: STRICT
  portLevelMtls:
    "8080":
      mode: DISABLE
  selector:
    matchLabels:
      app: frontend
`;

const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
spec:
  host: cartservice.cart.svc.cluster.local
  trafficPolicy:
    portLevelSettings:
    - port:
        number: 80
      tls:
        mode: SIMPLE
    - port:
        number: 7070
      tls:
        mode: DISABLE
    tls:
      mode: ISTIO_MUTUAL
`;

describe('findYamlLine', () => {
  it('finds nested keys, quoted map keys and list items', () => {
    expect(findYamlLine(PA, 'spec.mtls.mode')).toBe(7);
    expect(findYamlLine(PA, 'spec.portLevelMtls.8080.mode')).toBe(10);
    expect(findYamlLine(PA, 'metadata.name')).toBe(3);
    expect(findYamlLine(DR, 'spec.trafficPolicy.tls.mode')).toBe(15);
    expect(findYamlLine(DR, 'spec.trafficPolicy.portLevelSettings[1].tls.mode')).toBe(13);
    expect(findYamlLine(DR, 'spec.trafficPolicy.portLevelSettings[0].tls.mode')).toBe(9);
  });

  it('returns -1 for a path that is not there', () => {
    expect(findYamlLine(PA, 'spec.mtls.nothing')).toBe(-1);
    expect(findYamlLine(DR, 'spec.trafficPolicy.portLevelSettings[5].tls.mode')).toBe(-1);
  });
});

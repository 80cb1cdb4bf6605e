/**
 * Label and selector lookups see own entries only: a key named after an Object.prototype member
 * (`constructor`, `toString`, `hasOwnProperty`, `__proto__`) is an ordinary label key that a pod
 * either has or has not (apimachinery labels.Set is a Go map; Go has no inherited keys).
 */
import { describe, expect, it } from 'vitest';
import { serviceEndpoints } from './cluster/services.ts';
import { type JsonObject, getPath, getStringMap, labelsMatch, ownValue } from './objects.ts';
import { findDestinationRule } from './resolution/findDestinationRule.ts';
import { resolveServerMode } from './resolution/resolveServerMode.ts';
import { destinationRule, peerAuthentication, pod, service, worldWith } from './testing/fixtures.ts';

const PROTOTYPE_KEYS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];

describe('ownValue', () => {
  it.each(PROTOTYPE_KEYS)('finds no inherited %s', (key) => {
    expect(ownValue({ app: 'frontend' }, key)).toBeUndefined();
  });

  it('finds an own entry, even one named __proto__', () => {
    const labels = Object.fromEntries([['__proto__', 'x'], ['constructor', 'y']]) as Record<string, string>;
    expect(ownValue(labels, '__proto__')).toBe('x');
    expect(ownValue(labels, 'constructor')).toBe('y');
  });
});

describe('getPath', () => {
  it('does not walk into Object.prototype', () => {
    expect(getPath({ spec: {} }, 'spec', 'constructor')).toBeUndefined();
    expect(getPath({ spec: {} }, 'spec', 'constructor', 'name')).toBeUndefined();
    expect(getPath({ items: ['a'] }, 'items', 0)).toBe('a');
  });
});

describe('getStringMap', () => {
  it('keeps a __proto__ key as an own entry without changing the prototype', () => {
    const matchLabels = JSON.parse('{"__proto__":"x","app":"a"}') as Record<string, string>;
    const map = getStringMap({ selector: { matchLabels } }, 'selector', 'matchLabels');
    expect(Object.keys(map)).toEqual(['__proto__', 'app']);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(ownValue(map, '__proto__')).toBe('x');
  });
});

describe('labelsMatch', () => {
  it.each(PROTOTYPE_KEYS)('does not match selector key %s against a pod without that label', (key) => {
    const selector = Object.fromEntries([[key, 'x']]) as Record<string, string>;
    expect(labelsMatch(selector, { app: 'frontend' })).toBe(false);
  });

  it('matches a pod that really carries the label', () => {
    expect(labelsMatch({ constructor: 'x' } as Record<string, string>, { app: 'a', constructor: 'x' } as Record<string, string>)).toBe(true);
  });
});

describe('selectors with prototype-named keys', () => {
  const selector = { constructor: 'Object' } as unknown as Record<string, string>;

  it('a workload PeerAuthentication selecting matchLabels {constructor: ...} applies to no pod', () => {
    const frontend = pod('frontend', 'frontend');
    const world = worldWith({ pods: [frontend], policies: [peerAuthentication('frontend', 'odd', { selector: { matchLabels: { constructor: 'Object', toString: 'x' } }, mtls: { mode: 'STRICT' } })] });
    const decision = resolveServerMode(world, frontend);
    expect(decision.mode).toBe('PERMISSIVE');
    expect(decision.considered.map((c) => c.verdict)).toEqual(['selector-mismatch']);
  });

  it('a PeerAuthentication selecting matchLabels {__proto__: ...} stays a workload policy that applies to no pod', () => {
    // As the manifest decoder hands it over: `__proto__` is an own key of the parsed map.
    const spec = JSON.parse('{"selector":{"matchLabels":{"__proto__":"x"}},"mtls":{"mode":"STRICT"}}') as JsonObject;
    const frontend = pod('frontend', 'frontend');
    const decision = resolveServerMode(worldWith({ pods: [frontend], policies: [peerAuthentication('frontend', 'odd', spec)] }), frontend);
    expect(decision.mode).toBe('PERMISSIVE');
    expect(decision.considered.map((c) => c.verdict)).toEqual(['selector-mismatch']);
  });

  it('a Service selecting {constructor: ...} has no endpoints', () => {
    const world = worldWith({ pods: [pod('frontend', 'frontend')], services: [service('frontend', 'odd', { selector })] });
    expect(serviceEndpoints(world, world.get('Service', 'frontend', 'odd')!)).toEqual([]);
  });

  it('a DestinationRule workloadSelector {hasOwnProperty: ...} selects no client', () => {
    const world = worldWith({
      pods: [pod('frontend', 'frontend')],
      policies: [destinationRule('frontend', 'odd', { host: 'cart.cart.svc.cluster.local', workloadSelector: { matchLabels: { hasOwnProperty: 'x' } }, trafficPolicy: { tls: { mode: 'DISABLE' } } })],
    });
    expect(findDestinationRule(world, 'frontend', 'cart.cart.svc.cluster.local', { app: 'frontend' })).toBeUndefined();
  });
});

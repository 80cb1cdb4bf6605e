import { describe, expect, it } from 'vitest';
import { compareYamlKeys } from './compareYamlKeys.ts';

function sorted(...keys: string[]): string[] {
  return [...keys].sort(compareYamlKeys);
}

describe('compareYamlKeys', () => {
  it('sorts object fields alphabetically, upper case first', () => {
    expect(sorted('spec', 'status', 'metadata', 'kind', 'apiVersion')).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    expect(sorted('b', 'a', 'B', 'A')).toEqual(['A', 'B', 'a', 'b']);
  });

  it('puts a non-letter before a letter, unlike byte order', () => {
    expect(sorted('aB', 'a_b', 'a-b', 'ab')).toEqual(['a-b', 'a_b', 'aB', 'ab']);
    expect(sorted('app', 'app.kubernetes.io/name', 'apps')).toEqual(['app', 'app.kubernetes.io/name', 'apps']);
  });

  it('compares runs of digits by value', () => {
    expect(sorted('port10', 'port9', 'port100', 'port2')).toEqual(['port2', 'port9', 'port10', 'port100']);
    expect(sorted('10', '9', '100')).toEqual(['9', '10', '100']);
  });

  it('orders a shorter prefix first', () => {
    expect(sorted('name2', 'name', 'n')).toEqual(['n', 'name', 'name2']);
  });

  it('sorts the usual pod annotation keys', () => {
    expect(sorted('sidecar.istio.io/status', 'kubectl.kubernetes.io/last-applied-configuration', 'istio.io/rev')).toEqual([
      'istio.io/rev',
      'kubectl.kubernetes.io/last-applied-configuration',
      'sidecar.istio.io/status',
    ]);
  });
});

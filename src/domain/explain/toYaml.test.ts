import { describe, expect, it } from 'vitest';
import { toYaml } from './toYaml.ts';

describe('toYaml', () => {
  it("prints kubectl's block style and quotes what YAML would misread", () => {
    expect(toYaml({ metadata: { labels: { 'sidecar.istio.io/inject': 'true' } }, spec: { host: '*.local', ports: [{ port: 80, name: 'http' }], command: ['sleep', '600'], empty: {} } })).toBe(
      [
        'metadata:',
        '  labels:',
        '    sidecar.istio.io/inject: "true"',
        'spec:',
        '  host: "*.local"',
        '  ports:',
        '  - port: 80',
        '    name: http',
        '  command:',
        '  - sleep',
        '  - "600"',
        '  empty: {}',
        '',
      ].join('\n'),
    );
  });
});

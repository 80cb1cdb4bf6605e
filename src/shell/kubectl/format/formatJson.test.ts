import { describe, expect, it } from 'vitest';
import type { Json } from '../../../domain/objects.ts';
import { formatJson, formatJsonList } from './formatJson.ts';

function printed(...lines: string[]): string {
  return lines.map((line) => `${line}\n`).join('');
}

describe('formatJson', () => {
  it('prints with 4-space indentation, sorted keys and a final newline', () => {
    const pod: Json = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'testcurl', namespace: 'default', labels: { run: 'testcurl' } },
      spec: { containers: [{ name: 'testcurl', image: 'curlimages/curl', command: ['sleep', '3650d'], resources: {} }] },
      status: {},
    };
    expect(formatJson(pod)).toBe(
      printed(
        '{',
        '    "apiVersion": "v1",',
        '    "kind": "Pod",',
        '    "metadata": {',
        '        "labels": {',
        '            "run": "testcurl"',
        '        },',
        '        "name": "testcurl",',
        '        "namespace": "default"',
        '    },',
        '    "spec": {',
        '        "containers": [',
        '            {',
        '                "command": [',
        '                    "sleep",',
        '                    "3650d"',
        '                ],',
        '                "image": "curlimages/curl",',
        '                "name": "testcurl",',
        '                "resources": {}',
        '            }',
        '        ]',
        '    },',
        '    "status": {}',
        '}',
      ),
    );
  });

  it('escapes the way Go does, including the newline of last-applied-configuration', () => {
    const annotation = '{"kind":"Pod","metadata":{"annotations":{"a":"x&y"}}}\n';
    expect(formatJson({ 'kubectl.kubernetes.io/last-applied-configuration': annotation })).toBe(
      printed('{', '    "kubectl.kubernetes.io/last-applied-configuration": "{\\"kind\\":\\"Pod\\",\\"metadata\\":{\\"annotations\\":{\\"a\\":\\"x\\u0026y\\"}}}\\n"', '}'),
    );
  });
});

describe('formatJsonList', () => {
  it('wraps objects in a v1 List', () => {
    expect(formatJsonList([{ kind: 'Namespace', metadata: { name: 'ad' } }])).toBe(
      printed(
        '{',
        '    "apiVersion": "v1",',
        '    "items": [',
        '        {',
        '            "kind": "Namespace",',
        '            "metadata": {',
        '                "name": "ad"',
        '            }',
        '        }',
        '    ],',
        '    "kind": "List",',
        '    "metadata": {',
        '        "resourceVersion": ""',
        '    }',
        '}',
      ),
    );
  });

  it('prints an empty List with "items": []', () => {
    expect(formatJsonList([])).toBe(
      printed('{', '    "apiVersion": "v1",', '    "items": [],', '    "kind": "List",', '    "metadata": {', '        "resourceVersion": ""', '    }', '}'),
    );
  });
});

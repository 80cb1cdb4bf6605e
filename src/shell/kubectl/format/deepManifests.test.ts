/**
 * Values nested thousands of levels deep in a loosely typed field pass decoding (go-yaml and
 * encoding/json accept up to 10,000 levels), so kubectl must print them too: `apply` stores them in
 * the last-applied annotation, and `get -o json|yaml|jsonpath` and `describe` print them.
 */
import { describe, expect, it } from 'vitest';
import { outputText, runScript } from '../../runScript.ts';
import { SimSession } from '../../session.ts';

/** A session holding DestinationRule `deep` whose connectionPool is `connectionPool` (flow YAML). */
function sessionWith(connectionPool: string): SimSession {
  const session = new SimSession();
  const manifest = [
    'apiVersion: networking.istio.io/v1',
    'kind: DestinationRule',
    'metadata:',
    '  name: deep',
    '  namespace: default',
    'spec:',
    '  host: frontend',
    '  trafficPolicy:',
    `    connectionPool: ${connectionPool}`,
  ].join('\n');
  expect(run(session, `kubectl apply -f - <<EOF\n${manifest}\nEOF`)).toBe('destinationrule.networking.istio.io/deep created\n');
  return session;
}

function run(session: SimSession, line: string): string {
  return outputText(runScript(line, { session }));
}

/** The terminal's note when a command prints more than it shows. */
const OUTPUT_LIMIT_NOTE = 'bash: stopped: the output passed 2097152 characters\n';

/** How many of `lines`, from `first` on, are `pattern(i)` for the i-th of them. */
function countMatching(lines: readonly string[], first: number, pattern: (i: number) => string): number {
  let i = 0;
  while (first + i < lines.length && lines[first + i] === pattern(i)) i++;
  return i;
}

describe('kubectl on deeply nested values', () => {
  it('prints a value nested three deep in every format', () => {
    const session = sessionWith('{a: {a: {a: 1}}}');
    expect(run(session, "kubectl get dr deep -o jsonpath='{.spec.trafficPolicy}'")).toBe('{"connectionPool":{"a":{"a":{"a":1}}}}');
    expect(run(session, 'kubectl get dr deep -o json')).toContain(
      [
        '        "trafficPolicy": {',
        '            "connectionPool": {',
        '                "a": {',
        '                    "a": {',
        '                        "a": 1',
        '                    }',
        '                }',
        '            }',
        '        }',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
    expect(run(session, 'kubectl get dr deep -o yaml')).toContain(
      ['  trafficPolicy:', '    connectionPool:', '      a:', '        a:', '          a: 1', ''].join('\n'),
    );
    expect(run(session, 'kubectl describe dr deep')).toContain(
      // Events lines up with the last field, which ends the same tabwriter column block.
      ['  Traffic Policy:', '    Connection Pool:', '      A:', '        A:', '          A:  1', 'Events:       <none>', ''].join('\n'),
    );
  });

  it('applies and prints maps nested 9,000 deep', () => {
    const depth = 9_000;
    const session = sessionWith(`${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`);
    const compact = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    expect(run(session, "kubectl get dr deep -o jsonpath='{.spec.trafficPolicy.connectionPool}'")).toBe(compact);
    const lastApplied = run(session, "kubectl get dr deep -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'");
    expect(lastApplied).toContain(`"trafficPolicy":{"connectionPool":${compact}}}}\n`);

    // Each level is a line indented one step further, so the output passes what the terminal shows.
    const json = run(session, 'kubectl get dr deep -o json').split('\n');
    const jsonStart = json.indexOf('            "connectionPool": {');
    expect(countMatching(json, jsonStart + 1, (i) => `${' '.repeat(16 + 4 * i)}"a": {`)).toBeGreaterThan(900);
    const yaml = run(session, 'kubectl get dr deep -o yaml').split('\n');
    const yamlStart = yaml.indexOf('    connectionPool:');
    expect(countMatching(yaml, yamlStart + 1, (i) => `${' '.repeat(6 + 2 * i)}a:`)).toBeGreaterThan(1_000);
    const described = run(session, 'kubectl describe dr deep').split('\n');
    const describedStart = described.indexOf('    Connection Pool:');
    expect(countMatching(described, describedStart + 1, (i) => `${' '.repeat(6 + 2 * i)}A:`)).toBeGreaterThan(1_000);
    for (const output of [json, yaml, described]) expect(output.slice(-2).join('\n')).toBe(OUTPUT_LIMIT_NOTE);
  });

  it('applies and prints lists nested 9,000 deep', () => {
    const depth = 9_000;
    const session = sessionWith(`{a: ${'['.repeat(depth)}1${']'.repeat(depth)}}`);
    expect(run(session, "kubectl get dr deep -o jsonpath='{.spec.trafficPolicy}'")).toBe(
      `{"connectionPool":{"a":${'['.repeat(depth)}1${']'.repeat(depth)}}}`,
    );
    expect(run(session, 'kubectl get dr deep -o yaml')).toContain(`    connectionPool:\n      a:\n      ${'- '.repeat(depth)}1\n`);
    expect(run(session, 'kubectl describe dr deep')).toContain(
      `    Connection Pool:\n      A:\n        ${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}\nEvents:  <none>\n`,
    );
    const json = run(session, 'kubectl get dr deep -o json').split('\n');
    const start = json.indexOf('                "a": [');
    expect(countMatching(json, start + 1, (i) => `${' '.repeat(20 + 4 * i)}[`)).toBeGreaterThan(900);
    expect(json.slice(-2).join('\n')).toBe(OUTPUT_LIMIT_NOTE);
  });
});

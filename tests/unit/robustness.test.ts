/**
 * Bad input never breaks the simulator: random bytes, random kubectl flags, random YAML and huge
 * pastes return a result (never an exception or a hang), and a rejected write leaves the world as
 * it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../src/domain/cluster/defaultWorld.ts';
import type { World } from '../../src/domain/world.ts';
import { SimSession } from '../../src/shell/session.ts';

const base = createDefaultWorld();

function snapshot(world: World): string {
  return JSON.stringify([...world.objects.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function freshSession(): SimSession {
  return new SimSession({ world: base.clone() });
}

const VERBS = ['get', 'describe', 'apply', 'create', 'delete', 'label', 'exec', 'debug', 'logs', 'rollout', 'restart', 'version', 'gte', ''];
const WORDS = ['pods', 'pa', 'dr', 'svc', 'ns', 'deploy', 'peerauthentication', 'frontend', 'testcurl', 'namespace-policy', 'istio-system', '-n', '-A', '-o', 'yaml', 'json', 'wide', 'name', 'jsonpath={.items[0]}', 'jsonpath={.items[', '-l', 'app=frontend', 'app in (', '-f', '-', 'x.yaml', '--', 'curl', '-s', '-w', '%{http_code}', '--overwrite', 'istio-injection=enabled', 'foo-', '-it', '-c', 'istio-proxy', '--image', 'istio/base', '--bogus', '-Z', '=', '""', "''", 'http://frontend.frontend/', '--all', '--tail', '-3'];

describe('robustness', () => {
  it('random text as a command line never throws and always yields an exit status', () => {
    const session = freshSession();
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (line) => {
        if (!session.isComplete(line)) return;
        const result = session.run(line);
        expect(Number.isInteger(result.exitCode)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('random kubectl argument soups never throw; read-only verbs never change the world', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VERBS), fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }), (verb, words) => {
        const session = freshSession();
        const before = snapshot(session.world);
        const line = ['kubectl', verb, ...words].map((w) => (w === '' ? "''" : w.includes(' ') || w.includes('(') || w.includes('{') ? `'${w}'` : w)).join(' ');
        const result = session.run(line);
        expect(Number.isInteger(result.exitCode)).toBe(true);
        if (['get', 'describe', 'logs', 'version', 'gte', ''].includes(verb)) expect(snapshot(session.world)).toBe(before);
      }),
      { numRuns: 400 },
    );
  });

  it('a rejected kubectl apply of one document leaves the world unchanged', () => {
    const key = fc.constantFrom('apiVersion', 'kind', 'metadata', 'spec', 'mtls', 'mode', 'selector', 'matchLabels', 'name', 'namespace', 'portLevelMtls', 'host', 'trafficPolicy', 'tls', '8080', 'bogus');
    const scalar = fc.oneof(fc.constantFrom('STRICT', 'strict', 'PERMISSIVE', 'DISABLE', 'UNSET', 'PeerAuthentication', 'DestinationRule', 'security.istio.io/v1beta1', 'networking.istio.io/v1', 'frontend', 'Bad_Name', '', '*', '0', '70000'), fc.integer(), fc.boolean());
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.dictionary(key, tie('node'), { maxKeys: 4 }), fc.array(tie('node'), { maxLength: 2 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), fc.boolean(), (doc, asPa) => {
        const session = freshSession();
        const manifest = asPa ? { apiVersion: 'security.istio.io/v1beta1', kind: 'PeerAuthentication', ...doc } : doc;
        session.fs.writeFile('doc.json', JSON.stringify(manifest));
        const before = snapshot(session.world);
        const result = session.run('kubectl apply -n frontend -f doc.json');
        if (result.exitCode !== 0) expect(snapshot(session.world)).toBe(before);
      }),
      { numRuns: 400 },
    );
  });

  it('random YAML-ish text piped into kubectl apply never throws', () => {
    const line = fc.array(fc.constantFrom('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: x', '- a', '  - b', ': :', '"', "'", '{', '}', '[', ']', '\t', '---', 'mode: STRICT', '  mtls:', 'spec:', '&a', '*a', '!!binary', '%YAML 1.2', '|', '>'), { maxLength: 12 });
    fc.assert(
      fc.property(line, (lines) => {
        const session = freshSession();
        session.fs.writeFile('y.yaml', lines.join('\n'));
        const before = snapshot(session.world);
        const result = session.run('kubectl apply -f y.yaml');
        expect(Number.isInteger(result.exitCode)).toBe(true);
        if (result.exitCode !== 0 && !result.chunks.some((c) => c.stream === 'stdout' && c.text.includes(' created'))) {
          expect(snapshot(session.world)).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers a 1 MB paste instead of freezing', () => {
    const session = freshSession();
    const big = `echo ${'x'.repeat(1024 * 1024)}`;
    // A hang would trip the test timeout; no wall-clock budget is asserted here (bench/ measures speed).
    const result = session.run(big);
    expect(result.exitCode).toBe(0);
    const yaml = `cat <<EOF | kubectl apply -f -\n${'# filler\n'.repeat(100_000)}EOF`;
    expect(session.isComplete(yaml)).toBe(true);
    expect(Number.isInteger(session.run(yaml).exitCode)).toBe(true);
  });
});

/**
 * Bad input never breaks the simulator: random bytes, random kubectl flags, random YAML and huge
 * pastes return a result (never an exception or a hang), and a rejected write leaves the world as
 * it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../src/domain/cluster/defaultWorld.ts';
import { parseManifests } from '../../src/domain/manifests/parseManifests.ts';
import type { World } from '../../src/domain/world.ts';
import { outputText, runScript } from '../../src/shell/runScript.ts';
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

  describe('hostile manifests', () => {
    const EXCESSIVE = 'error: error parsing STDIN: error converting YAML to JSON: yaml: document contains excessive aliasing\n';
    const PA = 'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\n';

    /** Pipes `manifest` into `kubectl apply -f -` through a heredoc, then runs `after`. */
    function applyThen(manifest: string, ...after: string[]) {
      const session = freshSession();
      const before = snapshot(session.world);
      const applied = runScript(`cat <<'EOF' | kubectl apply -f -\n${manifest}\nEOF`, { session });
      const rest = after.map((line) => outputText(runScript(line, { session })));
      return { session, before, exitCode: applied.exitCode, output: outputText(applied), rest };
    }

    /** The "billion laughs": nine aliases of the level before, `levels` deep (go-yaml decode.go alias budget). */
    function aliasBomb(levels: number, merge = false): string {
      const lines = [merge ? 'm0: &m0 {k0: v}' : 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < levels; i++) {
        const nine = Array.from({ length: 9 }, () => `*${merge ? 'm' : 'a'}${i - 1}`).join(',');
        lines.push(merge ? `m${i}: &m${i} {<<: [${nine}], k${i}: v}` : `a${i}: &a${i} [${nine}]`);
      }
      return `${PA}metadata:\n  name: bomb\nspec:\n${lines.map((l) => `  ${l}`).join('\n')}`;
    }

    it.each([
      ['8-level alias bomb', aliasBomb(8)],
      ['11-level alias bomb', aliasBomb(11)],
      ['11-level merge-key bomb', aliasBomb(11, true)],
    ])('rejects a %s with go-yaml\'s error and changes nothing', (_name, manifest) => {
      const r = applyThen(manifest);
      expect(r.output).toBe(EXCESSIVE);
      expect(r.exitCode).toBe(1);
      expect(snapshot(r.session.world)).toBe(r.before);
    });

    it('answers 100,000 levels of nesting with go-yaml\'s and encoding/json\'s own errors', () => {
      const flow = applyThen(`${PA}metadata: {name: p}\nspec: ${'['.repeat(100_000)}${']'.repeat(100_000)}`);
      expect(flow.output).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: line 4: exceeded max depth of 10000\n');
      const block = applyThen(`${PA}metadata: {name: p}\nspec:\n${'- '.repeat(100_000)}x`);
      expect(block.output).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: line 5: exceeded max depth of 10000\n');
      const json = applyThen(`{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
      expect(json.output).toBe("error: error parsing STDIN: json: offset 10063: invalid character '[' exceeded max depth\n");
      for (const r of [flow, block, json]) expect(snapshot(r.session.world)).toBe(r.before);
    });

    it('treats spec.__proto__ as an unknown field: no STRICT policy behind an empty spec', () => {
      const r = applyThen(`${PA}metadata: {name: p, namespace: frontend}\nspec: {__proto__: {mtls: {mode: STRICT}}}`, 'kubectl get pa -A');
      expect(r.output).toBe('Error from server (BadRequest): error when creating "STDIN": PeerAuthentication in version "v1beta1" cannot be handled as a PeerAuthentication: strict decoding error: unknown field "spec.__proto__"\n');
      expect(r.rest).toEqual(['No resources found\n']);
      expect(snapshot(r.session.world)).toBe(r.before);
    });

    it('treats metadata.__proto__ as an unknown field: nothing lands in the root namespace', () => {
      const r = applyThen(`${PA}metadata: {name: p, __proto__: {namespace: istio-system}}\nspec: {mtls: {mode: STRICT}}`, 'kubectl get pa -n istio-system');
      expect(r.output).toBe('Error from server (BadRequest): error when creating "STDIN": PeerAuthentication in version "v1beta1" cannot be handled as a PeerAuthentication: strict decoding error: unknown field "metadata.__proto__"\n');
      expect(r.rest).toEqual(['No resources found in istio-system namespace.\n']);
      expect(snapshot(r.session.world)).toBe(r.before);
    });

    it('reports spec.constructor and its kin as unknown fields', () => {
      const r = applyThen(`${PA}metadata: {name: p}\nspec: {constructor: {name: x}, hasOwnProperty: 1, toString: 2, mtls: {mode: STRICT}}`);
      expect(r.output).toBe('Error from server (BadRequest): error when creating "STDIN": PeerAuthentication in version "v1beta1" cannot be handled as a PeerAuthentication: strict decoding error: unknown field "spec.constructor", unknown field "spec.hasOwnProperty", unknown field "spec.toString"\n');
      expect(snapshot(r.session.world)).toBe(r.before);
    });

    it('stores and prints a __proto__ key under a free-form field as the key it is', () => {
      const r = applyThen(
        'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: d, namespace: frontend}\nspec: {host: frontend, trafficPolicy: {connectionPool: {__proto__: {tcp: {maxConnections: 1}}}}}',
        "kubectl get dr d -n frontend -o jsonpath='{.spec.trafficPolicy.connectionPool}'",
        "kubectl get dr d -n frontend -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'",
      );
      expect(r.output).toBe('destinationrule.networking.istio.io/d created\n');
      expect(r.rest[0]).toBe('{"__proto__":{"tcp":{"maxConnections":1}}}');
      expect(r.rest[1]).toContain('"connectionPool":{"__proto__":{"tcp":{"maxConnections":1}}}');
    });

    // ---- generators ----

    type Tree = null | boolean | number | string | Tree[] | { entries: [string, Tree][] };
    const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];
    const isEntries = (t: Tree): t is { entries: [string, Tree][] } => t !== null && typeof t === 'object' && !Array.isArray(t);

    /** JSON text with the keys exactly as given: no JS object ever holds them on the way. */
    function jsonText(t: Tree): string {
      if (Array.isArray(t)) return `[${t.map(jsonText).join(',')}]`;
      if (isEntries(t)) return `{${t.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
      return JSON.stringify(t);
    }

    /** The same tree as block YAML (double-quoted scalars are JSON strings). */
    function yamlText(t: Tree, indent = ''): string {
      if (Array.isArray(t)) return t.length === 0 ? ' []' : t.map((v) => `\n${indent}-${yamlText(v, `${indent}  `)}`).join('');
      if (isEntries(t)) return t.entries.length === 0 ? ' {}' : t.entries.map(([k, v]) => `\n${indent}${JSON.stringify(k)}:${yamlText(v, `${indent}  `)}`).join('');
      return ` ${JSON.stringify(t)}`;
    }

    const polluting: Tree = { entries: [['polluted', 'yes'], ['prototype', { entries: [['polluted', 'yes']] }], ['mode', 'STRICT'], ['namespace', 'istio-system']] };
    const key = fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.constantFrom('spec', 'mtls', 'mode', 'selector', 'matchLabels', 'app', 'host', 'trafficPolicy', 'connectionPool', 'tls', 'labels', 'namespace', 'containers', 'name', 'image'));
    const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom<Tree>('STRICT', 'frontend', 'istio-system', 'x', 1, true, null, polluting),
        fc.array(fc.tuple(key, tie('node')), { maxLength: 3 }).map((entries): Tree => ({ entries })),
        fc.array(tie('node'), { maxLength: 2 }),
      ),
    })).node;

    /** Kinds to start from; `freeForm` leads to a field that takes any key (a string map, or a loosely typed field). */
    const BASES: { kind: string; apiVersion: string; spec: Tree; freeForm?: { turns: number[]; value?: Tree } }[] = [
      {
        apiVersion: 'security.istio.io/v1beta1', kind: 'PeerAuthentication',
        spec: { entries: [['selector', { entries: [['matchLabels', { entries: [['app', 'frontend']] }]] }], ['mtls', { entries: [['mode', 'STRICT']] }]] },
        freeForm: { turns: [3, 0, 0], value: 'frontend' },
      },
      {
        apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule',
        spec: { entries: [['host', 'frontend'], ['trafficPolicy', { entries: [['connectionPool', { entries: [] }], ['tls', { entries: [['mode', 'ISTIO_MUTUAL']] }]] }]] },
        freeForm: { turns: [3, 1, 0] },
      },
      {
        apiVersion: 'v1', kind: 'Pod',
        spec: { entries: [['containers', [{ entries: [['name', 'c'], ['image', 'curlimages/curl'], ['resources', { entries: [] }]] }]]] },
        freeForm: { turns: [3, 0, 0, 2] },
      },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', spec: { entries: [['replicas', 1]] } },
    ];

    /** Puts `extra` into the object found by following `turns` (an index into each level's entries), or at the top. */
    function insertAt(root: Tree, turns: number[], extra: [string, Tree]): Tree {
      const copy = structuredClone(root);
      let at: Tree = copy;
      for (const turn of turns) {
        const next: Tree | undefined = isEntries(at) ? at.entries[turn % Math.max(1, at.entries.length)]?.[1] : Array.isArray(at) ? at[turn % Math.max(1, at.length)] : undefined;
        if (next === undefined || !(isEntries(next) || Array.isArray(next))) break;
        at = next;
      }
      if (isEntries(at)) at.entries.push(extra);
      else if (Array.isArray(at)) at.push({ entries: [extra] });
      return copy;
    }

    const manifestWithProtoKeys = fc
      .record({
        base: fc.constantFrom(...BASES),
        namespaced: fc.boolean(),
        inserts: fc.array(fc.tuple(fc.array(fc.nat(5), { maxLength: 4 }), fc.constantFrom(...PROTO_KEYS), tree), { minLength: 1, maxLength: 3 }),
        where: fc.constantFrom('metadata', 'spec', 'freeForm'),
      })
      .map(({ base, namespaced, inserts, where }) => {
        const metadata: Tree = { entries: [['name', 'hostile'], ...(namespaced ? [['namespace', 'frontend'] as [string, Tree]] : [])] };
        let doc: Tree = { entries: [['apiVersion', base.apiVersion], ['kind', base.kind], ['metadata', metadata], ['spec', base.spec]] };
        for (const [turns, k, v] of inserts) {
          if (where === 'freeForm' && base.freeForm) doc = insertAt(doc, base.freeForm.turns, [k, base.freeForm.value ?? v]);
          else doc = insertAt(doc, where === 'metadata' ? [2, ...turns] : [3, ...turns], [k, v]);
        }
        return { doc, get: `kubectl get ${base.kind.toLowerCase()} hostile -n ${namespaced ? 'frontend' : 'default'}` };
      });

    /**
     * A document that defines anchors (lists and maps) from earlier ones, with merge keys. With
     * `chain`, all are of one type and each holds nine copies of the one before: up to 9^7 nodes.
     */
    const aliasHeavy = fc
      .record({
        defs: fc.array(fc.record({ map: fc.boolean(), refs: fc.array(fc.nat(), { maxLength: 9 }), scalars: fc.nat(3) }), { minLength: 1, maxLength: 8 }),
        chain: fc.boolean(),
        mergeOnlyMaps: fc.boolean(),
      })
      .chain((doc) => fc.record({ doc: fc.constant(doc), use: fc.nat(doc.defs.length - 1), where: fc.constantFrom('connectionPool', 'spec', 'top') }))
      .map(({ doc: { defs, chain, mergeOnlyMaps }, use, where }) => {
        const lines = defs.map((d, i) => {
          const map = chain ? (defs[0]?.map ?? false) : d.map;
          const candidates = defs.slice(0, i).flatMap((e, j) => (!map || !mergeOnlyMaps || e.map ? [j] : []));
          const refs = chain ? Array.from({ length: i === 0 ? 0 : 9 }, () => `*a${i - 1}`) : candidates.length === 0 ? [] : d.refs.map((r) => `*a${candidates[r % candidates.length]}`);
          const scalars = Array.from({ length: d.scalars }, (_, j) => (map ? `k${i}x${j}: v` : `v${j}`));
          if (!map) return `a${i}: &a${i} [${[...refs, ...scalars].join(', ')}]`;
          return `a${i}: &a${i} {${[...(refs.length ? [`<<: [${refs.join(', ')}]`] : []), ...scalars].join(', ')}}`;
        });
        const head = 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: aliased, namespace: frontend}\n';
        if (where === 'top') return `${head}defs:\n${lines.map((l) => `  ${l}`).join('\n')}\nspec: {host: frontend}`;
        const pool = `connectionPool:\n${lines.map((l) => `      ${l}`).join('\n')}\n      use: *a${use}`;
        if (where === 'connectionPool') return `${head}spec:\n  host: frontend\n  trafficPolicy:\n    ${pool}`;
        return `${head}spec:\n  host: frontend\n  trafficPolicy:\n    ${pool}\n  subsets: [{name: s, <<: *a${use}}]`;
      });

    // ---- properties ----

    const prototypesBefore = [Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).join());

    function expectNoPollution() {
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
      expect(([] as unknown as { polluted?: unknown }).polluted).toBeUndefined();
      expect([Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).join())).toEqual(prototypesBefore);
    }

    /** True when every object stored in the world is a plain object or array: no key became a prototype. */
    function onlyPlainObjects(world: World): boolean {
      const stack: unknown[] = [...world.objects.values()];
      for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
        if (v === null || typeof v !== 'object') continue;
        const proto: unknown = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== Array.prototype) return false;
        stack.push(...Object.values(v));
      }
      return true;
    }

    function countNodes(value: unknown): number {
      let n = 0;
      const stack = [value];
      for (let v = stack.pop(); v !== undefined || stack.length > 0; v = stack.pop()) {
        n++;
        if (v !== null && typeof v === 'object') stack.push(...Object.values(v));
      }
      return n;
    }

    function applyAndCheck(session: SimSession, file: string, text: string) {
      session.fs.writeFile(file, text);
      const before = snapshot(session.world);
      const result = session.run(`kubectl apply -f ${file}`);
      const output = result.chunks.map((c) => c.text).join('');
      expect(Number.isInteger(result.exitCode)).toBe(true);
      expect(output).not.toContain('internal error');
      if (result.exitCode !== 0) expect(snapshot(session.world)).toBe(before);
      expectNoPollution();
      expect(onlyPlainObjects(session.world)).toBe(true);
      return result.exitCode;
    }

    it('prototype keys anywhere in a manifest, as JSON or YAML, never pollute, throw or half-apply', () => {
      fc.assert(
        fc.property(manifestWithProtoKeys, fc.boolean(), ({ doc, get }, asYaml) => {
          const session = freshSession();
          const text = asYaml ? `---${yamlText(doc)}\n` : jsonText(doc);
          if (applyAndCheck(session, asYaml ? 'doc.yaml' : 'doc.json', text) === 0) {
            for (const format of ['yaml', 'json']) {
              const printed = session.run(`${get} -o ${format}`);
              expect(printed.exitCode).toBe(0);
              expect(printed.chunks.map((c) => c.text).join('')).not.toContain('internal error');
            }
          }
        }),
        { numRuns: 250 },
      );
    });

    it('alias-heavy YAML never throws, stays within go-yaml\'s budget, and a rejected apply changes nothing', () => {
      fc.assert(
        fc.property(aliasHeavy, (text) => {
          const parsed = parseManifests(text, 'STDIN');
          // decode.go lets at most 99% of up to 400,000 decodes come from aliases: about 100 nodes per node written.
          expect(countNodes(parsed.docs.map((d) => d.object))).toBeLessThanOrEqual(100 * text.length + 1000);
          if (!parsed.ok) expect(parsed.error).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: (document contains excessive aliasing|map merge requires map or sequence of maps as the value)$/);
          applyAndCheck(freshSession(), 'aliased.yaml', text);
        }),
        { numRuns: 200 },
      );
    });
  });
});

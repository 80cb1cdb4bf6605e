/**
 * kubectl patch, as kubectl 1.33 and its API server answer. Sources:
 * - kubernetes/kubectl v0.33.13 pkg/cmd/patch/patch.go (`Validate`, `RunPatch`, `getPatchedJSON`,
 *   `patchOperation`: `patched` / `patched (no change)`), pkg/cmd/util/helpers.go (`checkErr`:
 *   "The request is invalid: …" for an Invalid status without details).
 * - kubernetes/apiserver handlers/patch.go (`applyJSPatch`: a failed JSON patch is a 422 made by
 *   apimachinery errors.NewGenericServerResponse; `error decoding patch:` under strict validation),
 *   and apiextensions-apiserver, which takes no strategic merge patch for custom resources.
 * - gopkg.in/evanphx/json-patch.v4 patch.go (operation errors, seen on a client dry run).
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import { getPath } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { MemoryFs } from '../../bash/memoryFs.ts';
import { runHandler, servicesFor } from '../../testing/runHandler.ts';
import { createKubectl } from '../kubectl.ts';
import { applyJsonPatch } from '../printers/applyJsonPatch.ts';

function kubectl(world: World, ...argv: string[]): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', ...argv]);
  return { stdout, stderr, code: exitCode };
}

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const failed = (stderr: string) => ({ stdout: '', stderr, code: 1 });

/** A world with a mesh-wide PERMISSIVE PeerAuthentication. */
function worldWithPolicy(): World {
  const world = createDefaultWorld();
  const yaml = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: PERMISSIVE\n';
  runHandler(createKubectl(servicesFor(world)), ['kubectl', 'apply', '-f', '-'], { stdin: yaml });
  return world;
}

const modeOf = (world: World) => getPath(world.get('PeerAuthentication', 'istio-system', 'default')?.spec, 'mtls', 'mode');

describe('kubectl patch: patch types', () => {
  it('merges a JSON merge patch into a PeerAuthentication, and says when nothing changed', () => {
    const world = worldWithPolicy();
    const strict = ['patch', 'pa', 'default', '-n', 'istio-system', '--type', 'merge', '-p', '{"spec":{"mtls":{"mode":"STRICT"}}}'];
    expect(kubectl(world, ...strict)).toEqual(ok('peerauthentication.security.istio.io/default patched\n'));
    expect(modeOf(world)).toBe('STRICT');
    expect(kubectl(world, ...strict)).toEqual(ok('peerauthentication.security.istio.io/default patched (no change)\n'));
  });

  it('applies a JSON patch, and words a failing operation as the server does', () => {
    const world = worldWithPolicy();
    expect(kubectl(world, 'patch', 'pa/default', '-n', 'istio-system', '--type=json', '-p', '[{"op":"replace","path":"/spec/mtls/mode","value":"DISABLE"}]')).toEqual(ok('peerauthentication.security.istio.io/default patched\n'));
    expect(modeOf(world)).toBe('DISABLE');
    expect(kubectl(world, 'patch', 'pa/default', '-n', 'istio-system', '--type=json', '-p', '[{"op":"replace","path":"/spec/portLevelMtls/8080","value":{}}]')).toEqual(failed('The request is invalid: the server rejected our request due to an error in our request\n'));
    expect(kubectl(world, 'patch', 'pa/default', '-n', 'istio-system', '--type=json', '-p', '{"op":"add"}')).toEqual(failed('Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp\n'));
  });

  it('refuses a strategic merge patch (the default type) for a custom resource', () => {
    const world = worldWithPolicy();
    expect(kubectl(world, 'patch', 'pa', 'default', '-n', 'istio-system', '-p', '{"spec":{"mtls":{"mode":"STRICT"}}}')).toEqual(failed(
      'error: application/strategic-merge-patch+json is not supported by security.istio.io/v1, Kind=PeerAuthentication: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n',
    ));
    expect(kubectl(world, 'patch', 'pa', 'default', '-n', 'istio-system', '--dry-run=client', '-p', '{}')).toEqual(failed('error: strategic merge patch is not supported for security.istio.io/v1, Kind=PeerAuthentication locally, try --type merge\n'));
  });

  it('merges a strategic patch into a Deployment by the containers\' names, and the controller rolls out', () => {
    const world = createDefaultWorld();
    const before = world.list('Pod', 'frontend').map((p) => p.metadata.name);
    const patch = '{"spec":{"template":{"spec":{"containers":[{"name":"server","env":[{"name":"DEBUG","value":"1"}]}]}}}}';
    expect(kubectl(world, 'patch', 'deployment', 'frontend', '-n', 'frontend', '-p', patch)).toEqual(ok('deployment.apps/frontend patched\n'));
    const containers = getPath(world.get('Deployment', 'frontend', 'frontend')?.spec, 'template', 'spec', 'containers');
    expect(Array.isArray(containers) && containers.length).toBe(1);
    expect(getPath(containers, 0, 'image')).toBeTypeOf('string');
    expect(world.list('Pod', 'frontend').map((p) => p.metadata.name)).not.toEqual(before);
  });

  it('reads the patch as YAML too, and from --patch-file', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'patch', 'deploy', 'frontend', '-n', 'frontend', '-p', 'spec: {replicas: 2}')).toEqual(ok('deployment.apps/frontend patched\n'));
    expect(world.list('Pod', 'frontend')).toHaveLength(2);
    const fs = new MemoryFs();
    fs.writeFile(fs.resolve('replicas.yaml'), 'spec:\n  replicas: 3\n');
    const run = runHandler(createKubectl(servicesFor(world, fs)), ['kubectl', 'patch', 'deploy', 'frontend', '-n', 'frontend', '--patch-file', 'replicas.yaml']);
    expect(run.stdout).toBe('deployment.apps/frontend patched\n');
    expect(world.list('Pod', 'frontend')).toHaveLength(3);
    expect(runHandler(createKubectl(servicesFor(world, fs)), ['kubectl', 'patch', 'deploy', 'frontend', '-n', 'frontend', '--patch-file', 'nope.yaml']).stderr).toBe('error: unable to read patch file: open nope.yaml: no such file or directory\n');
  });
});

describe('kubectl patch: validation and arguments', () => {
  it('lets the API server validate the patched object', () => {
    const world = worldWithPolicy();
    expect(kubectl(world, 'patch', 'pa', 'default', '-n', 'istio-system', '--type', 'merge', '-p', '{"spec":{"mtls":{"mode":"ON"}}}').stderr).toMatch(/^The PeerAuthentication "default" is invalid: \n\* spec\.mtls\.mode: Unsupported value: "ON": supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"\n/);
    expect(modeOf(world)).toBe('PERMISSIVE');
  });

  it('keeps patch.go\'s Validate errors', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'patch', 'pod', 'testcurl')).toEqual(failed('error: must specify --patch or --patch-file containing the contents of the patch\n'));
    expect(kubectl(world, 'patch', 'pod', 'testcurl', '-p', '{}', '--patch-file', 'x')).toEqual(failed('error: cannot specify --patch and --patch-file together\n'));
    expect(kubectl(world, 'patch', 'pod', 'testcurl', '-p', '{}', '--type', 'apply')).toEqual(failed('error: --type must be one of [json merge strategic], not "apply"\n'));
    expect(kubectl(world, 'patch', 'pod', 'testcurl', '-p', '{bad')).toEqual(failed('error: unable to parse "{bad": error converting YAML to JSON: yaml: line 1: did not find expected \',\' or \'}\'\n'));
    expect(kubectl(world, 'patch', 'pod', 'nope', '-p', '{}')).toEqual(failed('Error from server (NotFound): pods "nope" not found\n'));
    expect(kubectl(world, 'patch', 'pod', 'testcurl', '-p', '{}', '--foo')).toEqual(failed("error: unknown flag: --foo\nSee 'kubectl patch --help' for usage.\n"));
  });

  it('changes nothing on a dry run', () => {
    const world = worldWithPolicy();
    expect(kubectl(world, 'patch', 'pa', 'default', '-n', 'istio-system', '--type', 'merge', '-p', '{"spec":{"mtls":{"mode":"STRICT"}}}', '--dry-run=server')).toEqual(ok('peerauthentication.security.istio.io/default patched (server dry run)\n'));
    expect(kubectl(world, 'patch', 'pa', 'default', '-n', 'istio-system', '--type', 'merge', '-p', '{"spec":{"mtls":{"mode":"STRICT"}}}', '--dry-run=client', '-o', 'jsonpath={.spec.mtls.mode}').stderr).toMatch(/jsonpath/);
    expect(modeOf(world)).toBe('PERMISSIVE');
  });
});

describe('applyJsonPatch (RFC 6902, as evanphx/json-patch applies it)', () => {
  it('adds, removes, replaces, moves, copies and tests', () => {
    const doc = { a: { b: 1 }, list: [1, 2] };
    const result = applyJsonPatch(doc, [
      { op: 'add', path: '/list/-', value: 3 },
      { op: 'add', path: '/list/0', value: 0 },
      { op: 'replace', path: '/a/b', value: 2 },
      { op: 'copy', from: '/a', path: '/c' },
      { op: 'move', from: '/c/b', path: '/d' },
      { op: 'remove', path: '/list/1' },
      { op: 'test', path: '/d', value: 2 },
      { op: 'add', path: '/e~1f', value: true },
    ]);
    expect(result).toEqual({ ok: true, value: { a: { b: 2 }, list: [0, 2, 3], c: {}, d: 2, 'e/f': true } });
    expect(doc).toEqual({ a: { b: 1 }, list: [1, 2] });
  });

  it('reports what does not apply', () => {
    expect(applyJsonPatch({}, [{ op: 'add', path: '/a/b', value: 1 }])).toEqual({ ok: false, error: 'add operation does not apply: doc is missing path: "/a/b": missing value' });
    expect(applyJsonPatch({}, [{ op: 'remove', path: '/a' }])).toEqual({ ok: false, error: 'Unable to remove nonexistent key: a: missing value' });
    expect(applyJsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toEqual({ ok: false, error: 'testing value /a failed: test failed' });
    expect(applyJsonPatch({ l: [] }, [{ op: 'replace', path: '/l/3', value: 2 }])).toEqual({ ok: false, error: 'Unable to access invalid index: 3: invalid index referenced' });
  });
});

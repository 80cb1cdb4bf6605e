/**
 * kubectl label, as kubectl 1.33 and its API server answer. Sources:
 * - KCTL  kubernetes/kubectl v0.33.13 pkg/cmd/label/label.go (`parseLabels`, `Validate`, `RunLabel`,
 *         `validateNoOverwrites`, `updateDataChangeMsg`) and pkg/cmd/util/helpers.go
 *         (`GetResourcesAndPairs`, `checkErr`, `MultilineError`, `MultipleErrors`).
 * - CLIR  kubernetes/cli-runtime v0.33.13 pkg/resource/builder.go (`ResourceTypeOrNameArgs`,
 *         `visitBySelector`) and visitor.go (`ContinueOnErrorVisitor`).
 * - AM    kubernetes/apimachinery v0.33.13 pkg/util/validation/validation.go (`IsQualifiedName`,
 *         `IsValidLabelValue`, `RegexError`), pkg/apis/meta/v1/validation/validation.go
 *         (`ValidateLabels`, field `metadata.labels`), pkg/api/validation/objectmeta.go
 *         (`ValidateObjectMetaAccessorUpdate` validates the labels of every update).
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import type { KubeObject } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { runHandler, servicesFor } from '../../testing/runHandler.ts';
import { createKubectl } from '../kubectl.ts';

function kubectl(world: World, ...argv: string[]): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', ...argv]);
  return { stdout, stderr, code: exitCode };
}

const labelsOf = (world: World, ns: string, name: string): Record<string, string> => (world.get('Pod', ns, name) as KubeObject).metadata.labels;

/** AM validation.go RegexError for qualifiedNameFmt, with its double spaces after the commas. */
const NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('kubectl label: key and value validation', () => {
  it('refuses a spec with more than one `=` on the client (KCTL parseLabels: "invalid label spec")', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'pod', 'testcurl', '<img src=x>=1')).toEqual({ stdout: '', stderr: 'error: invalid label spec: <img src=x>=1\n', code: 1 });
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'a=b=c').stderr).toBe('error: invalid label spec: a=b=c\n');
    expect(labelsOf(world, 'default', 'testcurl')).toEqual({});
  });

  it('checks the value on the client with IsValidLabelValue (KCTL parseLabels: "invalid label value: %q: …")', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'a=<b>')).toEqual({ stdout: '', stderr: `error: invalid label value: "a=<b>": ${LABEL_VALUE}\n`, code: 1 });
    const long = 'v'.repeat(64);
    expect(kubectl(world, 'label', 'pod', 'testcurl', `a=${long}`).stderr).toBe(`error: invalid label value: "a=${long}": must be no more than 63 characters\n`);
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'a=').stdout).toBe('pod/testcurl labeled\n');
  });

  it('leaves the key to the API server, which answers Invalid on metadata.labels (AM ValidateLabels, KCTL checkErr)', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'pod', 'testcurl', '<img>=1')).toEqual({
      stdout: '',
      stderr: `The Pod "testcurl" is invalid: metadata.labels: Invalid value: "<img>": ${NAME_PART}\n`,
      code: 1,
    });
    expect(kubectl(world, 'label', 'namespace', 'frontend', 'bad key=1').stderr).toBe(`The Namespace "frontend" is invalid: metadata.labels: Invalid value: "bad key": ${NAME_PART}\n`);
    // Two causes: MultilineError prints the prefix (trailing space kept) and one `* cause` per line.
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'example.com/=1').stderr).toBe(
      'The Pod "testcurl" is invalid: \n' +
      '* metadata.labels: Invalid value: "example.com/": name part must be non-empty\n' +
      `* metadata.labels: Invalid value: "example.com/": ${NAME_PART}\n`,
    );
    expect(labelsOf(world, 'default', 'testcurl')).toEqual({});
  });

  it('accepts a DNS-subdomain prefix', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'example.com/tier=web').stdout).toBe('pod/testcurl labeled\n');
    expect(labelsOf(world, 'default', 'testcurl')).toEqual({ 'example.com/tier': 'web' });
  });
});

describe('kubectl label: keys named after Object.prototype members', () => {
  it('labels a pod with `constructor` as with any other key', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'constructor=x')).toEqual({ stdout: 'pod/testcurl labeled\n', stderr: '', code: 0 });
    expect(labelsOf(world, 'default', 'testcurl')).toEqual({ constructor: 'x' });
    // KCTL validateNoOverwrites names the value the pod has, not a function.
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'constructor=y')).toEqual({ stdout: '', stderr: "error: 'constructor' already has a value (x), and --overwrite is false\n", code: 1 });
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'constructor=y', '--overwrite').stdout).toBe('pod/testcurl labeled\n');
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'toString-').stdout).toBe('label "toString" not found.\npod/testcurl not labeled\n');
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'constructor-').stdout).toBe('pod/testcurl unlabeled\n');
    expect(labelsOf(world, 'default', 'testcurl')).toEqual({});
  });

  it('builds the labels as own entries: a `__proto__` key never reaches a prototype', () => {
    const world = createDefaultWorld();
    // --list shows the labels after the changes without saving them, so no server validation intervenes.
    expect(kubectl(world, 'label', 'pod', 'testcurl', '__proto__=x', 'a=b', '--list').stdout).toBe('__proto__=x\na=b\n');
    // Saved, the API server refuses the key: a label name must start with an alphanumeric character.
    expect(kubectl(world, 'label', 'pod', 'testcurl', '__proto__=x').stderr).toBe(`The Pod "testcurl" is invalid: metadata.labels: Invalid value: "__proto__": ${NAME_PART}\n`);
    const labels = labelsOf(world, 'default', 'testcurl');
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('kubectl label: arguments and messages', () => {
  it('says unlabeled, modified or not labeled as updateDataChangeMsg does', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'a=1', 'b=2').stdout).toBe('pod/testcurl labeled\n');
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'a=1').stdout).toBe('pod/testcurl not labeled\n');
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'c=3', 'a-').stdout).toBe('pod/testcurl modified\n');
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'b-').stdout).toBe('pod/testcurl unlabeled\n');
    expect(labelsOf(world, 'default', 'testcurl')).toEqual({ c: '3' });
  });

  it('keeps the Complete and Validate errors of label.go', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'a=1', 'stray').stderr).toBe('error: all resources must be specified before label changes: stray\n');
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'a=1', 'a-').stderr).toBe('error: can not both modify and remove a label in the same command\n');
    expect(kubectl(world, 'label', 'a=1').stderr).toBe('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    expect(kubectl(world, 'label', 'pod', 'testcurl').stderr).toBe('error: at least one label update is required\n');
    expect(kubectl(world, 'label', 'pods', 'a=1').stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect(kubectl(world, 'label', 'pods', '--all', '-l', 'app=x', 'a=1').stderr).toBe('error: cannot set --all and --selector at the same time\n');
  });

  it('prints one line per overwrite conflict when there are several, without the error: prefix (checkErr, MultipleErrors)', () => {
    const world = createDefaultWorld();
    kubectl(world, 'label', 'pod', 'testcurl', 'a=1', 'b=2');
    expect(kubectl(world, 'label', 'pod', 'testcurl', 'a=9', 'b=9')).toEqual({
      stdout: '',
      stderr: "'a' already has a value (1), and --overwrite is false\n'b' already has a value (2), and --overwrite is false\n",
      code: 1,
    });
  });

  it('labels the named objects it finds and reports the missing ones at the end (ContinueOnError)', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'pod', 'ghost', 'testcurl', 'a=1')).toEqual({
      stdout: 'pod/testcurl labeled\n',
      stderr: 'Error from server (NotFound): pods "ghost" not found\n',
      code: 1,
    });
    expect(kubectl(world, 'label', 'pod/testcurl', 'b=2').stdout).toBe('pod/testcurl labeled\n');
  });
});

describe('kubectl label --all and -l', () => {
  it('labels every object of the type in the namespace', () => {
    const world = createDefaultWorld();
    const pods = world.list('Pod', 'frontend').map((p) => p.metadata.name);
    expect(pods.length).toBeGreaterThan(0);
    const r = kubectl(world, 'label', 'pods', '--all', 'team=web', '-n', 'frontend');
    expect(r).toEqual({ stdout: pods.map((n) => `pod/${n} labeled\n`).join(''), stderr: '', code: 0 });
    for (const name of pods) expect(labelsOf(world, 'frontend', name).team).toBe('web');
    expect(labelsOf(world, 'default', 'testcurl')).toEqual({});
  });

  it('prints nothing for an empty namespace', () => {
    expect(kubectl(createDefaultWorld(), 'label', 'pods', '--all', 'a=1', '-n', 'nowhere')).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('labels only the named objects when names come with --all: the builder selects all only for a bare TYPE', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'pods', 'testcurl', '--all', 'a=1').stdout).toBe('pod/testcurl labeled\n');
    expect(world.list('Pod', 'frontend').every((p) => p.metadata.labels.a === undefined)).toBe(true);
  });

  it('continues past an object whose label would be overwritten, and fails at the end', () => {
    const world = createDefaultWorld();
    const [first, ...rest] = world.list('Pod', 'frontend').map((p) => p.metadata.name);
    kubectl(world, 'label', 'pod', first ?? '', 'team=old', '-n', 'frontend');
    const r = kubectl(world, 'label', 'pods', '--all', 'team=web', '-n', 'frontend');
    expect(r.stdout).toBe(rest.map((n) => `pod/${n} labeled\n`).join(''));
    expect(r.stderr).toBe("error: 'team' already has a value (old), and --overwrite is false\n");
    expect(r.code).toBe(1);
  });

  it('selects with -l, own labels only', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'pods', '-A', '-l', 'constructor', 'a=1')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(kubectl(world, 'label', 'pods', '-l', 'constructor!=x', 'a=1').stdout).toBe('pod/testcurl labeled\n');
    expect(kubectl(world, 'label', 'pods', 'testcurl', '-l', 'a=1', 'b=2').stderr).toBe('error: name cannot be provided when a selector is specified\n');
  });
});

describe('kubectl label: messages and --dry-run (KCTL label.go RunLabel, updateDataChangeMsg; helpers.go PrintFlagsWithDryRunStrategy)', () => {
  it('says `unlabeled` when a key is removed, `not labeled` when nothing changes', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'ns', 'default', 'team=web').stdout).toBe('namespace/default labeled\n');
    expect(kubectl(world, 'label', 'ns', 'default', 'team-').stdout).toBe('namespace/default unlabeled\n');
    expect(kubectl(world, 'label', 'ns', 'default', 'team-').stdout).toBe('label "team" not found.\nnamespace/default not labeled\n');
  });

  it('--dry-run=server validates and prints `(server dry run)` without storing; client skips the not-found notes', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'label', 'ns', 'default', 'team=web', '--dry-run=server')).toEqual({ stdout: 'namespace/default labeled (server dry run)\n', stderr: '', code: 0 });
    expect(world.get('Namespace', '', 'default')?.metadata.labels.team).toBeUndefined();
    expect(kubectl(world, 'label', 'ns', 'default', 'team=web', '--dry-run=client').stdout).toBe('namespace/default labeled (dry run)\n');
    expect(kubectl(world, 'label', 'ns', 'default', 'x-', '--dry-run=client').stdout).toBe('namespace/default not labeled (dry run)\n');
    expect(kubectl(world, 'label', 'ns', 'default', 'bad key=1', '--dry-run=server').code).toBe(1);
    expect(kubectl(world, 'label', 'ns', 'default', 'a=1', '--dry-run=maybe')).toEqual({ stdout: '', stderr: 'error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n', code: 1 });
    expect(kubectl(world, 'label', 'ns', 'default', 'a=1', '-o', 'name').stdout).toBe('namespace/default\n');
  });
});

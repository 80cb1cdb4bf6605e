/**
 * The kubectl verbs a learner types beyond get/apply, as kubectl 1.33 prints them. Sources
 * (kubernetes/kubectl v0.33.13 unless noted):
 * - pkg/cmd/annotate/annotate.go (`ToOptions`, `validateAnnotations`, `validateNoAnnotationOverwrites`,
 *   the `annotated` operation) and pkg/cmd/util/helpers.go (`GetResourcesAndPairs`, `ParsePairs`,
 *   `GetDryRunStrategy`, `PrintFlagsWithDryRunStrategy`).
 * - pkg/cmd/scale/scale.go (`Validate`, `RunScale`) and pkg/scale/scale.go (`PreconditionError`).
 * - pkg/cmd/rollout/rollout_status.go and pkg/polymorphichelpers/rollout_status.go.
 * - pkg/cmd/wait/wait.go (`conditionFuncFor`, `processJSONPathInput`, `RunWait`), condition.go
 *   (`checkCondition`, `extendErrWaitTimeout`).
 * - pkg/cmd/auth/cani.go and kubernetes/cli-runtime v0.33.13 pkg/printers/warningprinter.go.
 * - pkg/cmd/apiresources/apiresources.go (`RunAPIResources`, `printContextHeaders`, `sortableResource`).
 * - pkg/cmd/config/current_context.go, get_contexts.go, use_context.go, view.go.
 * - kubernetes/cli-runtime v0.33.13 pkg/genericclioptions/print_flags.go (`NoCompatiblePrinterError`,
 *   `AllowedFormats`) and pkg/resource/builder.go (`missingResourceError`).
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import type { World } from '../../../domain/world.ts';
import { runHandler, servicesFor } from '../../testing/runHandler.ts';
import { MemoryFs } from '../../bash/memoryFs.ts';
import { complete } from '../../complete.ts';
import { createKubectl } from '../kubectl.ts';
import { GROUP_COMMANDS } from '../groupHelp.ts';
import { ROOT_COMMANDS } from '../rootHelp.ts';
import { VERBS } from './index.ts';

function kubectl(world: World, ...argv: string[]): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', ...argv]);
  return { stdout, stderr, code: exitCode };
}

const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
const failed = (stderr: string, stdout = '') => ({ stdout, stderr, code: 1 });

describe('kubectl annotate', () => {
  it('adds, refuses to overwrite without --overwrite, overwrites and removes', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'owner=team-a')).toEqual(ok('pod/testcurl annotated\n'));
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'owner=team-b')).toEqual(failed("error: --overwrite is false but found the following declared annotation(s): 'owner' already has a value (team-a)\n"));
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'owner=team-b', '--overwrite')).toEqual(ok('pod/testcurl annotated\n'));
    expect(world.get('Pod', 'default', 'testcurl')?.metadata.annotations.owner).toBe('team-b');
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'owner-')).toEqual(ok('pod/testcurl annotated\n'));
    expect(world.get('Pod', 'default', 'testcurl')?.metadata.annotations.owner).toBeUndefined();
  });

  it('keeps a value with `=` in it and annotates every match of -l or --all', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'annotate', 'deploy', 'frontend', '-n', 'frontend', 'note=a=b', '-o', 'name')).toEqual(ok('deployment.apps/frontend\n'));
    expect(world.get('Deployment', 'frontend', 'frontend')?.metadata.annotations.note).toBe('a=b');
    expect(kubectl(world, 'annotate', 'ns', '--all', 'team=mesh').stdout).toContain('namespace/frontend annotated\n');
    expect(kubectl(world, 'annotate', 'pods', '-n', 'frontend', '-l', 'app=frontend', 'x=1').stdout).toMatch(/^pod\/frontend-[a-z0-9]+-[a-z0-9]+ annotated\n$/);
  });

  it('lists the annotations after the changes without saving them', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'z=1', '--list')).toEqual(ok('sidecar.istio.io/inject=false\nz=1\n'));
    expect(world.get('Pod', 'default', 'testcurl')?.metadata.annotations.z).toBeUndefined();
  });

  it('says what annotate.go says of wrong arguments', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'a=1', 'stray')).toEqual(failed('error: all resources must be specified before annotation changes: stray\n'));
    expect(kubectl(world, 'annotate', 'pod', 'testcurl')).toEqual(failed('error: at least one annotation update is required\n'));
    expect(kubectl(world, 'annotate', 'a=1')).toEqual(failed('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'));
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'a=1', 'a-')).toEqual(failed('error: can not both modify and remove the following annotation(s) in the same command: a\n'));
    expect(kubectl(world, 'annotate', 'pods', 'a=1')).toEqual(failed('error: resource(s) were provided, but no name was specified\n'));
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'a=1', '--list', '-o', 'yaml')).toEqual(failed('error: --list and --output may not be specified together\n'));
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'a=1', '--dry-run=maybe')).toEqual(failed('error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n'));
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'a=1', '-o', 'wide').stderr).toBe('error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml,name,go-template,go-template-file,template,templatefile,jsonpath,jsonpath-as-json,jsonpath-file\n');
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'a=1', '--foo')).toEqual(failed("error: unknown flag: --foo\nSee 'kubectl annotate --help' for usage.\n"));
    expect(kubectl(world, 'annotate', 'pod', 'nope', 'a=1')).toEqual(failed('Error from server (NotFound): pods "nope" not found\n'));
  });

  it('leaves the key to the API server, which lower-cases it and wants a qualified name', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'Example.COM/Owner=x')).toEqual(ok('pod/testcurl annotated\n'));
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'bad key=1').stderr).toMatch(/^The Pod "testcurl" is invalid: metadata\.annotations: Invalid value: "bad key": name part must consist of/);
  });

  it('changes nothing on a client or server dry run, and says which', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'a=1', '--dry-run=client')).toEqual(ok('pod/testcurl annotated (dry run)\n'));
    expect(kubectl(world, 'annotate', 'pod', 'testcurl', 'a=1', '--dry-run=server')).toEqual(ok('pod/testcurl annotated (server dry run)\n'));
    expect(world.get('Pod', 'default', 'testcurl')?.metadata.annotations.a).toBeUndefined();
  });
});

describe('kubectl scale', () => {
  it('scales a Deployment: its controller creates and removes pods at once', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'scale', 'deployment/frontend', '-n', 'frontend', '--replicas=3')).toEqual(ok('deployment.apps/frontend scaled\n'));
    expect(world.list('Pod', 'frontend')).toHaveLength(3);
    expect(kubectl(world, 'get', 'deploy', 'frontend', '-n', 'frontend', '-o', 'jsonpath={.spec.replicas} {.status.readyReplicas}').stdout).toBe('3 3');
    // Its ReplicaSet's DESIRED follows.
    expect(kubectl(world, 'get', 'rs', '-n', 'frontend', '-o', 'jsonpath={.items[*].spec.replicas}').stdout).toBe('3');
    expect(kubectl(world, 'scale', 'deploy', 'frontend', '-n', 'frontend', '--replicas', '0')).toEqual(ok('deployment.apps/frontend scaled\n'));
    expect(world.list('Pod', 'frontend')).toHaveLength(0);
  });

  it('checks --current-replicas and the flags before scaling', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'scale', 'deploy/frontend', '-n', 'frontend', '--replicas=2', '--current-replicas=5')).toEqual(failed('error: Expected replicas to be 5, was 1\n'));
    expect(kubectl(world, 'scale', 'deploy/frontend', '-n', 'frontend')).toEqual(failed('error: required flag(s) "replicas" not set\n'));
    expect(kubectl(world, 'scale', 'deploy/frontend', '-n', 'frontend', '--replicas=-1')).toEqual(failed('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n'));
    expect(kubectl(world, 'scale', 'deploy/frontend', '-n', 'frontend', '--replicas=x').stderr).toBe('error: invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl scale --help\' for usage.\n');
    expect(kubectl(world, 'scale', 'deploy/nope', '-n', 'frontend', '--replicas=2')).toEqual(failed('error: no objects passed to scale Error from server (NotFound): deployments.apps "nope" not found\n'));
    expect(world.list('Pod', 'frontend')).toHaveLength(1);
  });

  it('answers NotFound for a kind without a scale subresource', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'scale', 'pod/testcurl', '--replicas=2')).toEqual(failed('Error from server (NotFound): the server could not find the requested resource\n'));
  });

  it('prints the object unchanged on a client dry run', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'scale', 'deploy/frontend', '-n', 'frontend', '--replicas=4', '--dry-run=client')).toEqual(ok('deployment.apps/frontend scaled (dry run)\n'));
    expect(world.list('Pod', 'frontend')).toHaveLength(1);
  });
});

describe('kubectl rollout status', () => {
  it('reports a finished rollout the way DeploymentStatusViewer words it', () => {
    const world = createDefaultWorld();
    kubectl(world, 'rollout', 'restart', 'deploy/frontend', '-n', 'frontend');
    expect(kubectl(world, 'rollout', 'status', 'deployment/frontend', '-n', 'frontend')).toEqual(ok('deployment "frontend" successfully rolled out\n'));
    expect(kubectl(world, 'rollout', 'status', 'deploy', 'frontend', '-n', 'frontend', '-w', '--timeout=60s')).toEqual(ok('deployment "frontend" successfully rolled out\n'));
  });

  it('has no status viewer for pods and needs a resource', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'rollout', 'status', 'pod/testcurl')).toEqual(failed('error: no status viewer has been implemented for Pod\n'));
    expect(kubectl(world, 'rollout', 'status')).toEqual(failed('error: required resource not specified\n'));
    expect(kubectl(world, 'rollout', 'status', 'deploy/nope')).toEqual(failed('Error from server (NotFound): deployments.apps "nope" not found\n'));
    expect(kubectl(world, 'rollout', 'status', 'deploy')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  });
});

describe('kubectl wait', () => {
  it('prints `condition met` for Ready pods, an Available Deployment and a JSONPath value', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'wait', '--for=condition=Ready', 'pod/testcurl', '--timeout=60s')).toEqual(ok('pod/testcurl condition met\n'));
    expect(kubectl(world, 'wait', '--for=condition=available', 'deployment/frontend', '-n', 'frontend')).toEqual(ok('deployment.apps/frontend condition met\n'));
    expect(kubectl(world, 'wait', '--for=jsonpath={.status.phase}=Running', 'pod/testcurl')).toEqual(ok('pod/testcurl condition met\n'));
  });

  it('waits out the timeout on the simulated clock when the condition is not met', () => {
    const world = createDefaultWorld();
    let slept = 0;
    const services = () => ({ ...servicesFor(world)(), sleep: (ms: number) => { slept += ms; } });
    const run = (...argv: string[]) => runHandler(createKubectl(services), ['kubectl', ...argv]);
    expect(run('wait', '--for=condition=Broken', 'pod/testcurl', '--timeout=5s').stderr).toBe('error: timed out waiting for the condition on pods/testcurl\n');
    expect(slept).toBe(5000);
    expect(run('wait', '--for=delete', 'pod/testcurl', '--timeout=1m30s').stderr).toBe('error: timed out waiting for the condition on pods/testcurl\n');
    expect(slept).toBe(95_000);
    expect(run('wait', '--for=condition=Broken', 'pod/testcurl', '--timeout=0').stderr).toBe('error: condition not met for pods/testcurl\n');
  });

  it('treats a missing object as deleted, and refuses what conditionFuncFor refuses', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'wait', '--for=delete', 'pod/nope')).toEqual(ok(''));
    expect(kubectl(world, 'wait', '--for=condition=Ready', 'pod/nope')).toEqual(failed('Error from server (NotFound): pods "nope" not found\n'));
    expect(kubectl(world, 'wait', '--for=ready', 'pod/testcurl')).toEqual(failed('error: unrecognized condition: "ready"\n'));
    expect(kubectl(world, 'wait', '--for=jsonpath={.status.phase}=', 'pod/testcurl')).toEqual(failed("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n"));
    expect(kubectl(world, 'wait', '--for=condition=Ready', 'pod/testcurl', '--timeout=5')).toEqual(failed('error: invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"\nSee \'kubectl wait --help\' for usage.\n'));
    expect(kubectl(world, 'wait', '--for=condition=Ready').stderr).toBe("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n");
    expect(kubectl(world, 'wait', '--for=condition=Ready', 'pods', '-l', 'app=nothing')).toEqual(failed('error: no matching resources found\n'));
  });
});

describe('kubectl auth can-i', () => {
  it('answers yes, with the warnings kubectl prints on the client (a blank line after each)', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'auth', 'can-i', 'create', 'peerauthentications', '-n', 'frontend')).toEqual(ok('yes\n'));
    expect(kubectl(world, 'auth', 'can-i', 'delete', 'namespaces')).toEqual({ stdout: 'yes\n', stderr: "Warning: resource 'namespaces' is not namespace scoped\n\n", code: 0 });
    expect(kubectl(world, 'auth', 'can-i', 'frob', 'widgets')).toEqual({
      stdout: 'yes\n',
      stderr: "Warning: the server doesn't have a resource type 'widgets'\n\nWarning: verb 'frob' is not a known verb\n\n",
      code: 0,
    });
    expect(kubectl(world, 'auth', 'can-i', 'get', 'pods', '-q')).toEqual(ok(''));
    expect(kubectl(world, 'auth', 'can-i', 'get', '/healthz')).toEqual(ok('yes\n'));
  });

  it('wants two arguments', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'auth', 'can-i', 'get')).toEqual(failed("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n"));
    expect(kubectl(world, 'auth', 'can-i', '--list', 'pods')).toEqual(failed('error: list option must be specified with no arguments\n'));
  });
});

describe('kubectl api-resources', () => {
  it('lists the served kinds by group then name, with kubectl\'s columns', () => {
    const world = createDefaultWorld();
    const lines = kubectl(world, 'api-resources').stdout.split('\n');
    expect(lines[0]).toBe('NAME                        SHORTNAMES   APIVERSION                     NAMESPACED   KIND');
    expect(lines[1]).toBe('configmaps                  cm           v1                             true         ConfigMap');
    expect(lines).toContain('customresourcedefinitions   crd,crds     apiextensions.k8s.io/v1        false        CustomResourceDefinition');
    expect(lines).toContain('peerauthentications         pa           security.istio.io/v1           true         PeerAuthentication');
    expect(lines).toContain('events                      ev           events.k8s.io/v1               true         Event');
    // '' (core), then apiextensions.k8s.io, apps, discovery.k8s.io, events.k8s.io, extensions.istio.io, networking.istio.io, security.istio.io, telemetry.istio.io.
    expect(lines.slice(1, -1).map((l) => l.split(' ')[0])).toEqual([
      'configmaps', 'endpoints', 'events', 'namespaces', 'nodes', 'pods', 'secrets', 'serviceaccounts', 'services',
      'customresourcedefinitions', 'deployments', 'replicasets', 'endpointslices', 'events', 'wasmplugins',
      'destinationrules', 'envoyfilters', 'gateways', 'proxyconfigs', 'serviceentries', 'sidecars', 'virtualservices', 'workloadentries', 'workloadgroups',
      'authorizationpolicies', 'peerauthentications', 'requestauthentications', 'telemetries',
    ]);
  });

  it('filters by group and scope, and prints names', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'api-resources', '--api-group=security.istio.io', '-o', 'name')).toEqual(ok('authorizationpolicies.security.istio.io\npeerauthentications.security.istio.io\nrequestauthentications.security.istio.io\n'));
    expect(kubectl(world, 'api-resources', '--namespaced=false', '--no-headers')).toEqual(ok(
      'namespaces                  ns         v1                        false   Namespace\n' +
      'nodes                       no         v1                        false   Node\n' +
      'customresourcedefinitions   crd,crds   apiextensions.k8s.io/v1   false   CustomResourceDefinition\n',
    ));
    expect(kubectl(world, 'api-resources', '-o', 'json')).toEqual(failed('error: --output json is not available\n'));
  });
});

describe('kubectl get crd', () => {
  it("lists Istio's CRDs by name with the API server's CREATED AT column (apiextensions-apiserver tableconvertor)", () => {
    const world = createDefaultWorld();
    const lines = kubectl(world, 'get', 'crd').stdout.split('\n');
    expect(lines[0]).toBe('NAME                                       CREATED AT');
    expect(lines[1]).toBe('authorizationpolicies.security.istio.io    2026-11-28T08:28:40Z');
    expect(lines).toContain('peerauthentications.security.istio.io      2026-11-28T08:28:40Z');
    expect(lines).toHaveLength(16);
    expect(kubectl(world, 'get', 'crds', 'destinationrules.networking.istio.io', '-o', 'jsonpath={.spec.versions[*].name}').stdout).toBe('v1 v1alpha3 v1beta1');
  });
});

describe('kubectl config', () => {
  const context = 'gke_mtls-playground_us-central1-c_boutique';

  it('names the context gcloud get-credentials wrote', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'config', 'current-context')).toEqual(ok(`${context}\n`));
    expect(kubectl(world, 'config', 'get-contexts')).toEqual(ok(
      'CURRENT   NAME                                         CLUSTER                                      AUTHINFO                                     NAMESPACE\n' +
      `*         ${context}   ${context}   ${context}   \n`,
    ));
    expect(kubectl(world, 'config', 'get-contexts', '-o', 'name')).toEqual(ok(`${context}\n`));
    expect(kubectl(world, 'config', 'use-context', context)).toEqual(ok(`Switched to context "${context}".\n`));
    expect(kubectl(world, 'config', 'use-context', 'minikube')).toEqual(failed('error: no context exists with the name: "minikube"\n'));
  });

  it('shows the GKE kubeconfig redacted, and an empty one before get-credentials', () => {
    const world = createDefaultWorld();
    const view = kubectl(world, 'config', 'view').stdout;
    expect(view).toContain('    certificate-authority-data: DATA+OMITTED\n    server: https://34.41.183.27\n');
    expect(view).toContain(`current-context: ${context}\nkind: Config\npreferences: {}\n`);
    expect(view).toContain('      command: gke-gcloud-auth-plugin\n');
    world.credentials = false;
    expect(kubectl(world, 'config', 'view')).toEqual(ok('apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n'));
    expect(kubectl(world, 'config', 'current-context')).toEqual(failed('error: current-context is not set\n'));
    expect(kubectl(world, 'config', 'get-contexts')).toEqual(ok('CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n'));
  });
});

describe('Tab completion of the new verbs', () => {
  const options = (line: string) => complete(createDefaultWorld(), new MemoryFs(), line).options;

  it('offers the subcommands from the command table, then types and names', () => {
    expect(options('kubectl config ')).toEqual(['current-context', 'get-contexts', 'use-context', 'view']);
    expect(options('kubectl rollout ')).toEqual(['restart', 'status']);
    expect(options('kubectl auth ')).toEqual(['can-i']);
    expect(options('kubectl patch p')).toEqual(['pa', 'peerauthentications', 'po', 'pods', 'proxyconfigs']);
    expect(options('kubectl port-forward -n frontend svc/')).toEqual(['svc/frontend', 'svc/frontend-external']);
  });
});

describe('kubectl --help', () => {
  // kubectl 1.33 with no plugins, word for word (sources in rootHelp.ts).
  const ROOT = [
    'kubectl controls the Kubernetes cluster manager.',
    '',
    ' Find more information at: https://kubernetes.io/docs/reference/kubectl/',
    '',
    'Basic Commands (Beginner):',
    '  create          Create a resource from a file or from stdin',
    '  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    '  run             Run a particular image on the cluster',
    '  set             Set specific features on objects',
    '',
    'Basic Commands (Intermediate):',
    '  explain         Get documentation for a resource',
    '  get             Display one or many resources',
    '  edit            Edit a resource on the server',
    '  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector',
    '',
    'Deploy Commands:',
    '  rollout         Manage the rollout of a resource',
    '  scale           Set a new size for a deployment, replica set, or replication controller',
    '  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller',
    '',
    'Cluster Management Commands:',
    '  certificate     Modify certificate resources',
    '  cluster-info    Display cluster information',
    '  top             Display resource (CPU/memory) usage',
    '  cordon          Mark node as unschedulable',
    '  uncordon        Mark node as schedulable',
    '  drain           Drain node in preparation for maintenance',
    '  taint           Update the taints on one or more nodes',
    '',
    'Troubleshooting and Debugging Commands:',
    '  describe        Show details of a specific resource or group of resources',
    '  logs            Print the logs for a container in a pod',
    '  attach          Attach to a running container',
    '  exec            Execute a command in a container',
    '  port-forward    Forward one or more local ports to a pod',
    '  proxy           Run a proxy to the Kubernetes API server',
    '  cp              Copy files and directories to and from containers',
    '  auth            Inspect authorization',
    '  debug           Create debugging sessions for troubleshooting workloads and nodes',
    '  events          List events',
    '',
    'Advanced Commands:',
    '  diff            Diff the live version against a would-be applied version',
    '  apply           Apply a configuration to a resource by file name or stdin',
    '  patch           Update fields of a resource',
    '  replace         Replace a resource by file name or stdin',
    '  wait            Experimental: Wait for a specific condition on one or many resources',
    '  kustomize       Build a kustomization target from a directory or URL',
    '',
    'Settings Commands:',
    '  label           Update the labels on a resource',
    '  annotate        Update the annotations on a resource',
    '  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)',
    '',
    'Subcommands provided by plugins:',
    '',
    'Other Commands:',
    '  api-resources   Print the supported API resources on the server',
    '  api-versions    Print the supported API versions on the server, in the form of "group/version"',
    '  config          Modify kubeconfig files',
    '  plugin          Provides utilities for interacting with plugins',
    '  version         Print the client and server version information',
    '',
    'Usage:',
    '  kubectl [flags] [options]',
    '',
    'Use "kubectl <command> --help" for more information about a given command.',
    'Use "kubectl options" for a list of global command-line options (applies to all commands).',
    '',
  ].join('\n');

  it("prints kubectl's own root help, for --help, -h and kubectl alone", () => {
    for (const args of [['--help'], ['-h'], []]) expect(kubectl(createDefaultWorld(), ...args)).toEqual({ stdout: ROOT, stderr: '', code: 0 });
  });

  // kubectl 1.33's `kubectl rollout` as printed on a terminal (captured output of `kubectl rollout -h`,
  // matching pkg/cmd/rollout/rollout.go and pkg/util/templates; the second line holds eight spaces).
  const ROLLOUT = [
    'Manage the rollout of one or many resources.',
    '        ',
    ' Valid resource types include:',
    '',
    '  *  deployments',
    '  *  daemonsets',
    '  *  statefulsets',
    '',
    'Examples:',
    '  # Rollback to the previous deployment',
    '  kubectl rollout undo deployment/abc',
    '  ',
    '  # Check the rollout status of a daemonset',
    '  kubectl rollout status daemonset/foo',
    '  ',
    '  # Restart a deployment',
    '  kubectl rollout restart deployment/abc',
    '  ',
    "  # Restart deployments with the 'app=nginx' label",
    '  kubectl rollout restart deployment --selector=app=nginx',
    '',
    'Available Commands:',
    '  history       View rollout history',
    '  pause         Mark the provided resource as paused',
    '  restart       Restart a resource',
    '  resume        Resume a paused resource',
    '  status        Show the status of the rollout',
    '  undo          Undo a previous rollout',
    '',
    'Usage:',
    '  kubectl rollout SUBCOMMAND [options]',
    '',
    'Use "kubectl rollout <command> --help" for more information about a given command.',
    'Use "kubectl options" for a list of global command-line options (applies to all commands).',
    '',
  ].join('\n');

  it('prints a group\'s help for the group alone: rollout to stdout, config and auth to stderr, with status 1 (DefaultSubCommandRun)', () => {
    expect(kubectl(createDefaultWorld(), 'rollout')).toEqual({ stdout: ROLLOUT, stderr: '', code: 1 });
    expect(kubectl(createDefaultWorld(), 'rollout', '--help')).toEqual({ stdout: ROLLOUT, stderr: '', code: 0 });
    const config = kubectl(createDefaultWorld(), 'config');
    expect(config.code).toBe(1);
    expect(config.stdout).toBe('');
    expect(config.stderr).toContain(
      ' The loading order follows these rules:\n\n  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes\nplace.\n',
    );
    expect(config.stderr).toContain('Available Commands:\n  current-context   Display the current-context\n  delete-cluster    Delete the specified cluster from the kubeconfig\n');
    expect(config.stderr).toContain('  view              Display merged kubeconfig settings or a specified kubeconfig file\n\nUsage:\n  kubectl config SUBCOMMAND [options]\n\nUse "kubectl config <command> --help"');
    expect(kubectl(createDefaultWorld(), 'auth')).toEqual({
      stdout: '',
      stderr: [
        'Inspect authorization.',
        '',
        'Available Commands:',
        '  can-i         Check whether an action is allowed',
        '  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects',
        '  whoami        Experimental: Check self subject attributes',
        '',
        'Usage:',
        '  kubectl auth [flags] [options]',
        '',
        'Use "kubectl auth <command> --help" for more information about a given command.',
        'Use "kubectl options" for a list of global command-line options (applies to all commands).',
        '',
      ].join('\n'),
      code: 1,
    });
  });

  it("answers a subcommand a group does not have with kubectl's usage error (RequireNoArguments)", () => {
    expect(kubectl(createDefaultWorld(), 'rollout', 'restrat', 'deployment/frontend')).toEqual({
      stdout: '',
      stderr: 'error: unknown command "restrat deployment/frontend"\nSee \'kubectl rollout -h\' for help and examples\n',
      code: 1,
    });
    expect(kubectl(createDefaultWorld(), 'config', 'get-context').stderr).toBe('error: unknown command "get-context"\nSee \'kubectl config -h\' for help and examples\n');
  });

  it("lists each group's real subcommands: each runs here or says it is not simulated", () => {
    for (const [group, commands] of Object.entries(GROUP_COMMANDS)) {
      for (const command of commands) {
        const { stderr } = kubectl(createDefaultWorld(), group, command);
        const simulated = VERBS.some((v) => v.path?.[0] === group && v.path[1] === command);
        if (!simulated) expect(stderr, `${group} ${command}`).toBe(`mtls-playground: "kubectl ${group} ${command}" exists in real kubectl but is not simulated here\n`);
        expect(stderr, `${group} ${command}`).not.toContain('unknown command');
      }
      // …and every simulated subcommand is one the group lists.
      for (const verb of VERBS.filter((v) => v.path?.[0] === group)) expect(commands, verb.path?.join(' ')).toContain(verb.path?.[1]);
    }
    expect(kubectl(createDefaultWorld(), 'rollout', 'history', 'deployment/frontend').stderr).toBe('mtls-playground: "kubectl rollout history" exists in real kubectl but is not simulated here\n');
  });

  it('lists only commands that run here or say they are not simulated', () => {
    for (const name of ROOT_COMMANDS) expect(kubectl(createDefaultWorld(), name).stderr, name).not.toContain(`unknown command "${name}"`);
    // …and every simulated verb is a real command the help lists.
    for (const verb of VERBS) expect(ROOT_COMMANDS, verb.name).toContain((verb.path ?? [verb.name])[0]);
  });
});

import { admitObject } from '../../../domain/cluster/admitObject.ts';
import { deleteObject } from '../../../domain/cluster/deleteObject.ts';
import { hasSidecar } from '../../../domain/cluster/pods.ts';
import { validateObject } from '../../../domain/manifests/validateObject.ts';
import type { Json, JsonObject, KubeObject } from '../../../domain/objects.ts';
import { formatJson, formatYaml } from '../format/index.ts';
import { checkOutput, dryRunSuffix, parseDryRun, printMutation } from '../printers/printMutation.ts';
import { runInContainer } from '../runInContainer.ts';
import type { Verb, VerbContext } from '../types.ts';

/** distribution/reference `ReferenceRegexp`, as `kubectl run` checks --image (name, optional tag and digest). */
const IMAGE_REFERENCE = /^((?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[(?:[a-fA-F0-9:]+)\])(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

/** `error: … \nSee 'kubectl run -h' for help and examples` (KCTL cmdutil.UsageErrorf). */
const usage = (message: string) => `error: ${message}\nSee 'kubectl run -h' for help and examples\n`;

/** `a=b,c=d` → labels (KCTL generate.ParseLabels). */
function parseLabels(text: string): { ok: true; labels: Record<string, string> } | { ok: false; error: string } {
  const labels = new Map<string, string>();
  for (const pair of text.split(',')) {
    const parts = pair.split('=');
    if (parts.length !== 2 || parts[0] === '') return { ok: false, error: `invalid label spec: ${pair}` };
    labels.set(parts[0] ?? '', parts[1] ?? '');
  }
  return { ok: true, labels: Object.fromEntries(labels) };
}

/** `k=v` pairs of --env and --annotations (KCTL generate ParseEnvs / ParsePairs). */
function parsePairs(values: readonly string[], what: string): { ok: true; pairs: [string, string][] } | { ok: false; error: string } {
  const pairs: [string, string][] = [];
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0) return { ok: false, error: `invalid ${what}: ${JSON.stringify(value)}` };
    pairs.push([value.slice(0, eq), value.slice(eq + 1)]);
  }
  return { ok: true, pairs };
}

/**
 * The pod `kubectl run` sends (KCTL generate/versioned/run.go `BasicPod.Generate`): one container
 * named after the pod, `run=NAME` unless -l is given, the args after `--` as args (or as the
 * command with --command), and the restart and DNS policies.
 */
function podManifest(ctx: VerbContext, name: string, restartPolicy: string, labels: Record<string, string>, annotations: [string, string][], env: [string, string][]): JsonObject {
  const args = ctx.args.afterDash ?? ctx.args.positionals.slice(1);
  const container: JsonObject = { name, image: ctx.flag<string>('image') ?? '' };
  if (args.length > 0) container[ctx.flag<boolean>('command') === true ? 'command' : 'args'] = args;
  if (env.length) container.env = env.map(([k, v]): Json => ({ name: k, value: v }));
  const pullPolicy = ctx.flag<string>('image-pull-policy') ?? '';
  if (pullPolicy) container.imagePullPolicy = pullPolicy;
  const port = ctx.flag<string>('port') ?? '';
  if (port) container.ports = [{ containerPort: Number(port) }];
  if (ctx.flag<boolean>('stdin') === true) {
    container.stdin = true;
    container.stdinOnce = ctx.flag<boolean>('leave-stdin-open') !== true && ctx.flag<boolean>('attach') !== false;
  }
  if (ctx.flag<boolean>('tty') === true) container.tty = true;
  container.resources = {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels, ...(annotations.length ? { annotations: Object.fromEntries(annotations) } : {}) },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy },
  };
}

/** What the container runs: the image's entrypoint for the args (curlimages/curl runs curl for `-…` args). */
function containerArgv(ctx: VerbContext, image: string): string[] {
  const args = ctx.args.afterDash ?? ctx.args.positionals.slice(1);
  if (ctx.flag<boolean>('command') === true) return args;
  const curlImage = /(^|\/)curlimages\/curl(:|@|$)/.test(image);
  if (curlImage && (args.length === 0 || args[0]?.startsWith('-'))) return ['curl', ...args];
  return args;
}

/**
 * `kubectl run NAME --image=IMAGE [--restart=Never] [--rm -it] [-- ARG…]`
 * (KCTL:pkg/cmd/run/run.go `Run`): creates the pod (with a sidecar where the namespace injects one);
 * attached (-i or --attach) it runs the container's process, prints its output and, with --rm,
 * deletes the pod afterwards. Interactive shells inside pods are not simulated.
 */
export const runVerb: Verb = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  usage: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    { long: 'image', type: 'string', description: 'The image for the container to run.' },
    { long: 'restart', type: 'string', description: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].' },
    { long: 'rm', type: 'bool', description: "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'." },
    { long: 'stdin', short: 'i', type: 'bool', description: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { long: 'tty', short: 't', type: 'bool', description: 'Allocate a TTY for the container in the pod.' },
    { long: 'attach', type: 'bool', description: "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned." },
    { long: 'leave-stdin-open', type: 'bool', description: 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.' },
    { long: 'command', type: 'bool', description: "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default." },
    { long: 'env', type: 'stringArray', description: 'Environment variables to set in the container.' },
    { long: 'port', type: 'string', description: 'The port that this container exposes.' },
    { long: 'labels', short: 'l', type: 'string', description: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { long: 'annotations', type: 'stringArray', description: 'Annotations to apply to the pod.' },
    { long: 'image-pull-policy', type: 'string', description: 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.' },
    { long: 'quiet', short: 'q', type: 'bool', description: 'If true, suppress prompt messages.' },
    { long: 'dry-run', type: 'string', description: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
    { long: 'output', short: 'o', type: 'string', description: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  ],
  run(ctx) {
    const name = ctx.args.positionals[0];
    if (name === undefined) {
      ctx.err(usage('NAME is required for run'));
      return 1;
    }
    const image = ctx.flag<string>('image') ?? '';
    if (image === '') {
      ctx.err('error: --image is required\n');
      return 1;
    }
    if (!IMAGE_REFERENCE.test(image)) {
      ctx.err(`error: Invalid image name ${JSON.stringify(image)}: invalid reference format\n`);
      return 1;
    }
    const interactive = ctx.flag<boolean>('stdin') === true;
    const tty = ctx.flag<boolean>('tty') === true;
    if (tty && !interactive) {
      ctx.err(usage('-i/--stdin is required for containers with -t/--tty=true'));
      return 1;
    }
    const restart = ctx.flag<string>('restart') ?? 'Always';
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
      ctx.err(usage(`invalid restart policy: ${restart}`));
      return 1;
    }
    const attach = ctx.flag<boolean>('attach') ?? interactive;
    const remove = ctx.flag<boolean>('rm') === true;
    if (!attach && remove) {
      ctx.err(usage('--rm should only be used for attached containers'));
      return 1;
    }
    const dryRun = parseDryRun(ctx.flag<string>('dry-run'));
    if (!dryRun.ok) {
      ctx.err(`${dryRun.error}\n`);
      return 1;
    }
    if (attach && dryRun.dryRun !== 'none') {
      ctx.err(usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)"));
      return 1;
    }
    const pullPolicy = ctx.flag<string>('image-pull-policy') ?? '';
    if (pullPolicy !== '' && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) {
      ctx.err(usage(`invalid image pull policy: ${pullPolicy}`));
      return 1;
    }
    const outputError = checkOutput(ctx.flag<string>('output'));
    if (outputError) {
      ctx.err(`${outputError}\n`);
      return 1;
    }
    const labelsText = ctx.flag<string>('labels');
    const labels = labelsText === undefined ? { ok: true as const, labels: { run: name } } : parseLabels(labelsText);
    const annotations = parsePairs(ctx.flag<string[]>('annotations') ?? [], 'annotation');
    const env = parsePairs(ctx.flag<string[]>('env') ?? [], 'env');
    for (const parsed of [labels, annotations, env]) {
      if (!parsed.ok) {
        ctx.err(`error: ${parsed.error}\n`);
        return 1;
      }
    }
    if (!labels.ok || !annotations.ok || !env.ok) return 1;

    const raw = podManifest(ctx, name, restart, labels.labels, annotations.pairs, env.pairs);
    if (!ctx.world.hasNamespace(ctx.namespace)) {
      ctx.err(`Error from server (NotFound): namespaces "${ctx.namespace}" not found\n`);
      return 1;
    }
    if (ctx.world.get('Pod', ctx.namespace, name)) {
      ctx.err(`Error from server (AlreadyExists): pods "${name}" already exists\n`);
      return 1;
    }
    const invalid = validateObject(raw, { source: '', operation: 'creating' });
    if (invalid) {
      // A pod from a generator has no file: the server's message comes without AddSourceToErr's wrapper.
      ctx.err(`${invalid.message.replace('error when creating "": ', '')}\n`);
      return 1;
    }
    if (dryRun.dryRun !== 'none') {
      // The generated object as sent: a typed Pod's zero creationTimestamp encodes as null, and its empty status as {}.
      const sent: JsonObject = { ...raw, metadata: { creationTimestamp: null, ...(raw.metadata as JsonObject) }, status: {} };
      const format = (ctx.flag<string>('output') ?? '').toLowerCase();
      if (format === 'yaml') ctx.out(formatYaml(sent));
      else if (format === 'json') ctx.out(formatJson(sent));
      else ctx.out(format === 'name' ? `pod/${name}\n` : `pod/${name} created${dryRunSuffix(dryRun.dryRun)}\n`);
      return 0;
    }
    const admitted = admitObject(ctx.world, raw, ctx.namespace);
    if (!admitted.ok) {
      ctx.err(`${admitted.error}\n`);
      return 1;
    }
    const pod = admitted.object;
    if (!attach) {
      printMutation(ctx, pod, 'created', 'none');
      return 0;
    }
    return runAttached(ctx, pod, name, image, tty, remove);
  },
};

/** The attached part of `kubectl run`: the container's process, its output, and --rm's deletion. */
function runAttached(ctx: VerbContext, pod: KubeObject, name: string, image: string, tty: boolean, remove: boolean): number {
  // attach.go prints this before streaming whenever it attaches a TTY to a terminal.
  if (tty && ctx.io.stdinIsTerminal && ctx.flag<boolean>('quiet') !== true) ctx.err("If you don't see a command prompt, try pressing enter.\n");
  const argv = containerArgv(ctx, image);
  let status: number;
  if (argv.length === 0 || (['sh', 'bash', '/bin/sh', '/bin/bash', 'ash'].includes(argv[0] ?? '') && argv.length === 1)) {
    ctx.err(`mtls-playground: interactive shells inside pods are not simulated; give the command to run after --, e.g. kubectl run ${name} --image=${image} --rm -it --restart=Never -- curl -s http://frontend.frontend.svc.cluster.local/\n`);
    status = 1;
  } else {
    const ran = runInContainer(ctx, { pod, container: name, image, captured: hasSidecar(pod) }, argv, ctx.io);
    if (ran === 'not-found') {
      ctx.err(`pod ${ctx.namespace}/${name} terminated (StartError)\nfailed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${argv[0] ?? ''}": executable file not found in $PATH: unknown\n`);
      status = 1;
    } else status = ran;
  }
  if (remove) {
    const current = ctx.world.get('Pod', ctx.namespace, name);
    if (current) deleteObject(ctx.world, current);
    ctx.out(`pod "${name}" deleted\n`);
  }
  return status;
}

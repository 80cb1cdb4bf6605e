import { admitObject } from '../../../domain/cluster/admitObject.ts';
import { validateObject } from '../../../domain/manifests/validateObject.ts';
import type { JsonObject } from '../../../domain/objects.ts';
import { formatJson, formatYaml } from '../format/index.ts';
import { checkOutput, dryRunSuffix, parseDryRun, printMutation } from '../printers/printMutation.ts';
import type { Verb, VerbContext } from '../types.ts';
import { writeManifests } from './apply.ts';

/** A `kubectl create <kind> NAME` subcommand that sends an object with only a name. */
interface NamedCreate {
  /** The subcommand's name as `-h` names it. */
  command: string;
  kind: string;
  namespaced: boolean;
  /**
   * How the client wraps the server's refusal: create_namespace.go returns it as is (so kubectl
   * prints `Error from server (…)`); create_serviceaccount.go wraps it with `failed to create
   * serviceaccount: %v`, which loses the status, so kubectl prints `error: …`.
   */
  wrap?: string;
}

const SUBCOMMANDS: Readonly<Record<string, NamedCreate>> = {
  namespace: { command: 'namespace', kind: 'Namespace', namespaced: false },
  ns: { command: 'namespace', kind: 'Namespace', namespaced: false },
  serviceaccount: { command: 'serviceaccount', kind: 'ServiceAccount', namespaced: true, wrap: 'failed to create serviceaccount' },
  sa: { command: 'serviceaccount', kind: 'ServiceAccount', namespaced: true, wrap: 'failed to create serviceaccount' },
};

/**
 * KCTL:pkg/cmd/create/create_namespace.go and create_serviceaccount.go: the object the client
 * builds (a ServiceAccount carries the namespace only when -n was given), printed as sent for
 * `--dry-run=client`, else created (or, for `--dry-run=server`, admitted into a copy of the world).
 */
function createNamed(ctx: VerbContext, sub: NamedCreate, args: string[]): number {
  const [name, ...extra] = args;
  if (!name || extra.length) {
    ctx.err(`error: exactly one NAME is required, got ${name ? 1 + extra.length : 0}\nSee 'kubectl create ${sub.command} -h' for help and examples\n`);
    return 1;
  }
  const dryRun = parseDryRun(ctx.flag<string>('dry-run'));
  if (!dryRun.ok) {
    ctx.err(`${dryRun.error}\n`);
    return 1;
  }
  const outputError = checkOutput(ctx.flag<string>('output'));
  if (outputError) {
    ctx.err(`${outputError}\n`);
    return 1;
  }
  const namespace: JsonObject = sub.namespaced && ctx.namespaceGiven ? { namespace: ctx.namespace } : {};
  const raw: JsonObject = { apiVersion: 'v1', kind: sub.kind, metadata: { name, ...namespace } };
  if (dryRun.dryRun === 'client') {
    // A typed object's zero creationTimestamp encodes as null; a Namespace's empty spec and status as {}.
    const sent: JsonObject = { ...raw, metadata: { creationTimestamp: null, name, ...namespace }, ...(sub.kind === 'Namespace' ? { spec: {}, status: {} } : {}) };
    const format = (ctx.flag<string>('output') ?? '').toLowerCase();
    if (format === 'yaml') ctx.out(formatYaml(sent));
    else if (format === 'json') ctx.out(formatJson(sent));
    else ctx.out(`${sub.kind.toLowerCase()}/${name}${format === 'name' ? '' : ` created${dryRunSuffix('client')}`}\n`);
    return 0;
  }
  const refuse = (status: string, message: string) => {
    ctx.err(sub.wrap ? `error: ${sub.wrap}: ${message}\n` : `Error from server (${status}): ${message}\n`);
    return 1;
  };
  const ns = sub.namespaced ? ctx.namespace : undefined;
  if (ns !== undefined && !ctx.world.hasNamespace(ns)) return refuse('NotFound', `namespaces "${ns}" not found`);
  const plural = `${sub.kind.toLowerCase()}s`;
  if (ctx.world.get(sub.kind, ns ?? '', name)) return refuse('AlreadyExists', `${plural} "${name}" already exists`);
  const invalid = validateObject(raw, { source: '', operation: 'creating' });
  if (invalid) {
    ctx.err(sub.wrap ? `error: ${sub.wrap}: ${invalid.message.replace(/^The /, '')}\n` : `${invalid.message}\n`);
    return 1;
  }
  const world = dryRun.dryRun === 'server' ? ctx.world.clone({ logs: 'shared' }) : ctx.world;
  const admitted = admitObject(world, raw, ns);
  if (!admitted.ok) {
    ctx.err(`${admitted.error}\n`);
    return 1;
  }
  printMutation(ctx, admitted.object, 'created', dryRun.dryRun);
  return 0;
}

export const createVerb: Verb = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  usage: 'kubectl create -f FILENAME | kubectl create namespace NAME | kubectl create serviceaccount NAME',
  flags: [
    { long: 'filename', short: 'f', type: 'stringArray', description: 'Filename, directory, or URL to files to use to create the resource' },
    { long: 'dry-run', type: 'string' },
    { long: 'save-config', type: 'bool' },
    { long: 'output', short: 'o', type: 'string' },
  ],
  run(ctx) {
    const [what, ...rest] = ctx.args.positionals;
    if (what === undefined) return writeManifests(ctx, 'create');
    const sub = SUBCOMMANDS[what];
    if (!sub) {
      ctx.err(`error: unknown command "${what}" for "kubectl create"\n`);
      return 1;
    }
    return createNamed(ctx, sub, rest);
  },
};

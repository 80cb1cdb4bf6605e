import { findPod, pickContainer } from '../podArgs.ts';
import { matchesSelector, parseSelector } from '../resources.ts';
import type { Verb, VerbContext } from '../types.ts';
import { podContainers } from '../../../domain/cluster/pods.ts';
import type { KubeObject } from '../../../domain/objects.ts';
import { bootLines } from './logsBoot.ts';

/** kubectl logs' usage error (pkg/cmd/logs/logs.go, logsUsageErrStr), as cmdutil.UsageErrorf prints it. */
const USAGE_ERROR = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n";

/** With a selector and no --tail, kubectl asks for each container's last 10 lines (logs.go, selectorTail). */
const SELECTOR_TAIL = 10;

/** One container's log stream, as kubectl requests it. */
interface Stream {
  pod: KubeObject;
  container: string;
}

/**
 * The lines one container printed: its start-up lines, then what the simulation wrote. With
 * --timestamps, each line starts with the time the kubelet received it, in RFC3339Nano (the
 * simulation keeps whole seconds; start-up lines carry the container's start).
 */
function streamLines(ctx: VerbContext, { pod, container }: Stream, timestamps: boolean): string[] {
  const stored = (ctx.world.logs.get(`${pod.metadata.namespace}/${pod.metadata.name}`) ?? []).filter((l) => l.container === container);
  const boot = bootLines(container, pod, ctx.world);
  if (!timestamps) return [...boot, ...stored.map((l) => l.text)];
  const stamp = (seconds: number) => `${new Date(seconds * 1000).toISOString().slice(0, 19)}.000000000Z `;
  return [...boot.map((text) => stamp(pod.metadata.creationTimestamp) + text), ...stored.map((l) => stamp(l.time) + l.text)];
}

/** Every container of the pod, for --all-containers: init, then app, then ephemeral (logsforobject.go). */
function allContainers(pod: KubeObject): string[] {
  const named = (list: unknown): string[] => (Array.isArray(list) ? list.map((c: { name?: unknown }) => (typeof c.name === 'string' ? c.name : '')) : []);
  return [...named(pod.spec?.initContainers), ...podContainers(pod).map((c) => c.name), ...named(pod.spec?.ephemeralContainers)];
}

/**
 * The streams for one pod: the named or default container (kubectl's podcmd rules, with the
 * "Defaulted container" note), or all of them. Undefined after printing an error.
 */
function podStreams(ctx: VerbContext, pod: KubeObject, requested: string | undefined): Stream[] | undefined {
  if (ctx.flag<boolean>('all-containers')) return allContainers(pod).map((container) => ({ pod, container }));
  const container = pickContainer(ctx, pod, requested, 'kubectl.kubernetes.io/default-container', (name) => `error: container ${name} is not valid for pod ${pod.metadata.name}`);
  if (!container.ok) {
    ctx.err(`${container.error}\n`);
    return undefined;
  }
  return [{ pod, container: container.name }];
}

export const logsVerb: Verb = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    { long: 'container', short: 'c', type: 'string', description: 'Print the logs of this container' },
    { long: 'follow', short: 'f', type: 'bool', description: 'Specify if the logs should be streamed.' },
    { long: 'tail', type: 'int', description: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
    { long: 'previous', short: 'p', type: 'bool', description: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { long: 'timestamps', type: 'bool', description: 'Include timestamps on each line in the log output' },
    { long: 'all-containers', type: 'bool', description: 'Get all containers\' logs in the pod(s).' },
    { long: 'since', type: 'string' },
    { long: 'selector', short: 'l', type: 'string', description: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { long: 'prefix', type: 'bool', description: 'Prefix each log line with the log source (pod name and container name)' },
    { long: 'max-log-requests', type: 'int', description: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
  ],
  run(ctx) {
    const [podArg, containerArg, extra] = ctx.args.positionals;
    const selectorText = ctx.flag<string>('selector');
    const requested = ctx.flag<string>('container') ?? containerArg;
    // logs.go Complete: no argument needs a selector; a selector excludes a POD argument.
    if (extra !== undefined || (!podArg && !selectorText)) {
      ctx.err(USAGE_ERROR);
      return 1;
    }
    if (podArg && selectorText && containerArg === undefined) {
      ctx.err("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n");
      return 1;
    }
    const tailFlag = ctx.flag<number>('tail');
    if (typeof tailFlag === 'number' && tailFlag < -1) {
      ctx.err('error: --tail must be greater than or equal to -1\n');
      return 1;
    }

    const streams: Stream[] = [];
    if (selectorText && !podArg) {
      const selector = parseSelector(selectorText);
      if (!selector.ok) {
        ctx.err(`${selector.error}\n`);
        return 1;
      }
      const pods = ctx.world.list('Pod', ctx.namespace).filter((p) => matchesSelector(selector.requirements, p.metadata.labels));
      if (pods.length === 0) {
        ctx.err(`No resources found in ${ctx.namespace} namespace.\n`);
        return 0;
      }
      for (const pod of pods) {
        const own = podStreams(ctx, pod, requested);
        if (!own) return 1;
        streams.push(...own);
      }
    } else if (podArg) {
      const found = findPod(ctx, podArg);
      if (!found.ok) {
        ctx.err(`${found.error}\n`);
        return 1;
      }
      const own = podStreams(ctx, found.pod, requested);
      if (!own) return 1;
      streams.push(...own);
    }

    const maxRequests = ctx.flag<number>('max-log-requests') ?? 5;
    if (ctx.flag<boolean>('follow') && streams.length > 1 && streams.length > maxRequests) {
      ctx.err(`error: you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit\n`);
      return 1;
    }
    // No container in the simulation has ever restarted: there is no previous instance to read.
    if (ctx.flag<boolean>('previous')) {
      const first = streams[0];
      if (first) ctx.err(`Error from server (BadRequest): previous terminated container "${first.container}" in pod "${first.pod.metadata.name}" not found\n`);
      return 1;
    }

    const tail = typeof tailFlag === 'number' && tailFlag !== -1 ? tailFlag : selectorText && tailFlag === undefined ? SELECTOR_TAIL : -1;
    const prefix = ctx.flag<boolean>('prefix') === true;
    for (const stream of streams) {
      let lines = streamLines(ctx, stream, ctx.flag<boolean>('timestamps') === true);
      if (tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
      // addPrefixIfNeeded (logs.go): `[pod/NAME/CONTAINER] ` before every line.
      const before = prefix ? `[pod/${stream.pod.metadata.name}/${stream.container}] ` : '';
      if (lines.length) ctx.out(`${lines.map((l) => before + l).join('\n')}\n`);
    }
    return 0;
  },
};

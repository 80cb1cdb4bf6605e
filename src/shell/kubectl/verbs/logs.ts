import { findPod, pickContainer } from '../podArgs.ts';
import type { Verb } from '../types.ts';
import { SIDECAR_CONTAINER } from '../../../domain/cluster/pods.ts';

/** The lines a container printed when it started (a trimmed but real-looking boot log). */
function bootLines(container: string, startedAt: number): string[] {
  const t = (offsetMs: number) => new Date(startedAt * 1000 + offsetMs).toISOString().replace('Z', '000Z').replace(/\.(\d{3})000Z$/, '.$1512Z');
  if (container === SIDECAR_CONTAINER) {
    return [
      `${t(412)}\tinfo\tFLAG: --concurrency="2"`,
      `${t(598)}\tinfo\tVersion 1.26.4-asm.5-f1c0e1b2d3a4`,
      `${t(1203)}\tinfo\tWorkload SDS socket not found. Starting Istio SDS Server`,
      `${t(1577)}\tinfo\tads\tADS: new connection for node:1`,
      `${t(1602)}\tinfo\tcache\tgenerated new workload certificate\tresourceName=default latency=118.233562ms ttl=23h59m59.000000001s`,
      `${t(2891)}\tinfo\tReadiness succeeded in 2.4123s`,
      `${t(2892)}\tinfo\tEnvoy proxy is ready`,
    ];
  }
  return [];
}

export const logsVerb: Verb = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    { long: 'container', short: 'c', type: 'string', description: 'Print the logs of this container' },
    { long: 'follow', short: 'f', type: 'bool', description: 'Specify if the logs should be streamed.' },
    { long: 'tail', type: 'int', description: 'Lines of recent log file to display.' },
    { long: 'previous', short: 'p', type: 'bool' },
    { long: 'timestamps', type: 'bool' },
    { long: 'all-containers', type: 'bool' },
    { long: 'since', type: 'string' },
  ],
  run(ctx) {
    const [podArg, containerArg] = ctx.args.positionals;
    if (!podArg) {
      ctx.err('error: expected \'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]\'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee \'kubectl logs -h\' for help and examples\n');
      return 1;
    }
    const found = findPod(ctx, podArg);
    if (!found.ok) {
      ctx.err(`${found.error}\n`);
      return 1;
    }
    const pod = found.pod;
    const container = pickContainer(ctx, pod, ctx.flag<string>('container') ?? containerArg, 'kubectl.kubernetes.io/default-logs-container', (name) => `error: container ${name} is not valid for pod ${pod.metadata.name}`);
    if (!container.ok) {
      ctx.err(`${container.error}\n`);
      return 1;
    }
    const stored = (ctx.world.logs.get(`${pod.metadata.namespace}/${pod.metadata.name}`) ?? []).filter((l) => l.container === container.name);
    let lines = [...bootLines(container.name, pod.metadata.creationTimestamp), ...stored.map((l) => l.text)];
    const tail = ctx.flag<number>('tail');
    if (typeof tail === 'number' && tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
    if (lines.length) ctx.out(`${lines.join('\n')}\n`);
    return 0;
  },
};

import { imageBinaries } from '../../domain/cluster/images.ts';
import type { KubeObject } from '../../domain/objects.ts';
import { podIP } from '../../domain/cluster/pods.ts';
import { clusterIP } from '../../domain/cluster/services.ts';
import { simulateRequest } from '../../domain/traffic/simulateRequest.ts';
import { Shell } from '../bash/shell.ts';
import { containerEnv } from './containerEnv.ts';
import { MemoryFs } from '../bash/memoryFs.ts';
import { createCurl } from '../curl/curl.ts';
import { inspectPart, lazyCommand } from '../inspect/lazyInspect.ts';
import { containerFiles } from '../../domain/pki/containerFiles.ts';
import type { CommandContext, CommandHandler, RunResult } from '../types.ts';
import type { VerbContext } from './types.ts';

export interface ContainerProcess {
  pod: KubeObject;
  container: string;
  image: string;
  /** Whether the pod's sidecar captures this process's traffic (not the proxy's own UID). */
  captured: boolean;
}

/** The pod-side `curl`: requests leave from this pod, through its sidecar when captured. */
function podCurl(ctx: VerbContext, proc: ContainerProcess): CommandHandler {
  const world = ctx.world;
  return createCurl(
    (req) => {
      // The pod's own Envoy admin API and pilot-agent answer on localhost without crossing the network.
      const local = inspectPart.get()?.localAdminTrace(world, proc.pod, req);
      if (local) return local;
      const trace = simulateRequest(world, {
        client: { kind: 'pod', namespace: proc.pod.metadata.namespace ?? '', pod: proc.pod.metadata.name, container: proc.container, captured: proc.captured },
        url: req.url,
        method: req.method,
        headers: req.headers,
        userAgent: req.userAgent,
        ...(req.insecure ? { insecure: true } : {}),
        origin: 'command',
      });
      ctx.services.recordTrace(trace);
      return trace;
    },
    {
      resolve: (host) => {
        if (/^\d+(\.\d+){3}$/.test(host)) return host;
        const m = /^([a-z0-9-]+)\.([a-z0-9-]+)(\.svc(\.cluster\.local)?)?\.?$/.exec(host);
        const svc = m && m[1] && m[2] ? world.get('Service', m[2], m[1]) : host.includes('.') ? undefined : world.get('Service', proc.pod.metadata.namespace ?? '', host);
        if (host === 'localhost') return podIP(proc.pod) ? '127.0.0.1' : undefined;
        return svc ? clusterIP(svc) : undefined;
      },
    },
  );
}

function forward(result: RunResult, io: CommandContext): void {
  for (const chunk of result.chunks) (chunk.stream === 'stdout' ? io.stdout : io.stderr)(chunk.text);
  for (const trace of result.traces) io.trace(trace);
}

/**
 * Runs argv inside a container, as the container runtime would: only executables the image ships
 * exist; a shell (`sh -c`) runs a script with them. Returns the exit status of the process, or
 * undefined when the runtime could not start it (the caller prints kubectl's error).
 */
export function runInContainer(ctx: VerbContext, proc: ContainerProcess, argv: string[], io: CommandContext): number | 'not-found' {
  const binaries = imageBinaries(proc.image);
  const program = (argv[0] ?? '').replace(/^.*\//, '');
  if (!binaries.has(program)) return 'not-found';
  const commands: Record<string, CommandHandler> = {};
  if (binaries.has('curl')) commands.curl = podCurl(ctx, proc);
  const inspect = inspectPart.get();
  if (inspect) Object.assign(commands, inspect.containerTools(ctx, proc));
  else for (const tool of ['pilot-agent', 'tcpdump']) if (binaries.has(tool)) commands[tool] = lazyCommand(tool, (tools) => tools.containerTools(ctx, proc)[tool] as CommandHandler);
  if (binaries.has('openssl')) commands.openssl = lazyCommand('openssl', (tools) => tools.createOpenssl(() => ctx.world, tools.podClient(proc), tools.opensslVersionFor(proc.image)));
  // The volumes Kubernetes and the sidecar injector mount (ServiceAccount token, mesh root CA…).
  const fs = new MemoryFs({ files: containerFiles(ctx.world, proc.pod, proc.container) });
  // The container's own environment replaces Cloud Shell's (USER=learner, TERM…), in its order.
  const environ = containerEnv(ctx.world, proc.pod, proc.container, proc.image);
  const shell = new Shell({ commands, fs, env: Object.fromEntries(environ), replaceEnv: true, sleep: (ms) => ctx.services.sleep(ms) });
  if ((program === 'sh' || program === 'bash') && argv[1] === '-c') {
    const result = shell.run(argv[2] ?? '');
    forward(result, io);
    return result.exitCode;
  }
  if (program === 'sh' || program === 'bash') {
    const result = shell.run(io.stdin);
    forward(result, io);
    return result.exitCode;
  }
  // Run one program directly: quote each argument so the shell passes it through unchanged.
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = shell.run(quoted);
  forward(result, io);
  return result.exitCode;
}

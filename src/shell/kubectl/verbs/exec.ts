import { hasSidecar, SIDECAR_CONTAINER } from '../../../domain/cluster/pods.ts';
import { findPod, pickContainer } from '../podArgs.ts';
import { runInContainer } from '../runInContainer.ts';
import type { Verb } from '../types.ts';

/** containerd's text when the executable is missing from the image. */
export function notFoundInImage(program: string, id: string): string {
  return `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown\n`;
}

export const execVerb: Verb = {
  name: 'exec',
  short: 'Execute a command in a container',
  usage: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  flags: [
    { long: 'container', short: 'c', type: 'string', description: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { long: 'stdin', short: 'i', type: 'bool', description: 'Pass stdin to the container' },
    { long: 'tty', short: 't', type: 'bool', description: 'Stdin is a TTY' },
    { long: 'quiet', short: 'q', type: 'bool' },
  ],
  run(ctx) {
    const [podArg, ...extra] = ctx.args.positionals;
    if (!podArg) {
      ctx.err('error: pod, type/name or --filename must be specified\n');
      return 1;
    }
    // KCTL:pkg/cmd/exec/exec.go `Complete`: without `--`, a lone POD leaves the command empty
    // (Validate then asks for one); more words are the removed `exec POD COMMAND` form.
    const command = ctx.args.afterDash ?? (extra.length === 0 ? [] : undefined);
    if (command === undefined || extra.length) {
      ctx.err('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee \'kubectl exec -h\' for help and examples\n');
      return 1;
    }
    if (command.length === 0) {
      ctx.err('error: you must specify at least one command for the container\n');
      return 1;
    }
    const found = findPod(ctx, podArg);
    if (!found.ok) {
      ctx.err(`${found.error}\n`);
      return 1;
    }
    const pod = found.pod;
    const container = pickContainer(ctx, pod, ctx.flag<string>('container'), 'kubectl.kubernetes.io/default-container', (name) => `error: unable to upgrade connection: container not found ("${name}")`);
    if (!container.ok) {
      ctx.err(`${container.error}\n`);
      return 1;
    }
    const interactiveShell = ctx.flag<boolean>('tty') === true && ctx.io.stdinIsTerminal && ['sh', 'bash', '/bin/sh', '/bin/bash'].includes(command[0] ?? '') && command.length === 1;
    if (interactiveShell) {
      ctx.err('mtls-playground: interactive shells inside pods are not simulated; run one command instead, e.g. kubectl exec ' + podArg + ' -- curl -s http://frontend.frontend.svc.cluster.local/\n');
      return 1;
    }
    const captured = hasSidecar(pod) && container.name !== SIDECAR_CONTAINER;
    const status = runInContainer(ctx, { pod, container: container.name, image: container.image, captured }, command, ctx.io);
    if (status === 'not-found') {
      ctx.err(notFoundInImage(command[0] ?? '', ctx.world.rng.hex(64)));
      return 1;
    }
    if (status !== 0) ctx.err(`command terminated with exit code ${status}\n`);
    return status;
  },
};

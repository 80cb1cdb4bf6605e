import { hasSidecar } from '../../../domain/cluster/pods.ts';
import type { CommandContext } from '../../types.ts';
import { findPod } from '../podArgs.ts';
import { runInContainer } from '../runInContainer.ts';
import type { Verb } from '../types.ts';
import { notFoundInImage } from './exec.ts';

export const debugVerb: Verb = {
  name: 'debug',
  short: 'Create debugging sessions for troubleshooting workloads and nodes',
  usage: 'kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]',
  flags: [
    { long: 'image', type: 'string', description: 'Container image to use for debug container.' },
    { long: 'target', type: 'string', description: 'When using an ephemeral container, target processes in this container name.' },
    { long: 'container', short: 'c', type: 'string', description: 'Container name to use for debug container.' },
    { long: 'stdin', short: 'i', type: 'bool', description: 'Keep stdin open on the container(s) in the pod, even if nothing is attached.' },
    { long: 'tty', short: 't', type: 'bool', description: 'Allocate a TTY for the debugging container.' },
    { long: 'profile', type: 'string', description: 'Options are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".' },
    { long: 'quiet', short: 'q', type: 'bool' },
    { long: 'attach', type: 'bool' },
  ],
  run(ctx) {
    const [podArg] = ctx.args.positionals;
    if (!podArg) {
      ctx.err('error: NAME is required for debug\n');
      return 1;
    }
    const image = ctx.flag<string>('image');
    if (!image) {
      ctx.err('error: --image is required when --copy-to is not specified\n');
      return 1;
    }
    const found = findPod(ctx, podArg);
    if (!found.ok) {
      ctx.err(`${found.error}\n`);
      return 1;
    }
    const pod = found.pod;
    const target = ctx.flag<string>('target');
    const name = ctx.flag<string>('container') ?? `debugger-${ctx.world.rng.suffix(5)}`;
    const ns = pod.metadata.namespace ?? 'default';
    if (target) ctx.out(`Targeting container "${target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
    if (!ctx.flag<string>('profile')) ctx.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
    if (!ctx.flag<string>('container')) ctx.out(`Defaulting debug container name to ${name}.\n`);
    const command = ctx.args.afterDash ?? [];
    // The ephemeral container joins the pod: it shows in describe and can be read with logs.
    const ephemeral = Array.isArray(pod.spec?.ephemeralContainers) ? pod.spec.ephemeralContainers : [];
    ctx.world.put({
      ...pod,
      spec: { ...pod.spec, ephemeralContainers: [...ephemeral, { name, image, ...(command.length ? { command } : {}), ...(target ? { targetContainerName: target } : {}), stdin: ctx.flag<boolean>('stdin') === true, tty: ctx.flag<boolean>('tty') === true }] },
    });
    const attach = ctx.flag<boolean>('stdin') === true || ctx.flag<boolean>('attach') === true;
    // Its processes share the pod's network namespace and do not run as the proxy's UID: captured.
    const captured = hasSidecar(pod);
    let output = '';
    const sink: CommandContext = { ...ctx.io, stdin: '', stdout: (t) => { output += t; }, stderr: (t) => { output += t; } };
    const status = command.length
      ? runInContainer(ctx, { pod, container: name, image, captured }, command, sink)
      : 0;
    const logText = status === 'not-found'
      ? `exec: "${command[0] ?? ''}": executable file not found in $PATH`
      : output;
    for (const line of logText.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1)) ctx.world.appendLog(ns, pod.metadata.name, name, line);
    if (status === 'not-found') {
      if (attach) ctx.err(notFoundInImage(command[0] ?? '', ctx.world.rng.hex(64)).replace('error executing command in container: failed to exec in container', 'failed to create containerd task'));
      return attach ? 1 : 0;
    }
    if (!attach) return 0;
    ctx.err("If you don't see a command prompt, try pressing enter.\n");
    ctx.out(output);
    if (ctx.flag<boolean>('tty')) ctx.out(`Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${pod.metadata.name} -c ${name} -n ${ns} -i -t' if it is still running\n`);
    return 0;
  },
};

/**
 * kubectl exec's argument checks, as kubectl 1.33 makes them. Source:
 * - KCTL  kubernetes/kubectl pkg/cmd/exec/exec.go (`Complete`: the command after `--`, the usage
 *         error for `exec POD COMMAND`; `Validate`: "pod, type/name or --filename must be
 *         specified", "you must specify at least one command for the container").
 */
import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../../domain/cluster/defaultWorld.ts';
import type { World } from '../../../domain/world.ts';
import { runHandler, servicesFor } from '../../testing/runHandler.ts';
import { createKubectl } from '../kubectl.ts';

function kubectl(world: World, ...argv: string[]): { stdout: string; stderr: string; code: number } {
  const { stdout, stderr, exitCode } = runHandler(createKubectl(servicesFor(world)), ['kubectl', ...argv]);
  return { stdout, stderr, code: exitCode };
}

const NO_COMMAND = { stdout: '', stderr: 'error: you must specify at least one command for the container\n', code: 1 };

describe('kubectl exec: arguments', () => {
  it('asks for a command when only the pod is given, with or without -it or a bare `--`', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'exec', '-it', 'testcurl')).toEqual(NO_COMMAND);
    expect(kubectl(world, 'exec', 'testcurl')).toEqual(NO_COMMAND);
    expect(kubectl(world, 'exec', 'testcurl', '--')).toEqual(NO_COMMAND);
  });

  it('refuses the removed `exec POD COMMAND` form with a usage error, and a missing pod', () => {
    const world = createDefaultWorld();
    expect(kubectl(world, 'exec', 'testcurl', 'ls')).toEqual({
      stdout: '',
      stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
      code: 1,
    });
    expect(kubectl(world, 'exec')).toEqual({ stdout: '', stderr: 'error: pod, type/name or --filename must be specified\n', code: 1 });
  });
});

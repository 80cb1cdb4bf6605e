import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import type { World } from '../../domain/world.ts';
import { argvOf, runHandler, servicesFor } from '../testing/runHandler.ts';
import { createIstioctl } from './istioctl.ts';

/*
 * `istioctl proxy-config log` (istio 1.26 istioctl/pkg/proxyconfig/proxyconfig.go logCmd): POSTs
 * Envoy's `/logging` (envoy source/server/admin/logs_handler.cc) and prints `<pod>.<ns>:` and its answer.
 */

function run(world: World, line: string) {
  return runHandler(createIstioctl(servicesFor(world)), argvOf(line));
}

function frontend(world: World): string {
  return world.list('Pod', 'frontend')[0]?.metadata.name ?? '';
}

describe('istioctl proxy-config log', () => {
  it('with no level lists the loggers as Envoy answers, under `<pod>.<namespace>:`', () => {
    const world = createDefaultWorld();
    const out = run(world, `istioctl pc log ${frontend(world)}.frontend`);
    expect(out.exitCode).toBe(0);
    expect(out.stdout.startsWith(`${frontend(world)}.frontend:\nactive loggers:\n  admin: warning\n`)).toBe(true);
    expect(out.stdout).toContain('\n  misc: error\n  mongo: warning\n');
    expect(out.stdout.endsWith('  golang: warning\n\n')).toBe(true);
  });

  it('--level rbac:debug changes one logger; deploy/NAME -n NS finds the pod; the change stays in that Envoy', () => {
    const world = createDefaultWorld();
    const out = run(world, 'istioctl proxy-config log deploy/frontend -n frontend --level rbac:debug');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('\n  rbac: debug\n  rds: warning\n');
    expect(run(world, `istioctl pc log ${frontend(world)} -n frontend`).stdout).toContain('  rbac: debug\n');
  });

  it('--level debug changes every logger, rbac:debug,jwt:warning several, --reset sets warning everywhere (misc too)', () => {
    const world = createDefaultWorld();
    expect(run(world, 'istioctl pc log deploy/frontend -n frontend --level debug').stdout).not.toMatch(/: (?!debug)\w+\n/);
    const several = run(world, 'istioctl pc log deploy/frontend -n frontend --level rbac:trace,jwt:warn').stdout;
    expect(several).toContain('  rbac: trace\n');
    expect(several).toContain('  jwt: warning\n');
    const reset = run(world, 'istioctl pc log deploy/frontend -n frontend -r').stdout;
    expect(reset).toContain('  misc: warning\n');
    expect(reset).not.toMatch(/: (?!warning)\w+\n/);
  });

  it('reports what istioctl rejects', () => {
    const world = createDefaultWorld();
    const pod = `${frontend(world)}.frontend`;
    expect(run(world, `istioctl pc log ${pod} --level none`).stderr).toContain('Error: unrecognized logging level: none');
    expect(run(world, `istioctl pc log ${pod} --level nosuch:debug`).stderr).toContain('Error: unrecognized logger name: nosuch');
    expect(run(world, `istioctl pc log ${pod} --level rbac:loud`).stderr).toContain('Error: unrecognized logging level: loud');
    expect(run(world, `istioctl pc log ${pod} --level debug -r`).stderr).toContain('Error: --level cannot be combined with --reset');
    expect(run(world, `istioctl pc log ${pod} -o json`).stderr).toContain('Error: --output is not applicable for this command');
    const none = run(world, 'istioctl pc log');
    expect(none.stderr).toContain('Usage:\n  istioctl proxy-config log [<type>/]<name>[.<namespace>] [flags]\n\nAliases:\n  log, o\n');
    expect(none.stderr).toContain('Error: log requires pod name or --selector');
    expect(world.envoyLogLevelsOf('frontend', frontend(world))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { newMeta } from '../../domain/cluster/newMeta.ts';
import { DEFAULT_EPOCH_MS, ManualClock } from '../../domain/clock.ts';
import type { World } from '../../domain/world.ts';
import { createIstioctl } from './istioctl.ts';
import { argvOf, runHandler, servicesFor } from '../testing/runHandler.ts';

function run(world: World, line: string) {
  const { stdout, stderr, exitCode } = runHandler(createIstioctl(servicesFor(world)), argvOf(line));
  return { stdout, stderr, exitCode };
}

describe('istioctl', () => {
  it('rejects an unknown command the cobra way, with a suggestion and exit 64', () => {
    expect(run(createDefaultWorld(), 'istioctl verison')).toEqual({
      stdout: '',
      stderr: 'Error: unknown command "verison" for "istioctl"\n\nDid you mean this?\n\tversion\n\nRun \'istioctl --help\' for usage.\n',
      exitCode: 64,
    });
    expect(run(createDefaultWorld(), 'istioctl frobnicate').stderr).toBe('Error: unknown command "frobnicate" for "istioctl"\nRun \'istioctl --help\' for usage.\n');
  });

  it('rejects an unknown flag with exit 64', () => {
    expect(run(createDefaultWorld(), 'istioctl analyze --bogus')).toEqual({ stdout: '', stderr: 'Error: unknown flag: --bogus\n', exitCode: 64 });
  });

  it('prints help with no arguments and for a group', () => {
    const root = run(createDefaultWorld(), 'istioctl');
    expect(root.exitCode).toBe(0);
    expect(root.stdout).toContain('Usage:\n  istioctl [command]\n');
    expect(root.stdout).toContain('  analyze      Analyze Istio configuration and print validation messages\n');
    expect(run(createDefaultWorld(), 'istioctl x').stdout).toContain('Aliases:\n  experimental, x, exp\n');
  });

  it('rejects an unknown resource type under describe', () => {
    expect(run(createDefaultWorld(), 'istioctl x describe deployment frontend')).toEqual({ stdout: '', stderr: 'Error: unknown resource type "deployment"\n', exitCode: 1 });
  });
});

describe('istioctl version', () => {
  it('prints client, control plane and a data plane summary', () => {
    expect(run(createDefaultWorld(), 'istioctl version')).toEqual({
      stdout: 'client version: 1.26.4\ncontrol plane version: 1.26.4-asm.5\ndata plane version: 1.26.4-asm.5 (12 proxies)\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('still prints the client version when the cluster is unreachable', () => {
    expect(run(createDefaultWorld({ credentials: false }), 'istioctl version')).toEqual({
      stdout: '1.26.4\n',
      stderr: 'unable to retrieve Pods: Get "http://localhost:8080/api/v1/namespaces/istio-system/pods?fieldSelector=status.phase%3DRunning&labelSelector=app%3Distiod": dial tcp [::1]:8080: connect: connection refused\n',
      exitCode: 0,
    });
  });

  it('prints only the client with --remote=false', () => {
    expect(run(createDefaultWorld(), 'istioctl version --remote=false').stdout).toBe('1.26.4\n');
  });
});

describe('istioctl proxy-status', () => {
  it('lists every proxy, sorted, in a tabwriter table with padding 5', () => {
    const world = createDefaultWorld();
    const r = run(world, 'istioctl proxy-status');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME {5,}CLUSTER {8}CDS {14}LDS {14}EDS {14}RDS {14}ECDS {8}ISTIOD {5,}VERSION$/);
    expect(lines).toHaveLength(13);
    const frontend = lines.find((l) => l.startsWith('frontend-'));
    // formatStatus (istioctl 1.26 istioctl/pkg/writer/pilot/status.go): `SYNCED (<HumanDuration of LastUpdated>)`.
    expect(frontend).toMatch(/^frontend-\S+\.frontend +Kubernetes {5}SYNCED \(27m\) {5}SYNCED \(27m\) {5}SYNCED \(27m\) {5}SYNCED \(27m\) {5}IGNORED {5}istiod-\S+ {5}1\.26\.4-asm\.5$/);
    expect(lines.some((l) => l.startsWith('testcurl'))).toBe(false);
    const names = lines.slice(1).map((l) => l.split(' ')[0] ?? '');
    expect(names).toEqual([...names].sort());
  });

  it('shows the same columns under its alias ps, filtered by -n', () => {
    const r = run(createDefaultWorld(), 'istioctl ps -n frontend');
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('ages the last push from the newest change of config, services or endpoints', () => {
    const clock = new ManualClock(DEFAULT_EPOCH_MS);
    const world = createDefaultWorld({ clock });
    clock.advance(300_000);
    world.put({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: newMeta(world, 'p', 'frontend'), spec: { mtls: { mode: 'STRICT' } } });
    clock.advance(19_000);
    expect(run(world, 'istioctl ps -n frontend').stdout).toMatch(/Kubernetes {5}SYNCED \(19s\) {5}SYNCED \(19s\) {5}/);
  });

  it('fails without credentials', () => {
    const r = run(createDefaultWorld({ credentials: false }), 'istioctl proxy-status');
    expect(r.stderr).toMatch(/^Error: unable to retrieve Pods: Get "http:\/\/localhost:8080\/api\/v1\/namespaces\/istio-system\/pods\?.*connection refused\n$/);
    expect(r.exitCode).toBe(1);
  });
});

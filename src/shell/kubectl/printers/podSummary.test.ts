import { describe, expect, it } from 'vitest';
import { pod } from '../../../domain/testing/fixtures.ts';
import type { JsonObject, KubeObject } from '../../../domain/objects.ts';
import { podSummary } from './podSummary.ts';
import { parseRfc3339 } from './timestamps.ts';

const NOW = parseRfc3339('2026-11-28T09:00:00Z') as number;

function withStatus(status: JsonObject, spec?: JsonObject): KubeObject {
  const base = pod('default', 'web', { sidecar: false });
  return { ...base, spec: { ...base.spec, ...spec }, status: { ...base.status, ...status } };
}

const running = { running: { startedAt: '2026-11-28T08:00:00Z' } };

describe('podSummary', () => {
  it('counts ready containers and reports Running', () => {
    const p = withStatus({ phase: 'Running', containerStatuses: [{ name: 'server', ready: true, restartCount: 0, state: running }] });
    expect(podSummary(p, NOW)).toMatchObject({ ready: '1/1', status: 'Running', restarts: '0' });
  });

  it('shows a waiting reason and the time since the last restart', () => {
    const p = withStatus({
      phase: 'Running',
      containerStatuses: [{
        name: 'server', ready: false, restartCount: 4,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode: 1, finishedAt: '2026-11-28T08:58:30Z' } },
      }],
    });
    expect(podSummary(p, NOW)).toMatchObject({ ready: '0/1', status: 'CrashLoopBackOff', restarts: '4 (90s ago)' });
  });

  it('reports Init:i/n while an init container runs', () => {
    const p = withStatus(
      { phase: 'Pending', initContainerStatuses: [{ name: 'check', ready: false, restartCount: 0, state: { running: {} } }], containerStatuses: [{ name: 'server', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }] },
      { initContainers: [{ name: 'check', image: 'busybox' }] },
    );
    expect(podSummary(p, NOW).status).toBe('Init:0/1');
  });

  it('restarts a `sleep N` container every N seconds under restartPolicy Always', () => {
    const p = withStatus(
      { phase: 'Running', containerStatuses: [{ name: 'server', ready: true, restartCount: 0, state: running }] },
      { restartPolicy: 'Always', containers: [{ name: 'server', image: 'curl', command: ['sleep', '600'] }] },
    );
    expect(podSummary(p, NOW).restarts).toBe('6 (0s ago)');
    expect(podSummary(p, NOW + 61).restarts).toBe('6 (61s ago)');
    const never = { ...p, spec: { ...p.spec, restartPolicy: 'Never' } };
    expect(podSummary(never, NOW).restarts).toBe('0');
  });
});

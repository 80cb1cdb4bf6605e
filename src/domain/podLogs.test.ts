import { describe, expect, it } from 'vitest';
import { MAX_LOG_LINES, PodLogs } from './podLogs.ts';

/**
 * The kubelet rotates each container's log on its own (KubeletConfiguration containerLogMaxSize
 * and containerLogMaxFiles apply per container), so one container's flood never rotates another's.
 */
describe('PodLogs rotation', () => {
  it("keeps each container's last lines, however much another container writes", () => {
    const logs = new PodLogs();
    logs.append('ns/p', { time: 0, container: 'istio-proxy', text: 'proxy 0' });
    logs.append('ns/p', { time: 0, container: 'istio-proxy', text: 'proxy 1' });
    for (let i = 0; i < MAX_LOG_LINES + 500; i++) logs.append('ns/p', { time: 0, container: 'debugger', text: `packet ${i}` });
    const lines = logs.byPod.get('ns/p') ?? [];
    expect(lines.filter((l) => l.container === 'istio-proxy').map((l) => l.text)).toEqual(['proxy 0', 'proxy 1']);
    const debug = lines.filter((l) => l.container === 'debugger');
    expect(debug).toHaveLength(MAX_LOG_LINES);
    expect(debug[0]?.text).toBe('packet 500');
    expect(lines[0]?.text).toBe('proxy 0');
  });

  it('rotates a container past the cap while keeping the order the lines were written in', () => {
    const logs = new PodLogs();
    for (let i = 0; i < MAX_LOG_LINES + 3; i++) {
      logs.append('ns/p', { time: i, container: 'a', text: `a${i}` });
      if (i % 2 === 0) logs.append('ns/p', { time: i, container: 'b', text: `b${i}` });
    }
    const lines = logs.byPod.get('ns/p') ?? [];
    expect(lines.filter((l) => l.container === 'a')).toHaveLength(MAX_LOG_LINES);
    expect(lines.filter((l) => l.container === 'b')).toHaveLength(1002);
    expect(lines.map((l) => l.time)).toEqual([...lines.map((l) => l.time)].sort((x, y) => x - y));
  });

  it('gives a fork its own rotation, counted from the lines it started with', () => {
    const logs = new PodLogs();
    for (let i = 0; i < MAX_LOG_LINES; i++) logs.append('ns/p', { time: 0, container: 'a', text: `a${i}` });
    const fork = logs.fork();
    fork.append('ns/p', { time: 0, container: 'a', text: 'fork' });
    expect(fork.byPod.get('ns/p')).toHaveLength(MAX_LOG_LINES);
    expect(fork.byPod.get('ns/p')?.[0]?.text).toBe('a1');
    expect(logs.byPod.get('ns/p')?.[0]?.text).toBe('a0');
  });
});

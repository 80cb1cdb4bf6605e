import { afterEach, describe, expect, it, vi } from 'vitest';
import { Course } from './course.svelte.ts';
import { Simulator } from './simulator.svelte.ts';

const CURL = 'kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local:80/';
const STRICT_CART = 'kubectl apply -n cart -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\nspec:\n  mtls:\n    mode: STRICT\nEOF';

async function sandbox() {
  vi.useFakeTimers();
  const course = new Course();
  const sim = new Simulator({ commands: course.shellCommands });
  course.attach(sim);
  course.sliceMs = Infinity;
  sim.terminal.sliceMs = Infinity;
  const start = sim.session.snapshot();
  await course.openSandbox(start);
  return { course, sim, start };
}

/** The frontend sidecar's access-log lines, as `kubectl logs` reads them. */
function frontendLog(sim: Simulator): string[] {
  const pod = sim.session.world.list('Pod', 'frontend')[0];
  return (sim.session.world.logs.get(`frontend/${pod?.metadata.name}`) ?? []).map((l) => l.text);
}

describe('Course and the pods’ logs', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('undo, the time machine and reset keep every line written: a cluster never takes its logs back', async () => {
    const { course, sim } = await sandbox();
    sim.terminal.submit(CURL);
    sim.terminal.submit(STRICT_CART);
    sim.terminal.submit(CURL);
    const written = frontendLog(sim);
    expect(written.length).toBeGreaterThan(0);

    expect(course.undo()).toBeDefined();
    expect(frontendLog(sim)).toEqual(written);
    course.restorePoint(course.timeline[0]?.id ?? -1);
    expect(course.commands).toEqual([]);
    expect(frontendLog(sim)).toEqual(written);
    sim.terminal.submit(CURL);
    expect(course.reset()).toBe(1);
    expect(frontendLog(sim).slice(0, written.length)).toEqual(written);
    expect(frontendLog(sim).length).toBeGreaterThan(written.length);
  });

  it('opening the sandbox again replays into logs of its own: no line is written twice', async () => {
    const { course, sim, start } = await sandbox();
    sim.terminal.submit(CURL);
    const once = frontendLog(sim);
    await course.openSandbox(start, { commands: course.history.effectiveCommands() });
    expect(frontendLog(sim)).toEqual(once);
    expect(start.world.logs.size).toBe(0);
  });
});

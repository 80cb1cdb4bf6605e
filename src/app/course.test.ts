import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lesson } from '../lessons/types.ts';
import { Course, MAX_TRACES, MAX_UNDO, type CourseProgress } from './course.svelte.ts';
import { Simulator } from './simulator.svelte.ts';

const STRICT = (ns: string, name = 'p') =>
  `kubectl apply -n ${ns} -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: ${name}\nspec:\n  mtls:\n    mode: STRICT\nEOF`;

const text = (en: string) => ({ en, ja: `${en} (ja)` });
const hasPolicy = (ns: string) => (ctx: { world: { list(kind: string, ns?: string): readonly unknown[] } }) => ctx.world.list('PeerAuthentication', ns).length > 0;

/** A two-step lesson whose checks look only at the world. */
const lesson: Lesson = {
  id: 'test-lesson',
  title: text('Test lesson'),
  summary: text('A lesson for tests'),
  setup: 'kubectl create namespace legacy',
  steps: [
    {
      id: 'cart-strict',
      title: text('Cart STRICT'),
      body: text('Make cart strict.'),
      commands: [STRICT('cart')],
      check: (ctx) => ({ pass: hasPolicy('cart')(ctx), detail: text(hasPolicy('cart')(ctx) ? 'cart has a policy' : 'no policy in cart yet') }),
      hints: [text('Look at PeerAuthentication.'), text('Apply one in cart.')],
      solution: STRICT('cart'),
      predict: {
        question: text('Which requests break?'),
        probes: [
          { id: 'testcurl-cart', label: text('testcurl → cart'), from: { kind: 'pod', namespace: 'default', app: 'testcurl', captured: false }, url: 'http://cartservice.cart.svc.cluster.local:7070/' },
          { id: 'gateway', label: text('browser → gateway'), from: { kind: 'browser' }, url: 'http://34.136.92.187/' },
        ],
      },
    },
    {
      id: 'frontend-strict',
      title: text('Frontend STRICT'),
      body: text('Make frontend strict.'),
      commands: [STRICT('frontend')],
      check: (ctx) => ({ pass: hasPolicy('frontend')(ctx), detail: text('frontend') }),
      hints: [text('Same again.'), text('In frontend.')],
      solution: STRICT('frontend'),
    },
  ],
};

function setup() {
  vi.useFakeTimers();
  const course = new Course();
  const saved: CourseProgress[] = [];
  course.onChange = () => saved.push(course.progress());
  const sim = new Simulator({ commands: course.shellCommands });
  course.attach(sim);
  // Fake timers never fire a slice's continuation: run everything in one go here (the slicing has its own tests).
  course.sliceMs = Infinity;
  sim.terminal.sliceMs = Infinity;
  return { course, sim, saved };
}

describe('Course', () => {
  afterEach(() => vi.useRealTimers());

  it('opens a lesson on its start world, checks after each command and moves on when a step passes', async () => {
    const { course, sim, saved } = setup();
    await course.openLesson(lesson);
    expect(sim.session.world.get('Namespace', '', 'legacy')).toBeDefined();
    expect(course.stepIndex).toBe(0);
    expect(course.check?.pass).toBe(false);
    sim.terminal.submit('kubectl get pods -n cart');
    expect(course.completed).toEqual([]);
    sim.terminal.submit(STRICT('cart'));
    expect(course.completed).toEqual(['cart-strict']);
    expect(course.justCompleted?.id).toBe('cart-strict');
    expect(course.stepIndex).toBe(1);
    expect(saved.at(-1)).toMatchObject({ mode: 'lesson', lessonId: 'test-lesson', step: 1, completed: ['cart-strict'] });
    // The read changed nothing: only the apply is kept for a replay.
    expect(saved.at(-1)?.commands).toEqual([STRICT('cart')]);
    expect(course.commands).toHaveLength(2);
    sim.terminal.submit(STRICT('frontend'));
    expect(course.finished).toBe(true);
    sim.dispose();
  });

  it('scores the prediction against what actually broke at the next apply', async () => {
    const { course, sim } = setup();
    await course.openLesson(lesson);
    expect(course.predictions['cart-strict']?.phase).toBe('asking');
    course.submitPrediction(['testcurl-cart', 'gateway']);
    sim.terminal.submit(STRICT('cart'));
    const p = course.predictions['cart-strict'];
    expect(p).toMatchObject({ phase: 'revealed', broken: ['testcurl-cart'], score: 50, detail: { hits: ['testcurl-cart'], falseAlarms: ['gateway'], misses: [] } });
    expect(course.progress().predictions).toEqual([{ stepId: 'cart-strict', score: 50 }]);
    sim.dispose();
  });

  it('undo and reset work as buttons and as terminal commands, and are not recorded as commands', async () => {
    const { course, sim } = setup();
    await course.openLesson(lesson);
    sim.terminal.submit(STRICT('cart'));
    sim.terminal.submit(STRICT('frontend', 'q'));
    expect(course.commands).toHaveLength(2);
    sim.terminal.submit('undo');
    expect(course.commands).toHaveLength(1);
    expect(sim.session.world.list('PeerAuthentication', 'frontend')).toHaveLength(0);
    expect(sim.terminal.entries.at(-1)?.output.map((c) => c.text).join('')).toMatch(/^Undone: kubectl apply -n frontend/);
    expect(course.undo()).toBeDefined();
    expect(sim.session.world.list('PeerAuthentication', 'cart')).toHaveLength(0);
    sim.terminal.submit('undo');
    expect(sim.terminal.entries.at(-1)?.output.map((c) => c.text).join('')).toBe('undo: nothing to undo\n');
    // Passed steps stay passed after an undo (the learner has shown it once).
    expect(course.completed).toEqual(['cart-strict', 'frontend-strict']);
    sim.terminal.submit(STRICT('cart'));
    sim.terminal.submit('reset');
    expect(course.completed).toEqual([]);
    expect(course.stepIndex).toBe(0);
    expect(course.commands).toEqual([]);
    expect(sim.session.world.get('Namespace', '', 'legacy')).toBeDefined();
    expect(sim.session.world.list('PeerAuthentication')).toHaveLength(0);
    sim.dispose();
  });

  it('prints hints tier by tier in the current language', async () => {
    const { course, sim } = setup();
    course.locale = () => 'ja';
    await course.openLesson(lesson);
    sim.terminal.submit('hint');
    expect(sim.terminal.entries.at(-1)?.output.map((c) => c.text).join('')).toBe('ヒント 1/2: Look at PeerAuthentication. (ja)\n');
    sim.terminal.submit('hint');
    sim.terminal.submit('hint');
    expect(sim.terminal.entries.at(-1)?.output.map((c) => c.text).join('')).toMatch(/^このステップのヒントはこれで全部です/);
    expect(course.commands).toEqual([]);
    sim.dispose();
  });

  it('keeps a timeline of configuration changes and restores any point', async () => {
    const { course, sim } = setup();
    await course.openSandbox(sim.session.snapshot());
    sim.terminal.submit('kubectl get ns');
    sim.terminal.submit(STRICT('cart'));
    sim.terminal.submit(STRICT('frontend'));
    expect(course.timeline.map((p) => [p.commandCount, p.changes.map((c) => `${c.namespace}/${c.name} ${c.action}`)])).toEqual([
      [0, []],
      [2, ['cart/p created']],
      [3, ['frontend/p created']],
    ]);
    const cartPoint = course.timeline[1]!;
    // The snapshot shows the world as it was then.
    expect(cartPoint.snapshot.world.list('PeerAuthentication', 'frontend')).toHaveLength(0);
    course.restorePoint(cartPoint.id);
    expect(course.commands).toHaveLength(2);
    expect(course.timeline).toHaveLength(2);
    expect(sim.session.world.list('PeerAuthentication', 'frontend')).toHaveLength(0);
    expect(sim.session.world.list('PeerAuthentication', 'cart')).toHaveLength(1);
    sim.dispose();
  });

  it('replays saved commands to resume, with undo still available', async () => {
    const { course, sim } = setup();
    await course.openLesson(lesson, { step: 1, completed: ['cart-strict'], commands: [STRICT('cart'), 'kubectl get pa -A'] });
    expect(course.stepIndex).toBe(1);
    expect(sim.session.world.list('PeerAuthentication', 'cart')).toHaveLength(1);
    expect(course.timeline).toHaveLength(2);
    expect(course.undo()).toBeDefined();
    expect(course.undo()).toBeDefined();
    expect(sim.session.world.list('PeerAuthentication', 'cart')).toHaveLength(0);
    // Unknown step ids in saved progress are dropped; an out-of-range step is clamped.
    await course.openLesson(lesson, { step: 99, completed: ['nope'] });
    expect(course.stepIndex).toBe(1);
    expect(course.completed).toEqual([]);
    sim.dispose();
  });

  it('keeps only the latest requests for the checks, with the step window intact', async () => {
    const { course, sim } = setup();
    await course.openSandbox(sim.session.snapshot());
    for (let i = 0; i < MAX_TRACES + 50; i++) sim.browse('http://34.136.92.187/');
    const traces = (course as unknown as { traces: unknown[] }).traces;
    expect(traces).toHaveLength(MAX_TRACES);
    sim.dispose();
  });

  describe('the record of commands (what progress, links and the time machine keep)', () => {
    const policies = (sim: Simulator) => sim.session.world.list('PeerAuthentication').map((p) => `${p.metadata.namespace}/${p.metadata.name}`);

    it('keeps a command that changed the world however many commands follow it', async () => {
      const { course, sim, saved } = setup();
      await course.openSandbox(sim.session.snapshot());
      sim.terminal.submit(STRICT('cart'));
      for (let i = 0; i < MAX_UNDO + 50; i++) sim.terminal.submit(`echo ${i}`);
      expect(course.commands).toHaveLength(MAX_UNDO + 51);
      // What is saved is the commands that changed something: the echoes are not needed to rebuild it.
      const progress = saved.at(-1)!;
      expect(progress.commands).toEqual([STRICT('cart')]);
      // A reload replays it into a fresh course: the policy is back.
      const again = setup();
      await again.course.openSandbox(again.sim.session.snapshot(), progress);
      expect(policies(again.sim)).toEqual(['cart/p']);
      sim.dispose();
      again.sim.dispose();
    });

    it('counts files, variables and requests as changes, and plain reads as none', async () => {
      const { course, sim } = setup();
      await course.openSandbox(sim.session.snapshot());
      for (const command of ['kubectl get pods -A', 'echo hi', 'cat /etc/hostname 2>/dev/null', 'X=1', 'alias k=kubectl', 'echo data > f.txt', 'cd /tmp', "kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local:80/", 'kubectl get ns']) sim.terminal.submit(command);
      expect(course.progress().commands).toEqual(['X=1', 'alias k=kubectl', 'echo data > f.txt', 'cd /tmp', "kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local:80/"]);
      sim.dispose();
    });

    it('after more commands than undo keeps, undo goes back one command and the time machine keeps its points', async () => {
      const { course, sim, saved } = setup();
      await course.openSandbox(sim.session.snapshot());
      sim.terminal.submit(STRICT('cart'));
      sim.terminal.submit(STRICT('frontend'));
      for (let i = 0; i < MAX_UNDO + 10; i++) sim.terminal.submit(`echo ${i}`);
      sim.terminal.submit(STRICT('ad'));
      expect(course.timeline).toHaveLength(4);
      expect(course.undo()).toBeDefined();
      expect(course.timeline).toHaveLength(3);
      expect(policies(sim)).toEqual(['cart/p', 'frontend/p']);
      expect(saved.at(-1)!.commands).toEqual([STRICT('cart'), STRICT('frontend')]);
      // Undo stops where its snapshots end; the record before that stays whole.
      let undone = 0;
      while (course.undo()) undone++;
      expect(undone).toBe(MAX_UNDO - 1);
      expect(course.commands.length).toBe(2 + MAX_UNDO + 10 + 1 - 1 - undone);
      expect(saved.at(-1)!.commands).toEqual([STRICT('cart'), STRICT('frontend')]);
      sim.dispose();
    });

    it('restoring a point saves exactly the commands in effect then', async () => {
      const { course, sim, saved } = setup();
      await course.openSandbox(sim.session.snapshot());
      sim.terminal.submit(STRICT('cart'));
      for (let i = 0; i < MAX_UNDO + 10; i++) sim.terminal.submit(`echo ${i}`);
      sim.terminal.submit(STRICT('frontend'));
      sim.terminal.submit(STRICT('ad'));
      const first = course.timeline[1]!;
      course.restorePoint(first.id);
      expect(policies(sim)).toEqual(['cart/p']);
      expect(saved.at(-1)!.commands).toEqual([STRICT('cart')]);
      const again = setup();
      await again.course.openSandbox(again.sim.session.snapshot(), saved.at(-1)!);
      expect(policies(again.sim)).toEqual(['cart/p']);
      sim.dispose();
      again.sim.dispose();
    });
  });

  describe('replaying saved or shared commands', () => {
    const LOOP = 'for i in $(seq 40); do kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local:80/; done';

    /** Real timers and a slice per step, so that the replay yields between steps. */
    function sliced() {
      const course = new Course();
      const sim = new Simulator({ commands: course.shellCommands });
      course.attach(sim);
      course.sliceMs = -1;
      return { course, sim };
    }

    it('runs in slices, shows its progress, and holds the terminal until it is done', async () => {
      const { course, sim } = sliced();
      const done = course.openSandbox(sim.session.snapshot(), { commands: [STRICT('cart'), LOOP, STRICT('frontend')] });
      expect(course.replaying).toEqual({ done: 0, total: 3 });
      sim.terminal.submit('kubectl get pa -A');
      expect(sim.terminal.held).toBe(true);
      expect(sim.terminal.entries).toHaveLength(0);
      const outcome = await done;
      expect(outcome).toEqual({ ran: 3, total: 3 });
      expect(course.replaying).toBeUndefined();
      await sim.terminal.idle();
      // The line typed meanwhile ran after the replay, on the replayed world.
      expect(sim.terminal.entries.at(-1)?.output.map((c) => c.text).join('')).toMatch(/cart\s+p\s+STRICT[\s\S]*frontend\s+p\s+STRICT/);
      sim.dispose();
    });

    it('stops on request, taking the command under way back whole', async () => {
      const { course, sim } = sliced();
      const done = course.openSandbox(sim.session.snapshot(), { commands: [STRICT('cart'), LOOP, STRICT('frontend')] });
      while (!course.replaying || course.replaying.done < 1) await new Promise((r) => setTimeout(r, 0));
      course.stopReplay();
      const outcome = await done;
      expect(outcome).toEqual({ ran: 1, total: 3, stopped: 'user' });
      expect(course.commands).toEqual([STRICT('cart')]);
      expect(sim.session.world.list('PeerAuthentication').map((p) => p.metadata.namespace)).toEqual(['cart']);
      expect(sim.terminal.held).toBe(false);
      sim.dispose();
    });

    it('stops at its budget of requests', async () => {
      const { course, sim } = sliced();
      const outcome = await course.openSandbox(sim.session.snapshot(), { commands: [STRICT('cart'), LOOP, LOOP, STRICT('frontend')] }, { requests: 60 });
      expect(outcome).toEqual({ ran: 2, total: 4, stopped: 'budget' });
      expect(course.commands).toEqual([STRICT('cart'), LOOP]);
      sim.dispose();
    });

    it('gives way to a newer replay', async () => {
      const { course, sim } = sliced();
      const first = course.openSandbox(sim.session.snapshot(), { commands: [LOOP, STRICT('cart')] });
      const second = course.openSandbox(sim.session.snapshot(), { commands: [STRICT('ad')] });
      expect((await first).stopped).toBe('superseded');
      expect(await second).toEqual({ ran: 1, total: 1 });
      expect(sim.session.world.list('PeerAuthentication').map((p) => p.metadata.namespace)).toEqual(['ad']);
      sim.dispose();
    });
  });
});

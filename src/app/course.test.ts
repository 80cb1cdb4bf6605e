import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lesson } from '../lessons/types.ts';
import { Course, MAX_TRACES, type CourseProgress } from './course.svelte.ts';
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
  course.onChange = (p) => saved.push(p);
  const sim = new Simulator({ commands: course.shellCommands });
  course.attach(sim);
  return { course, sim, saved };
}

describe('Course', () => {
  afterEach(() => vi.useRealTimers());

  it('opens a lesson on its start world, checks after each command and moves on when a step passes', () => {
    const { course, sim, saved } = setup();
    course.openLesson(lesson);
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
    expect(saved.at(-1)?.commands).toHaveLength(2);
    sim.terminal.submit(STRICT('frontend'));
    expect(course.finished).toBe(true);
    sim.dispose();
  });

  it('scores the prediction against what actually broke at the next apply', () => {
    const { course, sim } = setup();
    course.openLesson(lesson);
    expect(course.predictions['cart-strict']?.phase).toBe('asking');
    course.submitPrediction(['testcurl-cart', 'gateway']);
    sim.terminal.submit(STRICT('cart'));
    const p = course.predictions['cart-strict'];
    expect(p).toMatchObject({ phase: 'revealed', broken: ['testcurl-cart'], score: 50, detail: { hits: ['testcurl-cart'], falseAlarms: ['gateway'], misses: [] } });
    expect(course.progress().predictions).toEqual([{ stepId: 'cart-strict', score: 50 }]);
    sim.dispose();
  });

  it('undo and reset work as buttons and as terminal commands, and are not recorded as commands', () => {
    const { course, sim } = setup();
    course.openLesson(lesson);
    sim.terminal.submit(STRICT('cart'));
    sim.terminal.submit(STRICT('frontend', 'q'));
    expect(course.commands).toHaveLength(2);
    sim.terminal.submit('undo');
    expect(course.commands).toHaveLength(1);
    expect(sim.session.world.list('PeerAuthentication', 'frontend')).toHaveLength(0);
    expect(sim.terminal.entries.at(-1)?.output.map((c) => c.text).join('')).toMatch(/^Undone: kubectl apply -n frontend/);
    expect(course.undo()).toBe(true);
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

  it('prints hints tier by tier in the current language', () => {
    const { course, sim } = setup();
    course.locale = () => 'ja';
    course.openLesson(lesson);
    sim.terminal.submit('hint');
    expect(sim.terminal.entries.at(-1)?.output.map((c) => c.text).join('')).toBe('ヒント 1/2: Look at PeerAuthentication. (ja)\n');
    sim.terminal.submit('hint');
    sim.terminal.submit('hint');
    expect(sim.terminal.entries.at(-1)?.output.map((c) => c.text).join('')).toMatch(/^このステップのヒントはこれで全部です/);
    expect(course.commands).toEqual([]);
    sim.dispose();
  });

  it('keeps a timeline of configuration changes and restores any point', () => {
    const { course, sim } = setup();
    course.openSandbox(sim.session.snapshot());
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

  it('replays saved commands to resume, with undo still available', () => {
    const { course, sim } = setup();
    course.openLesson(lesson, { step: 1, completed: ['cart-strict'], commands: [STRICT('cart'), 'kubectl get pa -A'] });
    expect(course.stepIndex).toBe(1);
    expect(sim.session.world.list('PeerAuthentication', 'cart')).toHaveLength(1);
    expect(course.timeline).toHaveLength(2);
    expect(course.undo()).toBe(true);
    expect(course.undo()).toBe(true);
    expect(sim.session.world.list('PeerAuthentication', 'cart')).toHaveLength(0);
    // Unknown step ids in saved progress are dropped; an out-of-range step is clamped.
    course.openLesson(lesson, { step: 99, completed: ['nope'] });
    expect(course.stepIndex).toBe(1);
    expect(course.completed).toEqual([]);
    sim.dispose();
  });

  it('keeps only the latest requests for the checks, with the step window intact', () => {
    const { course, sim } = setup();
    course.openSandbox(sim.session.snapshot());
    for (let i = 0; i < MAX_TRACES + 50; i++) sim.browse('http://34.136.92.187/');
    const traces = (course as unknown as { traces: unknown[] }).traces;
    expect(traces).toHaveLength(MAX_TRACES);
    sim.dispose();
  });
});

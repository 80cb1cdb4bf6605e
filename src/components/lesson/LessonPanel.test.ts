// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Course } from '../../app/course.svelte.ts';
import { Simulator } from '../../app/simulator.svelte.ts';
import type { Locale } from '../../domain/locale.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import type { Lesson } from '../../lessons/types.ts';
import type { ScenarioProblem } from '../../app/scenarioSource.ts';
import LessonPanel from './LessonPanel.svelte';

const t = (en: string, ja = `${en}（日本語）`) => ({ en, ja });
const STRICT_CART = 'kubectl apply -n cart -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\nspec:\n  mtls:\n    mode: STRICT\nEOF';

const lesson: Lesson = {
  id: 'panel-test',
  title: t('Panel test', 'パネルのテスト'),
  summary: t('s'),
  steps: [
    {
      id: 'one',
      title: t('Make cart strict', 'cart を STRICT に'),
      body: t('Apply a `PeerAuthentication` in cart.'),
      commands: [STRICT_CART],
      check: (ctx) => ({ pass: ctx.world.list('PeerAuthentication', 'cart').length > 0, detail: t('looked at cart') }),
      hints: [t('First hint'), t('Second hint')],
      solution: STRICT_CART,
      takeaway: t('Cart now requires mTLS.'),
      predict: {
        question: t('Which requests break?'),
        probes: [{ id: 'tc', label: t('testcurl → cart'), from: { kind: 'pod', namespace: 'default', app: 'testcurl', captured: false }, url: 'http://cartservice.cart.svc.cluster.local:7070/' }],
      },
    },
    { id: 'two', title: t('Second'), body: t('b'), commands: [], check: () => ({ pass: false, detail: t('no') }), hints: [t('h1'), t('h2')], solution: 'kubectl get pa -A' },
  ],
};

async function setup(locale: Locale = 'en') {
  const course = new Course();
  const sim = new Simulator({ commands: course.shellCommands });
  course.attach(sim);
  await course.openLesson(lesson);
  const onOffer = vi.fn();
  const onChoose = vi.fn();
  const view = render(LessonPanel, {
    props: { course, catalog: [{ id: 'panel-test', title: lesson.title }], selected: 'panel-test', addresses: {}, onOffer, onChoose },
    context: i18nContext(new I18n(locale)),
  });
  return { course, sim, onOffer, onChoose, view };
}

describe('LessonPanel', () => {
  afterEach(() => vi.useRealTimers());

  it('shows the step, its progress, code spans as text, and the check result', async () => {
    const { sim } = await setup();
    expect(screen.getByRole('heading', { name: /Step 1 of 2 Make cart strict/ })).toBeTruthy();
    expect(screen.getByText('PeerAuthentication', { selector: 'code' })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Lesson progress' }).getAttribute('value')).toBe('0');
    expect(screen.getByText('○ Not yet')).toBeTruthy();
    sim.terminal.submit(STRICT_CART);
    flushSync();
    expect(screen.getByText(/Step 1 done: Make cart strict/)).toBeTruthy();
    expect(screen.getByText('Cart now requires mTLS.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Step 2 of 2 Second/ })).toBeTruthy();
    expect(screen.getByText('1 of 2 steps done')).toBeTruthy();
    sim.dispose();
  });

  it('reveals hints tier by tier and offers the solution without running it', async () => {
    const { sim, onOffer } = await setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Show a hint (1/2)' }));
    expect(screen.getByText('First hint')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Show a hint (2/2)' }));
    expect(screen.getByText('Second hint')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'No more hints' }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Show solution' }));
    expect(onOffer).toHaveBeenCalledWith(STRICT_CART);
    expect(sim.session.world.list('PeerAuthentication')).toHaveLength(0);
    await fireEvent.click(screen.getByRole('button', { name: 'Put command 1 in the prompt' }));
    expect(onOffer).toHaveBeenCalledTimes(2);
    sim.dispose();
  });

  it('says the solution is at the prompt only until a command has run or another command is put there', async () => {
    const { sim } = await setup();
    const note = () => screen.queryByText('The solution is at the prompt. Read it, then press Enter to run it.');
    await fireEvent.click(screen.getByRole('button', { name: 'Show solution' }));
    expect(note()).toBeInTheDocument();
    sim.terminal.submit('kubectl get namespaces');
    flushSync();
    expect(note()).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Show solution' }));
    expect(note()).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Put command 1 in the prompt' }));
    expect(note()).toBeNull();
    sim.dispose();
  });

  it('asks the prediction, then undo and reset follow the world', async () => {
    const { sim, course } = await setup();
    expect(screen.getByText('Which requests break?')).toBeTruthy();
    const undo = screen.getByRole('button', { name: /Undo/ }) as HTMLButtonElement;
    expect(undo.disabled).toBe(true);
    sim.terminal.submit('kubectl create namespace x');
    flushSync();
    expect(undo.disabled).toBe(false);
    await fireEvent.click(undo);
    expect(sim.session.world.get('Namespace', '', 'x')).toBeUndefined();
    expect(course.commands).toEqual([]);
    sim.dispose();
  });

  it('speaks Japanese when the instance does, lesson text included', async () => {
    const { sim } = await setup('ja');
    expect(screen.getByRole('heading', { name: /ステップ 1 \/ 2 cart を STRICT に/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: '解答を表示' })).toBeTruthy();
    expect(screen.getByText('○ まだです')).toBeTruthy();
    expect(screen.getByRole('option', { name: '1. パネルのテスト' })).toBeTruthy();
    sim.dispose();
  });

  it('lets the learner choose another lesson or the sandbox', async () => {
    const { onChoose, sim } = await setup();
    await fireEvent.change(screen.getByRole('combobox', { name: 'Lesson or sandbox' }), { target: { value: 'sandbox' } });
    expect(onChoose).toHaveBeenCalledWith('sandbox');
    sim.dispose();
  });
});

describe('LessonPanel with a custom scenario', () => {
  const scenario: Lesson = {
    ...lesson,
    id: 'my-scenario',
    title: t('My scenario'),
    steps: [
      {
        ...lesson.steps[0]!,
        body: t('Read **this** and *that*, then [the docs](https://istio.io/latest/docs/).\n\n1. first\n2. second\n\n```\nkubectl get pa -A\n```\n\n<script>alert(1)</script> <img src=x onerror=alert(1)> [bad](javascript:alert(1))'),
      },
    ],
  };

  async function open(entries: { id: string; title: { en: string; ja: string }; problem?: ScenarioProblem }[], selected: string, withLesson?: Lesson) {
    const course = new Course();
    const sim = new Simulator({ commands: course.shellCommands });
    course.attach(sim);
    if (withLesson) await course.openLesson(withLesson);
    else await course.openSandbox(sim.session.snapshot());
    const view = render(LessonPanel, {
      props: { course, catalog: [{ id: 'panel-test', title: lesson.title }, ...entries], selected, addresses: {}, onOffer: vi.fn(), onChoose: vi.fn() },
      context: i18nContext(new I18n('en')),
    });
    return { sim, view };
  }

  it('lists it apart from the built-in lessons and renders its text as safe Markdown', async () => {
    const { sim, view } = await open([{ id: 'scenario:my-scenario', title: scenario.title }], 'scenario:my-scenario', scenario);
    const group = view.container.querySelector('optgroup');
    expect(group?.label).toBe('Custom scenario');
    expect(screen.getByRole('option', { name: 'My scenario' })).toBeTruthy();
    expect(screen.getByRole('option', { name: '1. Panel test' })).toBeTruthy();
    const body = view.container.querySelector('.body')!;
    expect(body.querySelector('strong')?.textContent).toBe('this');
    expect(body.querySelector('em')?.textContent).toBe('that');
    const link = screen.getByRole('link', { name: /the docs/ });
    expect(link.getAttribute('href')).toBe('https://istio.io/latest/docs/');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect([...body.querySelectorAll('ol li')].map((li) => li.textContent)).toEqual(['first', 'second']);
    expect(body.querySelector('pre code')?.textContent).toBe('kubectl get pa -A');
    // Markup shows as typed: no element from it, no other link.
    expect(body.querySelectorAll('script, img')).toHaveLength(0);
    expect(body.querySelectorAll('a')).toHaveLength(1);
    expect(body.textContent).toContain('<script>alert(1)</script> <img src=x onerror=alert(1)> [bad](javascript:alert(1))');
    sim.dispose();
  });

  it('shows why a scenario could not be loaded, with its errors, above the sandbox', async () => {
    const problem: ScenarioProblem = {
      kind: 'invalid',
      name: 'broken.md',
      errors: [
        { source: 'broken.md', line: 12, field: 'steps[0].check.request.expect', message: 'Unsupported value: "sometimes"' },
        { source: 'broken.md', field: '', message: 'and 3 more errors' },
      ],
    };
    const { sim, view } = await open([{ id: 'scenario:', title: t('Custom scenario (could not be loaded)'), problem }], 'scenario:');
    expect(screen.getByRole('heading', { name: 'This scenario could not be loaded' })).toBeTruthy();
    expect(screen.getByText('Problems found in broken.md:')).toBeTruthy();
    const items = [...view.container.querySelectorAll('.scenario-errors li')].map((li) => li.textContent);
    expect(items).toEqual(['line 12: steps[0].check.request.expect: Unsupported value: "sometimes"', 'and 3 more errors']);
    expect(screen.getByText(/the terminal works as a sandbox/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /Undo/ })).toBeTruthy();
    sim.dispose();
  });

  it.each([
    [{ kind: 'other-origin', url: 'https://evil.example/s.md', origin: 'https://docs.example' }, 'The scenario address https://evil.example/s.md is not on this site (https://docs.example).'],
    [{ kind: 'fetch-failed', url: '/s.md', status: 404 }, 'The scenario could not be fetched from /s.md: the server answered HTTP 404.'],
    [{ kind: 'too-large', name: 'big.md', limit: 49152 }, 'big.md is too large: a scenario may have at most 49,152 characters'],
    [{ kind: 'html', url: '/missing.md' }, 'The address /missing.md answered with a web page, not a scenario file'],
    [{ kind: 'invalid', name: '#scenario', errors: [{ source: '#scenario', line: 3, field: 'id', message: 'Required value' }] }, 'Problems found in the scenario the link carries:'],
  ] as [ScenarioProblem, string][])('explains %o in its own words', async (problem, words) => {
    const { sim, view } = await open([{ id: 'scenario:', title: t('x'), problem }], 'scenario:');
    expect(view.container.querySelector('.scenario-problem')?.textContent).toContain(words);
    sim.dispose();
  });
});

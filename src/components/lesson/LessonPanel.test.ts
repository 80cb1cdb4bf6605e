// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Course } from '../../app/course.svelte.ts';
import { Simulator } from '../../app/simulator.svelte.ts';
import type { Locale } from '../../domain/locale.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import type { Lesson } from '../../lessons/types.ts';
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

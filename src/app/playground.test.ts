import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseOptions } from './options.ts';
import { createMemoryStorage } from './persist/index.ts';
import { Playground, splitCommands, type PlaygroundEvent } from './playground.svelte.ts';
import { encodeShare } from './share/hashState.ts';

function make(query = '', hash = '', storage = createMemoryStorage(), languages: string[] = ['en-US']) {
  const events: PlaygroundEvent[] = [];
  const pg = new Playground(parseOptions(query), { search: query, hash, languages, storage }, (e) => events.push(e));
  return { pg, events, storage };
}

describe('splitCommands', () => {
  it('splits a script into complete commands, heredocs and loops kept whole, comments dropped', () => {
    expect(splitCommands('# intro\nkubectl get ns\ncat <<EOF > a\nx\nEOF\nfor i in 1 2; do\necho $i\ndone\n\n')).toEqual(['kubectl get ns', 'cat <<EOF > a\nx\nEOF', 'for i in 1 2; do\necho $i\ndone']);
  });
});

describe('Playground', () => {
  afterEach(() => vi.useRealTimers());

  it('starts a newcomer on lesson 1 in the browser language, and says so to an embedding page', async () => {
    const { pg, events } = make('', '', createMemoryStorage(), ['ja-JP', 'en']);
    await pg.start();
    expect(pg.i18n.locale).toBe('ja');
    expect(pg.course.lesson?.id).toBe('01-seed-tutorial');
    expect(pg.course.stepIndex).toBe(0);
    expect(events).toContainEqual({ type: 'ready', detail: { mode: 'lesson', lesson: '01-seed-tutorial', step: 1 } });
    pg.dispose();
  });

  it('opens a lesson at a step with the steps before it done and their changes in the world', async () => {
    const { pg } = make('?lesson=1&step=4&lang=en');
    await pg.start();
    expect(pg.course.stepIndex).toBe(3);
    expect(pg.course.completed).toEqual(['connect', 'namespace-strict', 'find-and-delete']);
    // Step 2 applied the namespace policies and step 3 deleted them again.
    expect(pg.sim.session.world.list('PeerAuthentication')).toHaveLength(0);
    expect(pg.sim.session.world.credentials).toBe(true);
    expect(pg.course.timeline.length).toBeGreaterThan(2);
    pg.dispose();
  });

  it('saves progress and resumes it in a new instance (a reload)', async () => {
    const storage = createMemoryStorage();
    const first = make('?lang=en', '', storage).pg;
    await first.start();
    first.sim.terminal.submit('gcloud container clusters get-credentials boutique --project=mtls-playground --zone=us-central1-c');
    first.sim.terminal.submit('kubectl create namespace kept');
    first.dispose();
    const second = make('?lang=en', '', storage).pg;
    await second.start();
    expect(second.course.commands).toHaveLength(2);
    expect(second.sim.session.world.get('Namespace', '', 'kept')).toBeDefined();
    second.dispose();
  });

  it('opens a shared link with its exact state, and refuses a hostile one with a notice', async () => {
    const hash = await encodeShare({ v: 1, mode: 'lesson', lessonId: '01-seed-tutorial', step: 1, commands: ['gcloud container clusters get-credentials boutique --project=mtls-playground --zone=us-central1-c', 'kubectl create namespace from-link'], locale: 'ja' });
    const { pg } = make('', hash);
    await pg.start();
    expect(pg.i18n.locale).toBe('ja');
    expect(pg.course.stepIndex).toBe(1);
    expect(pg.sim.session.world.get('Namespace', '', 'from-link')).toBeDefined();
    expect(pg.notices.join(' ')).toContain('共有リンクから開きました');
    pg.dispose();

    const hostile = make('?lang=en', '#s=%3Cimg%20src%3Dx%3E').pg;
    await hostile.start();
    expect(hostile.notices.join(' ')).toMatch(/shared link could not be opened \(it is damaged\)/);
    expect(hostile.course.lesson?.id).toBe('01-seed-tutorial');
    hostile.dispose();
  });

  it('round-trips its own share link', async () => {
    const { pg } = make('?lang=en&mode=sandbox');
    await pg.start();
    pg.sim.terminal.submit('kubectl create namespace roundtrip');
    const url = await pg.shareUrl('https://example.test/app/?x=1#old');
    expect(url.startsWith('https://example.test/app/?x=1#s=')).toBe(true);
    const copy = make('', url.slice(url.indexOf('#'))).pg;
    await copy.start();
    expect(copy.course.mode).toBe('sandbox');
    expect(copy.sim.session.world.get('Namespace', '', 'roundtrip')).toBeDefined();
    pg.dispose();
    copy.dispose();
  });

  it('reports bad options and an unknown lesson, and embedded instances never touch storage', async () => {
    const storage = createMemoryStorage();
    const { pg } = make('?lesson=nope&theme=neon&embed=1', '', storage);
    await pg.start();
    expect(pg.notices.join(' ')).toContain('ignored: theme');
    expect(pg.notices.join(' ')).toContain('There is no lesson "nope"');
    pg.sim.terminal.submit('kubectl create namespace z');
    expect(storage.size).toBe(0);
    pg.dispose();
  });

  it('emits request-completed and step-completed', async () => {
    const { pg, events } = make('?lang=en&lesson=1');
    await pg.start();
    pg.sim.terminal.submit('gcloud container clusters get-credentials boutique --project=mtls-playground --zone=us-central1-c');
    pg.sim.browse('http://35.202.118.74/');
    pg.sim.browse('http://34.136.92.187/');
    expect(events.filter((e) => e.type === 'request-completed')).toHaveLength(2);
    expect(events.find((e) => e.type === 'request-completed')).toMatchObject({ detail: { origin: 'browser', url: 'http://35.202.118.74/', httpCode: 200, outcome: 'ok' } });
    expect(events.some((e) => e.type === 'step-completed')).toBe(events.some((e) => e.type === 'step-completed' && e.detail.id === 'connect'));
    pg.dispose();
  });

  it('runs the scripted demo command by command in presenter mode, and restores the theme after', async () => {
    const { pg } = make('?lang=en&lesson=1&theme=dark');
    await pg.start();
    pg.setPresenter(true);
    expect(pg.theme).toBe('projector');
    expect(pg.sim.flows.speed).toBe(0.5);
    const [, total] = pg.demoProgress();
    for (let i = 0; i < total; i++) expect(pg.demoNext()).toBe('ran');
    expect(pg.course.completed).toContain('connect');
    pg.setPresenter(false);
    expect(pg.theme).toBe('dark');
    pg.dispose();
  });
});

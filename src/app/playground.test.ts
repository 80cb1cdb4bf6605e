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
    expect(pg.notices.map((n) => n.text).join(' ')).toContain('共有リンクから開きました');
    pg.dispose();

    const hostile = make('?lang=en', '#s=%3Cimg%20src%3Dx%3E').pg;
    await hostile.start();
    expect(hostile.notices.map((n) => n.text).join(' ')).toMatch(/shared link could not be opened \(it is damaged\)/);
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
    expect(pg.notices.map((n) => n.text).join(' ')).toContain('ignored: theme');
    expect(pg.notices.map((n) => n.text).join(' ')).toContain('There is no lesson "nope"');
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

  describe('saved work', () => {
    const GET_CREDENTIALS = 'gcloud container clusters get-credentials boutique --project=mtls-playground --zone=us-central1-c';
    const saved = (storage: ReturnType<typeof createMemoryStorage>) => JSON.parse(storage.getItem('mtls-playground') ?? 'null');

    it('a reload brings back the world, the history ↑ recalls, istiod\'s config version and a note of what was replayed', async () => {
      const storage = createMemoryStorage();
      const first = make('?lang=en&mode=sandbox', '', storage).pg;
      await first.start();
      first.sim.terminal.submit('kubectl get ns');
      for (const ns of ['cart', 'ad', 'email']) first.sim.terminal.submit(`kubectl apply -n ${ns} -f - <<EOF\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: p\nspec:\n  mtls:\n    mode: STRICT\nEOF`);
      const version = first.sim.session.world.configVersion;
      first.dispose();
      const second = make('?lang=en&mode=sandbox', '', storage).pg;
      await second.start();
      expect(second.sim.session.world.configVersion).toBeGreaterThanOrEqual(version);
      expect(second.sim.terminal.recall(-1)).toMatch(/^kubectl apply -n email/);
      expect(second.sim.session.shell.history[0]).toBe('kubectl get ns');
      expect(second.sim.terminal.entries.at(-1)?.output[0]?.text).toBe('# 3 commands replayed: the world is as you left it. ↑ recalls what you typed.\n');
      second.dispose();
    });

    it('is saved once when many commands run, not after each', async () => {
      const storage = createMemoryStorage();
      const writes = vi.spyOn(storage, 'setItem');
      const { pg } = make('?lang=en&mode=sandbox', '', storage);
      await pg.start();
      pg.sim.terminal.submit(Array.from({ length: 300 }, (_, i) => `kubectl create namespace ns-${i}`).join('\n'));
      await pg.sim.terminal.idle();
      // Written when idle, not after each of the 300 commands (how many idle moments a loaded machine finds varies).
      expect(writes.mock.calls.length).toBeLessThan(30);
      pg.flushSave();
      expect(saved(storage).sandbox.commands).toHaveLength(300);
      pg.dispose();
    });

    it('holds what is typed before start() has opened the lesson, then runs it on the lesson\'s world', async () => {
      const { pg } = make('?lang=en&mode=sandbox');
      pg.sim.terminal.submit('kubectl create namespace early');
      expect(pg.sim.terminal.held).toBe(true);
      expect(pg.sim.terminal.waiting).toBe(1);
      await pg.start();
      await pg.sim.terminal.idle();
      expect(pg.sim.session.world.get('Namespace', '', 'early')).toBeDefined();
      expect(pg.course.commands).toEqual(['kubectl create namespace early']);
      pg.dispose();
    });

    it('is never replaced by a shared link without asking', async () => {
      const storage = createMemoryStorage();
      const mine = make('?lang=en&mode=sandbox', '', storage).pg;
      await mine.start();
      mine.sim.terminal.submit('kubectl create namespace mine');
      mine.dispose();
      const before = storage.getItem('mtls-playground');

      const hash = await encodeShare({ v: 1, mode: 'sandbox', commands: ['kubectl create namespace theirs'] });
      const { pg } = make('?lang=en', hash, storage);
      await pg.start();
      expect(pg.sim.session.world.get('Namespace', '', 'theirs')).toBeDefined();
      expect(pg.unsaved).toBe('preview');
      pg.sim.terminal.submit('kubectl create namespace more');
      pg.flushSave();
      expect(storage.getItem('mtls-playground')).toBe(before);
      const notice = pg.notices.find((n) => n.actions?.length);
      expect(notice?.text).toMatch(/Your own saved work here \(1 commands\) is kept/);
      notice?.actions?.[0]?.run();
      expect(saved(storage).sandbox.commands).toEqual(['kubectl create namespace theirs', 'kubectl create namespace more']);
      pg.dispose();
    });

    it('a link over no saved work is simply saved', async () => {
      const storage = createMemoryStorage();
      const hash = await encodeShare({ v: 1, mode: 'sandbox', commands: ['kubectl create namespace theirs'] });
      const { pg } = make('?lang=en', hash, storage);
      await pg.start();
      expect(pg.unsaved).toBeUndefined();
      pg.flushSave();
      expect(saved(storage).sandbox.commands).toEqual(['kubectl create namespace theirs']);
      pg.dispose();
    });

    it('stops a link whose replay is over its budget, with a notice, and keeps saved work', async () => {
      const storage = createMemoryStorage();
      const loop = 'for i in $(seq 30); do kubectl exec testcurl -n default -- curl -s -o /dev/null http://frontend.frontend.svc.cluster.local:80/; done';
      const hash = await encodeShare({ v: 1, mode: 'sandbox', commands: ['kubectl create namespace first', loop, loop, loop] });
      const { pg } = make('?lang=en', hash, storage);
      pg.linkBudget = { requests: 50 };
      await pg.start();
      expect(pg.notices.map((n) => n.text).join(' ')).toMatch(/stopped after 2 of 4 commands: a shared link may simulate at most 50 requests/);
      expect(pg.sim.session.world.get('Namespace', '', 'first')).toBeDefined();
      expect(pg.unsaved).toBe('preview');
      pg.flushSave();
      expect(storage.getItem('mtls-playground')).toBeNull();
      pg.dispose();
    });

    it('stops saving when another tab saves, until the learner chooses whose progress to keep', async () => {
      const storage = createMemoryStorage();
      const { pg } = make('?lang=en&lesson=1', '', storage);
      let fire: (key: string | null) => void = () => {};
      pg.watchStorage((listener) => {
        fire = listener;
        return () => {};
      });
      await pg.start();
      pg.sim.terminal.submit(GET_CREDENTIALS);
      pg.flushSave();
      // The other tab writes its own progress.
      const other = make('?lang=en&lesson=1', '', storage).pg;
      await other.start();
      other.sim.terminal.submit(GET_CREDENTIALS);
      other.sim.terminal.submit('kubectl create namespace other-tab');
      other.dispose();
      const theirs = storage.getItem('mtls-playground');
      fire('mtls-playground');
      expect(pg.unsaved).toBe('conflict');
      pg.sim.terminal.submit('kubectl create namespace this-tab');
      pg.flushSave();
      expect(storage.getItem('mtls-playground')).toBe(theirs);
      const notice = pg.notices.find((n) => n.text.includes('another tab'));
      expect(notice?.actions?.map((a) => a.label)).toEqual(['Load the other tab’s progress', 'Keep this tab’s progress']);
      notice?.actions?.[0]?.run();
      await vi.waitFor(() => expect(pg.sim.session.world.get('Namespace', '', 'other-tab')).toBeDefined());
      expect(pg.unsaved).toBeUndefined();
      pg.dispose();
    });
  });
});

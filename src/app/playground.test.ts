import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lessonCatalog } from '../lessons/index.ts';
import { parseOptions } from './options.ts';
import { createMemoryStorage } from './persist/index.ts';
import { Playground, splitCommands, type PlaygroundEnv, type PlaygroundEvent } from './playground.svelte.ts';
import { encodeShare } from './share/hashState.ts';
import { encodeScenarioLink } from './share/scenarioLink.ts';
import { describeProblem } from './scenarioProblem.ts';

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

describe('Playground with a custom scenario', () => {
  const example = readFileSync(new URL('../../examples/scenarios/strict-frontend.md', import.meta.url), 'utf8');
  const ORIGIN = 'https://docs.example';
  const saved = (storage: ReturnType<typeof createMemoryStorage>) => JSON.parse(storage.getItem('mtls-playground') ?? 'null');

  function withScenario(scenario: PlaygroundEnv['scenario'], { query = '?lang=en', hash = '', storage = createMemoryStorage() } = {}) {
    const events: PlaygroundEvent[] = [];
    const pg = new Playground(parseOptions(query), { search: query, hash, languages: ['en'], storage, scenario }, (e) => events.push(e));
    return { pg, events, storage };
  }

  function fakeFetch(files: Record<string, string>) {
    const calls: string[] = [];
    const fetch = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      calls.push(url);
      const text = files[url];
      return text === undefined ? new Response('not found', { status: 404 }) : new Response(text, { status: 200 });
    });
    return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
  }

  it('opens an inline scenario as the current lesson, lists it next to the built-in ones, and keeps its progress apart', async () => {
    const storage = createMemoryStorage();
    const { pg, events } = withScenario({ inline: { text: example, format: 'markdown' } }, { storage });
    await pg.start();
    expect(pg.course.lesson?.title.en).toBe('Lock the frontend down, one namespace at a time');
    expect(pg.course.step?.id).toBe('see-plaintext');
    expect(pg.selected).toBe('scenario:strict-frontend');
    expect(pg.catalog.map((e) => e.id)).toEqual([...lessonCatalog.map((e) => e.id), 'scenario:strict-frontend']);
    expect(events).toContainEqual({ type: 'ready', detail: { mode: 'lesson', lesson: 'strict-frontend', step: 1 } });

    pg.sim.terminal.submit(pg.course.step!.commands[0]!);
    await vi.waitFor(() => expect(pg.course.completed).toEqual(['see-plaintext']));
    pg.flushSave();
    // Saved under a key of its own; where the built-in course resumes is untouched.
    expect(Object.keys(saved(storage).lessons)).toEqual(['scenario-strict-frontend']);
    expect(saved(storage).lessonId).toBeUndefined();
    pg.dispose();

    const again = withScenario({ inline: { text: example, format: 'markdown' } }, { storage }).pg;
    await again.start();
    expect(again.course.completed).toEqual(['see-plaintext']);
    expect(again.course.stepIndex).toBe(1);
    again.dispose();
    // Without the scenario the app opens the built-in course as before.
    const plain = withScenario(undefined, { storage }).pg;
    await plain.start();
    expect(plain.course.lesson?.id).toBe('01-seed-tutorial');
    plain.dispose();
  });

  it("never overwrites a built-in lesson's progress with a scenario's of the same id", async () => {
    const storage = createMemoryStorage();
    const lesson1 = withScenario(undefined, { storage }).pg;
    await lesson1.start();
    lesson1.sim.terminal.submit('gcloud container clusters get-credentials boutique --project=mtls-playground --zone=us-central1-c');
    lesson1.sim.terminal.submit('kubectl create namespace mine');
    lesson1.dispose();
    const twin = example.replace('id: strict-frontend', 'id: 01-seed-tutorial');
    const { pg } = withScenario({ inline: { text: twin, format: 'markdown' } }, { storage });
    await pg.start();
    expect(pg.selected).toBe('scenario:01-seed-tutorial');
    expect(pg.course.commands).toEqual([]);
    pg.sim.terminal.submit('kubectl create namespace theirs');
    pg.dispose();
    expect(saved(storage).lessons['01-seed-tutorial'].commands).toContain('kubectl create namespace mine');
    expect(saved(storage).lessons['scenario-01-seed-tutorial'].commands).toEqual(['kubectl create namespace theirs']);
  });

  it('fetches ?scenario= from its own origin only, and opens it at a step', async () => {
    const { fetch, calls } = fakeFetch({ [`${ORIGIN}/docs/strict-frontend.md`]: example });
    const { pg } = withScenario({ origin: { base: `${ORIGIN}/docs/page.html`, origin: ORIGIN, fetch } }, { query: '?lang=en&scenario=strict-frontend.md&step=2' });
    await pg.start();
    expect(calls).toEqual([`${ORIGIN}/docs/strict-frontend.md`]);
    expect(pg.course.lesson?.id).toBe('strict-frontend');
    expect(pg.course.stepIndex).toBe(1);
    expect(pg.course.completed).toEqual(['see-plaintext']);
    pg.dispose();
  });

  it.each([
    ['another site', 'https://evil.example/s.md', /not on this site \(https:\/\/docs\.example\)/],
    ['javascript:', 'javascript:alert(1)', /not on this site/],
    ['data:', 'data:text/plain,scenario', /not on this site/],
    ['a missing file', '/none.md', /server answered HTTP 404/],
  ])('refuses %s with a message in the lesson panel, and the sandbox still works', async (_, url, message) => {
    const { fetch, calls } = fakeFetch({});
    const { pg } = withScenario({ origin: { base: `${ORIGIN}/docs/`, origin: ORIGIN, fetch } }, { query: `?lang=en&scenario=${encodeURIComponent(url)}` });
    await pg.start();
    if (url.startsWith('/')) expect(calls).toEqual([`${ORIGIN}/none.md`]);
    else expect(calls).toEqual([]);
    expect(pg.selected).toBe('scenario:');
    expect(pg.scenario?.problem).toBeDefined();
    const { reason } = describeProblem(pg.scenario!.problem!, pg.t);
    expect(reason).toMatch(message);
    expect(pg.course.mode).toBe('sandbox');
    pg.sim.terminal.submit('kubectl create namespace still-works');
    expect(pg.sim.session.world.get('Namespace', '', 'still-works')).toBeDefined();
    pg.dispose();
  });

  it('lists a broken scenario’s errors with their lines and fields', async () => {
    const broken = example.replace('expect: 200', 'expect: sometimes').replace('title: See plaintext get through\n', '');
    const { pg } = withScenario({ inline: { text: broken, format: 'markdown' } });
    await pg.start();
    const problem = pg.scenario?.problem;
    expect(problem?.kind).toBe('invalid');
    const { errors } = describeProblem(problem!, pg.t);
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.map((e) => e.field)).toEqual(expect.arrayContaining(['steps[0].title', 'steps[0].check.request.expect']));
    expect(errors.every((e) => /^line \d+$/.test(e.line ?? ''))).toBe(true);
    pg.dispose();
  });

  it('opens a scenario carried in #scenario=, and its share link carries it on', async () => {
    const encoded = await encodeScenarioLink(example);
    if (!encoded.ok) throw new Error(encoded.error);
    const { pg } = withScenario(undefined, { hash: encoded.hash });
    await pg.start();
    expect(pg.course.lesson?.id).toBe('strict-frontend');
    pg.sim.terminal.submit('kubectl create namespace shared');
    const url = await pg.shareUrl('https://example.test/');
    expect(url).toMatch(/#s=[^&]+&scenario=/);
    pg.dispose();

    const opened = withScenario(undefined, { hash: url.slice(url.indexOf('#')) }).pg;
    await opened.start();
    expect(opened.course.lesson?.id).toBe('strict-frontend');
    expect(opened.sim.session.world.get('Namespace', '', 'shared')).toBeDefined();
    opened.dispose();

    const damaged = withScenario(undefined, { hash: '#scenario=%%%' }).pg;
    await damaged.start();
    expect(describeProblem(damaged.scenario!.problem!, damaged.t).reason).toBe('The scenario in the link could not be read (it is damaged).');
    damaged.dispose();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { lessonCatalog } from '../lessons/index.ts';
import { EarlyTerminal } from './earlyAnswers.ts';
import { parseOptions } from './options.ts';
import { createMemoryStorage } from './persist/index.ts';
import { Playground } from './playground.svelte.ts';
import type { TerminalEntry } from './terminal.svelte.ts';

/** What a terminal shows, as text: each entry's prompt, input and output. */
const screen = (entries: readonly TerminalEntry[]) => entries.map((e) => `${e.prompt}${e.input}\n${e.output.map((c) => c.text).join('')}`).join('');

describe('EarlyTerminal', () => {
  it("answers the first lesson's first commands exactly as the playground does when it runs them", async () => {
    const lesson = await lessonCatalog[0]!.load();
    // A kubectl before the credentials, the lesson's first two steps as typed (credentials, both
    // addresses, kubectl debug, the tutorial's heredoc and for-loop, testcurl), then a typo.
    const solution = (i: number) => lesson.steps[i]!.solution.split('\n');
    const lines = ['kubectl get pods -n frontend', ...solution(0), ...solution(1), 'istioctl proxy-status | head -3', 'kubectl get namespcaes'];
    const early = new EarlyTerminal(lesson);
    for (const line of lines) expect(early.submit(line), line).toBe(true);
    await early.terminal.idle();
    const pg = new Playground(parseOptions('?lang=en'), { search: '?lang=en', hash: '', languages: ['en'], storage: createMemoryStorage() });
    for (const line of lines) pg.sim.terminal.submit(line);
    await pg.start();
    await pg.sim.terminal.idle();
    expect(pg.course.lesson?.id).toBe(lesson.id);
    const shown = screen(early.terminal.entries);
    expect(shown).toContain('kubeconfig entry generated for boutique.');
    expect(shown).toContain('peerauthentication.security.istio.io/namespace-policy created');
    expect(shown).toContain('error: the server doesn\'t have a resource type "namespcaes"');
    // Word for word, but for the sub-second digits of kubectl's log lines: the page's clock runs in
    // real time, and the playground runs the lines a moment after the early terminal did.
    const subSecond = (text: string) => text.replace(/(E1128 \d\d:\d\d:\d\d)\.\d{6}/g, '$1.uuuuuu');
    expect(subSecond(shown)).toBe(subSecond(screen(pg.sim.terminal.entries)));
    // Once it takes over, the playground keeps what was printed: the screen does not change.
    pg.sim.terminal.keepPrinted(early.terminal.entries);
    expect(screen(pg.sim.terminal.entries)).toBe(shown);
    // The playground recorded them as typed: the lesson's first two steps are done.
    expect(pg.course.completed).toEqual([lesson.steps[0]!.id, lesson.steps[1]!.id]);
    pg.dispose();
  });

  it.each(['kubectl edit svc frontend -n frontend', 'kubectl port-forward -n frontend svc/frontend 8080:80', 'undo', 'reset'])('leaves `%s` to the playground', async (line) => {
    const early = new EarlyTerminal(await lessonCatalog[0]!.load());
    expect(early.submit(line)).toBe(false);
  });

  it('leaves a line that calls a part of the shell still loading (jq, in the browser) to the playground', async () => {
    const early = new EarlyTerminal(await lessonCatalog[0]!.load());
    // Node installs every part up front; in the page the text tools arrive after the engine.
    const toolsFor = vi.spyOn(early.terminal.session, 'toolsFor').mockImplementation((text) => (text.includes('jq') ? Promise.resolve() : undefined));
    expect(early.submit('kubectl get ns -o json | jq .kind')).toBe(false);
    expect(toolsFor).toHaveBeenCalledWith('kubectl get ns -o json | jq .kind');
    expect(early.submit('echo later')).toBe(false);
    expect(early.terminal.entries).toEqual([]);
  });

  it.each(['alias h=hint', 'alias h="echo; hint"', 'c=reset'])('leaves `%s` (a course command kept for later) and what follows to the playground', async (line) => {
    const early = new EarlyTerminal(await lessonCatalog[0]!.load());
    expect(early.submit('alias k=kubectl')).toBe(true);
    expect(early.submit(line)).toBe(false);
    expect(early.submit('h')).toBe(false);
  });

  it("leaves the course's commands, and everything after them, to the playground", async () => {
    const early = new EarlyTerminal(await lessonCatalog[0]!.load());
    expect(early.submit('kubectl get ns | wc -l')).toBe(true);
    expect(early.submit('echo ok; hint')).toBe(false);
    expect(early.answering).toBe(false);
    expect(early.submit('kubectl get ns')).toBe(false);
    await early.terminal.idle();
    expect(early.terminal.entries.map((e) => e.input)).toEqual(['kubectl get ns | wc -l']);
  });
});

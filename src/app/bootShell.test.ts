import { describe, expect, it, vi } from 'vitest';
import { lessonCatalog } from '../lessons/index.ts';
import { ANSWER_BUDGET_MS, BootShell, FIRST_LESSON_START, LINES_BUDGET_MS } from './bootShell.ts';
import { Playground } from './playground.svelte.ts';
import { parseOptions } from './options.ts';
import { createMemoryStorage } from './persist/index.ts';
import type { TerminalEntry } from './scrollback.ts';

/** What a terminal shows: each entry's prompt, input and output, with each chunk's stream. */
const screen = (entries: readonly TerminalEntry[]) =>
  entries.map((e) => `${e.prompt}${e.input}\n${e.output.map((c) => `[${c.stream}]${c.text}`).join('')}`).join('');

/** The real playground on a first visit (the first lesson at its start), after running `lines`. */
async function playgroundScreen(lines: readonly string[]) {
  const pg = new Playground(parseOptions('?lang=en'), { search: '?lang=en', hash: '', languages: ['en'], storage: createMemoryStorage() });
  for (const line of lines) pg.sim.terminal.submit(line);
  await pg.start();
  await pg.sim.terminal.idle();
  const shown = screen(pg.sim.terminal.entries);
  pg.dispose();
  return shown;
}

describe('BootShell', () => {
  it('starts as the first lesson does: no credentials, no setup, the default cluster', async () => {
    const lesson = await lessonCatalog[0]!.load();
    expect(lesson.startOptions ?? {}).toEqual(FIRST_LESSON_START);
    expect(lesson.setup).toBeUndefined();
  });

  it("answers the tutorial's first lines exactly as the playground's terminal does when it runs them", async () => {
    // The tutorial's first command, gcloud's errors and its configuration, the tutorial's heredoc
    // (typed line by line, with `> ` prompts), files, variables, a loop, a syntax error, a typo'd
    // gcloud group: everything Cloud Shell answers on its own.
    const lesson = await lessonCatalog[0]!.load();
    const heredoc = lesson.steps[1]!.solution.split('\n');
    const end = heredoc.indexOf('EOF');
    const lines = [
      'gcloud container clusters get-credentials boutique --zone us-central1-a',
      'gcloud container clusters get-credentials boutique --zone=us-central1-c',
      'gcloud config list',
      'gcloud container clusters list',
      'gcloud contianer clusters list',
      ...heredoc.slice(0, end + 1),
      'cat mtls-namespace.yaml | grep -n mode',
      'ls; pwd; cd /tmp; pwd; cd',
      'export NS=frontend; echo "namespace: $NS" | tee ns.txt | wc -c',
      'for i in $(seq 1 3); do printf "%02d\\n" $i; done',
      'if [ -f ns.txt ]; then head -1 ns.txt; fi',
      'echo "unterminated',
      '"',
      'echo )',
      'history | tail -2',
    ];
    expect(heredoc.slice(0, end + 1)).toContain('cat <<EOF > mtls-namespace.yaml');
    const boot = new BootShell(FIRST_LESSON_START);
    for (const line of lines) expect(boot.submit(line), line).toBe(true);
    const shown = screen(boot.entries);
    expect(shown).toContain('[stderr]Fetching cluster endpoint and auth data.\nkubeconfig entry generated for boutique.\n');
    expect(shown).toContain('> EOF\n');
    expect(shown).toContain('7:    mode: STRICT');
    expect(shown).toBe(await playgroundScreen(lines));
  });

  it.each([
    'kubectl get pods -n frontend',
    'curl -s http://34.118.239.133',
    'istioctl version',
    'echo ok; hint',
    'undo',
    // Names that look the cluster's tools up or list them.
    'which kubectl',
    'type gcloud',
    'command -v kubectl',
    'help',
    'env',
    // Names known only when the line runs, and the tools that load later in the page.
    'cmd=kubectl; $cmd get ns',
    'echo "$(kubectl get ns)"',
    'cat <<EOF\n$(istioctl version)\nEOF',
    'echo ${x:-$(kubectl version)}',
    'gcloud config list | jq .',
    'alias k=kubectl',
    'kubeclt get ns',
  ])('leaves `%s`, and every line after it, to the engine', (text) => {
    const boot = new BootShell(FIRST_LESSON_START);
    expect(boot.submit('echo before')).toBe(true);
    expect(boot.submit(text)).toBe(false);
    expect(boot.answering).toBe(false);
    expect(boot.submit('echo after')).toBe(false);
    // The line it stopped at shows as typed (the engine answers it); later ones wait.
    expect(boot.entries.map((e) => e.input)).toEqual(['echo before', ...text.split('\n')]);
    expect(boot.entries.at(-1)?.output).toEqual([]);
    expect(boot.waiting).toEqual(['echo after']);
  });

  it('shows the lines of a command it leaves with their prompts, as typed', () => {
    const boot = new BootShell(FIRST_LESSON_START);
    for (const line of ['for ns in ad cart; do', 'kubectl apply -n $ns -f mtls-namespace.yaml', 'done']) boot.submit(line);
    expect(boot.entries.map((e) => `${e.prompt}${e.input}`)).toEqual([
      'learner@cloudshell:~ (mtls-playground)$ for ns in ad cart; do',
      '> kubectl apply -n $ns -f mtls-namespace.yaml',
      '> done',
    ]);
    expect(boot.answering).toBe(false);
  });

  it('empties the screen on clear, its own line included, as the terminal does', async () => {
    const lines = ['echo one', 'clear', 'echo two; clear; echo three', 'echo four'];
    const boot = new BootShell(FIRST_LESSON_START);
    for (const line of lines) boot.submit(line);
    expect(screen(boot.entries)).toBe('\n[stdout]three\nlearner@cloudshell:~ (mtls-playground)$ echo four\n[stdout]four\n');
    expect(screen(boot.entries)).toBe(await playgroundScreen(lines));
  });

  it(`never holds the page for long: no new line after ${LINES_BUDGET_MS} ms, no command past ${ANSWER_BUDGET_MS} ms`, () => {
    // A clock that moves 1 ms each time it is read: the budgets trip after a known amount of work,
    // whatever the machine's speed (the shell's own limit ends `while true` after 10,000 turns,
    // which a fast machine finishes within the budget).
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => now++);
    try {
      const boot = new BootShell(FIRST_LESSON_START);
      // An endless loop stops at the budget, and the engine runs it in slices.
      expect(boot.submit('while true; do :; done')).toBe(false);
      expect(boot.entries.map((e) => e.output)).toEqual([[]]);
      expect(now).toBeLessThan(ANSWER_BUDGET_MS * 2);
      const paste = new BootShell(FIRST_LESSON_START);
      const lines = Array.from({ length: 100_000 }, (_, i) => `echo ${i}`);
      now = 0;
      expect(paste.submit(lines.join('\n'))).toBe(false);
      // What it answered, it answered in order, and the rest waits in order.
      const taken = paste.entries.length;
      expect(taken).toBeGreaterThan(0);
      expect(taken).toBeLessThan(LINES_BUDGET_MS);
      expect(paste.waiting).toEqual(lines.slice(taken));
      expect(paste.entries.map((e) => e.input)).toEqual(lines.slice(0, taken));
    } finally {
      clock.mockRestore();
    }
  });
});

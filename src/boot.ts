/**
 * The page's first script: the boot terminal's keyboard, and on a first visit Cloud Shell's own
 * answers. index.html loads it as `./boot.js`, a classic script built from this file
 * (scripts/bootScript.ts), so it runs while the page is still parsing, long before the app's
 * modules. The terminal itself is plain HTML in index.html: it shows and takes typing with the
 * first paint.
 *
 * Enter queues the line (`window.mtlsBoot`); the app (src/App.svelte) runs the queue, in order,
 * once its engine has loaded, and from then on (`live`) answers each line and draws the
 * scrollback itself. Until then, on a first visit, the boot shell (app/bootShell.ts) answers the
 * lines that only need Cloud Shell (gcloud, the shell's builtins), so the tutorial's first command
 * is answered at once; any other line waits, shown as typed.
 */
import { BootShell, FIRST_LESSON_START } from './app/bootShell.ts';
import { opensFirstLessonFresh, startLocale } from './app/firstVisit.ts';
import { parseOptions } from './app/options.ts';
import { getBrowserStorage } from './app/persist/browserStorage.ts';
import { BootMirror } from './components/terminal/bootMirror.ts';
import type { Locale } from './domain/locale.ts';
import { DEFAULT_CLUSTER } from './domain/clusterInfo.ts';
import { cloudShellPrompt } from './shell/gcloud/cloudShell.ts';

/** The status line's words, before the catalog has loaded (App.test.ts keeps them equal to it: `app.loading`, `terminal.bootAnswering`). */
export const BOOT_STATUS: Readonly<Record<Locale, { loading: string; answering: string }>> = {
  en: { loading: 'Loading the simulator…', answering: 'The terminal answers; the diagram and the panels are still loading…' },
  ja: { loading: 'シミュレーターを読み込んでいます…', answering: 'ターミナルは使えます。図とパネルを読み込んでいます…' },
};

/** The waiting lines shown at most (the last ones, as the terminal shows a long paste). */
const SHOWN_WAITING = 200;

/** What the page's first script shares with the app (`window.mtlsBoot`). */
export interface BootTerminal {
  /** Every line entered so far, in order. */
  queued: string[];
  /** Calls `listener(line)` for each line entered from now on; returns a function that stops it. */
  onLine(listener: (line: string) => void): () => void;
  /** Set by the app once its engine answers: it draws the scrollback from then on. */
  live?: boolean;
  /** Set once the workspace has taken over: the boot terminal then stops taking lines. */
  adopted?: boolean;
  /** Says in the status line that the terminal answers. */
  answering(): void;
  /**
   * Whether a line entered so far needs the engine: Cloud Shell has left one to it, or does not
   * answer on this page at all. Read by the app's listeners, which run once Cloud Shell has.
   */
  readonly needsEngine: boolean;
}

/** Starts the boot terminal in `document` (once, as the page loads). */
export function startBoot(): void {
  const listeners = new Set<(line: string) => void>();
  /** Cloud Shell, where it answers (a first visit; built once the terminal's markup is found). */
  const cloud: { shell?: BootShell } = {};
  const boot: BootTerminal = {
    queued: [],
    onLine(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    answering: () => setStatus('answering'),
    get needsEngine() {
      return !cloud.shell?.answering;
    },
  };
  (window as { mtlsBoot?: BootTerminal }).mtlsBoot = boot;
  const input = document.getElementById('terminal-input');
  const lines = document.getElementById('boot-lines');
  const status = document.getElementById('boot-status');
  // The app's own reading of the address (the same options, the same checks).
  const options = parseOptions(location.search);
  const storage = getBrowserStorage();
  const locale = startLocale(options.locale, navigator.languages ?? [navigator.language], storage);
  const words = BOOT_STATUS[locale];
  function setStatus(state: keyof typeof words) {
    if (status) status.textContent = words[state];
  }
  // index.html is English.
  if (locale !== 'en') {
    document.documentElement.lang = locale;
    setStatus('loading');
  }
  if (!(input instanceof HTMLTextAreaElement) || !lines) return;

  // Embedded in another page: never take the focus from it, and read-only means read-only.
  if (options.readonly) input.readOnly = true;
  if (!options.embed) input.focus({ preventScroll: true });

  // Cloud Shell answers only where the playground will open the first lesson at its start: its
  // answers are the ones the playground's terminal prints when it runs the same lines.
  const answers = opensFirstLessonFresh(location.search, location.hash, storage);
  // Built now, while the page parses, so that the first Enter only runs the command.
  const shell = answers ? new BootShell(FIRST_LESSON_START) : undefined;
  cloud.shell = shell;
  let mirror: BootMirror | undefined;
  /** Lines shown as typed, waiting for the engine (when Cloud Shell does not answer). */
  const waiting: string[] = [];
  const scroller = lines.parentElement;

  /** Cloud Shell answers the line, or it shows as typed, waiting for the engine. */
  const show = (line: string) => {
    mirror ??= new BootMirror(lines);
    if (shell) {
      const start = performance.now();
      const answered = shell.submit(line);
      // For bench/: how long Cloud Shell took to answer.
      performance.measure('boot: answer', { start, end: performance.now() });
      mirror.render(shell.entries, shell.waiting.slice(-SHOWN_WAITING), shell.prompt);
      setStatus(answered ? 'answering' : 'loading');
    } else {
      waiting.push(line);
      mirror.render([], waiting, cloudShellPrompt(DEFAULT_CLUSTER.project));
    }
    // Kept at the end, in the frame (where layout runs anyway), never inside this task.
    if (scroller) requestAnimationFrame(() => (scroller.scrollTop = scroller.scrollHeight));
  };

  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || input.readOnly || boot.adopted) return;
    event.preventDefault();
    const line = input.value;
    input.value = '';
    boot.queued.push(line);
    try {
      // Once the engine answers (`live`), the app draws the scrollback itself.
      if (!boot.live) show(line);
    } finally {
      // After Cloud Shell, so that the app's listeners read `needsEngine` with this line counted.
      for (const listener of listeners) listener(line);
    }
  });
}

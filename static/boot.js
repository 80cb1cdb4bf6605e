// The boot terminal's keyboard, before the app's JavaScript has loaded. The terminal itself is
// plain HTML in index.html, so it shows and takes typing with the first paint. Here Enter queues
// the line and shows it in the scrollback; the app (src/App.svelte) picks the queue up from
// `window.mtlsBoot` and runs the lines, in order, as soon as the engine has loaded. From then on
// (`live`) the app answers each line as it is entered and draws the scrollback itself. A classic
// script, not a module: it runs as soon as the page is parsed, before the app's modules.
(() => {
  const PROMPT = 'learner@cloudshell:~ (mtls-playground)$ ';
  const listeners = new Set();
  const boot = {
    queued: [],
    /** Calls `listener(line)` for each line queued from now on; returns a function that stops it. */
    onLine(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  window.mtlsBoot = boot;
  const input = document.getElementById('terminal-input');
  const lines = document.getElementById('boot-lines');
  const status = document.getElementById('boot-status');
  if (!(input instanceof HTMLTextAreaElement) || !lines) return;

  const params = new URLSearchParams(location.search);
  const flag = (name) => {
    const value = params.get(name);
    return value !== null && value !== 'false' && value !== '0' && value !== 'no';
  };
  const lang = (params.get('lang') || (navigator.languages && navigator.languages[0]) || navigator.language || 'en').toLowerCase();
  const ja = lang.startsWith('ja');
  if (ja && status) {
    document.documentElement.lang = 'ja';
    status.textContent = 'シミュレーターを読み込んでいます…';
  }
  // Called once the first lines are answered before the app has loaded (a first visit's early
  // terminal): the status says so, in the catalog's words ('terminal.bootAnswering', App.test.ts).
  boot.answering = () => {
    if (status) status.textContent = ja ? 'ターミナルは使えます。図とパネルを読み込んでいます…' : 'The terminal answers; the diagram and the panels are still loading…';
  };
  // Embedded in another page: never take the focus from it, and read-only means read-only.
  if (flag('readonly')) input.readOnly = true;
  if (!flag('embed')) input.focus({ preventScroll: true });

  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || input.readOnly || boot.adopted) return;
    event.preventDefault();
    const line = input.value;
    input.value = '';
    boot.queued.push(line);
    for (const listener of listeners) listener(line);
    // Once the engine answers (`live`), the app draws the scrollback itself.
    if (boot.live) return;
    const row = document.createElement('div');
    row.className = 'line';
    const prompt = document.createElement('span');
    prompt.className = 'prompt';
    prompt.setAttribute('aria-hidden', 'true');
    prompt.textContent = PROMPT;
    row.append(prompt, line);
    lines.append(row);
  });
})();

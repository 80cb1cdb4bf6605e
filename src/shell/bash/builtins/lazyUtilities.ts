import type { Builtin } from './builtin.ts';

/**
 * Cloud Shell's text tools (`jq`, `sed`, `awk`, `sort` …, src/shell/text/) are a large part of the
 * shell that few commands need, so in the browser their code arrives after the engine's: the
 * terminal answers its first command sooner. Until then the shell knows their names (for `which`,
 * `type`, completion), and a command line that calls one waits until the code has arrived
 * (`textToolsFor`: the terminal and replays ask before they run a line). Node (the `sim` CLI,
 * tests, benchmarks) installs them up front with `installTextTools`.
 */
export const LAZY_UTILITY_NAMES = ['awk', 'base64', 'cut', 'jq', 'less', 'more', 'sed', 'sort', 'tr', 'uniq', 'watch', 'xargs'] as const;

let installed: ReadonlyMap<string, Builtin> | undefined;
let loading: Promise<void> | undefined;

export function installTextTools(tools: ReadonlyMap<string, Builtin>): void {
  installed = tools;
}

/** Starts loading the text tools (once); resolves when they are installed. */
export function loadTextTools(): Promise<void> {
  if (installed) return Promise.resolve();
  loading ??= import('../../text/tools.ts').then(
    (module) => installTextTools(module.textTools),
    (error: unknown) => {
      // A later call tries again (a flaky connection, a new deployment).
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** A word of a command line that is one of the tools' names (a false alarm only costs a wait). */
const MENTION = new RegExp(`(?:^|[\\s;&|()\`'"$])(?:${LAZY_UTILITY_NAMES.join('|')})(?=$|[\\s;&|()\`'"])`);

/** Undefined when `text` can run now; else it calls a text tool not loaded yet, and this resolves once it is (or failed to load). */
export function textToolsFor(text: string): Promise<void> | undefined {
  if (installed || !MENTION.test(text)) return undefined;
  return loadTextTools().catch(() => undefined);
}

/**
 * The shell's entries for the tools: each runs the tool once its code is there. A call the
 * terminal could not see coming (a name built at run time) finds it missing and says so.
 */
export const lazyUtilities: [string, Builtin][] = LAZY_UTILITY_NAMES.map((name) => [
  name,
  (ctx, host) => {
    const tool = installed?.get(name);
    if (tool) return tool(ctx, host);
    void loadTextTools().catch(() => undefined);
    ctx.stderr(`mtls-playground: ${name} is still loading; run the command again in a moment\n`);
    return 126;
  },
]);

import { LazyPart, stillLoading } from '../../lazyPart.ts';
import type { Builtin } from './builtin.ts';

/**
 * Cloud Shell's text tools (`jq`, `sed`, `awk`, `sort` …, src/shell/text/) are a large part of the
 * shell that few commands need, so in the browser their code arrives after the engine's (see
 * LazyPart). The shell lists their names from the start (`which`, `type`, completion).
 */
export const LAZY_UTILITY_NAMES = ['awk', 'base64', 'cut', 'jq', 'less', 'more', 'sed', 'sort', 'tr', 'uniq', 'watch', 'xargs'] as const;

/** A word of a command line that is one of the tools' names. */
const MENTION = new RegExp(`(?:^|[\\s;&|()\`'"$])(?:${LAZY_UTILITY_NAMES.join('|')})(?=$|[\\s;&|()\`'"])`);

export const textToolsPart = new LazyPart<ReadonlyMap<string, Builtin>>(MENTION, () => import('../../text/tools.ts').then((m) => m.textTools));

export function installTextTools(tools: ReadonlyMap<string, Builtin>): void {
  textToolsPart.install(tools);
}

/** Starts loading the text tools (once); resolves when they are installed. */
export function loadTextTools(): Promise<void> {
  return textToolsPart.load();
}

/** Undefined when `text` can run now; else it calls a text tool not loaded yet, and this resolves once it is (or failed to load). */
export function textToolsFor(text: string): Promise<void> | undefined {
  return textToolsPart.waitFor(text);
}

/**
 * The shell's entries for the tools: each runs the tool once its code is there. A call the
 * terminal could not see coming (a name built at run time) finds it missing and says so.
 */
export const lazyUtilities: [string, Builtin][] = LAZY_UTILITY_NAMES.map((name) => [
  name,
  (ctx, host) => {
    const tool = textToolsPart.get()?.get(name);
    if (tool) return tool(ctx, host);
    void textToolsPart.load().catch(() => undefined);
    ctx.stderr(stillLoading(name));
    return 126;
  },
]);

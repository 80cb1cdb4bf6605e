/**
 * Where a custom scenario comes from, and reading it safely before the loader sees it:
 *
 * - inline, from a `<script type="application/x-mtls-scenario+yaml">` (or `+markdown`) child of
 *   `<mtls-playground>`: text only, never run;
 * - a URL (`scenario-src`, `?scenario=`), resolved against the page and fetched only from the
 *   page's own origin (a redirect elsewhere is refused too), read with a size cap;
 * - `#scenario=…` in the app's address (share/scenarioLink.ts), with the student link's limits.
 *
 * What comes back is text for `loadScenario`, or a problem the lesson panel explains.
 */
import type { ScenarioError } from '../lessons/scenario/format.ts';
import { LIMITS } from '../lessons/scenario/format.ts';
import type { ShareError } from './share/hashState.ts';

/** The script types an inline scenario may have, and the format each means. */
export const SCENARIO_SCRIPT_TYPES: Readonly<Record<string, 'yaml' | 'markdown'>> = {
  'application/x-mtls-scenario+yaml': 'yaml',
  'application/x-mtls-scenario+markdown': 'markdown',
};

export interface ScenarioText {
  /** The name errors are reported against (`inline`, the URL's file name, `link`). */
  name: string;
  text: string;
  format: 'yaml' | 'markdown';
}

/** Why a scenario could not be opened. */
export type ScenarioProblem =
  /** The address is on another site, or is not an http(s) address at all (`javascript:`, `data:`). */
  | { kind: 'other-origin'; url: string; origin: string }
  /** The address redirects to another site: nothing was read from there. */
  | { kind: 'redirect'; url: string; origin: string }
  | { kind: 'bad-url'; url: string }
  | { kind: 'fetch-failed'; url: string; status?: number }
  /** The address answered with a web page (a server that serves its app for every path): no such file. */
  | { kind: 'html'; url: string }
  | { kind: 'too-large'; name: string; limit: number }
  | { kind: 'link'; reason: ShareError }
  /** The loader's errors, with line and field. */
  | { kind: 'invalid'; name: string; errors: ScenarioError[] };

export type ScenarioRead = { ok: true; scenario: ScenarioText } | { ok: false; problem: ScenarioProblem };

/** Where a scenario is asked for, in the order they win: inline, then a URL, then the address's hash. */
export interface ScenarioRequest {
  inline?: { text: string; format: 'yaml' | 'markdown' };
  /** As written in `scenario-src` or `?scenario=`. */
  url?: string;
  /** The page's hash, when it has `scenario=` (the app page only). */
  hash?: string;
}

/** What a URL is resolved against and may be fetched from. */
export interface ScenarioOrigin {
  /** Relative addresses are resolved against it (the element's document, or the app page). */
  base: string;
  /** The only origin a scenario is fetched from: the embedding page's. */
  origin: string;
  /** The fetch to use (tests give their own). */
  fetch?: typeof fetch;
}

/** An address as shown in a message: short, one line. */
export function shownUrl(url: string): string {
  const line = url.replace(/\s+/g, ' ');
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

/**
 * The address of a scenario, when it is allowed: an http(s) URL on `origin` once resolved against
 * `base`. Anything else (another site, `javascript:`, `data:`, `blob:`) is refused unfetched.
 */
export function resolveScenarioUrl(value: string, { base, origin }: ScenarioOrigin): { ok: true; url: URL } | { ok: false; problem: ScenarioProblem } {
  let url: URL;
  try {
    url = new URL(value.trim(), base);
  } catch {
    return { ok: false, problem: { kind: 'bad-url', url: shownUrl(value) } };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) {
    return { ok: false, problem: { kind: 'other-origin', url: shownUrl(value), origin } };
  }
  url.hash = '';
  return { ok: true, url };
}

/** The name errors are reported against: the file's name in the address. */
function fileName(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  try {
    return decodeURIComponent(last) || 'scenario';
  } catch {
    return last || 'scenario';
  }
}

/** `.md`/`.markdown` names and Markdown content types are Markdown; the rest is YAML. */
function formatOf(url: URL, contentType: string | null): 'yaml' | 'markdown' {
  return /\.(md|markdown)$/i.test(url.pathname) || /markdown/i.test(contentType ?? '') ? 'markdown' : 'yaml';
}

/**
 * Reads a response's text, giving up (and cancelling the download) as soon as it passes `limit`
 * UTF-16 units: a server that sends a gigabyte costs no more than the limit.
 */
async function readCapped(response: Response, limit: number, abort: () => void): Promise<string | undefined> {
  // UTF-8 needs at most 3 bytes per UTF-16 unit: a larger declared length is too large for sure.
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit * 3) {
    abort();
    return undefined;
  }
  const body = response.body;
  if (!body) {
    const text = await response.text();
    return text.length > limit ? undefined : text;
  }
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    text += done ? decoder.decode() : decoder.decode(value, { stream: true });
    if (text.length > limit) {
      abort();
      await reader.cancel().catch(() => {});
      return undefined;
    }
    if (done) return text;
  }
}

/**
 * Fetches a scenario from the page's own origin. Same-origin mode: a redirect to another site
 * fails before anything is requested from it (told apart from a network failure by asking again
 * without following), and credentials are the page's own.
 */
export async function fetchScenario(value: string, where: ScenarioOrigin, limit: number = LIMITS.totalChars): Promise<ScenarioRead> {
  const resolved = resolveScenarioUrl(value, where);
  if (!resolved.ok) return resolved;
  const { url } = resolved;
  const request = where.fetch ?? globalThis.fetch.bind(globalThis);
  const controller = new AbortController();
  const shown = shownUrl(value);
  let response: Response;
  try {
    response = await request(url.href, { mode: 'same-origin', credentials: 'same-origin', redirect: 'follow', signal: controller.signal });
  } catch {
    return { ok: false, problem: (await redirectsAway(request, url)) ? { kind: 'redirect', url: shown, origin: where.origin } : { kind: 'fetch-failed', url: shown } };
  }
  // Belt and braces: whatever the fetch did, text from another origin is never read.
  if (response.url && new URL(response.url).origin !== where.origin) {
    controller.abort();
    return { ok: false, problem: { kind: 'redirect', url: shown, origin: where.origin } };
  }
  if (!response.ok) {
    controller.abort();
    return { ok: false, problem: { kind: 'fetch-failed', url: shown, status: response.status } };
  }
  if (/^\s*text\/html\b/i.test(response.headers.get('content-type') ?? '')) {
    controller.abort();
    return { ok: false, problem: { kind: 'html', url: shown } };
  }
  const name = fileName(url);
  let text: string | undefined;
  try {
    text = await readCapped(response, limit, () => controller.abort());
  } catch {
    return { ok: false, problem: { kind: 'fetch-failed', url: shown } };
  }
  if (text === undefined) return { ok: false, problem: { kind: 'too-large', name, limit } };
  return { ok: true, scenario: { name, text, format: formatOf(url, response.headers.get('content-type')) } };
}

/** Whether the address answers with a redirect (asked without following it). */
async function redirectsAway(request: typeof fetch, url: URL): Promise<boolean> {
  try {
    const probe = await request(url.href, { mode: 'same-origin', credentials: 'same-origin', redirect: 'manual' });
    return probe.type === 'opaqueredirect' || (probe.status >= 300 && probe.status < 400);
  } catch {
    return false;
  }
}

/**
 * Takes away the indentation that every non-blank line shares (an inline script is indented with
 * the page), keeping the lines where they are so that error line numbers match the script's.
 */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let common: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (common === undefined || !indent.startsWith(common)) {
      let n = 0;
      const base = common ?? indent;
      while (n < base.length && n < indent.length && base[n] === indent[n]) n++;
      common = base.slice(0, n);
    }
    if (common === '') break;
  }
  return common ? lines.map((l) => (l.startsWith(common) ? l.slice(common.length) : l.trimStart())).join('\n') : lines.join('\n');
}

/** An inline scenario's text, checked against the size cap. */
export function inlineScenario(text: string, format: 'yaml' | 'markdown', limit: number = LIMITS.totalChars): ScenarioRead {
  if (text.length > limit) return { ok: false, problem: { kind: 'too-large', name: 'inline', limit } };
  return { ok: true, scenario: { name: format === 'markdown' ? 'inline.md' : 'inline.yaml', text: dedent(text), format } };
}

/**
 * The key a scenario's progress is saved under: apart from the built-in lessons', whose ids start
 * with their number, so that a scenario with a built-in lesson's id never overwrites it. Saved ids
 * are at most 64 characters; a longer key ends in a hash of the id.
 */
export function scenarioProgressKey(id: string): string {
  const key = `scenario-${id}`;
  if (key.length <= 64) return key;
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return `${key.slice(0, 55).replace(/-+$/, '')}-${hash.toString(16).padStart(8, '0')}`;
}

/** The course list's entry for a scenario: apart from the built-in ids. */
export const SCENARIO_ENTRY_PREFIX = 'scenario:';
export const isScenarioEntry = (id: string): boolean => id.startsWith(SCENARIO_ENTRY_PREFIX);

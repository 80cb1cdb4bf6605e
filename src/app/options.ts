import { isLocale, type Locale } from '../domain/locale.ts';

/** The panels an embedding page can choose from. */
export const PANELS = ['lesson', 'terminal', 'browser', 'mesh', 'events', 'details'] as const;
export type PanelId = (typeof PANELS)[number];
export const THEMES = ['system', 'light', 'dark', 'projector'] as const;
export type Theme = (typeof THEMES)[number];

/**
 * How one app instance starts: from the page URL (`?lesson=…&step=…`) or from a custom element's
 * attributes (same names). Every value is validated; anything else is ignored and reported.
 */
export interface AppOptions {
  /** A lesson id (`01-seed-tutorial`), or a lesson number (`1`) resolved against the catalog. */
  lesson?: string;
  mode?: 'lesson' | 'sandbox';
  /** 1-based step number, as people count. */
  step?: number;
  locale?: Locale;
  theme?: Theme;
  /** Which panels to show; all when absent. */
  panels?: PanelId[];
  readonly: boolean;
  /** Embedded in another page: no persistence, size reported to the parent. */
  embed: boolean;
  presenter: boolean;
  /**
   * A custom scenario's address as written (`?scenario=URL`, or the element's `scenario-src`):
   * resolved against the page and fetched only from its own origin (app/scenarioSource.ts).
   */
  scenario?: string;
  /** Parameters that were present but not valid, by name (for a notice). */
  ignored: string[];
}

const MAX_PARAM = 200;
/** A scenario's address may be longer than the other values. */
const MAX_SCENARIO_URL = 2048;

function flag(value: string | null): boolean {
  return value !== null && value !== 'false' && value !== '0' && value !== 'no';
}

/** Options from a query string (`?a=b`) or from attributes given as a record. */
export function parseOptions(source: string | Record<string, string | null | undefined>): AppOptions {
  const get: (name: string) => string | null =
    typeof source === 'string'
      ? ((params) => (name: string) => params.get(name))(new URLSearchParams(source.replace(/^\?/, '')))
      : (name) => source[name] ?? null;
  const ignored: string[] = [];
  const read = (name: string, max = MAX_PARAM): string | null => {
    const v = get(name);
    if (v === null) return null;
    if (v.length > max) {
      ignored.push(name);
      return null;
    }
    return v.trim();
  };
  const options: AppOptions = { readonly: false, embed: false, presenter: false, ignored };

  const lesson = read('lesson');
  if (lesson !== null) {
    if (/^[a-z0-9-]{1,64}$/.test(lesson)) options.lesson = lesson;
    else ignored.push('lesson');
  }
  const mode = read('mode');
  if (mode !== null) {
    if (mode === 'lesson' || mode === 'sandbox') options.mode = mode;
    else ignored.push('mode');
  }
  const step = read('step');
  if (step !== null) {
    const n = /^\d{1,3}$/.test(step) ? Number(step) : NaN;
    if (n >= 1 && n <= 99) options.step = n;
    else ignored.push('step');
  }
  const lang = read('lang')?.toLowerCase() ?? null;
  if (lang !== null) {
    if (isLocale(lang)) options.locale = lang;
    else ignored.push('lang');
  }
  const theme = read('theme');
  if (theme !== null) {
    if ((THEMES as readonly string[]).includes(theme)) options.theme = theme as Theme;
    else ignored.push('theme');
  }
  const panels = read('panels');
  if (panels !== null) {
    const list = panels.split(',').map((p) => p.trim()).filter(Boolean);
    const valid = list.filter((p): p is PanelId => (PANELS as readonly string[]).includes(p));
    if (valid.length !== list.length) ignored.push('panels');
    if (valid.length) options.panels = [...new Set(valid)];
  }
  // The page's parameter is `scenario`; the element's attribute is `scenario-src` (as `<script src>`).
  const scenarioName = typeof source === 'string' ? 'scenario' : 'scenario-src';
  const scenario = read(scenarioName, MAX_SCENARIO_URL);
  if (scenario !== null) {
    if (scenario !== '' && !/\p{Cc}/u.test(scenario)) options.scenario = scenario;
    else ignored.push(scenarioName);
  }
  options.readonly = flag(read('readonly'));
  options.embed = flag(read('embed'));
  options.presenter = flag(read('presenter'));
  return options;
}

/** Resolves `lesson` (an id or a 1-based number) against the catalog's ids. */
export function resolveLessonId(value: string | undefined, ids: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (ids.includes(value)) return value;
  if (/^\d{1,2}$/.test(value)) return ids[Number(value) - 1];
  return ids.find((id) => id.replace(/^\d+-/, '') === value);
}

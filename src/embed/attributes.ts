/**
 * The element's attributes: the same names as the app's URL parameters (see app/options.ts).
 * Kept apart from the parser so that the element's entry stays small: parsing (and the message
 * tables it needs) loads with the simulator.
 */
export const ATTRIBUTES = ['lesson', 'step', 'lang', 'theme', 'panels', 'readonly', 'embed', 'presenter', 'mode', 'scenario-src'] as const;
export type AttributeName = (typeof ATTRIBUTES)[number];
export type AttributeRecord = Partial<Record<AttributeName, string>>;

/** Attributes applied to a running instance; a change to any other one starts the scenario again. */
export const LIVE_ATTRIBUTES: ReadonlySet<string> = new Set<AttributeName>(['lang', 'theme']);

/** The element's attributes as a record for `parseOptions` (absent ones left out). */
export function readAttributes(element: Element): AttributeRecord {
  const record: AttributeRecord = {};
  for (const name of ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null) record[name] = value;
  }
  // `lang` is also HTML's global attribute: `lang="ja-JP"` means Japanese.
  if (record.lang !== undefined) record.lang = record.lang.trim().toLowerCase().split('-')[0] ?? '';
  return record;
}

/**
 * The languages to fall back on when the element has no `lang`: the page's language where the
 * element sits, then the browser's.
 */
export function fallbackLanguages(element: Element): string[] {
  const inherited = element.parentElement?.closest('[lang]')?.getAttribute('lang');
  const browser = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? [])];
  return inherited ? [inherited, ...browser] : browser;
}

/**
 * A scenario written in the page: the element's first `<script type="application/x-mtls-scenario+…">`
 * child, as text. A script of an unknown type is never run by the browser; this only reads it.
 */
export function readInlineScenario(element: Element): { type: string; text: string } | undefined {
  for (const child of element.children) {
    const type = child.localName === 'script' ? child.getAttribute('type')?.trim().toLowerCase() : undefined;
    if (type?.startsWith('application/x-mtls-scenario+')) return { type, text: child.textContent ?? '' };
  }
  return undefined;
}

/** Where the element's `scenario-src` is resolved (its document) and the one origin it may fetch from (the page's). */
export function scenarioOrigin(element: Element): { base: string; origin: string } {
  const doc = element.ownerDocument;
  let origin = 'null';
  try {
    origin = doc.defaultView?.location.origin ?? new URL(doc.URL).origin;
  } catch {
    // An opaque document: no address is on its origin.
  }
  return { base: doc.baseURI, origin };
}

import appCss from '../app.css?inline';
import type { PlaygroundEvent } from '../app/playground.svelte.ts';
import { ATTRIBUTES, fallbackLanguages, LIVE_ATTRIBUTES, readAttributes, readInlineScenario, scenarioOrigin } from './attributes.ts';
import hostCss from './host.css?inline';
import type { EmbeddedPlayground } from './mountPlayground.ts';

/**
 * `<mtls-playground lesson="1" step="4" lang="ja" theme="dark" panels="mesh,details" readonly>`:
 * the simulator as a custom element for documentation pages.
 *
 * - The attributes are the app's URL parameters (`lesson step lang theme panels readonly presenter
 *   mode`, and `scenario-src` for `scenario`). `lang` and `theme` apply in place; a change to any
 *   other one starts the scenario again.
 * - A custom scenario comes from `scenario-src="URL"` (this page's origin only) or from a child
 *   `<script type="application/x-mtls-scenario+yaml">` (or `+markdown`), read as text, never run.
 * - Each element runs its own simulator in an open shadow root: several on one page share nothing,
 *   and none touches the host page's storage, address, theme or language.
 * - It dispatches `ready`, `request-completed` and `step-completed` (bubbling, composed) with the
 *   simulator's details as `event.detail`.
 *
 * This entry is small: the simulator loads as a separate chunk when the first element connects,
 * and each lesson is a chunk of its own, loaded when opened.
 */
export const TAG = 'mtls-playground';

/** One constructed sheet per document, adopted by every instance in it. */
const sheets = new WeakMap<Document, CSSStyleSheet>();

function sharedSheet(doc: Document): CSSStyleSheet | undefined {
  if (typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return undefined;
  let sheet = sheets.get(doc);
  if (!sheet) {
    sheet = new (doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet)();
    sheet.replaceSync(`${appCss}\n${hostCss}`);
    sheets.set(doc, sheet);
  }
  return sheet;
}

/** The simulator chunk, loaded once for every element on the page (again after a failed load). */
let loader: Promise<typeof import('./mountPlayground.ts')> | undefined;
const loadSimulator = () =>
  (loader ??= import('./mountPlayground.ts').catch((error: unknown) => {
    loader = undefined;
    throw error;
  }));

/** Resolves once the document has been parsed. */
function parsed(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

export class MtlsPlaygroundElement extends HTMLElement {
  static readonly observedAttributes: readonly string[] = ATTRIBUTES;

  readonly #root: ShadowRoot;
  readonly #container: HTMLDivElement;
  readonly #loading: HTMLParagraphElement;
  #state: 'idle' | 'loading' | 'mounted' = 'idle';
  #instance: EmbeddedPlayground | undefined;
  /** Counts mounts and take-downs: a load that finishes after either is dropped. */
  #token = 0;
  #remountQueued = false;

  constructor() {
    super();
    this.#root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const sheet = 'adoptedStyleSheets' in this.#root ? sharedSheet(this.ownerDocument) : undefined;
    if (sheet) {
      this.#root.adoptedStyleSheets = [...this.#root.adoptedStyleSheets, sheet];
    } else {
      const style = this.ownerDocument.createElement('style');
      style.textContent = `${appCss}\n${hostCss}`;
      this.#root.append(style);
    }
    this.#loading = this.ownerDocument.createElement('p');
    this.#loading.className = 'loading';
    this.#loading.setAttribute('role', 'status');
    this.#container = this.ownerDocument.createElement('div');
    this.#container.className = 'root';
    this.#root.append(this.#loading, this.#container);
  }

  connectedCallback(): void {
    if (this.#state === 'idle') void this.#mount();
  }

  disconnectedCallback(): void {
    // An element moved elsewhere in the page is disconnected and connected again in one task: it
    // keeps its simulator. One that stays out is taken down.
    queueMicrotask(() => {
      if (!this.isConnected) this.#unmount();
    });
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    // While loading there is nothing to change: the mount reads the attributes as they are then.
    if (previous === value || this.#state !== 'mounted') return;
    if (LIVE_ATTRIBUTES.has(name)) this.#instance?.update(readAttributes(this), fallbackLanguages(this));
    else this.#queueRemount();
  }

  /** Several attributes set one after another start the scenario again once. */
  #queueRemount(): void {
    if (this.#remountQueued) return;
    this.#remountQueued = true;
    queueMicrotask(() => {
      this.#remountQueued = false;
      if (this.#state !== 'mounted' || !this.isConnected) return;
      this.#unmount();
      void this.#mount();
    });
  }

  async #mount(): Promise<void> {
    const token = ++this.#token;
    this.#state = 'loading';
    this.#showLoading(true);
    let module: typeof import('./mountPlayground.ts');
    try {
      // An inline scenario is read once the page has been parsed (the element may be defined before its children exist).
      [module] = await Promise.all([loadSimulator(), parsed(this.ownerDocument)]);
    } catch (error) {
      if (token === this.#token) this.#loading.textContent = `The simulator could not load: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    if (token !== this.#token || !this.isConnected) return;
    this.#instance = module.mountPlayground(this.#container, {
      attributes: readAttributes(this),
      inline: readInlineScenario(this),
      origin: scenarioOrigin(this),
      languages: fallbackLanguages(this),
      label: `mTLS Playground ${[...this.ownerDocument.querySelectorAll(TAG)].indexOf(this) + 1}`,
      onEvent: (event) => this.#redispatch(event),
    });
    this.#state = 'mounted';
    this.#showLoading(false);
  }

  #unmount(): void {
    this.#token++;
    this.#state = 'idle';
    this.#instance?.destroy();
    this.#instance = undefined;
  }

  #showLoading(on: boolean): void {
    const lang = readAttributes(this).lang ?? fallbackLanguages(this)[0]?.toLowerCase() ?? '';
    this.#loading.textContent = on ? (lang.startsWith('ja') ? 'シミュレーターを読み込んでいます…' : 'Loading the simulator…') : '';
    this.#loading.hidden = !on;
    const theme = this.getAttribute('theme');
    if (theme) this.#loading.dataset.theme = theme;
    else delete this.#loading.dataset.theme;
  }

  #redispatch(event: PlaygroundEvent): void {
    this.dispatchEvent(new CustomEvent(event.type, { detail: event.detail, bubbles: true, composed: true }));
  }
}

if (typeof customElements !== 'undefined' && !customElements.get(TAG)) customElements.define(TAG, MtlsPlaygroundElement);

declare global {
  interface HTMLElementTagNameMap {
    'mtls-playground': MtlsPlaygroundElement;
  }
}

import { mount, unmount } from 'svelte';
import Workspace from '../Workspace.svelte';
import { parseOptions } from '../app/options.ts';
import { Playground, type PlaygroundEvent } from '../app/playground.svelte.ts';
import { SCENARIO_SCRIPT_TYPES } from '../app/scenarioSource.ts';
import { detectLocale } from '../i18n/locale.ts';
import type { AttributeRecord } from './attributes.ts';

/** One running instance inside an element's shadow root. */
export interface EmbeddedPlayground {
  /** Applies the live attributes (`lang`, `theme`) without starting again. */
  update(attributes: AttributeRecord, languages: readonly string[]): void;
  destroy(): void;
}

/**
 * Mounts the workspace into `target` with the element's attributes as its options. It is always
 * embedded: it never reads the host page's address or storage, persists nothing and leaves the
 * host document's theme and language alone.
 */
export function mountPlayground(
  target: HTMLElement,
  { attributes, languages, label, onEvent, inline, origin }: {
    attributes: AttributeRecord;
    /** A scenario written in the page (the element's `<script type="application/x-mtls-scenario+yaml">`). */
    inline?: { type: string; text: string } | undefined;
    /** What `scenario-src` is resolved against and the one origin it may come from. */
    origin: { base: string; origin: string };
    /** The languages to choose from when `lang` is absent. */
    languages: readonly string[];
    /** Tells this instance apart from the others on the page (part of its regions' names). */
    label: string;
    onEvent: (event: PlaygroundEvent) => void;
  },
): EmbeddedPlayground {
  const options = { ...parseOptions(attributes), embed: true };
  const format = inline && Object.hasOwn(SCENARIO_SCRIPT_TYPES, inline.type) ? SCENARIO_SCRIPT_TYPES[inline.type] : undefined;
  // It never reads the host page's address, hash or storage.
  const playground = new Playground(options, { search: '', hash: '', languages, storage: undefined, scenario: { origin, ...(inline && format ? { inline: { text: inline.text, format } } : {}) } }, onEvent);
  const component = mount(Workspace, { target, props: { playground, ownsPage: false, label } });
  playground.shown();
  return {
    update(next, nextLanguages) {
      const parsed = parseOptions(next);
      const locale = parsed.locale ?? detectLocale('', nextLanguages);
      if (playground.i18n.locale !== locale) playground.setLocale(locale);
      const theme = parsed.theme ?? (parsed.presenter ? 'projector' : 'system');
      if (playground.theme !== theme) playground.setTheme(theme);
    },
    destroy() {
      void unmount(component);
    },
  };
}

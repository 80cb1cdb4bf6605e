import { describe, expect, it } from 'vitest';
import { lessonCatalog } from '../lessons/index.ts';
import { opensFirstLessonFresh, startLocale } from './firstVisit.ts';
import { parseOptions } from './options.ts';
import { createMemoryStorage, createStore, createDefaultState, STORE_KEY } from './persist/index.ts';
import { Playground } from './playground.svelte.ts';

describe('opensFirstLessonFresh', () => {
  it('is true for a first visit, whatever the language, theme or presenter mode', () => {
    expect(opensFirstLessonFresh('', '', createMemoryStorage())).toBe(true);
    expect(opensFirstLessonFresh('?lang=ja&theme=dark&presenter=1', '#', createMemoryStorage())).toBe(true);
    expect(opensFirstLessonFresh('', '', undefined)).toBe(true);
    const throwing = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => {}, removeItem: () => {} };
    expect(opensFirstLessonFresh('', '', throwing)).toBe(true);
  });

  it("agrees with the playground: where it is true, the playground opens the first lesson at its start", async () => {
    for (const query of ['', '?lang=ja', '?theme=dark', '?presenter=1']) {
      const storage = createMemoryStorage();
      expect(opensFirstLessonFresh(query, '', storage), query).toBe(true);
      const pg = new Playground(parseOptions(query), { search: query, hash: '', languages: ['en'], storage });
      await pg.start();
      expect(pg.course.lesson?.id, query).toBe(lessonCatalog[0]!.id);
      expect(pg.course.stepIndex, query).toBe(0);
      expect(pg.course.commands, query).toEqual([]);
      pg.dispose();
    }
  });

  it('is false whenever the start is chosen by something else: an option, a link, saved progress', () => {
    for (const query of ['?lesson=1', '?lesson=2', '?step=3', '?mode=sandbox', '?embed=1', '?scenario=./s.md', '?readonly=1', '?bogus=1']) {
      expect(opensFirstLessonFresh(query, '', createMemoryStorage()), query).toBe(false);
    }
    expect(opensFirstLessonFresh('', '#share=abc', createMemoryStorage())).toBe(false);
    const storage = createMemoryStorage();
    createStore(storage).save(createDefaultState());
    expect(storage.getItem(STORE_KEY)).not.toBeNull();
    expect(opensFirstLessonFresh('', '', storage)).toBe(false);
  });
});

describe('startLocale', () => {
  it('agrees with the playground: the address, then the saved language, then the browser\'s', () => {
    const stores = {
      empty: () => createMemoryStorage(),
      'saved ja': () => {
        const storage = createMemoryStorage();
        createStore(storage).save({ ...createDefaultState(), locale: 'ja' });
        return storage;
      },
      'saved en': () => {
        const storage = createMemoryStorage();
        createStore(storage).save({ ...createDefaultState(), locale: 'en' });
        return storage;
      },
      unreadable: () => {
        const storage = createMemoryStorage();
        storage.setItem(STORE_KEY, '{not json');
        return storage;
      },
    };
    const seen = new Set<string>();
    for (const query of ['', '?lang=ja', '?lang=EN', '?lang=fr']) {
      for (const [name, store] of Object.entries(stores)) {
        for (const languages of [['ja-JP', 'en'], ['fr', 'en-US'], []]) {
          const storage = store();
          const pg = new Playground(parseOptions(query), { search: query, hash: '', languages, storage });
          const expected = pg.i18n.locale;
          pg.dispose();
          expect(startLocale(parseOptions(query).locale, languages, storage), `${query} ${name} ${languages.join(',')}`).toBe(expected);
          seen.add(expected);
        }
      }
    }
    expect([...seen].sort()).toEqual(['en', 'ja']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOptions, resolveLessonId } from './options.ts';

describe('parseOptions', () => {
  it('reads every option from a query string', () => {
    expect(parseOptions('?lesson=01-seed-tutorial&step=4&lang=ja&theme=dark&panels=mesh,why,terminal&readonly=1&embed=1')).toEqual({
      lesson: '01-seed-tutorial',
      step: 4,
      locale: 'ja',
      theme: 'dark',
      panels: ['mesh', 'terminal'],
      readonly: true,
      embed: true,
      presenter: false,
      ignored: ['panels'],
    });
  });

  it('reads attributes the same way, where a present boolean attribute is ""', () => {
    expect(parseOptions({ lesson: '1', step: '2', readonly: '', presenter: null, lang: 'EN' })).toMatchObject({ lesson: '1', step: 2, readonly: true, presenter: false, locale: 'en' });
    expect(parseOptions({ readonly: 'false' }).readonly).toBe(false);
  });

  it.each([
    ['lesson=<script>alert(1)</script>', 'lesson'],
    ['step=0', 'step'],
    ['step=100', 'step'],
    ['step=1e2', 'step'],
    ['step=-1', 'step'],
    ['lang=fr', 'lang'],
    ['theme=neon', 'theme'],
    ['mode=admin', 'mode'],
    [`lesson=${'a'.repeat(500)}`, 'lesson'],
  ])('ignores and reports %s', (query, name) => {
    const options = parseOptions(`?${query}`);
    expect(options.ignored).toEqual([name]);
    expect(options).not.toHaveProperty(name === 'lang' ? 'locale' : name);
  });

  it('never throws on any query string', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (q) => {
      const o = parseOptions(q);
      expect(typeof o.readonly).toBe('boolean');
    }));
  });
});

describe('resolveLessonId', () => {
  const ids = ['01-seed-tutorial', '02-permissive-migration'];
  it('accepts an id, a number or a name without its number', () => {
    expect(resolveLessonId('02-permissive-migration', ids)).toBe('02-permissive-migration');
    expect(resolveLessonId('1', ids)).toBe('01-seed-tutorial');
    expect(resolveLessonId('permissive-migration', ids)).toBe('02-permissive-migration');
    expect(resolveLessonId('9', ids)).toBeUndefined();
    expect(resolveLessonId(undefined, ids)).toBeUndefined();
  });
});

describe('parseOptions: a scenario', () => {
  it('reads ?scenario= from the address and scenario-src from the element', () => {
    expect(parseOptions('?scenario=%2Fscenarios%2Fstrict-frontend.md&step=2')).toMatchObject({ scenario: '/scenarios/strict-frontend.md', step: 2, ignored: [] });
    expect(parseOptions({ 'scenario-src': ' scenarios/a.yaml ' }).scenario).toBe('scenarios/a.yaml');
    // The element's attribute is scenario-src, the address's parameter scenario: not the other way round.
    expect(parseOptions({ scenario: 'a.md' }).scenario).toBeUndefined();
    expect(parseOptions('?scenario-src=a.md').scenario).toBeUndefined();
    // A long address is fine (the origin rule is applied when it is fetched).
    expect(parseOptions(`?scenario=${'a'.repeat(1500)}.md`).scenario).toHaveLength(1503);
  });

  it.each([
    ['?scenario=', 'scenario'],
    [`?scenario=${'a'.repeat(3000)}`, 'scenario'],
    ['?scenario=a%0Ab.md', 'scenario'],
  ])('ignores and reports %s', (query, name) => {
    const options = parseOptions(query);
    expect(options.ignored).toEqual([name]);
    expect(options.scenario).toBeUndefined();
  });
});

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLocale, format, translate } from './locale.ts';
import { areaTables, en, ja } from './messages/index.ts';

describe('message tables', () => {
  it('every area has the same keys in English and Japanese, and no empty text', () => {
    for (const area of areaTables) {
      expect(Object.keys(area.ja).sort()).toEqual(Object.keys(area.en).sort());
      for (const [key, text] of [...Object.entries(area.en), ...Object.entries(area.ja)]) expect(text.trim(), key).not.toBe('');
    }
  });

  it('no key is defined by two areas', () => {
    const seen = new Set<string>();
    for (const area of areaTables) for (const key of Object.keys(area.en)) {
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('placeholders match between the languages', () => {
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(holes(ja[key]), key).toEqual(holes(en[key]));
  });

  it('every key used in the source exists', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(svelte|ts)$/.test(name) && !name.endsWith('.test.ts')) files.push(path);
      }
    };
    walk(new URL('..', import.meta.url).pathname);
    const missing: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
        const key = m[1] ?? '';
        if (!(key in en)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('detectLocale', () => {
  it.each([
    ['?lang=ja', ['en-US'], 'ja'],
    ['?lang=en', ['ja-JP'], 'en'],
    ['?lang=JA', [], 'ja'],
    ['?lang=fr', ['ja'], 'ja'],
    ['', ['fr-FR', 'ja-JP'], 'ja'],
    ['', ['fr-FR'], 'en'],
    ['#lesson=1&lang=ja', [], 'ja'],
    ['?lang=<script>', [], 'en'],
  ] as const)('%s with %j → %s', (search, langs, want) => {
    expect(detectLocale(search, langs)).toBe(want);
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(translate('ja', 'app.loadFailed', { error: 'x' })).toBe('シミュレーターを読み込めませんでした: x');
  });
});

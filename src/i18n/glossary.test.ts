import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lessonCatalog } from '../lessons/index.ts';
import { lessonTexts } from '../lessons/testing.ts';
import { GLOSSARY, type GlossaryEntry, offGlossary } from './glossary.ts';
import { areaTables } from './messages/index.ts';
import { plainSentences } from './politeRegister.ts';

const lessons = await Promise.all(lessonCatalog.map((entry) => entry.load()));

/** Every Japanese text of the interface, by message key. */
const messages = areaTables.flatMap((area) => Object.entries(area.ja));
/** Every Japanese text of the lessons (the catalog's copies of titles and summaries included). */
const lessonJapanese = [
  ...lessonCatalog.flatMap((entry) => [[`${entry.id} (catalog)`, entry.title.ja], [`${entry.id} (catalog)`, entry.summary.ja]]),
  ...lessons.flatMap((lesson) => lessonTexts(lesson).map((text) => [lesson.id, text.ja])),
] as [string, string][];
/** The Why panel's Japanese catalog as written: every template and every table the corpus of messages.test.ts may miss. */
const explainSource = readFileSync(new URL('../domain/explain/messages.ja.ts', import.meta.url), 'utf8');

describe('the glossary', () => {
  it('finds the variants in a text, each with the term to use', () => {
    expect(offGlossary('名前空間 frontend の イングレスゲートウェイ は自動 mTLS で送ります')).toEqual(['名前空間 → Namespace', 'イングレスゲートウェイ → Ingress Gateway', '自動 mTLS → auto mTLS']);
    expect(offGlossary('`frontend` namespace の workload に sidecar を付けます')).toEqual(['namespace → Namespace', 'workload → ワークロード', 'sidecar → サイドカー']);
    expect(offGlossary('Gateway 経由のショップは動きます。Gateway リソースのサーバーは Gateway のサーバーです。')).toEqual(['Gateway → ゲートウェイ']);
  });

  it('leaves names, labels and commands alone', () => {
    expect(offGlossary('`kubectl get pods -n NAMESPACE` と sidecar.istio.io/inject: "false" と istio-ingressgateway を確かめます。')).toEqual([]);
  });

  it('never uses a variant as the term itself', () => {
    for (const [key, entry] of Object.entries(GLOSSARY) as [string, GlossaryEntry][]) expect(offGlossary(entry.ja), key).toEqual([]);
  });

  it('is the only Japanese of the interface', () => {
    for (const [key, text] of messages) expect(offGlossary(text), `${key}: ${text}`).toEqual([]);
  });

  it('is the only Japanese of the lessons', () => {
    for (const [where, text] of lessonJapanese) expect(offGlossary(text), `${where}: ${text}`).toEqual([]);
  });

  it('is the only Japanese of the Why panel catalog', () => {
    expect(offGlossary(explainSource.replace(/^\s*(?:\/\/|\/?\*).*$/gm, ''))).toEqual([]);
  });
});

describe('the Japanese register', () => {
  it('finds the sentences in the plain form', () => {
    expect(plainSentences('接続をリセットしました（フィルターチェーンがありません）。クライアントには TCP リセットが届く。どうなるか。')).toEqual([
      'クライアントには TCP リセットが届く。',
      'どうなるか。',
    ]);
    expect(plainSentences('失敗するのはどれでしょうか。開いてください。設定 → mTLS を要求')).toEqual([]);
  });

  it('is です/ます in every sentence of the interface', () => {
    for (const [key, text] of messages) expect(plainSentences(text), key).toEqual([]);
  });

  it('is です/ます in every sentence of the lessons', () => {
    for (const [where, text] of lessonJapanese) expect(plainSentences(text), where).toEqual([]);
  });
});

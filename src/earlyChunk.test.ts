import { describe, expect, it } from 'vitest';
import { firstLesson } from './earlyChunk.ts';
import { lessonCatalog } from './lessons/index.ts';

describe('earlyChunk', () => {
  it("answers on the catalog's first lesson, the one a first visit opens", async () => {
    expect(firstLesson).toBe(await lessonCatalog[0]!.load());
  });
});

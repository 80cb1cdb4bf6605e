/**
 * The shell's later parts (text and inspection tools) load once the page shows the playground
 * whole, not while the workspace is being put on screen; without that word they load 3 s after
 * the start. (A command that needs one earlier loads it at once: lazyTools.test.ts.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseOptions } from './options.ts';
import { createMemoryStorage } from './persist/index.ts';
import { Playground } from './playground.svelte.ts';

const loadParts = vi.hoisted(() => vi.fn(() => Promise.resolve()));
vi.mock('../shell/parts.ts', async (importOriginal) => ({ ...(await importOriginal<typeof import('../shell/parts.ts')>()), loadParts }));

const make = () => new Playground(parseOptions('?lang=en'), { search: '?lang=en', hash: '', languages: ['en'], storage: createMemoryStorage() });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the shell’s later parts', () => {
  afterEach(() => {
    vi.useRealTimers();
    loadParts.mockClear();
  });

  it('load once the started playground is shown', async () => {
    const pg = make();
    await pg.start();
    await settle();
    expect(loadParts).not.toHaveBeenCalled();
    pg.shown();
    await settle();
    expect(loadParts).toHaveBeenCalledTimes(1);
    pg.dispose();
  });

  it('wait for the start when shown first', async () => {
    const pg = make();
    pg.shown();
    await settle();
    expect(loadParts).not.toHaveBeenCalled();
    await pg.start();
    await settle();
    expect(loadParts).toHaveBeenCalledTimes(1);
    pg.dispose();
  });

  it('load 3 s after the start when nothing says the playground is shown', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const pg = make();
    await pg.start();
    await vi.advanceTimersByTimeAsync(2900);
    expect(loadParts).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(loadParts).toHaveBeenCalledTimes(1);
    pg.dispose();
  });
});

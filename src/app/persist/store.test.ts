import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from './fields.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import { createDefaultState, validateSavedState } from './savedState.ts';
import { createStore, isQuotaError, unreadableKey, type StorageLike } from './store.ts';
import { midLessonState, savedStateArbitrary, stateWith } from './testFixtures.ts';

const KEY = 'mtls-playground';

/** A memory storage that already holds `raw` under the store's key. */
function storageHolding(raw: string, quota = Infinity) {
  const storage = createMemoryStorage(quota);
  storage.setItem(KEY, raw);
  return storage;
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** Wraps a storage so that chosen methods throw. */
function failing(storage: StorageLike, throws: Partial<Record<keyof StorageLike, () => unknown>>): StorageLike {
  const guard =
    <A extends unknown[], R>(name: keyof StorageLike, run: (...args: A) => R) =>
    (...args: A): R => {
      const make = throws[name];
      if (make) throw make();
      return run(...args);
    };
  return {
    getItem: guard('getItem', (key: string) => storage.getItem(key)),
    setItem: guard('setItem', (key: string, value: string) => storage.setItem(key, value)),
    removeItem: guard('removeItem', (key: string) => storage.removeItem(key)),
  };
}

describe('createStore', () => {
  it('round-trips a state', () => {
    const store = createStore(createMemoryStorage());
    expect(store.save(midLessonState())).toEqual({ ok: true });
    expect(store.load()).toEqual({ state: midLessonState() });
  });

  it('round-trips any valid state', () => {
    fc.assert(
      fc.property(savedStateArbitrary, (state) => {
        const store = createStore(createMemoryStorage());
        expect(store.save(state)).toEqual({ ok: true });
        expect(store.load()).toEqual({ state });
      }),
    );
  });

  it('starts with defaults and no notice when nothing is stored', () => {
    expect(createStore(createMemoryStorage()).load()).toEqual({ state: createDefaultState() });
  });

  it('uses the given key, so two stores do not share progress', () => {
    const storage = createMemoryStorage();
    createStore(storage, 'embed-1').save(midLessonState());
    expect(createStore(storage, 'embed-2').load()).toEqual({ state: createDefaultState() });
    expect(createStore(storage, 'embed-1').load().state).toEqual(midLessonState());
  });

  it('writes compact JSON with unknown fields dropped', () => {
    const storage = createMemoryStorage();
    createStore(storage).save({ ...stateWith(), world: { pods: 500 } } as never);
    expect(storage.getItem(KEY)).toBe('{"v":1,"mode":"lesson","lessons":{},"sandbox":{"commands":[]}}');
  });

  describe('without storage', () => {
    it('loads defaults with unavailable, and refuses to save, when there is no storage', () => {
      const store = createStore(undefined);
      expect(store.load()).toEqual({ state: createDefaultState(), notice: 'unavailable' });
      expect(store.save(midLessonState())).toEqual({ ok: false, notice: 'unavailable' });
      expect(() => store.clear()).not.toThrow();
    });

    it('loads defaults with unavailable when reading throws (storage disabled: SecurityError)', () => {
      const store = createStore(failing(createMemoryStorage(), { getItem: () => new DOMException('denied', 'SecurityError') }));
      expect(store.load()).toEqual({ state: createDefaultState(), notice: 'unavailable' });
    });

    it('reads, but reports quota on every save, in old Safari private mode (every write throws QuotaExceededError)', () => {
      const store = createStore(failing(createMemoryStorage(), { setItem: quotaError }));
      expect(store.load()).toEqual({ state: createDefaultState() });
      expect(store.save(midLessonState())).toEqual({ ok: false, notice: 'quota' });
    });

    it('reports unavailable when a write throws something other than a quota error', () => {
      const store = createStore(failing(createMemoryStorage(), { setItem: () => new DOMException('denied', 'SecurityError') }));
      expect(store.save(midLessonState())).toEqual({ ok: false, notice: 'unavailable' });
    });

    it('survives a storage that throws non-errors or returns nonsense', () => {
      const weird: StorageLike = {
        getItem: () => 42 as unknown as string,
        setItem: () => {
          throw 'nope';
        },
        removeItem: () => {
          throw null;
        },
      };
      const store = createStore(weird);
      expect(store.load()).toEqual({ state: createDefaultState(), notice: 'corrupt' });
      expect(store.save(midLessonState())).toEqual({ ok: false, notice: 'unavailable' });
      expect(() => store.clear()).not.toThrow();
    });
  });

  describe('recovering from bad data', () => {
    it.each([
      ['truncated JSON', JSON.stringify(midLessonState()).slice(0, 40)],
      ['not JSON at all', 'hello'],
      ['an empty string', ''],
      ['JSON null', 'null'],
      ['a JSON string', '"{\\"v\\":1}"'],
      ['wrong types', JSON.stringify({ ...midLessonState(), lessons: [] })],
      ['a bad lesson id', JSON.stringify({ ...stateWith(), lessonId: '<img src=x onerror=alert(1)>' })],
    ])('loads defaults with corrupt from %s, and keeps the bad value aside', (_name, raw) => {
      const storage = storageHolding(raw);
      expect(createStore(storage).load()).toEqual({ state: createDefaultState(), notice: 'corrupt' });
      expect(storage.getItem(unreadableKey(KEY))).toBe(raw);
    });

    it('refuses a stored value over the size cap without parsing it', () => {
      const raw = `{"v":1,"junk":"${'x'.repeat(LIMITS.maxStateBytes)}"}`;
      expect(createStore(storageHolding(raw)).load()).toEqual({ state: createDefaultState(), notice: 'corrupt' });
    });

    it('loads defaults with newer-version from a newer app, and keeps its data aside for it', () => {
      const raw = JSON.stringify({ v: 2, progress: { everything: 'new' } });
      const storage = storageHolding(raw);
      const store = createStore(storage);
      expect(store.load()).toEqual({ state: createDefaultState(), notice: 'newer-version' });
      store.save(stateWith({ mode: 'sandbox' }));
      expect(storage.getItem(unreadableKey(KEY))).toBe(raw);
    });

    it('migrates a v0 value, writes the upgrade back, and says so only once', () => {
      const storage = storageHolding(JSON.stringify({ version: 0, lesson: '01-seed-tutorial', step: 2 }));
      const store = createStore(storage);
      const first = store.load();
      expect(first.notice).toBe('migrated');
      expect(first.state).toMatchObject({ v: 1, mode: 'lesson', lessonId: '01-seed-tutorial', lessons: { '01-seed-tutorial': { step: 2 } } });
      expect(store.load()).toEqual({ state: first.state });
    });

    it('still loads the migrated state when writing the upgrade back fails', () => {
      const raw = JSON.stringify({ version: 0, lesson: 'a', step: 1 });
      const store = createStore(failing(storageHolding(raw), { setItem: quotaError }));
      expect(store.load()).toMatchObject({ notice: 'migrated', state: { lessonId: 'a' } });
    });

    it('never throws and always yields a valid state, whatever string is stored', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (raw) => {
          const result = createStore(storageHolding(raw)).load();
          expect(validateSavedState(result.state).ok).toBe(true);
          if (result.notice !== undefined) expect(['corrupt', 'newer-version', 'migrated']).toContain(result.notice);
        }),
      );
    });

    it('never throws and always yields a valid state from any JSON shaped almost like a state', () => {
      const nearState = fc.record(
        {
          v: fc.oneof(fc.constant(1), fc.jsonValue()),
          mode: fc.oneof(fc.constantFrom('lesson', 'sandbox'), fc.jsonValue()),
          lessons: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
          sandbox: fc.oneof(fc.record({ commands: fc.array(fc.jsonValue()) }), fc.jsonValue()),
          lessonId: fc.jsonValue(),
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(nearState, (value) => {
          const result = createStore(storageHolding(JSON.stringify(value))).load();
          expect(validateSavedState(result.state).ok).toBe(true);
        }),
      );
    });
  });

  describe('saving', () => {
    it('keeps the previous good value when the storage is full', () => {
      const storage = createMemoryStorage(2_000);
      const store = createStore(storage);
      expect(store.save(midLessonState())).toEqual({ ok: true });
      const big = stateWith({ sandbox: { commands: ['x'.repeat(5_000)] } });
      expect(store.save(big)).toEqual({ ok: false, notice: 'quota' });
      expect(store.load()).toEqual({ state: midLessonState() });
    });

    it('drops the copy of an unreadable value to make room, then saves', () => {
      // Room for two values of about this size, not for three.
      const size = JSON.stringify(midLessonState()).length;
      const storage = storageHolding('x'.repeat(size - 10), 2 * size + 25);
      const store = createStore(storage);
      expect(store.load().notice).toBe('corrupt');
      expect(storage.getItem(unreadableKey(KEY))).not.toBeNull();
      expect(store.save(midLessonState())).toEqual({ ok: true });
      expect(storage.getItem(unreadableKey(KEY))).toBeNull();
      expect(store.load()).toEqual({ state: midLessonState() });
    });

    it('refuses a state over the caps as quota, and writes nothing', () => {
      const storage = createMemoryStorage();
      const store = createStore(storage);
      store.save(midLessonState());
      const tooMany = stateWith({ sandbox: { commands: Array<string>(LIMITS.maxCommands + 1).fill('ls') } });
      expect(store.save(tooMany)).toEqual({ ok: false, notice: 'quota' });
      const tooBig = stateWith({ sandbox: { commands: Array<string>(20).fill('y'.repeat(60_000)) } });
      expect(store.save(tooBig)).toEqual({ ok: false, notice: 'quota' });
      expect(store.load()).toEqual({ state: midLessonState() });
    });

    it('refuses an invalid state as invalid, and writes nothing', () => {
      const storage = createMemoryStorage();
      const store = createStore(storage);
      expect(store.save(stateWith({ lessonId: 'Not An Id' }))).toEqual({ ok: false, notice: 'invalid' });
      expect(storage.getItem(KEY)).toBeNull();
    });
  });

  it('clears progress and the unreadable copy', () => {
    const storage = storageHolding('garbage');
    const store = createStore(storage);
    store.load();
    store.clear();
    expect(storage.size).toBe(0);
    expect(store.load()).toEqual({ state: createDefaultState() });
  });
});

describe('isQuotaError', () => {
  it.each([
    [new DOMException('full', 'QuotaExceededError'), true],
    [{ name: 'NS_ERROR_DOM_QUOTA_REACHED', code: 1014 }, true],
    [{ name: 'Error', code: 22 }, true],
    [new DOMException('denied', 'SecurityError'), false],
    [new Error('QuotaExceededError'), false],
    ['QuotaExceededError', false],
    [null, false],
  ])('%s → %s', (error, expected) => {
    expect(isQuotaError(error)).toBe(expected);
  });
});

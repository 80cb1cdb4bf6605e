import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './memoryStorage.ts';
import type { SavedState } from './savedState.ts';
import { createStore } from './store.ts';
import { midLessonState } from './testFixtures.ts';

describe('createStore with runes state', () => {
  it('saves a $state proxy (as the app holds it) and loads back a plain copy', () => {
    const state = $state<SavedState>(midLessonState());
    state.sandbox.commands.push('kubectl get pods -A');
    state.lessons['02-permissive'] = { step: 1, completed: [], commands: ['ls'], predictions: [] };
    const store = createStore(createMemoryStorage());
    expect(store.save(state)).toEqual({ ok: true });
    const loaded = store.load().state;
    expect(loaded.sandbox.commands.at(-1)).toBe('kubectl get pods -A');
    expect(loaded.lessons['02-permissive']?.commands).toEqual(['ls']);
    expect(loaded).toEqual($state.snapshot(state));
  });
});

import { describe, expect, it } from 'vitest';
import { wrapInList } from './wrapInList.ts';

describe('wrapInList', () => {
  it('builds the v1 List kubectl prints around several objects', () => {
    const items = [{ kind: 'Pod' }];
    const list = wrapInList(items);
    expect(list).toEqual({ apiVersion: 'v1', items: [{ kind: 'Pod' }], kind: 'List', metadata: { resourceVersion: '' } });
    expect((list as { items: unknown }).items).not.toBe(items);
  });
});

import { describe, expect, it } from 'vitest';
import { parseResourceArgs } from './resourceArgs.ts';

const plain = { selector: false, allNamespaces: false };

describe('parseResourceArgs', () => {
  it('expands `all` and comma-separated types', () => {
    const r = parseResourceArgs(['all'], plain);
    expect(r.ok && r.requests.map((q) => q.info.kind)).toEqual(['Pod', 'Service', 'Deployment', 'ReplicaSet']);
    const two = parseResourceArgs(['po,svc'], plain);
    expect(two.ok && two.requests.map((q) => q.info.kind)).toEqual(['Pod', 'Service']);
  });

  it('implies a single item only for exactly one name', () => {
    expect(parseResourceArgs(['pod', 'a'], plain)).toMatchObject({ ok: true, singleItemImplied: true, byName: true });
    expect(parseResourceArgs(['pod', 'a', 'b'], plain)).toMatchObject({ ok: true, singleItemImplied: false });
    expect(parseResourceArgs(['pod/a'], plain)).toMatchObject({ ok: true, singleItemImplied: true });
    expect(parseResourceArgs(['pod/a', 'svc/b'], plain)).toMatchObject({ ok: true, singleItemImplied: false });
  });

  it('rejects what the builder rejects', () => {
    expect(parseResourceArgs(['pods,svc', 'a'], plain)).toEqual({ ok: false, error: 'error: you must specify only one resource' });
    expect(parseResourceArgs(['pod/a/b'], plain)).toEqual({ ok: false, error: 'error: arguments in resource/name form may not have more than one slash' });
    expect(parseResourceArgs(['nope'], plain)).toEqual({ ok: false, error: 'error: the server doesn\'t have a resource type "nope"' });
  });
});

/**
 * `read` computed once per object and kept while the object lives. For what an object says of
 * itself: objects in a world never change (a change puts a new one), so the answer never does.
 * The value is shared by every caller: treat it as read-only.
 */
export function perObject<K extends object, V>(read: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, { value: V }>();
  return (key) => {
    let hit = known.get(key);
    if (hit === undefined) {
      hit = { value: read(key) };
      known.set(key, hit);
    }
    return hit.value;
  };
}

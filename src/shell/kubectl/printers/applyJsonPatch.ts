import { type Json, isJsonObject, jsonEqual } from '../../../domain/objects.ts';

/** The API server's limit on operations in one JSON patch (apiserver handlers/patch.go `maxJSONPatchOperations`). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

export type JsonPatchResult = { ok: true; value: Json } | { ok: false; error: string };

/** RFC 6901: `/spec/ports/0`, with `~1` for `/` and `~0` for `~`. */
function decodePointer(path: string): string[] | undefined {
  if (path === '') return [];
  if (!path.startsWith('/')) return undefined;
  return path.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A deep copy, so that a failing operation never leaves a half-patched document behind. */
function clone(value: Json): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** The container (object or array) that holds the last key of `keys`, or undefined. */
function parentOf(doc: Json, keys: readonly string[]): Json | undefined {
  let current: Json | undefined = doc;
  for (const key of keys.slice(0, -1)) {
    if (Array.isArray(current)) current = /^\d+$/.test(key) ? current[Number(key)] : undefined;
    else if (isJsonObject(current)) current = Object.hasOwn(current, key) ? current[key] : undefined;
    else return undefined;
  }
  return current !== undefined && (Array.isArray(current) || isJsonObject(current)) ? current : undefined;
}

function getAt(doc: Json, keys: readonly string[]): Json | undefined {
  if (keys.length === 0) return doc;
  const parent = parentOf(doc, keys);
  const key = keys[keys.length - 1] ?? '';
  if (Array.isArray(parent)) return /^\d+$/.test(key) ? parent[Number(key)] : undefined;
  return isJsonObject(parent) && Object.hasOwn(parent, key) ? parent[key] : undefined;
}

/**
 * Applies an RFC 6902 JSON patch as gopkg.in/evanphx/json-patch.v4 does (`add`, `remove`, `replace`,
 * `move`, `copy`, `test`), with its error texts; the document is left unchanged on an error.
 */
export function applyJsonPatch(document: Json, patch: Json): JsonPatchResult {
  if (!Array.isArray(patch)) {
    const type = patch === null ? 'null' : isJsonObject(patch) ? 'object' : typeof patch === 'boolean' ? 'bool' : typeof patch;
    return { ok: false, error: `json: cannot unmarshal ${type} into Go value of type jsonpatch.Patch` };
  }
  let doc = clone(document);
  for (const op of patch) {
    const kind = isJsonObject(op) && typeof op.op === 'string' ? op.op : 'unknown';
    const pathText = isJsonObject(op) && typeof op.path === 'string' ? op.path : undefined;
    const keys = pathText === undefined ? undefined : decodePointer(pathText);
    if (!isJsonObject(op) || keys === undefined) return { ok: false, error: `${kind} operation failed to decode path: missing value` };
    const missing = (what: string) => ({ ok: false as const, error: `${what} operation does not apply: doc is missing path: "${pathText ?? ''}": missing value` });
    const value = Object.hasOwn(op, 'value') ? (op.value ?? null) : undefined;
    const key = keys[keys.length - 1] ?? '';
    switch (kind) {
      case 'add':
      case 'replace':
      case 'remove': {
        if (keys.length === 0) {
          if (kind === 'remove') return missing(kind);
          doc = clone(value ?? null);
          break;
        }
        const parent = parentOf(doc, keys);
        if (parent === undefined) return missing(kind);
        if (Array.isArray(parent)) {
          const index = key === '-' ? parent.length : /^\d+$/.test(key) ? Number(key) : NaN;
          const bound = kind === 'add' ? parent.length : parent.length - 1;
          if (!Number.isInteger(index) || index > bound || (kind !== 'add' && key === '-')) return { ok: false, error: `Unable to access invalid index: ${index}: invalid index referenced` };
          if (kind === 'add') parent.splice(index, 0, clone(value ?? null));
          else if (kind === 'replace') parent[index] = clone(value ?? null);
          else parent.splice(index, 1);
        } else if (isJsonObject(parent)) {
          if (kind !== 'add' && !Object.hasOwn(parent, key)) {
            return kind === 'remove' ? { ok: false, error: `Unable to remove nonexistent key: ${key}: missing value` } : missing(kind);
          }
          if (kind === 'remove') delete parent[key];
          else Object.defineProperty(parent, key, { value: clone(value ?? null), enumerable: true, writable: true, configurable: true });
        }
        break;
      }
      case 'move':
      case 'copy': {
        const fromKeys = typeof op.from === 'string' ? decodePointer(op.from) : undefined;
        if (fromKeys === undefined) return { ok: false, error: `${kind} operation failed to decode from: missing value` };
        const moved = getAt(doc, fromKeys);
        if (moved === undefined) return { ok: false, error: `${kind} operation does not apply: doc is missing from path: "${String(op.from)}": missing value` };
        let next = doc;
        if (kind === 'move') {
          const removed = applyJsonPatch(doc, [{ op: 'remove', path: op.from as string }]);
          if (!removed.ok) return removed;
          next = removed.value;
        }
        const added = applyJsonPatch(next, [{ op: 'add', path: pathText ?? '', value: moved }]);
        if (!added.ok) return added;
        doc = added.value;
        break;
      }
      case 'test': {
        if (!jsonEqual(getAt(doc, keys), value ?? null)) return { ok: false, error: `testing value ${pathText ?? ''} failed: test failed` };
        break;
      }
      default:
        return { ok: false, error: `Unexpected kind: ${kind}` };
    }
  }
  return { ok: true, value: doc };
}

import { type Json, type JsonObject, JqError, compareJson, compareStrings, isObject, isTruthy, jsonEquals, kindOf, sortedKeys } from './jqValue.ts';
import { formatNumber, parseOneJson, quoteString, toJsonText } from './jsonText.ts';
import type { JqNode, Pattern } from './parseJq.ts';

type Emit = (v: Json) => void;
/** A value reached by a path expression, with its path from the root (`path(f)`, `|=`, `del`). */
type PathEmit = (v: Json, path: Json[]) => void;

/** A user function or a filter argument, with the scope it was defined in. */
interface Closure {
  params: string[];
  body: JqNode;
  env: Env;
  /** A filter argument runs with the caller's input but its own definition's scope. */
  isArgument: boolean;
}

/** Variables and functions in scope: small linked lists, as programs define few of each. */
interface Env {
  vars: VarScope | undefined;
  funcs: FuncScope | undefined;
}
interface VarScope {
  name: string;
  value: Json;
  next: VarScope | undefined;
}
interface FuncScope {
  key: string;
  closure: Closure;
  next: FuncScope | undefined;
}

/** Stops a generator early (`limit`, `first`, `label`/`break`); never caught by `try`. */
class Stop {
  constructor(readonly token: object) {}
}

/** An error raised downstream of a `try` body, on its way past that `try` (see `evalTry`). */
class Downstream {
  constructor(
    readonly token: object,
    readonly inner: unknown,
  ) {}
}

/** The run went over the simulator's work budget. */
export class JqBudgetExceeded {
  constructor(readonly steps: number) {}
}

/** What a run of a program can reach: named arguments, the environment, the rest of the inputs. */
export interface JqContext {
  vars: Map<string, Json>;
  env: Map<string, string>;
  /** The next input for `input`/`inputs`, or undefined when there is none. */
  nextInput(): Json | undefined;
  /** `debug` and `stderr` write here. */
  stderr(text: string): void;
  /** Seconds since the epoch, for `now`. */
  now(): number;
}

/**
 * The builtins jq 1.7.1 has (its own `jq -n 'builtins'`), so that a name it lacks fails to compile
 * here too, even where this interpreter could run it.
 */
const JQ_BUILTINS = new Set(
  ('IN/1 IN/2 INDEX/1 INDEX/2 abs/0 add/0 all/0 all/1 all/2 any/0 any/1 any/2 arrays/0 ascii_downcase/0 ascii_upcase/0 booleans/0 ' +
    'builtins/0 capture/1 ceil/0 combinations/0 combinations/1 contains/1 debug/0 debug/1 del/1 delpaths/1 empty/0 endswith/1 env/0 ' +
    'error/0 error/1 exp/0 exp10/0 explode/0 fabs/0 finites/0 first/0 first/1 flatten/0 flatten/1 floor/0 format/1 from_entries/0 ' +
    'fromdate/0 fromdateiso8601/0 fromjson/0 getpath/1 gmtime/0 group_by/1 gsub/2 gsub/3 halt/0 halt_error/0 halt_error/1 has/1 ' +
    'implode/0 in/1 index/1 indices/1 infinite/0 input/0 input_filename/0 inputs/0 inside/1 isempty/1 isfinite/0 isinfinite/0 ' +
    'isnan/0 isnormal/0 iterables/0 match/1 match/2 capture/2 scan/1 split/2 join/1 keys/0 keys_unsorted/0 last/0 last/1 length/0 limit/2 log/0 log10/0 log2/0 ltrimstr/1 ' +
    'map/1 map_values/1 max/0 max_by/1 min/0 min_by/1 mktime/0 nan/0 normals/0 not/0 now/0 nth/1 nth/2 nulls/0 numbers/0 ' +
    'objects/0 path/1 paths/0 paths/1 pick/1 pow/2 range/1 range/2 range/3 recurse/0 recurse/1 recurse/2 repeat/1 reverse/0 ' +
    'rindex/1 round/0 rtrimstr/1 scalars/0 select/1 setpath/2 significand/0 sort/0 sort_by/1 split/1 splits/1 sqrt/0 ' +
    'startswith/1 stderr/0 strftime/1 strings/0 sub/2 sub/3 test/1 test/2 to_entries/0 todate/0 todateiso8601/0 tojson/0 ' +
    'tonumber/0 tostream/0 tostring/0 transpose/0 trunc/0 type/0 unique/0 unique_by/1 until/2 utf8bytelength/0 values/0 walk/1 ' +
    'while/2 with_entries/1').split(' '),
);

/** Work budget: emitted values and loop turns in one run. */
export const MAX_STEPS = 5_000_000;

/** `Cannot iterate over number (5)`: jq shows at most 11 characters of a value, then `...`. */
export function truncated(v: Json, size = 15): string {
  const text = toJsonText(v);
  if (text.length <= size - 1) return text;
  return `${text.slice(0, size - 4)}...`;
}

function typeError(v: Json, msg: string): JqError {
  return new JqError(`${kindOf(v)} (${truncated(v)}) ${msg}`);
}

function typeError2(a: Json, b: Json, msg: string): JqError {
  return new JqError(`${kindOf(a)} (${truncated(a)}) and ${kindOf(b)} (${truncated(b)}) ${msg}`);
}

/** `.[k]` on a value, with jq 1.7.1's errors (src/jv_aux.c jv_get). */
export function indexValue(t: Json, k: Json): Json {
  if (isObject(t) && typeof k === 'string') return Object.prototype.hasOwnProperty.call(t, k) ? t[k]! : null;
  if (Array.isArray(t) && typeof k === 'number') {
    if (Number.isNaN(k)) return null;
    let i = Math.floor(k);
    if (i < 0) i += t.length;
    return i >= 0 && i < t.length ? t[i]! : null;
  }
  if (Array.isArray(t) && Array.isArray(k)) return indicesOf(t, k);
  if (t === null && (typeof k === 'string' || typeof k === 'number' || isObject(k))) return null;
  if (isObject(k) && (Array.isArray(t) || typeof t === 'string')) return sliceValue(t, k.start ?? null, k.end ?? null);
  if (typeof k === 'string' && Buffer_byteLength(k) < 30) return raise(`Cannot index ${kindOf(t)} with string "${k}"`);
  return raise(`Cannot index ${kindOf(t)} with ${kindOf(k)}`);
}

function Buffer_byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

function raise(message: string): never {
  throw new JqError(message);
}

function indicesOf(t: Json[], k: Json[]): Json {
  if (k.length === 0) return null;
  const out: number[] = [];
  for (let i = 0; i + k.length <= t.length; i++) {
    let ok = true;
    for (let j = 0; j < k.length && ok; j++) ok = jsonEquals(t[i + j]!, k[j]!);
    if (ok) out.push(i);
  }
  return out;
}

function sliceIndices(length: number, from: Json, to: Json): [number, number] {
  if ((from !== null && typeof from !== 'number') || (to !== null && typeof to !== 'number')) raise('Array/string slice indices must be integers');
  let start = from === null ? 0 : (from as number);
  let end = to === null ? length : (to as number);
  if (start < 0) start += length;
  if (end < 0) end += length;
  start = Math.max(0, Math.min(length, Math.floor(start)));
  end = Math.max(0, Math.min(length, Math.ceil(end)));
  if (end < start) end = start;
  return [start, end];
}

function sliceValue(t: Json, from: Json, to: Json): Json {
  if (t === null) return null;
  if (typeof t === 'string') {
    const cps = [...t];
    const [s, e] = sliceIndices(cps.length, from, to);
    return cps.slice(s, e).join('');
  }
  if (Array.isArray(t)) {
    const [s, e] = sliceIndices(t.length, from, to);
    return t.slice(s, e);
  }
  return raise('Cannot index ' + kindOf(t) + ' with object');
}

function add(a: Json, b: Json): Json {
  if (a === null) return b;
  if (b === null) return a;
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
  if (isObject(a) && isObject(b)) return { ...a, ...b };
  throw typeError2(a, b, 'cannot be added');
}

function deepMerge(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const k of Object.keys(b)) {
    const x = out[k];
    const y = b[k]!;
    out[k] = x !== undefined && isObject(x) && isObject(y) ? deepMerge(x, y) : y;
  }
  return out;
}

function arith(op: string, a: Json, b: Json): Json {
  switch (op) {
    case '+':
      return add(a, b);
    case '-':
      if (typeof a === 'number' && typeof b === 'number') return a - b;
      if (Array.isArray(a) && Array.isArray(b)) return a.filter((x) => !b.some((y) => jsonEquals(x, y)));
      throw typeError2(a, b, 'cannot be subtracted');
    case '*':
      if (typeof a === 'number' && typeof b === 'number') return a * b;
      if ((typeof a === 'string' && typeof b === 'number') || (typeof a === 'number' && typeof b === 'string')) {
        const s = (typeof a === 'string' ? a : b) as string;
        const n = (typeof a === 'number' ? a : b) as number;
        if (n < 0 || Number.isNaN(n)) return null;
        // jq 1.7.1 repeats floor(n) times: 0 and 0.5 give "", 2.5 gives two copies.
        const times = Math.floor(n);
        if (s.length * times > 8 * 1024 * 1024) raise('Repeat string result too long');
        return s.repeat(times);
      }
      if (isObject(a) && isObject(b)) return deepMerge(a, b);
      throw typeError2(a, b, 'cannot be multiplied');
    case '/':
      if (typeof a === 'number' && typeof b === 'number') {
        if (b === 0) throw typeError2(a, b, 'cannot be divided because the divisor is zero');
        return a / b;
      }
      if (typeof a === 'string' && typeof b === 'string') return splitString(a, b);
      throw typeError2(a, b, 'cannot be divided');
    case '%': {
      if (typeof a === 'number' && typeof b === 'number') {
        const x = Math.trunc(a);
        const y = Math.trunc(b);
        if (y === 0) throw typeError2(a, b, 'cannot be divided (remainder) because the divisor is zero');
        const r = x % Math.abs(y);
        return r === 0 ? 0 : r;
      }
      throw typeError2(a, b, 'cannot be divided (remainder)');
    }
    case '==':
      return jsonEquals(a, b);
    case '!=':
      return !jsonEquals(a, b);
    case '<':
      return compareJson(a, b) < 0;
    case '<=':
      return compareJson(a, b) <= 0;
    case '>':
      return compareJson(a, b) > 0;
    default:
      return compareJson(a, b) >= 0;
  }
}

function splitString(s: string, sep: string): Json {
  if (s === '') return [];
  if (sep === '') return [...s];
  return s.split(sep);
}

function lengthOf(v: Json): Json {
  if (v === null) return 0;
  if (typeof v === 'boolean') throw typeError(v, 'has no length');
  if (typeof v === 'number') return Math.abs(v);
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  return Object.keys(v).length;
}

function keysOf(v: Json, sorted: boolean): Json {
  if (isObject(v)) return sorted ? sortedKeys(v) : Object.keys(v);
  if (Array.isArray(v)) return v.map((_, i) => i);
  throw typeError(v, 'has no keys');
}

function hasKey(v: Json, k: Json): Json {
  if (isObject(v) && typeof k === 'string') return Object.prototype.hasOwnProperty.call(v, k);
  if (Array.isArray(v) && typeof k === 'number') return k >= 0 && k < v.length;
  return raise(`Cannot check whether ${kindOf(v)} has a ${kindOf(k)} key`);
}

function contains(a: Json, b: Json): boolean {
  if (isObject(a) && isObject(b)) return Object.keys(b).every((k) => Object.prototype.hasOwnProperty.call(a, k) && contains(a[k]!, b[k]!));
  if (Array.isArray(a) && Array.isArray(b)) return b.every((y) => a.some((x) => contains(x, y)));
  if (typeof a === 'string' && typeof b === 'string') return a.includes(b);
  if (kindOf(a) === kindOf(b)) return jsonEquals(a, b);
  throw typeError2(a, b, 'cannot have their containment checked');
}

function toNumber(v: Json): Json {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    // jq parses the string as JSON text (src/builtin.c f_tonumber).
    const parsed = parseOneJson(v);
    if ('error' in parsed) raise(`${parsed.error} (while parsing '${v}')`);
    if (typeof parsed.value === 'number') return parsed.value;
  }
  throw typeError(v, 'cannot be parsed as a number');
}

function toStringValue(v: Json): string {
  return typeof v === 'string' ? v : toJsonText(v);
}

function getPath(v: Json, path: Json): Json {
  if (!Array.isArray(path)) raise('Path must be specified as an array');
  let cur = v;
  for (const k of path) {
    if (cur === null) return null;
    cur = isObject(k) ? sliceValue(cur, k.start ?? null, k.end ?? null) : indexValue(cur, k);
  }
  return cur;
}

function setPath(v: Json, path: Json[], value: Json, at = 0): Json {
  if (at >= path.length) return value;
  const k = path[at]!;
  if (typeof k === 'string') {
    if (v !== null && !isObject(v)) raise(`Cannot index ${kindOf(v)} with "${k}"`);
    const obj: JsonObject = v === null ? {} : { ...v };
    obj[k] = setPath(obj[k] ?? null, path, value, at + 1);
    return obj;
  }
  if (typeof k === 'number') {
    if (v !== null && !Array.isArray(v)) raise(`Cannot index ${kindOf(v)} with number`);
    const arr: Json[] = v === null ? [] : v.slice();
    let i = Math.floor(k);
    if (i < 0) {
      i += arr.length;
      if (i < 0) raise('Out of bounds negative array index');
    }
    if (i > 100_000_000) raise('Array index too large');
    while (arr.length < i) arr.push(null);
    arr[i] = setPath(arr[i] ?? null, path, value, at + 1);
    return arr;
  }
  if (isObject(k)) {
    if (v !== null && !Array.isArray(v)) raise('Cannot update field at object index of ' + kindOf(v));
    const arr: Json[] = v === null ? [] : v;
    const [s, e] = sliceIndices(arr.length, k.start ?? null, k.end ?? null);
    const inner = setPath(arr.slice(s, e), path, value, at + 1);
    if (!Array.isArray(inner)) raise('A slice of an array can only be assigned another array');
    return [...arr.slice(0, s), ...inner, ...arr.slice(e)];
  }
  return raise(`Cannot update field at ${kindOf(k)} index of ${kindOf(v)}`);
}

function deletePaths(v: Json, paths: Json[][]): Json {
  // Longest paths first, and later indices before earlier ones, so deletions do not shift each other.
  const sorted = paths.slice().sort((a, b) => compareJson(b, a));
  let out = v;
  for (const p of sorted) out = deletePath(out, p, 0);
  return out;
}

function deletePath(v: Json, path: Json[], at: number): Json {
  if (v === null) return null;
  const k = path[at]!;
  const last = at === path.length - 1;
  if (typeof k === 'string') {
    if (!isObject(v)) raise(`Cannot delete field at object index of ${kindOf(v)}`);
    if (!Object.prototype.hasOwnProperty.call(v, k)) return v;
    const obj = { ...v };
    if (last) delete obj[k];
    else obj[k] = deletePath(obj[k]!, path, at + 1);
    return obj;
  }
  if (typeof k === 'number') {
    if (!Array.isArray(v)) raise(`Cannot delete field at index of ${kindOf(v)}`);
    let i = Math.floor(k);
    if (i < 0) i += v.length;
    if (i < 0 || i >= v.length) return v;
    const arr = v.slice();
    if (last) arr.splice(i, 1);
    else arr[i] = deletePath(arr[i]!, path, at + 1);
    return arr;
  }
  if (isObject(k) && Array.isArray(v)) {
    const [s, e] = sliceIndices(v.length, k.start ?? null, k.end ?? null);
    if (last) return [...v.slice(0, s), ...v.slice(e)];
    const inner = deletePath(v.slice(s, e), path, at + 1);
    return [...v.slice(0, s), ...(inner as Json[]), ...v.slice(e)];
  }
  return raise(`Cannot delete field at ${kindOf(k)} index of ${kindOf(v)}`);
}

const FORMATS = new Set(['text', 'json', 'html', 'uri', 'csv', 'tsv', 'sh', 'base64', 'base64d', 'base32', 'base32d']);

function utf8Encode(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function base64Encode(s: string): string {
  const bytes = utf8Encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function base64Decode(v: string): string {
  const clean = v.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean)) throw typeError(v, 'is not valid base64 data');
  if (clean.length % 4 === 1) throw typeError(v, 'trailing base64 byte found');
  const padded = clean + '='.repeat((4 - (clean.length % 4)) % 4);
  const bin = atob(padded);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** `@name`: jq's output formats (src/builtin.c f_format). */
export function applyFormat(name: string, v: Json): string {
  switch (name) {
    case 'text':
      return toStringValue(v);
    case 'json':
      return toJsonText(v);
    case 'html':
      return toStringValue(v).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]!);
    case 'uri':
      return [...utf8Encode(toStringValue(v))]
        .map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
        .join('');
    case 'csv':
    case 'tsv': {
      if (!Array.isArray(v)) throw typeError(v, `cannot be ${name}-formatted, only an array can be`);
      return v
        .map((x) => {
          if (typeof x === 'number') return formatNumber(x);
          if (typeof x === 'boolean') return String(x);
          if (x === null) return '';
          if (typeof x === 'string') {
            if (name === 'csv') return `"${x.replace(/"/g, '""')}"`;
            return x.replace(/[\\\t\r\n]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\r': '\\r', '\n': '\\n' })[c]!);
          }
          throw typeError(x, `is not valid in a csv row`);
        })
        .join(name === 'csv' ? ',' : '\t');
    }
    case 'sh': {
      const quote = (x: Json): string => {
        if (typeof x === 'string') return `'${x.replace(/'/g, "'\\''")}'`;
        if (Array.isArray(x) || isObject(x)) throw typeError(x, 'can not be escaped for shell');
        return toJsonText(x);
      };
      return Array.isArray(v) ? v.map(quote).join(' ') : quote(v);
    }
    case 'base64':
      return base64Encode(toStringValue(v));
    case 'base64d':
      return base64Decode(toStringValue(v));
    default:
      throw typeError(name, 'is not a valid format');
  }
}

function explode(s: string): number[] {
  return [...s].map((c) => c.codePointAt(0)!);
}

function implode(v: Json): string {
  if (!Array.isArray(v)) throw typeError(v, 'cannot be imploded, must be an array of codepoints');
  return v
    .map((c) => {
      if (typeof c !== 'number') throw typeError(c, "can't be imploded, unicode codepoint needs to be numeric");
      const n = Math.trunc(c);
      return String.fromCodePoint(n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff) ? 0xfffd : n);
    })
    .join('');
}

/** ISO 8601 `2024-01-02T03:04:05Z` to seconds, as `fromdateiso8601` does (strptime + timegm). */
function fromDateIso(v: Json): number {
  if (typeof v !== 'string') return raise('strptime/1 requires string inputs and arguments');
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(v);
  if (!m) return raise(`date "${v}" does not match format "%Y-%m-%dT%H:%M:%SZ"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000;
}

function toDateIso(v: Json): string {
  if (typeof v !== 'number') return raise('strftime/1 requires parsed datetime inputs');
  const d = new Date(Math.floor(v) * 1000);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Native builtins by `name/arity`: `args` are the argument filters, evaluated by the interpreter. */
type Native = (input: Json, args: JqNode[], env: Env, emit: Emit, run: Interpreter) => void;

/** Builtins written in jq itself, as in jq's src/builtin.jq (the subset this interpreter supports). */
const PRELUDE = `
def values: select(. != null);
def nulls: select(. == null);
def booleans: select(type == "boolean");
def numbers: select(type == "number");
def strings: select(type == "string");
def arrays: select(type == "array");
def objects: select(type == "object");
def iterables: select(type|. == "array" or . == "object");
def scalars: select(type|. != "array" and . != "object");
def error(msg): msg | error;
def range($x): range(0; $x);
def map_values(f): .[] |= f;
def recurse(f; cond): def r: ., (f | select(cond) | r); r;
def from_entries: reduce .[] as $x ({}; . + { ($x | if type == "object" then (if has("key") then .key elif has("k") then .k elif has("name") then .name elif has("Name") then .Name elif has("Key") then .Key elif has("K") then .K else null end) else . end | if type == "string" then . elif type == "null" then "null" elif type == "boolean" or type == "number" then tojson else . end): ($x | if type == "object" then (if has("value") then .value elif has("v") then .v elif has("Value") then .Value else null end) else null end) });
def with_entries(f): to_entries | map(f) | from_entries;
def index($i): indices($i) | .[0];
def rindex($i): indices($i) | .[-1:][0];
def isfinite: type == "number" and (isinfinite | not);
def finites: select(isfinite);
def normals: select(isnormal);
def paths(node_filter): path(..|select(node_filter))|select(length > 0);
def del(f): delpaths([path(f)]);
def in(xs): . as $x | xs | has($x);
def inside(xs): . as $x | xs | contains($x);
def combinations: if length == 0 then [] else .[0][] as $x | (.[1:] | combinations) as $y | [$x] + $y end;
def combinations(n): . as $dot | [range(n) | $dot] | combinations;
def walk(f): def w: if type == "object" then map_values(w) elif type == "array" then map(w) else . end | f; w;
def first: .[0];
def last: .[-1];
def nth($n): .[$n];
def until(cond; next): def _until: if cond then . else (next|_until) end; _until;
def while(cond; update): def _while: if cond then ., (update | _while) else empty end; _while;
def repeat(exp): def _repeat: exp, _repeat; _repeat;
def halt_error: halt_error(5);
def abs: if type == "number" and . < 0 then - . else . end;
def pick(pathexps): . as $in | reduce path(pathexps) as $a (null; setpath($a; $in|getpath($a)));
def debug(msgs): (msgs | debug | empty), .;
def join($x): reduce .[] as $i (null; (if . == null then "" else . + $x end) + ($i | if type == "boolean" or type == "number" then tojson else . // "" end)) // "";
def flatten: flatten(1e9);
def unique_by(f): [group_by(f)[] | .[0]];
def unique: unique_by(.);
def max_by(f): if length == 0 then null else (map([f]) as $keys | reduce range(1; length) as $i (0; if $keys[$i] >= $keys[.] then $i else . end) as $best | .[$best]) end;
def min_by(f): if length == 0 then null else (map([f]) as $keys | reduce range(1; length) as $i (0; if $keys[$i] < $keys[.] then $i else . end) as $best | .[$best]) end;
def max: max_by(.);
def min: min_by(.);
def all(generator; condition): isempty(generator|condition and empty);
def any(generator; condition): isempty(generator|condition or empty)|not;
def all(condition): all(.[]; condition);
def any(condition): any(.[]; condition);
def all: all(.[]; .);
def any: any(.[]; .);
def last(g): reduce g as $item (null; $item);
def nth($n; g): if $n < 0 then error("nth doesn't support negative indices") else label $out | foreach g as $item ($n + 1; . - 1; if . <= 0 then $item, break $out else empty end) end;
def INDEX(stream; idx_expr): reduce stream as $row ({}; .[$row|idx_expr|tostring] |= $row);
def INDEX(idx_expr): INDEX(.[]; idx_expr);
def IN(s): any(s == .; .);
def IN(src; s): any(src == s; .);
def env: $ENV;
def todate: todateiso8601;
def fromdate: fromdateiso8601;
`;

/** Evaluates parsed jq programs. One instance per run: it counts the run's steps. */
export class Interpreter {
  steps = 0;
  private readonly natives: Map<string, Native>;

  constructor(readonly ctx: JqContext) {
    this.natives = createNatives();
  }

  /** Every `name/arity` the program can call without defining it. */
  static builtinNames(): Set<string> {
    return new Set([...createNatives().keys(), ...preludeNames()].filter((k) => JQ_BUILTINS.has(k)));
  }

  tick(): void {
    this.steps += 1;
    if (this.steps > MAX_STEPS) throw new JqBudgetExceeded(this.steps);
  }

  /** Runs `program` (the user's program, already resolved) on one input. */
  run(program: JqNode, input: Json, env: Env, emit: Emit): void {
    this.ev(program, input, env, emit);
  }

  /** The scope a program starts in: `$ENV`, `--arg` variables, `$ARGS`, and the builtins written in jq. */
  rootEnv(): Env {
    let vars: VarScope | undefined;
    const envObject: JsonObject = {};
    for (const [k, v] of this.ctx.env) envObject[k] = v;
    vars = { name: 'ENV', value: envObject, next: vars };
    const named: JsonObject = {};
    for (const [name, value] of this.ctx.vars) {
      vars = { name, value, next: vars };
      named[name] = value;
    }
    vars = { name: '__prog_args', value: [], next: vars };
    if (!this.ctx.vars.has('ARGS')) vars = { name: 'ARGS', value: { positional: [], named }, next: vars };
    let funcs: FuncScope | undefined;
    let node: JqNode = preludeAst();
    // Prelude definitions see each other in order, as nested `def … ;` do.
    while (node.kind === 'def') {
      const closure: Closure = { params: node.params, body: node.body, env: { vars, funcs }, isArgument: false };
      funcs = { key: `${node.name}/${node.params.length}`, closure, next: funcs };
      closure.env.funcs = funcs;
      node = node.rest;
    }
    return { vars, funcs };
  }

  ev(node: JqNode, input: Json, env: Env, emit: Emit): void {
    switch (node.kind) {
      case 'identity':
        return emit(input);
      case 'recurseDefault':
        return this.recurseAll(input, emit);
      case 'literal':
        return emit(node.value);
      case 'string':
        return this.evalString(node.parts, node.format, 0, '', input, env, emit);
      case 'format':
        return emit(applyFormat(node.name, input));
      case 'index':
        return this.ev(node.key, input, env, (k) => this.ev(node.target, input, env, (t) => emit(indexValue(t, k))));
      case 'slice':
        return this.evOptional(node.to, input, env, (to) =>
          this.evOptional(node.from, input, env, (from) => this.ev(node.target, input, env, (t) => emit(sliceValue(t, from, to)))),
        );
      case 'iterate':
        return this.ev(node.target, input, env, (t) => this.iterate(t, emit));
      case 'try':
        return this.evalTry(node.body, node.handler, input, env, emit);
      case 'pipe':
        return this.ev(node.left, input, env, (v) => this.ev(node.right, v, env, emit));
      case 'comma':
        this.ev(node.left, input, env, emit);
        return this.ev(node.right, input, env, emit);
      case 'neg':
        return this.ev(node.body, input, env, (v) => {
          if (typeof v !== 'number') throw typeError(v, 'cannot be negated');
          emit(-v);
        });
      case 'binary':
        return this.ev(node.right, input, env, (b) => this.ev(node.left, input, env, (a) => emit(arith(node.op, a, b))));
      case 'and':
      case 'or':
        return this.ev(node.left, input, env, (a) => {
          if (node.kind === 'and' && !isTruthy(a)) return emit(false);
          if (node.kind === 'or' && isTruthy(a)) return emit(true);
          this.ev(node.right, input, env, (b) => emit(isTruthy(b)));
        });
      case 'alt':
        return this.evalAlternative(node.left, node.right, input, env, emit);
      case 'assign':
        return this.evalAssign(node, input, env, emit);
      case 'array': {
        const items: Json[] = [];
        if (node.body)
          this.ev(node.body, input, env, (v) => {
            this.tick();
            items.push(v);
          });
        return emit(items);
      }
      case 'object':
        return this.evalObject(node.entries, 0, {}, input, env, emit);
      case 'var':
        return emit(lookupVar(env, node.name));
      case 'call':
        return this.call(node, input, env, emit);
      case 'if':
        return this.ev(node.cond, input, env, (c) => {
          if (isTruthy(c)) this.ev(node.then, input, env, emit);
          else if (node.else) this.ev(node.else, input, env, emit);
          else emit(input);
        });
      case 'reduce':
        return this.ev(node.init, input, env, (init) => {
          // An update with no output makes the accumulator null (jq 1.7), and the last output wins.
          let acc: Json = init;
          this.ev(node.source, input, env, (item) => {
            this.tick();
            this.bind(node.pattern, item, env, (scope) => {
              let last: Json = null;
              this.ev(node.update, acc, scope, (v) => {
                last = v;
              });
              acc = last;
            });
          });
          emit(acc);
        });
      case 'foreach':
        return this.ev(node.init, input, env, (init) => {
          let acc: Json = init;
          this.ev(node.source, input, env, (item) => {
            this.tick();
            this.bind(node.pattern, item, env, (scope) => {
              this.ev(node.update, acc, scope, (v) => {
                acc = v;
                if (node.extract) this.ev(node.extract, v, scope, emit);
                else emit(v);
              });
            });
          });
        });
      case 'as':
        return this.ev(node.source, input, env, (v) => {
          this.bindAlternatives(node.patterns, 0, v, env, (scope) => this.ev(node.body, input, scope, emit));
        });
      case 'def': {
        const scope: Env = { vars: env.vars, funcs: env.funcs };
        const closure: Closure = { params: node.params, body: node.body, env: scope, isArgument: false };
        scope.funcs = { key: `${node.name}/${node.params.length}`, closure, next: env.funcs };
        return this.ev(node.rest, input, scope, emit);
      }
      case 'label': {
        const token = {};
        const scope: Env = { vars: { name: `*label*${node.name}`, value: null, next: env.vars }, funcs: env.funcs };
        labelTokens.set(scope.vars!, token);
        try {
          this.ev(node.body, input, scope, emit);
        } catch (e) {
          if (e instanceof Stop && e.token === token) return;
          throw e;
        }
        return;
      }
      case 'break': {
        for (let s = env.vars; s; s = s.next) {
          if (s.name === `*label*${node.name}`) throw new Stop(labelTokens.get(s)!);
        }
        return raise(`$*label-${node.name} is not defined`);
      }
    }
  }

  private evOptional(node: JqNode | undefined, input: Json, env: Env, emit: Emit): void {
    if (node === undefined) emit(null);
    else this.ev(node, input, env, emit);
  }

  iterate(t: Json, emit: Emit): void {
    if (Array.isArray(t)) {
      for (const v of t) {
        this.tick();
        emit(v);
      }
    } else if (isObject(t)) {
      for (const k of Object.keys(t)) {
        this.tick();
        emit(t[k]!);
      }
    } else throw iterateError(t);
  }

  /** `..`: every value, depth first, parents before children; walked with a stack, not recursion. */
  private recurseAll(input: Json, emit: Emit): void {
    const stack: Json[] = [input];
    while (stack.length > 0) {
      this.tick();
      const v = stack.pop()!;
      emit(v);
      if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]!);
      else if (isObject(v)) {
        const keys = Object.keys(v);
        for (let i = keys.length - 1; i >= 0; i--) stack.push(v[keys[i]!]!);
      }
    }
  }

  /**
   * `try body catch handler`: errors raised by `body` are caught, but not errors raised by what
   * consumes body's outputs (later in the pipeline): those are wrapped on the way out through this
   * try's own `emit`, and unwrapped when they come back to it.
   */
  private evalTry(body: JqNode, handler: JqNode | undefined, input: Json, env: Env, emit: Emit): void {
    const token = {};
    try {
      this.ev(body, input, env, (v) => {
        try {
          emit(v);
        } catch (e) {
          throw new Downstream(token, e);
        }
      });
    } catch (e) {
      if (e instanceof Downstream && e.token === token) throw e.inner;
      if (!(e instanceof JqError)) throw e;
      if (handler) this.ev(handler, e.value, env, emit);
    }
  }

  /** `a // b`: a's truthy outputs, or b's if there are none. Errors in `a` are not caught (jq 1.7.1). */
  private evalAlternative(left: JqNode, right: JqNode, input: Json, env: Env, emit: Emit): void {
    let any = false;
    this.ev(left, input, env, (v) => {
      if (!isTruthy(v)) return;
      any = true;
      emit(v);
    });
    if (!any) this.ev(right, input, env, emit);
  }

  private evalString(parts: (string | JqNode)[], format: string | undefined, i: number, prefix: string, input: Json, env: Env, emit: Emit): void {
    if (i >= parts.length) return emit(prefix);
    const part = parts[i]!;
    if (typeof part === 'string') return this.evalString(parts, format, i + 1, prefix + part, input, env, emit);
    this.ev(part, input, env, (v) => {
      const text = format === undefined ? toStringValue(v) : applyFormat(format, v);
      this.evalString(parts, format, i + 1, prefix + text, input, env, emit);
    });
  }

  private evalObject(entries: { key: JqNode; value: JqNode }[], i: number, acc: JsonObject, input: Json, env: Env, emit: Emit): void {
    if (i >= entries.length) return emit(acc);
    const entry = entries[i]!;
    this.ev(entry.key, input, env, (k) => {
      if (typeof k !== 'string') throw new JqError(`Object keys must be strings`);
      this.ev(entry.value, input, env, (v) => {
        this.evalObject(entries, i + 1, { ...acc, [k]: v }, input, env, emit);
      });
    });
  }

  private bindAlternatives(patterns: Pattern[], i: number, v: Json, env: Env, body: (scope: Env) => void): void {
    if (patterns.length === 1) return this.bind(patterns[0]!, v, env, body);
    // `?//`: try each pattern in turn; every variable of every pattern is bound (null if absent).
    const all = new Set<string>();
    for (const p of patterns) collectPatternVars(p, all);
    let base = env;
    for (const name of all) base = { vars: { name, value: null, next: base.vars }, funcs: base.funcs };
    try {
      this.bind(patterns[i]!, v, base, body);
    } catch (e) {
      if (!(e instanceof JqError) || i + 1 >= patterns.length) throw e;
      this.bindAlternatives(patterns, i + 1, v, env, body);
    }
  }

  /** Binds a destructuring pattern; a pattern with computed keys may bind several ways. */
  bind(pattern: Pattern, v: Json, env: Env, body: (scope: Env) => void): void {
    if (pattern.kind === 'var') return body({ vars: { name: pattern.name, value: v, next: env.vars }, funcs: env.funcs });
    if (pattern.kind === 'array') {
      if (v !== null && !Array.isArray(v)) raise(`Cannot index ${kindOf(v)} with number`);
      const step = (i: number, scope: Env): void => {
        if (i >= pattern.items.length) return body(scope);
        this.bind(pattern.items[i]!, indexValue(v, i), scope, (next) => step(i + 1, next));
      };
      return step(0, env);
    }
    const step = (i: number, scope: Env): void => {
      if (i >= pattern.entries.length) return body(scope);
      const entry = pattern.entries[i]!;
      const withKey = (key: Json) => {
        if (typeof key !== 'string') raise(`Cannot index ${kindOf(v)} with ${kindOf(key)}`);
        const value = indexValue(v, key);
        let next = scope;
        if (entry.keyVar !== undefined) next = { vars: { name: entry.keyVar, value, next: next.vars }, funcs: next.funcs };
        if (entry.value) this.bind(entry.value, value, next, (inner) => step(i + 1, inner));
        else step(i + 1, next);
      };
      if (typeof entry.key === 'string') withKey(entry.key);
      else this.ev(entry.key, v, scope, withKey);
    };
    step(0, env);
  }

  private call(node: Extract<JqNode, { kind: 'call' }>, input: Json, env: Env, emit: Emit): void {
    const key = `${node.name}/${node.args.length}`;
    for (let f = env.funcs; f; f = f.next) {
      if (f.key !== key) continue;
      this.tick();
      const closure = f.closure;
      if (closure.isArgument) return this.ev(closure.body, input, closure.env, emit);
      return this.callClosure(closure, node.args, input, env, emit);
    }
    const native = this.natives.get(key);
    if (native) return native(input, node.args, env, emit, this);
    return raise(`${key} is not defined`);
  }

  private callClosure(closure: Closure, args: JqNode[], input: Json, callerEnv: Env, emit: Emit): void {
    // The body runs in the definition's scope, plus itself (for recursion) and its parameters.
    let scope: Env = { vars: closure.env.vars, funcs: closure.env.funcs };
    const valueParams: { name: string; node: JqNode }[] = [];
    closure.params.forEach((param, i) => {
      const arg = args[i]!;
      const name = param.startsWith('$') ? param.slice(1) : param;
      scope = { vars: scope.vars, funcs: { key: `${name}/0`, closure: { params: [], body: arg, env: callerEnv, isArgument: true }, next: scope.funcs } };
      if (param.startsWith('$')) valueParams.push({ name, node: arg });
    });
    const bindValues = (i: number, s: Env): void => {
      if (i >= valueParams.length) return this.ev(closure.body, input, s, emit);
      const { name, node } = valueParams[i]!;
      this.ev(node, input, callerEnv, (v) => bindValues(i + 1, { vars: { name, value: v, next: s.vars }, funcs: s.funcs }));
    };
    bindValues(0, scope);
  }

  /** Evaluates an argument filter of a native builtin. */
  arg(args: JqNode[], i: number, input: Json, env: Env, emit: Emit): void {
    this.ev(args[i]!, input, env, emit);
  }

  // ---- paths -------------------------------------------------------------------------------------

  /** Evaluates `node` as a path expression: each output with its path from the root. */
  paths(node: JqNode, value: Json, path: Json[], env: Env, emit: PathEmit): void {
    switch (node.kind) {
      case 'identity':
        return emit(value, path);
      case 'recurseDefault': {
        const stack: { v: Json; p: Json[] }[] = [{ v: value, p: path }];
        while (stack.length > 0) {
          this.tick();
          const { v, p } = stack.pop()!;
          emit(v, p);
          if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i]!, p: [...p, i] });
          else if (isObject(v)) {
            const keys = Object.keys(v);
            for (let i = keys.length - 1; i >= 0; i--) stack.push({ v: v[keys[i]!]!, p: [...p, keys[i]!] });
          }
        }
        return;
      }
      case 'index':
        return this.ev(node.key, value, env, (k) =>
          this.paths(node.target, value, path, env, (t, p) => {
            if (t === null && typeof k !== 'string' && typeof k !== 'number' && !isObject(k)) indexValue(t, k);
            emit(isObject(k) ? sliceValue(t, k.start ?? null, k.end ?? null) : indexValue(t, k), [...p, k]);
          }),
        );
      case 'slice':
        return this.evOptional(node.to, value, env, (to) =>
          this.evOptional(node.from, value, env, (from) =>
            this.paths(node.target, value, path, env, (t, p) => emit(sliceValue(t, from, to), [...p, { start: from, end: to }])),
          ),
        );
      case 'iterate':
        return this.paths(node.target, value, path, env, (t, p) => {
          if (Array.isArray(t)) t.forEach((v, i) => emit(v, [...p, i]));
          else if (isObject(t)) for (const k of Object.keys(t)) emit(t[k]!, [...p, k]);
          else throw iterateError(t);
        });
      case 'pipe':
        return this.paths(node.left, value, path, env, (v, p) => this.paths(node.right, v, p, env, emit));
      case 'comma':
        this.paths(node.left, value, path, env, emit);
        return this.paths(node.right, value, path, env, emit);
      case 'try': {
        const token = {};
        try {
          this.paths(node.body, value, path, env, (v, p) => {
            try {
              emit(v, p);
            } catch (e) {
              throw new Downstream(token, e);
            }
          });
        } catch (e) {
          if (e instanceof Downstream && e.token === token) throw e.inner;
          if (!(e instanceof JqError)) throw e;
          if (node.handler) this.ev(node.handler, e.value, env, () => raise('Invalid path expression'));
        }
        return;
      }
      case 'if':
        return this.ev(node.cond, value, env, (c) => {
          if (isTruthy(c)) this.paths(node.then, value, path, env, emit);
          else if (node.else) this.paths(node.else, value, path, env, emit);
          else emit(value, path);
        });
      case 'alt': {
        let any = false;
        this.paths(node.left, value, path, env, (v, p) => {
          if (isTruthy(v)) {
            any = true;
            emit(v, p);
          }
        });
        if (!any) this.paths(node.right, value, path, env, emit);
        return;
      }
      case 'as':
        return this.ev(node.source, value, env, (v) =>
          this.bindAlternatives(node.patterns, 0, v, env, (scope) => this.paths(node.body, value, path, scope, emit)),
        );
      case 'reduce': {
        return this.paths(node.init, value, path, env, (initV, initP) => {
          let acc = { v: initV, p: initP };
          this.ev(node.source, value, env, (item) => {
            this.bind(node.pattern, item, env, (scope) => {
              let last: { v: Json; p: Json[] } | undefined;
              this.paths(node.update, acc.v, acc.p, scope, (v, p) => {
                last = { v, p };
              });
              if (last) acc = last;
            });
          });
          emit(acc.v, acc.p);
        });
      }
      case 'def': {
        const scope: Env = { vars: env.vars, funcs: env.funcs };
        const closure: Closure = { params: node.params, body: node.body, env: scope, isArgument: false };
        scope.funcs = { key: `${node.name}/${node.params.length}`, closure, next: env.funcs };
        return this.paths(node.rest, value, path, scope, emit);
      }
      case 'label': {
        const token = {};
        const scope: Env = { vars: { name: `*label*${node.name}`, value: null, next: env.vars }, funcs: env.funcs };
        labelTokens.set(scope.vars!, token);
        try {
          this.paths(node.body, value, path, scope, emit);
        } catch (e) {
          if (e instanceof Stop && e.token === token) return;
          throw e;
        }
        return;
      }
      case 'break':
        return this.ev(node, value, env, () => undefined);
      case 'call':
        return this.callPaths(node, value, path, env, emit);
      case 'literal':
        if (node.value === null) return emit(null, path);
        break;
      default:
        break;
    }
    // Anything else has no path: jq fails when such a value is used as a path.
    this.ev(node, value, env, (v) => {
      throw new JqError(`Invalid path expression with result ${truncated(v, 30)}`);
    });
  }

  private callPaths(node: Extract<JqNode, { kind: 'call' }>, value: Json, path: Json[], env: Env, emit: PathEmit): void {
    const key = `${node.name}/${node.args.length}`;
    for (let f = env.funcs; f; f = f.next) {
      if (f.key !== key) continue;
      this.tick();
      const closure = f.closure;
      if (closure.isArgument) return this.paths(closure.body, value, path, closure.env, emit);
      let scope: Env = { vars: closure.env.vars, funcs: closure.env.funcs };
      const valueParams: { name: string; node: JqNode }[] = [];
      closure.params.forEach((param, i) => {
        const name = param.startsWith('$') ? param.slice(1) : param;
        scope = { vars: scope.vars, funcs: { key: `${name}/0`, closure: { params: [], body: node.args[i]!, env, isArgument: true }, next: scope.funcs } };
        if (param.startsWith('$')) valueParams.push({ name, node: node.args[i]! });
      });
      const bindValues = (i: number, s: Env): void => {
        if (i >= valueParams.length) return this.paths(closure.body, value, path, s, emit);
        const { name, node: argNode } = valueParams[i]!;
        this.ev(argNode, value, env, (v) => bindValues(i + 1, { vars: { name, value: v, next: s.vars }, funcs: s.funcs }));
      };
      return bindValues(0, scope);
    }
    switch (key) {
      case 'empty/0':
        return;
      case 'error/0':
      case 'error/1':
        return this.ev(node, value, env, () => undefined);
      case 'select/1':
        return this.ev(node.args[0]!, value, env, (c) => {
          if (isTruthy(c)) emit(value, path);
        });
      case 'recurse/0':
        return this.paths({ kind: 'recurseDefault' }, value, path, env, emit);
      case 'recurse/1': {
        const walk = (v: Json, p: Json[]): void => {
          this.tick();
          emit(v, p);
          this.paths(node.args[0]!, v, p, env, walk);
        };
        return walk(value, path);
      }
      case 'getpath/1':
        return this.ev(node.args[0]!, value, env, (p) => {
          if (!Array.isArray(p)) raise('Path must be specified as an array');
          let v: Json;
          try {
            v = getPath(value, p);
          } catch {
            v = null;
          }
          emit(v, [...path, ...p]);
        });
      case 'first/1':
      case 'limit/2':
      case 'last/1': {
        if (key === 'last/1') {
          let last: { v: Json; p: Json[] } | undefined;
          this.paths(node.args[0]!, value, path, env, (v, p) => {
            last = { v, p };
          });
          if (last) emit(last.v, last.p);
          return;
        }
        const countNode = key === 'limit/2' ? node.args[0]! : undefined;
        const source = key === 'limit/2' ? node.args[1]! : node.args[0]!;
        const withCount = (n: number) => {
          if (n <= 0) return;
          const token = {};
          let seen = 0;
          try {
            this.paths(source, value, path, env, (v, p) => {
              seen++;
              emit(v, p);
              if (seen >= n) throw new Stop(token);
            });
          } catch (e) {
            if (!(e instanceof Stop && e.token === token)) throw e;
          }
        };
        if (countNode) return this.ev(countNode, value, env, (n) => withCount(typeof n === 'number' ? n : 0));
        return withCount(1);
      }
      case 'paths/0':
        return this.paths({ kind: 'recurseDefault' }, value, path, env, (v, p) => {
          if (p.length > path.length) emit(v, p);
        });
      case 'to_entries/0':
      case 'map/1':
        if (key === 'map/1') return this.paths({ kind: 'pipe', left: { kind: 'iterate', target: { kind: 'identity' } }, right: node.args[0]! }, value, path, env, emit);
        break;
      default:
        break;
    }
    this.ev(node, value, env, (v) => {
      throw new JqError(`Invalid path expression with result ${truncated(v, 30)}`);
    });
  }

  private evalAssign(node: Extract<JqNode, { kind: 'assign' }>, input: Json, env: Env, emit: Emit): void {
    const collect = (root: Json): Json[][] => {
      const paths: Json[][] = [];
      this.paths(node.left, root, [], env, (_, p) => {
        this.tick();
        paths.push(p);
      });
      return paths;
    };
    if (node.op === '|=') {
      let out = input;
      const deletions: Json[][] = [];
      for (const p of collect(input)) {
        const current = getPath(out, p);
        let replacement: { v: Json } | undefined;
        const token = {};
        try {
          this.ev(node.right, current, env, (v) => {
            replacement = { v };
            throw new Stop(token);
          });
        } catch (e) {
          if (!(e instanceof Stop && e.token === token)) throw e;
        }
        if (replacement) out = setPath(out, p, replacement.v);
        else deletions.push(p);
      }
      return emit(deletions.length > 0 ? deletePaths(out, deletions) : out);
    }
    this.ev(node.right, input, env, ($v) => {
      let out = input;
      for (const p of collect(input)) {
        if (node.op === '=') out = setPath(out, p, $v);
        else if (node.op === '//=') {
          const current = getPath(out, p);
          out = setPath(out, p, isTruthy(current) ? current : $v);
        } else out = setPath(out, p, arith(node.op.slice(0, -1), getPath(out, p), $v));
      }
      emit(out);
    });
  }
}

function iterateError(t: Json): JqError {
  return new JqError(`Cannot iterate over ${kindOf(t)} (${truncated(t)})`);
}

const labelTokens = new WeakMap<VarScope, object>();

function lookupVar(env: Env, name: string): Json {
  for (let s = env.vars; s; s = s.next) if (s.name === name) return s.value;
  return raise(`$${name} is not defined`);
}

function collectPatternVars(p: Pattern, into: Set<string>): void {
  if (p.kind === 'var') into.add(p.name);
  else if (p.kind === 'array') p.items.forEach((x) => collectPatternVars(x, into));
  else
    for (const e of p.entries) {
      if (e.keyVar !== undefined) into.add(e.keyVar);
      if (e.value) collectPatternVars(e.value, into);
    }
}

let preludeCache: JqNode | undefined;
let preludeParse: ((src: string) => JqNode) | undefined;

/** Installs the parser used for the prelude (kept apart to avoid an import cycle). */
export function setPreludeParser(parse: (src: string) => JqNode): void {
  preludeParse = parse;
}

function preludeAst(): JqNode {
  if (!preludeCache) {
    if (!preludeParse) throw new Error('jq prelude parser not installed');
    preludeCache = preludeParse(`${PRELUDE} .`);
  }
  return preludeCache;
}

function preludeNames(): string[] {
  const names: string[] = [];
  let node = preludeAst();
  while (node.kind === 'def') {
    names.push(`${node.name}/${node.params.length}`);
    node = node.rest;
  }
  return names;
}

function createNatives(): Map<string, Native> {
  const n = new Map<string, Native>();
  const simple = (name: string, f: (v: Json) => Json) => n.set(`${name}/0`, (input, _a, _e, emit) => emit(f(input)));
  /** A builtin whose arguments are values: called once per combination of argument outputs. */
  const withValues = (name: string, arity: number, f: (input: Json, args: Json[], emit: Emit, run: Interpreter) => void) =>
    n.set(`${name}/${arity}`, (input, args, env, emit, run) => {
      const values: Json[] = new Array<Json>(arity);
      const step = (i: number): void => {
        if (i < 0) return f(input, values.slice(), emit, run);
        run.arg(args, i, input, env, (v) => {
          values[i] = v;
          step(i - 1);
        });
      };
      step(arity - 1);
    });
  n.set('empty/0', () => undefined);
  n.set('not/0', (input, _a, _e, emit) => emit(!isTruthy(input)));
  simple('length', lengthOf);
  simple('utf8bytelength', (v) => {
    if (typeof v !== 'string') throw typeError(v, 'only strings have UTF-8 byte length');
    return utf8Encode(v).length;
  });
  simple('keys', (v) => keysOf(v, true));
  simple('keys_unsorted', (v) => keysOf(v, false));
  simple('type', (v) => kindOf(v));
  simple('tostring', (v) => toStringValue(v));
  simple('tojson', (v) => toJsonText(v));
  simple('fromjson', (v) => {
    if (typeof v !== 'string') throw typeError(v, 'only strings can be parsed');
    const parsed = parseOneJson(v);
    if ('error' in parsed) raise(`${parsed.error} (while parsing '${v}')`);
    return parsed.value;
  });
  simple('tonumber', toNumber);
  simple('ascii_downcase', (v) => {
    if (typeof v !== 'string') throw typeError(v, 'cannot be lowercased, it is not a string');
    return v.replace(/[A-Z]/g, (c) => c.toLowerCase());
  });
  simple('ascii_upcase', (v) => {
    if (typeof v !== 'string') throw typeError(v, 'cannot be uppercased, it is not a string');
    return v.replace(/[a-z]/g, (c) => c.toUpperCase());
  });
  simple('explode', (v) => {
    if (typeof v !== 'string') throw typeError(v, 'cannot be exploded, it is not a string');
    return explode(v);
  });
  simple('implode', implode);
  simple('reverse', (v) => {
    if (v === null) return [];
    if (typeof v === 'string') return [...v].reverse().join('');
    if (!Array.isArray(v)) throw typeError(v, 'cannot be reversed, as it is not an array');
    return v.slice().reverse();
  });
  simple('sort', (v) => {
    if (!Array.isArray(v)) throw typeError(v, 'cannot be sorted, as it is not an array');
    return stableSort(v.slice(), (a, b) => compareJson(a, b));
  });
  simple('to_entries', (v) => {
    if (!isObject(v) && !Array.isArray(v)) throw typeError(v, 'has no keys');
    return (keysOf(v, false) as (string | number)[]).map((k) => ({ key: k, value: indexValue(v, k) }));
  });
  simple('add', (v) => {
    if (isObject(v)) return Object.values(v).reduce<Json>((a, b) => add(a, b), null);
    if (!Array.isArray(v)) throw iterateError(v);
    let acc: Json = null;
    for (const x of v) acc = add(acc, x);
    return acc;
  });
  simple('floor', (v) => Math.floor(num(v)));
  simple('ceil', (v) => Math.ceil(num(v)));
  simple('round', (v) => Math.round(num(v)));
  simple('sqrt', (v) => Math.sqrt(num(v)));
  simple('fabs', (v) => Math.abs(num(v)));
  simple('log', (v) => Math.log(num(v)));
  simple('log10', (v) => Math.log10(num(v)));
  simple('log2', (v) => Math.log2(num(v)));
  simple('exp', (v) => Math.exp(num(v)));
  simple('exp10', (v) => 10 ** num(v));
  simple('trunc', (v) => Math.trunc(num(v)));
  simple('infinite', () => Infinity);
  simple('nan', () => NaN);
  simple('isinfinite', (v) => {
    const x = num(v);
    return x === Infinity || x === -Infinity;
  });
  simple('isnan', (v) => Number.isNaN(num(v)));
  simple('isnormal', (v) => {
    const x = num(v);
    return Number.isFinite(x) && x !== 0 && Math.abs(x) >= 2.2250738585072014e-308;
  });
  simple('fromdateiso8601', fromDateIso);
  simple('fromdate', fromDateIso);
  simple('todateiso8601', toDateIso);
  simple('todate', toDateIso);
  simple('mktime', (v) => {
    if (!Array.isArray(v) || v.length < 6 || v.some((x) => typeof x !== 'number')) return raise('mktime requires array of 6 numbers');
    const [y, mo, d, h, mi, s] = v as number[];
    return Math.floor(Date.UTC(y!, mo!, d!, h!, mi!, Math.floor(s!)) / 1000);
  });
  simple('gmtime', (v) => {
    const t = num(v);
    const d = new Date(Math.floor(t) * 1000);
    return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds() + (t - Math.floor(t)), d.getUTCDay(), 0];
  });
  n.set('now/0', (_i, _a, _e, emit, run) => emit(run.ctx.now()));
  n.set('input/0', (_i, _a, _e, emit, run) => {
    const next = run.ctx.nextInput();
    if (next === undefined) raise('No more inputs');
    emit(next);
  });
  n.set('inputs/0', (_i, _a, _e, emit, run) => {
    for (let next = run.ctx.nextInput(); next !== undefined; next = run.ctx.nextInput()) {
      run.tick();
      emit(next);
    }
  });
  n.set('debug/0', (input, _a, _e, emit, run) => {
    run.ctx.stderr(`["DEBUG:",${toJsonText(input)}]\n`);
    emit(input);
  });
  withValues('debug', 1, (input, [m], emit, run) => {
    run.ctx.stderr(`["DEBUG:",${toJsonText(m!)}]\n`);
    emit(input);
  });
  n.set('stderr/0', (input, _a, _e, emit, run) => {
    run.ctx.stderr(toJsonText(input));
    emit(input);
  });
  n.set('input_filename/0', (_i, _a, _e, emit) => emit(null));
  n.set('builtins/0', (_i, _a, _e, emit) => emit([...Interpreter.builtinNames()]));
  n.set('error/0', (input) => {
    throw new JqError(typeof input === 'string' ? input : toJsonText(input), input);
  });
  n.set('halt/0', () => {
    throw new JqHalt(0, undefined);
  });
  withValues('halt_error', 1, (input, [code]) => {
    if (typeof code !== 'number') throw typeError(input, 'halt_error/1: number required');
    throw new JqHalt(code, input);
  });
  n.set('select/1', (input, args, env, emit, run) =>
    run.arg(args, 0, input, env, (c) => {
      if (isTruthy(c)) emit(input);
    }),
  );
  n.set('map/1', (input, args, env, emit, run) => {
    const out: Json[] = [];
    run.iterate(input, (v) => run.arg(args, 0, v, env, (x) => out.push(x)));
    emit(out);
  });
  n.set('recurse/0', (input, _a, env, emit, run) => run.ev({ kind: 'recurseDefault' }, input, env, emit));
  n.set('recurse/1', (input, args, env, emit, run) => {
    const walk = (v: Json): void => {
      run.tick();
      emit(v);
      run.arg(args, 0, v, env, walk);
    };
    walk(input);
  });
  n.set('path/1', (input, args, env, emit, run) => run.paths(args[0]!, input, [], env, (_v, p) => emit(p)));
  n.set('paths/0', (input, _a, env, emit, run) =>
    run.paths({ kind: 'recurseDefault' }, input, [], env, (_v, p) => {
      if (p.length > 0) emit(p);
    }),
  );
  withValues('getpath', 1, (input, [p], emit) => emit(getPath(input, p!)));
  withValues('setpath', 2, (input, [p, v], emit) => {
    if (!Array.isArray(p)) raise('Path must be specified as an array');
    emit(setPath(input, p, v!));
  });
  withValues('delpaths', 1, (input, [ps], emit) => {
    if (!Array.isArray(ps)) raise('Paths must be specified as an array');
    for (const p of ps) if (!Array.isArray(p)) raise(`Path must be specified as array, not ${kindOf(p)}`);
    emit(deletePaths(input, ps as Json[][]));
  });
  withValues('has', 1, (input, [k], emit) => emit(hasKey(input, k!)));
  withValues('contains', 1, (input, [b], emit) => emit(contains(input, b!)));
  withValues('startswith', 1, (input, [b], emit) => {
    if (typeof input !== 'string' || typeof b !== 'string') raise('startswith() requires string inputs');
    emit(input.startsWith(b));
  });
  withValues('endswith', 1, (input, [b], emit) => {
    if (typeof input !== 'string' || typeof b !== 'string') raise('endswith() requires string inputs');
    emit(input.endsWith(b));
  });
  withValues('split', 1, (input, [sep], emit) => {
    if (typeof input !== 'string' || typeof sep !== 'string') raise('split input and separator must be strings');
    emit(splitString(input, sep));
  });
  withValues('indices', 1, (input, [i], emit) => {
    if (input === null) return emit(null);
    if (typeof input === 'string' && typeof i === 'string') {
      if (i === '') return emit(null);
      const out: number[] = [];
      const bytes = utf8Encode(input);
      const needle = utf8Encode(i);
      for (let p = 0; p + needle.length <= bytes.length; p++) {
        let ok = true;
        for (let q = 0; q < needle.length && ok; q++) ok = bytes[p + q] === needle[q];
        if (ok) out.push(p);
      }
      return emit(out);
    }
    if (Array.isArray(input)) return emit(indicesOf(input, Array.isArray(i) ? i : [i!]));
    emit(indexValue(input, i!));
  });
  withValues('flatten', 1, (input, [depth], emit) => {
    if (typeof depth !== 'number' || depth < 0) raise('flatten depth must not be negative');
    if (!Array.isArray(input)) throw iterateError(input);
    const flat = (a: Json[], d: number): Json[] => a.flatMap((x) => (Array.isArray(x) && d > 0 ? flat(x, d - 1) : [x]));
    emit(flat(input, depth));
  });
  withValues('range', 2, (_input, [from, upto], emit, run) => {
    if (typeof from !== 'number' || typeof upto !== 'number') raise('Range bounds must be numeric');
    for (let i = from; i < upto; i++) {
      run.tick();
      emit(i);
    }
  });
  withValues('range', 3, (_input, [from, upto, by], emit, run) => {
    if (typeof from !== 'number' || typeof upto !== 'number' || typeof by !== 'number') raise('Range bounds must be numeric');
    if (by > 0) for (let i = from; i < upto; i += by) {
      run.tick();
      emit(i);
    }
    else if (by < 0) for (let i = from; i > upto; i += by) {
      run.tick();
      emit(i);
    }
    else if (from < upto) for (;;) {
      run.tick();
      emit(from);
    }
  });
  withValues('pow', 2, (_i, [a, b], emit) => emit(num(a!) ** num(b!)));
  withValues('log', 1, (_i, [a], emit) => emit(Math.log(num(a!))));
  withValues('ltrimstr', 1, (input, [x], emit) =>
    emit(typeof input === 'string' && typeof x === 'string' && input.startsWith(x) ? input.slice(x.length) : input),
  );
  withValues('rtrimstr', 1, (input, [x], emit) =>
    emit(typeof input === 'string' && typeof x === 'string' && x !== '' && input.endsWith(x) ? input.slice(0, -x.length) : input),
  );
  withValues('strftime', 1, (input, [fmt], emit) => {
    if (typeof fmt !== 'string') raise('strftime/1 requires a string format');
    const t = typeof input === 'number' ? input : Array.isArray(input) ? Date.UTC(num(input[0]!), num(input[1]!), num(input[2]!), num(input[3]!), num(input[4]!), Math.floor(num(input[5]!))) / 1000 : raise('strftime/1 requires parsed datetime inputs');
    const d = new Date(Math.floor(t) * 1000);
    const pad = (x: number, w = 2) => String(x).padStart(w, '0');
    emit(
      fmt.replace(/%([YmdHMSZzjaAbBeTDFs%])/g, (_, c: string) => {
        const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
        const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
        switch (c) {
          case 'Y': return String(d.getUTCFullYear());
          case 'm': return pad(d.getUTCMonth() + 1);
          case 'd': return pad(d.getUTCDate());
          case 'e': return String(d.getUTCDate()).padStart(2, ' ');
          case 'H': return pad(d.getUTCHours());
          case 'M': return pad(d.getUTCMinutes());
          case 'S': return pad(d.getUTCSeconds());
          case 'Z': return 'UTC';
          case 'z': return '+0000';
          case 'j': return pad(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1, 3);
          case 'a': return days[d.getUTCDay()]!;
          case 'b': return months[d.getUTCMonth()]!;
          case 'T': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
          case 'D': return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)}`;
          case 'F': return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
          case 's': return String(Math.floor(t));
          case '%': return '%';
          default: return c;
        }
      }),
    );
  });
  n.set('sort_by/1', (input, args, env, emit, run) => emit(sortBy(input, args, env, run)));
  n.set('group_by/1', (input, args, env, emit, run) => {
    if (!Array.isArray(input)) throw typeError(input, 'cannot be grouped, as it is not an array');
    const keyed = keyedItems(input, args, env, run);
    stableSort(keyed, (a, b) => compareJson(a.key, b.key));
    const groups: Json[][] = [];
    let lastKey: Json[] | undefined;
    for (const { key, item } of keyed) {
      if (lastKey && jsonEquals(lastKey, key)) groups[groups.length - 1]!.push(item);
      else groups.push([item]);
      lastKey = key;
    }
    emit(groups);
  });
  n.set('limit/2', (input, args, env, emit, run) =>
    run.arg(args, 0, input, env, (count) => {
      if (typeof count !== 'number' || count < 0) return run.arg(args, 1, input, env, emit);
      if (count === 0) return;
      const token = {};
      let seen = 0;
      try {
        run.arg(args, 1, input, env, (v) => {
          seen++;
          emit(v);
          if (seen >= count) throw new Stop(token);
        });
      } catch (e) {
        if (!(e instanceof Stop && e.token === token)) throw e;
      }
    }),
  );
  n.set('first/1', (input, args, env, emit, run) => {
    const token = {};
    let found: { v: Json } | undefined;
    try {
      run.arg(args, 0, input, env, (v) => {
        found = { v };
        throw new Stop(token);
      });
    } catch (e) {
      if (!(e instanceof Stop && e.token === token)) throw e;
    }
    if (found) emit(found.v);
  });
  n.set('isempty/1', (input, args, env, emit, run) => {
    const token = {};
    let empty = true;
    try {
      run.arg(args, 0, input, env, () => {
        empty = false;
        throw new Stop(token);
      });
    } catch (e) {
      if (!(e instanceof Stop && e.token === token)) throw e;
    }
    emit(empty);
  });
  n.set('error/1', (input, args, env, _emit, run) =>
    run.arg(args, 0, input, env, (m) => {
      throw new JqError(typeof m === 'string' ? m : toJsonText(m), m);
    }),
  );
  n.set('format/1', (input, args, env, emit, run) =>
    run.arg(args, 0, input, env, (f) => {
      if (typeof f !== 'string') throw typeError(f, 'is not a valid format');
      if (!FORMATS.has(f)) throw typeError(f, 'is not a valid format');
      emit(applyFormat(f, input));
    }),
  );
  n.set('tojson/0', (input, _a, _e, emit) => emit(toJsonText(input)));
  n.set('splits/1', (input, args, env, emit, run) =>
    run.arg(args, 0, input, env, (sep) => {
      if (typeof input !== 'string' || typeof sep !== 'string') raise('split input and separator must be strings');
      for (const part of splitString(input, sep) as string[]) emit(part);
    }),
  );
  n.set('transpose/0', (input, _a, _e, emit) => {
    if (!Array.isArray(input)) throw iterateError(input);
    const width = Math.max(0, ...input.map((r) => (Array.isArray(r) ? r.length : 0)));
    emit(Array.from({ length: width }, (_, i) => input.map((r) => (Array.isArray(r) ? (r[i] ?? null) : null))));
  });
  n.set('tostream/0', (input, _a, _e, emit) => {
    const walk = (v: Json, p: Json[], top: boolean) => {
      if ((Array.isArray(v) && v.length > 0) || (isObject(v) && Object.keys(v).length > 0)) {
        const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
        keys.forEach((k) => walk(indexValue(v, k), [...p, k], false));
        emit([[...p, keys[keys.length - 1]!]]);
      } else emit([p, v]);
      void top;
    };
    walk(input, [], true);
  });
  n.set('splits/2', (input, args, env, emit, run) => run.arg(args, 0, input, env, (sep) => {
    if (typeof input !== 'string' || typeof sep !== 'string') raise('split input and separator must be strings');
    for (const part of splitString(input, sep) as string[]) emit(part);
  }));
  n.set('significand/0', (input, _a, _e, emit) => {
    const x = num(input);
    if (x === 0) return emit(0);
    const e = Math.floor(Math.log2(Math.abs(x)));
    emit(x / 2 ** e);
  });
  n.set('test/1', (input, args, env, emit, run) => run.arg(args, 0, input, env, (re) => emit(regexTest(input, re, null))));
  n.set('test/2', (input, args, env, emit, run) => run.arg(args, 1, input, env, (flags) => run.arg(args, 0, input, env, (re) => emit(regexTest(input, re, flags)))));
  n.set('sub/2', (input, args, env, emit, run) => regexReplace(input, args, env, emit, run, false));
  n.set('gsub/2', (input, args, env, emit, run) => regexReplace(input, args, env, emit, run, true));
  n.set('sub/3', (input, args, env, emit, run) => regexReplace(input, args, env, emit, run, false));
  n.set('gsub/3', (input, args, env, emit, run) => regexReplace(input, args, env, emit, run, true));
  const matchesOf = (input: Json, re: Json, flags: Json, emit: Emit) => {
    if (typeof input !== 'string') throw typeError(input, 'cannot be matched, as it is not a string');
    const global = typeof flags === 'string' && flags.includes('g');
    const regex = compileRegex(re, `${typeof flags === 'string' ? flags.replace('g', '') : ''}g`);
    // Offsets count code points, as jq's do.
    const cp = (utf16: number) => [...input.slice(0, utf16)].length;
    const names = groupNames(typeof re === 'string' ? re : '');
    for (const m of input.matchAll(new RegExp(regex.source, `${regex.flags}d`))) {
      const spans = (m as RegExpMatchArray & { indices?: ([number, number] | undefined)[] }).indices ?? [];
      const captures: Json[] = m.slice(1).map((text, i) => {
        const span = spans[i + 1];
        return { offset: span ? cp(span[0]) : -1, length: text === undefined ? 0 : [...text].length, string: text ?? null, name: names[i] ?? null };
      });
      emit({ offset: cp(m.index), length: [...m[0]].length, string: m[0], captures });
      if (!global) break;
    }
  };
  n.set('match/1', (input, args, env, emit, run) => run.arg(args, 0, input, env, (re) => {
    if (Array.isArray(re)) matchesOf(input, re[0] ?? null, re[1] ?? null, emit);
    else matchesOf(input, re, null, emit);
  }));
  n.set('match/2', (input, args, env, emit, run) => run.arg(args, 1, input, env, (flags) => run.arg(args, 0, input, env, (re) => matchesOf(input, re, flags, emit))));
  const captureOf = (input: Json, re: Json, flags: Json, emit: Emit) => {
    const m = regexExec(input, re, flags);
    if (m) emit({ ...(m.groups ?? {}) } as JsonObject);
  };
  n.set('capture/1', (input, args, env, emit, run) => run.arg(args, 0, input, env, (re) => captureOf(input, re, null, emit)));
  n.set('capture/2', (input, args, env, emit, run) => run.arg(args, 1, input, env, (flags) => run.arg(args, 0, input, env, (re) => captureOf(input, re, flags, emit))));
  n.set('scan/1', (input, args, env, emit, run) => run.arg(args, 0, input, env, (re) =>
    matchesOf(input, re, 'g', (m) => {
      const obj = m as JsonObject;
      const captures = obj.captures as JsonObject[];
      emit(captures.length > 0 ? captures.map((c) => c.string!) : obj.string!);
    }),
  ));
  n.set('split/2', (input, args, env, emit, run) => run.arg(args, 1, input, env, (flags) => run.arg(args, 0, input, env, (re) => {
    if (typeof input !== 'string') throw typeError(input, 'cannot be matched, as it is not a string');
    emit(input.split(compileRegex(re, `${typeof flags === 'string' ? flags : ''}g`)));
  })));
  return n;
}

/** The names of a pattern's capturing groups in order (null for unnamed ones). */
function groupNames(source: string): (string | null)[] {
  const names: (string | null)[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') {
      i++;
      continue;
    }
    if (source[i] !== '(') continue;
    const named = /^\(\?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(source.slice(i));
    if (named) names.push(named[1]!);
    else if (source[i + 1] !== '?') names.push(null);
  }
  return names;
}

/** jq's regular expressions are Oniguruma's; for the patterns people paste, JavaScript's agree. */
function compileRegex(re: Json, flags: Json): RegExp {
  if (typeof re !== 'string') throw typeError(re, 'cannot be matched, as it is not a string');
  if (flags !== null && typeof flags !== 'string') throw typeError(flags, 'is not a string');
  const f = flags ?? '';
  if (re.length > 1000 || /\([^)]*[+*}][^)]*\)[+*{]/.test(re)) {
    // Nested quantifiers can take exponential time with a backtracking engine; refuse rather than hang.
    raise(`${re} (at offset 0) is not a valid regex: nested quantifiers are not supported here`);
  }
  try {
    return new RegExp(re, `u${f.includes('i') ? 'i' : ''}${f.includes('x') ? '' : ''}${f.includes('g') ? 'g' : ''}`);
  } catch {
    return raise(`${re} (at offset 0) is not a valid regex`);
  }
}

function regexTest(input: Json, re: Json, flags: Json): boolean {
  if (typeof input !== 'string') throw typeError(input, 'cannot be matched, as it is not a string');
  return compileRegex(re, flags).test(input);
}

function regexExec(input: Json, re: Json, flags: Json): RegExpExecArray | null {
  if (typeof input !== 'string') throw typeError(input, 'cannot be matched, as it is not a string');
  return compileRegex(re, flags).exec(input);
}

function regexReplace(input: Json, args: JqNode[], env: Env, emit: Emit, run: Interpreter, global: boolean): void {
  const flagsNode = args[2];
  const withFlags = (flags: Json) =>
    run.arg(args, 0, input, env, (re) => {
      if (typeof input !== 'string') throw typeError(input, 'cannot be matched, as it is not a string');
      const regex = compileRegex(re, global ? `${typeof flags === 'string' ? flags : ''}g` : flags);
      let out = '';
      let last = 0;
      const matches = global ? [...input.matchAll(regex)] : [regex.exec(input)].filter((m): m is RegExpExecArray => m !== null);
      for (const m of matches) {
        run.tick();
        const captures: JsonObject = { ...(m.groups ?? {}) };
        let replacement: Json = '';
        run.arg(args, 1, captures, env, (r) => {
          replacement = r;
        });
        if (typeof replacement !== 'string') throw typeError2(out, replacement, 'cannot be added');
        out += input.slice(last, m.index) + replacement;
        last = m.index + m[0].length;
      }
      emit(out + input.slice(last));
    });
  if (flagsNode) run.arg(args, 2, input, env, withFlags);
  else withFlags(null);
}


/** `halt` and `halt_error`: end the program with this exit status. */
export class JqHalt {
  constructor(
    readonly code: number,
    readonly value: Json | undefined,
  ) {}
}

function num(v: Json): number {
  if (typeof v !== 'number') throw typeError(v, 'number required');
  return v;
}

function stableSort<T>(items: T[], cmp: (a: T, b: T) => number): T[] {
  return items.sort(cmp);
}

function keyedItems(input: Json[], args: JqNode[], env: Env, run: Interpreter): { key: Json[]; item: Json }[] {
  return input.map((item) => {
    const key: Json[] = [];
    run.arg(args, 0, item, env, (k) => key.push(k));
    return { key, item };
  });
}

function sortBy(input: Json, args: JqNode[], env: Env, run: Interpreter): Json {
  if (!Array.isArray(input)) throw typeError(input, 'cannot be sorted, as it is not an array');
  const keyed = keyedItems(input, args, env, run);
  stableSort(keyed, (a, b) => compareJson(a.key, b.key));
  return keyed.map((k) => k.item);
}

export { compareStrings, quoteString };

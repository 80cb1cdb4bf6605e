import { type Clock, ManualClock, DEFAULT_EPOCH_MS, toSeconds } from './clock.ts';
import { type KubeObject, keyOf } from './objects.ts';
import { type LogLine, PodLogs } from './podLogs.ts';
import { SeededRandom } from './random.ts';
import { isMeshConfigKind } from './meshConfigKinds.ts';
import { type ClusterInfo, DEFAULT_CLUSTER } from './clusterInfo.ts';

export type { ClusterInfo, LogLine };

/** Source of every world's change stamps (see `World.version`). */
let changeSequence = 0;

/**
 * The whole simulated cluster plus the learner's Cloud Shell credentials.
 * The world is mutable, but the objects in it are not: `clone()` is a cheap snapshot (its maps are
 * copied on write), which is what undo and the time machine rely on.
 */
export class World {
  /** kind → namespace → name → object: every object, and policy lookups stay fast on large worlds. */
  private index = new Map<string, Map<string, Map<string, KubeObject>>>();
  /** Sorted results of `list` by kind, then namespace ('' key suffix for all); dropped when the kind changes. */
  private listCache = new Map<string, Map<string, readonly KubeObject[]>>();
  /** Change stamps by kind, then namespace, so derived views can tell what may have changed. */
  private versions = new Map<string, Map<string, number>>();
  /**
   * The maps of `index` and `versions` (at every level) this world created since it was
   * last cloned: no clone holds them, so they may change in place. Any other may be shared with a
   * clone and is copied before it changes (copy on write: a snapshot costs no map copies at all).
   */
  private owned = new WeakSet<Map<string, unknown>>();
  /** Envoy and app logs: this world's own, or shared with the worlds it was cloned from or into (see clone). */
  private podLogs = new PodLogs();
  /**
   * Envoy logger levels an operator changed at run time (admin `POST /logging`), by pod key
   * (`ns/name`); absent: the levels the proxy started with. Gone with the pod, as a new Envoy starts afresh.
   */
  private envoyLogLevels = new Map<string, Readonly<Record<string, string>>>();
  /** Whether `gcloud container clusters get-credentials` has written a kubeconfig entry. */
  credentials = true;
  /** Incremented whenever a mesh policy changes; istiod pushes config for each version. */
  configVersion = 1;
  /** meshConfig.rootNamespace */
  readonly rootNamespace = 'istio-system';
  /** meshConfig.trustDomain */
  readonly trustDomain = 'cluster.local';
  cluster: ClusterInfo = { ...DEFAULT_CLUSTER };
  private counter = 0;
  private mutations = 0;

  constructor(
    public clock: Clock = new ManualClock(DEFAULT_EPOCH_MS),
    public rng: SeededRandom = new SeededRandom(20261128),
  ) {}

  /**
   * Counts every change made through the world's methods (objects, logs, uids, resource versions):
   * with `credentials`, `cluster` and the random state it tells whether anything changed at all.
   */
  get revision(): number {
    return this.mutations;
  }

  /** Current time in whole seconds. */
  nowSeconds(): number {
    return toSeconds(this.clock.now());
  }

  /**
   * Envoy and app logs by pod key (`ns/name`), each container's last 2,000 lines. Read-only: write
   * through appendLog. A reader keeping an array sees the lines appended to it later.
   */
  get logs(): ReadonlyMap<string, readonly LogLine[]> {
    return this.podLogs.byPod;
  }

  /**
   * Every object, keyed by `kind/namespace/name`, by kind, then namespace, then name in the order
   * they were first put. Read-only: write through put and remove. Built on first read after a change.
   */
  get objects(): ReadonlyMap<string, KubeObject> {
    if (this.allObjects === undefined) {
      this.allObjects = new Map();
      for (const byNs of this.index.values()) for (const objs of byNs.values()) for (const obj of objs.values()) this.allObjects.set(keyOf(obj), obj);
    }
    return this.allObjects;
  }

  /** `objects`, until the next change. */
  private allObjects: Map<string, KubeObject> | undefined;

  /** Objects of one kind in no particular order: a scan, without `list`'s sorting. */
  *ofKind(kind: string): Iterable<KubeObject> {
    for (const objs of this.index.get(kind)?.values() ?? []) yield* objs.values();
  }

  get(kind: string, namespace: string, name: string): KubeObject | undefined {
    return this.index.get(kind)?.get(namespace)?.get(name);
  }

  /**
   * Objects of one kind, in one namespace or (namespace undefined) in all, sorted by namespace then
   * name (the API server's order). The returned array is shared: do not mutate it.
   */
  list(kind: string, namespace?: string): readonly KubeObject[] {
    const cacheKey = namespace ?? '\u0001all';
    let byNamespace = this.listCache.get(kind);
    const cached = byNamespace?.get(cacheKey);
    if (cached) return cached;
    const byNs = this.index.get(kind);
    const out: KubeObject[] = [];
    if (byNs) {
      if (namespace !== undefined) out.push(...(byNs.get(namespace)?.values() ?? []));
      else for (const objs of byNs.values()) out.push(...objs.values());
    }
    out.sort(compareByNamespaceAndName);
    // Frozen, so that a caller sorting the shared array fails loudly instead of corrupting the cache.
    Object.freeze(out);
    if (!byNamespace) this.listCache.set(kind, (byNamespace = new Map()));
    byNamespace.set(cacheKey, out);
    return out;
  }

  put(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? '';
    this.mutations++;
    this.index = this.own(this.index);
    this.writable(this.writable(this.index, obj.kind), ns).set(obj.metadata.name, obj);
    this.invalidate(obj.kind, ns);
    if (isMeshConfigKind(obj.kind)) this.configVersion++;
  }

  private invalidate(kind: string, namespace = ''): void {
    this.listCache.delete(kind);
    this.allObjects = undefined;
    this.versions = this.own(this.versions);
    this.writable(this.versions, kind).set(namespace, ++changeSequence);
  }

  /** `map`, or a copy of it that this world alone holds (copy on write). */
  private own<V>(map: Map<string, V>): Map<string, V> {
    if (this.owned.has(map)) return map;
    const copy = new Map(map);
    this.owned.add(copy);
    return copy;
  }

  /** The inner map under `key` of a map this world holds alone, made or copied so that it holds it alone too. */
  private writable<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
    const inner = outer.get(key);
    const own = this.own(inner ?? new Map<string, V>());
    if (own !== inner) outer.set(key, own);
    return own;
  }

  /**
   * A change stamp for the objects of `kind` in `namespace`: equal numbers mean nothing changed.
   * Stamps come from one sequence shared by every world, so a clone that takes another path after
   * undo (or a what-if copy) never reuses a stamp for different contents, and caches keyed on
   * stamps (with immutable objects shared between clones) stay correct.
   */
  version(kind: string, namespace: string): number {
    return this.versions.get(kind)?.get(namespace) ?? 0;
  }

  remove(obj: KubeObject): boolean {
    const ns = obj.metadata.namespace ?? '';
    const removed = this.index.get(obj.kind)?.get(ns)?.has(obj.metadata.name) ?? false;
    if (removed) {
      this.mutations++;
      this.index = this.own(this.index);
      this.writable(this.writable(this.index, obj.kind), ns).delete(obj.metadata.name);
      this.invalidate(obj.kind, ns);
    }
    if (removed && isMeshConfigKind(obj.kind)) this.configVersion++;
    if (removed && obj.kind === 'Pod') {
      this.podLogs.delete(`${obj.metadata.namespace}/${obj.metadata.name}`);
      this.envoyLogLevels.delete(`${obj.metadata.namespace}/${obj.metadata.name}`);
    }
    return removed;
  }

  hasNamespace(name: string): boolean {
    return this.index.get('Namespace')?.get('')?.has(name) ?? false;
  }

  /** A fresh uid, deterministic for a given history. */
  nextUid(): string {
    this.mutations++;
    const r = this.rng;
    return `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-${'89ab'[r.int(0, 3)]}${r.hex(3)}-${r.hex(12)}`;
  }

  nextResourceVersion(): string {
    this.mutations++;
    this.counter++;
    return String(100000 + this.counter);
  }

  appendLog(namespace: string, pod: string, container: string, text: string): void {
    this.mutations++;
    this.podLogs.append(`${namespace}/${pod}`, { time: this.nowSeconds(), container, text });
  }

  /** The run-time Envoy logger levels of a pod's proxy, when an operator changed them (see domain/envoy/envoyLogLevels.ts). */
  envoyLogLevelsOf(namespace: string, pod: string): Readonly<Record<string, string>> | undefined {
    return this.envoyLogLevels.get(`${namespace}/${pod}`);
  }

  setEnvoyLogLevels(namespace: string, pod: string, levels: Readonly<Record<string, string>>): void {
    this.mutations++;
    this.envoyLogLevels.set(`${namespace}/${pod}`, levels);
  }

  /**
   * A snapshot: shares the (immutable) objects, copies the containers and the random state. Its logs
   * start as this world's; with `logs: 'shared'` the two worlds keep sharing them, lines written
   * later included. That is how undo and the time machine keep snapshots: the logs belong to the
   * cluster, not to a point in its history, so a restored world shows every line written (as a real
   * cluster's `kubectl logs` does after a policy is taken back), and snapshots cost no log memory.
   */
  clone(options: { logs?: 'own' | 'shared' } = {}): World {
    const copy = new World(this.clock, this.rng.clone());
    // Both worlds now share every map of the index and the stamps: each copies one before changing it.
    copy.index = this.index;
    copy.versions = this.versions;
    this.owned = new WeakSet();
    copy.podLogs = options.logs === 'shared' ? this.podLogs : this.podLogs.fork();
    copy.envoyLogLevels = new Map(this.envoyLogLevels);
    copy.credentials = this.credentials;
    copy.configVersion = this.configVersion;
    copy.cluster = { ...this.cluster };
    copy.counter = this.counter;
    copy.mutations = this.mutations;
    return copy;
  }
}


export function compareByNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  const ns = an < bn ? -1 : an > bn ? 1 : 0;
  return ns !== 0 ? ns : a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

import type { EffectiveMode, PolicyLevel } from '../../domain/resolution/types.ts';

/** What a node stands for; each kind has its own outline shape. */
export type MeshNodeKind = 'workload' | 'gateway' | 'external' | 'loadbalancer' | 'bare-pod';

/** The badge key: a sidecar's effective inbound mode, or why there is none. */
export type BadgeMode = 'strict' | 'permissive' | 'disable' | 'nosidecar' | 'gateway' | 'outside' | 'loadbalancer';

/** The mTLS badge of a node: shape (by `mode`) plus text, never colour alone. */
export interface NodeBadge {
  mode: BadgeMode;
  /** Upper-case mode or a short phrase: `STRICT`, `no sidecar`, `gateway`. */
  text: string;
  /** Where a sidecar's mode came from; absent for nodes without a sidecar. */
  level?: PolicyLevel;
  /** Ports whose mode differs from the workload's, as `8080: DISABLE` (at most two lines, then `+N more`). */
  overrides: string[];
}

/** The AuthorizationPolicy tag under a node's badge: a shield (by `kind`) plus text, never colour alone. */
export interface AuthzTag {
  /** `allow-nothing`: enforced ALLOW policies without rules (every request denied); `enforced`: other enforced policies; `dry-run`: dry runs only. */
  kind: 'allow-nothing' | 'enforced' | 'dry-run';
  /** Short: `ALLOW 1 · DENY 2`, `allow-nothing`, `dry-run 1`. */
  text: string;
  /** The accessible account: which policies apply, and what allow-nothing means. */
  title: string;
}

export interface MeshNode {
  /** `<ns>/<workload>`, or `external/browser`, `external/cloudshell`. */
  id: string;
  kind: MeshNodeKind;
  /** Namespace, or `external` for actors outside the cluster. */
  namespace: string;
  label: string;
  /** The namespace's name on the node's top border, when the node is its namespace's only one in its column (no box). */
  legend?: string;
  /** Centre. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** 0 outside world, 1 edge, 2 frontend, 3 mid tier, 4 leaf services. */
  column: number;
  badge: NodeBadge;
  /** Present when AuthorizationPolicies apply to the node's proxy (sidecar or gateway). */
  authz?: AuthzTag;
  /** Accessible name for the node's `<title>`. */
  title: string;
  /** A representative pod name, for mapping trace endpoints to nodes. */
  pod?: string;
  /** Whether pods are named `<workload>-<rs hash>-<pod hash>` (a Deployment), or exactly `pod` (a bare pod). */
  deployment: boolean;
  /** The effective mode as the engine reported it, for change detection; undefined without a sidecar. */
  mode?: EffectiveMode;
}

/** A call-graph edge; `probe` edges are drawn dashed. */
export interface MeshEdge {
  /** `<from>-><to>`. */
  id: string;
  from: string;
  to: string;
  kind: 'call' | 'ingress' | 'probe';
  /** SVG path data of the connector. */
  d: string;
  /** SVG path data of the arrow head at the target end. */
  arrow: string;
}

/** A namespace box: one per namespace and column with several nodes, so boxes never overlap. */
export interface NamespaceGroup {
  /** `ns:<namespace>:<column>`. */
  id: string;
  namespace: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** `full`: badges name the level a mode came from; `compact`: the mode only, for narrow spaces (the level stays in titles). */
export type MeshDetail = 'full' | 'compact';

export interface MeshLayout {
  /** Never smaller than requested; grows when the nodes need more room. Use it for the viewBox. */
  width: number;
  height: number;
  detail: MeshDetail;
  nodes: MeshNode[];
  edges: MeshEdge[];
  groups: NamespaceGroup[];
  /** Nodes by id. */
  byId: ReadonlyMap<string, MeshNode>;
  /**
   * Shared by every layout whose nodes have the same boxes, groups and edges (a policy that changes
   * badges only keeps it): caches of routes between nodes key on it, so they outlive such a redraw.
   */
  geometry: object;
}

import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import type { EffectiveMode } from '../../domain/resolution/types.ts';

/** One row of the console's Workloads table. */
export interface ConsoleRow {
  key: string;
  name: string;
  namespace: string;
  type: string;
  networkPolicy: string;
  accessControl: string;
  /** `Strict`, `Permissive`, `Disabled`, or `-` without a sidecar. */
  mtls: string;
  /** The mode behind `mtls`, for the badge shape; undefined without a sidecar. */
  mode?: EffectiveMode;
  /** Ports whose mode differs from `mtls`, e.g. `port 8080: Permissive`. */
  portNote?: string;
}

/** The console's mTLS status card. */
export interface MtlsCard {
  kind: 'strict' | 'permissive' | 'disabled' | 'mixed' | 'empty';
  text: string;
}

const LABEL: Record<EffectiveMode, string> = { STRICT: 'Strict', PERMISSIVE: 'Permissive', DISABLE: 'Disabled' };

/** Namespaces the console hides until "Show system objects" is ticked. */
export function isSystemNamespace(ns: string): boolean {
  return ns === 'istio-system' || ns.startsWith('kube-') || ns.startsWith('gke-') || ns === 'gmp-system' || ns === 'asm-system';
}

/**
 * The mode a workload really serves with: its application port's mode when all its ports agree
 * (a port-level policy can override the workload), else the workload-wide mode.
 */
function servedMode(w: WorkloadMtls): EffectiveMode | undefined {
  if (!w.sidecar || !w.workloadMode) return undefined;
  const modes = new Set(w.ports.map((p) => p.decision.mode));
  const [only] = [...modes];
  return modes.size === 1 && only ? only : w.workloadMode.mode;
}

/** The Workloads table, sorted by namespace then name, as a cloud console lists them. */
export function consoleRows(mesh: readonly WorkloadMtls[], showSystem = false): ConsoleRow[] {
  return mesh
    .filter((w) => showSystem || !isSystemNamespace(w.namespace))
    .map((w) => {
      const mode = servedMode(w);
      const odd = mode ? w.ports.filter((p) => p.decision.mode !== mode) : [];
      return {
        key: `${w.namespace}/${w.workload}`,
        name: w.workload,
        namespace: w.namespace,
        type: w.kind,
        networkPolicy: '-',
        accessControl: 'Disabled',
        mtls: mode ? LABEL[mode] : '-',
        ...(mode ? { mode } : {}),
        ...(odd.length ? { portNote: odd.map((p) => `port ${p.port}: ${LABEL[p.decision.mode]}`).join(', ') } : {}),
      };
    })
    .sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
}

/** The mTLS status card over the workloads that have a sidecar. */
export function mtlsCard(rows: readonly ConsoleRow[]): MtlsCard {
  const meshed = rows.filter((r) => r.mode !== undefined);
  const strict = meshed.filter((r) => r.mode === 'STRICT').length;
  if (meshed.length === 0) return { kind: 'empty', text: 'No workloads have a sidecar' };
  if (strict === meshed.length) return { kind: 'strict', text: 'mTLS is strict for all workloads' };
  if (meshed.every((r) => r.mode === 'PERMISSIVE')) return { kind: 'permissive', text: 'mTLS is permissive for all workloads' };
  if (meshed.every((r) => r.mode === 'DISABLE')) return { kind: 'disabled', text: 'mTLS is disabled for all workloads' };
  return { kind: 'mixed', text: `mTLS is strict for ${strict} of ${meshed.length} workloads` };
}

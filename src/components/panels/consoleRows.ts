import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import type { EffectiveMode } from '../../domain/resolution/types.ts';
import { ENGLISH, type Translate } from '../../i18n/locale.ts';

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

/** The console's names for the modes, in every language (as the console spells them). */
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

/** The Workloads table, sorted by namespace then name, as a cloud console lists them; words in `t`'s language. */
export function consoleRows(mesh: readonly WorkloadMtls[], showSystem = false, t: Translate = ENGLISH.t): ConsoleRow[] {
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
        accessControl: t('console.accessDisabled'),
        mtls: mode ? LABEL[mode] : '-',
        ...(mode ? { mode } : {}),
        ...(odd.length ? { portNote: odd.map((p) => t('console.portNote', { port: p.port, mode: LABEL[p.decision.mode] })).join(t('console.listSeparator')) } : {}),
      };
    })
    .sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
}

/** The mTLS status card over the workloads that have a sidecar. */
export function mtlsCard(rows: readonly ConsoleRow[], t: Translate = ENGLISH.t): MtlsCard {
  const meshed = rows.filter((r) => r.mode !== undefined);
  const strict = meshed.filter((r) => r.mode === 'STRICT').length;
  if (meshed.length === 0) return { kind: 'empty', text: t('console.card.empty') };
  if (strict === meshed.length) return { kind: 'strict', text: t('console.card.strict') };
  if (meshed.every((r) => r.mode === 'PERMISSIVE')) return { kind: 'permissive', text: t('console.card.permissive') };
  if (meshed.every((r) => r.mode === 'DISABLE')) return { kind: 'disabled', text: t('console.card.disabled') };
  return { kind: 'mixed', text: t('console.card.mixed', { strict, total: meshed.length }) };
}

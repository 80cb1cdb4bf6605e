import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import type { NodeBadge } from './types.ts';

/** At most this many override lines fit under a badge; the rest collapse into `+N more`. */
const MAX_OVERRIDE_LINES = 2;

/** Ports whose decision differs from the workload-wide one, or that a port-level policy set. */
export function portOverrides(w: WorkloadMtls): string[] {
  const base = w.workloadMode;
  if (!base) return [];
  return w.ports
    .filter((p) => p.decision.level === 'port' || p.decision.mode !== base.mode)
    .map((p) => `${p.port}: ${p.decision.mode}`);
}

/** The badge of one workload: its effective inbound mode and level, or why it has none. */
export function nodeBadge(w: WorkloadMtls): NodeBadge {
  if (w.gateway) return { mode: 'gateway', text: 'gateway', overrides: [] };
  if (!w.sidecar || !w.workloadMode) return { mode: 'nosidecar', text: 'no sidecar', overrides: [] };
  const all = portOverrides(w);
  const overrides = all.length > MAX_OVERRIDE_LINES ? [...all.slice(0, MAX_OVERRIDE_LINES - 1), `+${all.length - MAX_OVERRIDE_LINES + 1} more`] : all;
  const mode = w.workloadMode.mode;
  return { mode: mode === 'STRICT' ? 'strict' : mode === 'PERMISSIVE' ? 'permissive' : 'disable', text: mode, level: w.workloadMode.level, overrides };
}

/** The plain-text account of one workload used by `<title>` and the hidden description. */
export function describeWorkload(w: WorkloadMtls): string {
  const id = `${w.namespace}/${w.workload}`;
  if (w.gateway) return `${id}: ingress gateway, no sidecar policy applies to it`;
  if (!w.sidecar || !w.workloadMode) return `${id}: no sidecar, mTLS is not enforced`;
  const ports = portOverrides(w).map((o) => `port ${o}`);
  return `${id}: ${w.workloadMode.mode} from the ${w.workloadMode.level} level (${w.workloadMode.reason.text})${ports.length ? `; ${ports.join(', ')}` : ''}`;
}

import { renderPhrase } from '../../domain/explain/messages.ts';
import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
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

/** The badge of one workload: its effective inbound mode and level, or why it has none (words in `tr`'s language). */
export function nodeBadge(w: WorkloadMtls, tr: Translator = ENGLISH): NodeBadge {
  const { t } = tr;
  if (w.gateway) return { mode: 'gateway', text: t('diagram.badge.gateway'), overrides: [] };
  if (!w.sidecar || !w.workloadMode) return { mode: 'nosidecar', text: t('diagram.badge.nosidecar'), overrides: [] };
  const all = portOverrides(w);
  const overrides = all.length > MAX_OVERRIDE_LINES ? [...all.slice(0, MAX_OVERRIDE_LINES - 1), t('diagram.more', { n: all.length - MAX_OVERRIDE_LINES + 1 })] : all;
  const mode = w.workloadMode.mode;
  return { mode: mode === 'STRICT' ? 'strict' : mode === 'PERMISSIVE' ? 'permissive' : 'disable', text: mode, level: w.workloadMode.level, overrides };
}

/** The plain-text account of one workload used by `<title>` and the hidden description. */
export function describeWorkload(w: WorkloadMtls, tr: Translator = ENGLISH): string {
  const { t } = tr;
  const id = `${w.namespace}/${w.workload}`;
  if (w.gateway) return t('diagram.workload.gateway', { id });
  if (!w.sidecar || !w.workloadMode) return t('diagram.workload.nosidecar', { id });
  const { mode, level, reason } = w.workloadMode;
  const text = t('diagram.workload.mode', { id, mode, level: t(`diagram.level.${level}`), reason: renderPhrase(reason, tr.locale) });
  const ports = portOverrides(w).map((override) => t('diagram.portOverride', { override }));
  return ports.length ? t('diagram.workload.ports', { text, ports: ports.join(t('diagram.listSeparator')) }) : text;
}

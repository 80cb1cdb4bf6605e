import { renderPhrase } from '../../domain/explain/messages.ts';
import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import type { AuthzTag, NodeBadge } from './types.ts';

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
  return withAuthz(w, describeMtls(w, tr), tr);
}

function describeMtls(w: WorkloadMtls, tr: Translator): string {
  const { t } = tr;
  const id = `${w.namespace}/${w.workload}`;
  if (w.gateway) return t('diagram.workload.gateway', { id });
  if (!w.sidecar || !w.workloadMode) return t('diagram.workload.nosidecar', { id });
  const { mode, level, reason } = w.workloadMode;
  const text = t('diagram.workload.mode', { id, mode, level: t(`diagram.level.${level}`), reason: renderPhrase(reason, tr.locale) });
  const ports = portOverrides(w).map((override) => t('diagram.portOverride', { override }));
  return ports.length ? t('diagram.workload.ports', { text, ports: ports.join(t('diagram.listSeparator')) }) : text;
}

/** `text`, followed by the AuthorizationPolicies of the workload's proxy when any applies. */
function withAuthz({ authz }: WorkloadMtls, text: string, { t }: Translator): string {
  if (!authz) return text;
  const list = authz.policies
    .map((p) => t(p.dryRun ? 'diagram.authz.policyDryRun' : 'diagram.authz.policy', { name: `${p.namespace}/${p.name}`, action: p.action }))
    .join(t('diagram.listSeparator'));
  return t(authz.allowNothing ? 'diagram.authz.allowNothing' : 'diagram.authz.applies', { text, list });
}

/** The AuthorizationPolicy tag of a workload: enforced counts by action (or allow-nothing), then dry runs; undefined when none applies. */
export function authzTag(w: WorkloadMtls, tr: Translator = ENGLISH): AuthzTag | undefined {
  const { authz } = w;
  if (!authz) return undefined;
  const { t } = tr;
  const parts = authz.allowNothing
    ? [t('diagram.authz.tag.allowNothing')]
    : (['ALLOW', 'DENY', 'CUSTOM', 'AUDIT'] as const).flatMap((action) => {
        const n = authz[action === 'ALLOW' ? 'allow' : action === 'DENY' ? 'deny' : action === 'CUSTOM' ? 'custom' : 'audit'];
        return n > 0 ? [`${action} ${String(n)}`] : [];
      });
  if (authz.dryRun > 0) parts.push(t('diagram.authz.tag.dryRun', { n: authz.dryRun }));
  const enforced = authz.allow + authz.deny + authz.audit + authz.custom > 0;
  return {
    kind: authz.allowNothing ? 'allow-nothing' : enforced ? 'enforced' : 'dry-run',
    text: parts.join(t('diagram.authz.tag.separator')),
    title: withAuthz(w, `${w.namespace}/${w.workload}`, tr),
  };
}

import { MESH_REVISION } from '../../domain/cluster/injectSidecar.ts';
import { connectionRefused } from './meshInfo.ts';
import { podName } from './podArg.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

/** One matchExpression of a webhook's namespaceSelector or objectSelector. */
interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

interface Webhook {
  name: string;
  namespaceSelector: Requirement[];
  objectSelector: Requirement[];
}

const NOT_DISABLED: Requirement = { key: 'sidecar.istio.io/inject', operator: 'NotIn', values: ['false'] };

/**
 * The MutatingWebhookConfiguration `istio-sidecar-injector` of the default revision, as the istiod
 * chart renders it (manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml,
 * Istio 1.26, revision ""): the revision cases, then the legacy `istio-injection` cases.
 */
const INJECTOR = {
  name: 'istio-sidecar-injector',
  revision: MESH_REVISION,
  webhooks: [
    { name: 'rev.namespace.sidecar-injector.istio.io', namespaceSelector: [{ key: 'istio.io/rev', operator: 'In', values: [MESH_REVISION] }, { key: 'istio-injection', operator: 'DoesNotExist' }], objectSelector: [NOT_DISABLED] },
    { name: 'rev.object.sidecar-injector.istio.io', namespaceSelector: [{ key: 'istio.io/rev', operator: 'DoesNotExist' }, { key: 'istio-injection', operator: 'DoesNotExist' }], objectSelector: [NOT_DISABLED, { key: 'istio.io/rev', operator: 'In', values: [MESH_REVISION] }] },
    { name: 'namespace.sidecar-injector.istio.io', namespaceSelector: [{ key: 'istio-injection', operator: 'In', values: ['enabled'] }], objectSelector: [NOT_DISABLED] },
    { name: 'object.sidecar-injector.istio.io', namespaceSelector: [{ key: 'istio-injection', operator: 'DoesNotExist' }, { key: 'istio.io/rev', operator: 'DoesNotExist' }], objectSelector: [{ key: 'sidecar.istio.io/inject', operator: 'In', values: ['true'] }, { key: 'istio.io/rev', operator: 'DoesNotExist' }] },
  ] satisfies Webhook[],
};

function requirementMatches(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'In': return has && (r.values ?? []).includes(value ?? '');
    case 'NotIn': return !has || !(r.values ?? []).includes(value ?? '');
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
  }
}

/** checkinject.go `extractMatchedSelectorInfo`: whether it matches, and the first In/NotIn label the object has. */
function matchedSelectorInfo(selector: Requirement[], labels: Readonly<Record<string, string>>): [boolean, string] {
  if (!selector.every((r) => requirementMatches(r, labels))) return [false, ''];
  for (const r of selector) {
    if ((r.operator === 'In' || r.operator === 'NotIn') && Object.hasOwn(labels, r.key)) return [true, `${r.key}=${labels[r.key] ?? ''}`];
  }
  return [true, ''];
}

/** checkinject.go `analyzeWebhooksMatchStatus`: the first webhook that decides, else why none matched. */
function analyze(webhooks: Webhook[], podLabels: Readonly<Record<string, string>>, nsLabels: Readonly<Record<string, string>>): { reason: string; injected: boolean } {
  for (const wh of webhooks) {
    const [nsMatched, nsLabel] = matchedSelectorInfo(wh.namespaceSelector, nsLabels);
    const [podMatched, podLabel] = matchedSelectorInfo(wh.objectSelector, podLabels);
    if (nsMatched && podMatched) {
      if (nsLabel !== '' && podLabel !== '') return { reason: `Namespace label ${nsLabel} matches, and pod label ${podLabel} matches`, injected: true };
      if (nsLabel !== '') return { reason: `Namespace label ${nsLabel} matches${nsLabel.includes('kubernetes.io/metadata.name') ? ' (Automatic injection is enabled in all namespaces).' : ''}`, injected: true };
      if (podLabel !== '') return { reason: `Pod label ${podLabel} matches`, injected: true };
    } else if (nsMatched) {
      for (const me of wh.objectSelector) {
        const value = Object.hasOwn(podLabels, me.key) ? podLabels[me.key] : undefined;
        if (value === undefined) continue;
        if (me.operator === 'DoesNotExist' || (me.operator === 'NotIn' && (me.values ?? []).includes(value))) {
          return { reason: `Pod has ${me.key}=${value} label, preventing injection`, injected: false };
        }
      }
    } else if (podMatched) {
      const value = Object.hasOwn(nsLabels, 'istio-injection') ? nsLabels['istio-injection'] : undefined;
      if (value !== undefined && value !== 'enabled') return { reason: `Namespace has istio-injection=${value} label, preventing injection`, injected: false };
    }
  }
  const inLabels = (selector: Requirement[]) => selector.filter((r) => r.operator === 'In').flatMap((r) => (r.values ?? []).map((v) => `${r.key}=${v}`));
  const ns = webhooks.flatMap((wh) => inLabels(wh.namespaceSelector));
  const pod = webhooks.flatMap((wh) => inLabels(wh.objectSelector));
  return { reason: `No matching namespace labels (${ns.join(', ')}) or pod labels (${pod.join(', ')})`, injected: false };
}

/**
 * istioctl/pkg/writer/table `ColoredTableWriter.Flush`: columns two spaces apart, widths measured
 * in bytes of the printed cell (the INJECTED mark is printed with its colour codes, `\x1b[32m✔\x1b[0m`,
 * 12 bytes), padding counted in runes of the value. The terminal here shows no colours, so the mark
 * is printed plain, in the column width the colour codes give it.
 */
function styleTable(rows: { cells: string[]; printedBytes?: number[] }[]): string {
  const utf8 = (s: string) => new TextEncoder().encode(s).length;
  const widths: number[] = [];
  for (const row of rows) row.cells.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, row.printedBytes?.[i] ?? utf8(c)); });
  return rows.map((row) => row.cells.map((c, i) => (i === row.cells.length - 1 ? `${c}\n` : c + ' '.repeat((widths[i] ?? 0) - [...c].length + 2))).join('')).join('');
}

/** The mark's bytes with fatih/color's codes: ESC [ 3 2 m, the 3-byte glyph, ESC [ 0 m. */
const COLORED_MARK_BYTES = 5 + 3 + 4;

const LABEL_SELECTOR = /^([A-Za-z0-9._/-]+)=([A-Za-z0-9._-]*)$/;

function checkInject(ctx: IstioctlContext): number | CommandError {
  const args = ctx.args.positionals;
  const labelPairs = ctx.flag<string>('labels') ?? '';
  if ((args.length === 0 && labelPairs === '') || args.length > 1) {
    return { message: 'check-inject requires only [<resource-type>/]<resource-name>[.<namespace>], or specify labels flag', exitCode: 1 };
  }
  const world = ctx.world;
  let podLabels: Readonly<Record<string, string>>;
  let namespace: string;
  if (args.length === 1) {
    const found = podName(ctx, args[0] ?? '');
    if (!found.ok) return found.error;
    if (!world.credentials) return { message: connectionRefused(`/api/v1/namespaces/${found.namespace}/pods/${found.name}`), exitCode: 1 };
    const pod = world.get('Pod', found.namespace, found.name);
    if (!pod) return { message: `pods "${found.name}" not found`, exitCode: 1 };
    podLabels = pod.metadata.labels;
    namespace = found.namespace;
  } else {
    namespace = ctx.namespaceOrDefault;
    if (!world.credentials) return { message: connectionRefused(`/api/v1/namespaces/${namespace}`), exitCode: 1 };
    // metav1.ParseToLabelSelector: equality pairs become matchLabels (the simulator reads `k=v` pairs).
    const labels: Record<string, string> = {};
    for (const pair of labelPairs.split(',')) {
      const m = LABEL_SELECTOR.exec(pair.trim());
      if (!m) return { message: `unable to parse requirement: found '${pair.trim()}', expected: '=', '!=', '==', 'in', notin'`, exitCode: 1 };
      labels[m[1] ?? ''] = m[2] ?? '';
    }
    podLabels = labels;
  }
  const ns = world.get('Namespace', '', namespace);
  if (!ns) return { message: `namespaces "${namespace}" not found`, exitCode: 1 };
  const result = analyze(INJECTOR.webhooks, podLabels, ns.metadata.labels);
  ctx.out(styleTable([
    { cells: ['WEBHOOK', 'REVISION', 'INJECTED', 'REASON'] },
    { cells: [INJECTOR.name, INJECTOR.revision, result.injected ? '\u2714' : '\u2718', result.reason], printedBytes: [INJECTOR.name.length, INJECTOR.revision.length, COLORED_MARK_BYTES, result.reason.length] },
  ]));
  return 0;
}

/** `istioctl experimental check-inject [<type>/]<name>[.<namespace>] | -l k=v,…` (istioctl/pkg/checkinject). */
export const checkInjectCommand: IstioctlCommand = {
  name: 'check-inject',
  short: 'Check the injection status or inject-ability of a given resource, explains why it is (or will be) injected or not',
  usage: 'istioctl experimental check-inject [<type>/]<name>[.<namespace>] [flags]',
  flags: [{ long: 'labels', short: 'l', type: 'string', description: 'Check namespace and label pairs injection status, split multiple labels by commas' }],
  run: checkInject,
};

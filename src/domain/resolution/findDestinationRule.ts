import { type KubeObject, getPath, getString, getStringMap, labelsMatch } from '../objects.ts';
import type { World } from '../world.ts';
import { compareByCreationTime } from './compareByCreationTime.ts';
import { expandHost, mostSpecificHostMatch, namespaceOfHost } from './hostMatch.ts';
import type { DestinationRuleMatch } from './types.ts';

/** A DestinationRule found for a service host, with the rule itself. */
export type FoundDestinationRule = DestinationRuleMatch & { rule: KubeObject };

/**
 * The DestinationRule a client in `clientNamespace` uses for a service FQDN, or undefined.
 *
 * Istio looks in three places and the first with a host match wins (push_context.go destinationRule):
 * 1. the client's namespace (for a client in the root namespace, only its `exportTo: ["."]` rules);
 * 2. rules exported to the client from the service's namespace;
 * 3. rules exported to the client from the root namespace.
 * Within a namespace the most specific host wins (exact before the longest wildcard). Rules for the same
 * host are merged in creation-time order and the first top-level trafficPolicy wins
 * (mergeDestinationRule), so the rule returned is the one whose trafficPolicy is used.
 * A missing exportTo means exported everywhere. Rules with a workloadSelector apply only to matching
 * clients of their own namespace, so they are considered only when `clientLabels` is given.
 */
export function findDestinationRule(
  world: World,
  clientNamespace: string,
  serviceFqdn: string,
  clientLabels?: Record<string, string>,
): FoundDestinationRule | undefined {
  const root = world.rootNamespace;
  const serviceNamespace = namespaceOfHost(serviceFqdn);
  const steps: { namespace: string; foundIn: DestinationRuleMatch['foundIn']; visible: (dr: KubeObject) => boolean }[] = [
    clientNamespace === root
      ? { namespace: root, foundIn: 'client-namespace', visible: isPrivateOnly }
      : { namespace: clientNamespace, foundIn: 'client-namespace', visible: isVisibleInOwnNamespace },
  ];
  if (serviceNamespace !== undefined) steps.push({ namespace: serviceNamespace, foundIn: 'service-namespace', visible: (dr) => isExportedTo(dr, clientNamespace) });
  steps.push({ namespace: root, foundIn: 'root-namespace', visible: (dr) => isExportedTo(dr, clientNamespace) });

  for (const step of steps) {
    const candidates = world
      .list('DestinationRule', step.namespace)
      .filter(step.visible)
      .filter((dr) => appliesToClient(dr, clientNamespace, clientLabels));
    const found = pickForHost(candidates, serviceFqdn);
    if (found) return { ...found, foundIn: step.foundIn };
  }
  return undefined;
}

function pickForHost(rules: KubeObject[], serviceFqdn: string): Omit<FoundDestinationRule, 'foundIn'> | undefined {
  const withHost = rules.flatMap((rule) => {
    const host = getString(rule.spec, 'host');
    return host ? [{ rule, host, fqdn: expandHost(host, rule.metadata.namespace ?? '') }] : [];
  });
  const best = mostSpecificHostMatch(serviceFqdn, withHost.map((r) => r.fqdn));
  if (best === undefined) return undefined;
  // Rules with a workloadSelector come first and are not merged (sortConfigBySelectorAndCreationTime).
  const same = withHost.filter((r) => r.fqdn === best).sort((a, b) => Number(hasSelector(b.rule)) - Number(hasSelector(a.rule)) || compareByCreationTime(a.rule, b.rule));
  const first = same[0];
  if (first === undefined) return undefined;
  const chosen = hasSelector(first.rule) ? first : (same.find((r) => getPath(r.rule.spec, 'trafficPolicy') !== undefined) ?? first);
  return { namespace: chosen.rule.metadata.namespace ?? '', name: chosen.rule.metadata.name, host: chosen.host, fqdn: chosen.fqdn, rule: chosen.rule };
}

function exportTo(dr: KubeObject): string[] {
  const value = getPath(dr.spec, 'exportTo');
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Rules a proxy of the rule's own namespace sees first: anything not exported only elsewhere. */
function isVisibleInOwnNamespace(dr: KubeObject): boolean {
  const to = exportTo(dr);
  const own = dr.metadata.namespace ?? '';
  return to.length === 0 || to.includes('*') || to.includes('.') || to.includes(own);
}

/** `exportTo: ["."]` (or its own namespace alone): the rule is private to its namespace. */
function isPrivateOnly(dr: KubeObject): boolean {
  const to = exportTo(dr);
  return to.length === 1 && (to[0] === '.' || to[0] === (dr.metadata.namespace ?? ''));
}

function isExportedTo(dr: KubeObject, clientNamespace: string): boolean {
  if (isPrivateOnly(dr)) return false;
  const to = exportTo(dr);
  return to.length === 0 || to.includes('*') || to.includes(clientNamespace);
}

function hasSelector(dr: KubeObject): boolean {
  return Object.keys(getStringMap(dr.spec, 'workloadSelector', 'matchLabels')).length > 0;
}

/** "Workload selectors do not apply across namespace boundaries" (DestinationRule.workloadSelector docs). */
function appliesToClient(dr: KubeObject, clientNamespace: string, clientLabels: Record<string, string> | undefined): boolean {
  if (!hasSelector(dr)) return true;
  return clientLabels !== undefined && dr.metadata.namespace === clientNamespace && labelsMatch(getStringMap(dr.spec, 'workloadSelector', 'matchLabels'), clientLabels);
}

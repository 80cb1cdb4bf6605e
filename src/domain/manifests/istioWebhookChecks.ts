/**
 * Checks that Istio's validating webhook (`validation.istio.io`, pkg/config/validation/validation.go
 * and pkg/config/validation/agent) applies to several kinds; each kind's own checks live in its
 * module under src/domain/policies/.
 */
import { goQuoteString } from './goYaml.ts';
import { type Json, getPath, isJsonObject } from '../objects.ts';

/** What the webhook says of one object: errors deny it, warnings travel back to kubectl. */
export interface WebhookResult {
  errors: string[];
  warnings: string[];
}

/** validateWorkloadSelector: errors and the empty-selector warning. Go map order is random; keys are sorted here. */
export function workloadSelector(selector: Json | undefined, labelsField: string): WebhookResult {
  const result: WebhookResult = { errors: [], warnings: [] };
  if (!isJsonObject(selector ?? null)) return result;
  const found = getPath(selector, labelsField);
  const labels = isJsonObject(found ?? null) ? (found as Record<string, Json>) : {};
  for (const k of Object.keys(labels).sort()) {
    const value = labels[k];
    const v = typeof value === 'string' ? value : '';
    if (k === '') result.errors.push(`empty key is not supported in selector: ${goQuoteString(`${k}=${v}`)}`);
    if (k.includes('*') || v.includes('*')) result.errors.push(`wildcard is not supported in selector: ${goQuoteString(`${k}=${v}`)}`);
  }
  if (Object.keys(labels).length === 0) result.warnings.push('workload selector specified without labels');
  return result;
}

const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(\*|(\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;

/** labels.IsDNS1123Label as the webhook uses it: at most 63 characters, either case. */
export function isDns1123Label(name: string): boolean {
  return name.length <= 63 && DNS1123_LABEL.test(name);
}

/** agent.ValidateDNS1123Labels. */
function dns1123Labels(domain: string): string | undefined {
  const parts = domain.split('.');
  const tld = parts[parts.length - 1] ?? '';
  if (/^[+-]?\d+$/.test(tld)) return `domain name ${goQuoteString(domain)} invalid (top level domain ${goQuoteString(tld)} cannot be all-numeric)`;
  for (let i = 0; i < parts.length; i++) {
    const label = parts[i] ?? '';
    if (i === parts.length - 1 && label === '') return undefined;
    if (label.length > 63 || !DNS1123_LABEL.test(label)) return `domain name ${goQuoteString(domain)} invalid (label ${goQuoteString(label)} invalid)`;
  }
  return undefined;
}

/** agent.ValidateWildcardDomain. */
export function wildcardDomain(domain: string): string | undefined {
  if (domain.length > 255) return `domain name ${goQuoteString(domain)} too long (max 255)`;
  if (domain.length === 0) return 'empty domain name not allowed';
  const dot = domain.indexOf('.');
  const first = dot === -1 ? domain : domain.slice(0, dot);
  if (first.length > 63 || !WILDCARD_LABEL.test(first)) return `domain name ${goQuoteString(domain)} invalid (label ${goQuoteString(first)} invalid)`;
  return dot === -1 ? undefined : dns1123Labels(domain.slice(dot + 1));
}

import { type Json, getStringMap, isJsonObject } from '../../../domain/objects.ts';
import { compareByteWise } from '../format/compareByteWise.ts';

/** `a=b,c=d`, sorted by key: apimachinery labels.FormatLabels; `<none>` when empty. */
export function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort(compareByteWise);
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels[k]}`).join(',');
}

/** metav1.FormatLabelSelector for `spec.selector` (matchLabels and matchExpressions). */
export function formatSelector(selector: Json | undefined): string {
  if (!isJsonObject(selector)) return '<none>';
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(getStringMap(selector, 'matchLabels'))) parts.push({ key: k, text: `${k}=${v}` });
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isJsonObject) : [];
  for (const e of expressions) {
    const key = typeof e.key === 'string' ? e.key : '';
    const values = Array.isArray(e.values) ? e.values.filter((v): v is string => typeof v === 'string').sort(compareByteWise) : [];
    const op = typeof e.operator === 'string' ? e.operator : '';
    const text = op === 'In' ? `${key} in (${values.join(',')})` : op === 'NotIn' ? `${key} notin (${values.join(',')})` : op === 'Exists' ? key : `!${key}`;
    parts.push({ key, text });
  }
  parts.sort((a, b) => compareByteWise(a.key, b.key));
  return parts.length ? parts.map((p) => p.text).join(',') : '<none>';
}

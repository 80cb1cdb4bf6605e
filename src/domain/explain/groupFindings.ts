import type { LintFinding } from './types.ts';

/** Lint findings with one code: the same message about several objects, shown once. */
export interface LintGroup {
  /** A key for views: the first finding's id. */
  id: string;
  /** The findings, in lint order; one when the finding stands alone. */
  findings: readonly [LintFinding, ...LintFinding[]];
  /** The namespaces of the findings' objects, each once, in order. */
  namespaces: readonly string[];
}

/**
 * Groups lint findings by code, in the order the codes first appear (the findings about the
 * request's own objects come first, see explainTrace). Kiali reports KIA0501 for every namespace
 * with a namespace-wide policy: eleven copies of one message say no more than one row that counts
 * them.
 */
export function groupFindings(findings: readonly LintFinding[]): LintGroup[] {
  const groups = new Map<string, [LintFinding, ...LintFinding[]]>();
  for (const finding of findings) {
    const group = groups.get(finding.code);
    if (group) group.push(finding);
    else groups.set(finding.code, [finding]);
  }
  return [...groups.values()].map((group) => ({
    id: group[0].id,
    findings: group,
    namespaces: [...new Set(group.map((f) => f.object.namespace))],
  }));
}

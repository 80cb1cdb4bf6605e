/**
 * KCTL:pkg/cmd/util/helpers.go `GetResourcesAndPairs`: the arguments before the first `key=value` or
 * `key-` name resources; every later one must be a change (`pairType` is `label` or `annotation`).
 */
export function splitResourcesAndPairs(args: readonly string[], pairType: string): { ok: true; resources: string[]; pairs: string[] } | { ok: false; error: string } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const arg of args) {
    const isPair = (arg.includes('=') && !arg.startsWith('=')) || (arg.endsWith('-') && arg !== '-');
    if (isPair) pairs.push(arg);
    else if (pairs.length === 0) resources.push(arg);
    else return { ok: false, error: `all resources must be specified before ${pairType} changes: ${arg}` };
  }
  return { ok: true, resources, pairs };
}

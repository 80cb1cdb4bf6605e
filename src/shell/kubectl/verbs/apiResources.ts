import { KINDS, type KindInfo } from '../../../domain/kinds.ts';
import { formatTable } from '../format/index.ts';
import type { Verb } from '../types.ts';

/** The verbs discovery lists for a resource: every kind here has the standard set (Namespace has no deletecollection). */
function verbsOf(info: KindInfo): string[] {
  return info.kind === 'Namespace'
    ? ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']
    : ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
}

/** Discovery categories: `all` for the workload kinds, Istio's CRD categories for its kinds. */
function categoriesOf(info: KindInfo): string[] {
  if (['Pod', 'Service', 'Deployment', 'ReplicaSet'].includes(info.kind)) return ['all'];
  if (info.group.endsWith('.istio.io')) return ['istio-io', `${info.group.replace('.istio.io', '').replace(/\./g, '-')}-istio-io`];
  return [];
}

/** Kinds served under a second group too, which discovery lists again: events.k8s.io/v1 Event. */
const ALSO_SERVED: readonly KindInfo[] = [
  { kind: 'Event', group: 'events.k8s.io', versions: ['v1'], plural: 'events', singular: 'event', shortNames: ['ev'], namespaced: true },
];

interface Row {
  group: string;
  info: KindInfo;
}

/**
 * `kubectl api-resources` (KCTL:pkg/cmd/apiresources/apiresources.go `RunAPIResources`): each
 * resource this cluster serves at its preferred version, sorted by API group, then name (or by the
 * --sort-by field, then name), filtered by --api-group, --namespaced and --verbs.
 */
export const apiResourcesVerb: Verb = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  usage: 'kubectl api-resources [flags] [options]',
  flags: [
    { long: 'no-headers', type: 'bool', description: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { long: 'output', short: 'o', type: 'string', description: 'Output format. One of: (wide, name).' },
    { long: 'api-group', type: 'string', description: 'Limit to resources in the specified API group.' },
    { long: 'namespaced', type: 'bool', description: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { long: 'verbs', type: 'stringArray', description: 'Limit to resources that support the specified verbs.' },
    { long: 'sort-by', type: 'string', description: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { long: 'cached', type: 'bool', description: 'Use the cached list of resources if available.' },
    { long: 'categories', type: 'stringArray', description: 'Limit to resources that belong to the specified categories.' },
  ],
  run(ctx) {
    const output = ctx.flag<string>('output') ?? '';
    if (!['', 'wide', 'name'].includes(output)) {
      ctx.err(`error: --output ${output} is not available\n`);
      return 1;
    }
    const sortBy = ctx.flag<string>('sort-by') ?? '';
    if (sortBy !== '' && sortBy !== 'name' && sortBy !== 'kind') {
      ctx.err('error: --sort-by accepts only name or kind\n');
      return 1;
    }
    if (ctx.args.positionals.length > 0) {
      ctx.err(`error: unexpected arguments: [${ctx.args.positionals.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples\n`);
      return 1;
    }
    const group = ctx.flag<string>('api-group');
    const namespaced = ctx.flag<boolean>('namespaced');
    // StringSlice flags: each value may hold several, comma-separated.
    const verbs = (ctx.flag<string[]>('verbs') ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
    const categories = (ctx.flag<string[]>('categories') ?? []).flatMap((v) => v.split(',')).filter((v) => v !== '');
    const rows: Row[] = [...KINDS, ...ALSO_SERVED]
      .filter((info) => group === undefined || info.group === group)
      .filter((info) => namespaced === undefined || info.namespaced === namespaced)
      .filter((info) => verbs.every((v) => verbsOf(info).includes(v)))
      .filter((info) => categories.every((c) => categoriesOf(info).includes(c)))
      .map((info) => ({ group: info.group, info }));
    const key = (r: Row) => (sortBy === 'name' ? r.info.plural : sortBy === 'kind' ? r.info.kind : r.group);
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    rows.sort((a, b) => cmp(key(a), key(b)) || cmp(a.info.plural, b.info.plural));
    if (output === 'name') {
      for (const r of rows) ctx.out(`${r.info.plural}${r.group ? `.${r.group}` : ''}\n`);
      return 0;
    }
    const wide = output === 'wide';
    const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
    const table = rows.map(({ info }) => [
      info.plural,
      info.shortNames.join(','),
      info.group ? `${info.group}/${info.versions[0] ?? 'v1'}` : (info.versions[0] ?? 'v1'),
      String(info.namespaced),
      info.kind,
      ...(wide ? [verbsOf(info).join(','), categoriesOf(info).join(',')] : []),
    ]);
    ctx.out(formatTable(ctx.flag<boolean>('no-headers') === true ? table : [header, ...table]));
    return 0;
  },
};

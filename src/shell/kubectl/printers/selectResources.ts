import type { KubeObject } from '../../../domain/objects.ts';
import { deprecationWarnings } from './controllerView.ts';
import { fetchObjects } from './fetchObjects.ts';
import { parseResourceArgs } from './resourceArgs.ts';
import { parseSelector } from '../resources.ts';
import type { FlagSpec, VerbContext } from '../types.ts';

/** `-l`, as every command that selects objects declares it (KCTL cmdutil.AddLabelSelectorFlagVar). */
export const SELECTOR_FLAG: FlagSpec = { long: 'selector', short: 'l', type: 'string', description: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." };

/** CLIR:pkg/resource/builder.go `missingResourceError`, as checkErr prints it. */
export const MISSING_RESOURCE = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

/** The objects a command names, and the NotFound errors of the names that are not there. */
export interface Selected {
  objects: KubeObject[];
  /** `Error from server (NotFound): …` lines, in argument order. */
  errors: string[];
  /** One object was named: `-o yaml` prints it bare, `--list` without a heading. */
  singleItemImplied: boolean;
}

/**
 * What a command that changes objects visits (CLIR:pkg/resource/builder.go with
 * `ResourceTypeOrNameArgs(all, args…)`, `LabelSelectorParam`, `AllNamespaces`, `ContinueOnError`):
 * `TYPE NAME…`, `TYPE/NAME…`, or a bare TYPE with `-l` or `--all`. A bare TYPE without either is the
 * builder's "no name" error. Returns the error text (without newline) when the arguments are wrong.
 */
export function selectResources(
  ctx: VerbContext,
  args: readonly string[],
  options: { all?: boolean; allNamespaces?: boolean } = {},
): { ok: true; selected: Selected } | { ok: false; error: string } {
  const selectorText = (ctx.flag<string>('selector') ?? '').trim();
  const selector = parseSelector(selectorText);
  if (!selector.ok) return selector;
  const allNamespaces = options.allNamespaces === true;
  // ResourceTypeOrNameArgs(--all, …) selects everything only for a bare TYPE.
  const listAll = options.all === true && args.length === 1 && !args[0]?.includes('/');
  const parsed = parseResourceArgs(args, { selector: selectorText !== '' || listAll, allNamespaces });
  if (!parsed.ok) return parsed;
  if (!parsed.byName && selectorText === '' && !listAll) return { ok: false, error: 'error: resource(s) were provided, but no name was specified' };
  ctx.err(deprecationWarnings(parsed.requests.map((r) => r.info.kind)));
  const fetched = fetchObjects(ctx.world, parsed.requests, { namespace: ctx.namespace, allNamespaces, selector: selector.requirements });
  return { ok: true, selected: { objects: fetched.objects, errors: fetched.errors, singleItemImplied: parsed.singleItemImplied } };
}

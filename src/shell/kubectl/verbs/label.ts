import { type KindInfo, kindInfo } from '../../../domain/kinds.ts';
import { type FieldError, invalid, isQualifiedName, isValidLabelValue } from '../../../domain/manifests/fieldErrors.ts';
import { type KubeObject, ownValue } from '../../../domain/objects.ts';
import { type KubectlError, aggregate, checkErr } from '../checkErr.ts';
import { compareByteWise } from '../format/compareByteWise.ts';
import { quoteGoString } from '../format/quoteGoString.ts';
import { MUTATION_FLAGS, checkOutput, parseDryRun, printMutation, type DryRun } from '../printers/printMutation.ts';
import { parseResourceArgs } from '../printers/resourceArgs.ts';
import { splitResourcesAndPairs } from '../printers/resourcesAndPairs.ts';
import { matchesSelector, notFoundError, parseSelector } from '../resources.ts';
import type { Verb, VerbContext } from '../types.ts';

/** The label changes of one command: new values by key (insertion order kept) and keys to remove. */
interface LabelChanges {
  set: Map<string, string>;
  remove: string[];
}

/**
 * KCTL:pkg/cmd/label/label.go `parseLabels`: `key=value` must hold exactly one `=`, and its value
 * passes validation.IsValidLabelValue here, on the client; keys are left to the API server.
 */
function parseLabels(specs: readonly string[]): { ok: true; changes: LabelChanges } | { ok: false; error: string } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) return { ok: false, error: `invalid label spec: ${spec}` };
      const [key = '', value = ''] = parts;
      const errs = isValidLabelValue(value);
      if (errs.length !== 0) return { ok: false, error: `invalid label value: ${quoteGoString(spec)}: ${errs.join(';')}` };
      set.set(key, value);
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      return { ok: false, error: `unknown label spec: ${spec}` };
    }
  }
  if (remove.some((key) => set.has(key))) return { ok: false, error: 'can not both modify and remove a label in the same command' };
  return { ok: true, changes: { set, remove } };
}

/** label.go `updateDataChangeMsg`. */
function changeMessage(added: number, removed: number): string {
  if (added > 0 && removed > 0) return 'modified';
  if (added > 0) return 'labeled';
  if (removed > 0) return 'unlabeled';
  return 'not labeled';
}

/** apierrors.NewInvalid's GroupKind.String(): `Pod`, `Deployment.apps`, `PeerAuthentication.security.istio.io`. */
function qualifiedKind(info: KindInfo): string {
  return info.group ? `${info.kind}.${info.group}` : info.kind;
}

/**
 * What the API server's metadata validation says of the new labels (AM:pkg/apis/meta/v1/validation
 * `ValidateLabels`: validation.IsQualifiedName for each key, IsValidLabelValue for each value).
 */
function labelErrors(labels: Readonly<Record<string, string>>): FieldError[] {
  return Object.entries(labels).flatMap(([key, value]) => [
    ...isQualifiedName(key).map((msg) => invalid('metadata.labels', key, msg)),
    ...isValidLabelValue(value).map((msg) => invalid('metadata.labels', value, msg)),
  ]);
}

/**
 * Labels one object as label.go's visitor does: `label "k" not found.` for each absent removal
 * (not for a client dry run, which only labels the local copy), the --overwrite check
 * (`validateNoOverwrites`), then the merge patch, which the API server validates (and, for
 * `--dry-run=server`, does not store). Prints the object, or returns the error.
 */
function labelObject(ctx: VerbContext, obj: KubeObject, changes: LabelChanges, overwrite: boolean, dryRun: DryRun): KubectlError | undefined {
  const current = obj.metadata.labels;
  for (const key of changes.remove) {
    if (dryRun !== 'client' && !Object.hasOwn(current, key)) ctx.out(`label ${quoteGoString(key)} not found.\n`);
  }
  if (!overwrite) {
    const conflicts: KubectlError[] = [];
    for (const [key, value] of changes.set) {
      const existing = ownValue(current, key);
      if (existing !== undefined && existing !== value) conflicts.push({ type: 'plain', message: `'${key}' already has a value (${existing}), and --overwrite is false` });
    }
    const conflict = aggregate(conflicts);
    if (conflict) return conflict;
  }
  // A Map, then Object.fromEntries: every key, `__proto__` included, becomes an own entry.
  const next = new Map(Object.entries(current));
  let added = 0;
  let removed = 0;
  for (const [key, value] of changes.set) {
    if (next.get(key) !== value) added++;
    next.set(key, value);
  }
  for (const key of changes.remove) if (next.delete(key)) removed++;
  const info = kindInfo(obj.kind);
  const labels = Object.fromEntries(next);
  if ((added > 0 || removed > 0) && dryRun !== 'client') {
    const causes = labelErrors(labels);
    if (causes.length > 0) {
      return { type: 'invalid', kind: obj.kind, qualifiedKind: info ? qualifiedKind(info) : obj.kind, name: obj.metadata.name, causes };
    }
    if (dryRun === 'none') ctx.world.put({ ...obj, metadata: { ...obj.metadata, labels, resourceVersion: ctx.world.nextResourceVersion() } });
  }
  printMutation(ctx, { ...obj, metadata: { ...obj.metadata, labels } }, changeMessage(added, removed), dryRun);
  return undefined;
}

/** `--list`: the labels after the changes, which are not saved (label.go lists from the local copy). */
function listLabels(ctx: VerbContext, obj: KubeObject, changes: LabelChanges, single: boolean): void {
  const next = new Map(Object.entries(obj.metadata.labels));
  for (const [key, value] of changes.set) next.set(key, value);
  for (const key of changes.remove) next.delete(key);
  const indent = single ? '' : ' ';
  if (!single) ctx.out(`Listing labels for ${obj.kind}.${kindInfo(obj.kind)?.group ?? ''}/${obj.metadata.name}:\n`);
  for (const [key, value] of [...next].sort(([a], [b]) => compareByteWise(a, b))) ctx.out(`${indent}${key}=${value}\n`);
}

export const labelVerb: Verb = {
  name: 'label',
  short: 'Update the labels on a resource',
  usage: 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: [
    { long: 'overwrite', type: 'bool', description: 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.' },
    { long: 'all', type: 'bool', description: 'Select all resources, in the namespace of the specified resource types' },
    { long: 'all-namespaces', short: 'A', type: 'bool', description: 'If true, check the specified action in all namespaces.' },
    { long: 'selector', short: 'l', type: 'string', description: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { long: 'list', type: 'bool', description: 'If true, display the labels for a given resource.' },
    ...MUTATION_FLAGS,
  ],
  run(ctx) {
    const fail = (message: string): number => {
      ctx.err(checkErr({ type: 'plain', message }));
      return 1;
    };
    // LabelOptions.Complete, then Validate (KCTL:pkg/cmd/label/label.go).
    const split = splitResourcesAndPairs(ctx.args.positionals, 'label');
    if (!split.ok) return fail(split.error);
    const parsed = parseLabels(split.pairs);
    if (!parsed.ok) return fail(parsed.error);
    const dryRun = parseDryRun(ctx.flag<string>('dry-run'));
    if (!dryRun.ok) {
      ctx.err(`${dryRun.error}\n`);
      return 1;
    }
    const badOutput = checkOutput(ctx.flag<string>('output'));
    if (badOutput) {
      ctx.err(`${badOutput}\n`);
      return 1;
    }
    const { changes } = parsed;
    const all = ctx.flag<boolean>('all') === true;
    const allNamespaces = ctx.flag<boolean>('all-namespaces') === true;
    const list = ctx.flag<boolean>('list') === true;
    const selectorText = (ctx.flag<string>('selector') ?? '').trim();
    if (all && selectorText !== '') return fail('cannot set --all and --selector at the same time');
    if (split.resources.length < 1) return fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (changes.set.size < 1 && changes.remove.length < 1 && !list) return fail('at least one label update is required');

    // The builder: ResourceTypeOrNameArgs(--all, …) selects everything only for a bare TYPE, so
    // names given with --all are labelled alone (CLIR:pkg/resource/builder.go).
    const selector = parseSelector(selectorText);
    if (!selector.ok) {
      ctx.err(`${selector.error}\n`);
      return 1;
    }
    const listAll = all && split.resources.length === 1 && !split.resources[0]?.includes('/');
    const resources = parseResourceArgs(split.resources, { selector: selectorText !== '' || listAll, allNamespaces });
    if (!resources.ok) {
      ctx.err(`${resources.error}\n`);
      return 1;
    }
    if (!resources.byName && selectorText === '' && !listAll) return fail('resource(s) were provided, but no name was specified');

    // ContinueOnError: every object is visited; the errors are printed together at the end.
    const errors: KubectlError[] = [];
    const visit = (obj: KubeObject) => {
      if (list) return listLabels(ctx, obj, changes, resources.singleItemImplied);
      const error = labelObject(ctx, obj, changes, ctx.flag<boolean>('overwrite') === true, dryRun.dryRun);
      if (error) errors.push(error);
    };
    for (const { info, names } of resources.requests) {
      const ns = info.namespaced ? ctx.namespace : '';
      if (names) {
        for (const name of names) {
          const obj = ctx.world.get(info.kind, ns, name);
          if (obj) visit(obj);
          else errors.push({ type: 'status', text: notFoundError(info, name) });
        }
        continue;
      }
      const scope = info.namespaced && !allNamespaces ? ns : undefined;
      for (const obj of ctx.world.list(info.kind, scope)) if (matchesSelector(selector.requirements, obj.metadata.labels)) visit(obj);
    }
    const error = errors.length === 1 ? errors[0] : aggregate(errors);
    if (!error) return 0;
    ctx.err(checkErr(error));
    return 1;
  },
};

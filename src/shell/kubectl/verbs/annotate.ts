import { objectJson } from '../../../domain/cluster/objectJson.ts';
import { updateObject } from '../../../domain/cluster/updateObject.ts';
import { kindInfo } from '../../../domain/kinds.ts';
import { invalid, isQualifiedName } from '../../../domain/manifests/fieldErrors.ts';
import { type KubeObject, ownValue } from '../../../domain/objects.ts';
import { type KubectlError, aggregate, checkErr } from '../checkErr.ts';
import { compareByteWise } from '../format/compareByteWise.ts';
import { MUTATION_FLAGS, checkOutput, parseDryRun, printMutation, type DryRun } from '../printers/printMutation.ts';
import { splitResourcesAndPairs } from '../printers/resourcesAndPairs.ts';
import { SELECTOR_FLAG, selectResources } from '../printers/selectResources.ts';
import type { Verb, VerbContext } from '../types.ts';

/** The annotation changes of one command: new values by key and keys to remove. */
interface AnnotationChanges {
  set: Map<string, string>;
  remove: string[];
}

/** KCTL:pkg/cmd/util/helpers.go `ParsePairs(args, "annotation", true)`: `k=v` splits at the first `=`; `k-` removes. */
function parseAnnotations(pairs: readonly string[]): { ok: true; changes: AnnotationChanges } | { ok: false; error: string } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  const invalidPairs: string[] = [];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq > 0) set.set(pair.slice(0, eq), pair.slice(eq + 1));
    else if (pair.endsWith('-') && pair !== '-') remove.push(pair.slice(0, -1));
    else invalidPairs.push(pair);
  }
  if (invalidPairs.length > 0) return { ok: false, error: `invalid annotation format: ${invalidPairs.join(', ')}` };
  return { ok: true, changes: { set, remove } };
}

/** apimachinery ValidateAnnotations: each key, lower-cased, must be a qualified name. */
function annotationErrors(annotations: Readonly<Record<string, string>>) {
  return Object.keys(annotations).flatMap((key) => isQualifiedName(key.toLowerCase()).map((msg) => invalid('metadata.annotations', key, msg)));
}

/** annotate.go `validateNoAnnotationOverwrites`: `'k' already has a value (v)`, joined with `; `. */
function overwriteConflicts(obj: KubeObject, changes: AnnotationChanges): string | undefined {
  const conflicts: string[] = [];
  for (const [key, value] of changes.set) {
    if (key === 'kubernetes.io/change-cause') continue;
    const current = ownValue(obj.metadata.annotations, key);
    if (current !== undefined && current !== value) conflicts.push(`'${key}' already has a value (${current})`);
  }
  return conflicts.length ? `--overwrite is false but found the following declared annotation(s): ${conflicts.join('; ')}` : undefined;
}

/** The annotations after the changes; built as a Map so that `__proto__` stays an own key. */
function applyChanges(obj: KubeObject, changes: AnnotationChanges): Record<string, string> {
  const next = new Map(Object.entries(obj.metadata.annotations));
  for (const [key, value] of changes.set) next.set(key, value);
  for (const key of changes.remove) next.delete(key);
  return Object.fromEntries(next);
}

/** Annotates one object: the overwrite check, then the merge patch the API server validates and stores. */
function annotateObject(ctx: VerbContext, obj: KubeObject, changes: AnnotationChanges, dryRun: DryRun): KubectlError | undefined {
  if (ctx.flag<boolean>('overwrite') !== true) {
    const conflict = overwriteConflicts(obj, changes);
    if (conflict) return { type: 'plain', message: conflict };
  }
  const annotations = applyChanges(obj, changes);
  if (dryRun === 'client') {
    printMutation(ctx, { ...obj, metadata: { ...obj.metadata, annotations } }, 'annotated', dryRun);
    return undefined;
  }
  const causes = annotationErrors(annotations);
  const info = kindInfo(obj.kind);
  if (causes.length > 0) {
    return { type: 'invalid', kind: obj.kind, qualifiedKind: info?.group ? `${obj.kind}.${info.group}` : obj.kind, name: obj.metadata.name, causes };
  }
  const json = objectJson(obj);
  const updated = updateObject(ctx.world, obj, { ...json, metadata: { ...(json.metadata as object), annotations } }, { dryRun: dryRun === 'server' });
  if (!updated.ok) return { type: 'plain', message: updated.error };
  printMutation(ctx, dryRun === 'server' ? { ...obj, metadata: { ...obj.metadata, annotations } } : updated.object, 'annotated', dryRun);
  return undefined;
}

/** `--list`: the annotations after the changes, not saved (annotate.go lists from its local copy). */
function listAnnotations(ctx: VerbContext, obj: KubeObject, changes: AnnotationChanges, single: boolean): void {
  const annotations = applyChanges(obj, changes);
  if (!single) ctx.out(`Listing annotations for ${obj.kind}.${kindInfo(obj.kind)?.group ?? ''}/${obj.metadata.name}:\n`);
  // Go ranges over the map in random order; sorted here, so that transcripts stay reproducible.
  for (const key of Object.keys(annotations).sort(compareByteWise)) ctx.out(`${single ? '' : ' '}${key}=${annotations[key] ?? ''}\n`);
}

export const annotateVerb: Verb = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  usage: 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: [
    ...MUTATION_FLAGS,
    { long: 'overwrite', type: 'bool', description: 'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.' },
    { long: 'list', type: 'bool', description: 'If true, display the annotations for a given resource.' },
    { long: 'all', type: 'bool', description: 'Select all resources, in the namespace of the specified resource types.' },
    { long: 'all-namespaces', short: 'A', type: 'bool', description: 'If true, check the specified action in all namespaces.' },
    SELECTOR_FLAG,
  ],
  run(ctx) {
    const fail = (message: string): number => {
      ctx.err(checkErr({ type: 'plain', message }));
      return 1;
    };
    // AnnotateFlags.ToOptions (KCTL:pkg/cmd/annotate/annotate.go), in its order.
    const dryRun = parseDryRun(ctx.flag<string>('dry-run'));
    if (!dryRun.ok) return fail(dryRun.error);
    const outputError = checkOutput(ctx.flag<string>('output'));
    if (outputError) return fail(outputError);
    const split = splitResourcesAndPairs(ctx.args.positionals, 'annotation');
    if (!split.ok) return fail(split.error);
    const parsed = parseAnnotations(split.pairs);
    if (!parsed.ok) return fail(parsed.error);
    const { changes } = parsed;
    const list = ctx.flag<boolean>('list') === true;
    const all = ctx.flag<boolean>('all') === true;
    if (list && (ctx.flag<string>('output') ?? '') !== '') return fail('--list and --output may not be specified together');
    if (all && (ctx.flag<string>('selector') ?? '') !== '') return fail('cannot set --all and --selector at the same time');
    if (split.resources.length < 1) return fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (changes.set.size < 1 && changes.remove.length < 1 && !list) return fail('at least one annotation update is required');
    const both = changes.remove.filter((key) => changes.set.has(key));
    if (both.length > 0) return fail(`can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);

    const selected = selectResources(ctx, split.resources, { all, allNamespaces: ctx.flag<boolean>('all-namespaces') === true });
    if (!selected.ok) {
      ctx.err(`${selected.error}\n`);
      return 1;
    }
    const { objects, errors: notFound, singleItemImplied } = selected.selected;
    const errors: KubectlError[] = [];
    for (const obj of objects) {
      if (list) {
        listAnnotations(ctx, obj, changes, singleItemImplied);
        continue;
      }
      const error = annotateObject(ctx, obj, changes, dryRun.dryRun);
      if (error) errors.push(error);
    }
    errors.push(...notFound.map((text): KubectlError => ({ type: 'status', text })));
    const error = errors.length === 1 ? errors[0] : aggregate(errors);
    if (!error) return 0;
    ctx.err(checkErr(error));
    return 1;
  },
};

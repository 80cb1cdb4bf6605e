import { type Json, type KubeObject, getPath, isJsonObject } from '../../../domain/objects.ts';
import { evaluateJsonPath, relaxJsonPathExpression } from '../format/index.ts';
import { parseGoDuration } from '../format/parseGoDuration.ts';
import { MISSING_RESOURCE, SELECTOR_FLAG, selectResources } from '../printers/selectResources.ts';
import { toApiJson } from '../printers/toApiJson.ts';
import { kindInfo } from '../../../domain/kinds.ts';
import { objectName } from '../resources.ts';
import type { Verb, VerbContext } from '../types.ts';

/** What `--for` asks (KCTL:pkg/cmd/wait/wait.go `conditionFuncFor`). */
type Condition =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; name: string; status: string }
  | { kind: 'jsonpath'; template: string; value: string | undefined };

/** wait.go `splitJSONPathInput`: splits on single `=`, keeps `==`. */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let element = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        element += '==';
        i++;
        continue;
      }
      out.push(element);
      element = '';
      continue;
    }
    element += input[i];
  }
  out.push(element);
  return out;
}

function parseCondition(text: string): { ok: true; condition: Condition } | { ok: false; error: string } {
  const lower = text.toLowerCase();
  if (lower === 'delete') return { ok: true, condition: { kind: 'delete' } };
  if (lower === 'create') return { ok: true, condition: { kind: 'create' } };
  if (text.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const eq = rest.indexOf('=');
    return { ok: true, condition: { kind: 'condition', name: eq === -1 ? rest : rest.slice(0, eq), status: eq === -1 ? 'true' : rest.slice(eq + 1) } };
  }
  if (text.startsWith('jsonpath=')) {
    const parts = splitJsonPathInput(text.slice('jsonpath='.length));
    if (parts.length < 1 || parts.length > 2) return { ok: false, error: "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'" };
    const relaxed = relaxJsonPathExpression(parts[0] ?? '');
    if (!relaxed.ok) return { ok: false, error: relaxed.error };
    if (relaxed.template === '') return { ok: false, error: 'jsonpath expression cannot be empty' };
    if (parts.length === 1) return { ok: true, condition: { kind: 'jsonpath', template: relaxed.template, value: undefined } };
    const value = (parts[1] ?? '').replace(/^['"]+|['"]+$/g, '');
    if (value === '') return { ok: false, error: "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3" };
    return { ok: true, condition: { kind: 'jsonpath', template: relaxed.template, value } };
  }
  return { ok: false, error: `unrecognized condition: ${JSON.stringify(text)}` };
}

/**
 * The conditions of an object's status. A Deployment's are derived from its replica counts when
 * the stored status has none (the simulated controller finishes at once: Available and Progressing).
 */
function conditionsOf(obj: KubeObject): Json[] {
  const stored = getPath(obj.status, 'conditions');
  if (Array.isArray(stored)) return stored;
  if (obj.kind !== 'Deployment') return [];
  const wanted = getPath(obj.spec, 'replicas');
  const available = getPath(obj.status, 'availableReplicas');
  const ok = typeof available === 'number' && available >= (typeof wanted === 'number' ? wanted : 1);
  return [
    { type: 'Available', status: ok ? 'True' : 'False' },
    { type: 'Progressing', status: 'True' },
  ];
}

/** condition.go `checkCondition`: the named condition's status, case-folded, once observed. */
function conditionMet(obj: KubeObject, name: string, status: string): boolean {
  for (const c of conditionsOf(obj)) {
    if (!isJsonObject(c) || typeof c.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase() || typeof c.status !== 'string') continue;
    const observed = typeof c.observedGeneration === 'number' ? c.observedGeneration : getPath(obj.status, 'observedGeneration');
    if (typeof observed === 'number' && observed < obj.metadata.generation) return false;
    return c.status.toLowerCase() === status.toLowerCase();
  }
  return false;
}

function isMet(ctx: VerbContext, obj: KubeObject, condition: Condition): boolean {
  switch (condition.kind) {
    case 'delete': return false;
    case 'create': return true;
    case 'condition': return conditionMet(obj, condition.name, condition.status);
    case 'jsonpath': {
      const result = evaluateJsonPath(condition.template, toApiJson(obj, { now: ctx.world.nowSeconds() }), { allowMissingKeys: true });
      if (!result.ok || result.text === '') return false;
      return condition.value === undefined || result.text === condition.value;
    }
  }
}

/**
 * `kubectl wait --for=… TYPE/NAME` (KCTL:pkg/cmd/wait/wait.go, condition.go, delete.go, json.go).
 * Nothing changes in the simulated cluster while a command runs, so a condition not met now is
 * never met: the command waits out its timeout on the simulated clock, then fails as kubectl does.
 */
export const waitVerb: Verb = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  usage: "kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]",
  flags: [
    { long: 'for', type: 'string', description: "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." },
    { long: 'timeout', type: 'string', description: "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week." },
    { long: 'all', type: 'bool', description: 'Select all resources in the namespace of the specified resource types' },
    { long: 'all-namespaces', short: 'A', type: 'bool', description: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    SELECTOR_FLAG,
    { long: 'output', short: 'o', type: 'string', description: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  ],
  run(ctx) {
    const timeoutText = ctx.flag<string>('timeout') ?? '30s';
    const timeout = parseGoDuration(timeoutText);
    if (!timeout.ok) {
      ctx.err(`error: invalid argument "${timeoutText}" for "--timeout" flag: ${timeout.error}\nSee 'kubectl wait --help' for usage.\n`);
      return 1;
    }
    const parsed = parseCondition(ctx.flag<string>('for') ?? '');
    if (!parsed.ok) {
      ctx.err(`error: ${parsed.error}\n`);
      return 1;
    }
    const condition = parsed.condition;
    const args = ctx.args.positionals;
    if (args.length === 0) {
      ctx.err(`${MISSING_RESOURCE}\n`);
      return 1;
    }
    const selected = selectResources(ctx, args, { all: ctx.flag<boolean>('all') === true, allNamespaces: ctx.flag<boolean>('all-namespaces') === true });
    if (!selected.ok) {
      ctx.err(`${selected.error}\n`);
      return 1;
    }
    const { objects, errors } = selected.selected;
    // A week for a negative timeout; the simulated clock moves by what the wait would have taken.
    const waitMs = timeout.ms < 0 ? 168 * 3_600_000 : timeout.ms;
    if (condition.kind === 'create' && objects.length === 0) {
      ctx.services.sleep(waitMs);
      ctx.err('error: timed out waiting for the condition\n');
      return 1;
    }
    if (errors.length > 0 && condition.kind !== 'delete') {
      ctx.err(`${errors[0] ?? ''}\n`);
      return 1;
    }
    for (const obj of objects) {
      if (isMet(ctx, obj, condition)) {
        ctx.out(`${objectName(obj)} condition met\n`);
        continue;
      }
      const resource = `${kindInfo(obj.kind)?.plural ?? obj.kind.toLowerCase()}/${obj.metadata.name}`;
      if (waitMs === 0) {
        ctx.err(`error: condition not met for ${resource}\n`);
        return 1;
      }
      ctx.services.sleep(waitMs);
      ctx.err(`error: timed out waiting for the condition on ${resource}\n`);
      return 1;
    }
    if (objects.length === 0 && condition.kind !== 'delete') {
      ctx.err('error: no matching resources found\n');
      return 1;
    }
    return 0;
  },
};

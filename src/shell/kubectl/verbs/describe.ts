import type { KubeObject } from '../../../domain/objects.ts';
import { describeObject } from '../printers/describeObject.ts';
import { deprecationWarnings } from '../printers/controllerView.ts';
import { describeEventsTable } from '../printers/describeEvents.ts';
import { fetchObjects } from '../printers/fetchObjects.ts';
import { parseResourceArgs } from '../printers/resourceArgs.ts';
import { parseSelector } from '../resources.ts';
import type { Verb } from '../types.ts';

export const describeVerb: Verb = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: [
    { long: 'selector', short: 'l', type: 'string', description: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)" },
    { long: 'all-namespaces', short: 'A', type: 'bool', description: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { long: 'show-events', type: 'bool', description: 'If true, display events related to the described object.' },
  ],
  run(ctx) {
    const args = ctx.args.positionals;
    const allNamespaces = ctx.flag<boolean>('all-namespaces') === true;
    if (args.length === 0) {
      ctx.err('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
      return 1;
    }
    const selectorText = ctx.flag<string>('selector');
    const selector = parseSelector(selectorText ?? '');
    if (!selector.ok) {
      ctx.err(`${selector.error}\n`);
      return 1;
    }
    const parsed = parseResourceArgs(args, { selector: (selectorText ?? '').trim() !== '', allNamespaces });
    if (!parsed.ok) {
      ctx.err(`${parsed.error}\n`);
      return 1;
    }
    const scope = { namespace: ctx.namespace, allNamespaces, selector: selector.requirements };
    ctx.err(deprecationWarnings(parsed.requests.map((r) => r.info.kind)));
    const fetched = fetchObjects(ctx.world, parsed.requests, scope);
    const describe = (obj: KubeObject): string => {
      const text = describeObject(ctx.world, obj);
      if (ctx.flag<boolean>('show-events') === false) return text.replace(/Events:[^\n]*\n$/, '');
      const events = describeEventsTable(ctx.world, obj);
      return events === undefined ? text : text.replace(/Events:[^\n]*\n$/, events);
    };

    // KCTL:pkg/cmd/describe/describe.go: `describe TYPE NAME_PREFIX` falls back to every object whose name starts with it.
    const request = parsed.requests[0];
    if (fetched.errors.length > 0 && args.length === 2 && request && !args[0]?.includes('/')) {
      const prefix = args[1] ?? '';
      const matches = fetchObjects(ctx.world, [{ info: request.info }], { ...scope, selector: [] }).objects
        .filter((obj) => obj.metadata.name.startsWith(prefix));
      if (matches.length === 0) {
        ctx.err(`${fetched.errors[0]}\n`);
        return 1;
      }
      for (const obj of matches) ctx.out(`${describe(obj)}\n`);
      return 0;
    }

    fetched.objects.forEach((obj, i) => ctx.out(i === 0 ? describe(obj) : `\n\n${describe(obj)}`));
    if (fetched.objects.length === 0 && fetched.errors.length === 0) {
      ctx.err(allNamespaces ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
    }
    for (const e of fetched.errors) ctx.err(`${e}\n`);
    return fetched.errors.length > 0 ? 1 : 0;
  },
};

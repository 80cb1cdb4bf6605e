import { type KindInfo, kindInfo } from '../../../domain/kinds.ts';
import type { Json, KubeObject } from '../../../domain/objects.ts';
import {
  evaluateJsonPath,
  formatJson,
  formatJsonList,
  formatTable,
  formatYaml,
  formatYamlList,
  relaxJsonPathExpression,
  wrapInList,
} from '../format/index.ts';
import { compareByteWise } from '../format/compareByteWise.ts';
import { deprecationWarnings } from '../printers/controllerView.ts';
import { fetchObjects } from '../printers/fetchObjects.ts';
import { selectByFields } from '../printers/fieldSelector.ts';
import { parseResourceArgs } from '../printers/resourceArgs.ts';
import { tableRows } from '../printers/tableRows.ts';
import { toApiJson } from '../printers/toApiJson.ts';
import { objectName, parseSelector } from '../resources.ts';
import type { Verb } from '../types.ts';

const ALLOWED_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** The printer `-o` selects (CLIR:pkg/genericclioptions print flags). */
type Printer =
  | { kind: 'table'; wide: boolean }
  | { kind: 'name' }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'jsonpath'; template: string; asJson: boolean }
  | { kind: 'custom-columns'; spec: string };

function choosePrinter(output: string, template: string | undefined): { ok: true; printer: Printer } | { ok: false; error: string } {
  if (output === '' || output === 'wide') return { ok: true, printer: { kind: 'table', wide: output === 'wide' } };
  if (output === 'name' || output === 'yaml' || output === 'json') return { ok: true, printer: { kind: output } };
  const eq = output.indexOf('=');
  const format = eq === -1 ? output : output.slice(0, eq);
  const argument = eq === -1 ? (template ?? '') : output.slice(eq + 1);
  if (format === 'jsonpath' || format === 'jsonpath-as-json') {
    return { ok: true, printer: { kind: 'jsonpath', template: argument, asJson: format === 'jsonpath-as-json' } };
  }
  if (format === 'custom-columns') {
    if (argument === '') return { ok: false, error: 'error: custom-columns format specified but no custom columns given' };
    return { ok: true, printer: { kind: 'custom-columns', spec: argument } };
  }
  if (['go-template', 'template', 'go-template-file', 'templatefile', 'jsonpath-file', 'custom-columns-file'].includes(format)) {
    return { ok: false, error: `error: the simulator does not implement -o ${format}; use -o jsonpath=… or -o custom-columns=…` };
  }
  return { ok: false, error: `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${ALLOWED_FORMATS}` };
}

/** Go's %v of a sort key: what --sort-by compares. */
function sortKey(obj: KubeObject, template: string, now: number): { text: string; number?: number } {
  const result = evaluateJsonPath(template, toApiJson(obj, { now }));
  const text = result.ok ? result.text : '';
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? { text, number: n } : { text };
}

/** --sort-by within each kind (KCTL:pkg/cmd/get/sorter.go compares numbers as numbers, else strings). */
function sortObjects(objects: KubeObject[], field: string, now: number): { ok: true; objects: KubeObject[] } | { ok: false; error: string } {
  const relaxed = relaxJsonPathExpression(field);
  if (!relaxed.ok) return { ok: false, error: `error: ${relaxed.error}` };
  const keyed = objects.map((obj, index) => ({ obj, index, key: sortKey(obj, relaxed.template, now) }));
  keyed.sort((a, b) => {
    if (a.obj.kind !== b.obj.kind) return a.index - b.index;
    const byKey = a.key.number !== undefined && b.key.number !== undefined ? a.key.number - b.key.number : compareByteWise(a.key.text, b.key.text);
    return byKey !== 0 ? byKey : a.index - b.index;
  });
  return { ok: true, objects: keyed.map((k) => k.obj) };
}

/** Runs of consecutive objects of one kind: each prints as its own table. */
function groupByKind(objects: readonly KubeObject[]): { info: KindInfo; objects: KubeObject[] }[] {
  const groups: { info: KindInfo; objects: KubeObject[] }[] = [];
  for (const obj of objects) {
    const last = groups[groups.length - 1];
    if (last && last.info.kind === obj.kind) last.objects.push(obj);
    else {
      const info = kindInfo(obj.kind);
      if (info) groups.push({ info, objects: [obj] });
    }
  }
  return groups;
}

/** CLIR:pkg/printers/customcolumn.go: `HEADER:expr,…`, each cell the expression's results or `<none>`. */
function customColumns(spec: string, items: readonly Json[], noHeaders: boolean): { ok: true; text: string } | { ok: false; error: string } {
  const columns: { header: string; template: string }[] = [];
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    if (colon === -1) return { ok: false, error: `error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const relaxed = relaxJsonPathExpression(part.slice(colon + 1));
    if (!relaxed.ok) return { ok: false, error: `error: ${relaxed.error}` };
    columns.push({ header: part.slice(0, colon), template: relaxed.template });
  }
  const rows: string[][] = noHeaders ? [] : [columns.map((c) => c.header)];
  for (const item of items) {
    const row: string[] = [];
    for (const c of columns) {
      const result = evaluateJsonPath(c.template, item);
      if (!result.ok) return { ok: false, error: result.error.replace(/\n$/, '') };
      row.push(result.text === '' ? '<none>' : result.text);
    }
    rows.push(row);
  }
  return { ok: true, text: formatTable(rows) };
}

export const getVerb: Verb = {
  name: 'get',
  short: 'Display one or many resources',
  usage: 'kubectl get [(-o|--output=)json|yaml|name|wide|custom-columns=...|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    { long: 'output', short: 'o', type: 'string', description: 'Output format. One of: (json, yaml, name, wide, custom-columns, jsonpath, jsonpath-as-json).' },
    { long: 'all-namespaces', short: 'A', type: 'bool', description: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { long: 'selector', short: 'l', type: 'string', description: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." },
    { long: 'field-selector', type: 'string', description: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { long: 'show-labels', type: 'bool', description: 'When printing, show all labels as the last column (default hide labels column).' },
    { long: 'label-columns', short: 'L', type: 'stringArray', description: 'Accepts a comma separated list of labels that are going to be presented as columns.' },
    { long: 'no-headers', type: 'bool', description: 'When using the default or custom-column output format, don\'t print headers (default print headers).' },
    { long: 'watch', short: 'w', type: 'bool', description: 'After listing/getting the requested object, watch for changes.' },
    { long: 'sort-by', type: 'string', description: 'If non-empty, sort list types using this field specification.' },
    { long: 'ignore-not-found', type: 'bool', description: 'If set to true, suppresses NotFound error for specific objects that do not exist.' },
    { long: 'template', type: 'string', description: 'Template string or path to template file to use when -o=jsonpath.' },
    { long: 'allow-missing-template-keys', type: 'bool', description: 'If true, ignore any errors in templates when a field or map key is missing in the template.' },
  ],
  run(ctx) {
    const args = ctx.args.positionals;
    const output = ctx.flag<string>('output') ?? '';
    const allNamespaces = ctx.flag<boolean>('all-namespaces') === true;
    const noHeaders = ctx.flag<boolean>('no-headers') === true;
    const ignoreNotFound = ctx.flag<boolean>('ignore-not-found') === true;
    if (args.length === 0) {
      ctx.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
      ctx.err('error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n');
      return 1;
    }
    if (ctx.flag<boolean>('show-labels') === true && output !== '' && output !== 'wide') {
      ctx.err(`error: --show-labels option cannot be used with ${output} printer\n`);
      return 1;
    }
    const selectorText = ctx.flag<string>('selector');
    const selector = parseSelector(selectorText ?? '');
    if (!selector.ok) {
      ctx.err(`${selector.error}\n`);
      return 1;
    }
    const fieldText = ctx.flag<string>('field-selector') ?? '';
    const parsed = parseResourceArgs(args, { selector: (selectorText ?? '').trim() !== '' || fieldText !== '', allNamespaces });
    if (!parsed.ok) {
      ctx.err(`${parsed.error}\n`);
      return 1;
    }
    const chosen = choosePrinter(output, ctx.flag<string>('template'));
    if (!chosen.ok) {
      ctx.err(`${chosen.error}\n`);
      return 1;
    }
    const printer = chosen.printer;
    const now = ctx.world.nowSeconds();
    ctx.err(deprecationWarnings(parsed.requests.map((r) => r.info.kind)));
    const fetched = fetchObjects(ctx.world, parsed.requests, { namespace: ctx.namespace, allNamespaces, selector: selector.requirements });
    const fields = selectByFields(fetched.objects, parsed.requests, fieldText, selectorText ?? '');
    if (!fields.ok) {
      ctx.err(`${fields.error}\n`);
      return 1;
    }
    let objects = fields.objects;
    const errors = ignoreNotFound ? [] : fetched.errors;
    const sortBy = ctx.flag<string>('sort-by');
    if (sortBy) {
      const sorted = sortObjects(objects, sortBy, now);
      if (!sorted.ok) {
        ctx.err(`${sorted.error}\n`);
        return 1;
      }
      objects = sorted.objects;
    }
    const finish = (): number => {
      for (const e of errors) ctx.err(`${e}\n`);
      return errors.length > 0 ? 1 : 0;
    };

    if (printer.kind === 'table') {
      const groups = groupByKind(objects);
      if (ctx.flag<boolean>('watch') === true && groups.length > 1) {
        ctx.err('error: watch is only supported on individual resources and resource collections - more than 1 resource was found\n');
        return 1;
      }
      const labelColumns = (ctx.flag<string[]>('label-columns') ?? []).flatMap((l) => l.split(',')).filter((l) => l !== '');
      const withKind = new Set(objects.map((o) => o.kind)).size > 1;
      let written = 0;
      for (const group of groups) {
        const rows = tableRows(group.info, group.objects, {
          wide: printer.wide,
          withNamespace: allNamespaces,
          withKind,
          showLabels: ctx.flag<boolean>('show-labels') === true,
          labelColumns,
          now,
        });
        const text = formatTable(noHeaders ? rows.slice(1) : rows);
        if (text === '') continue;
        if (written > 0 && !noHeaders) ctx.out('\n');
        ctx.out(text);
        written += text.length;
      }
      if (written === 0 && errors.length === 0 && !ignoreNotFound) {
        ctx.err(allNamespaces ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
      }
      return finish();
    }

    if (printer.kind === 'name') {
      for (const obj of objects) ctx.out(`${objectName(obj)}\n`);
      return finish();
    }

    // yaml, json, jsonpath and custom-columns print the objects as the API server returns them.
    const single = parsed.singleItemImplied;
    if (single && objects.length === 0) return finish();
    const items = objects.map((obj) => toApiJson(obj, { now }));
    const data: Json = single && items.length === 1 ? (items[0] as Json) : wrapInList(items);
    switch (printer.kind) {
      case 'yaml':
        ctx.out(single && items.length === 1 ? formatYaml(data) : formatYamlList(items));
        break;
      case 'json':
        ctx.out(single && items.length === 1 ? formatJson(data) : formatJsonList(items));
        break;
      case 'jsonpath': {
        const allowMissing = ctx.flag<boolean>('allow-missing-template-keys');
        const result = evaluateJsonPath(printer.template, data, { allowMissingKeys: allowMissing !== false, outputJson: printer.asJson });
        if (!result.ok) {
          ctx.err(result.error);
          return 1;
        }
        ctx.out(result.text);
        break;
      }
      case 'custom-columns': {
        const result = customColumns(printer.spec, items, noHeaders);
        if (!result.ok) {
          ctx.err(`${result.error}\n`);
          return 1;
        }
        ctx.out(result.text);
        break;
      }
    }
    return finish();
  },
};

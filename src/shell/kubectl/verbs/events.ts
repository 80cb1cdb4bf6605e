import { preferredApiVersion } from '../../../domain/kinds.ts';
import { type KubeObject, getPath, getString } from '../../../domain/objects.ts';
import { formatJson, formatTable, formatYaml, humanDuration } from '../format/index.ts';
import { toApiJson } from '../printers/toApiJson.ts';
import { withControllerObjects } from '../printers/controllerView.ts';
import { resolveKind } from '../resources.ts';
import type { Verb } from '../types.ts';

/** A timestamp field of an event in seconds, or undefined when unset (the zero time). */
function seconds(ev: KubeObject, field: string): number | undefined {
  const v = getPath(ev.fields, field);
  if (typeof v !== 'string' || v === '') return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** KCTL:pkg/cmd/events/events.go eventTime: lastTimestamp, else eventTime (microseconds), for sorting; in ms. */
function eventTime(ev: KubeObject): number {
  const last = seconds(ev, 'lastTimestamp');
  if (last !== undefined) return last * 1000;
  const micro = getPath(ev.fields, 'eventTime');
  const ms = typeof micro === 'string' ? Date.parse(micro) : Number.NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** KCTL:pkg/cmd/events/event_printer.go getInterval: eventTime (else firstTimestamp), or `(xN over …)`. */
function interval(ev: KubeObject, now: number): string {
  const since = (t: number | undefined) => (t === undefined ? '<unknown>' : humanDuration(now - t));
  const first = since(seconds(ev, 'eventTime') ?? seconds(ev, 'firstTimestamp'));
  const count = Number(getPath(ev.fields, 'count') ?? 0);
  return count > 1 ? `${since(seconds(ev, 'lastTimestamp'))} (x${count} over ${first})` : first;
}

/**
 * `kubectl events` (KCTL:pkg/cmd/events/events.go and event_printer.go): the namespace's events (or
 * every namespace's with -A) sorted by time, optionally only those of one object (`--for
 * TYPE/NAME`) or of some types (`--types Normal,Warning`), as `LAST SEEN TYPE REASON OBJECT MESSAGE`
 * with the object as `Kind/name`. `-w` lists once: the simulated world changes only between commands.
 */
export const eventsVerb: Verb = {
  name: 'events',
  short: 'List events',
  usage: 'kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]',
  flags: [
    { long: 'all-namespaces', short: 'A', type: 'bool', description: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { long: 'for', type: 'string', description: 'Filter events to only those pertaining to the specified resource.' },
    { long: 'types', type: 'stringArray', description: 'Output only events of given types.' },
    { long: 'no-headers', type: 'bool', description: "When using the default output format, don't print headers." },
    { long: 'watch', short: 'w', type: 'bool', description: 'After listing the requested events, watch for more events.' },
    { long: 'output', short: 'o', type: 'string', description: 'Output format. One of: (json, yaml).' },
  ],
  run(ctx) {
    const all = ctx.flag<boolean>('all-namespaces') === true;
    const output = ctx.flag<string>('output') ?? '';
    if (output !== '' && output !== 'json' && output !== 'yaml') {
      ctx.err(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml\n`);
      return 1;
    }
    let forKind: string | undefined;
    let forApiVersion: string | undefined;
    let forName: string | undefined;
    const target = ctx.flag<string>('for');
    if (target !== undefined && target !== '') {
      const parts = target.split('/');
      if (parts.length > 2) {
        ctx.err('error: arguments in resource/name form may not have more than one slash\n');
        return 1;
      }
      if (parts.length !== 2) {
        ctx.err('error: --for must be in resource/name form\n');
        return 1;
      }
      const kind = resolveKind(parts[0] ?? '');
      if (!kind.ok) {
        ctx.err(`${kind.error}\n`);
        return 1;
      }
      forKind = kind.info.kind;
      forApiVersion = preferredApiVersion(kind.info);
      forName = parts[1] ?? '';
    }
    const types = (ctx.flag<string[]>('types') ?? []).flatMap((t) => t.split(',')).filter((t) => t !== '');
    if (types.some((t) => t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning')) {
      ctx.err('error: valid --types are Normal or Warning\n');
      return 1;
    }
    const now = ctx.world.nowSeconds();
    const events = withControllerObjects(ctx.world, 'Event', all ? undefined : ctx.namespace)
      .filter((ev) => forName === undefined || (
        getString(ev.fields, 'involvedObject', 'kind') === forKind
        && getString(ev.fields, 'involvedObject', 'apiVersion') === forApiVersion
        && getString(ev.fields, 'involvedObject', 'name') === forName))
      // filteredEventType: an exact, case-sensitive match against the listed types.
      .filter((ev) => types.length === 0 || types.includes(getString(ev.fields, 'type') ?? ''))
      .map((ev, index) => ({ ev, index, at: eventTime(ev) }))
      .sort((a, b) => a.at - b.at || a.index - b.index)
      .map((e) => e.ev);
    if (events.length === 0) {
      ctx.err(all ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
      return 0;
    }
    if (output !== '') {
      const list = { apiVersion: 'v1', items: events.map((ev) => toApiJson(ev)), kind: 'EventList', metadata: {} };
      ctx.out(output === 'json' ? formatJson(list) : formatYaml(list));
      return 0;
    }
    const header = [...(all ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
    const rows = events.map((ev) => [
      ...(all ? [ev.metadata.namespace ?? ''] : []),
      interval(ev, now),
      getString(ev.fields, 'type') ?? '',
      getString(ev.fields, 'reason') ?? '',
      `${getString(ev.fields, 'involvedObject', 'kind') ?? ''}/${getString(ev.fields, 'involvedObject', 'name') ?? ''}`,
      (getString(ev.fields, 'message') ?? '').trim(),
    ]);
    ctx.out(formatTable(ctx.flag<boolean>('no-headers') === true ? rows : [header, ...rows]));
    return 0;
  },
};

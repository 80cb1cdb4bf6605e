import { type KubeObject, getPath, getString } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import { humanDuration } from '../format/index.ts';
import { withControllerObjects } from './controllerView.ts';
import { tabbedString } from './tabbedString.ts';

/** An event's time in ms for sorting (events.go eventTime: lastTimestamp, else eventTime). */
function sortTime(ev: KubeObject): number {
  const last = getString(ev.fields, 'lastTimestamp');
  const ms = Date.parse(last ?? '') || Date.parse(getString(ev.fields, 'eventTime') ?? '');
  return Number.isNaN(ms) ? 0 : ms;
}

/** describe.go DescribeEvents' Age: from eventTime (else firstTimestamp), with `(xN over …)` when repeated. */
function age(ev: KubeObject, now: number): string {
  const since = (text: string | undefined) => {
    const ms = Date.parse(text ?? '');
    return Number.isNaN(ms) ? '<unknown>' : humanDuration(now - Math.floor(ms / 1000));
  };
  const first = getString(ev.fields, 'eventTime') ? since(getString(ev.fields, 'eventTime')) : since(getString(ev.fields, 'firstTimestamp'));
  const count = Number(getPath(ev.fields, 'count') ?? 0);
  return count > 1 ? `${since(getString(ev.fields, 'lastTimestamp'))} (x${count} over ${first})` : first;
}

/**
 * The Events section `kubectl describe` ends with (KCTL v0.33 pkg/describe/describe.go
 * searchEvents and DescribeEvents): the events whose involvedObject is this object (by kind, name,
 * namespace and uid), sorted by time, as `Type Reason Age From Message`; `Events: <none>` when none.
 * Returns undefined when there are none, so the describer's own `<none>` line stays as it is.
 */
export function describeEventsTable(world: World, obj: KubeObject): string | undefined {
  const now = world.nowSeconds();
  const events = withControllerObjects(world, 'Event', obj.metadata.namespace ?? 'default')
    .filter((ev) => getString(ev.fields, 'involvedObject', 'uid') === obj.metadata.uid
      && getString(ev.fields, 'involvedObject', 'kind') === obj.kind
      && getString(ev.fields, 'involvedObject', 'name') === obj.metadata.name)
    .map((ev, index) => ({ ev, index, at: sortTime(ev) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map((e) => e.ev);
  if (events.length === 0) return undefined;
  return tabbedString((w) => {
    w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
    w.write(1, '----\t------\t----\t----\t-------\n');
    for (const ev of events) {
      const from = getString(ev.fields, 'source', 'component') || (getString(ev.fields, 'reportingComponent') ?? '');
      w.write(1, `${getString(ev.fields, 'type') ?? ''}\t${getString(ev.fields, 'reason') ?? ''}\t${age(ev, now)}\t${from}\t${(getString(ev.fields, 'message') ?? '').trim()}\n`);
    }
  });
}

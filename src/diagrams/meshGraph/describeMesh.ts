import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import { ENGLISH, type Translator } from '../../i18n/locale.ts';
import type { MeshLayout } from './types.ts';
import { compareText } from '../../domain/compareText.ts';

/**
 * The plain-text alternative to the mesh diagram: one line per workload with its mode and level,
 * from the layout, whose workload nodes' titles are those sentences' words already (a redraw of a
 * large mesh does not describe every workload twice).
 */
export function describeLayout(layout: Pick<MeshLayout, 'nodes'>, tr: Translator = ENGLISH): string {
  const workloads = layout.nodes.filter((n) => n.kind !== 'external' && n.kind !== 'loadbalancer').sort((a, b) => compareText(a.id, b.id));
  return workloads.map((n) => tr.t('diagram.sentence', { text: n.title })).join('\n');
}

/** A one-sentence summary for the diagram's accessible name. */
export function meshAriaLabel(mesh: readonly WorkloadMtls[], inFlight = 0, tr: Translator = ENGLISH): string {
  const count = { STRICT: 0, PERMISSIVE: 0, DISABLE: 0 };
  let bare = 0;
  for (const w of mesh) {
    if (w.sidecar && w.workloadMode) count[w.workloadMode.mode] += 1;
    else bare += 1;
  }
  const sidecars = count.STRICT + count.PERMISSIVE + count.DISABLE;
  const flows = tr.t(inFlight === 1 ? 'diagram.flows.one' : 'diagram.flows.other', { n: inFlight });
  return tr.t('diagram.ariaLabel', { sidecars, strict: count.STRICT, permissive: count.PERMISSIVE, disable: count.DISABLE, bare, flows });
}

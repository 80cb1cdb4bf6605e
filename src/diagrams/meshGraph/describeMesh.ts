import type { WorkloadMtls } from '../../domain/resolution/summarizeMesh.ts';
import { describeWorkload } from './nodeBadge.ts';

/** The plain-text alternative to the mesh diagram: one line per workload with its mode and level. */
export function describeMesh(mesh: readonly WorkloadMtls[]): string {
  const sorted = [...mesh].sort((a, b) => `${a.namespace}/${a.workload}`.localeCompare(`${b.namespace}/${b.workload}`));
  return sorted.map((w) => `${describeWorkload(w)}.`).join('\n');
}

/** A one-sentence summary for the diagram's accessible name. */
export function meshAriaLabel(mesh: readonly WorkloadMtls[], inFlight = 0): string {
  const count = { STRICT: 0, PERMISSIVE: 0, DISABLE: 0 };
  let bare = 0;
  for (const w of mesh) {
    if (w.sidecar && w.workloadMode) count[w.workloadMode.mode] += 1;
    else bare += 1;
  }
  const sidecars = count.STRICT + count.PERMISSIVE + count.DISABLE;
  const flows = inFlight === 1 ? '1 request shown' : `${inFlight} requests shown`;
  return `Mesh diagram: ${sidecars} workloads with sidecars (${count.STRICT} STRICT, ${count.PERMISSIVE} PERMISSIVE, ${count.DISABLE} DISABLE), ${bare} without; ${flows}.`;
}

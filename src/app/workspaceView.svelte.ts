import { summarizeMesh, type WorkloadMtls } from '../domain/resolution/summarizeMesh.ts';
import { type CellChange, computeMatrix, diffMatrix, type RequestMatrix } from '../domain/matrix/requestMatrix.ts';
import type { Cause, Hop, Trace } from '../domain/traffic/trace.ts';
import { findYamlLine } from '../shell/kubectl/format/findYamlLine.ts';
import { formatYaml } from '../shell/kubectl/format/index.ts';
import { toApiJson } from '../shell/kubectl/printers/toApiJson.ts';
import type { TimelinePoint } from './course.svelte.ts';
import type { Playground } from './playground.svelte.ts';
import type { SimEvent } from './simEvents.ts';

/** The views of the details drawer, in the order of its tabs. */
export const DETAILS_TABS = ['events', 'why', 'handshake', 'matrix', 'timeline', 'console'] as const;
export type DetailsTab = (typeof DETAILS_TABS)[number];

/** An object opened from an explanation: its YAML as `kubectl get -o yaml` prints it, at the deciding field. */
export interface OpenedObject {
  title: string;
  yaml: string;
  /** 0-based line of the deciding field, or -1. */
  highlight: number;
  field?: string;
}

/**
 * What the workspace shows around the simulator, whatever the layout: the details drawer (which
 * view, open or not), the time machine's viewed point and the world it shows, the object opened
 * from an explanation, the presenter's spotlight, and whether the playground is ready.
 */
export class WorkspaceView {
  /** The drawer's view; kept while it is closed, so it opens where it was. */
  tab = $state<DetailsTab>('why');
  /** Whether the details drawer is open. */
  open = $state(false);
  /** Presenter mode: the selected hop's nodes stay lit, everything else dims. */
  spotlight = $state(false);
  /** Set once the playground has opened its lesson or sandbox (its `ready` event). */
  ready = $state(false);
  opened = $state<OpenedObject | undefined>(undefined);

  /** The selected event when it is a request. */
  readonly selectedRequest: Extract<SimEvent, { kind: 'request' }> | undefined;
  readonly selectedTrace: Trace | undefined;
  readonly selectedHop: Hop | undefined;
  /** The time machine's viewed point, or undefined for now. */
  readonly viewedPoint: TimelinePoint | undefined;
  /** The mesh as the viewed point had it, or as it is now. */
  readonly mesh: WorkloadMtls[];
  /** Who reaches whom, at the viewed point or now. */
  readonly matrix: RequestMatrix;
  /** What the last configuration change (or the viewed one) changed in the matrix. */
  readonly matrixChanges: CellChange[];
  /** The hop the spotlight is on: the selected one, while the spotlight is on. */
  readonly spotlightHop: Hop | undefined;

  constructor(private readonly pg: Playground) {
    const { sim, course } = pg;
    this.selectedRequest = $derived(sim.selectedEvent?.kind === 'request' ? sim.selectedEvent : undefined);
    this.selectedTrace = $derived(this.selectedRequest?.trace);
    this.selectedHop = $derived(this.selectedTrace?.hops[sim.selectedHop]);
    this.viewedPoint = $derived(pg.viewing === undefined ? undefined : course.timeline.find((p) => p.id === pg.viewing));
    const viewedIndex = $derived(this.viewedPoint ? course.timeline.indexOf(this.viewedPoint) : course.timeline.length - 1);
    this.mesh = $derived(this.viewedPoint ? summarizeMesh(this.viewedPoint.snapshot.world) : sim.mesh);
    this.matrix = $derived.by(() => {
      void sim.version;
      return computeMatrix(this.viewedPoint ? this.viewedPoint.snapshot.world : sim.session.world);
    });
    this.matrixChanges = $derived.by(() => {
      void sim.version;
      const previous = course.timeline[viewedIndex - 1];
      return previous ? diffMatrix(computeMatrix(previous.snapshot.world), this.matrix) : [];
    });
    this.spotlightHop = $derived(this.spotlight ? this.selectedHop : undefined);
  }

  /** Opens the drawer at a view. */
  show(tab: DetailsTab): void {
    this.tab = tab;
    this.open = true;
  }

  /** A tab pressed: opens its view, or closes the drawer when that view is already open. */
  toggle(tab: DetailsTab): void {
    if (this.open && this.tab === tab) this.open = false;
    else this.show(tab);
  }

  close(): void {
    this.open = false;
  }

  /**
   * A request chosen by the learner (a marker on the mesh, a row of the event list): it is selected
   * everywhere, and its verdict shows in the drawer, next to the list, unless a view of that request
   * (why, handshake) is open already.
   */
  inspect(id: number): void {
    this.pg.sim.select(id);
    if (!this.open || !['events', 'why', 'handshake'].includes(this.tab)) this.show('events');
  }

  /** Opens the object that made a decision, as `kubectl get -o yaml` prints it, at the deciding field. */
  openObject(cause: Cause): void {
    const obj = this.pg.sim.session.world.get(cause.kind, cause.namespace, cause.name);
    const title = `${cause.kind} ${cause.namespace ? `${cause.namespace}/` : ''}${cause.name}`;
    if (!obj) {
      this.opened = { title, yaml: `# ${this.pg.t('ws.object.gone', { title })}\n`, highlight: -1 };
      return;
    }
    const yaml = formatYaml(toApiJson(obj));
    this.opened = { title, yaml, highlight: cause.field ? findYamlLine(yaml, cause.field) : -1, ...(cause.field ? { field: cause.field } : {}) };
  }

  /** Starts the playground (see `Playground.start`) and notes when it is ready. */
  async start(): Promise<void> {
    await this.pg.start();
    this.ready = true;
  }
}

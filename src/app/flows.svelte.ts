import { type Actor, createActor } from 'xstate';
import { type Trace, failingHopIndex } from '../domain/traffic/trace.ts';
import type { FlowView } from '../diagrams/requestFlow/types.ts';
import { playbackMachine } from '../machines/playbackMachine.ts';
import { flowOutcome, requestFlowMachine } from '../machines/requestFlowMachine.ts';

type FlowActor = Actor<typeof requestFlowMachine>;

interface LiveFlow {
  id: number;
  actor: FlowActor;
  background: boolean;
  finishedAt?: number;
  /**
   * Lingered long enough while selected: off the diagram, but kept so that the playback bar can
   * still step through it.
   */
  expired?: boolean;
}

/** How long a finished request stays on the diagram before it is released. */
const LINGER_MS = 2500;
/** One handshake step at speed 1: a storefront load (43 steps) plays in about 6.5 s. */
const STEP_MS = 150;
/** At most this many requests animate at once; the oldest background ones give way first. */
const MAX_FLOWS = 60;

/**
 * Plays request traces on the diagram: one requestFlow actor per request, all following the
 * playback controller (speed, pause, slow-at-failure, reduced motion). Finished flows linger
 * briefly, then leave the diagram: their actors are stopped and released, except the selected
 * one's, which stays (off the diagram) for stepping until another request is selected.
 */
export class FlowPlayer {
  readonly playback = createActor(playbackMachine, { input: { reducedMotion: prefersReducedMotion() } }).start();
  views = $state.raw<FlowView[]>([]);
  selectedId = $state<number | undefined>(undefined);
  /** Mirrors the playback controller for views. */
  speed = $state(1);
  paused = $state(false);
  slowAtFailure = $state(false);
  reducedMotion = $state(false);
  // Not reactive on purpose: views read `views`, rebuilt once per frame from these actors.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private flows = new Map<number, LiveFlow>();
  private sweeper: ReturnType<typeof setInterval> | undefined;
  private pending = false;

  constructor() {
    this.playback.subscribe((snap) => {
      const c = snap.context;
      const changed = c.speed !== this.speed || c.slowAtFailure !== this.slowAtFailure || c.reducedMotion !== this.reducedMotion;
      this.speed = c.speed;
      this.slowAtFailure = c.slowAtFailure;
      this.reducedMotion = c.reducedMotion;
      if (c.paused !== this.paused) {
        this.paused = c.paused;
        for (const f of this.flows.values()) f.actor.send({ type: c.paused ? 'pause' : 'play' });
      }
      if (changed) {
        for (const f of this.flows.values()) {
          f.actor.send({ type: 'speed.set', speed: c.speed });
          f.actor.send({ type: 'slow-at-failure.set', slowAtFailure: c.slowAtFailure });
          f.actor.send({ type: 'reduced-motion.set', reducedMotion: c.reducedMotion });
        }
      }
    });
    const c = this.playback.getSnapshot().context;
    this.speed = c.speed;
    this.reducedMotion = c.reducedMotion;
  }

  /** Starts animating a request. */
  add(id: number, trace: Trace, onFinished?: () => void): void {
    if (this.flows.has(id)) return;
    this.makeRoom();
    const c = this.playback.getSnapshot().context;
    const actor = createActor(requestFlowMachine, { input: { trace, reducedMotion: c.reducedMotion, speed: c.speed, slowAtFailure: c.slowAtFailure, stepDuration: STEP_MS } });
    const flow: LiveFlow = { id, actor, background: trace.origin === 'background' };
    actor.on('flow.finished', () => {
      flow.finishedAt = Date.now();
      onFinished?.();
      this.ensureSweeper();
    });
    actor.subscribe(() => this.schedule());
    this.flows.set(id, flow);
    actor.start();
    actor.send({ type: c.paused ? 'pause' : 'play' });
    this.schedule();
  }

  select(id: number | undefined): void {
    const previous = this.selectedId === undefined ? undefined : this.flows.get(this.selectedId);
    this.selectedId = id;
    if (previous?.expired && previous.id !== id) this.remove(previous.id);
    this.schedule();
  }

  /** Step the selected request one handshake step forward or back (pauses it). */
  step(direction: 'forward' | 'back'): void {
    const flow = this.selectedId === undefined ? undefined : this.flows.get(this.selectedId);
    if (!flow) return;
    flow.expired = false;
    flow.finishedAt = undefined;
    flow.actor.send({ type: direction === 'forward' ? 'step.forward' : 'step.back' });
    // Stepping forward at the last step leaves the flow finished: it lingers again, then leaves.
    if (flow.actor.getSnapshot().value === 'done') {
      flow.finishedAt ??= Date.now();
      this.ensureSweeper();
    }
    this.schedule();
  }

  /** Replays the selected request from its first step. */
  replay(id: number, trace: Trace): void {
    this.remove(id);
    this.add(id, trace);
  }

  togglePause(): void {
    this.playback.send({ type: 'toggle' });
  }

  setSpeed(speed: number): void {
    this.playback.send({ type: 'speed.set', speed });
  }

  toggleSlowAtFailure(): void {
    this.playback.send({ type: 'slow-at-failure.toggle' });
  }

  setReducedMotion(reducedMotion: boolean): void {
    this.playback.send({ type: 'reduced-motion.set', reducedMotion });
  }

  /** How many request actors are alive (for the heap benchmark and tests). */
  get liveCount(): number {
    return this.flows.size;
  }

  dispose(): void {
    for (const id of [...this.flows.keys()]) this.remove(id);
    if (this.sweeper) clearInterval(this.sweeper);
    this.playback.stop();
  }

  private makeRoom(): void {
    while (this.flows.size >= MAX_FLOWS) {
      const victim = [...this.flows.values()].find((f) => f.finishedAt !== undefined) ?? [...this.flows.values()].find((f) => f.background) ?? this.flows.values().next().value;
      if (!victim) return;
      this.remove(victim.id);
    }
  }

  private remove(id: number): void {
    const flow = this.flows.get(id);
    if (!flow) return;
    flow.actor.stop();
    this.flows.delete(id);
    this.schedule();
  }

  private ensureSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const f of [...this.flows.values()]) {
        if (f.finishedAt === undefined || f.expired || now - f.finishedAt <= LINGER_MS) continue;
        if (f.id !== this.selectedId) {
          this.remove(f.id);
        } else {
          f.expired = true;
          this.schedule();
        }
      }
      if (![...this.flows.values()].some((f) => f.finishedAt !== undefined && !f.expired)) {
        clearInterval(this.sweeper);
        this.sweeper = undefined;
      }
    }, 500);
  }

  /** Coalesces actor updates into one view rebuild per animation frame. */
  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    const run = () => {
      this.pending = false;
      this.views = [...this.flows.values()].filter((f) => !f.expired).map((f) => toView(f, this.selectedId));
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
    else queueMicrotask(run);
  }
}

function toView(flow: LiveFlow, selectedId: number | undefined): FlowView {
  const snap = flow.actor.getSnapshot();
  const c = snap.context;
  const done = snap.status === 'done' || snap.value === 'done';
  const outcome = flowOutcome(c.trace);
  const failingHop = failingHopIndex(c.trace);
  return {
    id: flow.id,
    trace: c.trace,
    hopIndex: Math.max(0, done && outcome === 'failed' ? failingHop : c.hopIndex),
    progress: done ? 1 : Math.max(0, c.progress),
    status: done ? (outcome === 'failed' ? 'failed' : 'ok') : 'moving',
    selected: flow.id === selectedId,
  };
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

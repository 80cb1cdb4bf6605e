import { type Actor, createActor, type SnapshotFrom } from 'xstate';
import { type Trace, failingHopIndex } from '../domain/traffic/trace.ts';
import type { FlowMotion, FlowPosition, FlowView } from './flowView.ts';
import { playbackMachine } from '../machines/playbackMachine.ts';
import { flowOutcome, requestFlowMachine, stepDelay } from '../machines/requestFlowMachine.ts';
import { FrameClock, type FrameSource } from './frameClock.ts';

type FlowActor = Actor<typeof requestFlowMachine>;

/** A marker's way from where it was to where its current step puts it, in clock time. */
interface Glide {
  hopIndex: number;
  from: number;
  to: number;
  start: number;
  /** 0: it is there at once (reduced motion, a paused or stepped flow). */
  duration: number;
}

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
  status: FlowView['status'];
  /** The step the glide is toward. */
  cursor: number;
  glide: Glide;
}

function glideAt(glide: Glide, now: number): number {
  if (glide.duration <= 0) return glide.to;
  const f = Math.min(1, Math.max(0, (now - glide.start) / glide.duration));
  return glide.from + (glide.to - glide.from) * f;
}

/** How long a finished request stays on the diagram before it is released. */
const LINGER_MS = 2500;
/** One handshake step at speed 1: a storefront load (43 steps) plays in about 6.5 s. */
const STEP_MS = 150;
/** At most this many requests animate at once; the oldest background ones give way first. */
const MAX_FLOWS = 60;

/**
 * Plays request traces on the diagram: one requestFlow actor per request, all on one FrameClock
 * (their step timers) that follows the playback controller (speed, pause, slow-at-failure, reduced
 * motion). `views` changes only when a request starts, finishes, leaves or is selected; in
 * between, the diagram moves the markers at every frame from `position`, which glides each marker
 * toward its current step over that step's time. Finished flows linger briefly, then leave the
 * diagram: their actors are stopped and released, except the selected one's, which stays (off the
 * diagram) for stepping until another request is selected.
 */
export class FlowPlayer implements FlowMotion {
  readonly playback = createActor(playbackMachine, { input: { reducedMotion: prefersReducedMotion() } }).start();
  /** The one clock of every flow: pausing it pauses them all. */
  readonly clock: FrameClock;
  views = $state.raw<FlowView[]>([]);
  selectedId = $state<number | undefined>(undefined);
  /** Mirrors the playback controller for views. */
  speed = $state(1);
  paused = $state(false);
  slowAtFailure = $state(false);
  reducedMotion = $state(false);
  // Not reactive on purpose: views read `views`, rebuilt from these actors when a request starts, ends or is selected.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private flows = new Map<number, LiveFlow>();
  private sweeper: ReturnType<typeof setInterval> | undefined;
  private dirty = false;
  private frameListeners: (() => void)[] = [];

  constructor(frames?: FrameSource) {
    this.clock = new FrameClock(frames);
    this.clock.onFrame(() => this.frame());
    this.playback.subscribe((snap) => {
      const c = snap.context;
      const changed = c.speed !== this.speed || c.slowAtFailure !== this.slowAtFailure || c.reducedMotion !== this.reducedMotion;
      this.speed = c.speed;
      this.slowAtFailure = c.slowAtFailure;
      this.reducedMotion = c.reducedMotion;
      if (c.paused !== this.paused) {
        this.paused = c.paused;
        if (c.paused) this.clock.pause();
        else this.resume();
      }
      if (changed) {
        for (const f of this.flows.values()) {
          f.actor.send({ type: 'speed.set', speed: c.speed });
          f.actor.send({ type: 'slow-at-failure.set', slowAtFailure: c.slowAtFailure });
          f.actor.send({ type: 'reduced-motion.set', reducedMotion: c.reducedMotion });
          this.retime(f);
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
    const actor = createActor(requestFlowMachine, {
      input: { trace, reducedMotion: c.reducedMotion, speed: c.speed, slowAtFailure: c.slowAtFailure, stepDuration: STEP_MS },
      clock: this.clock,
    });
    const flow: LiveFlow = { id, actor, background: trace.origin === 'background', status: 'moving', cursor: -1, glide: { hopIndex: 0, from: 0, to: 0, start: this.clock.now, duration: 0 } };
    actor.on('flow.finished', () => {
      flow.finishedAt = Date.now();
      onFinished?.();
      this.ensureSweeper();
    });
    actor.subscribe((snap) => this.follow(flow, snap));
    this.flows.set(id, flow);
    actor.start();
    // A paused clock holds the first step's timer: the request starts when playback resumes.
    actor.send({ type: 'play' });
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

  /** Where a request's marker is now: its hop and how far along it (FlowMotion). */
  position(id: number): FlowPosition | undefined {
    const flow = this.flows.get(id);
    return flow ? { hopIndex: flow.glide.hopIndex, progress: glideAt(flow.glide, this.clock.now) } : undefined;
  }

  /** Calls `listener` at every animation frame of the flows' clock (FlowMotion). */
  onFrame(listener: () => void): () => void {
    this.frameListeners = [...this.frameListeners, listener];
    return () => {
      this.frameListeners = this.frameListeners.filter((l) => l !== listener);
    };
  }

  /** How many request actors are alive (for the heap benchmark and tests). */
  get liveCount(): number {
    return this.flows.size;
  }

  dispose(): void {
    for (const id of [...this.flows.keys()]) this.remove(id);
    if (this.sweeper) clearInterval(this.sweeper);
    this.playback.stop();
    this.clock.dispose();
  }

  /** Playback resumes: the clock goes on, and so do the flows that were stepped (paused one by one). */
  private resume(): void {
    this.clock.resume();
    for (const f of this.flows.values()) if (f.actor.getSnapshot().value === 'paused') f.actor.send({ type: 'play' });
  }

  /** Follows a flow's actor: a new step starts a glide toward it; a finish changes the views. */
  private follow(flow: LiveFlow, snap: SnapshotFrom<typeof requestFlowMachine>): void {
    const c = snap.context;
    const done = snap.status === 'done' || snap.value === 'done';
    const status = done ? flowOutcome(c.trace) : 'moving';
    if (status !== flow.status) {
      flow.status = status;
      this.schedule();
    }
    if (c.cursor === flow.cursor && c.progress === flow.glide.to) return;
    const now = this.clock.now;
    const hopIndex = Math.max(0, c.hopIndex);
    const from = hopIndex === flow.glide.hopIndex ? glideAt(flow.glide, now) : 0;
    const gliding = snap.value === 'playing' && !c.reducedMotion;
    flow.glide = { hopIndex, from, to: c.progress, start: now, duration: gliding ? stepDelay(c) : 0 };
    flow.cursor = c.cursor;
  }

  /** A new speed restarts the step's timer: the glide takes the rest of the way in the new time. */
  private retime(flow: LiveFlow): void {
    const snap = flow.actor.getSnapshot();
    if (snap.value !== 'playing' || flow.glide.duration <= 0) return;
    const now = this.clock.now;
    flow.glide = { ...flow.glide, from: glideAt(flow.glide, now), start: now, duration: stepDelay(snap.context) };
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

  /** Rebuilds the views at the next frame (once, however many flows changed). */
  private schedule(): void {
    this.dirty = true;
    this.clock.requestFrame();
  }

  private frame(): void {
    if (this.dirty) {
      this.dirty = false;
      this.views = [...this.flows.values()].filter((f) => !f.expired).map((f) => this.toView(f));
    }
    for (const listener of this.frameListeners) listener();
  }

  private toView(flow: LiveFlow): FlowView {
    const c = flow.actor.getSnapshot().context;
    return {
      id: flow.id,
      trace: c.trace,
      hopIndex: Math.max(0, flow.status === 'failed' ? failingHopIndex(c.trace) : c.hopIndex),
      progress: flow.status === 'moving' ? glideAt(flow.glide, this.clock.now) : 1,
      status: flow.status,
      selected: flow.id === this.selectedId,
    };
  }
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

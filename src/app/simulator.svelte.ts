import { type Actor, createActor } from 'xstate';
import { DEFAULT_EPOCH_MS, RealtimeClock } from '../domain/clock.ts';
import { configSnapshot, diffConfig } from '../domain/cluster/configSnapshot.ts';
import { summarizeMesh, type WorkloadMtls } from '../domain/resolution/summarizeMesh.ts';
import { type Trace, failingHopIndex } from '../domain/traffic/trace.ts';
import { SimSession, type SessionSnapshot } from '../shell/session.ts';
import type { CommandHandler, RunResult } from '../shell/types.ts';
import { istiodMachine } from '../machines/istiodMachine.ts';
import { FlowPlayer } from './flows.svelte.ts';
import type { EventFilter, SimEvent } from './simEvents.ts';
import type { KubectlHost, PortForward } from '../shell/kubectl/host.ts';
import { forwardRequest, isLoopbackUrl, loopbackPort, refusedTrace } from '../shell/kubectl/portForwardRequest.ts';
import { EditorState } from './editorState.svelte.ts';
import { type ForegroundHandle, TerminalState } from './terminal.svelte.ts';

export interface SimulatorOptions {
  /** Drive this session instead of a fresh one on the default world. */
  session?: SimSession;
  /** Extra shell commands (the course adds `undo`, `reset`, `hint`). Ignored with `session`. */
  commands?: Record<string, CommandHandler>;
}

/** Told about every complete command and every request the learner makes (the course's checks use it). */
export interface CommandObserver {
  /** Just before a complete command runs. */
  beforeCommand?(command: string): void;
  /** After it ran: its result and whether it changed the mesh configuration. */
  afterCommand?(command: string, result: RunResult, configChanged: boolean): void;
  /** A request from a command or the browser tab (not background traffic). */
  onTrace?(trace: Trace): void;
}

const MAX_EVENTS = 500;
const LOADGEN_PATHS = ['/', '/product/OLJCESPC7Z', '/cart', '/', '/product/66VCHSJNUP', '/_healthz'];

/**
 * The browser simulator's state: one session (world + shell), the derived mesh view, the event
 * list, the browser tab and the selection. Views read it and call its methods; every decision
 * comes from the engine.
 */
export class Simulator {
  readonly session: SimSession;
  readonly terminal: TerminalState;
  readonly flows = new FlowPlayer();
  /** istiod: pushes each configuration change to the proxies after a short propagation. */
  readonly istiod: Actor<typeof istiodMachine>;
  /** What istiod is doing, for the diagram's status line. */
  push = $state<{ pushing: boolean; version: number; proxies: number }>({ pushing: false, version: 1, proxies: 0 });
  /** Bumped after anything that may change the world; derived views depend on it. */
  version = $state(0);
  events = $state.raw<SimEvent[]>([]);
  selectedEventId = $state<number | undefined>(undefined);
  selectedHop = $state(0);
  /** What the event list shows (EventList applies it). */
  filter = $state<EventFilter>({ requests: true, config: true, background: false });
  browserUrl = $state('');
  browserTrace = $state.raw<Trace | undefined>(undefined);
  backgroundOn = $state(false);
  /** The last request's trace, which the ARIA live region narrates in the view's language (narrationLine). */
  narrationTrace = $state.raw<Trace | undefined>(undefined);
  /** The editor panel `kubectl edit` opens. */
  readonly editor = new EditorState();
  /** The forwards of the running `kubectl port-forward` (the browser tab reaches them on localhost). */
  forwards = $state.raw<readonly PortForward[]>([]);
  private forwardHandle: ForegroundHandle | undefined;
  private nextEventId = 1;
  private loadgenIndex = 0;
  private backgroundTimer: ReturnType<typeof setInterval> | undefined;

  readonly mesh: WorkloadMtls[] = $derived.by(() => {
    void this.version;
    return summarizeMesh(this.session.world);
  });

  readonly selectedEvent: SimEvent | undefined = $derived(this.events.find((e) => e.id === this.selectedEventId));

  private observers: CommandObserver[] = [];

  constructor(options: SimulatorOptions = {}) {
    this.session = options.session ?? new SimSession({ clock: new RealtimeClock(DEFAULT_EPOCH_MS), ...(options.commands ? { commands: options.commands } : {}) });
    this.terminal = new TerminalState(this.session, {
      begin: (text) => this.beginCommand(text),
      traces: (traces) => {
        for (const trace of traces) this.recordTrace(trace);
      },
      end: (text, result) => this.endCommand(text, result),
    });
    this.session.kubectlHost = this.kubectlHost();
    this.istiod = createActor(istiodMachine, { input: { mesh: summarizeMesh(this.session.world), version: this.session.world.configVersion } }).start();
    const showPush = (snap: ReturnType<typeof this.istiod.getSnapshot>) => {
      this.push = { pushing: snap.value === 'pushing', version: snap.context.version, proxies: snap.context.proxyIds.length };
    };
    // XState v5 subscriptions are hot: read the current snapshot once, then follow changes.
    showPush(this.istiod.getSnapshot());
    this.istiod.subscribe(showPush);
    const [lb] = this.session.externalAddresses().filter((a) => a.name === 'frontend/frontend-external');
    this.browserUrl = lb ? `http://${lb.ip}/` : '';
  }

  /** The mesh configuration when the running command started (what its config events diff against). */
  private configBefore: ReturnType<typeof configSnapshot> | undefined;
  /** What the world was when the running command started: unchanged, the views need no update. */
  private stampBefore = '';

  private worldStamp(): string {
    const w = this.session.world;
    return `${w.revision}|${w.configVersion}|${w.credentials}|${w.cluster.project}`;
  }

  /** A command starts: the observers hear of it before it changes anything. */
  private beginCommand(command: string): void {
    for (const o of this.observers) o.beforeCommand?.(command);
    this.configBefore = configSnapshot(this.session.world);
    this.stampBefore = this.worldStamp();
  }

  /** A command finished: records its config pushes as events (its requests were recorded as they came). */
  private endCommand(command: string, result: RunResult): void {
    const changes = diffConfig(this.configBefore ?? configSnapshot(this.session.world), configSnapshot(this.session.world));
    this.configBefore = undefined;
    this.recordChanges(command, changes);
    // A read (kubectl get, echo…) changes nothing the views show: they are not redrawn for it.
    if (changes.length || this.worldStamp() !== this.stampBefore) this.version++;
    for (const o of this.observers) o.afterCommand?.(command, result, changes.length > 0);
  }

  /** Follows commands and requests until the returned function is called. */
  observe(observer: CommandObserver): () => void {
    this.observers = [...this.observers, observer];
    return () => {
      this.observers = this.observers.filter((o) => o !== observer);
    };
  }

  /**
   * Puts the world and files back to `snapshot` (undo, reset, a lesson's start, the time machine's
   * restore), recording the configuration it changes as one event and pushing it to the proxies.
   */
  restore(snapshot: SessionSnapshot, label: string): void {
    const before = configSnapshot(this.session.world);
    this.session.restore(snapshot);
    this.recordChanges(label, diffConfig(before, configSnapshot(this.session.world)));
    this.version++;
  }

  private recordChanges(command: string, changes: ReturnType<typeof diffConfig>): void {
    if (changes.length) {
      this.pushEvent({
        kind: 'config',
        time: this.session.world.clock.now(),
        command: command.split('\n')[0] ?? command,
        changes,
        summary: changes.map((c) => `${c.kind} ${c.namespace}/${c.name} ${c.action}`).join(', '),
      });
    }
    if (changes.length || this.session.world.configVersion !== this.istiod.getSnapshot().context.version) {
      this.istiod.send({ type: 'mesh.updated', mesh: summarizeMesh(this.session.world), version: this.session.world.configVersion });
    }
  }

  private pushEvent(event: Omit<Extract<SimEvent, { kind: 'config' }>, 'id'> | Omit<Extract<SimEvent, { kind: 'request' }>, 'id'>): SimEvent {
    const full = { ...event, id: this.nextEventId++ } as SimEvent;
    const next = [...this.events, full];
    this.events = next.length > MAX_EVENTS ? next.slice(next.length - MAX_EVENTS) : next;
    return full;
  }

  private recordTrace(trace: Trace): SimEvent {
    const event = this.pushEvent({ kind: 'request', origin: trace.origin, time: this.session.world.clock.now(), trace });
    this.trackConnections(event.id, trace);
    if (trace.origin !== 'background') {
      for (const o of this.observers) o.onTrace?.(trace);
      this.narrationTrace = trace;
      this.select(event.id);
    }
    return event;
  }

  /**
   * Plays a request and keeps each proxy's in-flight connections: a hop's connection is open on
   * its server's proxy (and its client's, when that is a sidecar) until the request has played.
   */
  private trackConnections(eventId: number, trace: Trace): void {
    const proxies = this.istiod.getSnapshot().context.proxies;
    const opened: { proxy: string; id: string }[] = [];
    trace.hops.forEach((hop, i) => {
      for (const end of [hop.from, hop.to]) {
        const proxy = proxies[end];
        if (!proxy) continue;
        const id = `${eventId}:${i}`;
        proxy.send({ type: 'connection.opened', id });
        opened.push({ proxy: end, id });
      }
    });
    this.flows.add(eventId, trace, () => {
      const now = this.istiod.getSnapshot().context.proxies;
      for (const { proxy, id } of opened) now[proxy]?.send({ type: 'connection.closed', id });
    });
  }

  /** In-flight connections per proxy id (`<ns>/<pod>`), read from the proxy actors. */
  connections(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, proxy] of Object.entries(this.istiod.getSnapshot().context.proxies)) out[id] = proxy.getSnapshot().context.connections.length;
    return out;
  }

  /**
   * What the app gives kubectl: the editor panel for `kubectl edit` and the browser tab for
   * `kubectl port-forward`; each holds the terminal (no prompt, lines wait) until it ends.
   */
  private kubectlHost(): KubectlHost {
    return {
      openEditor: (session) => {
        const handle = this.terminal.attach({ label: 'kubectl edit', interrupt: () => this.editor.cancel() });
        if (!handle) return false;
        this.editor.start(session, {
          output: (outcome) => {
            if (outcome.stdout) handle.write('stdout', outcome.stdout);
            if (outcome.stderr) handle.write('stderr', outcome.stderr);
          },
          exit: () => handle.end(),
        });
        return true;
      },
      startPortForward: (forward) => {
        if (!this.forwardHandle) {
          const handle = this.terminal.attach({ label: 'kubectl port-forward', interrupt: () => this.stopForwarding() });
          if (!handle) return false;
          this.forwardHandle = handle;
        }
        this.forwards = [...this.forwards, forward];
        return true;
      },
    };
  }

  /** Ctrl+C on `kubectl port-forward`: the forwards close and the terminal is given back. */
  private stopForwarding(): void {
    const handle = this.forwardHandle;
    this.forwardHandle = undefined;
    this.forwards = [];
    handle?.end();
  }

  /** A browser request to localhost: through a running port-forward, or refused. */
  private browseLoopback(url: string): Trace {
    const port = loopbackPort(url) ?? 80;
    const forward = this.forwards.find((f) => f.localPort === port);
    if (!forward) return refusedTrace(url, port);
    this.forwardHandle?.write('stdout', `Handling connection for ${port}\n`);
    const trace = forwardRequest(this.session.world, forward, url);
    if (trace) return trace;
    // The pod is gone: the forward's stream ends and kubectl exits.
    this.forwardHandle?.write('stderr', 'error: lost connection to pod\n');
    this.stopForwarding();
    return refusedTrace(url, port);
  }

  /** Refreshes the browser tab (or opens `url` in it). */
  browse(url = this.browserUrl): void {
    this.browserUrl = url;
    const trace = isLoopbackUrl(url) ? this.browseLoopback(url) : this.session.browse(url);
    this.browserTrace = trace;
    this.recordTrace(trace);
    this.version++;
  }

  select(id: number | undefined): void {
    this.selectedEventId = id;
    this.flows.select(id);
    const event = this.events.find((e) => e.id === id);
    // Show the failing hop when there is one, else the first mutual-TLS hop: what the learner wants to see.
    const hops = event?.kind === 'request' ? event.trace.hops : [];
    const failing = event?.kind === 'request' ? failingHopIndex(event.trace) : -1;
    const mtls = hops.findIndex((h) => h.clientSends === 'ISTIO_MUTUAL');
    this.selectedHop = Math.max(0, failing >= 0 ? failing : mtls);
  }

  /** The loadgenerator's background traffic: one request every `intervalMs` while on. */
  setBackground(on: boolean, intervalMs = 2000): void {
    this.backgroundOn = on;
    if (this.backgroundTimer) clearInterval(this.backgroundTimer);
    this.backgroundTimer = undefined;
    if (on) this.backgroundTimer = setInterval(() => this.backgroundTick(), intervalMs);
  }

  backgroundTick(): void {
    const path = LOADGEN_PATHS[this.loadgenIndex++ % LOADGEN_PATHS.length] ?? '/';
    const trace = this.session.background(path);
    if (trace) this.recordTrace(trace);
  }

  dispose(): void {
    this.setBackground(false);
    this.flows.dispose();
    this.istiod.stop();
  }
}

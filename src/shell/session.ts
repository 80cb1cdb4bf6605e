import { type Clock, CommandPace, PinnedClock } from '../domain/clock.ts';
import { createDefaultWorld, type DefaultWorldOptions } from '../domain/cluster/defaultWorld.ts';
import { externalIP } from '../domain/cluster/services.ts';
import { recordAccessLogs, simulateRequest } from '../domain/traffic/simulateRequest.ts';
import type { Trace } from '../domain/traffic/trace.ts';
import type { World } from '../domain/world.ts';
import { MemoryFs, type MemoryFsSnapshot } from './bash/memoryFs.ts';
import { finishAbandoned, type ForegroundJob, runToEnd, Shell } from './bash/shell.ts';
import { createCurl } from './curl/curl.ts';
import { CLOUD_SHELL_ENV } from './gcloud/cloudShell.ts';
import { createGcloud } from './gcloud/gcloud.ts';
import { createIstioctl } from './istioctl/istioctl.ts';
import { createKubectl } from './kubectl/kubectl.ts';
import { lazyCommand } from './inspect/lazyInspect.ts';
import { partsFor } from './parts.ts';
import type { KubectlHost } from './kubectl/host.ts';
import type { SimServices } from './kubectl/types.ts';
import type { CommandHandler, OutputChunk, RunResult, ShellJob } from './types.ts';

export interface SessionOptions extends DefaultWorldOptions {
  /** Start from this world instead of the default one. */
  world?: World;
  /** More commands for the shell (the app adds `undo`, `reset`, `hint`…). */
  commands?: Record<string, CommandHandler>;
  /**
   * The pause between commands (see CommandPace): on by default, in `sim` as in the browser.
   * `false` keeps the clock still between commands (unit tests that pin exact times).
   */
  pace?: CommandPace | false;
}

/** Everything a learner's actions change: the world and Cloud Shell's files. */
export interface SessionSnapshot {
  readonly world: World;
  readonly files: MemoryFsSnapshot;
}

/**
 * One learner's Cloud Shell: a bash-subset shell whose kubectl, gcloud, istioctl and curl act on a
 * simulated world. The terminal in the browser and the `sim` CLI both drive this class.
 */
export class SimSession {
  world: World;
  readonly fs: MemoryFs;
  readonly shell: Shell;
  private job: ClockPinningJob | undefined;
  private readonly pace: CommandPace | undefined;
  /** The app's editor panel and browser tab for kubectl edit and port-forward; unset headless. */
  kubectlHost: KubectlHost | undefined;

  constructor(options: SessionOptions = {}) {
    this.world = options.world ?? createDefaultWorld(options);
    this.pace = options.pace === false ? undefined : (options.pace ?? new CommandPace());
    this.fs = new MemoryFs();
    const services = (): SimServices => ({
      world: this.world,
      fs: this.fs,
      sleep: (ms) => this.sleep(ms),
      recordTrace: (trace) => recordAccessLogs(this.world, trace),
      ...(this.kubectlHost ? { host: this.kubectlHost } : {}),
    });
    const cloudShellCurl = createCurl(
      (req) => {
        const trace = simulateRequest(this.world, { client: { kind: 'external', name: 'cloudshell' }, url: req.url, method: req.method, headers: req.headers, userAgent: req.userAgent, origin: 'command', ...(req.insecure ? { insecure: true } : {}) });
        recordAccessLogs(this.world, trace);
        return trace;
      },
      { resolve: (host) => (/^\d+(\.\d+){3}$/.test(host) ? host : undefined) },
    );
    this.shell = new Shell({
      commands: {
        kubectl: createKubectl(services),
        gcloud: createGcloud(services),
        istioctl: createIstioctl(services),
        curl: cloudShellCurl,
        openssl: lazyCommand('openssl', (tools) => tools.createOpenssl(() => this.world, { kind: 'external', name: 'cloudshell' }, tools.UBUNTU_OPENSSL)),
        ...options.commands,
      },
      fs: this.fs,
      env: { ...CLOUD_SHELL_ENV },
      sleep: (ms) => this.sleep(ms),
    });
  }

  /**
   * Undefined when `text` can run now; otherwise it calls a tool whose code loads after the engine
   * (the text and inspection tools, in the browser), and this resolves once it has arrived.
   */
  toolsFor(text: string): Promise<void> | undefined {
    return partsFor(text);
  }

  private sleep(ms: number): void {
    (this.world.clock as Clock & { advance?(ms: number): void }).advance?.(ms);
  }

  /**
   * Runs one complete input (see `isComplete`) and returns what the terminal shows. The clock is
   * pinned meanwhile, so everything the input creates shares one timestamp.
   */
  run(text: string): RunResult {
    return runToEnd(this.start(text));
  }

  /**
   * Starts one complete input, to be run in slices (see ShellJob). The clock stays pinned from now
   * until the job is done, across all its slices, so everything the input creates shares one
   * timestamp. WARNING: the clock stays pinned as long as the job is unfinished: resume every job
   * until done (after `interrupt()` the next resume finishes it). Starting the next input interrupts
   * and finishes a job left unfinished, so a forgotten job holds the clock only until then; an input
   * started by a command of the running job is nested and leaves that job alone.
   */
  start(text: string): ShellJob {
    const previous = this.job;
    finishAbandoned(previous);
    const nested = previous?.resuming === true;
    const base = this.world.clock;
    // A person takes a few seconds between commands; an input started by a running command does not.
    if (!nested) this.pace?.begin(base);
    const pinned = new PinnedClock(base);
    this.world.clock = pinned;
    const job = new ClockPinningJob(this.shell.start(text), (done) => {
      // The command may have replaced the world (undo, reset); restore the clock it was given.
      if (this.world.clock === pinned) this.world.clock = base;
      if (!nested) this.pace?.end(base);
      // Let go of it, so that its output and traces live only as long as the terminal keeps them.
      if (this.job === done) this.job = undefined;
    });
    // A nested input (started by a command of the running job) leaves the foreground job tracked.
    if (!job.done && !nested) this.job = job;
    return job;
  }

  /**
   * A copy of the world and the files; later commands never change it, except for the pods' logs,
   * which it shares with this session (undo does not take logs back; see World.clone).
   */
  snapshot(): SessionSnapshot {
    return { world: this.world.clone({ logs: 'shared' }), files: this.fs.snapshot() };
  }

  /** Goes back to `snapshot` (which stays usable: undo can return to it again). */
  restore(snapshot: SessionSnapshot): void {
    const { clock, configVersion } = this.world;
    this.world = snapshot.world.clone({ logs: 'shared' });
    this.world.clock = clock;
    // For istiod a restore is one more push: config versions only ever grow.
    this.world.configVersion = Math.max(configVersion + 1, snapshot.world.configVersion);
    this.fs.restore(snapshot.files);
  }

  /** Whether the input is complete, or the terminal should prompt `> ` for more. */
  isComplete(text: string): boolean {
    return this.shell.isComplete(text);
  }

  /**
   * A request from the learner's browser tab (refresh). It goes through the same engine as curl
   * and leaves the same access logs.
   */
  browse(url: string): Trace {
    const trace = simulateRequest(this.world, {
      client: { kind: 'external', name: 'browser' },
      url,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
      origin: 'browser',
    });
    recordAccessLogs(this.world, trace);
    return trace;
  }

  /**
   * One request of the loadgenerator's Locust users (FRONTEND_ADDR=frontend.frontend.svc.cluster.local:80),
   * through its sidecar. Undefined when the loadgenerator is gone.
   */
  background(path: string): Trace | undefined {
    const pod = this.world.list('Pod', 'loadgenerator')[0];
    if (!pod) return undefined;
    const trace = simulateRequest(this.world, {
      client: { kind: 'pod', namespace: 'loadgenerator', pod: pod.metadata.name, container: 'main', captured: true },
      url: `http://frontend.frontend.svc.cluster.local:80${path}`,
      userAgent: 'python-requests/2.32.3',
      origin: 'background',
    });
    recordAccessLogs(this.world, trace);
    return trace;
  }

  /** The external IPs a browser tab can open: frontend-external and the ingress gateway. */
  externalAddresses(): { name: string; ip: string }[] {
    return this.world.list('Service').flatMap((svc) => {
      const ip = externalIP(svc);
      return ip ? [{ name: `${svc.metadata.namespace}/${svc.metadata.name}`, ip }] : [];
    });
  }
}

/** A shell job that holds the world's clock pinned until it is done. */
class ClockPinningJob implements ForegroundJob {
  /** Done once the clock is given back, even if the shell finished the input on its own. */
  done = false;
  resuming = false;

  constructor(
    private readonly job: ShellJob,
    private readonly release: (job: ClockPinningJob) => void,
  ) {
    if (job.done) this.finish();
  }

  resume(shouldYield: () => boolean): RunResult | undefined {
    this.resuming = true;
    try {
      return this.job.resume(shouldYield);
    } finally {
      this.resuming = false;
      if (this.job.done && !this.done) this.finish();
    }
  }

  takeOutput(): OutputChunk[] {
    return this.job.takeOutput();
  }

  takeTraces(): Trace[] {
    return this.job.takeTraces();
  }

  interrupt(): void {
    this.job.interrupt();
  }

  private finish(): void {
    this.done = true;
    this.release(this);
  }
}

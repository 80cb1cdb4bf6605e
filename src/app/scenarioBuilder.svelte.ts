import { hasSidecar } from '../domain/cluster/pods.ts';
import type { Locale, LocalizedText } from '../domain/locale.ts';
import { keyOf, type KubeObject } from '../domain/objects.ts';
import { MESH_CONFIG_KINDS } from '../domain/meshConfigKinds.ts';
import type { Trace } from '../domain/traffic/trace.ts';
import type { World } from '../domain/world.ts';
import { targetHop } from '../lessons/probe.ts';
import { captureStart, type CapturedStart } from '../lessons/scenario/capture.ts';
import { describeOutcome } from '../lessons/scenario/evaluate.ts';
import type { CheckSpec, ExpectSpec, FromSpec, ScenarioDoc, StepDoc } from '../lessons/scenario/format.ts';
import { formatErrors, loadScenario } from '../lessons/scenario/load.ts';
import { proveLesson, type ProofProblem } from '../lessons/scenario/prove.ts';
import { writeScenario } from '../lessons/scenario/write.ts';
import { encodeScenarioLink } from './share/scenarioLink.ts';
import { afterNextFrame } from './slices.ts';
import type { Simulator } from './simulator.svelte.ts';

/** What the builder reads of the course: the commands in effect (the sandbox's history). */
export interface CommandSource {
  readonly commands: string[];
}

/** A request the author made during a step, as the builder lists it. */
export interface ObservedRequest {
  /** The simulator's event id. */
  id: number;
  trace: Trace;
  from: FromSpec | undefined;
  /** What a check should expect of it; undefined when no check can say it (a DNS failure…). */
  expect: ExpectSpec | undefined;
  over: 'mtls' | 'plaintext' | undefined;
  outcome: LocalizedText;
}

export interface DraftStep {
  /** Tells steps apart in lists (the step id is derived from the title). */
  readonly key: number;
  title: string;
  body: string;
  /** The commands offered to the learner ("Commands to try"). */
  commands: string[];
  hints: string[];
  /** The author's solution, once edited; until then the commands run during the step. */
  solution: string | undefined;
  checks: CheckSpec[];
  /** How many commands were in effect when the step began. */
  readonly commandsAt: number;
  /** The simulator's last event id when the step began. */
  readonly eventsAt: number;
  /** The world when the step began. */
  readonly world: World;
}

export type ProofState =
  | { phase: 'idle' }
  | { phase: 'proving' }
  | { phase: 'invalid'; errors: string }
  | { phase: 'done'; ok: boolean; problems: ProofProblem[]; proved: LocalizedText[]; ms: number };

export type LinkResult = { ok: true; url: string } | { ok: false; error: 'too-large' | 'unsupported' | 'invalid' };

/** Address options a scenario link leaves out: they would open something else. */
const LINK_DROPS = ['mode', 'lesson', 'step', 'scenario'];

const ID = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;

/** A scenario or step id from a title: lower-case ASCII words joined by dashes (fallback when none). */
export function slug(text: string, fallback: string): string {
  const s = text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48).replace(/-+$/, '');
  return ID.test(s) ? s : fallback;
}

/** Who sent a request, as a check names the sender. */
export function fromOfTrace(trace: Trace, world: World): FromSpec | undefined {
  if (trace.from === 'external/browser') return { kind: 'browser' };
  if (trace.from === 'external/cloudshell') return { kind: 'cloudshell' };
  const [namespace = '', podName = ''] = trace.from.split('/');
  if (!namespace || !podName) return undefined;
  const pod = world.get('Pod', namespace, podName);
  const app = pod?.metadata.labels.app ?? podName.replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}$/, '');
  // curl that left a meshed pod without its sidecar (from the istio-proxy container, say).
  const code = trace.hops[0]?.clientReason.code;
  const bypass = !!pod && hasSidecar(pod) && (code === 'client.no-sidecar' || code === 'client.proxy-uid');
  return { kind: 'pod', namespace, app, bypass };
}

/** How a request ended, as a check's `expect` (and how its addressed hop was carried). */
export function expectOfTrace(trace: Trace): { expect: ExpectSpec | undefined; over: 'mtls' | 'plaintext' | undefined } {
  const hop = targetHop(trace);
  const over = hop ? (hop.clientSends === 'ISTIO_MUTUAL' ? 'mtls' : 'plaintext') : undefined;
  if (hop?.outcome === 'denied') return { expect: 'denied', over: undefined };
  if (trace.curlExit === 56) return { expect: 'reset', over: undefined };
  if (trace.curlExit === 7) return { expect: 'refused', over: undefined };
  if (trace.curlExit !== 0 || trace.httpCode === 0) return { expect: undefined, over: undefined };
  if (trace.httpCode < 400) return { expect: 'ok', over };
  return { expect: trace.httpCode, over: undefined };
}

/** The kinds an "it must exist" check is offered for: the mesh's policies. */
const POLICY_KINDS = new Set(MESH_CONFIG_KINDS);

/**
 * The level builder: an author plays in the sandbox and turns what happened into a scenario. The
 * world at the capture becomes the start; each step collects the commands run and the requests made
 * while it was the current one, and the author turns requests and new policies into checks with a
 * click. The draft compiles to a scenario file (`writeScenario`), which is proved, downloaded or
 * shared as a `#scenario=` link.
 */
export class ScenarioBuilder {
  title = $state('');
  summary = $state('');
  language = $state<Locale>('en');
  /** Set to override the id derived from the title. */
  customId = $state('');
  start = $state.raw<CapturedStart | undefined>(undefined);
  steps = $state<DraftStep[]>([]);
  proof = $state.raw<ProofState>({ phase: 'idle' });
  /** How many commands were in effect at the capture. */
  private commandsAtCapture = 0;
  private nextKey = 1;

  constructor(
    private readonly sim: Simulator,
    private readonly history: CommandSource,
  ) {}

  get id(): string {
    return this.customId.trim() || slug(this.title, 'my-scenario');
  }

  /** The world now becomes the start; the steps begin again. */
  capture(): void {
    this.start = captureStart(this.sim.session.world);
    this.commandsAtCapture = this.history.commands.length;
    this.steps = [];
    this.proof = { phase: 'idle' };
  }

  /** A new step begins now: what the author does from here on belongs to it. */
  addStep(): DraftStep {
    const step: DraftStep = {
      key: this.nextKey++,
      title: '',
      body: '',
      commands: [],
      hints: [],
      solution: undefined,
      checks: [],
      commandsAt: this.history.commands.length,
      eventsAt: this.sim.events.at(-1)?.id ?? 0,
      world: this.sim.session.world.clone({ logs: 'shared' }),
    };
    this.steps = [...this.steps, step];
    this.proof = { phase: 'idle' };
    return this.steps.at(-1) ?? step;
  }

  removeStep(index: number): void {
    this.steps = this.steps.filter((_, i) => i !== index);
    this.proof = { phase: 'idle' };
  }

  /** Every command run since the capture (what the author may offer the learner). */
  get commandsSinceCapture(): string[] {
    return this.history.commands.slice(this.commandsAtCapture);
  }

  /** The commands run while step `index` was the current one. */
  stepCommands(index: number): string[] {
    const step = this.steps[index];
    if (!step) return [];
    const next = this.steps[index + 1];
    return this.history.commands.slice(step.commandsAt, next ? next.commandsAt : undefined);
  }

  /** The step's solution: the author's, or the commands run during the step. */
  solutionOf(index: number): string {
    const step = this.steps[index];
    if (!step) return '';
    return step.solution ?? this.stepCommands(index).join('\n');
  }

  /** The requests made (commands and the browser tab, not background traffic) while step `index` was current. */
  requests(index: number): ObservedRequest[] {
    const step = this.steps[index];
    if (!step) return [];
    const until = this.steps[index + 1]?.eventsAt ?? Infinity;
    const world = this.sim.session.world;
    return this.sim.events.flatMap((e) => {
      if (e.kind !== 'request' || e.trace.origin === 'background' || e.id <= step.eventsAt || e.id > until) return [];
      return [{ id: e.id, trace: e.trace, from: fromOfTrace(e.trace, world), ...expectOfTrace(e.trace), outcome: describeOutcome(e.trace) }];
    });
  }

  /** The check "this request must end this way": `seen: step` (the learner makes it) or `now` (the world makes it so). */
  requestCheck(request: ObservedRequest, seen: 'step' | 'now'): CheckSpec | undefined {
    if (request.expect === undefined || (seen === 'now' && !request.from)) return undefined;
    return { kind: 'request', url: request.trace.url, expect: request.expect, seen, ...(request.from ? { from: request.from } : {}), ...(request.over ? { over: request.over } : {}) };
  }

  requireRequest(index: number, request: ObservedRequest, seen: 'step' | 'now'): boolean {
    const check = this.requestCheck(request, seen);
    return check ? this.addCheck(index, check) : false;
  }

  /** The policies that exist now and did not when step `index` began. */
  createdPolicies(index: number): KubeObject[] {
    const step = this.steps[index];
    // The world changes in place: the simulator's version says when.
    void this.sim.version;
    if (!step) return [];
    const out: KubeObject[] = [];
    for (const kind of POLICY_KINDS) for (const obj of this.sim.session.world.list(kind)) if (!step.world.objects.has(keyOf(obj))) out.push(obj);
    return out;
  }

  requireObject(index: number, obj: KubeObject): boolean {
    return this.addCheck(index, { kind: 'exists', object: { kind: obj.kind, name: obj.metadata.name, ...(obj.metadata.namespace !== undefined ? { namespace: obj.metadata.namespace } : {}) } });
  }

  /** Adds a check unless the step has the same one already. */
  addCheck(index: number, check: CheckSpec): boolean {
    const step = this.steps[index];
    if (!step || step.checks.some((c) => JSON.stringify(c) === JSON.stringify(check))) return false;
    step.checks = [...step.checks, check];
    this.proof = { phase: 'idle' };
    return true;
  }

  removeCheck(index: number, checkIndex: number): void {
    const step = this.steps[index];
    if (!step) return;
    step.checks = step.checks.filter((_, i) => i !== checkIndex);
    this.proof = { phase: 'idle' };
  }

  /** The draft as a scenario (not yet checked: `compile` reads it back as the loader would). */
  toDoc(): ScenarioDoc {
    const lang = this.language;
    const ids: string[] = [];
    const steps: StepDoc[] = this.steps.map((s, i) => {
      let id = slug(s.title, `step-${i + 1}`);
      if (ids.includes(id)) id = `${id.slice(0, 56)}-${i + 1}`;
      ids.push(id);
      const check: CheckSpec = s.checks.length === 1 ? s.checks[0]! : { kind: 'all', checks: [...s.checks] };
      return {
        id,
        title: { [lang]: s.title.trim() },
        body: { [lang]: s.body.trim() },
        commands: s.commands.map((c) => c.trim()).filter((c) => c !== ''),
        hints: s.hints.map((h) => h.trim()).filter((h) => h !== '').map((h) => ({ [lang]: h })),
        solution: this.solutionOf(i),
        check,
      };
    });
    return { id: this.id, languages: [lang], title: { [lang]: this.title.trim() }, summary: { [lang]: this.summary.trim() }, start: this.start?.start ?? { credentials: true }, steps };
  }

  /** The scenario file. */
  text(): string {
    return writeScenario(this.toDoc());
  }

  /** The file name a download is given. */
  get fileName(): string {
    return `${this.id}.md`;
  }

  /** The file read back by the loader: the lesson, or the errors an author must fix. */
  compile(): ReturnType<typeof loadScenario> {
    return loadScenario([{ name: this.fileName, text: this.text() }]);
  }

  /**
   * Proves the draft (`proveLesson`): it runs every solution from the start many times over, so the
   * status says "proving" and the page paints it before the work starts.
   */
  async prove(): Promise<ProofState> {
    this.proof = { phase: 'proving' };
    await afterNextFrame();
    const loaded = this.compile();
    if (!loaded.ok) return (this.proof = { phase: 'invalid', errors: formatErrors(loaded.errors) });
    const t0 = performance.now();
    const proof = proveLesson(loaded.lesson);
    return (this.proof = { phase: 'done', ok: proof.ok, problems: proof.problems, proved: proof.provedText, ms: Math.round(performance.now() - t0) });
  }

  /** The app's address (`base`, without the options that would open something else) with the scenario in its hash. */
  async link(base: string): Promise<LinkResult> {
    const loaded = this.compile();
    if (!loaded.ok) return { ok: false, error: 'invalid' };
    const encoded = await encodeScenarioLink(this.text());
    if (!encoded.ok) return encoded;
    // The link opens the scenario, not what the author's address chose (the sandbox, a lesson).
    const address = base.split('#')[0] ?? base;
    const query = address.indexOf('?');
    const path = query < 0 ? address : address.slice(0, query);
    const kept = query < 0 ? [] : address.slice(query + 1).split('&').filter((p) => p !== '' && !LINK_DROPS.includes(p.split('=')[0] ?? ''));
    return { ok: true, url: `${path}${kept.length ? `?${kept.join('&')}` : ''}${encoded.hash}` };
  }
}

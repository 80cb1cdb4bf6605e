import { I18n } from '../i18n/i18n.svelte.ts';
import { detectLocale, type Locale } from '../i18n/locale.ts';
import type { MessageKey } from '../i18n/messages/index.ts';
import { lessonCatalog, scenarioLoader, type LessonEntry } from '../lessons/index.ts';
import type { Lesson } from '../lessons/types.ts';
import { outcomeOf } from '../lessons/probe.ts';
import { loadParts } from '../shell/parts.ts';
import { InputBuffer } from '../shell/bash/inputBuffer.ts';
import type { SessionSnapshot } from '../shell/session.ts';
import { Course, type CourseProgress, type ReplayBudget, type ReplayOutcome } from './course.svelte.ts';
import type { AppOptions, PanelId, Theme } from './options.ts';
import { resolveLessonId } from './options.ts';
import { createDefaultState, createStore, recentHistory, exportProgress, importProgress, type LessonProgress, type NoticeCode, type ProgressStore, type SavedState, type StorageLike } from './persist/index.ts';
import { translate } from '../i18n/locale.ts';
import { buildShareUrl, decodeShare, parseHash, type ShareState } from './share/hashState.ts';
import { decodeScenarioLink, hasScenarioLink, LINK_SCENARIO_NAME, SCENARIO_PARAM } from './share/scenarioLink.ts';
import { fetchScenario, inlineScenario, isScenarioEntry, SCENARIO_ENTRY_PREFIX, scenarioProgressKey, type ScenarioOrigin, type ScenarioProblem, type ScenarioRead } from './scenarioSource.ts';
import { Simulator } from './simulator.svelte.ts';

/** What an embedding page hears (the custom element re-dispatches these as DOM events). */
export type PlaygroundEvent =
  | { type: 'ready'; detail: { lesson?: string; step?: number; mode: 'lesson' | 'sandbox' } }
  | { type: 'request-completed'; detail: { origin: string; url: string; httpCode: number; curlExit: number; outcome: string } }
  | { type: 'step-completed'; detail: { lesson: string; step: number; id: string } };

export interface PlaygroundEnv {
  search: string;
  hash: string;
  languages: readonly string[];
  /** localStorage, or undefined (embedded instances never persist). */
  storage: StorageLike | undefined;
  /**
   * Where a custom scenario may come from: the origin its URL must have (default: the page's own
   * address), and a scenario written in the embedding page.
   */
  scenario?: { origin?: ScenarioOrigin; inline?: { text: string; format: 'yaml' | 'markdown' } };
}

/**
 * The course list's entry for a custom scenario: its lesson once loaded, or why it could not be.
 * Its id is `scenario:ID` (`scenario:` alone when it could not be read), apart from the built-in ids.
 */
export interface ScenarioEntry extends LessonEntry {
  lesson?: Lesson;
  problem?: ScenarioProblem;
}

/** The complete commands of a script, as a terminal would run them one by one. */
export function splitCommands(script: string): string[] {
  const buffer = new InputBuffer();
  const out: string[] = [];
  for (const line of script.split('\n')) {
    const complete = buffer.push(line);
    if (complete !== undefined && complete.trim() !== '' && !/^\s*#/.test(complete)) out.push(complete);
  }
  if (!buffer.isEmpty && buffer.pending.trim()) out.push(buffer.pending);
  return out;
}

/** A message for the learner, with the choices it offers (each a button). */
export interface Notice {
  id: number;
  text: string;
  actions?: { label: string; run: () => void }[];
}

/**
 * The most a shared link may make the replay do. A link is a few hundred characters that anyone can
 * send: without a budget, 30 copies of a 10,000-request loop would keep a tab busy for minutes.
 */
export const LINK_BUDGET: ReplayBudget = { requests: 20_000 };

/** How long saving may wait for an idle moment (it is flushed at once when the page is hidden). */
const SAVE_DELAY_MS = 1000;

const NOTICE_KEYS: Record<NoticeCode, MessageKey> = {
  corrupt: 'notice.storage.corrupt',
  'newer-version': 'notice.storage.newer',
  migrated: 'notice.storage.migrated',
  unavailable: 'notice.storage.unavailable',
  quota: 'notice.storage.quota',
};

/**
 * One app instance: its options, language, theme, the simulator and the course, where progress is
 * kept, and what it tells an embedding page. Several instances on one page share nothing.
 */
/** When the shell's later parts load if nothing says the playground is shown (ms after it has started). */
const LATER_PARTS_FALLBACK_MS = 3000;

export class Playground {
  readonly i18n: I18n;
  readonly course = new Course();
  readonly sim: Simulator;
  /** The custom scenario this instance was started with, if any. */
  scenario = $state.raw<ScenarioEntry | undefined>(undefined);
  /** The lessons to choose from: the built-in ones, then the custom scenario. */
  readonly catalog: readonly (LessonEntry | ScenarioEntry)[] = $derived(this.scenario ? [...lessonCatalog, this.scenario] : lessonCatalog);
  theme = $state<Theme>('system');
  presenter = $state(false);
  /** 'sandbox' or the open lesson's id. */
  selected = $state('sandbox');
  loading = $state(true);
  loadError = $state('');
  /** Messages for the learner (already translated), newest last. */
  notices = $state.raw<Notice[]>([]);
  /** The budget of a shared link's replay (a field so that tests can make it small). */
  linkBudget: ReplayBudget = LINK_BUDGET;
  /**
   * Why progress is not being saved for now, if it is not:
   * - `preview`: a shared link (or a replay stopped early) is open over saved work; the learner
   *   chooses whether it replaces that work;
   * - `conflict`: another tab saved progress since this one loaded it; the learner chooses whose wins.
   */
  unsaved = $state<'preview' | 'conflict' | undefined>(undefined);
  /** The time machine's viewed point; undefined = now. */
  viewing = $state<number | undefined>(undefined);
  readonly panels: readonly PanelId[] | undefined;
  readonly readonly: boolean;
  readonly embed: boolean;
  private saved: SavedState;
  private readonly store: ProgressStore | undefined;
  private readonly sandboxStart: SessionSnapshot;
  private readonly stopObserving: () => void;
  private loadToken = 0;
  /** Whether the course's progress changed since it was last copied into `saved`. */
  private progressDirty = false;
  private nextNoticeId = 1;
  private saveTimer: (() => void) | undefined;
  private releaseTerminal: (() => void) | undefined;
  private stopWatchingStorage: () => void = () => {};
  private becameShowable: () => void = () => {};
  /**
   * Resolves when the page can show this playground: `start` has opened the lesson, or a replay of
   * saved or shared commands is under way (its progress and Stop button are then on screen).
   */
  readonly showable = new Promise<void>((resolve) => (this.becameShowable = resolve));

  constructor(
    readonly options: AppOptions,
    private readonly env: PlaygroundEnv,
    private readonly emit: (event: PlaygroundEvent) => void = () => {},
  ) {
    this.embed = options.embed;
    this.readonly = options.readonly;
    this.panels = options.panels;
    this.presenter = options.presenter;
    this.store = options.embed ? undefined : createStore(env.storage);
    const loaded = this.store?.load() ?? { state: createDefaultState() };
    this.saved = loaded.state;
    const locale: Locale = options.locale ?? this.saved.locale ?? detectLocale(env.search, env.languages);
    this.i18n = new I18n(locale);
    this.theme = options.theme ?? this.saved.theme ?? (options.presenter ? 'projector' : 'system');
    if (loaded.notice) this.notify(NOTICE_KEYS[loaded.notice]);
    if (options.ignored.length) this.notify('notice.options.ignored', { names: options.ignored.join(', ') });

    this.course.locale = () => this.i18n.locale;
    this.sim = new Simulator({ commands: this.course.shellCommands });
    // ↑ recalls what was typed before the reload, as bash reads ~/.bash_history.
    this.sim.session.shell.history.push(...(this.saved.history ?? []));
    this.sandboxStart = this.sim.session.snapshot();
    this.course.attach(this.sim);
    // Nothing typed runs until `start` has opened the lesson: it would run on a world about to be replaced.
    this.releaseTerminal = this.sim.terminal.hold();
    this.course.onChange = () => this.progressChanged();
    this.course.onReplayStart = () => this.becameShowable();
    this.course.onStepCompleted = (step, index) => {
      if (this.course.lesson) this.emit({ type: 'step-completed', detail: { lesson: this.course.lesson.id, step: index + 1, id: step.id } });
    };
    this.stopObserving = this.sim.observe({
      onTrace: (trace) => {
        const outcome = outcomeOf(trace);
        this.emit({ type: 'request-completed', detail: { origin: trace.origin, url: trace.url, httpCode: trace.httpCode, curlExit: trace.curlExit, outcome: outcome.kind } });
      },
    });
  }

  t = (key: MessageKey, params?: Record<string, string | number>): string => this.i18n.t(key, params);

  notify(key: MessageKey, params?: Record<string, string | number>, actions?: Notice['actions']): Notice {
    const notice: Notice = { id: this.nextNoticeId++, text: this.t(key, params), ...(actions ? { actions } : {}) };
    this.notices = [...this.notices, notice].slice(-4);
    return notice;
  }

  dismissNotice(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /**
   * Follows the other tabs of this site: when one of them saves progress, this tab stops saving
   * (it would overwrite that progress silently) until the learner chooses which to keep.
   * `subscribe` is the page's `storage` event; returns nothing to undo when there is no storage.
   */
  watchStorage(subscribe: (listener: (key: string | null) => void) => () => void): void {
    if (!this.store) return;
    this.stopWatchingStorage();
    this.stopWatchingStorage = subscribe((key) => {
      if (key !== null && key !== this.store?.key) return;
      if (this.unsaved === 'conflict') return;
      this.cancelSave();
      this.unsaved = 'conflict';
      const notice = this.notify('notice.tabs.conflict', undefined, [
        { label: this.t('notice.tabs.load'), run: () => void this.resolveConflict('theirs', notice.id) },
        { label: this.t('notice.tabs.keep'), run: () => void this.resolveConflict('mine', notice.id) },
      ]);
    });
  }

  private async resolveConflict(keep: 'mine' | 'theirs', noticeId: number): Promise<void> {
    this.dismissNotice(noticeId);
    this.unsaved = undefined;
    if (keep === 'mine') {
      this.progressChanged();
      this.flushSave();
      return;
    }
    this.progressDirty = false;
    this.saved = this.store?.load().state ?? this.saved;
    if (this.saved.locale) this.i18n.locale = this.saved.locale;
    await this.choose(this.saved.mode === 'sandbox' ? 'sandbox' : (this.saved.lessonId ?? lessonCatalog[0]?.id ?? 'sandbox'));
  }

  private started: Promise<void> | undefined;

  /**
   * Decides where to start: a shared link, then the URL's options, then saved progress, then
   * lesson 1. Once: the page's boot starts it as soon as the engine has loaded (so that the boot
   * terminal answers), and the workspace, mounted later, waits for the same start.
   */
  start(): Promise<void> {
    return (this.started ??= this.begin());
  }

  private async begin(): Promise<void> {
    try {
      await this.open();
    } finally {
      this.releaseTerminal?.();
      this.releaseTerminal = undefined;
      this.becameShowable();
    }
    this.ready();
    // The shell's later parts (text and inspection tools) load once the page shows this playground
    // whole, so that their code is not compiled while the workspace is being put on screen; a
    // command that calls one before then loads it at once and waits for it (LazyPart).
    let fallback: ReturnType<typeof setTimeout> | undefined;
    void Promise.race([this.whole, new Promise<void>((resolve) => (fallback = setTimeout(resolve, LATER_PARTS_FALLBACK_MS)))]).then(() => {
      clearTimeout(fallback);
      void loadParts();
    });
  }

  private isWhole: () => void = () => {};
  private readonly whole = new Promise<void>((resolve) => (this.isWhole = resolve));

  /** The page shows this playground whole now (the boot's swap to the workspace, an embed's mount). */
  shown(): void {
    this.isWhole();
  }

  private async open(): Promise<void> {
    const ids = lessonCatalog.map((l) => l.id);
    const scenario = await this.readScenario();
    const { share } = parseHash(this.env.hash);
    let shared: ShareState | undefined;
    if (share !== undefined) {
      const decoded = await decodeShare(this.env.hash);
      if (decoded.ok) shared = decoded.state;
      else this.notify('notice.share.invalid', { reason: this.t(`notice.share.${decoded.error}` as MessageKey) });
    }
    // A custom scenario replaces the catalog's choice; a shared link made in it opens its state.
    if (scenario) {
      this.scenario = scenario;
      if (shared && scenario.lesson && shared.mode === 'lesson' && shared.lessonId === scenario.lesson.id) await this.openShared(shared);
      else await this.openAtStep(scenario.id, scenario.lesson ? this.options.step : undefined);
      return;
    }
    if (shared) {
      await this.openShared(shared);
      return;
    }
    const fromUrl = resolveLessonId(this.options.lesson, ids);
    if (this.options.lesson !== undefined && !fromUrl) this.notify('notice.options.noLesson', { lesson: this.options.lesson });
    if (this.options.mode === 'sandbox') await this.choose('sandbox');
    else if (fromUrl) await this.openAtStep(fromUrl, this.options.step);
    else if (this.saved.mode === 'sandbox') await this.choose('sandbox');
    else await this.choose(this.saved.lessonId && ids.includes(this.saved.lessonId) ? this.saved.lessonId : (ids[0] ?? 'sandbox'));
  }

  private ready(): void {
    this.emit({ type: 'ready', detail: { mode: this.course.mode, ...(this.course.lesson ? { lesson: this.course.lesson.id, step: this.course.stepIndex + 1 } : {}) } });
  }

  /**
   * The custom scenario asked for, read and loaded, or undefined when none is: written in the page,
   * at `?scenario=`/`scenario-src`, or in the address's `#scenario=`.
   */
  private async readScenario(): Promise<ScenarioEntry | undefined> {
    const inline = this.env.scenario?.inline;
    const url = this.options.scenario;
    const link = hasScenarioLink(this.env.hash);
    if (!inline && url === undefined && !link) return undefined;
    let read: ScenarioRead;
    if (inline) read = inlineScenario(inline.text, inline.format);
    else if (url !== undefined) {
      const origin = this.env.scenario?.origin ?? (typeof location === 'undefined' ? { base: 'about:blank', origin: 'null' } : { base: location.href, origin: location.origin });
      read = await fetchScenario(url, origin);
    } else {
      const decoded = await decodeScenarioLink(this.env.hash);
      read = decoded.ok ? { ok: true, scenario: { name: LINK_SCENARIO_NAME, ...decoded.scenario } } : { ok: false, problem: { kind: 'link', reason: decoded.error } };
    }
    if (!read.ok) return this.failedScenario(read.problem);
    const { loadScenario } = await scenarioLoader();
    const loaded = loadScenario([read.scenario]);
    if (!loaded.ok) return this.failedScenario({ kind: 'invalid', name: read.scenario.name, errors: loaded.errors });
    const { lesson } = loaded;
    return { id: `${SCENARIO_ENTRY_PREFIX}${lesson.id}`, title: lesson.title, summary: lesson.summary, steps: lesson.steps.length, load: () => Promise.resolve(lesson), lesson };
  }

  private failedScenario(problem: ScenarioProblem): ScenarioEntry {
    const title = { en: translate('en', 'lesson.scenario.failedEntry'), ja: translate('ja', 'lesson.scenario.failedEntry') };
    return { id: SCENARIO_ENTRY_PREFIX, title, summary: title, steps: 0, load: () => Promise.reject(new Error(title.en)), problem };
  }

  /** Where the progress of a course list entry is saved: a custom scenario's apart from the built-in lessons'. */
  private progressKey(entryId: string): string {
    const lesson = this.scenario?.lesson;
    return lesson && entryId === this.scenario?.id ? scenarioProgressKey(lesson.id) : entryId;
  }

  private savedProgress(key: string): LessonProgress | undefined {
    return Object.hasOwn(this.saved.lessons, key) ? this.saved.lessons[key] : undefined;
  }

  private async loadLesson(id: string): Promise<Lesson | undefined> {
    const entry = this.catalog.find((l) => l.id === id);
    if (!entry) return undefined;
    const token = ++this.loadToken;
    this.loading = true;
    this.loadError = '';
    try {
      const lesson = await entry.load();
      return token === this.loadToken ? lesson : undefined;
    } catch (e) {
      if (token === this.loadToken) this.loadError = e instanceof Error ? e.message : String(e);
      return undefined;
    } finally {
      if (token === this.loadToken) this.loading = false;
    }
  }

  /** Opens a lesson where the learner left it (saved progress), or the sandbox. */
  async choose(id: string): Promise<void> {
    this.viewing = undefined;
    // The lesson being left keeps what was done in it (written with the next save).
    this.takeProgress();
    // Leaving a link's state for saved work: the link's state was never saved, and now it is gone.
    if (this.unsaved === 'preview') this.unsaved = undefined;
    // A scenario that could not be read: its errors in the lesson panel, a fresh sandbox to work in.
    if (isScenarioEntry(id) && this.scenario?.problem) {
      this.selected = id;
      this.loading = false;
      this.loadError = '';
      await this.course.openSandbox(this.sandboxStart);
      return;
    }
    if (id === 'sandbox') {
      this.selected = 'sandbox';
      this.loading = false;
      this.loadError = '';
      this.afterReplay(await this.course.openSandbox(this.sandboxStart, { commands: this.saved.sandbox.commands }), 'saved');
      return;
    }
    this.selected = id;
    const lesson = await this.loadLesson(id);
    if (!lesson) return;
    this.afterReplay(await this.course.openLesson(lesson, this.savedProgress(this.progressKey(id)) ?? {}), 'saved');
  }

  /**
   * A replay of saved progress that stopped early (the Stop button) leaves fewer commands in effect
   * than were saved: saving now would lose the rest, so the learner decides.
   */
  private afterReplay(outcome: ReplayOutcome, from: 'saved' | 'step' | 'link'): void {
    const link = from === 'link';
    if (outcome.stopped === 'superseded') return;
    if (!outcome.stopped) {
      // Saved progress came back: say so where the learner looks (a lesson opened at a step needs no note).
      if (outcome.ran && from === 'saved' && !this.embed) this.sim.terminal.note(this.t('terminal.restored', { count: outcome.ran }));
      this.progressChanged();
      return;
    }
    const params = { ran: outcome.ran, total: outcome.total, requests: this.linkBudget.requests };
    const text = outcome.stopped === 'budget' ? 'notice.replay.budget' : 'notice.replay.stopped';
    if (link && this.unsaved === 'preview') {
      this.notify(text, params);
      return;
    }
    this.holdSaves(text, params);
  }

  /** Stops saving (saved work stays as it is) and offers to save what is open instead. */
  private holdSaves(key: MessageKey, params: Record<string, string | number>): void {
    this.cancelSave();
    this.unsaved = 'preview';
    const notice = this.notify(key, params, [
      {
        label: this.t('notice.preview.save'),
        run: () => {
          this.dismissNotice(notice.id);
          this.unsaved = undefined;
          this.progressChanged();
          this.flushSave();
        },
      },
    ]);
  }

  /**
   * Opens a lesson at a step (1-based) as if the learner had done the steps before it: their
   * solutions are replayed and they count as done. Used by links and embeds ("step 4 of lesson 1").
   */
  async openAtStep(id: string, step: number | undefined): Promise<void> {
    if (step === undefined || (isScenarioEntry(id) && !this.scenario?.lesson)) return this.choose(id);
    this.viewing = undefined;
    this.selected = id;
    const lesson = await this.loadLesson(id);
    if (!lesson) return;
    const index = Math.min(Math.max(0, step - 1), lesson.steps.length - 1);
    const before = lesson.steps.slice(0, index);
    if (step > lesson.steps.length) this.notify('notice.options.noStep', { step, total: lesson.steps.length });
    this.afterReplay(await this.course.openLesson(lesson, { step: index, completed: before.map((s) => s.id), commands: before.flatMap((s) => splitCommands(s.solution)) }), 'step');
  }

  /**
   * Opens a shared link's state. It never replaces saved work without asking: when the link's
   * lesson (or the sandbox) has saved commands of its own, the link opens unsaved, with a notice
   * that offers to keep it instead. Its replay has a budget (`LINK_BUDGET`).
   */
  private async openShared(state: ShareState): Promise<void> {
    if (state.locale) this.i18n.locale = state.locale;
    if (state.theme) this.theme = state.theme;
    const sandbox = state.mode === 'sandbox' || !state.lessonId;
    // A link made in a custom scenario opens in that scenario (open() checked that it is the one loaded).
    const scenario = this.scenario;
    const entryId = !sandbox && scenario?.lesson?.id === state.lessonId ? scenario?.id : state.lessonId;
    if (!sandbox && !this.catalog.some((l) => l.id === entryId)) {
      this.notify('notice.options.noLesson', { lesson: state.lessonId ?? '' });
      return this.choose(lessonCatalog[0]?.id ?? 'sandbox');
    }
    const savedCommands = sandbox ? this.saved.sandbox.commands : this.savedProgress(this.progressKey(entryId ?? ''))?.commands;
    const wouldReplace = !!savedCommands?.length;
    if (wouldReplace) this.holdSaves('notice.share.preview', { count: savedCommands?.length ?? 0 });
    else this.notify('notice.share.opened');
    let outcome: ReplayOutcome;
    if (sandbox) {
      this.selected = 'sandbox';
      this.loading = false;
      outcome = await this.course.openSandbox(this.sandboxStart, { commands: state.commands }, this.linkBudget);
    } else {
      this.selected = entryId ?? '';
      const lesson = await this.loadLesson(this.selected);
      if (!lesson) return;
      // The link's step and the steps before it count as done; the world is the link's.
      const index = Math.min(state.step ?? 0, lesson.steps.length - 1);
      outcome = await this.course.openLesson(lesson, { step: index, completed: lesson.steps.slice(0, index).map((s) => s.id), commands: state.commands }, this.linkBudget);
    }
    this.afterReplay(outcome, 'link');
  }

  /** A link that opens this exact state (lesson, step, the commands in effect, language). */
  async shareUrl(baseUrl: string): Promise<string> {
    const state: ShareState = {
      v: 1,
      mode: this.course.mode,
      ...(this.course.lesson ? { lessonId: this.course.lesson.id, step: this.course.stepIndex } : {}),
      commands: [...this.course.commands],
      locale: this.i18n.locale,
    };
    const url = await buildShareUrl(baseUrl.split('#')[0] ?? baseUrl, state);
    // A scenario carried in the address's hash goes with the link (one from `?scenario=` is in the address already).
    const scenario = this.scenario?.lesson && this.course.lesson === this.scenario.lesson ? parseHash(this.env.hash).params.get(SCENARIO_PARAM) : null;
    return scenario ? `${url}&${SCENARIO_PARAM}=${scenario}` : url;
  }

  /** Which of the current step's solution commands the scripted demo runs next. */
  demoIndex = $state(0);
  private themeBeforePresenter: Theme = 'system';
  private speedBeforePresenter = 1;

  /**
   * Presenter mode: the projector theme, slow motion and stop at the failing hop, and the
   * keyboard-driven scripted demo (see PresenterBar). Leaving restores what was there before.
   */
  setPresenter(on: boolean): void {
    if (on === this.presenter) return;
    this.presenter = on;
    if (on) {
      this.themeBeforePresenter = this.theme;
      this.speedBeforePresenter = this.sim.flows.speed;
      this.theme = 'projector';
      this.sim.flows.setSpeed(0.5);
      if (!this.sim.flows.slowAtFailure) this.sim.flows.toggleSlowAtFailure();
    } else {
      this.theme = this.themeBeforePresenter;
      this.sim.flows.setSpeed(this.speedBeforePresenter);
    }
  }

  /** The current step's solution, command by command (what the scripted demo types). */
  demoCommands(): string[] {
    return this.course.step ? splitCommands(this.course.step.solution) : [];
  }

  /**
   * Scripted demo: runs the next command of the current step's solution, shown in the terminal as
   * if typed. When the step passes the course moves on and the demo starts on the next step.
   */
  demoNext(): 'ran' | 'done' {
    if (this.demoStep !== this.course.stepIndex) {
      this.demoStep = this.course.stepIndex;
      this.demoIndex = 0;
    }
    const command = this.demoCommands()[this.demoIndex];
    if (command === undefined) return 'done';
    this.demoIndex++;
    this.sim.terminal.submit(command);
    return 'ran';
  }

  /** Which step `demoIndex` counts in. */
  private demoStep = $state(-1);

  /** How far the scripted demo is in the current step: [ran, total]. */
  demoProgress(): [number, number] {
    const total = this.demoCommands().length;
    return [this.demoStep === this.course.stepIndex ? Math.min(this.demoIndex, total) : 0, total];
  }

  setLocale(locale: Locale): void {
    this.i18n.locale = locale;
    this.saved = { ...this.saved, locale };
    this.save();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.saved = { ...this.saved, theme };
    this.save();
  }

  exportFile(): { filename: string; text: string } {
    return exportProgress(this.saved);
  }

  /** Replaces saved progress with a file's; the open lesson reloads from it. */
  async importFile(text: string): Promise<boolean> {
    const result = importProgress(text);
    if (!result.ok) {
      this.notify('notice.import.failed', { reason: this.t(`notice.import.${result.error}` as MessageKey) });
      return false;
    }
    this.saved = result.state;
    this.save();
    if (result.state.locale) this.i18n.locale = result.state.locale;
    await this.choose(result.state.mode === 'sandbox' ? 'sandbox' : (result.state.lessonId ?? lessonCatalog[0]?.id ?? 'sandbox'));
    this.notify('notice.import.done');
    return true;
  }

  /** The course changed: its progress is taken (and written) at the next save, not now. */
  private progressChanged(): void {
    if (this.unsaved) return;
    this.progressDirty = true;
    this.save();
  }

  /**
   * Copies the course's progress into the saved state, if it changed. Done when saving and before
   * the course opens something else: a paste of 10,000 commands must not rebuild the progress
   * (every command in effect) 10,000 times.
   */
  private takeProgress(): void {
    if (!this.progressDirty || this.unsaved) return;
    this.progressDirty = false;
    const progress: CourseProgress = this.course.progress();
    if (progress.mode === 'sandbox') {
      // The sandbox under a scenario that could not be read is a scratch one: the learner's own sandbox stays.
      if (!isScenarioEntry(this.selected)) this.saved = { ...this.saved, mode: 'sandbox', sandbox: { commands: progress.commands } };
    } else if (progress.lessonId && this.scenario && this.course.lesson === this.scenario.lesson) {
      // A custom scenario's progress is kept under a key of its own; where the course resumes is left as it was.
      const { step, completed, commands, predictions } = progress;
      this.saved = { ...this.saved, lessons: { ...this.saved.lessons, [scenarioProgressKey(progress.lessonId)]: { step, completed, commands, predictions } } };
    } else if (progress.lessonId) {
      const { lessonId, step, completed, commands, predictions } = progress;
      this.saved = { ...this.saved, mode: 'lesson', lessonId, lessons: { ...this.saved.lessons, [lessonId]: { step, completed, commands, predictions } } };
    }
    this.saved = { ...this.saved, history: recentHistory(this.sim.session.shell.history) };
  }

  /**
   * Saves soon, once: a paste of thousands of commands changes the progress thousands of times,
   * and writing 1 MB of JSON after each would be most of the work. The write waits for an idle
   * moment (at most SAVE_DELAY_MS); `flushSave` writes at once (the page calls it when hidden).
   */
  private save(): void {
    if (!this.store || this.saveTimer || this.unsaved === 'conflict') return;
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void });
    if (idle.requestIdleCallback && idle.cancelIdleCallback) {
      const id = idle.requestIdleCallback(() => this.flushSave(), { timeout: SAVE_DELAY_MS });
      this.saveTimer = () => idle.cancelIdleCallback?.(id);
    } else {
      const id = setTimeout(() => this.flushSave(), SAVE_DELAY_MS / 4);
      this.saveTimer = () => clearTimeout(id);
    }
  }

  private cancelSave(): void {
    this.saveTimer?.();
    this.saveTimer = undefined;
  }

  /** Writes the progress now if a save is pending (or `force`). */
  flushSave(): void {
    const pending = !!this.saveTimer;
    this.cancelSave();
    if (!this.store || !pending || this.unsaved === 'conflict') return;
    this.takeProgress();
    const result = this.store.save(this.saved);
    if (!result.ok && result.notice !== 'invalid') {
      const key = NOTICE_KEYS[result.notice];
      const text = this.t(key);
      if (!this.notices.some((n) => n.text === text)) this.notify(key);
    }
  }

  dispose(): void {
    this.flushSave();
    this.stopWatchingStorage();
    this.stopObserving();
    this.sim.dispose();
  }
}

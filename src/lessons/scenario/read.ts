/**
 * From one parsed file (YAML, or Markdown turned into the same shape) to the scenario's parts:
 * strict, field by field, every problem recorded with its line. A file is either a whole scenario
 * or a translation of one (`translates: ID`), which may carry only text.
 */
import type { Locale } from '../../domain/locale.ts';
import type { Json, JsonObject } from '../../domain/objects.ts';
import { parseUrl } from '../../domain/traffic/request.ts';
import type { PolicyLevel } from '../../domain/resolution/types.ts';
import { FieldReader, describe, join } from './fields.ts';
import {
  AUTHZ_ACTIONS,
  EXPECT_WORDS,
  FORMAT_VERSION,
  LEVELS,
  LIMITS,
  MODES,
  SCENARIO_LANGUAGES,
  type CheckSpec,
  type ExpectSpec,
  type FromSpec,
  type ObjectRef,
  type ProbeDoc,
  type StepDoc,
  type Texts,
} from './format.ts';

/** A scenario as one file gives it (texts in that file's language unless written per language). */
export interface ScenarioPart {
  kind: 'scenario';
  id: string;
  language: Locale;
  languages?: Locale[];
  title?: Texts;
  summary?: Texts;
  start: { credentials: boolean; manifests?: string; setup?: string };
  snippets: Record<string, string>;
  /** Checks the steps use by name (`use: NAME`). */
  checks: Record<string, CheckSpec>;
  steps: StepDoc[];
}

/** A translation: text only, matched to the scenario's steps and probes by id. */
export interface TranslationPart {
  kind: 'translation';
  translates: string;
  language: Locale;
  title?: Texts;
  summary?: Texts;
  steps: { id: string; field: string; title?: Texts; body?: Texts; hints?: Texts[]; takeaway?: Texts; question?: Texts; labels: Record<string, Texts> }[];
}

/** The patterns of the format's names; `static/scenario.schema.json` uses the same sources. */
export const PATTERNS = {
  id: /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/,
  namespaced: /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?\/[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/,
  workload: /^(\*\/\*|[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?\/(\*|[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?))$/,
  kind: /^[A-Z][A-Za-z0-9]{0,62}$/,
  objectName: /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/,
  code: /^[A-Z]{2,5}\d{4}$/,
  snippet: /^[a-zA-Z][a-zA-Z0-9_-]{0,62}$/,
} as const;
const ID = PATTERNS.id;
const ID_TEXT = 'must be lower-case letters, digits and dashes, starting and ending with a letter or digit (at most 64)';
const NAMESPACED = PATTERNS.namespaced;
const WORKLOAD = PATTERNS.workload;
const KIND = PATTERNS.kind;
const CODE = PATTERNS.code;
const SNIPPET = PATTERNS.snippet;

/** Every field each object of the format may have (the JSON Schema's `properties` list the same). */
export const ROOT_KEYS = ['scenario', 'id', 'language', 'languages', 'title', 'summary', 'start', 'snippets', 'checks', 'steps'] as const;
export const TRANSLATION_KEYS = ['scenario', 'translates', 'language', 'title', 'summary', 'steps'] as const;
export const START_KEYS = ['credentials', 'manifests', 'setup'] as const;
export const STEP_KEYS = ['id', 'title', 'body', 'commands', 'hints', 'solution', 'check', 'predict', 'takeaway'] as const;
export const TRANSLATED_STEP_KEYS = ['id', 'title', 'body', 'hints', 'takeaway', 'predict'] as const;
export const PREDICT_KEYS = ['question', 'probes'] as const;
export const PROBE_KEYS = ['id', 'label', 'from', 'to'] as const;
export const TRANSLATED_PROBE_KEYS = ['id', 'label'] as const;
export const FROM_KEYS = ['pod', 'bypassSidecar'] as const;
export const TO_KEYS = ['service', 'port', 'path'] as const;
export const CHECK_KINDS = ['all', 'any', 'not', 'request', 'exists', 'absent', 'mode', 'analyze', 'sidecar', 'authz', 'credentials', 'custom', 'use'] as const;
/** The fields every check may have besides its kind. */
export const CHECK_TEXT_KEYS = ['message', 'passed'] as const;
/** The fields of the checks whose value is an object. */
export const CHECK_KEYS = {
  request: ['from', 'to', 'expect', 'over', 'mode', 'level', 'seen'],
  exists: ['kind', 'namespace', 'name'],
  absent: ['kind', 'namespace', 'name'],
  mode: ['workload', 'port', 'is', 'level'],
  analyze: ['code', 'namespace', 'reported'],
  sidecar: ['workload', 'injected'],
  authz: ['workload', 'action', 'applies'],
} as const;
export const SEEN = ['now', 'step', 'lesson', 'last'] as const;
export const OVER = ['mtls', 'plaintext', 'tls'] as const;
/** Snippets one file may define. */
export const MAX_SNIPPETS = 64;

export function readPart(value: Json, r: FieldReader): ScenarioPart | TranslationPart | undefined {
  const root = r.object(value ?? {}, '', Object.hasOwn(asObject(value), 'translates') ? TRANSLATION_KEYS : ROOT_KEYS);
  if (!root) return undefined;
  const version = root.scenario;
  if (version === undefined) r.required('scenario');
  else if (version !== FORMAT_VERSION) r.error('scenario', `Unsupported value: ${JSON.stringify(version)}: supported values: "${FORMAT_VERSION}"`);
  const language = r.oneOf(root.language, 'language', SCENARIO_LANGUAGES) ?? 'en';
  const title = readTexts(root.title, 'title', r, language);
  const summary = readTexts(root.summary, 'summary', r, language);
  if (Object.hasOwn(root, 'translates')) {
    const translates = r.matching(root.translates, 'translates', ID, ID_TEXT) ?? '';
    const steps = (r.array(root.steps, 'steps', LIMITS.steps) ?? []).flatMap((s, i) => {
      const step = readTranslatedStep(s, join('steps', i), r, language);
      return step ? [step] : [];
    });
    return { kind: 'translation', translates, language, ...(title ? { title } : {}), ...(summary ? { summary } : {}), steps };
  }
  const id = root.id === undefined ? r.required('id') : r.matching(root.id, 'id', ID, ID_TEXT);
  const languages = readLanguages(root.languages, r);
  const start = readStart(root.start, r);
  const snippets = readSnippets(root.snippets, r);
  const checks = readNamedChecks(root.checks, r, language);
  const stepValues = root.steps === undefined ? (r.required('steps'), []) : (r.array(root.steps, 'steps', LIMITS.steps) ?? []);
  if (root.steps !== undefined && Array.isArray(root.steps) && root.steps.length === 0) r.error('steps', 'Required value: a scenario has at least one step');
  const steps = stepValues.flatMap((s, i) => {
    const step = readStep(s, join('steps', i), r, language);
    return step ? [step] : [];
  });
  const ids = new Set<string>();
  steps.forEach((s, i) => {
    if (ids.has(s.id)) r.error(join(join('steps', i), 'id'), `Duplicate value: ${JSON.stringify(s.id)}`);
    ids.add(s.id);
  });
  return {
    kind: 'scenario',
    id: id ?? '',
    language,
    ...(languages ? { languages } : {}),
    ...(title ? { title } : {}),
    ...(summary ? { summary } : {}),
    start,
    snippets,
    checks,
    steps,
  };
}

/** Named checks a scenario may define. */
export const MAX_NAMED_CHECKS = 32;

/** `checks: {NAME: CHECK}`: checks several steps use as `use: NAME`. */
function readNamedChecks(value: Json | undefined, r: FieldReader, language: Locale): Record<string, CheckSpec> {
  return readNamed(value, 'checks', 'check', MAX_NAMED_CHECKS, r, (v, field) => readCheck(v, field, r, language, 0, { nodes: 0 }));
}

/**
 * A map of names to values (`snippets:`, `checks:`): at most `max` names, each a letter followed
 * by letters, digits, `-` or `_`, each value read by `read`.
 */
function readNamed<T>(value: Json | undefined, key: string, what: string, max: number, r: FieldReader, read: (value: Json, field: string) => T | undefined): Record<string, T> {
  const out: Record<string, T> = Object.create(null) as Record<string, T>;
  if (value === undefined) return out;
  const obj = r.object(value, key, Object.keys(asObject(value)));
  if (!obj) return out;
  const names = Object.keys(obj);
  if (names.length > max) r.error(key, `Too many: ${names.length}: must have at most ${max} items`);
  for (const name of names.slice(0, max)) {
    const field = join(key, name);
    if (!SNIPPET.test(name)) {
      r.error(field, `Invalid value: a ${what} name is a letter followed by letters, digits, \`-\` or \`_\``);
      continue;
    }
    const item = read(obj[name] ?? null, field);
    if (item !== undefined) out[name] = item;
  }
  return out;
}

function asObject(value: Json): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function readLanguages(value: Json | undefined, r: FieldReader): Locale[] | undefined {
  const list = r.array(value, 'languages', SCENARIO_LANGUAGES.length);
  if (!list) return undefined;
  const out: Locale[] = [];
  list.forEach((v, i) => {
    const lang = r.oneOf(v, join('languages', i), SCENARIO_LANGUAGES);
    if (lang && out.includes(lang)) r.error(join('languages', i), `Duplicate value: "${lang}"`);
    else if (lang) out.push(lang);
  });
  if (list.length === 0) r.error('languages', 'Required value: at least one language');
  return out;
}

/** A text: a string in the file's language, or `{en: …, ja: …}`. */
export function readTexts(value: Json | undefined, field: string, r: FieldReader, language: Locale): Texts | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    const text = r.string(value, field);
    return text === undefined ? undefined : { [language]: text };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    // go-yaml reads y, yes, no, on and off as booleans, and bare numbers as numbers.
    return r.error(field, `Invalid value: ${describe(value)}: must be text or {en: …, ja: …} (quote text that YAML would read as a boolean or a number)`);
  }
  const obj = r.object(value, field, SCENARIO_LANGUAGES);
  if (!obj) return undefined;
  const out: Texts = {};
  for (const lang of SCENARIO_LANGUAGES) {
    const text = r.string(obj[lang], join(field, lang));
    if (text !== undefined) out[lang] = text;
  }
  return out;
}

function readStart(value: Json | undefined, r: FieldReader): ScenarioPart['start'] {
  const obj = r.object(value, 'start', START_KEYS);
  const credentials = r.boolean(obj?.credentials, 'start.credentials') ?? true;
  const manifests = r.string(obj?.manifests, 'start.manifests', LIMITS.startChars);
  const setup = r.string(obj?.setup, 'start.setup', LIMITS.startChars);
  return { credentials, ...(manifests !== undefined ? { manifests } : {}), ...(setup !== undefined ? { setup } : {}) };
}

function readSnippets(value: Json | undefined, r: FieldReader): Record<string, string> {
  return readNamed(value, 'snippets', 'snippet', MAX_SNIPPETS, r, (v, field) => r.string(v, field, LIMITS.startChars)?.replace(/\n$/, ''));
}

function readStep(value: Json, field: string, r: FieldReader, language: Locale): StepDoc | undefined {
  const obj = r.object(value, field, STEP_KEYS);
  if (!obj) return undefined;
  const id = obj.id === undefined ? r.required(join(field, 'id')) : r.matching(obj.id, join(field, 'id'), ID, ID_TEXT);
  const title = readTexts(obj.title, join(field, 'title'), r, language);
  const body = readTexts(obj.body, join(field, 'body'), r, language);
  // A field that is there but refused has its own error already; Required is for a missing one.
  if (obj.title === undefined) r.required(join(field, 'title'));
  if (obj.body === undefined) r.required(join(field, 'body'));
  const commands = readStrings(obj.commands, join(field, 'commands'), r, LIMITS.commandsPerStep);
  if (obj.commands === undefined || (Array.isArray(obj.commands) && obj.commands.length === 0)) r.error(join(field, 'commands'), 'Required value: at least one command to try');
  const hints = (r.array(obj.hints, join(field, 'hints'), LIMITS.hintsPerStep) ?? []).flatMap((h, i) => readTexts(h, join(join(field, 'hints'), i), r, language) ?? []);
  const solution = obj.solution === undefined ? r.required(join(field, 'solution')) : r.string(obj.solution, join(field, 'solution'));
  const budget = { nodes: 0 };
  const check = obj.check === undefined ? r.required(join(field, 'check')) : readCheck(obj.check, join(field, 'check'), r, language, 0, budget);
  const predict = readPredict(obj.predict, join(field, 'predict'), r, language);
  const takeaway = readTexts(obj.takeaway, join(field, 'takeaway'), r, language);
  if (id === undefined || !title || !body || solution === undefined || !check) return undefined;
  return {
    id,
    title,
    body,
    commands,
    hints,
    solution,
    check,
    ...(predict ? { predict } : {}),
    ...(takeaway ? { takeaway } : {}),
  };
}

function readStrings(value: Json | undefined, field: string, r: FieldReader, max: number): string[] {
  return (r.array(value, field, max) ?? []).flatMap((v, i) => r.string(v, join(field, i)) ?? []);
}

function readPredict(value: Json | undefined, field: string, r: FieldReader, language: Locale): StepDoc['predict'] {
  const obj = r.object(value, field, PREDICT_KEYS);
  if (!obj) return undefined;
  const question = readTexts(obj.question, join(field, 'question'), r, language);
  if (obj.question === undefined) r.required(join(field, 'question'));
  const list = r.array(obj.probes, join(field, 'probes'), LIMITS.probesPerStep);
  if (obj.probes === undefined || list?.length === 0) r.error(join(field, 'probes'), 'Required value: at least one request to predict');
  const probes: ProbeDoc[] = [];
  const ids = new Set<string>();
  (list ?? []).forEach((p, i) => {
    const at = join(join(field, 'probes'), i);
    const probe = r.object(p, at, PROBE_KEYS);
    if (!probe) return;
    const id = probe.id === undefined ? r.required(join(at, 'id')) : r.matching(probe.id, join(at, 'id'), ID, ID_TEXT);
    const label = readTexts(probe.label, join(at, 'label'), r, language);
    if (probe.label === undefined) r.required(join(at, 'label'));
    const from = readFrom(probe.from, join(at, 'from'), r);
    const url = readTo(probe.to, join(at, 'to'), r);
    if (id !== undefined && ids.has(id)) r.error(join(at, 'id'), `Duplicate value: ${JSON.stringify(id)}`);
    if (id !== undefined) ids.add(id);
    if (id !== undefined && label && from && url) probes.push({ id, label, from, url });
  });
  return question ? { question, probes } : undefined;
}

/** `browser`, `cloudshell`, `NAMESPACE/APP`, or `{pod: NAMESPACE/APP, bypassSidecar: true}`. */
function readFrom(value: Json | undefined, field: string, r: FieldReader, wildcard = false): FromSpec | undefined {
  if (value === undefined) return r.required(field);
  let podRef: string | undefined;
  let bypass = false;
  if (typeof value === 'string') {
    if (value === 'browser' || value === 'cloudshell') return { kind: value };
    podRef = value;
  } else {
    const obj = r.object(value, field, FROM_KEYS);
    if (!obj) return undefined;
    if (obj.pod === undefined) return r.required(join(field, 'pod'));
    podRef = r.string(obj.pod, join(field, 'pod'), 512);
    bypass = r.boolean(obj.bypassSidecar, join(field, 'bypassSidecar')) ?? false;
    field = join(field, 'pod');
  }
  if (podRef === undefined) return undefined;
  if (wildcard && WORKLOAD.test(podRef)) {
    const [namespace = '', app = ''] = podRef.split('/');
    return { kind: 'pod', namespace, app, bypass };
  }
  if (!NAMESPACED.test(podRef)) {
    return r.error(field, `Invalid value: ${JSON.stringify(podRef.slice(0, 80))}: must be "browser", "cloudshell" or NAMESPACE/APP (e.g. default/testcurl)`);
  }
  const [namespace = '', app = ''] = podRef.split('/');
  return { kind: 'pod', namespace, app, bypass };
}

/** A URL (`http://…`), or `{service: NAMESPACE/NAME, port: 80, path: /}`. */
function readTo(value: Json | undefined, field: string, r: FieldReader): string | undefined {
  if (value === undefined) return r.required(field);
  if (typeof value === 'string') {
    const url = r.string(value, field, 2048);
    if (url === undefined) return undefined;
    const parsed = parseUrl(url);
    if (!parsed || !/^https?:\/\//i.test(url) || parsed.host === '') {
      return r.error(field, `Invalid value: ${JSON.stringify(url.slice(0, 80))}: must be an http:// or https:// URL`);
    }
    return url;
  }
  const obj = r.object(value, field, TO_KEYS);
  if (!obj) return undefined;
  const service = obj.service === undefined ? r.required(join(field, 'service')) : r.string(obj.service, join(field, 'service'), 512);
  const port = r.integer(obj.port, join(field, 'port'), 1, 65535) ?? 80;
  const path = r.string(obj.path, join(field, 'path'), 1024) ?? '/';
  if (service === undefined) return undefined;
  if (!NAMESPACED.test(service)) return r.error(join(field, 'service'), `Invalid value: ${JSON.stringify(service.slice(0, 80))}: must be NAMESPACE/NAME`);
  if (!path.startsWith('/') || /\s/.test(path)) return r.error(join(field, 'path'), `Invalid value: ${JSON.stringify(path.slice(0, 80))}: must start with / and have no spaces`);
  const [namespace, name] = service.split('/');
  return `http://${name}.${namespace}.svc.cluster.local${port === 80 ? '' : `:${port}`}${path}`;
}

function readCheck(value: Json, field: string, r: FieldReader, language: Locale, depth: number, budget: { nodes: number }): CheckSpec | undefined {
  if (++budget.nodes > LIMITS.checksPerStep) {
    if (budget.nodes === LIMITS.checksPerStep + 1) r.error(field, `Too many: a step may have at most ${LIMITS.checksPerStep} checks`);
    return undefined;
  }
  if (depth > LIMITS.checkDepth) return r.error(field, `Invalid value: checks nest at most ${LIMITS.checkDepth} levels deep`);
  const obj = r.object(value, field, [...CHECK_KINDS, ...CHECK_TEXT_KEYS]);
  if (!obj) return undefined;
  const kinds = CHECK_KINDS.filter((k) => Object.hasOwn(obj, k));
  if (kinds.length !== 1) {
    return r.error(field, kinds.length === 0
      ? `Required value: one of ${CHECK_KINDS.map((k) => `"${k}"`).join(', ')}`
      : `Invalid value: one check per item; found ${kinds.map((k) => `"${k}"`).join(' and ')} (put several under "all")`);
  }
  const kind = kinds[0]!;
  const message = readTexts(obj.message, join(field, 'message'), r, language);
  const passed = readTexts(obj.passed, join(field, 'passed'), r, language);
  const text = { ...(message ? { message } : {}), ...(passed ? { passed } : {}) };
  const at = join(field, kind);
  const v = obj[kind];
  switch (kind) {
    case 'all':
    case 'any': {
      const list = r.array(v, at, LIMITS.checksPerStep);
      if (!list) return undefined;
      if (list.length === 0) return r.error(at, 'Required value: at least one check');
      const checks = list.map((c, i) => readCheck(c, join(at, i), r, language, depth + 1, budget));
      return checks.every((c): c is CheckSpec => c !== undefined) ? { kind, checks, ...text } : undefined;
    }
    case 'not': {
      const check = readCheck(v ?? null, at, r, language, depth + 1, budget);
      return check ? { kind, check, ...text } : undefined;
    }
    case 'request': {
      const req = r.object(v ?? null, at, CHECK_KEYS.request);
      if (!req) return undefined;
      const seen = r.oneOf(req.seen, join(at, 'seen'), SEEN) ?? 'now';
      // Anyone may have sent a request the learner made; a request the check sends itself needs a sender.
      const from = req.from === undefined && seen !== 'now' ? undefined : readFrom(req.from, join(at, 'from'), r, seen !== 'now');
      const url = readTo(req.to, join(at, 'to'), r);
      const expect = readExpect(req.expect, join(at, 'expect'), r);
      const over = r.oneOf(req.over, join(at, 'over'), OVER);
      const serverMode = r.oneOf(req.mode, join(at, 'mode'), MODES);
      const level = r.oneOf<PolicyLevel>(req.level, join(at, 'level'), LEVELS);
      if ((!from && seen === 'now') || !url || expect === undefined) return undefined;
      return { kind, url, expect, seen, ...(from ? { from } : {}), ...(over ? { over } : {}), ...(serverMode ? { serverMode } : {}), ...(level ? { level } : {}), ...text };
    }
    case 'exists':
    case 'absent': {
      const object = readObjectRef(v ?? null, at, r);
      return object ? { kind, object, ...text } : undefined;
    }
    case 'mode': {
      const m = r.object(v ?? null, at, CHECK_KEYS.mode);
      if (!m) return undefined;
      const workload = m.workload === undefined ? r.required(join(at, 'workload')) : r.matching(m.workload, join(at, 'workload'), WORKLOAD, 'must be NAMESPACE/APP (e.g. frontend/frontend), NAMESPACE/* or */*');
      const port = r.integer(m.port, join(at, 'port'), 1, 65535);
      const is = m.is === undefined ? r.required(join(at, 'is')) : r.oneOf(m.is, join(at, 'is'), MODES);
      const level = r.oneOf<PolicyLevel>(m.level, join(at, 'level'), LEVELS);
      if (!workload || !is) return undefined;
      const [namespace = '', app = ''] = workload.split('/');
      return { kind, namespace, app, is, ...(port !== undefined ? { port } : {}), ...(level ? { level } : {}), ...text };
    }
    case 'analyze': {
      const a = r.object(v ?? null, at, CHECK_KEYS.analyze);
      if (!a) return undefined;
      const code = a.code === undefined ? r.required(join(at, 'code')) : r.matching(a.code, join(at, 'code'), CODE, 'must be an analyzer code such as IST0102');
      const namespace = a.namespace === undefined ? undefined : r.matching(a.namespace, join(at, 'namespace'), ID, 'must be a namespace name');
      const reported = r.boolean(a.reported, join(at, 'reported')) ?? true;
      return code ? { kind, code, reported, ...(namespace ? { namespace } : {}), ...text } : undefined;
    }
    case 'sidecar': {
      const sc = r.object(v ?? null, at, CHECK_KEYS.sidecar);
      if (!sc) return undefined;
      const workload = sc.workload === undefined ? r.required(join(at, 'workload')) : r.matching(sc.workload, join(at, 'workload'), NAMESPACED, 'must be NAMESPACE/APP (e.g. legacy/legacy-client)');
      const injected = r.boolean(sc.injected, join(at, 'injected')) ?? true;
      if (!workload) return undefined;
      const [namespace = '', app = ''] = workload.split('/');
      return { kind, namespace, app, injected, ...text };
    }
    case 'authz': {
      const a = r.object(v ?? null, at, CHECK_KEYS.authz);
      if (!a) return undefined;
      const workload = a.workload === undefined ? r.required(join(at, 'workload')) : r.matching(a.workload, join(at, 'workload'), NAMESPACED, 'must be NAMESPACE/APP (e.g. cart/cartservice)');
      const action = a.action === undefined ? r.required(join(at, 'action')) : r.oneOf(a.action, join(at, 'action'), AUTHZ_ACTIONS);
      const applies = r.boolean(a.applies, join(at, 'applies')) ?? true;
      if (!workload || !action) return undefined;
      const [namespace = '', app = ''] = workload.split('/');
      return { kind, namespace, app, action, applies, ...text };
    }
    case 'credentials': {
      const present = r.boolean(v ?? null, at);
      return present === undefined ? undefined : { kind, present, ...text };
    }
    case 'custom': {
      const name = r.matching(v ?? null, at, SNIPPET, 'must be the name of a check this build registers');
      return name ? { kind, name, ...text } : undefined;
    }
    case 'use': {
      const name = r.matching(v ?? null, at, SNIPPET, 'must be the name of a check under the scenario\'s `checks:`');
      return name ? { kind, name, ...text } : undefined;
    }
  }
}

function readExpect(value: Json | undefined, field: string, r: FieldReader): ExpectSpec | undefined {
  if (value === undefined) return r.required(field);
  if (typeof value === 'number') return r.integer(value, field, 100, 599);
  if (typeof value === 'string' && /^\d{3}$/.test(value)) return r.integer(Number(value), field, 100, 599);
  if (typeof value === 'string' && (EXPECT_WORDS as readonly string[]).includes(value)) return value as ExpectSpec;
  return r.error(field, `Unsupported value: ${describe(value)}: supported values: ${EXPECT_WORDS.map((w) => `"${w}"`).join(', ')}, or an HTTP status such as 503`);
}

function readObjectRef(value: Json, field: string, r: FieldReader): ObjectRef | undefined {
  const obj = r.object(value, field, CHECK_KEYS.exists);
  if (!obj) return undefined;
  const kind = obj.kind === undefined ? r.required(join(field, 'kind')) : r.matching(obj.kind, join(field, 'kind'), KIND, 'must be a kind such as PeerAuthentication');
  const name = obj.name === undefined ? undefined : r.matching(obj.name, join(field, 'name'), PATTERNS.objectName, 'must be an object name');
  const namespace = obj.namespace === undefined ? undefined : r.matching(obj.namespace, join(field, 'namespace'), ID, 'must be a namespace name');
  if (obj.name !== undefined && name === undefined) return undefined;
  return kind ? { kind, ...(name ? { name } : {}), ...(namespace ? { namespace } : {}) } : undefined;
}

function readTranslatedStep(value: Json, field: string, r: FieldReader, language: Locale): TranslationPart['steps'][number] | undefined {
  const obj = r.object(value, field, TRANSLATED_STEP_KEYS);
  if (!obj) return undefined;
  const id = obj.id === undefined ? r.required(join(field, 'id')) : r.matching(obj.id, join(field, 'id'), ID, ID_TEXT);
  const title = readTexts(obj.title, join(field, 'title'), r, language);
  const body = readTexts(obj.body, join(field, 'body'), r, language);
  const takeaway = readTexts(obj.takeaway, join(field, 'takeaway'), r, language);
  const hintList = r.array(obj.hints, join(field, 'hints'), LIMITS.hintsPerStep);
  const hints = hintList?.flatMap((h, i) => readTexts(h, join(join(field, 'hints'), i), r, language) ?? []);
  const predict = r.object(obj.predict, join(field, 'predict'), PREDICT_KEYS);
  const question = readTexts(predict?.question, join(join(field, 'predict'), 'question'), r, language);
  const labels: Record<string, Texts> = {};
  (r.array(predict?.probes, join(join(field, 'predict'), 'probes'), LIMITS.probesPerStep) ?? []).forEach((p, i) => {
    const at = join(join(join(field, 'predict'), 'probes'), i);
    const probe = r.object(p, at, TRANSLATED_PROBE_KEYS);
    const pid = r.matching(probe?.id, join(at, 'id'), ID, ID_TEXT);
    const label = readTexts(probe?.label, join(at, 'label'), r, language);
    if (pid && label) labels[pid] = label;
  });
  if (id === undefined) return undefined;
  return { id, field, labels, ...(title ? { title } : {}), ...(body ? { body } : {}), ...(hints ? { hints } : {}), ...(takeaway ? { takeaway } : {}), ...(question ? { question } : {}) };
}

/**
 * Reading a scenario: from its files' text to its document (`ScenarioDoc`, which `compile.ts`
 * turns into a lesson), or to a list of errors with line and field. A scenario is hostile input until this has read it: sizes
 * are capped before parsing, YAML goes through the same reader as `kubectl apply` (alias budget
 * included), every field is checked, and no text is ever treated as markup.
 */
import type { Locale } from '../../domain/locale.ts';
import { yamlToJsonWithLines } from '../../domain/manifests/goYaml.ts';
import { kindInfo } from '../../domain/kinds.ts';
import { FieldReader, join } from './fields.ts';
import { LIMITS, SCENARIO_LANGUAGES, type CheckSpec, type ScenarioDoc, type ScenarioError, type StepDoc, type Texts } from './format.ts';
import { convertMarkdown, type ConvertedFile } from './markdown.ts';
import { readPart, type ScenarioPart, type TranslationPart } from './read.ts';

export interface ScenarioFile {
  /** The file's name as the author knows it (`my-scenario.md`); errors are reported against it. */
  name: string;
  text: string;
  /** `markdown` for `.md` names by default, else `yaml`. */
  format?: 'yaml' | 'markdown';
}

export interface ReadOptions {
  /**
   * The `custom:` checks a scenario may name; `any` leaves them to be checked when the scenario is
   * compiled with its checks (a built-in lesson read at build time, `lessonFromDoc`).
   */
  customChecks?: ReadonlySet<string> | 'any';
  /** Snippets every file may use as `{{name}}` (an in-repo library of shared manifests). */
  snippets?: Readonly<Record<string, string>>;
}

export type ReadResult = { ok: true; doc: ScenarioDoc } | { ok: false; errors: ScenarioError[] };

function fail(source: string, field: string, message: string, line?: number): { ok: false; errors: ScenarioError[] } {
  return { ok: false, errors: [{ source, field, message, ...(line !== undefined ? { line } : {}) }] };
}

function formatOf(file: ScenarioFile): 'yaml' | 'markdown' {
  return file.format ?? (/\.(md|markdown)$/i.test(file.name) ? 'markdown' : 'yaml');
}

function convert(file: ScenarioFile): { ok: true; file: ConvertedFile } | { ok: false; error: ScenarioError } {
  const text = file.text.startsWith('\uFEFF') ? file.text.slice(1) : file.text;
  if (formatOf(file) === 'markdown') {
    const converted = convertMarkdown(text);
    if (converted.ok) return converted;
    return { ok: false, error: { source: file.name, field: converted.field, message: converted.message, ...(converted.line !== undefined ? { line: converted.line } : {}) } };
  }
  // One document per file: a second `---` document would be ignored silently by a YAML reader.
  // A `---` after content starts a second document; so does content after a `...` end marker.
  const separators = [...text.matchAll(/^(---|\.\.\.)[ \t]*$/gm)].filter((m) =>
    m[1] === '---' ? text.slice(0, m.index).trim() !== '' : text.slice(m.index + m[0].length).split('\n').some((l) => !/^\s*(#.*)?$/.test(l)),
  );
  if (separators.length > 0) {
    const line = text.slice(0, separators[0]!.index).split('\n').length;
    return { ok: false, error: { source: file.name, field: '', line, message: 'Invalid value: a scenario file holds one YAML document (use block scalars `|` for manifests with `---`)' } };
  }
  const { result, lines } = yamlToJsonWithLines(text);
  if (!result.ok) {
    const m = /line (\d+): /.exec(result.message);
    return { ok: false, error: { source: file.name, field: '', message: result.message, ...(m ? { line: Number(m[1]) } : {}) } };
  }
  return { ok: true, file: { value: result.value, lines } };
}

/**
 * Reads and checks a scenario given as one file or as a file plus translations: its document, with
 * snippets and named checks in place, ready for `compile`. Plain data (JSON), so a built-in lesson
 * is read once, when the app is built (scripts/lessonDocs.ts).
 */
export function readScenario(files: readonly ScenarioFile[], options: ReadOptions = {}): ReadResult {
  const first = files[0]?.name ?? 'scenario';
  if (files.length === 0) return fail(first, '', 'Required value: no scenario file');
  if (files.length > LIMITS.files) return fail(first, '', `Too many: ${files.length} files: a scenario has at most ${LIMITS.files}`);
  const total = files.reduce((n, f) => n + f.text.length, 0);
  if (total > LIMITS.totalChars) return fail(first, '', `Too long: ${total} characters: a scenario may have at most ${LIMITS.totalChars}`);

  const errors: ScenarioError[] = [];
  let dropped = 0;
  const parts: { part: ScenarioPart | TranslationPart; reader: FieldReader }[] = [];
  for (const file of files) {
    const converted = convert(file);
    if (!converted.ok) {
      errors.push(converted.error);
      continue;
    }
    const reader = new FieldReader(file.name, converted.file.lines);
    const part = readPart(converted.file.value, reader);
    errors.push(...reader.errors);
    dropped += reader.dropped;
    if (part) parts.push({ part, reader });
  }
  if (errors.length > 0) return { ok: false, errors: withDropped(errors, dropped, first) };

  const bases = parts.filter((p): p is { part: ScenarioPart; reader: FieldReader } => p.part.kind === 'scenario');
  if (bases.length !== 1) {
    return fail(first, '', bases.length === 0 ? 'Required value: no file is a scenario (only translations)' : 'Invalid value: more than one file is a whole scenario; the others must be translations (`translates: ID`)');
  }
  const { part: base, reader } = bases[0]!;
  const doc = merge(base, parts.filter((p) => p.part.kind === 'translation') as { part: TranslationPart; reader: FieldReader }[]);
  if (!doc.ok) return { ok: false, errors: doc.errors };

  // Every text in every language the scenario declares.
  const texts = new FieldReader(reader.source, new Map());
  const need = (t: Texts | undefined, field: string) => {
    for (const lang of doc.doc.languages) if (t?.[lang] === undefined || t[lang]!.trim() === '') texts.error(join(field, lang), `Required value: the scenario is in ${doc.doc.languages.join(' and ')}`);
  };
  need(doc.doc.title, 'title');
  need(doc.doc.summary, 'summary');
  doc.doc.steps.forEach((s, i) => stepTexts(s, join('steps', i), need));
  for (const e of texts.errors) e.line = reader.lineOf(e.field.replace(/\.(en|ja)$/, ''));

  const snippets = { ...options.snippets, ...base.snippets };
  for (const name of Object.keys(base.snippets)) {
    if (options.snippets && Object.hasOwn(options.snippets, name)) reader.error(join('snippets', name), `Duplicate value: ${JSON.stringify(name)} is a shared snippet already`);
  }
  const expanded = expandSnippets(doc.doc, snippets, reader);
  const checks = new FieldReader(reader.source, new Map());
  for (const [name, named] of Object.entries(base.checks)) {
    if (usesAny(named)) checks.error(join('checks', name), 'Invalid value: a named check cannot use another one');
  }
  expanded.steps = expanded.steps.map((s, i) => ({ ...s, check: resolveUses(s.check, join(join('steps', i), 'check'), base.checks, checks) }));
  // Named checks multiply: a step's checks, once they are in place, stay within a bound (each is evaluated after every command).
  expanded.steps.forEach((s, i) => {
    const nodes = countChecks(s.check);
    if (nodes > LIMITS.expandedChecksPerStep) checks.error(join(join('steps', i), 'check'), `Too many: ${nodes} checks once named checks are in place: a step may have at most ${LIMITS.expandedChecksPerStep}`);
  });
  const custom = options.customChecks ?? new Set<string>();
  for (const [name, named] of Object.entries(base.checks)) checkRefs(named, join('checks', name), custom, checks);
  expanded.steps.forEach((s, i) => checkRefs(s.check, join(join('steps', i), 'check'), custom, checks));
  for (const e of checks.errors) e.line = reader.lineOf(e.field);
  const all = [...texts.errors, ...reader.errors, ...checks.errors];
  if (all.length > 0) return { ok: false, errors: withDropped(all, texts.dropped + checks.dropped + reader.dropped, first) };
  return { ok: true, doc: expanded };
}

function withDropped(errors: ScenarioError[], dropped: number, source: string): ScenarioError[] {
  const sources = [...new Set(errors.map((e) => e.source))];
  const sorted = errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => sources.indexOf(a.e.source) - sources.indexOf(b.e.source) || (a.e.line ?? 0) - (b.e.line ?? 0) || a.i - b.i)
    .map(({ e }) => e);
  return dropped > 0 ? [...sorted, { source, field: '', message: `and ${dropped} more errors` }] : sorted;
}

function stepTexts(step: StepDoc, field: string, need: (t: Texts | undefined, field: string) => void): void {
  need(step.title, join(field, 'title'));
  need(step.body, join(field, 'body'));
  step.hints.forEach((h, i) => need(h, join(join(field, 'hints'), i)));
  if (step.takeaway) need(step.takeaway, join(field, 'takeaway'));
  if (step.predict) {
    need(step.predict.question, join(join(field, 'predict'), 'question'));
    step.predict.probes.forEach((p, i) => need(p.label, join(join(join(join(field, 'predict'), 'probes'), i), 'label')));
  }
}

const addTexts = (into: Texts | undefined, from: Texts | undefined): Texts | undefined => (from ? { ...into, ...from } : into);

function merge(base: ScenarioPart, translations: readonly { part: TranslationPart; reader: FieldReader }[]): { ok: true; doc: ScenarioDoc } | { ok: false; errors: ScenarioError[] } {
  const declared = base.languages;
  const languages: Locale[] = declared ? [...declared] : [base.language];
  const errors: ScenarioError[] = [];
  const steps: StepDoc[] = base.steps.map((s) => ({ ...s, hints: [...s.hints], ...(s.predict ? { predict: { ...s.predict, probes: s.predict.probes.map((p) => ({ ...p })) } } : {}) }));
  let title = base.title;
  let summary = base.summary;
  for (const { part, reader } of translations) {
    if (part.translates !== base.id) reader.error('translates', `Invalid value: ${JSON.stringify(part.translates)}: the scenario is ${JSON.stringify(base.id)}`);
    if (declared && !declared.includes(part.language)) reader.error('language', `Unsupported value: "${part.language}": the scenario declares languages ${declared.join(', ')}`);
    else if (!languages.includes(part.language)) languages.push(part.language);
    title = addTexts(title, part.title);
    summary = addTexts(summary, part.summary);
    for (const t of part.steps) {
      const step = steps.find((s) => s.id === t.id);
      if (!step) {
        reader.error(join(t.field, 'id'), `Invalid value: ${JSON.stringify(t.id)}: the scenario has no such step`);
        continue;
      }
      step.title = addTexts(step.title, t.title)!;
      step.body = addTexts(step.body, t.body)!;
      if (step.takeaway || t.takeaway) step.takeaway = addTexts(step.takeaway, t.takeaway)!;
      if (t.hints) {
        if (t.hints.length !== step.hints.length) reader.error(join(t.field, 'hints'), `Invalid value: ${t.hints.length} hints: the scenario's step has ${step.hints.length}`);
        t.hints.forEach((h, i) => (step.hints[i] = addTexts(step.hints[i], h)!));
      }
      if (step.predict) {
        step.predict.question = addTexts(step.predict.question, t.question)!;
        for (const p of step.predict.probes) p.label = addTexts(p.label, t.labels[p.id])!;
      }
      for (const id of Object.keys(t.labels)) {
        if (!step.predict?.probes.some((p) => p.id === id)) reader.error(join(t.field, 'predict'), `Invalid value: the step has no probe ${JSON.stringify(id)}`);
      }
    }
    errors.push(...reader.errors);
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, doc: { id: base.id, languages, title: title ?? {}, summary: summary ?? {}, start: base.start, steps } };
}

/** `{{name}}` → the snippet, in commands, solutions and the start; other `{{…}}` stay (Go templates in kubectl `-o go-template`). */
function expandSnippets(doc: ScenarioDoc, snippets: Readonly<Record<string, string>>, reader: FieldReader): ScenarioDoc {
  const expand = (text: string, field: string): string =>
    text.replace(/\{\{([a-zA-Z][a-zA-Z0-9_-]{0,62})\}\}/g, (whole, name: string) => {
      if (!Object.hasOwn(snippets, name)) return whole;
      const value = snippets[name]!;
      if (value.includes('{{')) reader.error(field, `Invalid value: snippet ${JSON.stringify(name)} uses another snippet; snippets do not nest`);
      return value;
    });
  const start = {
    ...doc.start,
    ...(doc.start.manifests !== undefined ? { manifests: expand(doc.start.manifests, 'start.manifests') } : {}),
    ...(doc.start.setup !== undefined ? { setup: expand(doc.start.setup, 'start.setup') } : {}),
  };
  const steps = doc.steps.map((s, i) => ({
    ...s,
    commands: s.commands.map((c, j) => expand(c, join(join(join('steps', i), 'commands'), j))),
    solution: expand(s.solution, join(join('steps', i), 'solution')),
  }));
  return { ...doc, start, steps };
}

function countChecks(spec: CheckSpec): number {
  if (spec.kind === 'all' || spec.kind === 'any') return 1 + spec.checks.reduce((n, c) => n + countChecks(c), 0);
  return spec.kind === 'not' ? 1 + countChecks(spec.check) : 1;
}

function usesAny(spec: CheckSpec): boolean {
  if (spec.kind === 'use') return true;
  if (spec.kind === 'all' || spec.kind === 'any') return spec.checks.some(usesAny);
  return spec.kind === 'not' && usesAny(spec.check);
}

/** Puts each `use: NAME` in place: the named check, with the `use` item's own message and passed texts over its own. */
function resolveUses(spec: CheckSpec, field: string, named: Readonly<Record<string, CheckSpec>>, r: FieldReader): CheckSpec {
  switch (spec.kind) {
    case 'all':
    case 'any':
      return { ...spec, checks: spec.checks.map((c, i) => resolveUses(c, join(join(field, spec.kind), i), named, r)) };
    case 'not':
      return { ...spec, check: resolveUses(spec.check, join(field, 'not'), named, r) };
    case 'use': {
      const target = Object.hasOwn(named, spec.name) ? named[spec.name] : undefined;
      if (!target) {
        r.error(join(field, 'use'), `Invalid value: ${JSON.stringify(spec.name)}: the scenario has no such check under \`checks:\``);
        return spec;
      }
      return { ...target, ...(spec.message ? { message: spec.message } : {}), ...(spec.passed ? { passed: spec.passed } : {}) };
    }
    default:
      return spec;
  }
}

function checkRefs(spec: CheckSpec, field: string, custom: ReadonlySet<string> | 'any', r: FieldReader): void {
  switch (spec.kind) {
    case 'all':
    case 'any':
      spec.checks.forEach((c, i) => checkRefs(c, join(join(field, spec.kind), i), custom, r));
      return;
    case 'not':
      checkRefs(spec.check, join(field, 'not'), custom, r);
      return;
    case 'custom':
      if (custom !== 'any' && !custom.has(spec.name)) r.error(join(field, 'custom'), `Invalid value: ${JSON.stringify(spec.name)}: no such check (custom checks exist only for the built-in lessons)`);
      return;
    case 'exists':
    case 'absent': {
      const info = kindInfo(spec.object.kind);
      if (!info) r.error(join(join(field, spec.kind), 'kind'), `Invalid value: ${JSON.stringify(spec.object.kind)}: the cluster serves no such kind`);
      else if (info.namespaced && spec.object.namespace === undefined && spec.object.name !== undefined) r.required(join(join(field, spec.kind), 'namespace'));
      else if (!info.namespaced && spec.object.namespace !== undefined) r.error(join(join(field, spec.kind), 'namespace'), `Invalid value: ${info.kind} is not namespaced`);
      return;
    }
    default:
      return;
  }
}

/** Errors as a list the way kubectl reports a bad manifest: `FILE:LINE: FIELD: MESSAGE`, one per line. */
export function formatErrors(errors: readonly ScenarioError[]): string {
  return errors
    .map((e) => `${e.source}${e.line !== undefined ? `:${e.line}` : ''}: ${e.field !== '' ? `${e.field}: ` : ''}${e.message}`)
    .join('\n');
}

export { SCENARIO_LANGUAGES };

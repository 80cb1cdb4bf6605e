/**
 * A scenario written out as a file: the Markdown form `markdown.ts` reads (the scenario's YAML
 * frontmatter, the summary as text, then per step its frontmatter and its text). What the level
 * builder downloads and puts in a `#scenario=` link; `loadScenario` reads it back to an equal doc.
 *
 * The YAML is written by kubectl's own emitter (`formatYaml`, go-yaml's), one top-level key at a
 * time so that the fields keep the order a reader expects (`scenario:` first, `check:` last).
 */
import type { Locale } from '../../domain/locale.ts';
import type { Json, JsonObject } from '../../domain/objects.ts';
import { formatYaml } from '../../shell/kubectl/format/formatYaml.ts';
import { FORMAT_VERSION, SCENARIO_LANGUAGES, type CheckSpec, type FromSpec, type ScenarioDoc, type StepDoc, type Texts } from './format.ts';

/** A text the Markdown form cannot hold as it is: a step body in more than one language. */
export class ScenarioWriteError extends Error {}

/** `{en: …}` as a plain string when it is the file's only language, else a `{en: …, ja: …}` map. */
function textValue(texts: Texts, language: Locale, single: boolean): Json {
  const present = SCENARIO_LANGUAGES.filter((l) => texts[l] !== undefined);
  if (single && present.length === 1 && present[0] === language) return texts[language] ?? '';
  const out: JsonObject = {};
  for (const l of present) out[l] = texts[l] ?? '';
  return out;
}

/** The one text a Markdown text block carries, or undefined when it has other languages too. */
function blockText(texts: Texts, language: Locale): string | undefined {
  const present = SCENARIO_LANGUAGES.filter((l) => texts[l] !== undefined);
  return present.length === 1 && present[0] === language ? (texts[language] ?? '') : undefined;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * A text block as the Markdown form reads it back: trimmed, and a `---` line outside fenced code
 * (which would end the block) written as `***`, the same horizontal rule.
 */
export function markdownBlock(text: string): string {
  let fence: string | undefined;
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const mark = FENCE.exec(line)?.[1];
      if (mark) {
        if (fence === undefined) fence = mark;
        else if (mark[0] === fence[0] && mark.length >= fence.length) fence = undefined;
      }
      return fence === undefined && /^---[ \t]*$/.test(line.replace(/\r$/, '')) ? '***' : line;
    })
    .join('\n');
}

function fromValue(from: FromSpec): Json {
  if (from.kind !== 'pod') return from.kind;
  const pod = `${from.namespace}/${from.app}`;
  return from.bypass ? { pod, bypassSidecar: true } : pod;
}

/** A check as its YAML item: `{request: {…}}`, `{all: […]}`…, with `message`/`passed` beside it. */
export function checkValue(spec: CheckSpec, language: Locale, single: boolean): JsonObject {
  const text = (t: Texts) => textValue(t, language, single);
  const extra: JsonObject = {
    ...(spec.message ? { message: text(spec.message) } : {}),
    ...(spec.passed ? { passed: text(spec.passed) } : {}),
  };
  const item = (value: Json): JsonObject => ({ [spec.kind]: value, ...extra });
  switch (spec.kind) {
    case 'all':
    case 'any':
      return item(spec.checks.map((c) => checkValue(c, language, single)));
    case 'not':
      return item(checkValue(spec.check, language, single));
    case 'request': {
      // The addressed workload's mode is `serverMode` in the doc and `mode` in the file.
      const { serverMode } = spec as unknown as { serverMode?: string };
      return item({
        ...(spec.from ? { from: fromValue(spec.from) } : {}),
        to: spec.url,
        expect: spec.expect,
        ...(spec.over ? { over: spec.over } : {}),
        ...(serverMode ? { mode: serverMode } : {}),
        ...(spec.level ? { level: spec.level } : {}),
        seen: spec.seen,
      });
    }
    case 'exists':
    case 'absent':
      return item({ kind: spec.object.kind, ...(spec.object.namespace !== undefined ? { namespace: spec.object.namespace } : {}), ...(spec.object.name !== undefined ? { name: spec.object.name } : {}) });
    case 'mode':
      return item({ workload: `${spec.namespace}/${spec.app}`, ...(spec.port !== undefined ? { port: spec.port } : {}), is: spec.is, ...(spec.level ? { level: spec.level } : {}) });
    case 'analyze':
      return item({ code: spec.code, ...(spec.namespace !== undefined ? { namespace: spec.namespace } : {}), reported: spec.reported });
    case 'sidecar':
      return item({ workload: `${spec.namespace}/${spec.app}`, injected: spec.injected });
    case 'credentials':
      return item(spec.present);
    case 'custom':
    case 'use':
      return item(spec.name);
    default: {
      // A kind of workload check this writer does not name: its fields, `namespace/app` as `workload`.
      const { kind, message, passed, namespace, app, ...rest } = spec as unknown as Record<string, Json>;
      void kind;
      void message;
      void passed;
      return item({ ...(typeof namespace === 'string' && typeof app === 'string' ? { workload: `${namespace}/${app}` } : {}), ...rest });
    }
  }
}

/** YAML lines for the fields in the order given (each written by kubectl's emitter). */
function frontmatter(fields: readonly [string, Json | undefined][]): string {
  return fields.filter((f): f is [string, Json] => f[1] !== undefined).map(([key, value]) => formatYaml({ [key]: value })).join('');
}

function stepSection(step: StepDoc, language: Locale, single: boolean): string {
  const text = (t: Texts) => textValue(t, language, single);
  const body = blockText(step.body, language);
  if (body === undefined) throw new ScenarioWriteError(`step ${step.id}: the Markdown form holds a step's text in the scenario's first language only (write the others as a translation file)`);
  const head = frontmatter([
    ['step', step.id],
    ['title', text(step.title)],
    ['commands', step.commands],
    ['hints', step.hints.length ? step.hints.map(text) : undefined],
    ['solution', step.solution],
    ['check', checkValue(step.check, language, single)],
    ['predict', step.predict ? { question: text(step.predict.question), probes: step.predict.probes.map((p) => ({ id: p.id, label: text(p.label), from: fromValue(p.from), to: p.url })) } : undefined],
    ['takeaway', step.takeaway ? text(step.takeaway) : undefined],
  ]);
  return `---\n${head}---\n${markdownBlock(body)}\n`;
}

/** The scenario as a Markdown file (`.md`). */
export function writeScenario(doc: ScenarioDoc): string {
  const language = doc.languages[0] ?? 'en';
  const single = doc.languages.length === 1;
  const summary = blockText(doc.summary, language);
  const start: JsonObject = {
    ...(doc.start.credentials ? {} : { credentials: false }),
    ...(doc.start.manifests !== undefined ? { manifests: doc.start.manifests } : {}),
    ...(doc.start.setup !== undefined ? { setup: doc.start.setup } : {}),
  };
  const head = frontmatter([
    ['scenario', FORMAT_VERSION],
    ['id', doc.id],
    ['language', language],
    ['languages', single ? undefined : doc.languages],
    ['title', textValue(doc.title, language, single)],
    ['summary', summary === undefined ? textValue(doc.summary, language, single) : undefined],
    ['start', Object.keys(start).length ? start : undefined],
  ]);
  return `---\n${head}---\n${summary !== undefined ? `${markdownBlock(summary)}\n` : ''}${doc.steps.map((s) => stepSection(s, language, single)).join('')}`;
}

/** From a scenario's document (`readScenario.ts`) to the `Lesson` the runner, the app and `sim` play. */
import type { Lesson, LessonStep, LocalizedText } from '../types.ts';
import { CheckEvaluator, type CustomChecks, fromSpecToProbe, localize } from './evaluate.ts';
import type { CheckSpec, ScenarioDoc, Texts } from './format.ts';

/** The heredoc that applies the start manifests: a delimiter that no line of them can end early. */
export function applyManifests(manifests: string): string {
  let delimiter = 'SCENARIO_START';
  while (manifests.split('\n').some((l) => l === delimiter)) delimiter += '_';
  return `kubectl apply -f - <<'${delimiter}'\n${manifests.replace(/\n$/, '')}\n${delimiter}`;
}

/** The Lesson a scenario plays as. */
export function compile(doc: ScenarioDoc, custom: CustomChecks = {}): Lesson {
  const text = (t: Texts): LocalizedText => localize(t, doc.languages);
  const evaluator = new CheckEvaluator(doc.languages, custom);
  const setup = [doc.start.manifests !== undefined && doc.start.manifests.trim() !== '' ? applyManifests(doc.start.manifests) : '', doc.start.setup ?? '']
    .filter((s) => s.trim() !== '')
    .join('\n');
  const steps: LessonStep[] = doc.steps.map((s) => ({
    id: s.id,
    title: text(s.title),
    body: text(s.body),
    commands: s.commands,
    hints: s.hints.map(text),
    solution: s.solution,
    check: (ctx) => evaluator.evaluate(s.check, ctx),
    ...(s.predict ? { predict: { question: text(s.predict.question), probes: s.predict.probes.map((p) => ({ id: p.id, label: text(p.label), from: fromSpecToProbe(p.from), url: p.url })) } } : {}),
    ...(s.takeaway ? { takeaway: text(s.takeaway) } : {}),
  }));
  return {
    id: doc.id,
    title: text(doc.title),
    summary: text(doc.summary),
    ...(setup ? { setup } : {}),
    ...(doc.start.credentials ? {} : { startOptions: { credentials: false } }),
    steps,
    languages: doc.languages,
  };
}

/** The `custom:` checks a scenario's steps name that `custom` does not hold. */
export function missingCustomChecks(doc: ScenarioDoc, custom: CustomChecks): string[] {
  const missing = new Set<string>();
  const walk = (spec: CheckSpec): void => {
    if (spec.kind === 'all' || spec.kind === 'any') spec.checks.forEach(walk);
    else if (spec.kind === 'not') walk(spec.check);
    else if (spec.kind === 'custom' && !Object.hasOwn(custom, spec.name)) missing.add(spec.name);
  };
  for (const step of doc.steps) walk(step.check);
  return [...missing];
}

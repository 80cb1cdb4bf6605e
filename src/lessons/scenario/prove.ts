/**
 * The proof that a lesson is solvable and honest, for built-in lessons (their test) and for any
 * scenario (`sim --scenario FILE --prove`, the authoring panel):
 *
 * 1. the start runs cleanly (the setup prints no error);
 * 2. no step is done at the start;
 * 3. the solutions, run in order, complete every step in order;
 * 4. each step's own solution takes it from fail to pass;
 * 5. every command a step offers runs without a shell or usage error;
 * 6. every prediction asks about requests that can be sent.
 */
import { runScript } from '../../shell/runScript.ts';
import { SimSession } from '../../shell/session.ts';
import { findProbePod, outcomeOf, probe } from '../probe.ts';
import { LessonRun, checkStep, feed, runUpTo } from '../run.ts';
import type { Lesson, LocalizedText } from '../types.ts';

export interface ProofProblem {
  /** The step it is about; absent for the start. */
  step?: string;
  /** In English (what `sim --prove` prints). */
  message: string;
  /** The same in both languages, for the interface. */
  text: LocalizedText;
}

export interface Proof {
  ok: boolean;
  problems: ProofProblem[];
  /** One line per thing proved, for a report (English). */
  proved: string[];
  /** The same lines in both languages. */
  provedText: LocalizedText[];
}

export interface ProveOptions {
  /**
   * Steps that may already pass at the start, because they only undo a previous step (a roll-back
   * passes in the start world too). Neither the first nor the last step may be listed.
   */
  mayPassAtStart?: readonly string[];
}

/** Usage errors a command should never print: a typo in a lesson's command. */
const USAGE_ERROR = /command not found|unknown (command|flag|shorthand)|error: (unknown|invalid)|no such file/i;

export function proveLesson(lesson: Lesson, options: ProveOptions = {}): Proof {
  const problems: ProofProblem[] = [];
  const provedText: LocalizedText[] = [];
  const problem = (text: LocalizedText, step?: string) => problems.push({ message: text.en, text, ...(step !== undefined ? { step } : {}) });
  const proved = { push: (text: LocalizedText) => provedText.push(text) };
  const firstLine = (t: LocalizedText): LocalizedText => ({ en: t.en.split('\n')[0] ?? '', ja: t.ja.split('\n')[0] ?? '' });

  if (lesson.setup) {
    const session = new SimSession(lesson.startOptions);
    const result = runScript(lesson.setup, { session });
    const stderr = result.output.filter((c) => c.stream === 'stderr').map((c) => c.text).join('').trim();
    const shown = stderr.split('\n').slice(0, 5).join(' / ');
    if (stderr !== '' || result.exitCode !== 0) problem({ en: `the start failed (exit ${result.exitCode}): ${shown}`, ja: `開始時の準備が失敗しました（終了コード ${result.exitCode}）: ${shown}` });
    else proved.push({ en: 'the start runs cleanly', ja: '開始時の準備はエラーなく動きます' });
  }

  const start = new LessonRun(lesson);
  const ctx = start.context();
  const passingAtStart = lesson.steps.filter((s, i) => {
    const allowed = options.mayPassAtStart?.includes(s.id) && i > 0 && i < lesson.steps.length - 1;
    return !allowed && checkStep(s, ctx).pass;
  });
  for (const s of passingAtStart) problem({ en: 'passes already at the start: its check does not depend on what the learner does', ja: '開始時点ですでに合格します。チェックが学習者の操作に左右されていません' }, s.id);
  if (passingAtStart.length === 0) proved.push({ en: 'no step is done at the start', ja: '開始時点で合格しているステップはありません' });

  const all = new LessonRun(lesson);
  feed(all, lesson.steps.map((s) => s.solution).join('\n'));
  const expected = lesson.steps.map((s) => s.id);
  if (all.completed.join(' ') === expected.join(' ')) {
    proved.push(expected.length === 1
      ? { en: 'the solution completes the step', ja: '解答でステップを完了できます' }
      : { en: `the solutions complete all ${expected.length} steps in order`, ja: `解答を順に実行すると ${expected.length} ステップすべてを完了できます` });
  } else {
    const stuck = lesson.steps[all.completed.length];
    const detail = firstLine(stuck ? checkStep(stuck, all.context()).detail : { en: '', ja: '' });
    problem({ en: `the solutions, run in order, stop here: ${detail.en}`, ja: `解答を順に実行すると、ここで止まります: ${detail.ja}` }, stuck?.id);
  }

  lesson.steps.forEach((step, index) => {
    const run = runUpTo(lesson, index);
    if (run.completed.length !== index) return; // reported above
    if (checkStep(step, run.context()).pass) {
      // A first step that passes at the start is reported once, above.
      if (index > 0 || !passingAtStart.includes(step)) problem({ en: 'passes before its solution runs: the previous steps already did it', ja: '解答を実行する前に合格します。前のステップですでに達成されています' }, step.id);
      return;
    }
    // The commands run one after another in a second run from the same point, as a learner trying them would.
    const trying = runUpTo(lesson, index);
    for (const command of step.commands) {
      const out = feed(trying, command);
      const bad = out.split('\n').find((l) => USAGE_ERROR.test(l));
      const head = command.split('\n')[0];
      if (bad !== undefined) problem({ en: `command fails with a usage error: ${head} → ${bad.trim()}`, ja: `コマンドが使い方のエラーで失敗します: ${head} → ${bad.trim()}` }, step.id);
    }
    for (const p of step.predict?.probes ?? []) {
      if (p.from.kind === 'pod' && !findProbePod(run.session.world, p.from.namespace, p.from.app)) {
        problem({ en: `prediction ${p.id}: no pod ${p.from.namespace}/${p.from.app} to send it from`, ja: `予想 ${p.id}: 送信元の Pod ${p.from.namespace}/${p.from.app} がありません` }, step.id);
      } else if (outcomeOf(probe(run.session.world, p.from, p.url)).kind === 'curl-error') {
        problem({ en: `prediction ${p.id}: ${p.url} cannot be reached at all (curl error)`, ja: `予想 ${p.id}: ${p.url} にはまったく届きません（curl のエラー）` }, step.id);
      }
    }
    feed(run, step.solution);
    if (!run.completed.includes(step.id)) {
      const detail = firstLine(checkStep(step, run.context()).detail);
      problem({ en: `its solution does not complete it: ${detail.en}`, ja: `解答を実行してもステップが完了しません: ${detail.ja}` }, step.id);
    } else proved.push({ en: `step ${step.id}: fails before its solution, passes after it`, ja: `ステップ ${step.id}: 解答の前は不合格、解答の後は合格です` });
  });

  return { ok: problems.length === 0, problems, proved: provedText.map((t) => t.en), provedText };
}

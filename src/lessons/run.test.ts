import { describe, expect, it } from 'vitest';
import { forEachInput, outputText } from '../shell/runScript.ts';
import { SimSession } from '../shell/session.ts';
import { resets, succeeds } from './probe.ts';
import { LessonRun, checkStep, runLesson, startSession } from './run.ts';
import type { CheckContext, Lesson, LessonStep } from './types.ts';

const text = (en: string) => ({ en, ja: `${en} (ja)` });
const FRONTEND = 'http://frontend.frontend.svc.cluster.local:80/';
const TESTCURL = `kubectl exec testcurl -n default -- curl ${FRONTEND} -o /dev/null -s -w '%{http_code}\\n'`;
const STRICT_FRONTEND = `kubectl apply -n frontend -f - <<END
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICT
END`;

function step(id: string, check: LessonStep['check']): LessonStep {
  return { id, title: text(id), body: text(id), commands: ['true'], check, hints: [text('a'), text('b')], solution: 'true' };
}

/** Three steps: a STRICT frontend, a reset seen from testcurl, then a success seen in this very step. */
const lesson: Lesson = {
  id: '99-test',
  title: text('test'),
  summary: text('test'),
  startOptions: { credentials: false },
  setup: 'gcloud container clusters get-credentials boutique --zone=us-central1-c\necho setup > /tmp/marker',
  steps: [
    step('strict', ({ world }) => ({ pass: world.list('PeerAuthentication', 'frontend').length > 0, detail: text('policy') })),
    step('see-reset', ({ traces }) => ({ pass: traces.some(resets), detail: text('reset') })),
    step('see-success', (ctx: CheckContext) => ({ pass: (ctx.stepTraces ?? []).some(succeeds), detail: text('success') })),
  ],
};

describe('startSession', () => {
  it('builds the start world from the lesson options, then runs the setup silently with no history', () => {
    const session = startSession(lesson);
    expect(session.world.credentials).toBe(true);
    expect(session.fs.readFile('/tmp/marker')).toBe('setup\n');
    expect(session.shell.history).toEqual([]);
  });

  it('keeps credentials off when the lesson starts without them and has no setup', () => {
    const session = startSession({ ...lesson, setup: undefined });
    expect(session.world.credentials).toBe(false);
  });
});

describe('checkStep', () => {
  it('turns a check that throws into a failed check with the error in both languages', () => {
    const broken = step('broken', () => {
      throw new Error('no such pod');
    });
    const result = checkStep(broken, { world: new SimSession().world, traces: [] });
    expect(result.pass).toBe(false);
    expect(result.detail.en).toContain('no such pod');
    expect(result.detail.ja).toContain('no such pod');
  });
});

describe('LessonRun', () => {
  it('checks the current step after each command and moves on when it passes', () => {
    const run = new LessonRun(lesson);
    expect(run.current?.id).toBe('strict');
    expect(run.run('kubectl get pa -n frontend').check).toMatchObject({ stepId: 'strict', result: { pass: false } });
    expect(run.run(STRICT_FRONTEND).check).toMatchObject({ stepId: 'strict', result: { pass: true } });
    expect(run.current?.id).toBe('see-reset');
    run.run(TESTCURL);
    expect(run.completed).toEqual(['strict', 'see-reset']);
    expect(run.traces).toHaveLength(1);
  });

  it('gives each step only the requests made since it became current', () => {
    const run = new LessonRun(lesson);
    run.run('curl -s -o /dev/null http://35.202.118.74/');
    run.run(STRICT_FRONTEND);
    run.run(TESTCURL);
    // The success before the policy belongs to the first step: it does not complete the third.
    expect(run.context().stepTraces).toEqual([]);
    run.run('kubectl delete pa default -n frontend');
    expect(run.current?.id).toBe('see-success');
    run.run(TESTCURL);
    expect(run.done).toBe(true);
    expect(run.traces).toHaveLength(3);
  });

  it('counts requests made outside the shell, such as a browser refresh', () => {
    const run = new LessonRun(lesson);
    run.run(STRICT_FRONTEND);
    expect(run.observe([run.session.browse('http://35.202.118.74/')])).toMatchObject({ stepId: 'see-reset', result: { pass: true } });
  });

  it('does nothing more once every step is done', () => {
    const run = new LessonRun({ ...lesson, steps: [] });
    expect(run.done).toBe(true);
    expect(run.run('true').check).toBeUndefined();
  });
});

describe('runLesson', () => {
  it('feeds a script line by line, heredocs included, and reports each completed step', () => {
    const result = runLesson(lesson, `${STRICT_FRONTEND}\n${TESTCURL}\nkubectl delete pa --all -n frontend\n${TESTCURL}\n`, { checkLines: true, trace: true });
    expect(result.completed).toEqual(['strict', 'see-reset', 'see-success']);
    expect(result.results.map((r) => `${r.stepId}:${r.result.pass}`)).toEqual(['strict:true', 'see-reset:true', 'see-success:false', 'see-success:true']);
    const lines = outputText(result).split('\n');
    const checks = lines.filter((l) => l.startsWith('#check '));
    expect(checks).toEqual(['#check strict pass', '#check see-reset pass', '#check see-success pass']);
    // A check line follows its command's output and trace lines.
    const reset = lines.indexOf('#check see-reset pass');
    expect(lines[reset - 1]).toMatch(/^#trace \{"from":"default\/testcurl"/);
    expect(result.exitCode).toBe(0);
  });

  it('continues in a given session and returns the last exit status', () => {
    const session = startSession(lesson);
    session.run(STRICT_FRONTEND);
    const result = runLesson(lesson, TESTCURL, { session });
    expect(result.session).toBe(session);
    expect(result.completed).toEqual(['strict']);
    expect(result.exitCode).toBe(56);
    expect(outputText(result)).toBe('000\ncommand terminated with exit code 56\n');
  });
});

describe('forEachInput', () => {
  it('collects lines into complete inputs as the terminal does, and runs what is left open at the end', () => {
    const inputs: string[] = [];
    forEachInput('echo a\nfor i in 1 2; do\necho $i\ndone\ncat <<X\nhi\nX\necho "open\n', (input) => inputs.push(input));
    expect(inputs).toEqual(['echo a', 'for i in 1 2; do\necho $i\ndone', 'cat <<X\nhi\nX', 'echo "open']);
  });
});

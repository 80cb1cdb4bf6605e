/**
 * `sim --scenario` and `--prove` (scripts/sim.ts), run without a process: what a documentation
 * repository's CI sees when it proves its scenarios, and what an author sees for a bad file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sim } from '../../scripts/sim.ts';

const STRICT_FRONTEND = readFileSync(new URL('../../examples/scenarios/strict-frontend.md', import.meta.url), 'utf8');

/** The Japanese translation of strict-frontend.md, as a second file. */
const STRICT_FRONTEND_JA = `---
scenario: v1
translates: strict-frontend
language: ja
title: frontend を Namespace ごとに締める
---
frontend はまだサイドカーのない Pod から平文を受け付けます。
---
step: see-plaintext
title: 平文が通るのを見る
hints: [testcurl は default にあります。, そのまま実行します。]
---
testcurl にはサイドカーがありません。
---
step: make-strict
title: frontend Namespace を STRICT にする
hints: [名前が default でセレクターのない PeerAuthentication は Namespace 全体に効きます。, 上のマニフェストを適用します。]
---
Namespace 全体に STRICT を適用します。
---
step: gateway-still-works
title: ゲートウェイ経由ではまだ動く
hints: [ゲートウェイは mTLS を話します。, curl でゲートウェイのアドレスを開きます。]
takeaway: STRICT で止まるのはサイドカーのない呼び出し元だけです。
---
ゲートウェイ経由のリクエストは mTLS で frontend に届きます。
`;

async function runSim(args: string[], files: Record<string, string> = {}, stdin = ''): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  const exitCode = await sim(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    open: (path) => {
      const content = path === undefined ? stdin : files[path];
      if (content === undefined) throw new Error('ENOENT: no such file or directory');
      let bytes: Uint8Array | undefined = new TextEncoder().encode(content);
      return {
        read() {
          const chunk = bytes ?? new Uint8Array(0);
          bytes = undefined;
          return chunk;
        },
        close() {},
      };
    },
  });
  return { stdout, stderr, exitCode };
}

const files = { 'strict-frontend.md': STRICT_FRONTEND, 'strict-frontend.ja.md': STRICT_FRONTEND_JA };

describe('sim --scenario', () => {
  it('--prove: one ok line per fact, #prove ID ok, exit 0', async () => {
    expect(await runSim(['--scenario', 'strict-frontend.md', '--prove'], files)).toEqual({
      stdout: [
        'ok   no step is done at the start',
        'ok   the solutions complete all 3 steps in order',
        'ok   step see-plaintext: fails before its solution, passes after it',
        'ok   step make-strict: fails before its solution, passes after it',
        'ok   step gateway-still-works: fails before its solution, passes after it',
        '#prove strict-frontend ok',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    });
  });

  it('--prove: a failing proof prints FAIL lines and #prove ID failed, exit 1', async () => {
    const broken = STRICT_FRONTEND.replace(/^solution: curl .*$/m, 'solution: kubectl get pods -n frontend');
    const out = await runSim(['--prove', '--scenario=broken.md'], { 'broken.md': broken });
    expect(out.exitCode).toBe(1);
    expect(out.stdout).toContain('FAIL step gateway-still-works: the solutions, run in order, stop here: Send a request from Cloud Shell to http://34.136.92.187/ and see it succeed over mTLS.\n');
    expect(out.stdout).toContain('FAIL step gateway-still-works: its solution does not complete it: ');
    expect(out.stdout).toMatch(/#prove strict-frontend failed\n$/);
    expect(out.stderr).toBe('');
  });

  it('an invalid file: the error list on stderr, exit 1, nothing on stdout', async () => {
    const invalid = STRICT_FRONTEND.replace('expect: reset', 'expect: resett').replace('title: See plaintext get through', 'title: See plaintext get through\ncolour: red');
    const lineOf = (needle: string) => invalid.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(await runSim(['--scenario', 'bad.md', '--prove'], { 'bad.md': invalid })).toEqual({
      stdout: '',
      stderr: [
        'error: the scenario is invalid:',
        `bad.md:${lineOf('colour: red')}: steps[0].colour: unknown field`,
        `bad.md:${lineOf('expect: resett')}: steps[1].check.all[1].request.expect: Unsupported value: "resett": supported values: "any", "ok", "reached", "reset", "refused", "denied", or an HTTP status such as 503`,
        '',
      ].join('\n'),
      exitCode: 1,
    });
  });

  it('takes translation files after the scenario', async () => {
    const out = await runSim(['--scenario', 'strict-frontend.md', '--scenario', 'strict-frontend.ja.md', '--prove'], files);
    expect(out).toMatchObject({ exitCode: 0, stderr: '' });
    expect(out.stdout).toMatch(/#prove strict-frontend ok\n$/);
    const wrong = await runSim(['--scenario', 'strict-frontend.md', '--scenario', 'ja.md', '--prove'], { ...files, 'ja.md': STRICT_FRONTEND_JA.replace('step: make-strict', 'step: make-strictt') });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toBe(`error: the scenario is invalid:\nja.md:15: steps[1].id: Invalid value: "make-strictt": the scenario has no such step\n`);
  });

  it('runs a script against the scenario: #check lines and #lesson ID n/m', async () => {
    const script = [
      "kubectl exec testcurl -n default -- curl -s -o /dev/null -w '%{http_code}\\n' http://frontend.frontend.svc.cluster.local/",
      'kubectl get pa -A',
    ].join('\n');
    expect(await runSim(['--scenario', 'strict-frontend.md', 'script.sh'], { ...files, 'script.sh': script })).toEqual({
      stdout: '200\n#check see-plaintext pass\nNo resources found\n#lesson strict-frontend 1/3\n',
      stderr: '',
      exitCode: 0,
    });
    // Output without a final newline (curl -s prints the body as it is) still leaves #lesson on its own line.
    const body = await runSim(['--scenario', 'strict-frontend.md', '-'], files, 'curl -s http://35.202.118.74/ | head -c 15\n');
    expect(body.stdout).toBe('<!DOCTYPE html>\n#lesson strict-frontend 0/3\n');
    const stdin = await runSim(['--scenario', 'strict-frontend.md'], files, 'kubectl get ns frontend -o name\n');
    expect(stdin.stdout).toBe('namespace/frontend\n#lesson strict-frontend 0/3\n');
  });

  it('refuses --lesson with --scenario, and --prove alone, with exit 2', async () => {
    const both = await runSim(['--lesson', '01-seed-tutorial', '--scenario', 'strict-frontend.md'], files);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/^sim: --lesson and --scenario cannot be used together\nusage: npm run sim -- /);
    const alone = await runSim(['--prove'], files);
    expect(alone.exitCode).toBe(2);
    expect(alone.stderr).toMatch(/^sim: --prove needs --lesson or --scenario\nusage: /);
    expect((await runSim(['--scenario'], files)).stderr).toMatch(/^sim: --scenario needs a file\n/);
    expect(await runSim(['--scenario', 'missing.md', '--prove'], files)).toEqual({ stdout: '', stderr: 'sim: missing.md: ENOENT: no such file or directory\n', exitCode: 2 });
  });
});

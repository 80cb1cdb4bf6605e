/**
 * The `sim` CLI's logic (scripts/sim.ts), run without a process: its plain behaviour stays as the
 * README documents it, and `--lesson` adds `#check` and `#lesson` lines.
 */
import { describe, expect, it } from 'vitest';
import { sim } from '../../scripts/sim.ts';
import lesson from '../../src/lessons/01-seed-tutorial/index.ts';

async function runSim(args: string[], files: Record<string, string> = {}, stdin = ''): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  const exitCode = await sim(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    read: (path) => {
      if (path === undefined) return stdin;
      const text = files[path];
      if (text === undefined) throw new Error('ENOENT: no such file or directory');
      return text;
    },
  });
  return { stdout, stderr, exitCode };
}

const TESTCURL = "kubectl exec testcurl -n default -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\\n'";

describe('sim', () => {
  it('runs a script from the default world and exits with the last status', async () => {
    const out = await runSim([], {}, 'kubectl get pa -A\ncurl -s -o /dev/null -w "%{http_code}\\n" http://35.202.118.74/\n');
    expect(out).toEqual({ stdout: 'No resources found\n200\n', stderr: '', exitCode: 0 });
  });

  it('prints #trace lines after a command with --trace, and sends stderr apart with --stderr', async () => {
    const out = await runSim(['--trace', '--stderr', 'script.sh'], { 'script.sh': 'kubectl get pods -n nowhere\ncurl -s -o /dev/null http://35.202.118.74/\n' });
    expect(out.stderr).toBe('No resources found in nowhere namespace.\n');
    expect(out.stdout).toMatch(/^#trace \{"from":"external\/cloudshell","url":"http:\/\/35\.202\.118\.74\/","httpCode":200,"curlExit":0,"hops":\[/);
  });

  it('rejects unknown options and lessons, and reports unreadable files', async () => {
    expect(await runSim(['--nope'])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('sim: unknown option --nope') });
    expect(await runSim(['--lesson', 'nope'])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('sim: no lesson nope; lessons: 01-seed-tutorial') });
    expect(await runSim(['--lesson'])).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('--lesson needs a lesson id') });
    expect(await runSim(['missing.sh'])).toMatchObject({ exitCode: 2, stderr: 'sim: missing.sh: ENOENT: no such file or directory\n' });
  });

  it('starts from the lesson\'s start world with --lesson, and reports steps as they complete', async () => {
    // Lesson 1 starts without credentials: kubectl fails until gcloud fetched them.
    const before = await runSim(['--lesson', '01-seed-tutorial'], {}, 'kubectl get pa -A\n');
    expect(before.stdout).toMatch(/The connection to the server localhost:8080 was refused - did you specify the right host or port\?\n#lesson 01-seed-tutorial 0\/7\n$/);
    expect(before.stderr).toBe('');
    expect(before.exitCode).toBe(1);

    const script = lesson.steps.slice(0, 2).map((s) => s.solution).join('\n');
    const out = await runSim(['--lesson=01-seed-tutorial', '--stderr', '-'], {}, `${script}\n${TESTCURL}\n`);
    const lines = out.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('#'))).toEqual(['#check connect pass', '#check namespace-strict pass', '#lesson 01-seed-tutorial 2/7']);
    // The namespace step completes on the testcurl command, right after its output.
    expect(lines[lines.indexOf('#check namespace-strict pass') - 1]).toBe('000');
    expect(out.exitCode).toBe(56);
  });

  it('keeps #check lines on their own line and after the #trace lines', async () => {
    const out = await runSim(['--lesson', '03-destinationrule-disable', '--trace'], {}, 'curl -s http://34.136.92.187/ -o /dev/null\n');
    const lines = out.stdout.split('\n');
    expect(lines[0]).toMatch(/^#trace /);
    expect(lines.slice(1)).toEqual(['#check strict-baseline pass', '#lesson 03-destinationrule-disable 1/3', '']);
  });
});

/**
 * The `sim` CLI's logic (scripts/sim.ts), run without a process: its plain behaviour stays as the
 * README documents it, and `--lesson` adds `#check` and `#lesson` lines.
 */
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, type SimInput, sim } from '../../scripts/sim.ts';
import lesson from '../../src/lessons/01-seed-tutorial/index.ts';

/** A file's content, or an endless input such as /dev/zero or a FIFO nobody closes (`endless`). */
type Content = string | Uint8Array | { endless: number };

/** An input read in chunks; `consumed` counts the bytes handed out. */
function inputOf(content: Content, reads: { consumed: number }): SimInput {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  let offset = 0;
  return {
    read(max) {
      const chunk = bytes instanceof Uint8Array ? bytes.slice(offset, offset + max) : new Uint8Array(max).fill(bytes.endless);
      offset += chunk.length;
      reads.consumed += chunk.length;
      return chunk;
    },
    close() {},
  };
}

async function runSim(args: string[], files: Record<string, Content> = {}, stdin: Content = ''): Promise<{ stdout: string; stderr: string; exitCode: number; consumed: number }> {
  let stdout = '';
  let stderr = '';
  const reads = { consumed: 0 };
  const exitCode = await sim(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    open: (path) => {
      if (path === undefined) return inputOf(stdin, reads);
      const content = files[path];
      if (content === undefined) throw new Error('ENOENT: no such file or directory');
      return inputOf(content, reads);
    },
  });
  return { stdout, stderr, exitCode, consumed: reads.consumed };
}

const TESTCURL = "kubectl exec testcurl -n default -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\\n'";

describe('sim', () => {
  it('runs a script from the default world and exits with the last status', async () => {
    const out = await runSim([], {}, 'kubectl get pa -A\ncurl -s -o /dev/null -w "%{http_code}\\n" http://35.202.118.74/\n');
    expect(out).toMatchObject({ stdout: 'No resources found\n200\n', stderr: '', exitCode: 0 });
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

  it('refuses input larger than 16 MiB with status 2, reading no further than the limit', async () => {
    // An endless input, as /dev/zero or a FIFO: the read stops one chunk past the limit.
    const zero = await runSim(['/dev/zero'], { '/dev/zero': { endless: 0 } });
    expect(zero).toMatchObject({ stdout: '', stderr: 'sim: /dev/zero: input is larger than 16 MiB\n', exitCode: 2 });
    expect(zero.consumed).toBe(MAX_INPUT_BYTES + 1);
    const stdin = await runSim([], {}, { endless: 0x0a });
    expect(stdin).toMatchObject({ stderr: 'sim: stdin: input is larger than 16 MiB\n', exitCode: 2 });

    const exactly = 'e'.repeat(MAX_INPUT_BYTES - 1) + '\n';
    expect((await runSim(['big.sh'], { 'big.sh': `#${exactly.slice(1)}` })).stderr).not.toContain('larger than');
    expect(await runSim(['big.sh'], { 'big.sh': `#${exactly}` })).toMatchObject({ stderr: 'sim: big.sh: input is larger than 16 MiB\n', exitCode: 2 });
  });

  it('refuses a binary script as bash does: `cannot execute binary file`, status 126 (bash 5.3 shell.c open_shell_script, general.c check_binary_file)', async () => {
    const nul = new Uint8Array([0x6c, 0x73, 0x00, 0x0a]);
    expect(await runSim(['blob'], { blob: nul })).toMatchObject({ stdout: '', stderr: 'sim: blob: cannot execute binary file\n', exitCode: 126 });
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x0a]);
    expect(await runSim([], {}, elf)).toMatchObject({ stderr: 'sim: stdin: cannot execute binary file\n', exitCode: 126 });
    // After `#!` the first two lines are checked; bash looks no further than the first line otherwise.
    expect((await runSim(['s.sh'], { 's.sh': '#!/bin/bash\n\0\n' })).exitCode).toBe(126);
    expect((await runSim(['s.sh'], { 's.sh': 'true\n\0\n' })).stderr).not.toContain('binary');
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

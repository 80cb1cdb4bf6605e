import type { Trace } from '../../domain/traffic/trace.ts';
import type { CommandHandler, RunResult, VirtualFs } from '../types.ts';
import { MemoryFs } from './memoryFs.ts';
import { Shell } from './shell.ts';

/** What one run printed, split by stream, for assertions. */
export interface RunOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  result: RunResult;
}

/**
 * A shell wired to fake commands, for tests: `kubectl`, `gcloud`, `istioctl` and `curl` print their
 * argv as JSON; `stdin` prints what it read and whether stdin was the terminal; `fail` writes to
 * stderr and exits 3; `trace` reports a trace; `boom` throws.
 */
export function createTestShell(options: { fs?: VirtualFs; env?: Record<string, string> } = {}) {
  const calls: string[][] = [];
  const sleeps: number[] = [];
  const echoArgv: CommandHandler = (ctx) => {
    calls.push(ctx.argv);
    ctx.stdout(`${JSON.stringify(ctx.argv)}\n`);
    return 0;
  };
  const commands: Record<string, CommandHandler> = {
    kubectl: echoArgv,
    gcloud: echoArgv,
    istioctl: echoArgv,
    curl: echoArgv,
    stdin: (ctx) => {
      calls.push(ctx.argv);
      ctx.stdout(`${JSON.stringify({ stdin: ctx.stdin, terminal: ctx.stdinIsTerminal })}\n`);
      return 0;
    },
    fail: (ctx) => {
      calls.push(ctx.argv);
      ctx.stderr('fail: it failed\n');
      return 3;
    },
    trace: (ctx) => {
      calls.push(ctx.argv);
      ctx.trace({ id: ctx.argv[1] ?? 'trace' } as unknown as Trace);
      return 0;
    },
    boom: () => {
      throw new Error('kaboom');
    },
  };
  const fs = options.fs ?? new MemoryFs();
  const shell = new Shell({ commands, fs, env: options.env, sleep: (ms) => sleeps.push(ms) });
  const run = (text: string): RunOutput => {
    const result = shell.run(text);
    const join = (stream: 'stdout' | 'stderr') =>
      result.chunks
        .filter((c) => c.stream === stream)
        .map((c) => c.text)
        .join('');
    return { stdout: join('stdout'), stderr: join('stderr'), exitCode: result.exitCode, result };
  };
  return { shell, fs, calls, sleeps, run };
}

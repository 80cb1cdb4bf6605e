import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import { MemoryFs } from '../bash/memoryFs.ts';
import type { SimServices } from '../kubectl/types.ts';
import type { CommandHandler, VirtualFs } from '../types.ts';

export interface HandlerRun {
  stdout: string;
  stderr: string;
  exitCode: number;
  traces: Trace[];
}

/** The services a command needs, bound to one world (tests). */
export function servicesFor(world: World, fs: VirtualFs = new MemoryFs()): () => SimServices {
  return () => ({ world, fs, sleep: () => undefined, recordTrace: () => undefined });
}

/** Runs one command handler with argv as the shell would pass it, collecting its output (tests). */
export function runHandler(handler: CommandHandler, argv: string[], options: { stdin?: string; tty?: boolean; fs?: VirtualFs } = {}): HandlerRun {
  let stdout = '';
  let stderr = '';
  const traces: Trace[] = [];
  const exitCode = handler({
    argv,
    stdin: options.stdin ?? '',
    stdinIsTerminal: options.tty ?? options.stdin === undefined,
    env: new Map(),
    fs: options.fs ?? new MemoryFs(),
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    trace: (t) => {
      traces.push(t);
    },
  });
  return { stdout, stderr, exitCode, traces };
}

/** Splits a test's command line on spaces (no quoting), or passes an argv through. */
export function argvOf(line: string | string[]): string[] {
  return Array.isArray(line) ? line : line.split(' ').filter((a) => a !== '');
}

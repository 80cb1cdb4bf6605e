/**
 * sim: runs a terminal script headlessly through the same shell the browser uses, from the
 * default world, and prints what the terminal would show (no prompts).
 *
 *   npm run sim -- [--trace] [--stderr] [--lesson ID] [FILE]      (stdin when FILE is absent or `-`)
 *
 * --trace      after each command's output, one `#trace <json>` line per simulated request
 * --stderr     send the commands' stderr to the process's stderr instead of interleaving it
 * --lesson ID  start from that lesson's start world (its setup included) and check its steps after
 *              every command: `#check <step-id> pass` when a step completes, and a final
 *              `#lesson <id> <done>/<total>` line
 * The exit status is the last command's.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { lessonCatalog } from '../src/lessons/index.ts';
import { runLesson } from '../src/lessons/run.ts';
import { runScript } from '../src/shell/runScript.ts';
import type { OutputChunk } from '../src/shell/types.ts';

const USAGE = 'usage: npm run sim -- [--trace] [--stderr] [--lesson ID] [FILE]\n';

/** Where the CLI reads and writes, so that tests can run it without a process. */
export interface SimIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads FILE, or stdin when `path` is undefined. Throws as readFileSync does. */
  read(path: string | undefined): string;
}

interface Options {
  trace: boolean;
  splitStderr: boolean;
  lesson?: string;
  file?: string;
}

function parseArgs(args: readonly string[]): Options | { error: string } | 'help' {
  const options: Options = { trace: false, splitStderr: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--trace') options.trace = true;
    else if (arg === '--stderr') options.splitStderr = true;
    else if (arg === '--lesson' || arg.startsWith('--lesson=')) {
      const id = arg === '--lesson' ? args[++i] : arg.slice('--lesson='.length);
      if (!id) return { error: 'sim: --lesson needs a lesson id' };
      options.lesson = id;
    } else if (arg.startsWith('--')) return { error: `sim: unknown option ${arg}` };
    else if (options.file === undefined) options.file = arg;
  }
  return options;
}

/** Runs the CLI with these arguments; resolves to the exit status. */
export async function sim(args: readonly string[], io: SimIo): Promise<number> {
  const options = parseArgs(args);
  if (options === 'help') {
    io.stderr(USAGE);
    return 0;
  }
  if ('error' in options) {
    io.stderr(`${options.error}\n${USAGE}`);
    return 2;
  }
  const entry = options.lesson === undefined ? undefined : lessonCatalog.find((l) => l.id === options.lesson);
  if (options.lesson !== undefined && !entry) {
    io.stderr(`sim: no lesson ${options.lesson}; lessons: ${lessonCatalog.map((l) => l.id).join(', ')}\n`);
    return 2;
  }
  let script: string;
  try {
    script = io.read(options.file && options.file !== '-' ? options.file : undefined);
  } catch (e) {
    io.stderr(`sim: ${options.file ?? 'stdin'}: ${(e as Error).message}\n`);
    return 2;
  }
  const write = (output: readonly OutputChunk[]) => {
    for (const chunk of output) (chunk.stream === 'stderr' && options.splitStderr ? io.stderr : io.stdout)(chunk.text);
  };
  if (!entry) {
    const result = runScript(script, { trace: options.trace });
    write(result.output);
    return result.exitCode;
  }
  const lesson = await entry.load();
  const result = runLesson(lesson, script, { trace: options.trace, checkLines: true });
  write(result.output);
  io.stdout(`#lesson ${lesson.id} ${result.completed.length}/${lesson.steps.length}\n`);
  return result.exitCode;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await sim(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    read: (path) => readFileSync(path ?? 0, 'utf8'),
  });
}

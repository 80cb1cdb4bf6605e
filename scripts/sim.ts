/**
 * sim: runs a terminal script headlessly through the same shell the browser uses, from the
 * default world, and prints what the terminal would show (no prompts).
 *
 *   npm run sim -- [--trace] [--stderr] [--lesson ID | --scenario SCENARIO...] [--prove] [FILE]
 *                                                                 (stdin when FILE is absent or `-`)
 *
 * --trace      after each command's output, one `#trace <json>` line per simulated request
 * --stderr     send the commands' stderr to the process's stderr instead of interleaving it
 * --lesson ID  start from that lesson's start world (its setup included) and check its steps after
 *              every command: `#check <step-id> pass` when a step completes, and a final
 *              `#lesson <id> <done>/<total>` line
 * --scenario SCENARIO  the same from a scenario file (YAML or Markdown, docs/scenarios.md); repeat it
 *              for translation files. An invalid scenario is listed as `FILE:LINE: FIELD: MESSAGE`
 *              lines, with status 1
 * --prove      instead of running a script, prove the lesson or scenario: no step passes at the
 *              start, the solutions complete every step in order, each step's solution takes it
 *              from fail to pass, its commands run without usage errors. One `ok`/`FAIL` line per
 *              fact and a final `#prove <id> ok|failed` line; status 0 when proved, 1 otherwise
 * The exit status is the last command's. Input past MAX_INPUT_BYTES, or a binary script, is refused
 * before anything runs, with status 2 or 126.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { lessonCatalog } from '../src/lessons/index.ts';
import '../src/shell/installParts.ts';
import { runLesson } from '../src/lessons/run.ts';
import type { Lesson } from '../src/lessons/types.ts';
import { formatErrors, loadScenario } from '../src/lessons/scenario/load.ts';
import { proveLesson } from '../src/lessons/scenario/prove.ts';
import { runScript } from '../src/shell/runScript.ts';
import type { OutputChunk } from '../src/shell/types.ts';

const USAGE = 'usage: npm run sim -- [--trace] [--stderr] [--lesson ID | --scenario SCENARIO...] [--prove] [FILE]\n';

/**
 * The largest script `sim` reads: far beyond any real script (the seed tutorial is about 4 KB), and
 * small enough that `/dev/zero`, a FIFO or a large binary is refused after 16 MiB instead of filling
 * memory. A script this size still hits the terminal's own run limits (src/shell/bash/limits.ts).
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** How much one read asks for. */
const CHUNK_BYTES = 64 * 1024;

/** An open input, read in chunks. */
export interface SimInput {
  /** Up to `max` bytes; an empty array at the end of the input. Throws as readSync does. */
  read(max: number): Uint8Array;
  close(): void;
}

/** Where the CLI reads and writes, so that tests can run it without a process. */
export interface SimIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Opens FILE, or stdin when `path` is undefined. Throws as openSync does. */
  open(path: string | undefined): SimInput;
}

interface Options {
  trace: boolean;
  splitStderr: boolean;
  lesson?: string;
  scenarios: string[];
  prove: boolean;
  file?: string;
}

function parseArgs(args: readonly string[]): Options | { error: string } | 'help' {
  const options: Options = { trace: false, splitStderr: false, scenarios: [], prove: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--trace') options.trace = true;
    else if (arg === '--stderr') options.splitStderr = true;
    else if (arg === '--lesson' || arg.startsWith('--lesson=')) {
      const id = arg === '--lesson' ? args[++i] : arg.slice('--lesson='.length);
      if (!id) return { error: 'sim: --lesson needs a lesson id' };
      options.lesson = id;
    } else if (arg === '--scenario' || arg.startsWith('--scenario=')) {
      const path = arg === '--scenario' ? args[++i] : arg.slice('--scenario='.length);
      if (!path) return { error: 'sim: --scenario needs a file' };
      options.scenarios.push(path);
    } else if (arg === '--prove') options.prove = true;
    else if (arg.startsWith('--')) return { error: `sim: unknown option ${arg}` };
    else if (options.file === undefined) options.file = arg;
  }
  return options;
}

/**
 * bash's `check_binary_file` (bash 5.3 general.c), which `bash FILE` applies to the first 80 bytes
 * of FILE (shell.c `open_shell_script`): an ELF header, or a NUL byte in the first line (the first
 * two lines after `#!`).
 */
export function isBinaryScript(sample: Uint8Array): boolean {
  if (sample.length >= 4 && sample[0] === 0x7f && sample[1] === 0x45 && sample[2] === 0x4c && sample[3] === 0x46) return true;
  let lines = sample[0] === 0x23 && sample[1] === 0x21 ? 2 : 1;
  for (const byte of sample) {
    if (byte === 0x0a && --lines === 0) return false;
    if (byte === 0) return true;
  }
  return false;
}

type ReadResult = { ok: true; text: string } | { ok: false; message: string; exitCode: number };

/**
 * Reads the whole input in chunks, stopping as soon as it passes MAX_INPUT_BYTES, so an endless
 * input is never read to its end. A binary script is refused as bash refuses one:
 * `FILE: cannot execute binary file`, status 126 (shell.c, EX_BINARY_FILE).
 */
function readScript(io: SimIo, path: string | undefined, name: string): ReadResult {
  const input = io.open(path);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = input.read(Math.min(CHUNK_BYTES, MAX_INPUT_BYTES + 1 - total));
      if (chunk.length === 0) break;
      chunks.push(chunk);
      total += chunk.length;
      if (total > MAX_INPUT_BYTES) return { ok: false, message: `sim: ${name}: input is larger than ${MAX_INPUT_BYTES / (1024 * 1024)} MiB\n`, exitCode: 2 };
    }
  } finally {
    input.close();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  if (isBinaryScript(bytes.subarray(0, 80))) return { ok: false, message: `sim: ${name}: cannot execute binary file\n`, exitCode: 126 };
  return { ok: true, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
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
  if (entry && options.scenarios.length > 0) {
    io.stderr(`sim: --lesson and --scenario cannot be used together\n${USAGE}`);
    return 2;
  }
  if (options.prove && !entry && options.scenarios.length === 0) {
    io.stderr(`sim: --prove needs --lesson or --scenario\n${USAGE}`);
    return 2;
  }
  let lesson: Lesson | undefined;
  if (options.scenarios.length > 0) {
    const files: { name: string; text: string }[] = [];
    for (const path of options.scenarios) {
      let read: ReadResult;
      try {
        read = readScript(io, path, path);
      } catch (e) {
        io.stderr(`sim: ${path}: ${(e as Error).message}\n`);
        return 2;
      }
      if (!read.ok) {
        io.stderr(read.message);
        return read.exitCode;
      }
      files.push({ name: path, text: read.text });
    }
    const loaded = loadScenario(files);
    if (!loaded.ok) {
      io.stderr(`error: the scenario is invalid:\n${formatErrors(loaded.errors)}\n`);
      return 1;
    }
    lesson = loaded.lesson;
  } else if (entry) lesson = await entry.load();
  if (lesson && options.prove) return report(io, lesson, proveLesson(lesson));
  const path = options.file && options.file !== '-' ? options.file : undefined;
  const name = options.file ?? 'stdin';
  let read: ReadResult;
  try {
    read = readScript(io, path, name);
  } catch (e) {
    io.stderr(`sim: ${name}: ${(e as Error).message}\n`);
    return 2;
  }
  if (!read.ok) {
    io.stderr(read.message);
    return read.exitCode;
  }
  const script = read.text;
  // Whether stdout is at the start of a line, so that `#lesson` always starts one.
  let atLineStart = true;
  const write = (output: readonly OutputChunk[]) => {
    for (const chunk of output) {
      const toStderr = chunk.stream === 'stderr' && options.splitStderr;
      (toStderr ? io.stderr : io.stdout)(chunk.text);
      if (!toStderr && chunk.text !== '') atLineStart = chunk.text.endsWith('\n');
    }
  };
  if (!lesson) {
    const result = runScript(script, { trace: options.trace });
    write(result.output);
    return result.exitCode;
  }
  const result = runLesson(lesson, script, { trace: options.trace, checkLines: true });
  write(result.output);
  io.stdout(`${atLineStart ? '' : '\n'}#lesson ${lesson.id} ${result.completed.length}/${lesson.steps.length}\n`);
  return result.exitCode;
}

/** The proof as `ok`/`FAIL` lines, then `#prove <id> ok|failed`. */
function report(io: SimIo, lesson: Lesson, proof: ReturnType<typeof proveLesson>): number {
  for (const line of proof.proved) io.stdout(`ok   ${line}\n`);
  for (const p of proof.problems) io.stdout(`FAIL ${p.step !== undefined ? `step ${p.step}: ` : ''}${p.message}\n`);
  io.stdout(`#prove ${lesson.id} ${proof.ok ? 'ok' : 'failed'}\n`);
  return proof.ok ? 0 : 1;
}

/** Blocks the thread for `ms` (a read of a non-blocking stdin that has no data yet is retried). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The process's files and stdin as SimInputs: readSync into one reused buffer. */
function openInput(path: string | undefined): SimInput {
  const fd = path === undefined ? 0 : openSync(path, 'r');
  const buffer = new Uint8Array(CHUNK_BYTES);
  return {
    read(max) {
      for (;;) {
        try {
          const n = readSync(fd, buffer, 0, Math.min(max, buffer.length), null);
          return buffer.slice(0, n);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
          pause(10);
        }
      }
    },
    close() {
      if (fd !== 0) closeSync(fd);
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await sim(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    open: openInput,
  });
}

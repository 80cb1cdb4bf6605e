/**
 * sim: runs a terminal script headlessly through the same shell the browser uses, from the
 * default world, and prints what the terminal would show (no prompts).
 *
 *   npm run sim -- [--trace] [--stderr] [FILE]      (stdin when FILE is absent or `-`)
 *
 * --trace   after each command's output, one `#trace <json>` line per simulated request
 * --stderr  send the commands' stderr to the process's stderr instead of interleaving it
 * The exit status is the last command's.
 */
import { readFileSync } from 'node:fs';
import { runScript } from '../src/shell/runScript.ts';

const args = process.argv.slice(2);
const trace = args.includes('--trace');
const splitStderr = args.includes('--stderr');
const unknown = args.filter((a) => a.startsWith('--') && a !== '--trace' && a !== '--stderr');
if (unknown.length || args.includes('-h') || args.includes('--help')) {
  process.stderr.write(`${unknown.length ? `sim: unknown option ${unknown[0]}\n` : ''}usage: npm run sim -- [--trace] [--stderr] [FILE]\n`);
  process.exit(unknown.length ? 2 : 0);
}
const file = args.find((a) => !a.startsWith('--'));
let script: string;
try {
  script = file && file !== '-' ? readFileSync(file, 'utf8') : readFileSync(0, 'utf8');
} catch (e) {
  process.stderr.write(`sim: ${file ?? 'stdin'}: ${(e as Error).message}\n`);
  process.exit(2);
}
const result = runScript(script, { trace });
for (const chunk of result.output) {
  (chunk.stream === 'stderr' && splitStderr ? process.stderr : process.stdout).write(chunk.text);
}
process.exitCode = result.exitCode;

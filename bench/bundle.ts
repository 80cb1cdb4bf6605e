/**
 * Bundle size: gzip bytes of the JS and CSS the built page needs for its first paint (the scripts
 * and styles index.html runs, plus their static imports), of the engine it loads right after (the
 * shell, the world and the playground: engineChunk.ts and its static imports, what the terminal
 * needs to answer), and of every chunk loaded later (the lessons, the diagram and panels, the text
 * and inspection tools). Budget (issue #3): ≤ 90 KB gzip for the first paint. Run after
 * `npm run build`:  npx tsx bench/bundle.ts   (APP_DIST selects another build directory)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.env.APP_DIST ?? new URL('../dist/', import.meta.url).pathname;
if (!existsSync(join(dist, 'index.html'))) {
  process.stderr.write('bench/bundle: run `npm run build` first\n');
  process.exit(2);
}

const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
// Every script and style index.html loads itself: the bundled entry and the boot terminal's boot.js.
const entry = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)]
  .map((m) => /(?:src|href)="\.?\/?((?:assets\/)?[^"/]+\.(?:js|css))"/.exec(m[0])?.[1])
  .filter((f): f is string => !!f);
if (!entry.includes('boot.js')) entry.push('boot.js');

/** Static imports of a chunk (Vite/rolldown emits `import … from "./x.js"` and `export … from "./x.js"`). */
function staticImports(file: string): string[] {
  const text = readFileSync(join(dist, file), 'utf8');
  return [...text.matchAll(/(?:^|[;\n])\s*(?:import|export)\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)].map((m) => `assets/${m[1] ?? ''}`);
}

/** The files and their static imports, transitively. */
function closure(roots: string[]): Set<string> {
  const out = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.shift() ?? '';
    if (out.has(file)) continue;
    out.add(file);
    if (file.endsWith('.js')) queue.push(...staticImports(file));
  }
  return out;
}

const all = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f)).map((f) => `assets/${f}`);
const first = closure(entry);
const engineRoots = all.filter((f) => /^assets\/engineChunk-[^/]*\.js$/.test(f));
const engine = [...closure(engineRoots)].filter((f) => !first.has(f));
const lazy = all.filter((f) => !first.has(f) && !engine.includes(f));
const total = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gz(f), 0);
const firstTotal = total(first);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write(`Bundle (gzip -9)\n`);
for (const f of first) process.stdout.write(`  first paint ${f.padEnd(44)} ${kb(gz(f)).padStart(9)}\n`);
for (const f of engine) process.stdout.write(`  engine      ${f.padEnd(44)} ${kb(gz(f)).padStart(9)}\n`);
for (const f of lazy) process.stdout.write(`  later       ${f.padEnd(44)} ${kb(gz(f)).padStart(9)}\n`);
process.stdout.write(`  first paint ${kb(firstTotal)} (budget ≤ 90 KB: ${firstTotal <= 90 * 1024 ? 'within' : 'OVER'}); engine, loaded right after, ${kb(total(engine))}; later ${kb(total(lazy))}\n`);

/**
 * Bundle size: gzip bytes of the JS and CSS the built page loads on first paint (what index.html
 * references, plus their static imports), and of every lazily loaded chunk. Budget (issue #3):
 * ≤ 90 KB gzip for the first load. Run after `npm run build`:  npx tsx bench/bundle.ts
 * (APP_DIST selects another build directory).
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
const entry = [...html.matchAll(/(?:src|href)="\.?\/?((?:assets\/)?[^"/]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');

/** Static imports of a chunk (Vite/rolldown emits `import … from "./x.js"` at the top). */
function staticImports(file: string): string[] {
  const text = readFileSync(join(dist, file), 'utf8');
  return [...text.matchAll(/(?:^|[;\n])\s*import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)].map((m) => `assets/${m[1] ?? ''}`);
}

const first = new Set<string>();
const queue = [...entry];
while (queue.length) {
  const file = queue.shift() ?? '';
  if (first.has(file)) continue;
  first.add(file);
  if (file.endsWith('.js')) queue.push(...staticImports(file));
}
const all = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f)).map((f) => `assets/${f}`);
const lazy = all.filter((f) => !first.has(f));
const firstTotal = [...first].reduce((sum, f) => sum + gz(f), 0);
const lazyTotal = lazy.reduce((sum, f) => sum + gz(f), 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
process.stdout.write(`Bundle (gzip -9)\n`);
for (const f of first) process.stdout.write(`  first load  ${f.padEnd(44)} ${kb(gz(f)).padStart(9)}\n`);
for (const f of lazy) process.stdout.write(`  lazy        ${f.padEnd(44)} ${kb(gz(f)).padStart(9)}\n`);
process.stdout.write(`  first load total ${kb(firstTotal)} (budget ≤ 90 KB: ${firstTotal <= 90 * 1024 ? 'within' : 'OVER'}); lazy total ${kb(lazyTotal)}\n`);

/**
 * Finds import cycles in src/: `tsx scripts/importCycles.ts` lists each one and exits 1
 * (tests/unit/importCycles.test.ts runs the same check). An ESLint rule such as import-x/no-cycle
 * would resolve every file's imports again on each lint run and does not read .svelte files;
 * this walks the graph once, .svelte components included, in well under a second.
 *
 * Edges are the static imports and re-exports that stay in the built code, as import-x/no-cycle
 * counts them: an `import type` or `export type` declaration is erased, so it orders nothing at
 * run time (`tsx scripts/importCycles.ts src --types` lists the cycles that such declarations
 * close). A dynamic `import()` is not an edge either: a chunk loaded later may import the module
 * that loads it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Each module (a path relative to the root) and the modules it imports statically. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const SOURCE = /\.(ts|svelte)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return SOURCE.test(name) ? [path] : [];
  });
}

/** The script of a .svelte file (both blocks), or a .ts file as it is. */
function scriptOf(path: string, text: string): string {
  if (!path.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** The module specifiers of the static imports and re-exports in `code` (with `types`, the erased `import type` ones too). */
export function staticImports(code: string, types = false): string[] {
  const file = ts.createSourceFile('module.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  for (const statement of file.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue;
    const typeOnly = ts.isImportDeclaration(statement) ? statement.importClause?.isTypeOnly === true : statement.isTypeOnly;
    if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && (types || !typeOnly)) {
      found.push(statement.moduleSpecifier.text);
    }
  }
  return found;
}

function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  return [base, `${base}.ts`, join(base, 'index.ts')].find((path) => existsSync(path) && statSync(path).isFile());
}

/** The import graph of the .ts and .svelte files under `root`, keyed by paths relative to `root`. */
export function importGraph(root: string, types = false): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const path of sourceFiles(root)) {
    const targets = staticImports(scriptOf(path, readFileSync(path, 'utf8')), types)
      .map((specifier) => resolveSpecifier(path, specifier))
      .filter((target): target is string => target !== undefined && SOURCE.test(target))
      .map((target) => relative(root, target));
    graph.set(relative(root, path), [...new Set(targets)]);
  }
  return graph;
}

/**
 * Every strongly connected group of two or more modules (or a module that imports itself), each
 * shown as one cycle through it: `a.ts → b.ts → a.ts`. Sorted, so the listing is stable.
 */
export function findCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm, iterative so that a deep graph cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const targets = graph.get(frame.node) ?? [];
      if (frame.edge < targets.length) {
        const target = targets[frame.edge++]!;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== frame.node);
      if (group.length > 1 || (graph.get(frame.node) ?? []).includes(frame.node)) groups.push(group);
    }
  }
  return groups.map((group) => cycleThrough(graph, new Set(group))).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The shortest cycle from the group's first module (by name) back to itself, inside the group. */
function cycleThrough(graph: ImportGraph, group: ReadonlySet<string>): string[] {
  const start = [...group].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!group.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== start && at !== undefined; at = cameFrom.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [root = 'src', ...flags] = process.argv.slice(2);
  const cycles = findCycles(importGraph(resolve(root), flags.includes('--types')));
  for (const cycle of cycles) console.log(cycle.join(' → '));
  process.exitCode = cycles.length ? 1 : 0;
}

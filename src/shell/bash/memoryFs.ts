import type { VirtualFs } from '../types.ts';
import { limits } from './limits.ts';

/** A file system that can also create directories (for `mkdir`). */
export interface DirectoryMaker {
  /** Creates one directory whose parent exists; false if it cannot. */
  makeDirectory(path: string): boolean;
}

export function canMakeDirectories(fs: VirtualFs): fs is VirtualFs & DirectoryMaker {
  return typeof (fs as Partial<DirectoryMaker>).makeDirectory === 'function';
}

type Node = { type: 'file'; content: string } | { type: 'dir'; children: Map<string, Node> };

/** An opaque copy of a MemoryFs (see `snapshot`). */
export interface MemoryFsSnapshot {
  readonly root: Node;
  readonly cwd: string;
}

function copyNode(node: Node): Node {
  return node.type === 'file' ? node : { type: 'dir', children: new Map([...node.children].map(([k, v]) => [k, copyNode(v)])) };
}

export interface MemoryFsOptions {
  /** Home directory, created on start; default /home/learner. */
  home?: string;
  /** Files to create on start, by path (relative paths are under home); parents are created. */
  files?: Record<string, string>;
}

/**
 * Plain text files and directories in memory. Starts with /, /home/learner (the working directory),
 * /tmp and /dev/null. `~` is not understood here: the shell expands it before paths reach the fs.
 */
export class MemoryFs implements VirtualFs, DirectoryMaker {
  readonly home: string;
  private currentDir: string;
  private readonly root: Node & { type: 'dir' } = { type: 'dir', children: new Map() };
  /** Counts changes to files, directories and the working directory: equal numbers, nothing changed. */
  revision = 0;

  constructor(options: MemoryFsOptions = {}) {
    this.home = normalize(options.home ?? '/home/learner', '/');
    this.currentDir = '/';
    for (const dir of ['/tmp', '/dev', this.home]) this.makeDirectories(dir);
    this.dir('/dev')?.children.set('null', { type: 'file', content: '' });
    this.currentDir = this.home;
    for (const [path, content] of Object.entries(options.files ?? {})) this.writeFile(path, content);
  }

  get cwd(): string {
    return this.currentDir;
  }

  /** WARNING: accepts only an existing directory; anything else leaves the working directory as it was. */
  set cwd(path: string) {
    const resolved = this.resolve(path);
    if (this.isDirectory(resolved) && resolved !== this.currentDir) {
      this.currentDir = resolved;
      this.revision++;
    }
  }

  resolve(path: string): string {
    return normalize(path, this.currentDir);
  }

  readFile(path: string): string | undefined {
    const node = this.node(this.resolve(path));
    return node?.type === 'file' ? node.content : undefined;
  }

  /**
   * Writes (or appends to) a file, creating missing parent directories.
   * WARNING: refuses, and returns false, rather than truncate when the file would pass the size limit;
   * also false when the path or a parent is not usable. /dev/null swallows everything.
   */
  writeFile(path: string, content: string, append = false): boolean {
    const resolved = this.resolve(path);
    if (resolved === '/dev/null') return true;
    const slash = resolved.lastIndexOf('/');
    const name = resolved.slice(slash + 1);
    if (name === '') return false;
    const parent = this.makeDirectories(resolved.slice(0, slash) || '/');
    if (!parent) return false;
    const existing = parent.children.get(name);
    if (existing?.type === 'dir') return false;
    const next = append && existing ? existing.content + content : content;
    if (next.length > limits.maxFileSize) return false;
    parent.children.set(name, { type: 'file', content: next });
    this.revision++;
    return true;
  }

  /**
   * A copy of every file and the working directory, for undo and the time machine. Snapshots are
   * never changed (restore copies from them), so until the next change the last one is handed out
   * again: undo keeps one per command, and most commands change no file.
   */
  snapshot(): MemoryFsSnapshot {
    if (this.lastSnapshot?.revision !== this.revision) this.lastSnapshot = { revision: this.revision, snapshot: { root: copyNode(this.root) as Node & { type: 'dir' }, cwd: this.currentDir } };
    return this.lastSnapshot.snapshot;
  }

  private lastSnapshot: { revision: number; snapshot: MemoryFsSnapshot } | undefined;

  /** Puts the files and the working directory back as `snapshot` saw them (the snapshot stays usable). */
  restore(snapshot: MemoryFsSnapshot): void {
    const root = copyNode(snapshot.root) as Node & { type: 'dir' };
    this.root.children = root.children;
    this.currentDir = this.isDirectory(snapshot.cwd) ? snapshot.cwd : this.home;
    this.revision++;
  }

  exists(path: string): boolean {
    return this.node(this.resolve(path)) !== undefined;
  }

  isDirectory(path: string): boolean {
    return this.node(this.resolve(path))?.type === 'dir';
  }

  /** Removes a file or a whole directory tree; the root cannot be removed. */
  remove(path: string): boolean {
    const resolved = this.resolve(path);
    if (resolved === '/') return false;
    const slash = resolved.lastIndexOf('/');
    const parent = this.dir(resolved.slice(0, slash) || '/');
    const removed = parent?.children.delete(resolved.slice(slash + 1)) ?? false;
    if (removed) this.revision++;
    if (removed && (this.currentDir === resolved || this.currentDir.startsWith(`${resolved}/`))) {
      // bash keeps a deleted working directory; here the nearest surviving ancestor is simpler.
      this.currentDir = resolved.slice(0, slash) || '/';
    }
    return removed;
  }

  list(path: string): string[] | undefined {
    const dir = this.dir(this.resolve(path));
    return dir ? [...dir.children.keys()].sort() : undefined;
  }

  makeDirectory(path: string): boolean {
    const resolved = this.resolve(path);
    const slash = resolved.lastIndexOf('/');
    const parent = this.dir(resolved.slice(0, slash) || '/');
    const name = resolved.slice(slash + 1);
    if (!parent || name === '' || parent.children.has(name)) return false;
    parent.children.set(name, { type: 'dir', children: new Map() });
    this.revision++;
    return true;
  }

  private makeDirectories(path: string): (Node & { type: 'dir' }) | undefined {
    let dir = this.root;
    for (const name of path.split('/').filter(Boolean)) {
      let child = dir.children.get(name);
      if (!child) {
        child = { type: 'dir', children: new Map() };
        dir.children.set(name, child);
        this.revision++;
      }
      if (child.type !== 'dir') return undefined;
      dir = child;
    }
    return dir;
  }

  private node(resolved: string): Node | undefined {
    let node: Node = this.root;
    for (const name of resolved.split('/').filter(Boolean)) {
      if (node.type !== 'dir') return undefined;
      const child: Node | undefined = node.children.get(name);
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  private dir(resolved: string): (Node & { type: 'dir' }) | undefined {
    const node = this.node(resolved);
    return node?.type === 'dir' ? node : undefined;
  }
}

/** Joins `path` onto `base` (unless absolute) and folds `.` and `..`. */
function normalize(path: string, base: string): string {
  const joined = path.startsWith('/') ? path : `${base}/${path}`;
  const names: string[] = [];
  for (const name of joined.split('/')) {
    if (name === '' || name === '.') continue;
    if (name === '..') names.pop();
    else names.push(name);
  }
  return `/${names.join('/')}`;
}

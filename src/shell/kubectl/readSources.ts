import type { VirtualFs } from '../types.ts';

export interface Source {
  /** How kubectl names the source in messages: `STDIN` or the path as typed. */
  name: string;
  text: string;
}

export type SourcesResult = { ok: true; sources: Source[] } | { ok: false; error: string };

/** Reads `-f` arguments: `-` for stdin, files, and directories (their .yaml/.yml/.json files, in order). */
export function readSources(paths: string[], fs: VirtualFs, stdin: string): SourcesResult {
  const sources: Source[] = [];
  for (const path of paths) {
    if (path === '-') {
      sources.push({ name: 'STDIN', text: stdin });
      continue;
    }
    if (/^https?:\/\//.test(path)) {
      const host = path.replace(/^https?:\/\//, '').split('/')[0] ?? '';
      return { ok: false, error: `error: unable to read URL "${path}", server reported dial tcp: lookup ${host}: no such host (this simulator has no internet access)` };
    }
    if (fs.isDirectory(path)) {
      const entries = (fs.list(path) ?? []).filter((e) => /\.(ya?ml|json)$/.test(e)).sort();
      for (const entry of entries) {
        const full = `${path.replace(/\/$/, '')}/${entry}`;
        sources.push({ name: full, text: fs.readFile(full) ?? '' });
      }
      continue;
    }
    const text = fs.readFile(path);
    if (text === undefined) return { ok: false, error: `error: the path "${path}" does not exist` };
    sources.push({ name: path, text });
  }
  return { ok: true, sources };
}

import { KINDS, resolveResourceName } from '../domain/kinds.ts';
import { withControllerObjects } from './kubectl/printers/controllerView.ts';
import type { World } from '../domain/world.ts';
import { GLOBAL_FLAGS } from './kubectl/kubectl.ts';
import { VERBS } from './kubectl/verbs/index.ts';
import type { VirtualFs } from './types.ts';

export interface Completion {
  /** The word being completed, as typed. */
  word: string;
  /** Every candidate that starts with it, sorted. */
  options: string[];
  /** The longest common extension of the options (what Tab inserts); '' when there is none. */
  insert: string;
}

const COMMANDS = ['kubectl', 'gcloud', 'istioctl', 'curl', 'openssl', 'cat', 'echo', 'ls', 'rm', 'export', 'history', 'clear', 'help', 'sleep', 'grep', 'head', 'tail', 'wc', 'mkdir', 'touch', 'cd', 'pwd', 'for', 'jq', 'sed', 'awk', 'sort', 'uniq', 'cut', 'tr', 'xargs', 'base64', 'watch', 'less', 'more'];
const ISTIOCTL = ['analyze', 'experimental', 'x', 'proxy-status', 'version'];
const GCLOUD = ['container', 'config', 'version'];
const NAME_VERBS = new Set(['get', 'describe', 'delete', 'label', 'annotate', 'patch', 'scale', 'edit', 'wait', 'explain']);
const POD_VERBS = new Set(['exec', 'logs', 'debug']);

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0] ?? '';
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

function namespaceOf(words: string[]): string {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if ((w === '-n' || w === '--namespace') && words[i + 1]) return words[i + 1] ?? 'default';
    if (w.startsWith('--namespace=')) return w.slice('--namespace='.length);
    if (w.startsWith('-n') && w.length > 2 && !w.startsWith('--')) return w.slice(2);
  }
  return 'default';
}

function candidates(world: World, fs: VirtualFs, words: string[], word: string): string[] {
  const previous = words[words.length - 1] ?? '';
  if (words.length === 0) return COMMANDS;
  if (previous === '-f' || previous === '--filename') return ['-', ...(fs.list(fs.cwd) ?? [])];
  if (previous === '-n' || previous === '--namespace') return world.list('Namespace').map((n) => n.metadata.name);
  const [command, ...rest] = words;
  // istioctl proxy-config (pc): its subcommands, then the pods of the namespace.
  const pc = command === 'istioctl' ? rest.findIndex((w) => w === 'proxy-config' || w === 'pc') : -1;
  if (pc >= 0) return rest.length === pc + 1 ? ['all', 'bootstrap', 'cluster', 'endpoint', 'listener', 'rootca-compare', 'route', 'secret'] : world.list('Pod', namespaceOf(words)).map((p) => p.metadata.name);
  if (command === 'istioctl') {
    const last = rest[rest.length - 1] ?? '';
    if (rest.length === 0) return [...ISTIOCTL, 'proxy-config'];
    if (last === 'x' || last === 'experimental' || last === 'exp') return ['authz', 'check-inject', 'describe', 'precheck'];
    if (last === 'authz') return ['check'];
    if (last === 'describe') return ['pod', 'service'];
    return rest.some((w) => w === 'pod' || w === 'check-inject' || w === 'check') ? world.list('Pod', namespaceOf(words)).map((p) => p.metadata.name) : [];
  }
  if (command === 'gcloud') return rest.length === 0 ? GCLOUD : rest.length === 1 ? ['clusters'] : rest.length === 2 ? ['get-credentials', 'list'] : [world.cluster.name, `--project=${world.cluster.project}`, `--zone=${world.cluster.zone}`];
  if (command !== 'kubectl') return [];
  const positional = rest.filter((w, i) => !w.startsWith('-') && !['-n', '--namespace', '-c', '-o', '-l', '-f', '--image', '--target'].includes(rest[i - 1] ?? ''));
  const verbName = positional[0];
  if (verbName === undefined) return [...new Set(VERBS.map((v) => (v.path ?? [v.name])[0] ?? ''))];
  const verb = VERBS.find((v) => (v.path ?? [v.name])[0] === verbName);
  if (!verb) return [];
  if (word.startsWith('-')) {
    return [...verb.flags, ...GLOBAL_FLAGS].flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]);
  }
  // Verbs with subcommands (rollout restart|status, config …, auth can-i): the second word from the table.
  const subcommands = VERBS.flatMap((v) => (v.path && v.path[0] === verbName && v.path[1] ? [v.path[1]] : []));
  if (subcommands.length > 0 && positional.length === 1) return subcommands;
  if (verbName === 'rollout') return ['deployment'];
  const ns = namespaceOf(words);
  if (POD_VERBS.has(verbName)) return positional.length === 1 ? world.list('Pod', ns).map((p) => p.metadata.name) : [];
  if (verbName === 'port-forward' && positional.length === 1) return [...world.list('Pod', ns).map((p) => p.metadata.name), ...world.list('Service', ns).map((s) => `svc/${s.metadata.name}`)];
  if (NAME_VERBS.has(verbName)) {
    if (positional.length === 1) return KINDS.flatMap((k) => [k.plural, ...k.shortNames]).concat(['all']);
    const info = resolveResourceName(positional[1] ?? '');
    if (!info) return [];
    return withControllerObjects(world, info.kind, info.namespaced ? ns : undefined).map((o) => o.metadata.name);
  }
  return [];
}

/**
 * Tab completion for the line before the cursor: commands, kubectl verbs and their flags (from the
 * command table), resource types, and names that exist in the world (namespaces, pods, objects).
 */
export function complete(world: World, fs: VirtualFs, line: string): Completion {
  const endsWithSpace = /\s$/.test(line);
  const words = line.trim() === '' ? [] : line.trim().split(/\s+/);
  // Only the last simple command of a pipeline or list is completed.
  const lastBreak = Math.max(...['|', '&&', '||', ';', 'do', 'then'].map((sep) => words.lastIndexOf(sep)));
  const current = words.slice(lastBreak + 1);
  const word = endsWithSpace ? '' : (current.pop() ?? '');
  const options = [...new Set(candidates(world, fs, current, word))].filter((c) => c.startsWith(word)).sort();
  const prefix = commonPrefix(options);
  const insert = options.length === 1 ? `${(options[0] ?? '').slice(word.length)} ` : prefix.slice(word.length);
  return { word, options, insert };
}

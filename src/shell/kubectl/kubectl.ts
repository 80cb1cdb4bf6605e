import type { CommandContext, CommandHandler } from '../types.ts';
import { KUBECTL_COMMANDS, ROOT_HELP } from './rootHelp.ts';
import { suggestCommands } from '../suggest.ts';
import { ownValue } from '../../domain/objects.ts';
import { GROUP_COMMANDS, groupHelp, unknownSubcommand } from './groupHelp.ts';
import { notSimulatedMessage } from './notSimulated.ts';
import { parseArgs } from './parseArgs.ts';
import type { FlagSpec, FlagValue, SimServices, Verb, VerbContext } from './types.ts';
import { VERBS } from './verbs/index.ts';

/** Flags every kubectl command accepts. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { long: 'namespace', short: 'n', type: 'string', description: 'If present, the namespace scope for this CLI request' },
  { long: 'context', type: 'string', description: 'The name of the kubeconfig context to use' },
  { long: 'kubeconfig', type: 'string', description: 'Path to the kubeconfig file to use for CLI requests.' },
  { long: 'request-timeout', type: 'string', description: 'The length of time to wait before giving up on a single server request.' },
  { long: 'v', short: 'v', type: 'int', description: 'number for the log level verbosity' },
  { long: 'help', short: 'h', type: 'bool', description: 'help for this command' },
];

const GLOBAL_VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--kubeconfig', '--request-timeout', '-v']);

/** What kubectl prints when it has no kubeconfig: discovery fails five times, then the summary line. */
function connectionRefused(io: CommandContext, world: SimServices['world']): number {
  const d = new Date(world.clock.now());
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `E${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}512`;
  const line = `${stamp}    2197 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp [::1]:8080: connect: connection refused"\n`;
  io.stderr(line.repeat(5));
  io.stderr('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
  return 1;
}


export function verbHelp(verb: Verb): string {
  const flags = [...verb.flags, ...GLOBAL_FLAGS.filter((g) => g.long === 'namespace')]
    .map((f) => `    ${f.short ? `-${f.short}, ` : '    '}--${f.long}${f.type === 'bool' ? '' : '=\'\''}:\n\t${f.description ?? ''}`)
    .join('\n\n');
  return `${verb.short}\n\nUsage:\n  ${verb.usage}\n\nOptions:\n${flags}\n`;
}

/** The kubectl command: finds the verb, parses its flags, and runs it against the world. */
export function createKubectl(services: () => SimServices): CommandHandler {
  return (io) => {
    const argv = io.argv.slice(1);
    // Global flags may come before the verb: `kubectl --namespace asm-ingress get service`.
    const words: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i] ?? '';
      if (a === '--') break;
      if (a.startsWith('-')) {
        if (GLOBAL_VALUE_FLAGS.has(a)) i++;
        continue;
      }
      words.push(a);
    }
    if (words.length === 0) {
      if (argv.some((a) => a === '--help' || a === '-h') || argv.length === 0) {
        io.stdout(ROOT_HELP);
        return 0;
      }
    }
    const verb = VERBS.find((v) => {
      const path = v.path ?? [v.name];
      return path.every((p, i) => words[i] === p);
    }) ?? VERBS.find((v) => (v.path ?? [v.name])[0] === words[0]);
    if (!verb) {
      const typed = words[0] ?? '';
      // A real command with no verb here.
      if (KUBECTL_COMMANDS.includes(typed)) {
        io.stderr(notSimulatedMessage(typed));
        return 1;
      }
      // cobra sorts a command's children by name (EnableCommandSorting) before suggesting.
      const near = suggestCommands(typed, [...KUBECTL_COMMANDS].sort());
      io.stderr(`error: unknown command "${typed}" for "kubectl"${near.length ? `\n\nDid you mean this?\n${near.map((n) => `\t${n}`).join('\n')}` : ''}\n`);
      if (!near.length) io.stderr(`Run 'kubectl --help' for usage.\n`);
      return 1;
    }
    // A group (rollout, config, auth) with no subcommand prints its help; one it does not have is a usage error.
    const group = groupHelp(words[0] ?? '');
    if (group && !ownValue(GROUP_COMMANDS, words[0] ?? '')?.includes(words[1] ?? '')) {
      if (words.length > 1) {
        io.stderr(unknownSubcommand(words[0] ?? '', words.slice(1)));
        return 1;
      }
      if (argv.some((a) => a === '--help' || a === '-h')) {
        io.stdout(group.text);
        return 0;
      }
      if (group.stream === 'stdout') io.stdout(group.text);
      else io.stderr(group.text);
      return 1;
    }
    const path = verb.path ?? [verb.name];
    // Remove the verb words (first occurrences) and parse the rest.
    const rest = [...argv];
    for (const p of path) {
      const idx = rest.findIndex((a, i) => a === p && !rest.slice(0, i).includes('--'));
      if (idx !== -1) rest.splice(idx, 1);
    }
    if (path.length > 1 && words[1] !== path[1]) {
      // One of the group's real subcommands (groupHelp.ts lists them all) with no verb here.
      io.stderr(notSimulatedMessage(`${path[0] ?? ''} ${words[1] ?? ''}`));
      return 1;
    }
    const parsed = parseArgs(rest, [...verb.flags, ...GLOBAL_FLAGS.filter((g) => !verb.flags.some((f) => f.long === g.long || (g.short && f.short === g.short)))]);
    if (!parsed.ok) {
      io.stderr(`error: ${parsed.error}\nSee 'kubectl ${path.join(' ')} --help' for usage.\n`);
      return 1;
    }
    if (parsed.args.flags.get('help') === true) {
      io.stdout(verbHelp(verb));
      return 0;
    }
    const svc = services();
    if (verb.needsServer !== false && !svc.world.credentials) return connectionRefused(io, svc.world);
    const ns = parsed.args.flags.get('namespace');
    const ctx: VerbContext = {
      services: svc,
      world: svc.world,
      io,
      args: parsed.args,
      namespace: typeof ns === 'string' && ns !== '' ? ns : 'default',
      namespaceGiven: typeof ns === 'string' && ns !== '',
      flag: <T extends FlagValue>(name: string) => parsed.args.flags.get(name) as T | undefined,
      out: (t) => io.stdout(t),
      err: (t) => io.stderr(t),
    };
    return verb.run(ctx);
  };
}

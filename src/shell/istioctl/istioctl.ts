import { parseArgs } from '../kubectl/parseArgs.ts';
import type { FlagSpec, FlagValue, SimServices } from '../kubectl/types.ts';
import type { CommandContext, CommandHandler } from '../types.ts';
import { analyzeCommand } from './analyze.ts';
import { authzCommand } from './authzCheck.ts';
import { checkInjectCommand } from './checkInject.ts';
import { describePodCommand } from './describePod.ts';
import { describeServiceCommand } from './describeService.ts';
import { inspectPart, proxyConfigPlaceholder } from '../inspect/lazyInspect.ts';
import { precheckCommand } from './precheck.ts';
import { proxyStatusCommand } from './proxyStatus.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';
import { versionCommand } from './version.ts';
import { suggestCommands } from '../suggest.ts';

/** cmd.ExitIncorrectUsage: unknown commands and flag errors (istioctl/cmd/istioctl main + GetExitCode). */
const EXIT_INCORRECT_USAGE = 64;

/** istioctl's persistent root flags (istioctl/pkg/cli RootFlags and root.go). */
export const ISTIOCTL_GLOBAL_FLAGS: FlagSpec[] = [
  { long: 'context', type: 'string', description: 'Kubernetes configuration context' },
  { long: 'help', short: 'h', type: 'bool', description: 'help for istioctl' },
  { long: 'istioNamespace', short: 'i', type: 'string', description: 'Istio system namespace (default "istio-system")' },
  { long: 'kubeconfig', short: 'c', type: 'string', description: 'Kubernetes configuration file' },
  { long: 'namespace', short: 'n', type: 'string', description: 'Kubernetes namespace' },
  { long: 'vklog', type: 'string', description: 'number for the log level verbosity. Like -v flag. ex: --vklog=9' },
];

const describeCommand: IstioctlCommand = {
  name: 'describe',
  aliases: ['des'],
  short: 'Describe resource and related Istio configuration',
  children: [describePodCommand, describeServiceCommand],
  // describe.go Cmd: any argument that is not a subcommand is an unknown resource type.
  run: (ctx) => {
    const [first] = ctx.args.positionals;
    if (first !== undefined) return { message: `unknown resource type ${JSON.stringify(first)}`, exitCode: 1 };
    ctx.out(helpText(describeCommand, ['istioctl', 'experimental', 'describe']));
    return 0;
  },
};

const experimentalCommand: IstioctlCommand = {
  name: 'experimental',
  aliases: ['x', 'exp'],
  short: 'Experimental commands that may be modified or deprecated',
  children: [authzCommand, checkInjectCommand, describeCommand, precheckCommand],
};

/** The command tree this simulator implements (a subset of istioctl's). */
export const ISTIOCTL_ROOT: IstioctlCommand = {
  name: 'istioctl',
  short: 'Istio control interface.',
  // proxy-config's code arrives after the engine in the browser (inspect/lazyInspect.ts).
  get children() {
    return [analyzeCommand, experimentalCommand, inspectPart.get()?.proxyConfigCommand ?? proxyConfigPlaceholder, proxyStatusCommand, versionCommand];
  },
};

const LONG_ROOT = 'Istio configuration command line utility for service operators to\ndebug and diagnose their Istio mesh.\n';

/** pflag FlagUsages: `  -n, --namespace string   usage`, aligned on the longest flag. */
function flagUsages(flags: FlagSpec[]): string {
  const sorted = [...flags].sort((a, b) => (a.long < b.long ? -1 : 1));
  const lefts = sorted.map((f) => `${f.short ? `  -${f.short}, --${f.long}` : `      --${f.long}`}${f.type === 'bool' ? '' : ` ${f.type}`}`);
  const max = Math.max(0, ...lefts.map((l) => l.length));
  return sorted.map((f, i) => `${(lefts[i] ?? '').padEnd(max)}   ${f.description ?? ''}\n`).join('');
}

/** cobra's default help template, for the commands the simulator knows. */
function helpText(cmd: IstioctlCommand, path: string[]): string {
  const commandPath = path.join(' ');
  const children = cmd.children ?? [];
  const padding = Math.max(11, ...children.map((c) => c.name.length));
  let text = `${cmd === ISTIOCTL_ROOT ? LONG_ROOT : `${cmd.short}\n`}\nUsage:\n`;
  if (cmd.run && cmd !== ISTIOCTL_ROOT) text += `  ${cmd.usage ?? `${commandPath} [flags]`}\n`;
  if (children.length > 0) text += `  ${commandPath} [command]\n`;
  if (cmd.aliases?.length) text += `\nAliases:\n  ${[cmd.name, ...cmd.aliases].join(', ')}\n`;
  if (children.length > 0) text += `\nAvailable Commands:\n${children.map((c) => `  ${c.name.padEnd(padding)} ${c.short}\n`).join('')}`;
  if (cmd === ISTIOCTL_ROOT) text += `\nFlags:\n${flagUsages(ISTIOCTL_GLOBAL_FLAGS)}`;
  else {
    if (cmd.flags?.length) text += `\nFlags:\n${flagUsages([...cmd.flags, { long: 'help', short: 'h', type: 'bool', description: `help for ${cmd.name}` }])}`;
    text += `\nGlobal Flags:\n${flagUsages(ISTIOCTL_GLOBAL_FLAGS.filter((f) => f.long !== 'help'))}`;
  }
  if (children.length > 0) text += `\nUse "${commandPath} [command] --help" for more information about a command.\n`;
  return text;
}


function findChild(cmd: IstioctlCommand, word: string): IstioctlCommand | undefined {
  return cmd.children?.find((c) => c.name === word || (c.aliases ?? []).includes(word));
}

/** Flags that take a value, so that the command walk can skip their values. */
function valueFlags(cmd: IstioctlCommand): Set<string> {
  const all: FlagSpec[] = [...ISTIOCTL_GLOBAL_FLAGS];
  const visit = (c: IstioctlCommand) => {
    all.push(...(c.flags ?? []));
    (c.children ?? []).forEach(visit);
  };
  visit(cmd);
  return new Set(all.filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]));
}

function fail(io: CommandContext, error: CommandError): number {
  io.stderr(`Error: ${error.message}\n`);
  return error.exitCode;
}

/** The `istioctl` command: walks the cobra-like tree, parses pflag-style flags, runs the command against the world. */
export function createIstioctl(services: () => SimServices): CommandHandler {
  return (io) => {
    const argv = io.argv.slice(1);
    const takesValue = valueFlags(ISTIOCTL_ROOT);
    let cmd = ISTIOCTL_ROOT;
    const path = ['istioctl'];
    const consumed = new Set<number>();
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] ?? '';
      if (arg === '--') break;
      if (arg.startsWith('-')) {
        if (takesValue.has(arg)) i++;
        continue;
      }
      if (cmd === ISTIOCTL_ROOT && arg === 'help') {
        let target: IstioctlCommand = ISTIOCTL_ROOT;
        const helpPath = ['istioctl'];
        for (const word of argv.slice(i + 1)) {
          const child = findChild(target, word);
          if (!child) break;
          target = child;
          helpPath.push(child.name);
        }
        io.stdout(helpText(target, helpPath));
        return 0;
      }
      const child = findChild(cmd, arg);
      if (!child) {
        if (cmd === ISTIOCTL_ROOT) {
          const near = suggestCommands(arg, (ISTIOCTL_ROOT.children ?? []).map((c) => c.name));
          const suggestion = near.length > 0 ? `\n\nDid you mean this?\n${near.map((n) => `\t${n}\n`).join('')}` : '';
          io.stderr(`Error: unknown command ${JSON.stringify(arg)} for "istioctl"${suggestion}\nRun 'istioctl --help' for usage.\n`);
          return EXIT_INCORRECT_USAGE;
        }
        break;
      }
      cmd = child;
      path.push(child.name);
      consumed.add(i);
    }
    const rest = argv.filter((_, i) => !consumed.has(i));
    const flags = [...ISTIOCTL_GLOBAL_FLAGS, ...(cmd.flags ?? [])];
    const parsed = parseArgs(rest, flags);
    if (!parsed.ok) return fail(io, { message: parsed.error, exitCode: EXIT_INCORRECT_USAGE });
    if (parsed.args.flags.get('help') === true || !cmd.run) {
      io.stdout(helpText(cmd, path));
      return 0;
    }
    const svc = services();
    const ns = parsed.args.flags.get('namespace');
    const namespace = typeof ns === 'string' ? ns : '';
    const istioNs = parsed.args.flags.get('istioNamespace');
    const ctx: IstioctlContext = {
      services: svc,
      world: svc.world,
      io,
      args: parsed.args,
      namespace,
      namespaceOrDefault: namespace === '' ? 'default' : namespace,
      istioNamespace: typeof istioNs === 'string' && istioNs !== '' ? istioNs : svc.world.rootNamespace,
      flag: <T extends FlagValue>(name: string) => parsed.args.flags.get(name) as T | undefined,
      out: (t) => io.stdout(t),
      err: (t) => io.stderr(t),
    };
    const result = cmd.run(ctx);
    return typeof result === 'number' ? result : fail(io, result);
  };
}

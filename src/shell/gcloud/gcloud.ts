import { parseArgs } from '../kubectl/parseArgs.ts';
import type { FlagSpec, FlagValue } from '../kubectl/types.ts';
import type { CommandContext, CommandHandler } from '../types.ts';
import { clustersDeleteCommand } from './clustersDelete.ts';
import { clustersListCommand } from './clustersList.ts';
import { configGetValueCommand, configListCommand } from './config.ts';
import { getCredentialsCommand } from './getCredentials.ts';
import { type GcloudCommand, type GcloudContext, type GcloudGroup, type GcloudServices, isGroup } from './types.ts';
import { SEARCH_HINT, editDistance, usageBlock } from './usage.ts';
import { printVersion, versionCommand } from './version.ts';

/** Flags every gcloud command accepts (GCLOUD_WIDE_FLAG). */
export const GCLOUD_WIDE_FLAGS: FlagSpec[] = [
  { long: 'account', type: 'string', description: 'Google Cloud user account to use for invocation.' },
  { long: 'billing-project', type: 'string', description: 'The Google Cloud project that will be charged quota.' },
  { long: 'configuration', type: 'string', description: 'File name of the configuration to use for this command invocation.' },
  { long: 'flags-file', type: 'string', description: 'A YAML or JSON file that specifies a --flag : value dictionary.' },
  { long: 'flatten', type: 'string', description: 'Flatten name[] output resource slices in KEY into separate records.' },
  { long: 'format', type: 'string', description: 'Set the format for printing command output resources.' },
  { long: 'help', short: 'h', type: 'bool', description: 'Display detailed help.' },
  { long: 'impersonate-service-account', type: 'string', description: 'Service account to impersonate.' },
  { long: 'log-http', type: 'bool', description: 'Log all HTTP server requests and responses to stderr.' },
  { long: 'project', type: 'string', description: 'The Google Cloud project ID to use for this invocation.' },
  { long: 'quiet', short: 'q', type: 'bool', description: 'Disable all interactive prompts when running gcloud commands.' },
  { long: 'trace-token', type: 'string', description: 'Token used to route traces of service requests for investigation of issues.' },
  { long: 'user-output-enabled', type: 'bool', description: 'Print user intended output to the console.' },
  { long: 'verbosity', type: 'string', description: 'Override the default verbosity for this command.' },
  { long: 'version', type: 'bool', description: 'Print version information and exit.' },
];

/** The command tree this simulator implements (a small part of gcloud's). */
export const GCLOUD_ROOT: GcloudGroup = {
  name: 'gcloud',
  short: 'manage Google Cloud resources and developer workflow',
  children: [
    {
      name: 'config',
      short: 'View and edit Google Cloud CLI properties.',
      children: [configGetValueCommand, configListCommand],
    },
    {
      name: 'container',
      short: 'Deploy and manage clusters of machines for running containers.',
      children: [
        {
          name: 'clusters',
          short: 'Deploy and teardown Google Kubernetes Engine clusters.',
          children: [clustersDeleteCommand, getCredentialsCommand, clustersListCommand],
        },
      ],
    },
    versionCommand,
  ],
};

/** `ERROR: (gcloud.x) Invalid choice: 'y'.` with gcloud's "Maybe you meant" and search hint. */
function invalidChoice(io: CommandContext, groupId: string, group: GcloudGroup, word: string): number {
  const path = groupId.replaceAll('.', ' ');
  const near = group.children.filter((c) => editDistance(c.name, word) <= 3 || c.name.startsWith(word) || word.startsWith(c.name));
  const maybe = near.length > 0 ? `Maybe you meant:\n${near.map((c) => `  ${path} ${c.name}\n`).join('')}` : '';
  io.stderr(`ERROR: (${groupId}) Invalid choice: '${word}'.\n${maybe}${SEARCH_HINT}`);
  return 2;
}

function listing(group: GcloudGroup, path: string): string {
  const row = (c: GcloudGroup | GcloudCommand) => `      ${c.name.padEnd(24)}${c.short}\n`;
  const groups = group.children.filter(isGroup);
  const commands = group.children.filter((c) => !isGroup(c));
  let text = '';
  if (groups.length > 0) text += `\nAvailable groups for ${path}:\n\n${groups.map(row).join('')}`;
  if (commands.length > 0) text += `\nAvailable commands for ${path}:\n\n${commands.map(row).join('')}`;
  return text;
}

/** A short help page in the shape of gcloud's man pages. */
function helpPage(node: GcloudGroup | GcloudCommand, path: string): string {
  if (isGroup(node)) return `NAME\n    ${path} - ${node.short}\n\nSYNOPSIS\n    ${path} GROUP | COMMAND [GCLOUD_WIDE_FLAG ...]\n${listing(node, path)}`;
  const positionals = (node.positionals ?? []).map((p) => ` ${p.name}`).join('');
  const flags = (node.flags ?? []).map((f) => `     --${f.long}${f.type === 'bool' ? '' : `=${f.long.toUpperCase().replaceAll('-', '_')}`}\n        ${f.description ?? ''}\n`).join('\n');
  return `NAME\n    ${path} - ${node.short.replace(/\.$/, '').toLowerCase()}\n\nSYNOPSIS\n    ${path}${positionals} [GCLOUD_WIDE_FLAG ...]\n${flags ? `\nFLAGS\n${flags}` : ''}`;
}

function allFlags(node: GcloudGroup | GcloudCommand): FlagSpec[] {
  return isGroup(node) ? node.children.flatMap(allFlags) : (node.flags ?? []);
}

function unrecognized(io: CommandContext, commandId: string, args: string, flags: FlagSpec[]): number {
  const flag = args.replace(/=.*$/, '');
  const near = flag.startsWith('--') ? flags.map((f) => `--${f.long}`).find((n) => editDistance(n, flag) <= 2) : undefined;
  io.stderr(`ERROR: (${commandId}) unrecognized arguments: ${args}${near ? ` (did you mean '${near}'?)` : ''}\n${SEARCH_HINT}`);
  return 2;
}

/** `gcloud help [COMMAND…]`, or `gcloud help -- TERMS` searching the simulator's commands. */
function help(io: CommandContext, words: string[]): number {
  const dash = words.indexOf('--');
  if (dash !== -1) {
    const terms = words.slice(dash + 1).map((t) => t.toLowerCase());
    const hits: string[] = [];
    const visit = (node: GcloudGroup | GcloudCommand, path: string) => {
      if (!isGroup(node) && terms.some((t) => `${path} ${node.short}`.toLowerCase().includes(t))) hits.push(`${path}\n    ${node.short}\n`);
      if (isGroup(node)) node.children.forEach((c) => visit(c, `${path} ${c.name}`));
    };
    visit(GCLOUD_ROOT, 'gcloud');
    io.stdout(hits.length > 0 ? hits.join('\n') : `No search results found for [${terms.join(' ')}].\n`);
    return 0;
  }
  let node: GcloudGroup | GcloudCommand = GCLOUD_ROOT;
  const path = ['gcloud'];
  for (const word of words) {
    const child: GcloudGroup | GcloudCommand | undefined = isGroup(node) ? node.children.find((c) => c.name === word) : undefined;
    if (!child) return invalidChoice(io, path.join('.'), isGroup(node) ? node : GCLOUD_ROOT, word);
    node = child;
    path.push(word);
  }
  io.stdout(helpPage(node, path.join(' ')));
  return 0;
}

/** The `gcloud` command: walks the command tree, parses argparse-style flags, runs the command. */
export function createGcloud(services: () => GcloudServices): CommandHandler {
  return (io) => {
    const argv = io.argv.slice(1);
    const takesValue = new Set([...GCLOUD_WIDE_FLAGS, ...allFlags(GCLOUD_ROOT)].filter((f) => f.type !== 'bool').flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]));
    let node: GcloudGroup | GcloudCommand = GCLOUD_ROOT;
    const path = ['gcloud'];
    const consumed = new Set<number>();
    for (let i = 0; i < argv.length && isGroup(node); i++) {
      const arg = argv[i] ?? '';
      if (arg.startsWith('-')) {
        if (takesValue.has(arg)) i++;
        continue;
      }
      if (node === GCLOUD_ROOT && arg === 'help') return help(io, argv.slice(i + 1));
      const child: GcloudGroup | GcloudCommand | undefined = node.children.find((c) => c.name === arg);
      if (!child) return invalidChoice(io, path.join('.'), node, arg);
      node = child;
      path.push(arg);
      consumed.add(i);
    }
    const commandId = path.join('.');
    const rest = argv.filter((_, i) => !consumed.has(i));

    if (isGroup(node)) {
      const parsed = parseArgs(rest, GCLOUD_WIDE_FLAGS);
      if (parsed.ok && parsed.args.flags.get('version') === true && node === GCLOUD_ROOT) return printVersion({ out: (t) => io.stdout(t) });
      if (parsed.ok && parsed.args.flags.get('help') === true) {
        io.stdout(helpPage(node, path.join(' ')));
        return 0;
      }
      io.stderr(`ERROR: (${commandId}) Command name argument expected.\n${listing(node, path.join(' '))}\nFor detailed information on this command and its flags, run:\n  ${path.join(' ')} --help\n`);
      return 2;
    }

    const command: GcloudCommand = node;
    const flags = [...GCLOUD_WIDE_FLAGS, ...(command.flags ?? [])];
    const parsed = parseArgs(rest, flags);
    if (!parsed.ok) {
      const needs = /^flag needs an argument: (?:--(\S+)|'(\S)' in -\S)$/.exec(parsed.error);
      if (needs) {
        const spec = flags.find((f) => (needs[1] !== undefined && f.long === needs[1]) || (needs[2] !== undefined && f.short === needs[2]));
        io.stderr(`ERROR: (${commandId}) argument --${spec?.long ?? needs[1] ?? ''}${spec?.short ? ` -${spec.short}` : ''}: expected one argument\n${usageBlock(commandId, command)}`);
        return 2;
      }
      const unknown = /^unknown (?:shorthand )?flag: (?:(--\S+)|'(\S)' in (\S+))$/.exec(parsed.error);
      const typed = unknown?.[1] ? (rest.find((a) => a === unknown[1] || a.startsWith(`${unknown[1]}=`)) ?? unknown[1]) : (unknown?.[3] ?? parsed.error);
      return unrecognized(io, commandId, typed, command.flags ?? []);
    }
    if (parsed.args.flags.get('help') === true) {
      io.stdout(helpPage(command, path.join(' ')));
      return 0;
    }
    const declared = command.positionals ?? [];
    const missing = declared.find((p, i) => p.required && parsed.args.positionals[i] === undefined);
    if (missing) {
      io.stderr(`ERROR: (${commandId}) argument ${missing.name}: Must be specified.\n${usageBlock(commandId, command)}`);
      return 2;
    }
    const variadic = declared.some((p) => p.name.endsWith('...]'));
    const extra = variadic ? [] : parsed.args.positionals.slice(declared.length);
    if (extra.length > 0) return unrecognized(io, commandId, extra.join(' '), command.flags ?? []);

    const svc = services();
    const project = parsed.args.flags.get('project');
    const ctx: GcloudContext = {
      world: svc.world,
      io,
      args: parsed.args,
      project: typeof project === 'string' && project !== '' ? project : svc.world.cluster.project,
      commandId,
      flag: <T extends FlagValue>(name: string) => parsed.args.flags.get(name) as T | undefined,
      out: (t) => io.stdout(t),
      err: (t) => io.stderr(t),
    };
    return command.run(ctx);
  };
}

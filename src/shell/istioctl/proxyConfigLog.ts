import { envoyLogging } from '../../domain/envoy/envoyLogLevels.ts';
import type { KubeObject } from '../../domain/objects.ts';
import type { FlagSpec } from '../kubectl/types.ts';
import { podName } from './podArg.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

/*
 * `istioctl proxy-config log [<type>/]<name>[.<namespace>] [--level …|--reset]` (istioctl/pkg/proxyconfig/proxyconfig.go
 * logCmd, Istio 1.26): it POSTs Envoy's admin `/logging` once to learn the loggers, then once per
 * change (`level=<l>` first when every logger changes, then `<logger>=<l>` each), and prints
 * `<pod>.<namespace>:` and Envoy's answer to the last POST: `active loggers:` with every logger's level.
 */

/** proxyconfig.go levelToString / stringToLevel. */
const STRING_TO_LEVEL: Record<string, string> = {
  trace: 'trace', debug: 'debug', info: 'info', warning: 'warning', warn: 'warning', error: 'error', critical: 'critical', off: 'off',
};
/** defaultLoggerName: `level` changes every logger. */
const DEFAULT_LOGGER = 'level';
/** defaultEnvoyOutputLevel, when the injector's values give none; the values' global.proxy.logLevel is `warning` too. */
const RESET_LEVEL = 'warning';

const FLAGS: FlagSpec[] = [
  { long: 'level', type: 'string', description: 'Comma-separated minimum per-logger level of messages to output, in the form of [<logger>:]<level>,[<logger>:]<level>,... or <level> to change all active loggers, where logger components can be listed by running "istioctl proxy-config log <pod-name[.namespace]>"or referred from https://github.com/envoyproxy/envoy/blob/main/source/common/common/logger.h, and level can be one of [trace, debug, info, warning, error, critical, off]' },
  { long: 'reset', short: 'r', type: 'bool', description: 'Reset levels to default value (warning).' },
];

const EXAMPLE = `  # Retrieve information about logging levels for a given pod from Envoy.
  istioctl proxy-config log <pod-name[.namespace]>

  # Update levels of the all loggers
  istioctl proxy-config log <pod-name[.namespace]> --level none

  # Update levels of the specified loggers.
  istioctl proxy-config log <pod-name[.namespace]> --level http:debug,redis:debug

  # Reset levels of all the loggers to default value (warning).
  istioctl proxy-config log <pod-name[.namespace]> -r
`;

/** What proxyConfig.ts lends this command: its port-forward to the admin API and its usage text. */
export interface LogDeps {
  reachEnvoy(ctx: IstioctlContext, name: string, namespace: string, path: string, wrap: (err: string) => string): { ok: true; pod: KubeObject } | { ok: false; error: CommandError };
  usage(spec: { name: string; aliases: string[]; example: string; flags: FlagSpec[] }, extraFlags: FlagSpec[]): string;
}

/** The loggers and levels `--level` asks for, or the error istioctl returns. */
export function parseLevels(levelString: string, loggerNames: string): Map<string, string> | CommandError {
  let dest = new Map<string, string>();
  for (const ol of levelString.split(',')) {
    if (!ol.includes(':') && !ol.includes('=')) {
      const level = STRING_TO_LEVEL[ol];
      if (!level) return { message: `unrecognized logging level: ${ol}`, exitCode: 1 };
      dest = new Map([[DEFAULT_LOGGER, level]]);
      continue;
    }
    const parts = ol.split('::');
    const loggerAndLevel = parts[parts.length - 1] ?? '';
    const sep = loggerAndLevel.search(/[:=]/);
    const logger = loggerAndLevel.slice(0, sep);
    const levelName = loggerAndLevel.slice(sep + 1);
    // strings.Contains(loggerName, …): loggerName is Envoy's whole answer to the first POST.
    if (!loggerNames.includes(logger) && logger !== DEFAULT_LOGGER) return { message: `unrecognized logger name: ${logger}`, exitCode: 1 };
    const level = STRING_TO_LEVEL[levelName];
    if (!level) return { message: `unrecognized logging level: ${levelName}`, exitCode: 1 };
    dest.set(logger, level);
  }
  return dest;
}

export function logCommand(deps: LogDeps, outputFlag: FlagSpec, adminPortFlag: FlagSpec): IstioctlCommand {
  const spec = { name: 'log', aliases: ['o'], example: EXAMPLE, flags: [...FLAGS, outputFlag] };
  return {
    name: 'log',
    aliases: ['o'],
    short: 'Retrieves logging levels of the Envoy in the specified pod',
    usage: 'istioctl proxy-config log [<type>/]<name>[.<namespace>] [flags]',
    flags: [...FLAGS, outputFlag, adminPortFlag],
    run: (ctx) => {
      const args = ctx.args.positionals;
      const levelString = ctx.flag<string>('level') ?? '';
      const reset = ctx.flag<boolean>('reset') ?? false;
      if (args.length < 1) {
        ctx.err(`${deps.usage(spec, [])}\n`);
        return { message: 'log requires pod name or --selector', exitCode: 1 };
      }
      if (reset && levelString !== '') {
        ctx.err(`${deps.usage(spec, [])}\n`);
        return { message: '--level cannot be combined with --reset', exitCode: 1 };
      }
      const output = ctx.flag<string>('output') ?? '';
      if (output !== '' && output !== 'short') return { message: '--output is not applicable for this command', exitCode: 1 };
      const target = podName(ctx, args[0] ?? '');
      if (!target.ok) return target.error;
      const reached = deps.reachEnvoy(ctx, target.name, target.namespace, 'logging', (err) => `failed to execute command on Envoy: ${err}`);
      if (!reached.ok) return reached.error;
      const pod = reached.pod;
      // The first POST, without a change, reads the loggers' names.
      let resp = envoyLogging(ctx.world, pod, new Map()).body;
      let dest = new Map<string, string>();
      if (reset) dest.set(DEFAULT_LOGGER, RESET_LEVEL);
      else if (levelString !== '') {
        const parsed = parseLevels(levelString, resp);
        if (!(parsed instanceof Map)) return parsed;
        dest = parsed;
      }
      const all = dest.get(DEFAULT_LOGGER);
      if (all) resp = envoyLogging(ctx.world, pod, new Map([['level', all]])).body;
      for (const [logger, level] of dest) {
        if (logger !== DEFAULT_LOGGER) resp = envoyLogging(ctx.world, pod, new Map([[logger, level]])).body;
      }
      ctx.out(`${target.name}.${target.namespace}:\n${resp}`);
      return 0;
    },
  };
}

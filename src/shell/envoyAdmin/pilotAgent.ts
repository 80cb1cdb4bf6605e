import type { KubeObject } from '../../domain/objects.ts';
import type { World } from '../../domain/world.ts';
import { parseArgs } from '../kubectl/parseArgs.ts';
import type { CommandContext, CommandHandler } from '../types.ts';
import { localEndpoint } from './adminResponse.ts';

/** The ports `pilot-agent request` may ask (pilot/cmd/pilot-agent/app/request.go allowedPorts). */
const ALLOWED_PORTS = [15000, 15004, 15020, 15021];

const HELP = `Istio Pilot agent runs in the sidecar or gateway container and bootstraps Envoy.

Usage:
  pilot-agent [command]

Available Commands:
  completion         Generate the autocompletion script for the specified shell
  help               Help about any command
  istio-clean-iptables Clean up iptables rules for Istio Sidecar
  istio-iptables     Set up iptables rules for Istio Sidecar
  proxy              XDS proxy agent
  request            Makes an HTTP request to the Envoy admin API
  version            Prints out build version information
  wait               Waits until the Envoy proxy is ready

Flags:
  -h, --help                          help for pilot-agent
      --log_as_json                   Whether to format output as JSON or in plain console-friendly format
      --log_caller string             Comma-separated list of scopes for which to include caller information, scopes can be any of [ads, all, authorization, ca, cache, citadelclient, default, dns, gcecred, googleca, grpcgen, healthcheck, iptables, klog, mockcred, model, sds, security, serviceentry, spiffe, stsclient, stsserver, telemetry, token, trustBundle, validation, wasm, xdsproxy]
      --log_output_level string       Comma-separated minimum per-scope logging level of messages to output, in the form of <scope>:<level>,<scope>:<level>,... where scope can be one of [ads, all, authorization, ca, cache, citadelclient, default, dns, gcecred, googleca, grpcgen, healthcheck, iptables, klog, mockcred, model, sds, security, serviceentry, spiffe, stsclient, stsserver, telemetry, token, trustBundle, validation, wasm, xdsproxy] and level can be one of [debug, info, warn, error, fatal, none] (default "default:info")
      --log_rotate string             The path for the optional rotating log file
      --log_rotate_max_age int        The maximum age in days of a log file beyond which the file is rotated (0 indicates no limit) (default 30)
      --log_rotate_max_backups int    The maximum number of log file backups to keep before older files are deleted (0 indicates no limit) (default 1000)
      --log_rotate_max_size int       The maximum size in megabytes of a log file beyond which the file is rotated (default 104857600)
      --log_stacktrace_level string   Comma-separated minimum per-scope logging level at which stack traces are captured, in the form of <scope>:<level>,<scope:level>,... where scope can be one of [ads, all, authorization, ca, cache, citadelclient, default, dns, gcecred, googleca, grpcgen, healthcheck, iptables, klog, mockcred, model, sds, security, serviceentry, spiffe, stsclient, stsserver, telemetry, token, trustBundle, validation, wasm, xdsproxy] and level can be one of [debug, info, warn, error, fatal, none] (default "default:none")
      --log_target stringArray        The set of paths where to output the log. This can be any path as well as the special values stdout and stderr (default [stdout])
      --vklog Level                   number for the log level verbosity. Like -v flag. ex: --vklog=9

Use "pilot-agent [command] --help" for more information about a command.
`;

/** istio's log line for an error (pkg/log): `<RFC3339 micros>\terror\t<message>`. */
function logLine(world: World, message: string): string {
  return `${new Date(world.clock.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')}\terror\t${message}\n`;
}

/**
 * `pilot-agent` inside the proxy container: `request <method> <path> [<body>]` asks the Envoy
 * admin API (or another allowed local port, `--debug-port`) and prints the body with a newline
 * (pilot/pkg/request/command.go). Errors go through cobra (`Error: …`) and istio's logger, and
 * main exits -1 (status 255).
 */
export function createPilotAgent(world: World, pod: KubeObject): CommandHandler {
  return (io: CommandContext) => {
    const fail = (message: string): number => {
      io.stderr(`Error: ${message}\n${logLine(world, message)}`);
      return 255;
    };
    const [sub, ...rest] = io.argv.slice(1);
    if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
      io.stdout(HELP);
      return 0;
    }
    if (sub === 'version') {
      const image = (pod.spec?.containers as { name?: string; image?: string }[] | undefined)?.find((c) => c.name === 'istio-proxy')?.image ?? '';
      io.stdout(`${image.slice(image.lastIndexOf(':') + 1)}\n`);
      return 0;
    }
    if (sub !== 'request') return fail(`unknown command "${sub}" for "pilot-agent"`);
    const parsed = parseArgs(rest, [{ long: 'debug-port', type: 'int' }, { long: 'help', short: 'h', type: 'bool' }]);
    if (!parsed.ok) return fail(parsed.error);
    const args = parsed.args.positionals;
    if (args.length < 2) return fail(`requires at least 2 arg(s), only received ${args.length}`);
    const port = (parsed.args.flags.get('debug-port') as number | undefined) ?? 15000;
    if (!ALLOWED_PORTS.includes(port)) return fail(`debug port ${port} is not in allowed list [${ALLOWED_PORTS.join(' ')}]`);
    const method = args[0] ?? '';
    const path = (args[1] ?? '').replace(/^\//, '');
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(method)) return fail(`net/http: invalid method ${JSON.stringify(method)}`);
    const response = localEndpoint(world, pod, port, method, `/${path}`, true);
    if (!response) return fail(`Get "http://localhost:${port}/${path}": dial tcp [::1]:${port}: connect: connection refused`.replace(/^Get/, method.charAt(0) + method.slice(1).toLowerCase()));
    if (response.status > 399 && response.status !== 404) return fail(`received unsuccessful status code ${response.status}: ${response.body}`);
    io.stdout(`${response.body}\n`);
    return 0;
  };
}

import type { KubeObject } from '../../domain/objects.ts';
import { probeTls } from '../../domain/pki/probeTls.ts';
import type { RequestClient } from '../../domain/traffic/request.ts';
import type { World } from '../../domain/world.ts';
import type { CommandContext, CommandHandler } from '../types.ts';
import { COMMAND_LIST } from './helpText.ts';
import { parseOptions } from './parseOptions.ts';
import { sClient } from './sClient.ts';
import type { OpensslContext, OpensslHost } from './types.ts';
import { x509 } from './x509.ts';

/**
 * `openssl` as the images and Cloud Shell ship it: OpenSSL 3.0.13 in Ubuntu 24.04 (istio/base, the
 * proxyv2 image built on it, and Cloud Shell), 3.5 in nicolaka/netshoot (Alpine edge). x509,
 * s_client and version are simulated; the other commands of `openssl help` say so.
 */
export const UBUNTU_OPENSSL = 'OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)';
const ALPINE_OPENSSL = 'OpenSSL 3.5.4 30 Sep 2025 (Library: OpenSSL 3.5.4 30 Sep 2025)';

/** The `openssl version` line of the OpenSSL an image ships. */
export function opensslVersionFor(image: string): string {
  return /(^|\/)nicolaka\/netshoot(:|@|$)/.test(image) ? ALPINE_OPENSSL : UBUNTU_OPENSSL;
}

/** Commands of OpenSSL 3.0's `openssl help` list: they exist, but only a few are simulated. */
const KNOWN_COMMANDS = new Set(COMMAND_LIST.split('\n').filter((l) => /^[a-z0-9]/.test(l)).flatMap((l) => l.trim().split(/\s+/)));
const SIMULATED = 'x509, s_client and version';

const VERSION_FLAGS = ['a', 'b', 'd', 'e', 'm', 'f', 'o', 'p', 'r', 'v', 'c'];

function version(ctx: OpensslContext): number {
  const parsed = parseOptions('version', ctx.args, [{ name: 'help', kind: 'flag' }, ...VERSION_FLAGS.map((name) => ({ name, kind: 'flag' as const }))]);
  if (!parsed.ok) {
    ctx.err(parsed.error);
    return 1;
  }
  if (parsed.rest.length) {
    ctx.err('version: Use -help for summary.\n');
    return 1;
  }
  const other = parsed.options.find((o) => o.name !== 'v' && o.name !== 'help');
  if (parsed.options.some((o) => o.name === 'help')) {
    ctx.err('Usage: version [options]\n\nGeneral options:\n -help  Display this summary\n\nOutput options:\n -a     Show all data\n -b     Show build date\n -d     Show configuration directory\n -e     Show engines directory\n -m     Show modules directory\n -f     Show compiler flags used\n -o     Show some internal datatype options\n -p     Show target build platform\n -r     Show random seeding options\n -v     Show library version\n -c     Show CPU settings info\n');
    return 0;
  }
  if (other) {
    ctx.err(`mtls-playground: openssl version -${other.name} (build details) is not simulated\n`);
    return 1;
  }
  ctx.out(`${ctx.host.version}\n`);
  return 0;
}

/** Runs one `openssl` command line on `host`. */
export function runOpenssl(host: OpensslHost, io: CommandContext): number {
  const [, command, ...args] = io.argv;
  const ctx: OpensslContext = { host, args, stdin: io.stdin, stdinIsTerminal: io.stdinIsTerminal, fs: io.fs, out: io.stdout, err: io.stderr };
  switch (command) {
    case undefined:
    case 'help':
      io.stderr(COMMAND_LIST);
      return 0;
    case 'x509':
      return x509(ctx);
    case 's_client':
      return sClient(ctx);
    case 'version':
      return version(ctx);
    default:
      if (KNOWN_COMMANDS.has(command)) {
        io.stderr(`mtls-playground: openssl ${command} is not simulated; ${SIMULATED} are\n`);
        return 1;
      }
      io.stderr(`Invalid command '${command}'; type "help" for a list.\n`);
      return 1;
  }
}

/** OpenSSL prints its thread id, a user-space address, at the start of each error line: `80BB561AED7F0000`. */
function threadIdFrom(world: World): string {
  return `${['40', '80', 'C0'][world.rng.int(0, 2)]}${world.rng.hex(8).toUpperCase()}7F0000`;
}

/** The `openssl` of a process in the world: `client` is where its connections leave from. */
export function createOpenssl(world: () => World, client: RequestClient, versionLine: string): CommandHandler {
  return (io) => {
    const w = world();
    return runOpenssl(
      {
        version: versionLine,
        probe: (host, port, alpn) => probeTls(w, client, host, port, alpn),
        now: () => w.clock.now(),
        threadId: () => threadIdFrom(w),
      },
      io,
    );
  };
}

/** Where a process in a pod connects from: its pod, and whether the pod's sidecar captures its traffic. */
export function podClient(proc: { pod: KubeObject; container: string; captured: boolean }): RequestClient {
  return { kind: 'pod', namespace: proc.pod.metadata.namespace ?? '', pod: proc.pod.metadata.name, container: proc.container, captured: proc.captured };
}

import { hasSidecar, podIP, podPhase } from '../../domain/cluster/pods.ts';
import { clusterIP, servicesForPod } from '../../domain/cluster/services.ts';
import { getPath, isJsonObject, type KubeObject } from '../../domain/objects.ts';
import { simulateRequest } from '../../domain/traffic/simulateRequest.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import type { ContainerProcess } from '../kubectl/runInContainer.ts';
import type { VerbContext } from '../kubectl/types.ts';
import type { CommandContext, CommandHandler } from '../types.ts';
import { type CaptureInterface, tracePackets } from './capture.ts';
import { parseFilter } from './filter.ts';
import { formatPacket } from './print.ts';

/** netshoot's tcpdump build. */
const VERSION = 'tcpdump version 4.99.5\nlibpcap version 1.10.5 (with TPACKET_V3)\nOpenSSL 3.3.2 3 Sep 2024\n';

const USAGE = `${VERSION}Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`;

const INTERFACES = '1.eth0 [Up, Running, Connected]\n2.any (Pseudo-device that captures on all interfaces) [Up, Running]\n3.lo [Up, Running, Loopback]\n4.nflog (Linux netfilter log (NFLOG) interface) [none]\n5.nfqueue (Linux netfilter queue (NFQUEUE) interface) [none]\n';

/**
 * How long a capture without -c runs: a real tcpdump runs until Ctrl-C; the simulated one stops
 * after this many seconds of simulated traffic. With -c it stops after the count, or after
 * MAX_SECONDS when fewer packets come.
 */
export const WINDOW_SECONDS = 5;
export const MAX_SECONDS = 60;

/** The pages the loadgenerator's Locust users ask for, in turn (microservices-demo locustfile.py tasks). */
const LOADGEN_PATHS: [string, string][] = [
  ['GET', '/'], ['GET', '/product/OLJCESPC7Z'], ['GET', '/cart'], ['GET', '/product/66VCHSJNUP'],
  ['GET', '/'], ['GET', '/product/1YMWWN1N4O'], ['POST', '/cart/checkout'], ['GET', '/product/L9ECAV7KIM'],
];

interface Options {
  iface: CaptureInterface;
  count?: number;
  dump: 'none' | 'ascii' | 'hexascii' | 'hex';
  numeric: number;
  quiet: boolean;
  verbose: boolean;
  /** How many -t. */
  stamps: number;
  expression: string[];
}

type Parsed = { ok: true; options: Options } | { ok: false; exit: number; out?: string; err?: string };

const WITH_VALUE = new Set(['c', 'i', 's', 'w', 'r', 'B', 'C', 'E', 'F', 'G', 'j', 'M', 'Q', 'T', 'V', 'W', 'y', 'z', 'Z']);
const FLAGS = new Set(['A', 'b', 'd', 'D', 'e', 'f', 'h', 'H', 'I', 'J', 'K', 'l', 'L', 'n', 'N', 'O', 'p', 'q', 'S', 't', 'u', 'U', 'v', 'x', 'X', '#']);

/** tcpdump's getopt: clustered letters, values attached or next. */
function parseOptions(argv: readonly string[]): Parsed {
  const o: Options = { iface: 'eth0', dump: 'none', numeric: 0, quiet: false, verbose: false, stamps: 0, expression: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help') return { ok: false, exit: 0, out: USAGE };
    if (arg === '--version') return { ok: false, exit: 0, out: VERSION };
    if (arg === '--') {
      o.expression.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      if (['--immediate-mode', '--number', '--print', '--micro', '--nano'].includes(arg)) continue;
      return { ok: false, exit: 1, err: `tcpdump: unrecognized option '${arg}'\n${USAGE}` };
    }
    if (!arg.startsWith('-') || arg === '-') {
      o.expression.push(...argv.slice(i));
      break;
    }
    for (let j = 1; j < arg.length; j++) {
      const ch = arg[j] ?? '';
      if (WITH_VALUE.has(ch)) {
        let value = arg.slice(j + 1);
        if (value === '') {
          if (i + 1 >= argv.length) return { ok: false, exit: 1, err: `tcpdump: option requires an argument -- '${ch}'\n${USAGE}` };
          value = argv[++i] ?? '';
        }
        if (ch === 'c') {
          if (!/^\d+$/.test(value) || Number(value) <= 0) return { ok: false, exit: 1, err: `tcpdump: invalid packet count ${value}\n` };
          o.count = Number(value);
        } else if (ch === 'i') {
          if (value !== 'eth0' && value !== 'any' && value !== 'lo') return { ok: false, exit: 1, err: `tcpdump: ${value}: No such device exists\n(SIOCGIFHWADDR: No such device)\n` };
          o.iface = value;
        } else if (ch === 'w') {
          return { ok: false, exit: 1, err: 'mtls-playground: tcpdump -w writes a binary pcap file, which this simulator does not; drop -w to print the packets\n' };
        } else if (ch === 'r') {
          return { ok: false, exit: 1, err: `tcpdump: ${value}: No such file or directory\n` };
        }
        break;
      }
      if (!FLAGS.has(ch)) return { ok: false, exit: 1, err: `tcpdump: invalid option -- '${ch}'\n${USAGE}` };
      if (ch === 'h') return { ok: false, exit: 0, out: USAGE };
      if (ch === 'D') return { ok: false, exit: 0, out: INTERFACES };
      if (ch === 'A') o.dump = 'ascii';
      if (ch === 'X') o.dump = 'hexascii';
      if (ch === 'x' && o.dump === 'none') o.dump = 'hex';
      if (ch === 'n') o.numeric++;
      if (ch === 'q') o.quiet = true;
      if (ch === 'v') o.verbose = true;
      if (ch === 't') o.stamps++;
    }
  }
  return { ok: true, options: o };
}

/** Reverse DNS as kube-dns answers it: a Service VIP, or a pod behind a Service (dashed IP). */
function reverseName(world: World, ip: string): string | undefined {
  if (ip === '127.0.0.1') return 'localhost';
  for (const svc of world.list('Service')) if (clusterIP(svc) === ip) return `${svc.metadata.name}.${svc.metadata.namespace ?? ''}.svc.cluster.local`;
  for (const pod of world.list('Pod')) {
    if (podIP(pod) !== ip) continue;
    const svc = servicesForPod(world, pod)[0];
    return svc ? `${ip.replace(/\./g, '-')}.${svc.metadata.name}.${svc.metadata.namespace ?? ''}.svc.cluster.local` : undefined;
  }
  return undefined;
}

/** A host name in a filter, resolved with the pod's resolv.conf (namespace search path): Services only. */
function resolveName(world: World, namespace: string, name: string): string | undefined {
  const parts = name.replace(/\.$/, '').replace(/\.svc\.cluster\.local$/, '').replace(/\.svc$/, '').split('.');
  const svc = parts.length === 1 ? world.get('Service', namespace, parts[0] ?? '') : parts.length === 2 ? world.get('Service', parts[1] ?? '', parts[0] ?? '') : undefined;
  return svc ? clusterIP(svc) : undefined;
}

/** The loadgenerator pod whose Locust users keep the shop busy, if one runs. */
function loadgenerator(world: World): { pod: KubeObject; target: string } | undefined {
  const pod = world.list('Pod').find((p) => p.metadata.labels.app === 'loadgenerator' && podPhase(p) === 'Running');
  if (!pod) return undefined;
  const containers = getPath(pod.spec, 'containers');
  const env = Array.isArray(containers) ? containers.filter(isJsonObject).flatMap((c) => (Array.isArray(c.env) ? c.env.filter(isJsonObject) : [])) : [];
  const addr = env.find((e) => e.name === 'FRONTEND_ADDR')?.value;
  return { pod, target: typeof addr === 'string' && addr !== '' ? addr : 'frontend:80' };
}

/** One request of the loadgenerator, sent through its sidecar and recorded like any other. */
function loadgenRequest(ctx: VerbContext, io: CommandContext, turn: number): Trace | undefined {
  const lg = loadgenerator(ctx.world);
  if (!lg) return undefined;
  const [method, path] = LOADGEN_PATHS[turn % LOADGEN_PATHS.length] ?? ['GET', '/'];
  const trace = simulateRequest(ctx.world, {
    client: { kind: 'pod', namespace: lg.pod.metadata.namespace ?? '', pod: lg.pod.metadata.name, container: 'main', captured: hasSidecar(lg.pod) },
    url: `http://${lg.target}${path}`,
    method,
    userAgent: 'python-requests/2.32.3',
    origin: 'background',
  });
  ctx.services.recordTrace(trace);
  io.trace(trace);
  return trace;
}

/**
 * `tcpdump` in a container that shares a pod's network (netshoot in `kubectl debug`). It captures
 * the traffic that crosses the pod while it runs. In a real cluster that traffic never stops: the
 * loadgenerator's users keep browsing the shop. So the simulated capture runs the loadgenerator's
 * requests, one per simulated second, and prints the packets of those that reach this pod: mutual
 * TLS hops as TLS records (the ClientHello's SNI and ALPN readable, then ciphertext), plaintext
 * hops as readable HTTP. It stops after -c packets, or after a bounded window, saying so.
 */
export function createTcpdump(ctx: VerbContext, proc: ContainerProcess): CommandHandler {
  return (io) => {
    const parsed = parseOptions(io.argv.slice(1));
    if (!parsed.ok) {
      if (parsed.out) io.stdout(parsed.out);
      if (parsed.err) io.stderr(parsed.err);
      return parsed.exit;
    }
    const o = parsed.options;
    const world = ctx.world;
    const filter = parseFilter(o.expression, (name) => resolveName(world, proc.pod.metadata.namespace ?? '', name));
    if (!filter.ok) {
      io.stderr(`tcpdump: ${filter.error}\n`);
      return 1;
    }
    const link = o.iface === 'any' ? 'LINUX_SLL2 (Linux cooked v2)' : 'EN10MB (Ethernet)';
    io.stderr(`${o.verbose ? 'tcpdump: ' : 'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n'}listening on ${o.iface}, link-type ${link}, snapshot length 262144 bytes\n`);
    const print = { cooked: o.iface === 'any', numericHosts: o.numeric >= 1, numericPorts: o.numeric >= 2, dump: o.dump, quiet: o.quiet, verbose: o.verbose, stamp: o.stamps === 0 ? ('time' as const) : o.stamps >= 4 ? ('date' as const) : ('none' as const), hostName: (ip: string) => reverseName(world, ip) };
    const limit = o.count ?? Number.POSITIVE_INFINITY;
    const seconds = o.count === undefined ? WINDOW_SECONDS : MAX_SECONDS;
    let captured = 0;
    let received = 0;
    const turn0 = Math.floor(world.clock.now() / 1000);
    for (let s = 0; s < seconds && captured < limit; s++) {
      const trace = loadgenRequest(ctx, io, turn0 + s);
      if (trace) {
        const packets = tracePackets(world, trace, proc.pod, o.iface, world.clock.now() * 1000 + 120000);
        for (const p of packets) {
          if (captured >= limit) break;
          if (!filter.filter(p)) continue;
          received++;
          captured++;
          io.stdout(formatPacket(p, print));
        }
      }
      ctx.services.sleep(1000);
    }
    if (captured < limit) {
      io.stdout('\n');
      io.stderr(`mtls-playground: a real tcpdump runs until Ctrl-C; this one stopped after ${seconds} s of simulated traffic${o.count === undefined ? ' (use -c N to stop after N packets)' : ''}\n`);
    }
    const plural = (n: number) => (n === 1 ? '' : 's');
    io.stderr(`${captured} packet${plural(captured)} captured\n${received} packet${plural(received)} received by filter\n0 packets dropped by kernel\n`);
    return 0;
  };
}

import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import type { World } from '../../domain/world.ts';
import { MemoryFs } from '../bash/memoryFs.ts';
import { complete } from '../complete.ts';
import { SimSession } from '../session.ts';
import { argvOf, runHandler, servicesFor } from '../testing/runHandler.ts';
import { createIstioctl } from './istioctl.ts';

function run(world: World, line: string) {
  const { stdout, stderr, exitCode } = runHandler(createIstioctl(servicesFor(world)), argvOf(line));
  return { stdout, stderr, exitCode };
}

function frontend(world: World): string {
  return world.list('Pod', 'frontend')[0]?.metadata.name ?? '';
}

/** The cells of a tabwriter table line split on runs of two or more spaces. */
function cells(line: string | undefined): string[] {
  return (line ?? '').trim().split(/ {2,}/);
}

describe('istioctl proxy-config cluster', () => {
  // istio 1.26.4 istioctl/pkg/writer/envoy/configdump/cluster.go PrintClusterSummary: tabwriter padding 5.
  it('prints one row per cluster, sorted by FQDN, with the DestinationRule column', () => {
    const world = createDefaultWorld();
    const out = run(world, `istioctl proxy-config cluster ${frontend(world)}.frontend`);
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toMatch(/^SERVICE FQDN {5,}PORT {6}SUBSET {5}DIRECTION {5}TYPE {13}DESTINATION RULE$/);
    expect(lines[1]).toMatch(/^ {60}8080 {6}- {10}inbound {7}ORIGINAL_DST {5}$/);
    expect(cells(lines.find((l) => l.startsWith('cartservice.')))).toEqual(['cartservice.cart.svc.cluster.local', '7070', '-', 'outbound', 'EDS']);
    expect(cells(lines.find((l) => l.startsWith('BlackHoleCluster')))).toEqual(['BlackHoleCluster', '-', '-', '-', 'STATIC']);
  });

  it('filters with --fqdn, --port and --direction, under the alias pc', () => {
    const world = createDefaultWorld();
    const out = run(world, `istioctl pc clusters ${frontend(world)} -n frontend --fqdn cartservice --direction outbound --port 7070`);
    expect(out.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('names the DestinationRule that applies as name.namespace', () => {
    const session = new SimSession();
    session.run(`kubectl apply -f - <<'EOF'
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: cart
  namespace: cart
spec:
  host: cartservice.cart.svc.cluster.local
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
EOF`);
    const out = session.run(`istioctl pc cluster ${frontend(session.world)}.frontend --fqdn cartservice`);
    const text = out.chunks.map((c) => c.text).join('');
    expect(cells(text.split('\n')[1])).toEqual(['cartservice.cart.svc.cluster.local', '7070', '-', 'outbound', 'EDS', 'cart.cart']);
  });

  it('prints the clusters as jsonpb with lowerCamelCase names for -o json', () => {
    const world = createDefaultWorld();
    const out = run(world, `istioctl pc cluster ${frontend(world)}.frontend --fqdn cartservice -o json`);
    const clusters = JSON.parse(out.stdout) as Record<string, unknown>[];
    expect(clusters.map((c) => c.name)).toEqual(['outbound|7070||cartservice.cart.svc.cluster.local']);
    expect(clusters[0]).toHaveProperty('transportSocketMatches');
    expect(out.stdout.startsWith('[\n    {\n        "transportSocketMatches": [')).toBe(true);
  });

  it('rejects an output format it does not know after reading the proxy', () => {
    const world = createDefaultWorld();
    expect(run(world, `istioctl pc cluster ${frontend(world)}.frontend -o wide`)).toEqual({ stdout: '', stderr: 'Error: output format "wide" not supported\n', exitCode: 1 });
  });
});

describe('istioctl proxy-config listener', () => {
  // istio 1.26.4 istioctl/pkg/writer/envoy/configdump/listener.go PrintListenerSummary: tabwriter padding 1.
  it('shows the inbound chains of a port: mTLS and plaintext under PERMISSIVE', () => {
    const world = createDefaultWorld();
    const out = run(world, `istioctl pc listener ${frontend(world)}.frontend --port 15006`);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ADDRESSES PORT {2}MATCH {2,}DESTINATION$/);
    expect(lines.at(-2)).toMatch(/^0\.0\.0\.0 {3}15006 Trans: tls; App: istio,istio-peer-exchange,istio-http\/1\.0,istio-http\/1\.1,istio-h2; Addr: \*:8080 Cluster: inbound\|8080\|\|$/);
    expect(lines.at(-1)).toMatch(/^0\.0\.0\.0 {3}15006 Trans: raw_buffer; Addr: \*:8080 {2,}Cluster: inbound\|8080\|\|$/);
  });

  it('keeps only the mTLS chain under STRICT', () => {
    const session = new SimSession();
    session.run(`kubectl apply -f - <<'EOF'
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: frontend
spec:
  mtls:
    mode: STRICT
EOF`);
    const text = session.run(`istioctl pc listener ${frontend(session.world)}.frontend --port 15006`).chunks.map((c) => c.text).join('');
    expect(text.split('\n').filter((l) => l.includes('8080'))).toEqual([expect.stringMatching(/^0\.0\.0\.0 {3}15006 Trans: tls; Addr: \*:8080 +Cluster: inbound\|8080\|\|$/)]);
  });

  it('prints TYPE instead of MATCH and DESTINATION with --verbose=false', () => {
    const world = createDefaultWorld();
    const out = run(world, `istioctl pc listener ${frontend(world)}.frontend --port 80 --verbose=false`);
    expect(out.stdout).toBe('ADDRESSES PORT TYPE\n0.0.0.0   80   HTTP+TCP\n');
  });
});

describe('istioctl proxy-config route, endpoint, secret, bootstrap', () => {
  // route.go PrintRouteSummary, clusters.go PrintEndpointsSummary, sds/writer.go printSecretItemsTabular.
  it('lists the virtual hosts of route 80 with their short domains', () => {
    const world = createDefaultWorld();
    const out = run(world, `istioctl pc route ${frontend(world)}.frontend --name 80`);
    const lines = out.stdout.trimEnd().split('\n');
    expect(cells(lines[0])).toEqual(['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE']);
    expect(cells(lines.find((l) => l.includes('frontend.frontend.svc.cluster.local:80')))).toEqual(['80', 'frontend.frontend.svc.cluster.local:80', 'frontend, frontend.frontend + 1 more...', '/*']);
  });

  it('lists endpoints with their health and cluster', () => {
    const world = createDefaultWorld();
    const out = run(world, `istioctl pc endpoint ${frontend(world)}.frontend --cluster outbound|7070||cartservice.cart.svc.cluster.local`);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ENDPOINT {5,}STATUS {6}OUTLIER CHECK {5}CLUSTER$/);
    expect(cells(lines[1])).toEqual([expect.stringMatching(/^10\.\d+\.\d+\.\d+:7070$/), 'HEALTHY', 'OK', 'outbound|7070||cartservice.cart.svc.cluster.local']);
  });

  it('shows the workload certificate and the root CA', () => {
    const world = createDefaultWorld();
    const out = run(world, `istioctl pc secret ${frontend(world)}.frontend`);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RESOURCE NAME {5}TYPE {11}STATUS {5}VALID CERT {5}SERIAL NUMBER {24}NOT AFTER {16}NOT BEFORE$/);
    expect(cells(lines[1])).toEqual(['default', 'Cert Chain', 'ACTIVE', 'true', expect.stringMatching(/^[0-9a-f]+$/), expect.stringMatching(/Z$/), expect.stringMatching(/Z$/)]);
    expect(cells(lines[2]).slice(0, 4)).toEqual(['ROOTCA', 'CA', 'ACTIVE', 'true']);
  });

  it('gives -o json the SecretsConfigDump the docs pipe through jq and base64 -d', () => {
    const world = createDefaultWorld();
    const dump = JSON.parse(run(world, `istioctl pc secret ${frontend(world)}.frontend -o json`).stdout) as { dynamicActiveSecrets: { secret: { tlsCertificate: { certificateChain: { inlineBytes: string } } } }[] };
    const pem = atob(dump.dynamicActiveSecrets[0]?.secret.tlsCertificate.certificateChain.inlineBytes ?? '');
    expect(pem.startsWith('-----BEGIN CERTIFICATE-----\n')).toBe(true);
  });

  it('summarizes the versions with bootstrap -o short', () => {
    const world = createDefaultWorld();
    const out = run(world, `istioctl pc bootstrap ${frontend(world)}.frontend -o short`);
    expect(out.stdout).toMatch(/^Istio Version: {7}1\.26\.4-asm\.5\nIstio Proxy Version: [0-9a-f]{40}\nEnvoy Version: {7}1\.34\.5-dev\/Clean\/RELEASE\/BoringSSL\n$/);
  });
});

describe('istioctl proxy-config errors', () => {
  // istio 1.26.4 pkg/kube/client.go portForwardRequest and portforwarder.go Start; proxyconfig.go extractConfigDump.
  it('fails the port-forward to a pod that does not exist', () => {
    expect(run(createDefaultWorld(), 'istioctl pc cluster nosuch')).toEqual({
      stdout: '',
      stderr: 'Error: failed to execute command on nosuch.default sidecar: failure running port forward process: failure running port forward process: building port forwarded: failed retrieving: pods "nosuch" not found in the "default" namespace\n',
      exitCode: 1,
    });
  });

  it('gets EOF from a pod without a sidecar, after client-go logs the refused forward', () => {
    const out = run(createDefaultWorld(), 'istioctl pc secret testcurl');
    expect(out.stderr).toMatch(/\terror\tklog\tan error occurred forwarding \d+ -> 15000: .*connect: connection refused \n/);
    expect(out.stderr).toMatch(/Error: failed to execute command on testcurl\.default sidecar: failure running port forward process: Get "http:\/\/localhost:\d+\/config_dump\?mask=dynamic_active_secrets,dynamic_warming_secrets": EOF\n$/);
    expect(out.exitCode).toBe(1);
  });

  it('prints its usage and asks for a pod name without one', () => {
    const out = run(createDefaultWorld(), 'istioctl pc secret');
    expect(out.stderr).toMatch(/^Usage:\n {2}istioctl proxy-config secret \[<type>\/\]<name>\[\.<namespace>\] \[flags\]\n\nAliases:\n {2}secret, secrets, s\n/);
    expect(out.stderr.endsWith('\nError: secret requires pod name or --file parameter\n')).toBe(true);
    expect(out.exitCode).toBe(1);
  });

  it('resolves deployment/NAME to its pod, and says which resource it could not find', () => {
    const world = createDefaultWorld();
    expect(run(world, 'istioctl pc cluster deployment/frontend.frontend --fqdn cartservice').stdout.split('\n')).toHaveLength(3);
    expect(run(world, 'istioctl pc cluster deployment/nope -n frontend').stderr).toBe('Error: failed retrieving: deployments.apps "nope" not found in the "frontend" namespace\n');
  });
});

describe('istioctl proxy-config --file and rootca-compare', () => {
  it('reads a config dump saved from the admin API, as the docs do with ssh and curl', () => {
    const session = new SimSession();
    const fe = frontend(session.world);
    session.run(`kubectl exec ${fe} -n frontend -c istio-proxy -- curl -s localhost:15000/config_dump > envoy-config.json`);
    const fromFile = session.run('istioctl pc cluster --file envoy-config.json').chunks.map((c) => c.text).join('');
    const fromPod = session.run(`istioctl pc cluster ${fe}.frontend`).chunks.map((c) => c.text).join('');
    expect(fromFile).toBe(fromPod);
    const secrets = session.run('istioctl pc secret --file envoy-config.json').chunks.map((c) => c.text).join('');
    expect(secrets).toBe(session.run(`istioctl pc secret ${fe}.frontend`).chunks.map((c) => c.text).join(''));
  });

  it('says so when the file is missing, and refuses a pod name and a file together', () => {
    expect(run(createDefaultWorld(), 'istioctl pc route --file nope.json')).toEqual({ stdout: '', stderr: 'Error: open nope.json: no such file or directory\n', exitCode: 1 });
    expect(run(createDefaultWorld(), 'istioctl pc route x --file nope.json').stderr).toMatch(/\nError: route requires pod name or --file parameter\n$/);
  });

  it('finds the same root CA in two proxies and reports it on stderr', () => {
    const world = createDefaultWorld();
    const cart = world.list('Pod', 'cart')[0]?.metadata.name ?? '';
    expect(run(world, `istioctl pc rc ${frontend(world)}.frontend ${cart}.cart`)).toEqual({
      stdout: '',
      stderr: `Both [${frontend(world)}.frontend] and [${cart}.cart] have the identical ROOTCA, theoretically the connectivity between them is available\n`,
      exitCode: 0,
    });
  });
});

describe('tab completion for proxy-config', () => {
  it('offers the subcommands, then the pods of the namespace', () => {
    const world = createDefaultWorld();
    const fs = new MemoryFs();
    expect(complete(world, fs, 'istioctl pc ').options).toEqual(['all', 'bootstrap', 'cluster', 'endpoint', 'listener', 'rootca-compare', 'route', 'secret']);
    expect(complete(world, fs, 'istioctl proxy-config secret -n frontend fr').options).toEqual([frontend(world)]);
  });
});

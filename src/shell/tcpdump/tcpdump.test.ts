import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import type { KubeObject } from '../../domain/objects.ts';
import { pod, service, worldWith } from '../../domain/testing/fixtures.ts';
import { SimSession } from '../session.ts';
import { runLine as run } from '../testing.ts';


function boutique(): { session: SimSession; frontend: string } {
  const session = new SimSession({ world: createDefaultWorld() });
  return { session, frontend: session.world.list('Pod', 'frontend')[0]?.metadata.name ?? '' };
}

/** A loadgenerator without a sidecar in front of a meshed web pod: its requests cross in plaintext. */
function plaintextShop(): SimSession {
  const lg: KubeObject = pod('load', 'loadgenerator', { sidecar: false, ports: [] });
  const containers = (lg.spec?.containers as Record<string, unknown>[]).map((c) => ({ ...c, env: [{ name: 'FRONTEND_ADDR', value: 'web.shop.svc.cluster.local:80' }] }));
  return new SimSession({ world: worldWith({ pods: [pod('shop', 'web'), { ...lg, spec: { ...lg.spec, containers } }], services: [service('shop', 'web')] }) });
}

// Line formats: tcpdump 4.99 print-tcp.c (flags, seq/ack, options), print-ascii.c (-A, -X), print-sll.c (-i any).
describe('tcpdump in a debug container', () => {
  it('prints a mutual TLS hop as TLS records: the ClientHello names the SNI, the HTTP stays unreadable', () => {
    const { session, frontend } = boutique();
    const r = run(session, `kubectl debug ${frontend} -n frontend --image=nicolaka/netshoot -it -- tcpdump -nn -c 4 -A`);
    const lines = r.out.split('\n');
    expect(lines.find((l) => l.startsWith('tcpdump:'))).toBe('tcpdump: verbose output suppressed, use -v[v]... for full protocol decode');
    expect(r.out).toContain('listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n');
    const packets = lines.filter((l) => /^\d\d:\d\d:\d\d\.\d{6} IP /.test(l));
    expect(packets).toHaveLength(4);
    expect(packets[0]).toMatch(/^09:00:00\.\d{6} IP 10\.\d+\.\d+\.\d+\.\d+ > 10\.\d+\.\d+\.\d+\.8080: Flags \[S\], seq \d+, win 65320, options \[mss 1420,sackOK,TS val \d+ ecr 0,nop,wscale 7\], length 0$/);
    expect(packets[2]).toMatch(/Flags \[\.\], ack 1, win 502, options \[nop,nop,TS val \d+ ecr \d+\], length 0$/);
    expect(packets[3]).toMatch(/Flags \[P\.\], seq 1:\d+, ack 1, win 502, options \[nop,nop,TS val \d+ ecr \d+\], length \d+$/);
    expect(r.out).toContain('outbound_.80_._.frontend.frontend.svc.cluster.local');
    expect(r.out).toContain('istio-peer-exchange');
    expect(r.out).not.toContain('GET /');
    expect(r.out).toContain('4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n');
  });

  it('shows readable HTTP when the client has no sidecar', () => {
    const session = plaintextShop();
    const r = run(session, 'kubectl debug web -n shop --image=nicolaka/netshoot -it -- tcpdump -nn -c 4 -A port 8080');
    expect(r.out).toMatch(/Flags \[P\.\], seq 1:\d+, ack 1, .*length \d+: HTTP: GET \/ HTTP\/1\.1\n/);
    expect(r.out).toContain('\nHost: web.shop.svc.cluster.local\nUser-Agent: python-requests/2.32.3\n');
  });

  it('sees the plaintext leg between the sidecar and the app on lo with -i any, with the client identity', () => {
    const { session, frontend } = boutique();
    const r = run(session, `kubectl debug ${frontend} -n frontend --image=nicolaka/netshoot -it -- tcpdump -i any -nn -c 12 -A host 127.0.0.6`);
    expect(r.out).toContain('listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes\n');
    expect(r.out).toMatch(/ lo {4}In {2}IP 127\.0\.0\.6\.\d+ > 10\.\d+\.\d+\.\d+\.8080: Flags \[S\]/);
    expect(r.out).toContain('x-forwarded-client-cert: By=spiffe://cluster.local/ns/frontend/sa/frontend;');
    expect(r.out).toContain('URI=spiffe://cluster.local/ns/loadgenerator/sa/loadgenerator');
  });

  it('prints hex and ASCII with -X', () => {
    const { session, frontend } = boutique();
    const r = run(session, `kubectl debug ${frontend} -n frontend --image=nicolaka/netshoot -it -- tcpdump -nn -c 1 -X`);
    expect(r.out).toMatch(/\n\t0x0000: {2}4500 003c [0-9a-f]{4} 4000 4006 [0-9a-f]{4} 0a[0-9a-f]{2} [0-9a-f]{4} {2}E\.\.<\S{2}@\.@\S{7}\n/);
  });

  it('stops after a bounded window without -c, and says why', () => {
    const { session, frontend } = boutique();
    const r = run(session, `kubectl debug ${frontend} -n frontend --image=nicolaka/netshoot -it -- tcpdump -nn -q port 9999`);
    expect(r.out).toContain('mtls-playground: a real tcpdump runs until Ctrl-C; this one stopped after 5 s of simulated traffic (use -c N to stop after N packets)\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n');
  });

  it('keeps the traffic it ran: the access logs show the loadgenerator requests', () => {
    const { session, frontend } = boutique();
    run(session, `kubectl debug ${frontend} -n frontend --image=nicolaka/netshoot -- tcpdump -c 1`);
    expect(run(session, `kubectl logs ${frontend} -n frontend -c istio-proxy`).out).toContain('"python-requests/2.32.3"');
  });

  it("answers bad options and interfaces as tcpdump does", () => {
    const { session, frontend } = boutique();
    const bad = run(session, `kubectl debug ${frontend} -n frontend --image=nicolaka/netshoot -it -- tcpdump -i eth1`);
    expect(bad.out).toContain('tcpdump: eth1: No such device exists\n(SIOCGIFHWADDR: No such device)\n');
    const filter = run(session, `kubectl debug ${frontend} -n frontend --image=nicolaka/netshoot -it -- tcpdump port`);
    expect(filter.out).toContain("tcpdump: can't parse filter expression: syntax error\n");
    const list = run(session, `kubectl debug ${frontend} -n frontend --image=nicolaka/netshoot -it -- tcpdump -D`);
    expect(list.out).toContain('1.eth0 [Up, Running, Connected]\n2.any (Pseudo-device that captures on all interfaces) [Up, Running]\n3.lo [Up, Running, Loopback]\n');
  });
});

describe('tcpdump -v and -t', () => {
  // print-ip.c (the -v header line) and print-tcp.c (cksum); tcpdump.c -t / -tttt.
  it('prints the IP header fields and the checksum with -v, without the suppressed-output note', () => {
    const { session, frontend } = boutique();
    const r = run(session, `kubectl debug ${frontend} -n frontend --image=nicolaka/netshoot -it -- tcpdump -v -nn -c 1`);
    expect(r.out).toContain('tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n');
    expect(r.out).toMatch(/\n09:00:00\.\d{6} IP \(tos 0x0, ttl 64, id \d+, offset 0, flags \[DF\], proto TCP \(6\), length 60\)\n {4}10\.[\d.]+ > 10\.[\d.]+\.8080: Flags \[S\], cksum 0x[0-9a-f]{4} \(correct\), seq \d+, /);
  });

  it('leaves the time stamp out with -t and adds the date with -tttt', () => {
    const { session, frontend } = boutique();
    expect(run(session, `kubectl debug ${frontend} -n frontend --image=nicolaka/netshoot -it -- tcpdump -t -nn -c 1`).out).toMatch(/\nIP 10\.[\d.]+ > /);
    expect(run(session, `kubectl debug ${frontend} -n frontend --image=nicolaka/netshoot -it -- tcpdump -tttt -nn -c 1`).out).toMatch(/\n2026-11-28 09:00:0\d\.\d{6} IP /);
  });
});

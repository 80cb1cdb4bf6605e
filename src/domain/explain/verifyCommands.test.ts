import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { peerAuthentication } from '../testing/fixtures.ts';
import type { RequestClient } from '../traffic/request.ts';
import { simulateRequest } from '../traffic/simulateRequest.ts';
import type { World } from '../world.ts';
import { explainTrace } from './explainTrace.ts';
import { verifyCommands } from './verifyCommands.ts';

const GATEWAY = 'http://34.136.92.187/';
const FRONTEND = 'http://frontend.frontend.svc.cluster.local:80/';
const testcurl: RequestClient = { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false };
const cloudshell: RequestClient = { kind: 'external', name: 'cloudshell' };

const podName = (world: World, namespace: string) => world.list('Pod', namespace)[0]?.metadata.name ?? '';

describe('verifyCommands', () => {
  it('links each verdict of the gateway → frontend hop to its proxy-config command', () => {
    const world = createDefaultWorld();
    const trace = simulateRequest(world, { client: cloudshell, url: GATEWAY });
    const gateway = podName(world, 'istio-system');
    const frontend = podName(world, 'frontend');
    const [entry, toFrontend] = trace.hops.map(verifyCommands);
    // Cloud Shell has no proxy; the gateway's listener on 8080 comes from the Gateway resource.
    expect(entry).toEqual([{ verdict: 'server', command: `istioctl proxy-config listener ${gateway} -n istio-system --port 8080` }]);
    expect(toFrontend).toEqual([
      { verdict: 'server', command: `istioctl proxy-config listener ${frontend} -n frontend --port 15006` },
      { verdict: 'client', command: `istioctl proxy-config cluster ${gateway} -n istio-system --fqdn frontend.frontend.svc.cluster.local --port 80 -o json` },
      { verdict: 'certificate', command: `istioctl proxy-config secret ${frontend} -n frontend` },
    ]);
  });

  it('has no client command for a pod without a sidecar, and no certificate when plaintext was reset', () => {
    const world = createDefaultWorld();
    world.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } }));
    const [hop] = simulateRequest(world, { client: testcurl, url: FRONTEND }).hops;
    expect(hop && verifyCommands(hop)).toEqual([{ verdict: 'server', command: `istioctl proxy-config listener ${podName(world, 'frontend')} -n frontend --port 15006` }]);
  });

  it('is part of each hop the explanation gives', () => {
    const world = createDefaultWorld();
    const trace = simulateRequest(world, { client: cloudshell, url: GATEWAY });
    const explanation = explainTrace(world, trace);
    expect(explanation.hops.map((h) => h.verify)).toEqual(trace.hops.map(verifyCommands));
  });
});

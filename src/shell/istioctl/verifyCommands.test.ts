/**
 * The Why panel links each verdict of a hop to the istioctl command that shows it on a real cluster
 * (domain/explain/verifyCommands.ts). Here those commands run in the simulated Cloud Shell, and
 * what they print must show the verdict they are linked to.
 */
import { describe, expect, it } from 'vitest';
import { peerAuthentication } from '../../domain/testing/fixtures.ts';
import { simulateRequest } from '../../domain/traffic/simulateRequest.ts';
import { verifyCommands } from '../../domain/explain/verifyCommands.ts';
import { runScript } from '../runScript.ts';
import { SimSession } from '../session.ts';

describe('the Why panel\'s verify commands', () => {
  it('gives commands that run in Cloud Shell and show the verdict they are linked to', () => {
    const session = new SimSession();
    session.world.put(peerAuthentication('frontend', 'default', { mtls: { mode: 'STRICT' } }));
    const trace = simulateRequest(session.world, { client: { kind: 'external', name: 'cloudshell' }, url: 'http://34.136.92.187/' });
    const commands = trace.hops.flatMap(verifyCommands);
    const shown = (command: string) => {
      const result = runScript(command, { session });
      expect(result.exitCode, command).toBe(0);
      return result.output.filter((c) => c.stream === 'stdout').map((c) => c.text).join('');
    };
    const byVerdict = (verdict: string) => commands.filter((c) => c.verdict === verdict).map((c) => shown(c.command));
    // STRICT: the inbound chain for 8080 matches TLS only (no raw_buffer chain for that port).
    const [gatewayListener, frontendListener] = byVerdict('server');
    expect(gatewayListener).toMatch(/0\.0\.0\.0\s+8080\s+ALL\s+Route: http\.8080/);
    expect(frontendListener).toMatch(/Trans: tls[^\n]*Addr: \*:8080/);
    expect(frontendListener).not.toMatch(/Trans: raw_buffer[^\n]*Addr: \*:8080/);
    // Auto mTLS: the cluster's transport socket match for endpoints with tlsMode=istio.
    expect(byVerdict('client').join('')).toContain('"name": "tlsMode-istio"');
    expect(byVerdict('certificate').join('')).toMatch(/^default\s+Cert Chain\s+ACTIVE\s+true/m);
  });
});

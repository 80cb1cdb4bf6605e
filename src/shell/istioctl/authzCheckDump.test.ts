/**
 * `istioctl x authz check -f dump.json` on a config dump saved from the proxy's admin API, as the
 * Istio docs save one (`kubectl exec POD -c istio-proxy -- curl -s localhost:15000/config_dump >
 * dump.json`): the dump now carries the RBAC filters istiod builds (src/domain/envoy/rbacFilters.ts),
 * so reading them back (istioctl/pkg/authz/listener.go) prints what `istioctl x authz check POD` prints.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../runScript.ts';
import type { SimSession } from '../session.ts';

/** A session after `kubectl apply` of these AuthorizationPolicies, one YAML document each: [namespace/name, spec, annotation?]. */
function applied(...policies: [string, string, string?][]): SimSession {
  const docs = policies.map(([key, spec, annotation]) => {
    const [namespace, name] = key.split('/');
    const meta = `metadata:\n  name: ${name ?? ''}\n  namespace: ${namespace ?? ''}\n${annotation ? `  annotations:\n    ${annotation}\n` : ''}`;
    return `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\n${meta}spec:\n${spec.replace(/^/gm, '  ')}\n`;
  });
  const { session, output } = runScript(`kubectl apply -f - <<'EOF'\n${docs.join('---\n')}EOF\n`);
  expect(output.map((c) => c.text).join('')).toMatch(/created\n$/);
  return session;
}

function out(session: SimSession, command: string): string {
  const result = session.run(command);
  return result.chunks.map((c) => c.text).join('');
}

function podOf(session: SimSession, namespace: string, app: string): string {
  return out(session, `kubectl get pod -n ${namespace} -l app=${app} -o jsonpath='{.items[0].metadata.name}'`);
}

describe('istioctl x authz check -f <config dump>', () => {
  it('reads the same policies from a saved dump as from the pod', () => {
    const session = applied(
      ['frontend/deny-admin', 'action: DENY\nrules:\n- to:\n  - operation:\n      paths: ["/admin*"]\n      ports: ["8080"]'],
      ['frontend/allow-get', 'rules:\n- to:\n  - operation:\n      methods: ["GET"]\n- from:\n  - source:\n      namespaces: ["istio-system"]'],
      ['frontend/audit-all', 'action: AUDIT\nrules:\n- {}'],
      ['frontend/deny-dry', 'action: DENY\nrules:\n- from:\n  - source:\n      notNamespaces: ["frontend"]', 'istio.io/dry-run: "true"'],
      ['istio-system/ext', 'action: CUSTOM\nprovider:\n  name: my-authz\nselector:\n  matchLabels:\n    app: frontend\nrules:\n- to:\n  - operation:\n      paths: ["/ext"]'],
    );
    const pod = podOf(session, 'frontend', 'frontend');
    expect(out(session, `kubectl exec ${pod} -n frontend -c istio-proxy -- curl -s localhost:15000/config_dump > dump.json`)).toBe('');
    const fromFile = out(session, 'istioctl x authz check -f dump.json');
    expect(fromFile).toBe(out(session, `istioctl x authz check ${pod}.frontend`));
    expect(fromFile).toBe(
      'ACTION   AuthorizationPolicy   RULES\n' +
      'DENY     deny-admin.frontend   1\n' +
      'DENY     ext.istio-system      1\n' +
      'ALLOW    allow-get.frontend    2\n' +
      'LOG      audit-all.frontend    1\n',
    );
  });

  it('lists the anonymous ALLOW a TCP chain gets when every ALLOW rule needs HTTP, from the dump as from the pod', () => {
    const session = applied(['frontend/get-only', 'rules:\n- to:\n  - operation:\n      methods: ["GET"]']);
    const pod = podOf(session, 'frontend', 'frontend');
    out(session, `kubectl exec ${pod} -n frontend -c istio-proxy -- curl -s localhost:15000/config_dump > dump.json`);
    const fromFile = out(session, 'istioctl x authz check -f dump.json');
    expect(fromFile).toBe(out(session, `istioctl x authz check ${pod} -n frontend`));
    expect(fromFile).toContain('ALLOW    _anonymous_match_nothing_   1\n');
  });

  it('finds nothing in a proxy without policies, and the gateway\'s policies in its dump', () => {
    const session = applied(['istio-system/gw-get', 'selector:\n  matchLabels:\n    istio: ingressgateway\nrules:\n- to:\n  - operation:\n      methods: ["GET"]']);
    const pod = podOf(session, 'frontend', 'frontend');
    out(session, `kubectl exec ${pod} -n frontend -c istio-proxy -- curl -s localhost:15000/config_dump > plain.json`);
    expect(out(session, 'istioctl x authz check -f plain.json')).toBe('ACTION   AuthorizationPolicy   RULES\n');
    const gw = podOf(session, 'istio-system', 'istio-ingressgateway');
    out(session, `kubectl exec ${gw} -n istio-system -- curl -s localhost:15000/config_dump > gw.json`);
    const fromFile = out(session, 'istioctl x authz check -f gw.json');
    expect(fromFile).toBe(out(session, `istioctl x authz check ${gw}.istio-system`));
    expect(fromFile).toBe('ACTION   AuthorizationPolicy   RULES\nALLOW    gw-get.istio-system   1\n');
  });
});

/**
 * AuthorizationPolicy as a learner meets it: through kubectl and curl, end to end. The decision
 * itself is tested rule by rule in src/domain/policies/authorizationPolicy.test.ts; here, what the
 * request looks like on the wire and in the logs when the server's proxy enforces it. Sources:
 * - AUTHZ  istio.io/latest/docs/tasks/security/authorization/authz-http/ ("RBAC: access denied",
 *          403) and authz-tcp/ (a denied TCP connection is closed);
 * - GRPC   Envoy's local replies to gRPC requests (source/common/http/utility.cc sendLocalReply:
 *          `:status 200`, `grpc-status` mapped from 403 to 7 PERMISSION_DENIED, `grpc-message`),
 *          and grpc-go's status text `rpc error: code = PermissionDenied desc = …`;
 * - LOG    the RBAC filter's response code details `rbac_access_denied_matched_policy[<policy>]`
 *          (envoy source/extensions/filters/http/rbac/rbac_filter.cc), `none` when no ALLOW
 *          policy matched;
 * - SEC    istio.io/latest/docs/ops/best-practices/security/ "Use ALLOW-with-positive-matching":
 *          a plaintext request has no principal, so `principals` cannot match it while
 *          `notPrincipals` does.
 */
import { describe, expect, it } from 'vitest';
import { explainTrace } from '../domain/explain/explainTrace.ts';
import type { Trace } from '../domain/traffic/trace.ts';
import { runScript } from './runScript.ts';
import type { SimSession } from './session.ts';

const FRONTEND = 'http://frontend.frontend.svc.cluster.local';

function policy(namespace: string, name: string, spec: string, annotations = ''): string {
  return `kubectl apply -f - <<'EOF'
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: ${namespace}${annotations}
spec:
${spec.replace(/^/gm, '  ')}
EOF
`;
}

interface Run {
  session: SimSession;
  text: string;
  traces: Trace[];
  exitCode: number;
}

/** Runs `setup`, then `command`, and returns the last command's output and traces. */
function run(setup: string, command: string, session?: SimSession): Run {
  const first = runScript(setup, session ? { session } : {});
  expect(first.output.map((c) => c.text).join('')).not.toMatch(/error|invalid/i);
  const before = first.session;
  const result = before.run(command);
  return { session: before, text: result.chunks.map((c) => c.text).join(''), traces: result.traces, exitCode: result.exitCode };
}

const last = <T>(items: readonly T[]): T => {
  const item = items[items.length - 1];
  if (item === undefined) throw new Error('empty');
  return item;
};

function proxyLog(session: SimSession, namespace: string, app: string): string[] {
  const pod = session.world.list('Pod', namespace).find((p) => p.metadata.labels.app === app);
  if (!pod) throw new Error(`no ${app} pod`);
  return (session.world.logs.get(`${namespace}/${pod.metadata.name}`) ?? []).filter((l) => l.container === 'istio-proxy').map((l) => l.text);
}

describe('an HTTP request the server proxy denies', () => {
  it('gets 403 "RBAC: access denied" from an allow-nothing policy, and the access log names no policy (AUTHZ, LOG)', () => {
    const r = run(policy('frontend', 'allow-nothing', '{}'), `kubectl exec testcurl -- curl -s -w ' %{http_code}' ${FRONTEND}/`);
    expect(r.text).toBe('RBAC: access denied 403');
    const hop = last(r.traces).hops[0];
    expect(hop?.outcome).toBe('denied');
    expect(hop?.authz).toMatchObject({ allowed: false, code: 'deny.no-allow-match', deniedBy: 'none' });
    expect(last(proxyLog(r.session, 'frontend', 'frontend'))).toMatch(/"GET \/ HTTP\/1\.1" 403 - rbac_access_denied_matched_policy\[none\] /);
  });

  it('prints the headers the server proxy sends with its own reply (curl -i)', () => {
    const r = run(policy('frontend', 'allow-nothing', '{}'), `kubectl exec testcurl -- curl -si ${FRONTEND}/`);
    expect(r.text).toMatch(/^HTTP\/1\.1 403 Forbidden\r?\ncontent-length: 19\r?\ncontent-type: text\/plain\r?\ndate: .+\r?\nserver: istio-envoy\r?\n/);
  });

  it('names the DENY rule that matched, in the trace and the access log (LOG)', () => {
    const spec = `action: DENY\nrules:\n- to:\n  - operation:\n      paths: ["/cart*"]`;
    const r = run(policy('frontend', 'no-cart', spec), `kubectl exec testcurl -- curl -s -o /dev/null -w '%{http_code}' ${FRONTEND}/cart`);
    expect(r.text).toBe('403');
    expect(last(r.traces).hops[0]?.authz).toMatchObject({ code: 'deny.matched', deniedBy: 'ns[frontend]-policy[no-cart]-rule[0]' });
    expect(last(proxyLog(r.session, 'frontend', 'frontend'))).toContain('403 - rbac_access_denied_matched_policy[ns[frontend]-policy[no-cart]-rule[0]]');
    // Another path is not denied: the frontend serves its page.
    const home = r.session.run(`kubectl exec testcurl -- curl -s -o /dev/null -w '%{http_code}' ${FRONTEND}/`);
    expect(home.chunks.map((c) => c.text).join('')).toBe('200');
  });
});

describe('a gRPC call the server proxy denies', () => {
  it('fails the frontend page with PermissionDenied, and the callee logs status 200 with the RBAC details (GRPC, LOG)', () => {
    const r = run(policy('product-catalog', 'allow-nothing', '{}'), `kubectl exec testcurl -- curl -s -w ' %{http_code}' ${FRONTEND}/`);
    expect(r.text).toContain('could not retrieve products: rpc error: code = PermissionDenied desc = RBAC: access denied');
    expect(r.text.endsWith(' 500')).toBe(true);
    const denied = last(r.traces).hops.find((h) => h.outcome === 'denied');
    expect(denied?.to).toMatch(/^product-catalog\//);
    expect(denied?.httpCode).toBe(200);
    expect(last(proxyLog(r.session, 'product-catalog', 'productcatalogservice'))).toMatch(/"POST \/hipstershop\.ProductCatalogService\/ListProducts HTTP\/2" 200 - rbac_access_denied_matched_policy\[none\] /);
  });
});

describe('principals and plaintext (SEC)', () => {
  const allowFrontend = `action: ALLOW\nrules:\n- from:\n  - source:\n      principals: ["cluster.local/ns/frontend/sa/frontend", "cluster.local/ns/istio-system/sa/istio-ingressgateway"]`;

  it('an ALLOW on principals does not match a plaintext caller under PERMISSIVE: testcurl gets 403 and the decision says it had no principal', () => {
    const r = run(policy('frontend', 'from-gateway', allowFrontend), `kubectl exec testcurl -- curl -s -o /dev/null -w '%{http_code}' ${FRONTEND}/`);
    expect(r.text).toBe('403');
    const authz = last(r.traces).hops[0]?.authz;
    expect(authz?.principal).toBeUndefined();
    expect(authz?.notes.map((n) => n.code)).toContain('no-principal');
  });

  it('a DENY on notPrincipals matches the plaintext caller', () => {
    const spec = `action: DENY\nrules:\n- from:\n  - source:\n      notPrincipals: ["cluster.local/ns/loadgenerator/sa/loadgenerator"]`;
    const r = run(policy('frontend', 'only-loadgen', spec), `kubectl exec testcurl -- curl -s -o /dev/null -w '%{http_code}' ${FRONTEND}/`);
    expect(r.text).toBe('403');
    expect(last(r.traces).hops[0]?.authz).toMatchObject({ code: 'deny.matched', deniedBy: 'ns[frontend]-policy[only-loadgen]-rule[0]' });
  });

  it('the ingress gateway, not the browser, is the principal the frontend sees', () => {
    const r = run(policy('frontend', 'from-gateway', allowFrontend), 'curl -s -o /dev/null -w "%{http_code}" http://$(kubectl get svc istio-ingressgateway -n istio-system -o jsonpath="{.status.loadBalancer.ingress[0].ip}")/');
    expect(r.text).toBe('200');
    const toFrontend = last(r.traces).hops.find((h) => h.to.startsWith('frontend/'));
    expect(toFrontend?.authz).toMatchObject({ allowed: true, code: 'allow.matched', principal: 'cluster.local/ns/istio-system/sa/istio-ingressgateway' });
    expect(toFrontend?.handshake.at(-1)?.kind).toBe('authorization');
    const why = explainTrace(r.session.world, last(r.traces)).hops.find((h) => h.index === last(r.traces).hops.indexOf(toFrontend as never));
    expect(why?.authz?.text).toContain('The caller is the ingress gateway: its principal cluster.local/ns/istio-system/sa/istio-ingressgateway stands in for the browser');
  });
});

describe('dry-run and TCP', () => {
  it('a dry-run DENY changes nothing, and the trace says what it would have done', () => {
    const r = run(policy('frontend', 'deny-all', `action: DENY\nrules:\n- {}`, `\n  annotations:\n    istio.io/dry-run: "true"`), `kubectl exec testcurl -- curl -s -o /dev/null -w '%{http_code}' ${FRONTEND}/`);
    expect(r.text).toBe('200');
    const authz = last(r.traces).hops[0]?.authz;
    expect(authz?.allowed).toBe(true);
    expect(authz?.dryRun?.allowed).toBe(false);
  });

  it('on a TCP port, an ALLOW that names HTTP methods never matches: the connection is closed (AUTHZ authz-tcp)', () => {
    const service = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: frontend-tcp
  namespace: frontend
spec:
  selector:
    app: frontend
  ports:
  - name: tcp-web
    port: 8080
EOF
`;
    const spec = `action: ALLOW\nrules:\n- to:\n  - operation:\n      methods: ["GET"]`;
    const r = run(service + policy('frontend', 'get-only', spec), 'kubectl exec testcurl -- curl -s http://frontend-tcp.frontend:8080/');
    expect(r.text).toBe('command terminated with exit code 56\n');
    const authz = last(r.traces).hops[0]?.authz;
    expect(authz?.code).toBe('deny.no-allow-match');
    expect(authz?.notes.map((n) => n.code)).toContain('http-fields-on-tcp');
  });
});

describe('the Why panel on a denied request', () => {
  it('says which rule denied and on which field, and each fix it offers, run as a command, lets the request through', () => {
    const spec = `action: DENY\nrules:\n- to:\n  - operation:\n      paths: ["/cart*"]`;
    const r = run(policy('frontend', 'no-cart', spec), `kubectl exec testcurl -- curl -s -o /dev/null -w '%{http_code}' ${FRONTEND}/cart`);
    const trace = last(r.traces);
    const why = explainTrace(r.session.world, trace);
    expect(why.hops[0]?.authz?.text).toBe('denied by DENY frontend/no-cart rule 0 (spec.rules[0].to[0].operation.paths): DENY is checked before ALLOW. The caller sent plaintext, so it has no principal: principals and namespaces cannot match it, and notPrincipals always does.');
    expect(why.hops[0]?.verify.map((v) => v.command)).toContain(`istioctl x authz check ${trace.hops[0]?.to.split('/')[1] ?? ''} -n frontend`);
    expect(why.fixes.map((f) => f.title.text)).toEqual(['Switch frontend/no-cart to dry run', 'Delete frontend/no-cart']);
    for (const fix of why.fixes) {
      const session = run(policy('frontend', 'no-cart', spec), 'true').session;
      session.run(fix.command);
      const after = session.run(`kubectl exec testcurl -- curl -s -o /dev/null -w '%{http_code}' ${FRONTEND}/cart`);
      expect(after.chunks.map((c) => c.text).join(''), fix.command).toBe('200');
    }
  });

  it('for a caller with a principal that no ALLOW rule names, offers an ALLOW for exactly that principal', () => {
    const onlyGateway = `selector:\n  matchLabels:\n    app: productcatalogservice\naction: ALLOW\nrules:\n- from:\n  - source:\n      principals: ["cluster.local/ns/recommendation/sa/recommendation"]`;
    const r = run(policy('product-catalog', 'only-recommendation', onlyGateway), `kubectl exec testcurl -- curl -s -o /dev/null -w '%{http_code}' ${FRONTEND}/`);
    expect(r.text).toBe('500');
    const trace = last(r.traces);
    const why = explainTrace(r.session.world, trace);
    const hop = why.hops[why.failedHop];
    expect(hop?.authz?.text).toContain("The caller's principal is cluster.local/ns/frontend/sa/frontend.");
    const fix = why.fixes[0];
    expect(fix?.title.text).toBe('Allow cluster.local/ns/frontend/sa/frontend');
    r.session.run(fix?.command ?? '');
    expect(r.session.run(`kubectl exec testcurl -- curl -s -o /dev/null -w '%{http_code}' ${FRONTEND}/`).chunks.map((c) => c.text).join('')).toBe('200');
  });

  it('for a plaintext caller that no ALLOW rule can match, offers it a sidecar first', () => {
    const r = run(policy('frontend', 'allow-nothing', '{}'), `kubectl exec testcurl -- curl -s -o /dev/null -w '%{http_code}' ${FRONTEND}/`);
    const why = explainTrace(r.session.world, last(r.traces));
    expect(why.fixes.map((f) => f.title.text)).toEqual(['Give default/testcurl a sidecar']);
  });
});

describe('a plain HTTP request to a gRPC port', () => {
  it('gets the HTTP form of the denial, 403 RBAC: access denied, since only a gRPC request gets the gRPC form (GRPC)', () => {
    const r = run(policy('product-catalog', 'allow-nothing', '{}'), "kubectl exec testcurl -- curl -s -w ' %{http_code}' http://productcatalogservice.product-catalog:3550/");
    expect(r.text).toBe('RBAC: access denied 403');
    expect(last(proxyLog(r.session, 'product-catalog', 'productcatalogservice'))).toMatch(/"GET \/ HTTP\/1\.1" 403 - rbac_access_denied_matched_policy\[none\] /);
  });
});

describe('istiod pushes an AuthorizationPolicy', () => {
  it("moves the proxies' config version, since the policy becomes RBAC filters in their listeners", () => {
    const version = "kubectl exec deploy/frontend -n frontend -c istio-proxy -- curl -s localhost:15000/config_dump | grep -m1 -o '\"version_info\": \"[^\"]*\"'";
    const before = run('sleep 60', version);
    const after = run(policy('frontend', 'allow-nothing', '{}'), version, before.session);
    expect(before.text).toMatch(/^"version_info": "\S+\/\d+"\n$/);
    expect(after.text).not.toBe(before.text);
  });
});

describe('the webhook and the request namespace', () => {
  it('names the policy with the namespace given by -n, which the API server fills in before admission', () => {
    const r = runScript("kubectl apply -n frontend -f - <<'EOF'\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: bad\nspec:\n  action: DENY\nEOF\n");
    expect(r.output.map((c) => c.text).join('')).toContain('configuration is invalid: invalid policy bad.frontend: DENY action without `rules` is meaningless');
    expect(r.exitCode).toBe(1);
  });
});

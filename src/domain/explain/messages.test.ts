import { describe, expect, it } from 'vitest';
import { createDefaultWorld } from '../cluster/defaultWorld.ts';
import { podIP } from '../cluster/pods.ts';
import { servicePorts } from '../cluster/services.ts';
import type { JsonObject, KubeObject } from '../objects.ts';
import { resolveNamespaceMtls } from '../resolution/namespaceMtlsMode.ts';
import { inferServiceMtlsMode } from '../resolution/inferServiceMtlsMode.ts';
import { resolveServerMode } from '../resolution/resolveServerMode.ts';
import { summarizeMesh } from '../resolution/summarizeMesh.ts';
import { reason } from '../reasons/reason.ts';
import { authorizationPolicy, destinationRule, gatewayPod, peerAuthentication, pod, service, worldWith } from '../testing/fixtures.ts';
import { type HopClient, evaluateHop } from '../traffic/evaluateHop.ts';
import type { RequestClient } from '../traffic/request.ts';
import { simulateRequest } from '../traffic/simulateRequest.ts';
import type { Hop, Phrase, Trace } from '../traffic/trace.ts';
import type { World } from '../world.ts';
import { diagnoseHandshake, stepPhrase } from './diagnoseHandshake.ts';
import { explainTrace } from './explainTrace.ts';
import { CATALOGS, MESSAGES, buildPhrase, line, renderLine, renderPhrase } from './messages.ts';
import { MESSAGES_JA } from './messages.ja.ts';
import { PHRASES_EN } from '../reasons/phrases.en.ts';
import { PHRASES_JA } from '../reasons/phrases.ja.ts';
import { offGlossary } from '../../i18n/glossary.ts';
import { plainSentences } from '../../i18n/politeRegister.ts';
import { narrationLine } from './narrate.ts';
import type { Line } from './types.ts';

// ---- a corpus: small fixture worlds through evaluateHop, and the default world through simulateRequest ----

const FRONTEND_SVC = service('frontend', 'frontend', { ports: [{ port: 80, targetPort: 8080, name: 'http' }] });
const frontendPod = (options: Parameters<typeof pod>[2] = {}) => pod('frontend', 'frontend-6b8d', { labels: { app: 'frontend' }, serviceAccount: 'frontend', ...options });
const client = pod('loadgenerator', 'loadgenerator-1', { labels: { app: 'loadgenerator' } });
const nsPa = (ns: string, spec: JsonObject) => peerAuthentication(ns, 'default', spec);
const wlPa = (spec: JsonObject) => peerAuthentication('frontend', 'frontend', { selector: { matchLabels: { app: 'frontend' } }, ...spec });
const dr = (trafficPolicy: JsonObject, extra: JsonObject = {}) => destinationRule('frontend', 'frontend', { host: 'frontend', trafficPolicy, ...extra });
const STRICT = { mtls: { mode: 'STRICT' } };
const DISABLE = { mtls: { mode: 'DISABLE' } };

interface Case {
  policies?: KubeObject[];
  endpoint?: KubeObject;
  services?: KubeObject[];
  /** A bare process instead of the loadgenerator's sidecar. */
  plain?: boolean;
  /** No service: the sidecar forwards to the pod address. */
  direct?: boolean;
}

const CASES: Case[] = [
  {},
  { policies: [nsPa('frontend', STRICT)] },
  { policies: [nsPa('istio-system', STRICT)] },
  { policies: [nsPa('istio-system', {})] },
  { policies: [nsPa('istio-system', STRICT), nsPa('frontend', {})] },
  { policies: [nsPa('istio-system', {}), nsPa('frontend', {})] },
  { policies: [nsPa('frontend', {})] },
  { policies: [nsPa('istio-system', DISABLE), nsPa('frontend', {})] },
  { policies: [wlPa(STRICT)] },
  { policies: [wlPa({})] },
  { policies: [nsPa('istio-system', STRICT), wlPa({})] },
  { policies: [wlPa({ mtls: { mode: 'STRICT' }, portLevelMtls: { 8080: { mode: 'DISABLE' } } })] },
  { policies: [nsPa('frontend', STRICT), wlPa({ portLevelMtls: { 8080: {} } })] },
  { policies: [wlPa({ portLevelMtls: { 8080: {} } })] },
  { policies: [nsPa('frontend', DISABLE)] },
  { policies: [nsPa('frontend', DISABLE), wlPa(STRICT)] },
  { policies: [dr({ tls: { mode: 'DISABLE' } }), nsPa('frontend', STRICT)] },
  { policies: [dr({ tls: {} })] },
  { policies: [dr({ tls: { mode: 'SIMPLE' } }), nsPa('frontend', STRICT)] },
  { policies: [dr({ tls: { mode: 'SIMPLE' } })] },
  { policies: [dr({ tls: { mode: 'SIMPLE' } }), nsPa('frontend', DISABLE)] },
  { policies: [dr({ tls: { mode: 'MUTUAL', clientCertificate: '/c.pem', privateKey: '/k.pem' } })] },
  { policies: [dr({ tls: { mode: 'ISTIO_MUTUAL' } })] },
  { policies: [dr({ tls: { mode: 'ISTIO_MUTUAL' } })], endpoint: frontendPod({ sidecar: false }) },
  { policies: [dr({ tls: { mode: 'ISTIO_MUTUAL' } }), nsPa('frontend', DISABLE)] },
  { policies: [dr({ tls: { mode: 'ISTIO_MUTUAL', subjectAltNames: ['spiffe://cluster.local/ns/frontend/sa/other'] } })] },
  { policies: [dr({ portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'DISABLE' } }] })] },
  { policies: [dr({ tls: { mode: 'ISTIO_MUTUAL' }, portLevelSettings: [{ port: { number: 80 }, loadBalancer: { simple: 'ROUND_ROBIN' } }] })] },
  { policies: [dr({ loadBalancer: { simple: 'ROUND_ROBIN' } })] },
  // A mode the CRD rejects: only a test can apply it (code dr.other).
  { policies: [dr({ tls: { mode: 'BOGUS' } })] },
  { endpoint: frontendPod({ sidecar: false }) },
  { endpoint: frontendPod({ tlsMode: null }) },
  { plain: true, policies: [nsPa('frontend', STRICT)] },
  { plain: true, endpoint: frontendPod({ sidecar: false }) },
  { endpoint: gatewayPod('frontend', 'frontend-6b8d', { labels: { app: 'frontend' } }) },
  { direct: true },
  {
    // A headless service with a sidecar-less endpoint turns auto mTLS off for the whole service.
    services: [service('frontend', 'frontend', { clusterIP: 'None', ports: [{ port: 80, targetPort: 8080, name: 'http' }] })],
    policies: [],
    endpoint: frontendPod(),
  },
];

function caseHop({ policies = [], endpoint = frontendPod(), services = [FRONTEND_SVC], plain, direct }: Case): { world: World; hop: Hop } {
  const extra = services[0]?.spec?.clusterIP === 'None' ? [pod('frontend', 'frontend-plain', { labels: { app: 'frontend' }, sidecar: false })] : [];
  const world = worldWith({ pods: [client, endpoint, ...extra], services, policies });
  const svc = services[0];
  const from: HopClient = plain
    ? { type: 'plain', label: 'default/testcurl', reason: reason('client.no-sidecar', { client: 'default/testcurl', via: 'app' }) }
    : { type: 'proxy', proxyKind: 'sidecar', label: 'loadgenerator/loadgenerator-1', pod: client };
  const port = svc && !direct ? servicePorts(svc)[0] : undefined;
  const { hop } = evaluateHop(world, { client: from, endpoint, port: 8080, ...(svc && port ? { service: svc, servicePort: port } : {}), protocol: 'http', parent: -1 });
  return { world, hop };
}

const browser: RequestClient = { kind: 'external', name: 'browser' };
const cloudshell: RequestClient = { kind: 'external', name: 'cloudshell' };
const testcurl: RequestClient = { kind: 'pod', namespace: 'default', pod: 'testcurl', container: 'curl', captured: false };
const podClient = (world: World, ns: string, container: string, captured: boolean): RequestClient => ({
  kind: 'pod', namespace: ns, pod: world.list('Pod', ns)[0]?.metadata.name ?? '', container, captured,
});

/** The default world with frontend's sidecar removed, so frontend's own gRPC calls leave as plaintext. */
function bareFrontend(world: World): void {
  const frontend = world.list('Pod', 'frontend')[0];
  if (!frontend) throw new Error('no frontend pod');
  const containers = (frontend.spec?.containers as JsonObject[]).filter((c) => c.name !== 'istio-proxy');
  const labels = { ...frontend.metadata.labels };
  delete labels['security.istio.io/tlsMode'];
  world.put({ ...frontend, metadata: { ...frontend.metadata, labels }, spec: { ...frontend.spec, containers } });
}

function defaultTraces(): { world: World; trace: Trace }[] {
  const out: { world: World; trace: Trace }[] = [];
  const run = (setup: (w: World) => void, who: RequestClient | ((w: World) => RequestClient), url: string | ((w: World) => string)) => {
    const world = createDefaultWorld();
    setup(world);
    const trace = simulateRequest(world, { client: typeof who === 'function' ? who(world) : who, url: typeof url === 'function' ? url(world) : url });
    out.push({ world, trace });
  };
  const strict = (w: World) => w.put(nsPa('frontend', STRICT));
  run(() => {}, browser, 'http://34.136.92.187/');
  run(strict, browser, 'http://35.202.118.74/');
  run(strict, cloudshell, 'http://35.202.118.74/');
  run(strict, testcurl, 'http://frontend.frontend.svc.cluster.local/');
  run(() => {}, testcurl, 'http://frontend.frontend.svc.cluster.local/');
  run(strict, (w) => podClient(w, 'product-catalog', 'istio-proxy', false), 'http://frontend.frontend.svc.cluster.local/');
  run(strict, (w) => podClient(w, 'product-catalog', 'debugger-abcde', true), 'http://frontend.frontend.svc.cluster.local/');
  run(strict, (w) => podClient(w, 'product-catalog', 'debugger-abcde', true), (w) => `http://${podIP(w.list('Pod', 'frontend')[0] as KubeObject) ?? ''}:8080/`);
  run(strict, (w) => podClient(w, 'product-catalog', 'debugger-abcde', true), 'http://35.202.118.74/');
  run(() => {}, (w) => podClient(w, 'frontend', 'server', false), 'http://localhost:8080/');
  run(bareFrontend, browser, 'http://34.136.92.187/');
  run((w) => w.put(nsPa('currency', STRICT)), (w) => { bareFrontend(w); return browser; }, 'http://34.136.92.187/');
  run(() => {}, browser, 'http://203.0.113.9/');
  run(() => {}, browser, 'https://34.136.92.187/');
  // https:// requests the TLS handshake ends (probeTls): who answered it, and why.
  const frontendTls = 'https://frontend.frontend.svc.cluster.local:80/';
  run(strict, testcurl, frontendTls);
  run(() => {}, testcurl, frontendTls);
  run((w) => w.put(nsPa('frontend', DISABLE)), testcurl, frontendTls);
  run(() => {}, (w) => podClient(w, 'frontend', 'debugger-abcde', true), 'https://productcatalogservice.product-catalog.svc.cluster.local:3550/');
  run(() => {}, testcurl, (w) => `https://${podIP(w.list('Pod', 'istio-system').find((p) => p.metadata.name.startsWith('istiod')) as KubeObject) ?? ''}:8080/`);
  run(() => {}, testcurl, 'https://istiod.istio-system.svc.cluster.local:15010/');
  run(() => {}, browser, 'https://34.136.92.187:80/');
  run((w) => w.remove(w.get('Gateway', 'frontend', 'frontend-gateway') as KubeObject), browser, 'http://34.136.92.187/');
  // AuthorizationPolicy: allow-nothing (no ALLOW rule matches a plaintext caller), a DENY rule on a
  // gRPC backend, and an ALLOW that matches the gateway's principal.
  run((w) => w.put(authorizationPolicy('frontend', 'allow-nothing', {})), testcurl, 'http://frontend.frontend.svc.cluster.local/');
  run((w) => w.put(authorizationPolicy('product-catalog', 'deny-frontend', { action: 'DENY', rules: [{ from: [{ source: { namespaces: ['frontend'] } }] }] })), browser, 'http://34.136.92.187/');
  run((w) => w.put(authorizationPolicy('frontend', 'from-gateway', { rules: [{ from: [{ source: { principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway'] } }] }] })), browser, 'http://34.136.92.187/');
  return out;
}

function* nested(phrase: Phrase): Generator<Phrase> {
  yield phrase;
  for (const v of Object.values(phrase.params ?? {})) if (typeof v === 'object') yield* nested(v);
}

function corpus() {
  const phrases: Phrase[] = [];
  const hops: Hop[] = [];
  const lines: Line[] = [];
  const explainLines = (world: World, trace: Trace) => {
    const e = explainTrace(world, trace);
    lines.push(e.summaryLine, narrationLine(trace), ...e.hops.flatMap((h) => [h.title, h.client, h.server, h.result]));
    lines.push(...e.fixes.flatMap((f) => [f.title, f.detail]), ...e.lint.flatMap((l) => [l.message, l.actualEffect, ...(l.note ? [l.note] : [])]));
  };
  for (const c of CASES) {
    const { world, hop } = caseHop(c);
    hops.push(hop);
    explainLines(world, { from: hop.from, url: 'http://frontend/', method: 'GET', httpCode: hop.httpCode, curlExit: 0, hops: [hop], body: '', responseHeaders: [], page: 'plain', origin: 'command', accessLogs: [] });
    for (const w of summarizeMesh(world)) phrases.push(...[w.workloadMode, ...w.ports.map((p) => p.decision)].flatMap((d) => (d ? [d.reason] : [])));
    for (const ns of ['frontend', 'loadgenerator']) {
      const n = resolveNamespaceMtls(world, ns);
      phrases.push({ code: n.code, text: n.text, params: n.params });
    }
    const svc = world.get('Service', 'frontend', 'frontend');
    if (svc) {
      const inferred = inferServiceMtlsMode(world, svc);
      phrases.push({ code: inferred.code, text: inferred.text, params: inferred.params });
    }
  }
  const headless = worldWith({ services: [service('frontend', 'frontend', { clusterIP: 'None' })] });
  const empty = inferServiceMtlsMode(headless, headless.get('Service', 'frontend', 'frontend') as KubeObject);
  phrases.push({ code: empty.code, text: empty.text, params: empty.params });
  const gw = gatewayPod('istio-system', 'istio-ingressgateway-1');
  phrases.push(resolveServerMode(worldWith({ pods: [gw] }), gw).reason);
  for (const { world, trace } of defaultTraces()) {
    hops.push(...trace.hops);
    explainLines(world, trace);
    if (trace.tlsReason) phrases.push(trace.tlsReason);
  }
  for (const hop of hops) {
    phrases.push(hop.clientReason, hop.serverReason, hop.outcomeReason);
    for (const s of hop.handshake) {
      const p = stepPhrase(hop, s);
      if (p) phrases.push(p);
    }
  }
  return { phrases: phrases.filter((p) => p.code !== '').flatMap((p) => [...nested(p)]), hops, lines };
}

const data = corpus();
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('the explainer catalogs', () => {
  it('have exactly the same codes in English and Japanese', () => {
    expect(Object.keys(MESSAGES_JA).sort()).toEqual(Object.keys(MESSAGES).sort());
    expect(Object.keys(PHRASES_JA).sort()).toEqual(Object.keys(PHRASES_EN).sort());
    expect(Object.keys(CATALOGS).sort()).toEqual(['en', 'ja']);
  });

  it('have an English and a Japanese template for every code the engine emits, each rendering with nothing unfilled', () => {
    const unfilled = /undefined|NaN|\[object|\(\)|（）| {2}|^ | $/;
    for (const p of data.phrases) {
      expect(p.params, `${p.code}: ${p.text}`).toBeDefined();
      expect(Object.keys(PHRASES_EN), p.code).toContain(p.code);
      expect(Object.keys(PHRASES_JA), p.code).toContain(p.code);
      // The English text is the English catalog's, never written by the engine itself.
      expect(p.text, p.code).toBe(buildPhrase(p, PHRASES_EN));
      expect(p.text, p.code).not.toMatch(unfilled);
      const ja = renderPhrase(p, 'ja');
      expect(ja, p.code).toMatch(JAPANESE);
      expect(ja, p.code).not.toMatch(unfilled);
    }
  });

  it('see every phrase code in the corpus, so each template above is proven', () => {
    const seen = new Set(data.phrases.map((p) => p.code));
    expect(Object.keys(PHRASES_EN).filter((code) => !seen.has(code))).toEqual([]);
  });

  it('render every explanation line in Japanese, and in English exactly as before', () => {
    // Lines that are facts only (names, ports) read the same in both languages.
    const facts = new Set(['hop.title', 'hop.title.service', 'narration']);
    const codes = new Set<string>();
    for (const l of data.lines) {
      codes.add(l.code);
      expect(renderLine(l, 'en')).toBe(l.text);
      const ja = renderLine(l, 'ja');
      expect(ja, l.code).not.toMatch(/undefined|NaN|\[object/);
      if (!facts.has(l.code)) expect(ja, `${l.code}: ${ja}`).toMatch(JAPANESE);
      // No English sentence of the engine leaks into a Japanese line.
      for (const phrase of Object.values(l.phrases ?? {})) if (phrase.text.length > 20) expect(ja, l.code).not.toContain(phrase.text);
    }
    expect(codes.size).toBeGreaterThan(40);
  });

  it('render every handshake row in Japanese, and in English exactly as the engine wrote it', () => {
    const facts = new Set(['client-hello', 'server-certificate', 'certificate-request', 'client-certificate', 'finished']);
    for (const hop of data.hops) {
      const en = diagnoseHandshake(hop);
      const ja = diagnoseHandshake(hop, 'ja');
      expect(ja.map((r) => r.id)).toEqual(en.map((r) => r.id));
      for (const [i, row] of ja.entries()) {
        expect(`${row.label} ${row.detail}`).not.toMatch(/undefined|NaN/);
        if (!facts.has(row.code)) expect(`${row.label} ${row.detail}`, row.code).toMatch(JAPANESE);
        const step = hop.handshake[i];
        if (step && stepPhrase(hop, step)) expect(en[i]?.detail).toBe(step.text);
      }
    }
  });

  it('uses the glossary terms and the です/ます register in every Japanese line', () => {
    const texts: [string, string][] = [...data.lines.map((l): [string, string] => [l.code, renderLine(l, 'ja')]), ...data.phrases.map((p): [string, string] => [p.code, renderPhrase(p, 'ja')])];
    for (const hop of data.hops) for (const row of diagnoseHandshake(hop, 'ja')) texts.push([row.code, `${row.label} ${row.detail}`]);
    for (const [code, text] of texts) {
      expect(offGlossary(text), `${code}: ${text}`).toEqual([]);
      expect(plainSentences(text), `${code}: ${text}`).toEqual([]);
    }
  });

  it('keeps an unknown code visible in English and falls back to English in another language', () => {
    const unknown = line('no.such.code', { a: 1 });
    expect(unknown.text).toBe('no.such.code');
    expect(renderLine(unknown, 'ja')).toBe('no.such.code');
    expect(renderPhrase({ code: 'no.such.phrase', text: 'as written', params: {} }, 'ja')).toBe('as written');
    expect(renderPhrase({ code: 'pa.default', text: 'no params: English only' }, 'ja')).toBe('no params: English only');
  });

  it('says the Why panel headline in English and in Japanese, telling the reset once', () => {
    const world = createDefaultWorld();
    world.put(nsPa('frontend', STRICT));
    const e = explainTrace(world, simulateRequest(world, { client: testcurl, url: 'http://frontend.frontend.svc.cluster.local/' }));
    expect(e.summary).toBe(
      'Hop 1 failed (default/testcurl → frontend.frontend.svc.cluster.local): the client (no sidecar) sent plaintext to a STRICT server, so the server reset the connection (no filter chain matches plaintext). The client saw a connection reset (curl exits with 56; the browser shows ERR_CONNECTION_RESET).',
    );
    expect(renderLine(e.summaryLine, 'ja')).toBe(
      'ホップ 1（default/testcurl → frontend.frontend.svc.cluster.local）で失敗しました。クライアント（サイドカーなし）が STRICT のサーバーに平文を送ったため、サーバーが接続をリセットしました（平文に一致するフィルターチェーンがありません）。クライアントが受け取ったのは接続のリセット（curl は終了コード 56、ブラウザは ERR_CONNECTION_RESET）です。',
    );
    expect(renderLine(e.hops[0]?.server as Line, 'ja')).toBe('サーバーのサイドカー: PeerAuthentication frontend/default（Namespace レベル）が STRICT を設定 → mTLS を要求');
    expect(renderLine(e.hops[0]?.client as Line, 'ja')).toBe('クライアント（サイドカーなし）: default/testcurl にサイドカーがない（sidecar.istio.io/inject: "false"）: curl の平文がそのままサーバーに届く → 平文を送信');
  });
});

/**
 * Every check kind, evaluated against real worlds: the default cluster changed by real commands
 * (SimSession), and a learner's way through a lesson (LessonRun) for `seen: step` and `seen: lesson`.
 * The sentences are what the learner reads, in both languages.
 */
import { describe, expect, it } from 'vitest';
import '../../shell/installParts.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import { forEachInput } from '../../shell/runScript.ts';
import { SimSession } from '../../shell/session.ts';
import { LessonRun, checkStep } from '../run.ts';
import type { CheckResult, Lesson } from '../types.ts';
import { formatErrors, loadScenario } from './load.ts';

const FRONTEND = 'http://frontend.frontend.svc.cluster.local/';
const CATALOG = 'http://productcatalogservice.product-catalog.svc.cluster.local:3550/';

const apply = (manifest: string) => `kubectl apply -f - <<EOF\n${manifest}\nEOF\n`;
const peerAuthentication = (namespace: string, mode = 'STRICT') =>
  apply(`apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: ${namespace}\nspec:\n  mtls:\n    mode: ${mode}`);
const STRICT_FRONTEND = peerAuthentication('frontend');
const DISABLE_TOWARD_FRONTEND = apply('apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: frontend\n  namespace: frontend\nspec:\n  host: frontend.frontend.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: DISABLE');
const ALLOW_NOTHING = apply('apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: allow-nothing\n  namespace: frontend\nspec: {}');

/** A lesson of one step per check (given as YAML flow text), each with a trivial solution. */
function lessonOf(...checks: string[]): Lesson {
  const steps = checks.map((check, i) => `  - id: s${i}\n    title: S\n    body: B\n    commands: [x]\n    solution: x\n    check: ${check}\n`).join('');
  const loaded = loadScenario([{ name: 't.yaml', text: `scenario: v1\nid: t\ntitle: T\nsummary: S\nsteps:\n${steps}` }]);
  if (!loaded.ok) throw new Error(formatErrors(loaded.errors));
  return loaded.lesson;
}

/** The check's result in the default world after `script`, with the script's requests as the step's. */
function verdict(check: string, script = '', credentials = true): CheckResult {
  const session = new SimSession({ credentials });
  const traces: Trace[] = [];
  forEachInput(script, (input) => {
    traces.push(...session.run(input).traces);
  });
  return checkStep(lessonOf(check).steps[0]!, { world: session.world, traces, stepTraces: traces });
}

describe('request checks', () => {
  it('STRICT in frontend: testcurl to the frontend is reset, not ok, with the sentence in both languages', () => {
    const reset = verdict(`{request: {from: default/testcurl, to: "${FRONTEND}", expect: reset}}`, STRICT_FRONTEND);
    expect(reset).toEqual({
      pass: true,
      detail: {
        en: `A request from default/testcurl to ${FRONTEND} ends in a reset over plaintext.`,
        ja: `default/testcurl から ${FRONTEND} へのリクエストはリセット（平文）で終わります。`,
      },
    });
    const ok = verdict(`{request: {from: default/testcurl, to: "${FRONTEND}", expect: ok}}`, STRICT_FRONTEND);
    expect(ok).toEqual({
      pass: false,
      detail: {
        en: `A request from default/testcurl to ${FRONTEND} should succeed; now it ends in a reset over plaintext.`,
        ja: `default/testcurl から ${FRONTEND} へのリクエストは成功するはずですが、いまはリセット（平文）で終わります。`,
      },
    });
    // Before the policy, the same request succeeds (seen: now needs no request from the learner).
    expect(verdict(`{request: {from: default/testcurl, to: "${FRONTEND}", expect: ok}}`).pass).toBe(true);
  });

  it('expect: refused, an HTTP status, denied and any', () => {
    expect(verdict(`{request: {from: default/testcurl, to: "http://frontend.frontend.svc.cluster.local:8081/", expect: refused}}`).detail.en).toBe('A request from default/testcurl to http://frontend.frontend.svc.cluster.local:8081/ ends in a refused connection.');
    const dr = STRICT_FRONTEND + DISABLE_TOWARD_FRONTEND;
    expect(verdict(`{request: {from: loadgenerator/loadgenerator, to: "${FRONTEND}", expect: 503}}`, dr).pass).toBe(true);
    expect(verdict(`{request: {from: loadgenerator/loadgenerator, to: "${FRONTEND}", expect: "200"}}`, dr).detail.en).toBe(`A request from loadgenerator/loadgenerator to ${FRONTEND} should get HTTP 200; now it ends in HTTP 503 over plaintext.`);
    expect(verdict('{request: {from: cloudshell, to: "http://34.136.92.187/", expect: denied}}', ALLOW_NOTHING).detail.en).toBe('A request from Cloud Shell to http://34.136.92.187/ ends in a denial by AuthorizationPolicy (403) over mTLS.');
    expect(verdict('{request: {from: browser, to: "http://35.202.118.74/", expect: ok}}', ALLOW_NOTHING)).toMatchObject({ pass: false, detail: { ja: 'ブラウザから http://35.202.118.74/ へのリクエストは成功するはずですが、いまは AuthorizationPolicy による拒否（403）（平文）で終わります。' } });
    expect(verdict('{request: {from: browser, to: "http://35.202.118.74/", expect: any}}', ALLOW_NOTHING).pass).toBe(true);
  });

  it('over: how the addressed workload\'s hop was carried, through the sidecar or around it', () => {
    expect(verdict(`{request: {from: frontend/frontend, to: "${CATALOG}", expect: any, over: mtls}}`).pass).toBe(true);
    expect(verdict(`{request: {from: {pod: frontend/frontend, bypassSidecar: true}, to: "${CATALOG}", expect: any, over: mtls}}`).detail.en).toBe(
      `A request from frontend/frontend (bypassing its sidecar) to ${CATALOG} should be sent over mTLS; now it ends in HTTP 415 over plaintext.`,
    );
    expect(verdict(`{request: {from: {pod: frontend/frontend, bypassSidecar: true}, to: {service: product-catalog/productcatalogservice, port: 3550}, expect: any, over: plaintext}}`).pass).toBe(true);
  });

  it('level: the PeerAuthentication level that decided the mode on this request', () => {
    const check = (level: string) => `{request: {from: frontend/frontend, to: "${FRONTEND}", expect: ok, level: ${level}}}`;
    expect(verdict(check('default')).pass).toBe(true);
    expect(verdict(check('namespace'), STRICT_FRONTEND).pass).toBe(true);
    expect(verdict(check('mesh'), STRICT_FRONTEND).detail.en).toBe(`A request from frontend/frontend to ${FRONTEND} should succeed, decided at the mesh level; now it ends in HTTP 200 over mTLS.`);
  });

  it('seen: step needs a request the learner made during the step; seen: lesson any since the start', () => {
    const curl = 'curl -s -o /dev/null http://35.202.118.74/';
    const lesson = lessonOf('{request: {to: "http://35.202.118.74/", expect: ok, seen: step}}', '{request: {to: "http://35.202.118.74/", expect: ok, seen: step}}', '{request: {from: cloudshell, to: "http://35.202.118.74/", expect: ok, seen: lesson}}');
    const run = new LessonRun(lesson);
    expect(checkStep(lesson.steps[0]!, run.context()).detail).toEqual({
      en: 'Send a request from anywhere to http://35.202.118.74/ and see it succeed.',
      ja: 'どこかから http://35.202.118.74/ にリクエストを送り、成功することを確かめてください。',
    });
    run.run('kubectl get pods');
    expect(run.completed).toEqual([]);
    run.run(curl);
    // The request completed the first step; the second needs one of its own, the third counts the earlier one.
    expect(run.completed).toEqual(['s0']);
    expect(checkStep(lesson.steps[2]!, run.context()).detail.en).toBe('You saw a request from Cloud Shell to http://35.202.118.74/ succeed.');
    run.run('kubectl get ns');
    expect(run.completed).toEqual(['s0']);
    run.run(curl);
    expect(run.completed).toEqual(['s0', 's1']);
    // One step is checked per command: the next command completes the third.
    run.run('kubectl get ns');
    expect(run.completed).toEqual(['s0', 's1', 's2']);
  });

  it('seen: step names the last matching request when it ended otherwise, and only requests from `from` count', () => {
    const curl = 'curl -s -o /dev/null http://35.202.118.74/';
    expect(verdict('{request: {from: cloudshell, to: "http://35.202.118.74/", expect: reset, seen: step}}', curl).detail.en).toBe('Send a request from Cloud Shell to http://35.202.118.74/ and see it be reset (the last one ended in HTTP 200 over plaintext).');
    expect(verdict('{request: {from: default/testcurl, to: "http://35.202.118.74/", expect: ok, seen: step}}', curl).pass).toBe(false);
    expect(verdict('{request: {from: default/testcurl, to: "http://35.202.118.74:80/", expect: ok, seen: step}}', 'kubectl exec testcurl -n default -- curl -s http://35.202.118.74/').pass).toBe(true);
    // A Service however spelled is one host; a path in the check must match.
    expect(verdict('{request: {to: "http://frontend.frontend/", expect: ok, seen: step}}', `kubectl exec testcurl -- curl -s ${FRONTEND}cart`).pass).toBe(true);
    expect(verdict('{request: {to: "http://frontend.frontend/product", expect: ok, seen: step}}', `kubectl exec testcurl -- curl -s ${FRONTEND}cart`).pass).toBe(false);
  });
});

describe('request checks on the hop and the learner\'s latest request', () => {
  it('over: tls is TLS a DestinationRule originated; mode is the server\'s mode when the request met it', () => {
    const simple = STRICT_FRONTEND + DISABLE_TOWARD_FRONTEND.replace('mode: DISABLE', 'mode: SIMPLE');
    expect(verdict(`{request: {from: loadgenerator/loadgenerator, to: "${FRONTEND}", expect: 503, over: tls}}`, simple).detail.en).toBe(`A request from loadgenerator/loadgenerator to ${FRONTEND} ends in HTTP 503 over TLS from a DestinationRule.`);
    expect(verdict(`{request: {from: loadgenerator/loadgenerator, to: "${FRONTEND}", expect: any, over: plaintext}}`, simple).pass).toBe(false);
    expect(verdict(`{request: {from: default/testcurl, to: "${FRONTEND}", expect: reset, mode: STRICT}}`, STRICT_FRONTEND).pass).toBe(true);
    expect(verdict(`{request: {from: default/testcurl, to: "${FRONTEND}", expect: any, mode: STRICT}}`).pass).toBe(false);
  });

  it('seen: last counts only the latest matching request; a wildcard sender matches any pod there', () => {
    const curl = 'curl -s -o /dev/null http://35.202.118.74/\n';
    const check = '{request: {from: cloudshell, to: "http://35.202.118.74/", expect: ok, seen: last}}';
    expect(verdict(check, curl).pass).toBe(true);
    expect(verdict(check, curl + ALLOW_NOTHING + curl).detail.en).toBe('Send a request from Cloud Shell to http://35.202.118.74/ and see it succeed (the last one ended in a denial by AuthorizationPolicy (403) over plaintext).');
    expect(verdict('{request: {from: "default/*", to: "http://35.202.118.74/", expect: ok, seen: step}}', 'kubectl exec testcurl -- curl -s -o /dev/null http://35.202.118.74/').detail.en).toBe('You saw a request from default/* to http://35.202.118.74/ succeed.');
    expect(verdict('{request: {from: "*/*", to: "http://35.202.118.74/", expect: ok, seen: step}}', curl).pass).toBe(false);
  });

  it('authz: an enforced AuthorizationPolicy of an action, or none', () => {
    expect(verdict('{authz: {workload: frontend/frontend, action: ALLOW}}', ALLOW_NOTHING).detail.en).toBe('frontend/frontend\'s proxy enforces ALLOW policies: frontend/allow-nothing.');
    expect(verdict('{authz: {workload: frontend/frontend, action: ALLOW}}')).toMatchObject({ pass: false, detail: { en: 'No ALLOW AuthorizationPolicy is enforced for frontend/frontend.' } });
    expect(verdict('{authz: {workload: frontend/frontend, action: DENY, applies: false}}', ALLOW_NOTHING).pass).toBe(true);
  });
});

describe('state checks', () => {
  it('exists and absent, with a name or without one', () => {
    expect(verdict('{exists: {kind: PeerAuthentication, namespace: frontend, name: default}}').detail).toEqual({ en: 'PeerAuthentication frontend/default does not exist yet.', ja: 'PeerAuthentication frontend/default はまだありません。' });
    expect(verdict('{exists: {kind: PeerAuthentication}}', STRICT_FRONTEND).detail.en).toBe('A PeerAuthentication exists.');
    expect(verdict('{exists: {kind: PeerAuthentication, namespace: cart}}', STRICT_FRONTEND).detail.en).toBe('A PeerAuthentication in cart does not exist yet.');
    expect(verdict('{absent: {kind: PeerAuthentication}}', STRICT_FRONTEND).detail).toEqual({ en: 'These PeerAuthentication objects are still there: frontend/default.', ja: '次の PeerAuthentication がまだ残っています: frontend/default' });
    expect(verdict('{absent: {kind: PeerAuthentication, namespace: cart}}', STRICT_FRONTEND).detail.en).toBe('No PeerAuthentication is left in cart.');
    expect(verdict('{absent: {kind: PeerAuthentication, namespace: frontend, name: default}}', STRICT_FRONTEND).detail.en).toBe('PeerAuthentication frontend/default still exists.');
    expect(verdict('{exists: {kind: Namespace, name: legacy}}', 'kubectl create namespace legacy').pass).toBe(true);
  });

  it('mode: one workload, a port, and the wildcards', () => {
    expect(verdict('{mode: {workload: frontend/frontend, is: STRICT, level: workload}}', STRICT_FRONTEND).detail).toEqual({
      en: 'frontend/frontend should be STRICT, set at the workload level; it is STRICT, set at the namespace level.',
      ja: 'frontend/frontend は STRICT（ワークロード レベル）である必要がありますが、いまは STRICT（Namespace レベル）です。',
    });
    expect(verdict('{mode: {workload: frontend/frontend, port: 8080, is: PERMISSIVE, level: default}}').detail.en).toBe('frontend/frontend port 8080 is PERMISSIVE, set by default.');
    expect(verdict('{mode: {workload: "frontend/*", port: 8080, is: STRICT}}', STRICT_FRONTEND).detail.en).toBe('Every meshed workload in frontend is STRICT.');
    expect(verdict('{mode: {workload: "*/*", is: STRICT}}', STRICT_FRONTEND).detail.en).toMatch(/^Every meshed workload should be STRICT; not yet: ad\/adservice, cart\/cartservice, .*, shipping\/shippingservice\.$/);
    expect(verdict('{mode: {workload: "*/*", is: STRICT, level: mesh}}', peerAuthentication('istio-system')).detail.en).toBe('Every meshed workload is STRICT, set at the mesh level.');
    expect(verdict('{mode: {workload: "default/*", is: STRICT}}').detail.en).toBe('There is no meshed workload in default.');
    expect(verdict('{mode: {workload: frontend/nope, is: STRICT}}').detail.en).toBe('frontend/nope has no pod.');
  });

  it('analyze, sidecar and credentials say what is wanted when they fail', () => {
    expect(verdict('{analyze: {code: IST0102, namespace: default}}').detail.en).toBe('`istioctl analyze` reports IST0102 in default.');
    expect(verdict('{analyze: {code: IST0102, reported: false}}').detail.en).toBe('`istioctl analyze` should no longer report IST0102; it still does.');
    expect(verdict('{analyze: {code: IST0102, namespace: frontend}}').detail.en).toBe('`istioctl analyze` should report IST0102 in frontend; it does not yet.');
    expect(verdict('{sidecar: {workload: default/testcurl, injected: false}}').detail.en).toBe('No pod of default/testcurl runs a sidecar.');
    expect(verdict('{sidecar: {workload: frontend/frontend, injected: false}}').detail).toEqual({
      en: 'No pod of frontend/frontend should run a sidecar. Now: Every pod of frontend/frontend runs a sidecar.',
      ja: 'frontend/frontend の Pod にサイドカーがあってはいけません。いまは: frontend/frontend のすべての Pod でサイドカーが動いています。',
    });
    expect(verdict('{sidecar: {workload: default/nope}}').detail.en).toBe('default/nope has no pod.');
    expect(verdict('{credentials: true}', '', false).detail.en).toBe('kubectl has no credentials for the cluster yet: run `gcloud container clusters get-credentials`.');
    expect(verdict('{credentials: true}', 'gcloud container clusters get-credentials boutique --project=mtls-playground --zone=us-central1-c', false).pass).toBe(true);
    expect(verdict('{credentials: false}').detail.en).toBe('kubectl should have no credentials for the cluster; it has them.');
  });
});

describe('all, any, not, message and passed', () => {
  it('all lists what fails; any lists every way to pass; not negates', () => {
    expect(verdict('{all: [{credentials: true}, {sidecar: {workload: default/testcurl, injected: false}}, {exists: {kind: DestinationRule}}]}').detail.en).toBe('A DestinationRule does not exist yet.');
    expect(verdict('{all: [{credentials: true}, {exists: {kind: Namespace, name: default}}]}').detail.en).toBe('kubectl has credentials for the cluster.\n\nNamespace default exists.');
    expect(verdict('{any: [{credentials: false}, {exists: {kind: DestinationRule}}]}').detail).toEqual({
      en: 'One of these is needed:\n- kubectl should have no credentials for the cluster; it has them.\n- A DestinationRule does not exist yet.',
      ja: '次のどれかが必要です。\n- kubectl にクラスタの認証情報がない状態である必要がありますが、いまはあります。\n- DestinationRule はまだありません。',
    });
    expect(verdict('{any: [{credentials: false}, {credentials: true, passed: This one.}]}').detail.en).toBe('This one.');
    expect(verdict('{not: {credentials: true}}').detail.en).toBe('This must no longer hold: kubectl has credentials for the cluster.');
    expect(verdict('{not: {exists: {kind: DestinationRule}}}').pass).toBe(true);
  });

  it('message and passed replace the generated sentence, in each language', () => {
    const check = '{credentials: false, message: {en: Not yet., ja: まだです。}, passed: Done.}';
    expect(verdict(check).detail).toEqual({ en: 'Not yet.', ja: 'まだです。' });
    expect(verdict(check, '', false).detail).toEqual({ en: 'Done.', ja: 'Done.' });
  });
});

describe('expect: reached', () => {
  it('passes when the application answered, whatever its status (the catalog\'s gRPC server answers curl with 415), and not when a proxy refused it', () => {
    const toCatalog = `{request: {from: default/testcurl, to: "${CATALOG}", expect: reached}}`;
    expect(verdict(toCatalog).pass).toBe(true);
    const catalogClosed = apply('apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: allow-nothing\n  namespace: product-catalog\nspec: {}');
    const refused = verdict(toCatalog, catalogClosed);
    expect(refused.pass).toBe(false);
    expect(refused.detail.en).toBe(`A request from default/testcurl to ${CATALOG} should reach the application; now it ends in a denial by AuthorizationPolicy (403) over plaintext.`);
    expect(verdict(`{request: {from: default/testcurl, to: "${FRONTEND}", expect: reached}}`, STRICT_FRONTEND).pass).toBe(false);
  });
});

describe('not over a request', () => {
  it('says it the other way round, in both languages', () => {
    const check = `{not: {request: {from: default/testcurl, to: "${FRONTEND}", expect: reset}}}`;
    expect(verdict(check)).toEqual({
      pass: true,
      detail: {
        en: `A request from default/testcurl to ${FRONTEND} ends in HTTP 200 over plaintext, as required (not to be reset).`,
        ja: `default/testcurl から ${FRONTEND} へのリクエストは HTTP 200（平文）で終わり、求められたとおりリセットされることはありません。`,
      },
    });
    expect(verdict(check, STRICT_FRONTEND)).toEqual({
      pass: false,
      detail: {
        en: `A request from default/testcurl to ${FRONTEND} must not be reset; now it ends in a reset over plaintext.`,
        ja: `default/testcurl から ${FRONTEND} へのリクエストはリセットされるべきではありませんが、いまはリセット（平文）で終わります。`,
      },
    });
  });
});

describe('exists without a name', () => {
  it('names the kind with the right article', () => {
    expect(verdict('{exists: {kind: AuthorizationPolicy, namespace: ad}}').detail.en).toBe('An AuthorizationPolicy in ad does not exist yet.');
    expect(verdict('{exists: {kind: PeerAuthentication}}').detail.en).toBe('A PeerAuthentication does not exist yet.');
  });
});

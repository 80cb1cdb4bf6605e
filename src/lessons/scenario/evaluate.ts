/**
 * Declarative checks, evaluated: what a scenario's `check:` says must hold, read from the world now
 * and from the learner's requests, with a sentence in both languages for what is still missing.
 * The engine decides every outcome (`probe`, `resolveServerMode`, `analyzeWorld`); this file only
 * compares what it decided with what the check asks for.
 */
import type { LocalizedText } from '../../domain/locale.ts';
import { resolveServerMode } from '../../domain/resolution/resolveServerMode.ts';
import type { PolicyLevel } from '../../domain/resolution/types.ts';
import { parseUrl } from '../../domain/traffic/request.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { World } from '../../domain/world.ts';
import { hasSidecar } from '../../domain/cluster/pods.ts';
import { summarizeMesh } from '../../domain/resolution/summarizeMesh.ts';
import { enforcedPolicies, isFromPlainPod, reachesApp } from '../checks.ts';
import { findProbePod, probe, resets, succeeds, targetHop } from '../probe.ts';
import type { CheckContext, CheckResult, ProbeSpec } from '../types.ts';
import { analyzeWorld, messageNamespace } from '../../shell/istioctl/analyzeWorld.ts';
import type { CheckSpec, ExpectSpec, FromSpec, Texts } from './format.ts';

/** TypeScript checks that in-repo lessons register by name. */
export type CustomChecks = Readonly<Record<string, (ctx: CheckContext) => CheckResult>>;

/** A text in both languages: the author's, with the missing language filled from `fallback`'s order. */
export function localize(texts: Texts, languages: readonly ('en' | 'ja')[]): LocalizedText {
  const first = languages.map((l) => texts[l]).find((t) => t !== undefined) ?? texts.en ?? texts.ja ?? '';
  return { en: texts.en ?? first, ja: texts.ja ?? first };
}

/**
 * Japanese is written without spaces between Japanese words; the templates put one around every
 * inserted part, so a space between two Japanese characters (kana, kanji, full-width brackets)
 * goes. Spaces next to Latin text stay (`は HTTP 200`), as do those between two katakana words
 * (`ワークロード レベル`), as the glossary writes them.
 */
const JA_GAP = /([\u3001-\u30ff\u4e00-\u9fff\uff08\uff09])[ ]+(?=([\u3001-\u30ff\u4e00-\u9fff\uff08\uff09]))/g;
const KATAKANA = /[\u30a0-\u30ff]/;
const both = (en: string, ja: string): LocalizedText => ({
  en,
  ja: ja.replace(JA_GAP, (gap, before: string, after: string) => (KATAKANA.test(before) && KATAKANA.test(after) ? gap : before)),
});

const LEVEL: Record<PolicyLevel, LocalizedText> = {
  default: both('by default', 'デフォルト'),
  mesh: both('at the mesh level', 'メッシュ レベル'),
  namespace: both('at the namespace level', 'Namespace レベル'),
  workload: both('at the workload level', 'ワークロード レベル'),
  port: both('at the port level', 'ポート レベル'),
};

export function fromSpecToProbe(from: FromSpec): ProbeSpec['from'] {
  return from.kind === 'pod' ? { kind: 'pod', namespace: from.namespace, app: from.app, ...(from.bypass ? { captured: false } : {}) } : { kind: from.kind };
}

function describeFrom(from: FromSpec): LocalizedText {
  if (from.kind === 'browser') return both('the browser', 'ブラウザ');
  if (from.kind === 'cloudshell') return both('Cloud Shell', 'Cloud Shell');
  const pod = `${from.namespace}/${from.app}`;
  return from.bypass ? both(`${pod} (bypassing its sidecar)`, `${pod}（サイドカーを経由しない）`) : both(pod, pod);
}

type Over = 'mtls' | 'plaintext' | 'tls';

function overText(over: Over | undefined): LocalizedText {
  if (over === 'mtls') return both(' over mTLS', '（mTLS）');
  if (over === 'plaintext') return both(' over plaintext', '（平文）');
  if (over === 'tls') return both(' over TLS from a DestinationRule', '（DestinationRule による TLS）');
  return both('', '');
}

function describeExpect(expect: ExpectSpec, over: Over | undefined, level?: PolicyLevel, serverMode?: string): LocalizedText {
  const over_ = overText(over);
  const levelText = level ? both(`, decided ${LEVEL[level].en}`, `（${LEVEL[level].ja}の設定による）`) : both('', '');
  const modeText = serverMode ? both(` to a ${serverMode} server`, `（${serverMode} のサーバーへ）`) : both('', '');
  const how = both(`${over_.en}${modeText.en}${levelText.en}`, `${over_.ja}${modeText.ja}${levelText.ja}`);
  const what: LocalizedText =
    expect === 'any' ? both('be sent', '送られる')
    : expect === 'reached' ? both('reach the application', 'アプリケーションに届く')
    : expect === 'ok' ? both('succeed', '成功する')
    : expect === 'reset' ? both('be reset', 'リセットされる')
    : expect === 'refused' ? both('be refused', '接続を拒否される')
    : expect === 'denied' ? both('be denied by an AuthorizationPolicy', 'AuthorizationPolicy で拒否される')
    : both(`get HTTP ${expect}`, `HTTP ${expect} を受け取る`);
  return both(`${what.en}${how.en}`, `${how.ja}${what.ja}`);
}

/** How the addressed workload's hop was carried. */
function carriedOver(trace: Trace): 'mtls' | 'plaintext' | 'tls' | undefined {
  const hop = targetHop(trace);
  if (!hop) return undefined;
  return hop.clientSends === 'ISTIO_MUTUAL' ? 'mtls' : hop.clientSends === 'PLAINTEXT' ? 'plaintext' : 'tls';
}

/** How a request ended, as a sentence: `200 over mTLS`, `a reset`, `HTTP 503`… */
export function describeOutcome(trace: Trace): LocalizedText {
  const over = carriedOver(trace);
  const how = overText(over);
  if (targetHop(trace)?.outcome === 'denied') return both(`a denial by AuthorizationPolicy (${trace.httpCode || '000'})${how.en}`, `AuthorizationPolicy による拒否（${trace.httpCode || '000'}）${how.ja}`);
  if (trace.curlExit === 56) return both(`a reset${how.en}`, `リセット${how.ja}`);
  if (trace.curlExit === 7) return both('a refused connection', '接続拒否');
  if (trace.curlExit !== 0) return both(`curl exit ${trace.curlExit}`, `curl の終了コード ${trace.curlExit}`);
  return both(`HTTP ${trace.httpCode}${how.en}`, `HTTP ${trace.httpCode}${how.ja}`);
}

export function meetsExpectation(trace: Trace, expect: ExpectSpec, over: Over | undefined, level?: PolicyLevel, serverMode?: string): boolean {
  if (over !== undefined && carriedOver(trace) !== over) return false;
  if (serverMode !== undefined && targetHop(trace)?.serverMode !== serverMode) return false;
  if (level !== undefined && targetHop(trace)?.serverReason.code !== `pa.${level}`) return false;
  switch (expect) {
    case 'any':
      return true;
    case 'reached':
      return reachesApp(trace);
    case 'ok':
      return succeeds(trace);
    case 'reset':
      return resets(trace);
    case 'refused':
      return trace.curlExit === 7;
    case 'denied':
      return targetHop(trace)?.outcome === 'denied';
    default:
      return trace.curlExit === 0 && trace.httpCode === expect;
  }
}

/** `frontend.frontend`, `frontend.frontend.svc` and the full name are one Service. */
function canonicalHost(host: string): string {
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)(?:\.svc(?:\.cluster\.local)?)?\.?$/.exec(host);
  return m ? `${m[1]}.${m[2]}.svc.cluster.local` : host;
}

function sentFrom(trace: Trace, from: FromSpec | undefined): boolean {
  if (from === undefined) return true;
  if (from.kind !== 'pod') return trace.from === `external/${from.kind}`;
  const [namespace, pod = ''] = trace.from.split('/');
  if (namespace === 'external') return false;
  if (from.namespace !== '*' && namespace !== from.namespace) return false;
  if (from.app !== '*' && !(pod === from.app || pod.startsWith(`${from.app}-`))) return false;
  return !from.bypass || isFromPlainPod(trace);
}

/** Whether the request addressed `url`: the same host (Services however spelled), port, and path when the check names one. */
export function sentTo(trace: Trace, url: string): boolean {
  const want = parseUrl(url);
  const got = parseUrl(trace.url);
  if (!want || !got || want.port !== got.port) return false;
  const host = canonicalHost(want.host);
  const sameHost = host === canonicalHost(got.host) || trace.hops[0]?.service === host;
  if (!sameHost) return false;
  const path = want.path.split(/[?#]/)[0] ?? '/';
  return path === '/' || got.path.split(/[?#]/)[0] === path;
}


interface Verdict {
  pass: boolean;
  /** What to say: what is missing when it fails, what holds when it passes. */
  text: LocalizedText;
}

export class CheckEvaluator {
  constructor(
    private readonly languages: readonly ('en' | 'ja')[],
    private readonly custom: CustomChecks = {},
  ) {}

  evaluate(spec: CheckSpec, ctx: CheckContext): CheckResult {
    const verdict = this.verdict(spec, ctx);
    return { pass: verdict.pass, detail: verdict.text };
  }

  private verdict(spec: CheckSpec, ctx: CheckContext): Verdict {
    const own = this.leaf(spec, ctx);
    const text = own.pass ? spec.passed : spec.message;
    return text ? { pass: own.pass, text: localize(text, this.languages) } : own;
  }

  private leaf(spec: CheckSpec, ctx: CheckContext): Verdict {
    switch (spec.kind) {
      case 'all': {
        const parts = spec.checks.map((c) => this.verdict(c, ctx));
        const failing = parts.filter((p) => !p.pass);
        return { pass: failing.length === 0, text: joinTexts(failing.length ? failing : parts) };
      }
      case 'any': {
        const parts = spec.checks.map((c) => this.verdict(c, ctx));
        const passing = parts.find((p) => p.pass);
        if (passing) return passing;
        const list = joinTexts(parts, '\n');
        return { pass: false, text: both(`One of these is needed:\n${bullets(list.en)}`, `次のどれかが必要です。\n${bullets(list.ja)}`) };
      }
      case 'not': {
        const negated = spec.check.kind === 'request' && !spec.check.message && !spec.check.passed ? this.notRequest(spec.check, ctx) : undefined;
        if (negated) return negated;
        const inner = this.verdict(spec.check, ctx);
        return inner.pass
          ? { pass: false, text: both(`This must no longer hold: ${inner.text.en}`, `次の状態ではなくなる必要があります: ${inner.text.ja}`) }
          : { pass: true, text: both(`As required, this does not hold: ${inner.text.en}`, `求められたとおり、次の状態ではありません: ${inner.text.ja}`) };
      }
      case 'request':
        return this.request(spec, ctx);
      case 'exists':
      case 'absent': {
        const { kind, namespace, name } = spec.object;
        const found = name !== undefined ? ctx.world.get(kind, namespace ?? '', name) !== undefined : ctx.world.list(kind, namespace).length > 0;
        const where = name === undefined
          ? `${/^[AEIOU]/.test(kind) ? 'An' : 'A'} ${kind}${namespace ? ` in ${namespace}` : ''}`
          : namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
        if (name === undefined) {
          const whereJa = namespace ? `${namespace} の ${kind}` : kind;
          const pass = spec.kind === 'exists' ? found : !found;
          if (spec.kind === 'exists') return { pass, text: pass ? both(`${where} exists.`, `${whereJa} があります。`) : both(`${where} does not exist yet.`, `${whereJa} はまだありません。`) };
          const none = namespace ? both(`No ${kind} is left in ${namespace}.`, `${namespace} に ${kind} は残っていません。`) : both(`No ${kind} is left.`, `${kind} は残っていません。`);
          const left = ctx.world.list(kind, namespace).map((o) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name));
          return { pass, text: pass ? none : both(`These ${kind} objects are still there: ${left.join(', ')}.`, `次の ${kind} がまだ残っています: ${left.join(', ')}`) };
        }
        const pass = spec.kind === 'exists' ? found : !found;
        if (spec.kind === 'exists') return { pass, text: pass ? both(`${where} exists.`, `${where} があります。`) : both(`${where} does not exist yet.`, `${where} はまだありません。`) };
        return { pass, text: pass ? both(`${where} is gone.`, `${where} はありません。`) : both(`${where} still exists.`, `${where} がまだあります。`) };
      }
      case 'mode':
        return this.mode(spec, ctx.world);
      case 'analyze': {
        const found = analyzeWorld(ctx.world).some((m) => m.code === spec.code && (spec.namespace === undefined || messageNamespace(m) === spec.namespace));
        const scope = spec.namespace ? both(` in ${spec.namespace}`, `（${spec.namespace}）`) : both('', '');
        const pass = found === spec.reported;
        const reports = both(`\`istioctl analyze\` reports ${spec.code}${scope.en}.`, `\`istioctl analyze\` は ${spec.code}${scope.ja} を報告します。`);
        const quiet = both(`\`istioctl analyze\` does not report ${spec.code}${scope.en}.`, `\`istioctl analyze\` は ${spec.code}${scope.ja} を報告しません。`);
        if (pass) return { pass, text: found ? reports : quiet };
        // A failing check says what is wanted, and what is so instead.
        return {
          pass,
          text: found
            ? both(`\`istioctl analyze\` should no longer report ${spec.code}${scope.en}; it still does.`, `\`istioctl analyze\` が ${spec.code}${scope.ja} を報告しなくなる必要がありますが、まだ報告します。`)
            : both(`\`istioctl analyze\` should report ${spec.code}${scope.en}; it does not yet.`, `\`istioctl analyze\` が ${spec.code}${scope.ja} を報告する必要がありますが、まだ報告しません。`),
        };
      }
      case 'sidecar': {
        const pods = ctx.world.list('Pod', spec.namespace).filter((p) => p.metadata.labels.app === spec.app || p.metadata.name === spec.app);
        const name = `${spec.namespace}/${spec.app}`;
        if (pods.length === 0) return { pass: false, text: both(`${name} has no pod.`, `${name} の Pod がありません。`) };
        const withSidecar = pods.filter(hasSidecar).length;
        const pass = spec.injected ? withSidecar === pods.length : withSidecar === 0;
        const now =
          withSidecar === pods.length ? both(`Every pod of ${name} runs a sidecar.`, `${name} のすべての Pod でサイドカーが動いています。`)
          : withSidecar === 0 ? both(`No pod of ${name} runs a sidecar.`, `${name} の Pod にはサイドカーがありません。`)
          : both(`${withSidecar} of ${pods.length} pods of ${name} run a sidecar.`, `${name} の Pod ${pods.length} 個のうち ${withSidecar} 個でサイドカーが動いています。`);
        if (pass) return { pass, text: now };
        const wanted = spec.injected
          ? both(`Every pod of ${name} should run a sidecar.`, `${name} のすべての Pod でサイドカーが動いている必要があります。`)
          : both(`No pod of ${name} should run a sidecar.`, `${name} の Pod にサイドカーがあってはいけません。`);
        return { pass, text: both(`${wanted.en} Now: ${now.en}`, `${wanted.ja}いまは: ${now.ja}`) };
      }
      case 'authz': {
        const name = `${spec.namespace}/${spec.app}`;
        const enforced = enforcedPolicies(ctx.world, spec.namespace, spec.app, spec.action).map((p) => `${p.namespace}/${p.name}`);
        const pass = (enforced.length > 0) === spec.applies;
        return enforced.length > 0
          ? { pass, text: both(`${name}'s proxy enforces ${spec.action} policies: ${enforced.join(', ')}.`, `${name} のプロキシは ${spec.action} ポリシーを適用しています: ${enforced.join(', ')}`) }
          : { pass, text: both(`No ${spec.action} AuthorizationPolicy is enforced for ${name}.`, `${name} に適用されている ${spec.action} の AuthorizationPolicy はありません。`) };
      }
      case 'credentials': {
        const pass = ctx.world.credentials === spec.present;
        if (!pass && ctx.world.credentials) return { pass, text: both('kubectl should have no credentials for the cluster; it has them.', 'kubectl にクラスタの認証情報がない状態である必要がありますが、いまはあります。') };
        return ctx.world.credentials
          ? { pass, text: both('kubectl has credentials for the cluster.', 'kubectl にはクラスタの認証情報があります。') }
          : { pass, text: both('kubectl has no credentials for the cluster yet: run `gcloud container clusters get-credentials`.', 'kubectl にはまだクラスタの認証情報がありません。`gcloud container clusters get-credentials` を実行してください。') };
      }
      case 'use':
        // Named checks are put in place when the scenario is loaded (load.ts); one left here is a bug.
        return { pass: false, text: both(`No check named ${spec.name} is defined.`, `${spec.name} という名前のチェックはありません。`) };
      case 'custom': {
        const check = this.custom[spec.name];
        if (!check) return { pass: false, text: both(`No check named ${spec.name} is available.`, `${spec.name} というチェックはありません。`) };
        const result = check(ctx);
        return { pass: result.pass, text: result.detail };
      }
    }
  }

  /** `not` over a request the check sends now, said the other way round: "… must not be denied; now it is". */
  private notRequest(spec: Extract<CheckSpec, { kind: 'request' }>, ctx: CheckContext): Verdict | undefined {
    if (spec.seen !== 'now' || !spec.from) return undefined;
    const who = describeFrom(spec.from);
    const want = describeExpect(spec.expect, spec.over, spec.level, spec.serverMode);
    const trace = probe(ctx.world, fromSpecToProbe(spec.from), spec.url);
    const got = describeOutcome(trace);
    return meetsExpectation(trace, spec.expect, spec.over, spec.level, spec.serverMode)
      ? { pass: false, text: both(`A request from ${who.en} to ${spec.url} must not ${want.en}; now it ends in ${got.en}.`, `${who.ja} から ${spec.url} へのリクエストは${want.ja}べきではありませんが、いまは ${got.ja} で終わります。`) }
      : { pass: true, text: both(`A request from ${who.en} to ${spec.url} ends in ${got.en}, as required (not to ${want.en}).`, `${who.ja} から ${spec.url} へのリクエストは ${got.ja} で終わり、求められたとおり${want.ja}ことはありません。`) };
  }

  private request(spec: Extract<CheckSpec, { kind: 'request' }>, ctx: CheckContext): Verdict {
    const who = spec.from ? describeFrom(spec.from) : both('anywhere', 'どこか');
    const want = describeExpect(spec.expect, spec.over, spec.level, spec.serverMode);
    const meets = (t: Trace) => meetsExpectation(t, spec.expect, spec.over, spec.level, spec.serverMode);
    if (spec.seen === 'now' && spec.from) {
      const trace = probe(ctx.world, fromSpecToProbe(spec.from), spec.url);
      const pass = meets(trace);
      const got = describeOutcome(trace);
      return {
        pass,
        text: pass
          ? both(`A request from ${who.en} to ${spec.url} ends in ${got.en}.`, `${who.ja} から ${spec.url} へのリクエストは ${got.ja} で終わります。`)
          : both(`A request from ${who.en} to ${spec.url} should ${want.en}; now it ends in ${got.en}.`, `${who.ja} から ${spec.url} へのリクエストは${want.ja}はずですが、いまは ${got.ja} で終わります。`),
      };
    }
    const traces = spec.seen === 'lesson' ? ctx.traces : (ctx.stepTraces ?? ctx.traces);
    const sent = traces.filter((t) => sentFrom(t, spec.from) && sentTo(t, spec.url));
    const last = sent.at(-1);
    const pass = spec.seen === 'last' ? last !== undefined && meets(last) : sent.some(meets);
    if (pass) return { pass, text: both(`You saw a request from ${who.en} to ${spec.url} ${want.en}.`, `${who.ja} から ${spec.url} へのリクエストが${want.ja}ことを確かめました。`) };
    const lastText = last ? describeOutcome(last) : undefined;
    return {
      pass,
      text: both(
        `Send a request from ${who.en} to ${spec.url} and see it ${want.en}${lastText ? ` (the last one ended in ${lastText.en})` : ''}.`,
        `${who.ja} から ${spec.url} にリクエストを送り、${want.ja}ことを確かめてください${lastText ? `（直前のリクエストは ${lastText.ja} で終わりました）` : ''}。`,
      ),
    };
  }

  private mode(spec: Extract<CheckSpec, { kind: 'mode' }>, world: World): Verdict {
    if (spec.app === '*') {
      const namespaces = spec.namespace === '*' ? undefined : [spec.namespace];
      const workloads = summarizeMesh(world).filter((w) => w.sidecar && !w.gateway && w.namespace !== world.rootNamespace && (!namespaces || namespaces.includes(w.namespace)));
      const lagging = workloads.filter((w) => {
        const pod = spec.port === undefined ? undefined : world.get('Pod', w.namespace, w.pod);
        const d = spec.port === undefined ? w.workloadMode : pod ? resolveServerMode(world, pod, spec.port) : undefined;
        return !d || d.mode !== spec.is || (spec.level !== undefined && d.level !== spec.level);
      });
      const scope = spec.namespace === '*' ? both('every meshed workload', 'メッシュ内のすべてのワークロード') : both(`every meshed workload in ${spec.namespace}`, `${spec.namespace} のすべてのワークロード`);
      const wanted = spec.level ? both(`${spec.is}, set ${LEVEL[spec.level].en}`, `${spec.is}（${LEVEL[spec.level].ja}）`) : both(spec.is, spec.is);
      if (workloads.length === 0) return { pass: false, text: both(`There is no meshed workload in ${spec.namespace}.`, `${spec.namespace} にメッシュ内のワークロードがありません。`) };
      const pass = lagging.length === 0;
      const names = lagging.map((w) => `${w.namespace}/${w.workload}`).join(', ');
      return pass
        ? { pass, text: both(`${scope.en[0]!.toUpperCase()}${scope.en.slice(1)} is ${wanted.en}.`, `${scope.ja}が ${wanted.ja} です。`) }
        : { pass, text: both(`${scope.en[0]!.toUpperCase()}${scope.en.slice(1)} should be ${wanted.en}; not yet: ${names}.`, `${scope.ja}が ${wanted.ja} である必要があります。まだのもの: ${names}`) };
    }
    const name = `${spec.namespace}/${spec.app}${spec.port !== undefined ? ` port ${spec.port}` : ''}`;
    const nameJa = `${spec.namespace}/${spec.app}${spec.port !== undefined ? ` のポート ${spec.port}` : ''}`;
    const pod = findProbePod(world, spec.namespace, spec.app);
    if (!pod) return { pass: false, text: both(`${spec.namespace}/${spec.app} has no pod.`, `${spec.namespace}/${spec.app} の Pod がありません。`) };
    const decision = resolveServerMode(world, pod, spec.port);
    const pass = decision.mode === spec.is && (spec.level === undefined || decision.level === spec.level);
    const now = both(`${decision.mode}, set ${LEVEL[decision.level].en}`, `${decision.mode}（${LEVEL[decision.level].ja}）`);
    if (pass) return { pass, text: both(`${name} is ${now.en}.`, `${nameJa} は ${now.ja} です。`) };
    const wanted = spec.level ? both(`${spec.is}, set ${LEVEL[spec.level].en}`, `${spec.is}（${LEVEL[spec.level].ja}）`) : both(spec.is, spec.is);
    return { pass, text: both(`${name} should be ${wanted.en}; it is ${now.en}.`, `${nameJa} は ${wanted.ja} である必要がありますが、いまは ${now.ja} です。`) };
  }
}

function joinTexts(parts: readonly Verdict[], separator = '\n\n'): LocalizedText {
  return { en: parts.map((p) => p.text.en).join(separator), ja: parts.map((p) => p.text.ja).join(separator) };
}

function bullets(text: string): string {
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => `- ${l}`).join('\n');
}

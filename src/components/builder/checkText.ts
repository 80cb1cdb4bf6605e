import type { ExpectSpec, CheckSpec, FromSpec } from '../../lessons/scenario/format.ts';
import type { MessageKey } from '../../i18n/messages/index.ts';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Who sends a request, in the builder's words. */
export function fromText(from: FromSpec | undefined, t: T): string {
  if (!from) return t('builder.anyone');
  if (from.kind !== 'pod') return from.kind === 'browser' ? 'browser' : 'Cloud Shell';
  return `${from.namespace}/${from.app}${from.bypass ? ' (no sidecar)' : ''}`;
}

/** How a request must end, in the builder's words. */
export function expectText(expect: ExpectSpec, over: string | undefined, t: T): string {
  const what = typeof expect === 'number' ? t('builder.expect.status', { code: expect }) : t(`builder.expect.${expect}`);
  return over ? `${what} ${t('builder.over', { over: over === 'mtls' ? 'mTLS' : over === 'tls' ? 'TLS' : over })}` : what;
}

/** One line for a check of the draft. */
export function checkText(check: CheckSpec, t: T): string {
  if (check.kind === 'request') {
    const line = t('builder.check.request', { from: fromText(check.from, t), url: check.url, expect: expectText(check.expect, check.over, t) });
    return `${line} (${t(check.seen === 'now' ? 'builder.check.now' : 'builder.check.step')})`;
  }
  if (check.kind === 'exists') return t('builder.check.exists', { object: `${check.object.kind} ${check.object.namespace ? `${check.object.namespace}/` : ''}${check.object.name ?? '*'}` });
  return t('builder.check.other', { kind: check.kind });
}

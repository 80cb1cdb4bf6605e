import { parseUrl } from '../../domain/traffic/request.ts';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { MessageKey } from '../../i18n/messages/index.ts';

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/**
 * The debugging detail of the frontend's error page: the text of its `<pre>`, entities decoded.
 * The body is never rendered as HTML; only this text is shown.
 */
export function errorDetail(body: string): string {
  const m = /<pre[^>]*>([\s\S]*?)<\/pre>/i.exec(body);
  return (m?.[1] ?? '').replace(/&(lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e] ?? e).trim();
}

/** The host a browser shows in its error pages. */
export function hostOf(url: string): string {
  return parseUrl(url)?.host ?? url;
}

/**
 * What Chrome shows when no HTTP response arrived: the heading and the summary (message keys:
 * Chrome's prose follows the browser's language), the error code (the same in every language), and
 * whether it suggests checking the connection (network errors do; TLS errors do not).
 */
export interface NetError {
  title: MessageKey;
  summary: MessageKey;
  /** Whether the host is part of the summary (shown in bold), as in "<host> refused to connect." */
  hostFirst: boolean;
  code: string;
  tips: boolean;
}

/** Chrome's net-error page for a trace's page view (chromium net error page and SSL interstitial strings). */
export function netError(page: Trace['page']): NetError | undefined {
  const unreachable = (summary: MessageKey, hostFirst: boolean, code: string): NetError => ({ title: 'browser.cantReach', summary, hostFirst, code, tips: true });
  switch (page) {
    case 'connection-reset':
      return unreachable('browser.net.reset', false, 'ERR_CONNECTION_RESET');
    case 'connection-refused':
      return unreachable('browser.net.refused', true, 'ERR_CONNECTION_REFUSED');
    case 'timed-out':
      return unreachable('browser.net.timedOut', true, 'ERR_CONNECTION_TIMED_OUT');
    case 'connection-closed':
      return unreachable('browser.net.closed', true, 'ERR_CONNECTION_CLOSED');
    case 'ssl-protocol-error':
      return { title: 'browser.notSecure', summary: 'browser.net.sslProtocol', hostFirst: true, code: 'ERR_SSL_PROTOCOL_ERROR', tips: false };
    case 'ssl-client-auth':
      return { title: 'browser.notSecure', summary: 'browser.net.clientCert', hostFirst: true, code: 'ERR_BAD_SSL_CLIENT_AUTH_CERT', tips: false };
    case 'cert-invalid':
      return { title: 'browser.notPrivate', summary: 'browser.net.certAuthority', hostFirst: false, code: 'NET::ERR_CERT_AUTHORITY_INVALID', tips: false };
    default:
      return undefined;
  }
}

/** `$19.99` */
export function formatPrice(price: number): string {
  return `$${price.toFixed(2)}`;
}

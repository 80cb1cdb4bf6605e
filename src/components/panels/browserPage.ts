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
 * What Chrome shows when no HTTP response arrived: the summary (a message key: Chrome's prose
 * follows the browser's language) and the error code (the same in every language).
 */
export interface NetError {
  summary: MessageKey;
  /** Whether the host is part of the summary (shown in bold), as in "<host> refused to connect." */
  hostFirst: boolean;
  code: string;
}

/** Chrome's net-error page for a trace's page view (chromium net error page strings). */
export function netError(page: Trace['page']): NetError | undefined {
  switch (page) {
    case 'connection-reset':
      return { summary: 'browser.net.reset', hostFirst: false, code: 'ERR_CONNECTION_RESET' };
    case 'connection-refused':
      return { summary: 'browser.net.refused', hostFirst: true, code: 'ERR_CONNECTION_REFUSED' };
    case 'timed-out':
      return { summary: 'browser.net.timedOut', hostFirst: true, code: 'ERR_CONNECTION_TIMED_OUT' };
    default:
      return undefined;
  }
}

/** `$19.99` */
export function formatPrice(price: number): string {
  return `$${price.toFixed(2)}`;
}

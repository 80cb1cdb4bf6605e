import type { Trace } from '../../domain/traffic/trace.ts';
import type { CommandContext, CommandHandler } from '../types.ts';
import { curlHelp, curlVersionText } from './curlHelp.ts';
import { type CurlOptions, type OutputTarget, parseCurlArgs } from './parseCurlArgs.ts';
import { PROGRESS_HEADER, progressFinalLine } from './progressMeter.ts';
import { type WriteOutTransfer, type WriteOutValue, expandWriteOut } from './writeOut.ts';

/** curl's exit code when the server's certificate cannot be verified. */
const CURLE_PEER_FAILED_VERIFICATION = 60;
/** What the curl tool adds after that error (CURL_CA_CERT_ERRORMSG, curl-8_11_1 src/tool_operate.c). */
const CA_CERT_ERROR_MESSAGE =
  'More details here: https://curl.se/docs/sslcerts.html\n\n' +
  'curl failed to verify the legitimacy of the server and therefore could not\n' +
  'establish a secure connection to it. To learn more about this situation and\n' +
  'how to fix it, please visit the webpage mentioned above.\n';

/** What curl asks the engine to send; the caller decides who sends it (Cloud Shell, a pod…). */
export interface CurlRequest {
  url: string;
  method: string;
  /** Request headers as curl sends them, User-Agent excepted. */
  headers: Record<string, string>;
  /** Empty when `-A ''` removed the header. */
  userAgent: string;
  /** `-k`: an https server's certificate is not verified. */
  insecure?: boolean;
}

export interface CreateCurlOptions {
  /** curl's version, for `User-Agent: curl/<version>` and `-V`. Default 8.11.1 (curlimages/curl). */
  version?: string;
  /** The IPv4 address a host name resolves to, for `-v` and `%{remote_ip}`; undefined if unknown. */
  resolve?: (host: string) => string | undefined;
}

type Send = (request: CurlRequest) => Trace;

const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";

/** curl_easy_strerror texts (lib/strerror.c, 8.x wording) for traces that carry no message. */
const STRERROR: Record<number, string> = {
  1: 'Unsupported protocol',
  3: 'URL using bad/illegal format or missing URL',
  6: 'Could not resolve hostname',
  7: 'Could not connect to server',
  22: 'HTTP response code said error',
  23: 'Failed writing received data to disk/application',
  28: 'Timeout was reached',
  35: 'SSL connect error',
  47: 'Number of redirects hit maximum amount',
  52: 'Server returned nothing (no headers, no data)',
  56: 'Failure when receiving data from the peer',
};

/** Reason phrases Envoy's HTTP/1.1 codec writes in the status line. */
const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
  303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 426: 'Upgrade Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
  508: 'Loop Detected',
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

interface Target {
  scheme: string;
  host: string;
  port: number;
  explicitPort: boolean;
  /** Path without query or fragment, at least `/`. */
  path: string;
  /** `?…` or empty. */
  query: string;
}

/** Reads a URL as curl's URL parser would for http(s): a missing scheme means http. */
function parseTarget(raw: string): Target | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?(?:[^@/?#]*@)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([^?#]*)(\?[^#]*)?(#.*)?$/.exec(raw.trim());
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const defaultPort = scheme === 'https' ? 443 : 80;
  const port = m[3] ? Number(m[3]) : defaultPort;
  return { scheme, host: m[2] ?? '', port, explicitPort: Boolean(m[3]), path: m[4] || '/', query: m[5] ?? '' };
}

function effectiveUrl(raw: string, t: Target | undefined): string {
  if (!t) return raw;
  return `${t.scheme}://${t.host}${t.explicitPort ? `:${t.port}` : ''}${t.path}${t.query}`;
}

/** The Host header value: the port only when it is not the scheme's default (lib/http.c). */
function hostHeader(t: Target): string {
  const isDefault = (t.scheme === 'https' && t.port === 443) || (t.scheme === 'http' && t.port === 80);
  return isDefault ? t.host : `${t.host}:${t.port}`;
}

/** Relative `Location` values are resolved against the URL that answered. */
function resolveLocation(base: Target, location: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(location)) return location;
  const origin = `${base.scheme}://${base.host}${base.explicitPort ? `:${base.port}` : ''}`;
  if (location.startsWith('//')) return `${base.scheme}:${location}`;
  if (location.startsWith('/')) return `${origin}${location}`;
  const dir = base.path.replace(/[^/]*$/, '');
  return `${origin}${dir}${location}`;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

interface CustomHeader {
  name: string;
  /** Undefined: `Name:` with nothing after it, which removes curl's own header of that name. */
  value: string | undefined;
}

/** `-H` lines as lib/http.c `Curl_add_custom_headers` reads them; lines with neither `:` nor `Name;` are dropped. */
function customHeaders(raw: string[]): CustomHeader[] {
  const out: CustomHeader[] = [];
  for (const line of raw) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const value = line.slice(colon + 1).replace(/^[ \t]+/, '');
      out.push({ name: line.slice(0, colon), value: value === '' ? undefined : value });
      continue;
    }
    const semi = /^([^;]+);\s*$/.exec(line);
    if (semi?.[1]) out.push({ name: semi[1], value: '' });
  }
  return out;
}

interface BuiltRequest {
  /** Request line and header lines, as `-v` shows them after `> `. */
  lines: string[];
  headers: Record<string, string>;
  userAgent: string;
  /** Bytes of the request head (CURLINFO_REQUEST_SIZE, without the body). */
  size: number;
}

/** Builds the request head in curl's order: Host, Authorization, User-Agent, Accept, Referer, custom, body headers. */
function buildRequest(o: CurlOptions, t: Target, method: string, body: string | undefined, defaultAgent: string): BuiltRequest {
  const custom = customHeaders(o.headers);
  const has = (name: string) => custom.some((h) => h.name.toLowerCase() === name);
  const customHost = custom.find((h) => h.name.toLowerCase() === 'host');
  const lines: [string, string][] = [];
  if (!customHost) lines.push(['Host', hostHeader(t)]);
  else if (customHost.value !== undefined) lines.push([customHost.name, customHost.value]);
  if (o.user !== undefined && !has('authorization')) lines.push(['Authorization', `Basic ${base64(o.user.includes(':') ? o.user : `${o.user}:`)}`]);
  const userAgent = o.userAgent ?? defaultAgent;
  if (!has('user-agent') && userAgent !== '') lines.push(['User-Agent', userAgent]);
  if (!has('accept')) lines.push(['Accept', '*/*']);
  if (o.referer !== undefined && !has('referer')) lines.push(['Referer', o.referer]);
  if (o.httpVersion === '2' && t.scheme === 'http') {
    lines.push(['Connection', 'Upgrade, HTTP2-Settings'], ['Upgrade', 'h2c'], ['HTTP2-Settings', 'AAMAAABkAAQAoAAAAAIAAAAA']);
  }
  for (const h of custom) if (h.value !== undefined && h.name.toLowerCase() !== 'host') lines.push([h.name, h.value]);
  if (body !== undefined) {
    if (!has('content-length')) lines.push(['Content-Length', String(new TextEncoder().encode(body).length)]);
    if (!has('content-type')) lines.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  const requestLine = `${method} ${t.path}${t.query} HTTP/${o.httpVersion === '1.0' ? '1.0' : '1.1'}`;
  const shown = [requestLine, ...lines.map(([k, v]) => `${k}: ${v}`)];
  const headers: Record<string, string> = {};
  for (const [k, v] of lines) if (k.toLowerCase() !== 'user-agent') headers[k] = v;
  const size = shown.reduce((n, l) => n + l.length + 2, 2);
  return { lines: shown, headers, userAgent: has('user-agent') ? (custom.find((h) => h.name.toLowerCase() === 'user-agent')?.value ?? '') : userAgent, size };
}

/** When in the transfer a failure happened, which decides the `-v` lines before it. */
type Phase = 'ok' | 'before' | 'resolve' | 'connect' | 'handshake' | 'response';

function failurePhase(exit: number, error: string): Phase {
  if (exit === 0) return 'ok';
  if (exit === 5 || exit === 6) return 'resolve';
  if (exit === 7 || exit === 28) return 'connect';
  // 35: the handshake failed; 60: it stopped at the server's certificate (before any request).
  if (exit === 35 || exit === 60) return 'handshake';
  if (exit === 1) return /HTTP\/0\.9/.test(error) ? 'response' : 'before';
  if (exit === 2 || exit === 3) return 'before';
  return 'response';
}

interface Timing {
  namelookup: number;
  connect: number;
  pretransfer: number;
  starttransfer: number;
  total: number;
}

/**
 * A plausible, deterministic clock for one request, in microseconds: a lookup, a connect, then a
 * couple of milliseconds per hop the request crossed. A failure reporting `after N ms` takes N.
 */
function timing(phase: Phase, trace: Trace, isIp: boolean, bodyBytes: number): Timing {
  const hops = Math.max(1, trace.hops.length);
  const namelookup = isIp ? 18 : 1214;
  const connect = namelookup + 362;
  const pretransfer = connect + 41;
  const starttransfer = pretransfer + 917 + 1483 * hops;
  const reported = /after (\d+) ms/.exec(trace.curlError ?? '');
  switch (phase) {
    case 'before':
      return { namelookup: 0, connect: 0, pretransfer: 0, starttransfer: 0, total: 27 };
    case 'resolve':
      return { namelookup: 0, connect: 0, pretransfer: 0, starttransfer: 0, total: 2071 };
    case 'connect':
      return { namelookup, connect: 0, pretransfer: 0, starttransfer: 0, total: reported ? Number(reported[1]) * 1000 + 412 : connect + 1093 };
    case 'handshake':
      return { namelookup, connect, pretransfer: 0, starttransfer: 0, total: connect + 873 };
    case 'response':
      return { namelookup, connect, pretransfer, starttransfer: 0, total: starttransfer };
    case 'ok':
      return { namelookup, connect, pretransfer, starttransfer, total: starttransfer + 64 + Math.floor(bodyBytes / 25) };
  }
}

function statusLine(code: number): string {
  return `HTTP/1.1 ${code} ${REASONS[code] ?? ''}`.trimEnd();
}

function headerBlock(code: number, headers: [string, string][]): string {
  return [statusLine(code), ...headers.map(([k, v]) => `${k}: ${v}`), ''].join('\n') + '\n';
}

/** The file name `-O` takes from a URL (curl 8.10+: the last non-empty path segment, else `curl_response`). */
function remoteName(t: Target | undefined): string | undefined {
  const segments = (t?.path ?? '').split('/').filter((s) => s !== '');
  return segments[segments.length - 1];
}

/** What `-w` needs to know about one finished transfer. */
interface TransferRecord {
  index: number;
  rawUrl: string;
  /** The last URL requested (after redirects). */
  url: string;
  first: Target | undefined;
  target: Target | undefined;
  trace: Trace;
  phase: Phase;
  exit: number;
  error: string;
  method: string;
  body: string | undefined;
  ip: string | undefined;
  filename: string | undefined;
  connectionId: number;
  redirects: number;
  redirectUrl: string | undefined;
  redirectMicros: number;
  clock: Timing;
  headerBytes: number;
  downloaded: number;
  uploaded: number;
  connected: boolean;
}

interface Connection {
  id: number;
  key: string;
}

/** One run of the curl command: parsed options, the shared connection state, the output streams. */
class CurlRun {
  private connection: Connection | undefined;
  private nextConnectionId = 0;
  private readonly userAgent: string;

  constructor(
    private readonly ctx: CommandContext,
    private readonly o: CurlOptions,
    private readonly send: Send,
    private readonly version: string,
    private readonly resolve: ((host: string) => string | undefined) | undefined,
    private readonly data: string | undefined,
  ) {
    this.userAgent = `curl/${version}`;
  }

  private verbose(line: string): void {
    if (this.o.verbose) this.ctx.stderr(`${line}\n`);
  }

  private warn(text: string): void {
    if (!this.o.silent) this.ctx.stderr(`Warning: ${text}\n`);
  }

  /** Runs every URL in turn; curl exits with the last transfer's status. */
  run(): number {
    let exit = 0;
    this.o.urls.forEach((url, index) => {
      const target = this.o.outputs[index] ?? (this.o.remoteNameAll ? { kind: 'remote' } : undefined);
      exit = this.transfer(url, index, target);
    });
    return exit;
  }

  private inferredMethod(): string {
    return this.o.head ? 'HEAD' : this.data !== undefined ? 'POST' : 'GET';
  }

  private transfer(rawUrl: string, index: number, output: OutputTarget | undefined): number {
    const o = this.o;
    const first = parseTarget(rawUrl);
    let filename: string | undefined;
    if (output?.kind === 'file' && output.path !== '-') filename = output.path;
    if (output?.kind === 'remote') {
      filename = remoteName(first);
      if (!filename) {
        this.warn('No remote filename, uses "curl_response"');
        filename = 'curl_response';
      }
    }
    // curl's own meter shows whenever the body is not going to the terminal.
    const toTerminal = filename === undefined;
    const meter = !toTerminal && !o.silent && o.progressMeter;
    if (meter) this.ctx.stderr(PROGRESS_HEADER);
    if (o.method !== undefined && o.method === this.inferredMethod()) {
      this.verbose(`Note: Unnecessary use of -X or --request, ${o.method} is already inferred.`);
    }

    let url = rawUrl;
    let method = o.method ?? this.inferredMethod();
    let body = o.head ? undefined : this.data;
    let redirects = 0;
    let redirectMicros = 0;
    let headerBytes = 0;
    let shownHeaders = '';
    let exit: number;
    let error: string;
    let trace: Trace;
    let target: Target | undefined;
    let ip: string | undefined;
    let connected: boolean;
    let phase: Phase;
    let closing = '';
    let content = '';
    let downloaded = 0;
    let clock: Timing;
    let redirectUrl: string | undefined;
    let connectionId = -1;

    for (;;) {
      target = parseTarget(url);
      const t = target ?? { scheme: 'http', host: '', port: 80, explicitPort: false, path: '/', query: '' };
      const request = buildRequest(o, t, method, body, this.userAgent);
      trace = this.send({ url, method, headers: request.headers, userAgent: request.userAgent, ...(o.insecure ? { insecure: true } : {}) });
      this.ctx.trace(trace);

      exit = trace.curlExit;
      error = exit === 0 ? '' : (trace.curlError ?? STRERROR[exit] ?? '');
      phase = failurePhase(exit, error);
      const isIp = IPV4.test(t.host);
      ip = isIp ? t.host : this.resolve?.(t.host);
      const timeoutMs = this.timeoutMs();
      const timedOut = phase === 'connect' && exit === 28 && timeoutMs !== undefined;
      if (timedOut) {
        // lib/connect.c: the eyeballer gives up just before the deadline, then the filter fails.
        error = `Failed to connect to ${t.host} port ${t.port} after ${timeoutMs + 1} ms: Timeout was reached`;
      }
      const isHead = method === 'HEAD';
      const responseBody = phase === 'ok' && !isHead ? trace.body : '';
      clock = timing(phase, trace, isIp, responseBody.length);
      if (timedOut) clock = { ...clock, total: (timeoutMs + 1) * 1000 + 174 };
      connected = phase === 'handshake' || phase === 'response' || phase === 'ok';

      if (phase === 'before') {
        this.verbose(`* ${error}`);
        break;
      }
      if (phase === 'resolve') {
        this.verbose(`* ${error}`);
        connectionId = this.nextConnectionId++;
        closing = `* shutting down connection #${connectionId}`;
        this.connection = undefined;
        break;
      }

      const key = `${t.scheme}://${t.host}:${t.port}`;
      let id: number;
      if (this.connection && this.connection.key === key) {
        id = this.connection.id;
        connectionId = id;
        this.verbose(`* Re-using existing ${t.scheme}: connection with host ${t.host}`);
      } else {
        id = this.nextConnectionId++;
        if (ip && !isIp) {
          this.verbose(`* Host ${t.host}:${t.port} was resolved.`);
          this.verbose('* IPv6: (none)');
          this.verbose(`* IPv4: ${ip}`);
        }
        this.verbose(`*   Trying ${ip ?? t.host}:${t.port}...`);
        connectionId = id;
        if (phase === 'connect') {
          if (timedOut) this.verbose(`* ipv4 connect timeout after ${timeoutMs - 1}ms, move on!`);
          this.verbose(`* ${error}`);
          closing = `* closing connection #${id}`;
          this.connection = undefined;
          break;
        }
        this.verbose(`* Connected to ${t.host}${ip ? ` (${ip})` : ''} port ${t.port}`);
        if (t.scheme === 'https') {
          this.verbose('* ALPN: curl offers h2,http/1.1');
          this.verbose('* TLSv1.3 (OUT), TLS handshake, Client hello (1):');
        }
        if (phase === 'handshake') {
          this.verbose(`* ${error}`);
          closing = `* closing connection #${id}`;
          this.connection = undefined;
          break;
        }
        this.verbose('* using HTTP/1.x');
      }
      if (o.user !== undefined) this.verbose(`* Server auth using Basic with user '${o.user.split(':')[0] ?? ''}'`);
      for (const line of request.lines) this.verbose(`> ${line}`);
      this.verbose('> ');
      if (body !== undefined) {
        const bytes = new TextEncoder().encode(body).length;
        if (!toTerminal && bytes > 0) this.verbose(`} [${bytes} bytes data]`);
        this.verbose(`* upload completely sent off: ${bytes} bytes`);
      } else {
        this.verbose('* Request completely sent off');
      }
      if (phase === 'response') {
        this.verbose(`* ${error}`);
        closing = `* closing connection #${id}`;
        this.connection = undefined;
        break;
      }

      const code = trace.httpCode;
      const headers = trace.responseHeaders;
      this.verbose(`< ${statusLine(code)}`);
      for (const [k, v] of headers) this.verbose(`< ${k}: ${v}`);
      this.verbose('< ');
      headerBytes += headerBlock(code, headers).replace(/\n/g, '\r\n').length;
      const location = headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
      const closes = headers.some(([k, v]) => k.toLowerCase() === 'connection' && v.toLowerCase() === 'close');
      const keep = (): void => {
        this.connection = closes ? undefined : { id, key };
        closing = closes ? `* shutting down connection #${id}` : `* Connection #${id} to host ${t.host} left intact`;
      };

      if (location && REDIRECTS.has(code)) redirectUrl = resolveLocation(t, location);
      if (o.location && location && REDIRECTS.has(code)) {
        if (o.head || o.include) shownHeaders += headerBlock(code, headers);
        if (redirects >= o.maxRedirs) {
          exit = 47;
          error = `Maximum (${o.maxRedirs}) redirects followed`;
          this.verbose(`* ${error}`);
          closing = `* closing connection #${id}`;
          this.connection = undefined;
          break;
        }
        keep();
        this.verbose(closing);
        closing = '';
        redirects++;
        redirectMicros += clock.total;
        url = resolveLocation(t, location);
        redirectUrl = undefined;
        this.verbose(`* Issue another request to this URL: '${url}'`);
        // lib/http.c: 301/302 turn a POST into a GET, 303 turns anything but HEAD into a GET.
        if ((code === 303 && method !== 'HEAD') || ((code === 301 || code === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }

      if ((o.fail || o.failWithBody) && code >= 400) {
        exit = 22;
        error = `The requested URL returned error: ${code}`;
        this.verbose(`* ${error}`);
        closing = `* closing connection #${id}`;
        this.connection = undefined;
        if (o.failWithBody) {
          content = (o.head || o.include ? shownHeaders + headerBlock(code, headers) : '') + responseBody;
          downloaded = responseBody.length;
        }
        break;
      }
      content = (o.head || o.include ? shownHeaders + headerBlock(code, headers) : '') + responseBody;
      downloaded = responseBody.length;
      keep();
      break;
    }

    // The body: to the terminal between the `<` lines and the connection's last line, or to a file.
    if (content) {
      if (toTerminal) {
        this.ctx.stdout(content);
      } else {
        if (downloaded > 0) this.verbose(`{ [${downloaded} bytes data]`);
        const failure = this.writeFile(filename ?? '', content);
        if (failure) {
          exit = 23;
          error = failure;
          this.verbose(`* ${error}`);
          closing = closing.replace(/^.*#(\d+).*$/, '* closing connection #$1');
          this.connection = undefined;
        }
      }
    } else if (!toTerminal && exit === 0) {
      // tool_operate.c creates the file even for an empty body.
      this.writeFile(filename ?? '', '');
    }

    const sent = phase === 'ok' || phase === 'response';
    const uploaded = body !== undefined && sent ? new TextEncoder().encode(body).length : 0;
    if (meter) {
      const dl = trace.responseHeaders.find(([k]) => k.toLowerCase() === 'content-length')?.[1];
      const size = dl !== undefined && method !== 'HEAD' && /^\d+$/.test(dl) ? Number(dl) : undefined;
      this.ctx.stderr(progressFinalLine({
        downloaded,
        downloadSize: size,
        uploaded,
        seconds: clock.total / 1e6,
      }));
    }
    if (closing) this.verbose(closing);
    if (exit !== 0 && (!o.silent || o.showError)) {
      this.ctx.stderr(`curl: (${exit}) ${error}\n`);
      if (exit === CURLE_PEER_FAILED_VERIFICATION) this.ctx.stderr(CA_CERT_ERROR_MESSAGE);
    }

    if (o.writeOut !== undefined) {
      this.writeOut(o.writeOut, {
        index, rawUrl, url, target, first, trace, phase, exit, error, method, body, ip, filename, connectionId,
        redirects, redirectUrl, redirectMicros, clock, headerBytes, downloaded, uploaded, connected,
      });
    }
    return exit;
  }

  /** Prints `-w` for one finished transfer (tool_writeout.c variables, in curl's alphabetical order). */
  private writeOut(format: string, r: TransferRecord): void {
    const o = this.o;
    const { trace, phase, exit, method, body, first, clock, redirectMicros, downloaded, uploaded } = r;
    const t = r.target;
    const sent = phase === 'ok' || phase === 'response';
    const totalMicros = redirectMicros + clock.total;
    const response = phase === 'ok' ? trace.responseHeaders : [];
    const httpCode = phase === 'ok' ? trace.httpCode : 0;
    const str = (value: string | undefined): WriteOutValue => (value === undefined ? undefined : { kind: 'string', value });
    const long = (value: number): WriteOutValue => ({ kind: 'long', value });
    const time = (micros: number): WriteOutValue => ({ kind: 'time', micros });
    const contentType = response.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    const variables: Record<string, WriteOutValue> = {
      certs: str(''),
      conn_id: long(r.connectionId),
      content_type: str(contentType),
      errormsg: exit === 0 ? undefined : str(r.error),
      exitcode: long(exit),
      filename_effective: str(r.filename),
      ftp_entry_path: undefined,
      http_code: { kind: 'code', value: httpCode },
      http_connect: { kind: 'code', value: 0 },
      http_version: str(httpCode ? '1.1' : '0'),
      local_ip: str(''),
      local_port: long(0),
      method: str(method),
      num_certs: long(0),
      num_connects: long(r.connected ? 1 : 0),
      num_headers: long(response.length),
      num_redirects: long(r.redirects),
      num_retries: long(0),
      proxy_ssl_verify_result: long(0),
      proxy_used: long(0),
      redirect_url: str(r.redirectUrl),
      referer: str(o.referer),
      remote_ip: str(phase === 'before' || phase === 'resolve' ? '' : (r.ip ?? '')),
      remote_port: long(phase === 'before' || phase === 'resolve' || !t ? 0 : t.port),
      response_code: { kind: 'code', value: httpCode },
      scheme: str(t?.scheme ?? ''),
      size_download: long(downloaded),
      size_header: long(r.headerBytes),
      size_request: long(sent && t ? buildRequest(o, t, method, body, this.userAgent).size : 0),
      size_upload: long(uploaded),
      speed_download: long(totalMicros > 0 ? Math.floor((downloaded * 1e6) / totalMicros) : 0),
      speed_upload: long(totalMicros > 0 ? Math.floor((uploaded * 1e6) / totalMicros) : 0),
      ssl_verify_result: long(0),
      time_appconnect: time(0),
      time_connect: time(clock.connect ? redirectMicros + clock.connect : 0),
      time_namelookup: time(clock.namelookup ? redirectMicros + clock.namelookup : 0),
      time_posttransfer: time(clock.pretransfer ? redirectMicros + clock.pretransfer + 12 : 0),
      time_pretransfer: time(clock.pretransfer ? redirectMicros + clock.pretransfer : 0),
      time_queue: time(9),
      time_redirect: time(redirectMicros),
      time_starttransfer: time(clock.starttransfer ? redirectMicros + clock.starttransfer : 0),
      time_total: time(totalMicros),
      tls_earlydata: long(0),
      url: str(r.rawUrl),
      'url.host': str(first?.host),
      'url.path': str(first?.path),
      'url.port': str(first ? String(first.port) : undefined),
      'url.query': str(first?.query.replace(/^\?/, '') || undefined),
      'url.scheme': str(first?.scheme),
      url_effective: str(effectiveUrl(r.url, t)),
      urlnum: long(r.index),
      xfer_id: long(r.index),
    };
    const info: WriteOutTransfer = {
      variables,
      responseHeaders: response,
      exitCode: exit,
      curlVersion: `libcurl/${this.version} OpenSSL/3.3.2 zlib/1.3.1 brotli/1.1.0 zstd/1.5.6 c-ares/1.34.3 libidn2/2.3.7 libpsl/0.21.5 libssh2/1.11.1 nghttp2/1.64.0`,
    };
    const opened = new Set<string>();
    for (const piece of expandWriteOut(format, info)) {
      if (piece.target === 'stdout') this.ctx.stdout(piece.text);
      else if (piece.target === 'stderr') this.ctx.stderr(piece.text);
      else {
        const path = this.ctx.fs.resolve(piece.target.file);
        this.ctx.fs.writeFile(path, piece.text, piece.target.append || opened.has(path));
        opened.add(path);
      }
    }
  }

  /** The `-m`/`--connect-timeout` deadline for connecting, in ms; 0 means none, as in curl. */
  private timeoutMs(): number | undefined {
    const limits = [this.o.maxTime, this.o.connectTimeout].filter((s): s is number => s !== undefined && s > 0);
    return limits.length ? Math.round(Math.min(...limits) * 1000) : undefined;
  }

  /** Writes output to a file (tool_cb_wrt.c); returns curl's error message when it cannot. */
  private writeFile(name: string, content: string): string | undefined {
    if (name === '/dev/null') return undefined;
    const fs = this.ctx.fs;
    const path = fs.resolve(name);
    const parent = path.replace(/\/[^/]*$/, '') || '/';
    const problem = fs.isDirectory(path) ? 'Is a directory' : !fs.isDirectory(parent) ? 'No such file or directory' : undefined;
    if (problem) {
      this.warn(`Failed to open the file ${name}: ${problem}`);
      return `client returned ERROR on write of ${new TextEncoder().encode(content).length} bytes`;
    }
    fs.writeFile(path, content);
    return undefined;
  }
}

/** Reads the `-d` family into one body joined by `&`, as tool_getparam.c does; undefined without `-d`. */
function requestBody(ctx: CommandContext, o: CurlOptions, warn: (text: string) => void): string | undefined {
  if (o.data.length === 0) return undefined;
  return o.data
    .map((d) => {
      if (d.kind === 'raw' || !d.value.startsWith('@')) return d.value;
      const name = d.value.slice(1);
      const text = name === '-' ? ctx.stdin : ctx.fs.readFile(ctx.fs.resolve(name));
      if (text === undefined) {
        warn(`Couldn't read data from file "${name}", this makes an empty POST.`);
        return '';
      }
      // --data strips carriage returns and newlines from a file; --data-binary keeps them.
      return d.kind === 'binary' ? text : text.replace(/[\r\n]/g, '');
    })
    .join('&');
}

/**
 * The simulated `curl` (curl 8.11 as in curlimages/curl). It sends one request per URL through
 * `send`, which decides what the network does and returns its trace; curl only prints what the
 * real tool would print for that trace. Every trace is reported through `ctx.trace` exactly once.
 */
export function createCurl(send: Send, options: CreateCurlOptions = {}): CommandHandler {
  const version = options.version ?? '8.11.1';
  return (ctx) => {
    const parsed = parseCurlArgs(ctx.argv.slice(1));
    switch (parsed.kind) {
      case 'usage':
        ctx.stderr(`${parsed.message ? `curl: ${parsed.message}\n` : ''}${TRY_HELP}`);
        return 2;
      case 'help':
        ctx.stdout(curlHelp());
        return 0;
      case 'version':
        ctx.stdout(curlVersionText(version));
        return 0;
      case 'run': {
        const o = parsed.options;
        const data = requestBody(ctx, o, (text) => {
          if (!o.silent) ctx.stderr(`Warning: ${text}\n`);
        });
        return new CurlRun(ctx, o, send, version, options.resolve, data).run();
      }
    }
  };
}

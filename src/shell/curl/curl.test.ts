import { describe, expect, it } from 'vitest';
import type { Trace } from '../../domain/traffic/trace.ts';
import type { CommandContext, VirtualFs } from '../types.ts';
import { type CreateCurlOptions, type CurlRequest, createCurl } from './curl.ts';

const FRONTEND = 'http://frontend.frontend.svc.cluster.local:80/';
const FRONTEND_IP = '34.118.236.212';
const STOREFRONT = '<!DOCTYPE html>\n<html lang="en">\n<head><title>Online Boutique</title></head>\n<body>Hot Products</body>\n</html>\n';
const ENVOY_503 = 'upstream connect error or disconnect/reset before headers. reset reason: connection termination';

function trace(fields: Partial<Trace>): Trace {
  return {
    from: 'default/testcurl', url: FRONTEND, method: 'GET', httpCode: 200, curlExit: 0, hops: [], body: '',
    responseHeaders: [], page: 'plain', origin: 'command', accessLogs: [], ...fields,
  };
}

/** The frontend answering through its sidecar. */
const storefront = (): Trace => trace({
  body: STOREFRONT,
  page: 'storefront',
  responseHeaders: [
    ['content-type', 'text/html; charset=utf-8'],
    ['content-length', String(STOREFRONT.length)],
    ['date', 'Tue, 13 May 2025 10:00:00 GMT'],
    ['x-envoy-upstream-service-time', '12'],
    ['server', 'istio-envoy'],
  ],
});

/** STRICT on frontend, plaintext client: the server sidecar resets the connection. */
const reset = (): Trace => trace({ httpCode: 0, curlExit: 56, curlError: 'Recv failure: Connection reset by peer', page: 'connection-reset' });

/** The client's own sidecar answers 503 for an upstream it could not reach. */
const envoy503 = (): Trace => trace({
  httpCode: 503,
  body: ENVOY_503,
  responseHeaders: [['content-length', String(ENVOY_503.length)], ['content-type', 'text/plain'], ['date', 'Tue, 13 May 2025 10:00:00 GMT'], ['server', 'envoy']],
});

const unresolved = (host: string): Trace => trace({ url: `http://${host}/`, httpCode: 0, curlExit: 6, curlError: `Could not resolve host: ${host}` });

const unreachable = (): Trace => trace({
  url: 'http://10.8.0.9/', httpCode: 0, curlExit: 28, page: 'timed-out',
  curlError: "Failed to connect to 10.8.0.9 port 80 after 135007 ms: Couldn't connect to server",
});

function memoryFs(): VirtualFs & { files: Map<string, string> } {
  const files = new Map<string, string>();
  const dirs = new Set(['/', '/home', '/home/learner', '/tmp']);
  const resolve = (p: string) => (p.startsWith('/') ? p : `/home/learner/${p}`);
  return {
    files,
    cwd: '/home/learner',
    home: '/home/learner',
    resolve,
    readFile: (p) => files.get(resolve(p)),
    writeFile: (p, content, append) => {
      files.set(resolve(p), (append ? (files.get(resolve(p)) ?? '') : '') + content);
    },
    exists: (p) => files.has(resolve(p)) || dirs.has(resolve(p)),
    isDirectory: (p) => dirs.has(resolve(p)),
    remove: (p) => files.delete(resolve(p)),
    list: () => undefined,
  };
}

interface Ran {
  stdout: string;
  stderr: string;
  /** Both streams in the order they were written, each chunk tagged `1>` or `2>`. */
  interleaved: string;
  exitCode: number;
  requests: CurlRequest[];
  traces: Trace[];
  fs: ReturnType<typeof memoryFs>;
}

/** Runs `curl` with the given argv (after shell quote removal) against canned traces, one per request. */
function curl(argv: string[], responses: Trace | Trace[], options: CreateCurlOptions = { resolve: (h) => (h.startsWith('frontend.') ? FRONTEND_IP : undefined) }, stdin = ''): Ran {
  const queue = Array.isArray(responses) ? [...responses] : [responses];
  const requests: CurlRequest[] = [];
  const traces: Trace[] = [];
  let stdout = '';
  let stderr = '';
  let interleaved = '';
  const fs = memoryFs();
  const handler = createCurl((request) => {
    requests.push(request);
    const next = queue.length > 1 ? queue.shift() : queue[0];
    if (!next) throw new Error('no canned trace left');
    return { ...next, url: request.url, method: request.method };
  }, options);
  const ctx: CommandContext = {
    argv: ['curl', ...argv], stdin, stdinIsTerminal: stdin === '', env: new Map(), fs,
    stdout: (t) => { stdout += t; interleaved += `1>${t}`; },
    stderr: (t) => { stderr += t; interleaved += `2>${t}`; },
    trace: (t) => { traces.push(t); },
  };
  const exitCode = handler(ctx);
  return { stdout, stderr, interleaved, exitCode, requests, traces, fs };
}

const TUTORIAL = [FRONTEND, '-o', '/dev/null', '-s', '-w', '%{http_code}\\n'];

describe('curl: the tutorial check', () => {
  it('prints 200 when the frontend answers', () => {
    const r = curl(TUTORIAL, storefront());
    expect(r).toMatchObject({ stdout: '200\n', stderr: '', exitCode: 0 });
    expect(r.requests).toEqual([{ url: FRONTEND, method: 'GET', headers: { Host: 'frontend.frontend.svc.cluster.local', Accept: '*/*' }, userAgent: 'curl/8.11.1' }]);
  });

  it('prints 000 and exits 56, silently, when STRICT resets the connection', () => {
    expect(curl(TUTORIAL, reset())).toMatchObject({ stdout: '000\n', stderr: '', exitCode: 56 });
  });

  it('reports each request as a trace exactly once', () => {
    const r = curl(TUTORIAL, reset());
    expect(r.traces).toHaveLength(1);
    expect(r.traces[0]?.curlExit).toBe(56);
  });
});

describe('curl: errors of the transfer', () => {
  it('prints curl: (56) on stderr without -s', () => {
    expect(curl([FRONTEND], reset())).toMatchObject({ stdout: '', stderr: 'curl: (56) Recv failure: Connection reset by peer\n', exitCode: 56 });
  });

  it('prints the error with -sS, and nothing with -s alone', () => {
    expect(curl(['-sS', FRONTEND], reset()).stderr).toBe('curl: (56) Recv failure: Connection reset by peer\n');
    expect(curl(['-s', FRONTEND], reset()).stderr).toBe('');
  });

  it('reports a DNS failure as exit 6 with http_code 000', () => {
    const r = curl(['-w', '%{http_code} %{remote_ip}|\\n', 'http://frontend.nowhere/'], unresolved('frontend.nowhere'));
    expect(r).toMatchObject({ stdout: '000 |\n', stderr: 'curl: (6) Could not resolve host: frontend.nowhere\n', exitCode: 6 });
  });

  it('words a connect timeout under -m as curl 8.11 does', () => {
    const r = curl(['-m', '5', 'http://10.8.0.9/'], unreachable());
    expect(r).toMatchObject({ stderr: 'curl: (28) Failed to connect to 10.8.0.9 port 80 after 5001 ms: Timeout was reached\n', exitCode: 28 });
  });

  it('takes the shorter of -m and --connect-timeout, and keeps the engine text without either', () => {
    expect(curl(['--connect-timeout', '2', '-m', '10', '-w', '%{time_total}', 'http://10.8.0.9/'], unreachable()).interleaved)
      .toBe('2>curl: (28) Failed to connect to 10.8.0.9 port 80 after 2001 ms: Timeout was reached\n1>2.001174');
    expect(curl(['http://10.8.0.9/'], unreachable()).stderr).toBe("curl: (28) Failed to connect to 10.8.0.9 port 80 after 135007 ms: Couldn't connect to server\n");
  });
});

describe('curl: output', () => {
  it('writes the body to stdout', () => {
    expect(curl([FRONTEND], storefront())).toMatchObject({ stdout: STOREFRONT, stderr: '', exitCode: 0 });
  });

  it('writes the body to a file with -o, with the final progress meter on stderr', () => {
    const r = curl(['-o', 'index.html', FRONTEND], storefront());
    expect(r.fs.files.get('/home/learner/index.html')).toBe(STOREFRONT);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
      '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
      '100   111  100   111    0     0  27172      0 --:--:-- --:--:-- --:--:-- 27172\n',
    );
  });

  it('discards the body with -o /dev/null and sends it to stdout with -o -', () => {
    const r = curl(['-s', '-o', '/dev/null', FRONTEND], storefront());
    expect(r).toMatchObject({ stdout: '', stderr: '' });
    expect(r.fs.files.size).toBe(0);
    expect(curl(['-o-', FRONTEND], storefront())).toMatchObject({ stdout: STOREFRONT, stderr: '' });
  });

  it('names the file after the URL with -O, and warns when the path names none', () => {
    const named = curl(['-sO', 'http://frontend.frontend.svc.cluster.local/static/app.css'], storefront());
    expect([...named.fs.files.keys()]).toEqual(['/home/learner/app.css']);
    const root = curl(['-O', '--no-progress-meter', FRONTEND], storefront());
    expect(root.stderr).toBe('Warning: No remote filename, uses "curl_response"\n');
    expect(root.fs.files.get('/home/learner/curl_response')).toBe(STOREFRONT);
  });

  it('fails with exit 23 when the output directory does not exist', () => {
    const r = curl(['-sS', '-o', '/nope/index.html', FRONTEND], storefront());
    expect(r).toMatchObject({ exitCode: 23, stderr: 'curl: (23) client returned ERROR on write of 111 bytes\n' });
  });

  it('prints the response head with -I and sends HEAD', () => {
    const r = curl(['-I', FRONTEND], storefront());
    expect(r.requests[0]?.method).toBe('HEAD');
    expect(r.stdout).toBe(
      'HTTP/1.1 200 OK\ncontent-type: text/html; charset=utf-8\ncontent-length: 111\n' +
      'date: Tue, 13 May 2025 10:00:00 GMT\nx-envoy-upstream-service-time: 12\nserver: istio-envoy\n\n',
    );
  });

  it('prints the head before the body with -i', () => {
    const r = curl(['-i', FRONTEND], envoy503());
    expect(r.stdout).toBe(`HTTP/1.1 503 Service Unavailable\ncontent-length: 95\ncontent-type: text/plain\ndate: Tue, 13 May 2025 10:00:00 GMT\nserver: envoy\n\n${ENVOY_503}`);
    expect(r.exitCode).toBe(0);
  });

  it('fails with exit 22 on -f and a 503, printing the error unless silenced', () => {
    expect(curl(['-f', FRONTEND], envoy503())).toMatchObject({ stdout: '', stderr: 'curl: (22) The requested URL returned error: 503\n', exitCode: 22 });
    expect(curl(['-fs', FRONTEND], envoy503())).toMatchObject({ stdout: '', stderr: '', exitCode: 22 });
    expect(curl(['-fsS', '-w', '%{http_code}\\n', FRONTEND], envoy503()))
      .toMatchObject({ stdout: '503\n', stderr: 'curl: (22) The requested URL returned error: 503\n', exitCode: 22 });
  });
});

describe('curl: -v', () => {
  it('mirrors curl 8.11 for a successful request', () => {
    const r = curl(['-v', FRONTEND], storefront());
    expect(r.interleaved).toBe(
      '2>* Host frontend.frontend.svc.cluster.local:80 was resolved.\n' +
      '2>* IPv6: (none)\n' +
      '2>* IPv4: 34.118.236.212\n' +
      '2>*   Trying 34.118.236.212:80...\n' +
      '2>* Connected to frontend.frontend.svc.cluster.local (34.118.236.212) port 80\n' +
      '2>* using HTTP/1.x\n' +
      '2>> GET / HTTP/1.1\n' +
      '2>> Host: frontend.frontend.svc.cluster.local\n' +
      '2>> User-Agent: curl/8.11.1\n' +
      '2>> Accept: */*\n' +
      '2>> \n' +
      '2>* Request completely sent off\n' +
      '2>< HTTP/1.1 200 OK\n' +
      '2>< content-type: text/html; charset=utf-8\n' +
      '2>< content-length: 111\n' +
      '2>< date: Tue, 13 May 2025 10:00:00 GMT\n' +
      '2>< x-envoy-upstream-service-time: 12\n' +
      '2>< server: istio-envoy\n' +
      '2>< \n' +
      `1>${STOREFRONT}` +
      '2>* Connection #0 to host frontend.frontend.svc.cluster.local left intact\n',
    );
  });

  it('shows the reset after the request, then curl: (56)', () => {
    const r = curl(['-v', FRONTEND], reset());
    expect(r.stderr.split('\n').slice(-5)).toEqual([
      '* Request completely sent off',
      '* Recv failure: Connection reset by peer',
      '* closing connection #0',
      'curl: (56) Recv failure: Connection reset by peer',
      '',
    ]);
  });

  it('leaves the address out when it cannot resolve the host', () => {
    const r = curl(['-v', 'http://productcatalogservice:3550/'], trace({ body: 'ok' }), {});
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      '*   Trying productcatalogservice:3550...',
      '* Connected to productcatalogservice port 3550',
      '* using HTTP/1.x',
    ]);
    expect(r.stderr).toContain('> Host: productcatalogservice:3550\n');
  });

  it('shows a DNS failure without connecting', () => {
    expect(curl(['-v', 'http://nope/'], unresolved('nope')).stderr).toBe(
      '* Could not resolve host: nope\n* shutting down connection #0\ncurl: (6) Could not resolve host: nope\n',
    );
  });

  it('shows the data line and the meter when the body goes to a file', () => {
    const lines = curl(['-v', '-o', '/dev/null', FRONTEND], storefront()).stderr.split('\n');
    expect(lines.slice(0, 2)).toEqual(['  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current', '                                 Dload  Upload   Total   Spent    Left  Speed']);
    expect(lines.slice(-5)).toEqual([
      '< ',
      '{ [111 bytes data]',
      '100   111  100   111    0     0  27172      0 --:--:-- --:--:-- --:--:-- 27172',
      '* Connection #0 to host frontend.frontend.svc.cluster.local left intact',
      '',
    ]);
  });

  it('reuses the connection for a second URL to the same host', () => {
    const r = curl(['-sv', FRONTEND, `${FRONTEND}cart`], storefront());
    expect(r.stderr).toContain('* Connection #0 to host frontend.frontend.svc.cluster.local left intact\n* Re-using existing http: connection with host frontend.frontend.svc.cluster.local\n> GET /cart HTTP/1.1\n');
  });
});

describe('curl: request options', () => {
  it('sends -X, -H, -A and -d as curl would', () => {
    const r = curl(['-sv', '-X', 'PUT', '-H', 'X-Debug: 1', '-H', 'Accept:', '-A', 'probe/1.0', '-d', 'a=1', '-d', 'b=2', FRONTEND], storefront());
    expect(r.requests[0]).toEqual({
      url: FRONTEND, method: 'PUT', userAgent: 'probe/1.0',
      headers: { 'Host': 'frontend.frontend.svc.cluster.local', 'X-Debug': '1', 'Content-Length': '7', 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(r.stderr).toContain('> PUT / HTTP/1.1\n> Host: frontend.frontend.svc.cluster.local\n> User-Agent: probe/1.0\n> X-Debug: 1\n> Content-Length: 7\n> Content-Type: application/x-www-form-urlencoded\n> \n* upload completely sent off: 7 bytes\n');
  });

  it('implies POST with -d and reads @file from the file system', () => {
    const fs = curl(['-s', '-d', '@missing.txt', FRONTEND], storefront());
    expect(fs.requests[0]?.method).toBe('POST');
    expect(curl(['-d', '@-', FRONTEND], storefront(), {}, 'x=1\n').requests[0]?.headers['Content-Length']).toBe('3');
  });

  it('replaces the Host header with -H Host and passes it to the engine', () => {
    const r = curl(['-s', '-H', 'Host: shop.example.com', 'http://34.136.92.187/'], storefront());
    expect(r.requests[0]?.headers.Host).toBe('shop.example.com');
  });

  it('notes an -X that only repeats the inferred method', () => {
    expect(curl(['-v', '-X', 'GET', FRONTEND], storefront()).stderr.split('\n')[0]).toBe('Note: Unnecessary use of -X or --request, GET is already inferred.');
  });

  it('follows a redirect with -L, one trace per request', () => {
    const moved = trace({ httpCode: 301, responseHeaders: [['location', '/home'], ['server', 'istio-envoy']] });
    const r = curl(['-sL', '-w', '%{http_code} %{num_redirects} %{url_effective}\\n', FRONTEND], [moved, storefront()]);
    expect(r.requests.map((q) => q.url)).toEqual([FRONTEND, 'http://frontend.frontend.svc.cluster.local:80/home']);
    expect(r.traces).toHaveLength(2);
    expect(r.stdout).toBe(`${STOREFRONT}200 1 http://frontend.frontend.svc.cluster.local:80/home\n`);
  });

  it('does not follow without -L', () => {
    const moved = trace({ httpCode: 302, responseHeaders: [['location', 'http://other/']] });
    const r = curl(['-s', '-w', '%{http_code} %{redirect_url}', FRONTEND], moved);
    expect(r).toMatchObject({ stdout: '302 http://other/', exitCode: 0 });
    expect(r.requests).toHaveLength(1);
  });

  it('accepts -k, --http1.1, --http2 and --compressed', () => {
    expect(curl(['-sk', '--http1.1', '--compressed', FRONTEND], storefront()).exitCode).toBe(0);
    expect(curl(['-sv', '--http2', FRONTEND], storefront()).stderr).toContain('> Upgrade: h2c\n');
  });
});

describe('curl: several URLs', () => {
  it('makes one request per URL, writes -w per transfer and exits with the last status', () => {
    const r = curl(['-s', '-o', '/dev/null', '-w', '%{http_code}\\n', FRONTEND, 'http://frontend.frontend.svc.cluster.local/'], [storefront(), reset()]);
    expect(r).toMatchObject({ stdout: '200\n000\n', exitCode: 56 });
    expect(r.traces).toHaveLength(2);
  });

  it('pairs -o with the URLs in order and treats words after -- as URLs', () => {
    const r = curl(['-s', '-o', 'a.html', '--', FRONTEND, '-weird'], [storefront(), unresolved('-weird')]);
    expect(r.requests.map((q) => q.url)).toEqual([FRONTEND, '-weird']);
    expect(r.fs.files.get('/home/learner/a.html')).toBe(STOREFRONT);
  });
});

describe('curl: usage', () => {
  it('rejects an unknown option before sending anything', () => {
    const r = curl(['--foo', FRONTEND], storefront());
    expect(r).toMatchObject({ stdout: '', stderr: "curl: option --foo: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 });
    expect(r.traces).toHaveLength(0);
  });

  it('says no URL specified when only options are given, and only the try line for a bare curl', () => {
    expect(curl(['-s'], storefront())).toMatchObject({ stderr: "curl: (2) no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 });
    expect(curl([], storefront())).toMatchObject({ stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 });
  });

  it('asks for the parameter of a trailing -w', () => {
    expect(curl([FRONTEND, '-w'], storefront()).stderr).toBe("curl: option -w: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
  });

  it('prints a short help and the version', () => {
    expect(curl(['--help'], storefront()).stdout).toMatch(/^Usage: curl \[options\.\.\.\] <url>\n -d, --data <data> {11}HTTP POST data\n/);
    const version = curl(['-V'], storefront(), { version: '8.11.1' });
    expect(version.stdout.split('\n')[0]).toMatch(/^curl 8\.11\.1 \(x86_64-pc-linux-musl\) libcurl\/8\.11\.1 OpenSSL\/3\.3\.2 /);
    expect(version.exitCode).toBe(0);
  });

  it('uses the configured version in the User-Agent', () => {
    expect(curl(['-s', FRONTEND], storefront(), { version: '7.88.1' }).requests[0]?.userAgent).toBe('curl/7.88.1');
  });
});

describe('curl: -w variables', () => {
  it('reports size, time, address and error for a transfer', () => {
    const ok = curl(['-s', '-o', '/dev/null', '-w', '%{response_code} %{size_download} %{remote_ip} %{exitcode} [%{errormsg}] %{url_effective}', FRONTEND], storefront());
    expect(ok.stdout).toBe(`200 111 ${FRONTEND_IP} 0 [] ${FRONTEND}`);
    const failed = curl(['-s', '-w', '%{exitcode} %{errormsg}', FRONTEND], reset());
    expect(failed.stdout).toBe('56 Recv failure: Connection reset by peer');
  });

  it('prints times with six decimals', () => {
    expect(curl(['-s', '-o', '/dev/null', '-w', '%{time_total}', FRONTEND], storefront()).stdout).toMatch(/^0\.\d{6}$/);
  });

  it('normalises a URL without scheme or path for url_effective', () => {
    expect(curl(['-s', '-w', '%{url_effective}', 'frontend.frontend'], storefront()).stdout).toBe(`${STOREFRONT}http://frontend.frontend/`);
  });
});

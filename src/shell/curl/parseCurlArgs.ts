/**
 * curl's command line, parsed the way curl 8.11's tool_getparam.c does it: exact long names
 * (`--max-time`, no `=value` form), short options that may be clustered (`-sS`, `-so/dev/null`),
 * `--no-<flag>` for boolean long options, `--` ending the options, and every other word a URL.
 * Errors use curl's wording (tool_helpers.c `param2text`) and always name the whole word typed.
 */

/** Where one URL's output goes: a file (`-o`, `-` meaning stdout) or the URL's own file name (`-O`). */
export type OutputTarget = { kind: 'file'; path: string } | { kind: 'remote' };

/** One `-d`-style argument; `@file` is read later, when the command has its file system. */
export interface DataArg {
  kind: 'data' | 'raw' | 'binary';
  value: string;
}

export interface CurlOptions {
  /** URLs in the order typed; each one is a separate transfer. */
  urls: string[];
  /** `-o`/`-O` in the order typed; the n-th one belongs to the n-th URL. */
  outputs: OutputTarget[];
  /** `--remote-name-all`: every URL without an `-o` gets `-O`. */
  remoteNameAll: boolean;
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  /** `-I`: HEAD request, response headers are the output. */
  head: boolean;
  /** `-i`/`--show-headers`: response headers before the body. */
  include: boolean;
  location: boolean;
  insecure: boolean;
  fail: boolean;
  failWithBody: boolean;
  progressMeter: boolean;
  writeOut?: string;
  /** `-H` values, raw (`Name: value`, `Name:` to remove, `Name;` for empty). */
  headers: string[];
  /** `-X`. */
  method?: string;
  /** Seconds (`-m`). */
  maxTime?: number;
  /** Seconds (`--connect-timeout`). */
  connectTimeout?: number;
  maxRedirs: number;
  userAgent?: string;
  user?: string;
  referer?: string;
  data: DataArg[];
  httpVersion: '1.0' | '1.1' | '2';
}

export type ParseCurlResult =
  | { kind: 'run'; options: CurlOptions }
  | { kind: 'help' }
  | { kind: 'version' }
  /** A usage error: print `curl: <message>` (if any) and the try-help line, exit 2. */
  | { kind: 'usage'; message?: string };

type Setter = (o: CurlOptions, value: string) => string | undefined;

interface OptionSpec {
  long: string;
  short?: string;
  /** Takes a value; `set` receives it. Without it the option is a flag set to true. */
  arg?: Setter;
  flag?: (o: CurlOptions, on: boolean) => void;
  /** A boolean that `--no-<long>` switches off. */
  negatable?: boolean;
  /** `-h`/`-V` end parsing at once, as curl does. */
  stop?: 'help' | 'version';
}

const seconds = (assign: (o: CurlOptions, n: number) => void): Setter => (o, v) => {
  if (!/^\s*\d*\.?\d+\s*$/.test(v)) return /^\s*-/.test(v) ? 'expected a positive numerical parameter' : 'expected a proper numerical parameter';
  assign(o, Number(v));
  return undefined;
};

const OPTIONS: OptionSpec[] = [
  { long: 'silent', short: 's', flag: (o, on) => { o.silent = on; }, negatable: true },
  { long: 'show-error', short: 'S', flag: (o, on) => { o.showError = on; }, negatable: true },
  { long: 'verbose', short: 'v', flag: (o, on) => { o.verbose = on; }, negatable: true },
  { long: 'output', short: 'o', arg: (o, v) => { o.outputs.push({ kind: 'file', path: v }); return undefined; } },
  { long: 'remote-name', short: 'O', flag: (o) => { o.outputs.push({ kind: 'remote' }); } },
  { long: 'remote-name-all', flag: (o, on) => { o.remoteNameAll = on; }, negatable: true },
  { long: 'write-out', short: 'w', arg: (o, v) => { o.writeOut = v; return undefined; } },
  { long: 'header', short: 'H', arg: (o, v) => { o.headers.push(v); return undefined; } },
  { long: 'head', short: 'I', flag: (o, on) => { o.head = on; }, negatable: true },
  { long: 'include', short: 'i', flag: (o, on) => { o.include = on; }, negatable: true },
  { long: 'show-headers', flag: (o, on) => { o.include = on; }, negatable: true },
  { long: 'request', short: 'X', arg: (o, v) => { o.method = v; return undefined; } },
  { long: 'location', short: 'L', flag: (o, on) => { o.location = on; }, negatable: true },
  { long: 'insecure', short: 'k', flag: (o, on) => { o.insecure = on; }, negatable: true },
  { long: 'max-time', short: 'm', arg: seconds((o, n) => { o.maxTime = n; }) },
  { long: 'connect-timeout', arg: seconds((o, n) => { o.connectTimeout = n; }) },
  { long: 'max-redirs', arg: (o, v) => {
    if (!/^-?\d+$/.test(v.trim())) return 'expected a proper numerical parameter';
    o.maxRedirs = Number(v);
    return undefined;
  } },
  { long: 'user-agent', short: 'A', arg: (o, v) => { o.userAgent = v; return undefined; } },
  { long: 'user', short: 'u', arg: (o, v) => { o.user = v; return undefined; } },
  { long: 'referer', short: 'e', arg: (o, v) => { o.referer = v; return undefined; } },
  { long: 'data', short: 'd', arg: (o, v) => { o.data.push({ kind: 'data', value: v }); return undefined; } },
  { long: 'data-ascii', arg: (o, v) => { o.data.push({ kind: 'data', value: v }); return undefined; } },
  { long: 'data-raw', arg: (o, v) => { o.data.push({ kind: 'raw', value: v }); return undefined; } },
  { long: 'data-binary', arg: (o, v) => { o.data.push({ kind: 'binary', value: v }); return undefined; } },
  { long: 'fail', short: 'f', flag: (o, on) => { o.fail = on; }, negatable: true },
  { long: 'fail-with-body', flag: (o, on) => { o.failWithBody = on; }, negatable: true },
  { long: 'progress-meter', flag: (o, on) => { o.progressMeter = on; }, negatable: true },
  { long: 'http1.0', short: '0', flag: (o) => { o.httpVersion = '1.0'; } },
  { long: 'http1.1', flag: (o) => { o.httpVersion = '1.1'; } },
  { long: 'http2', flag: (o) => { o.httpVersion = '2'; } },
  { long: 'http2-prior-knowledge', flag: (o) => { o.httpVersion = '2'; } },
  { long: 'url', arg: (o, v) => { o.urls.push(v); return undefined; } },
  // Accepted and without effect here: TLS material, compression, buffering.
  { long: 'compressed', flag: () => {}, negatable: true },
  { long: 'no-buffer', short: 'N', flag: () => {} },
  { long: 'cacert', arg: () => undefined },
  { long: 'cert', short: 'E', arg: () => undefined },
  { long: 'key', arg: () => undefined },
  { long: 'help', short: 'h', stop: 'help' },
  { long: 'version', short: 'V', stop: 'version' },
];

const BY_LONG = new Map(OPTIONS.map((o) => [o.long, o]));
const BY_SHORT = new Map(OPTIONS.filter((o) => o.short).map((o) => [o.short as string, o]));

function defaults(): CurlOptions {
  return {
    urls: [], outputs: [], remoteNameAll: false, silent: false, showError: false, verbose: false,
    head: false, include: false, location: false, insecure: false, fail: false, failWithBody: false,
    progressMeter: true, headers: [], maxRedirs: 50, data: [], httpVersion: '1.1',
  };
}

/** Parses curl's arguments (argv without the command name). */
export function parseCurlArgs(args: string[]): ParseCurlResult {
  // `curl` alone prints only the try-help line (tool_operate.c: helpf(tool_stderr, NULL)).
  if (args.length === 0) return { kind: 'usage' };
  const o = defaults();
  const bad = (word: string, reason: string): ParseCurlResult => ({ kind: 'usage', message: `option ${word}: ${reason}` });
  let stillFlags = true;

  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? '';
    if (!stillFlags || !word.startsWith('-')) {
      o.urls.push(word);
      continue;
    }
    if (word === '--') {
      stillFlags = false;
      continue;
    }
    if (word === '-') return bad(word, 'is unknown');
    if (word.startsWith('--')) {
      const name = word.slice(2);
      let on = true;
      let spec = BY_LONG.get(name);
      if (!spec && name.startsWith('no-')) {
        const negated = BY_LONG.get(name.slice(3));
        if (negated?.negatable) {
          spec = negated;
          on = false;
        }
      }
      if (!spec) return bad(word, 'is unknown');
      if (spec.stop) return { kind: spec.stop };
      if (spec.arg) {
        const value = args[i + 1];
        if (value === undefined) return bad(word, 'requires parameter');
        i++;
        const err = spec.arg(o, value);
        if (err) return bad(word, err);
      } else {
        spec.flag?.(o, on);
      }
      continue;
    }
    // A cluster of short options: flags combine; one taking a value eats the rest or the next word.
    for (let j = 1; j < word.length; j++) {
      const spec = BY_SHORT.get(word[j] ?? '');
      if (!spec) return bad(word, 'is unknown');
      if (spec.stop) return { kind: spec.stop };
      if (!spec.arg) {
        spec.flag?.(o, true);
        continue;
      }
      let value: string | undefined = word.slice(j + 1);
      if (value === '') {
        value = args[i + 1];
        if (value === undefined) return bad(word, 'requires parameter');
        i++;
      }
      const err = spec.arg(o, value);
      if (err) return bad(word, err);
      break;
    }
  }
  if (o.urls.length === 0) return { kind: 'usage', message: '(2) no URL specified' };
  return { kind: 'run', options: o };
}

/**
 * The "student link": a lesson or sandbox state carried in the URL hash as
 * `#s=<base64url(deflate-raw(JSON))>`, next to other `&`-separated hash parameters.
 *
 * A hash is hostile input: anyone can craft a link. Decoding checks the length before anything
 * else, inflates with a cap on the output (a decompression bomb is cut off, not expanded), then
 * validates the schema strictly with the same caps as saved progress, dropping unknown fields.
 *
 * The decoded strings are data only. The app never renders HTML from them: it shows them as text
 * (Svelte `{…}` interpolation, `textContent`; never `{@html}` or `innerHTML`) and runs commands only
 * through the simulated shell. Lesson ids are checked against `ID_PATTERN`, not against the lesson
 * registry: look them up with `Object.hasOwn` or a `Map`, since `constructor` is a well-formed id.
 */
import {
  ByteBudget,
  fail,
  LIMITS,
  own,
  readCommands,
  readId,
  readInteger,
  readLocale,
  readMode,
  readRecord,
  readTheme,
  validate,
  type Locale,
  type Mode,
  type Theme,
  type Validation,
} from '../persist/fields.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';
import { deflateRaw, hasDeflateRaw, inflateRaw } from './deflateRaw.ts';

/** The state a link carries. The app rebuilds the world by replaying `commands` (the simulation is deterministic). */
export interface ShareState {
  /** Schema version. */
  v: 1;
  mode: Mode;
  /** The lesson, when `mode` is `lesson`. */
  lessonId?: string;
  /** The step index in that lesson, 0–99. */
  step?: number;
  /** Commands to replay: the lesson's since its start, or the sandbox's. */
  commands: string[];
  locale?: Locale;
  theme?: Theme;
}

export const SHARE_LIMITS = {
  /** The whole hash, in characters, checked before any decoding. */
  maxHashLength: 16 * 1024,
  /** What `encodeShare` may produce, `#s=` included: leaves room for a few other hash parameters. */
  maxEncodedLength: 16_000,
  /** The inflated JSON, in bytes: inflating stops as soon as it is passed. */
  maxInflatedBytes: 256 * 1024,
} as const;

/** The hash parameter that holds the state. */
export const SHARE_PARAM = 's';

/**
 * Why a hash was refused, for the UI's notice:
 * - `missing`: no `s=` parameter;
 * - `too-long`: the hash is over `SHARE_LIMITS.maxHashLength`;
 * - `bad-base64`: `s` is not unpadded base64url;
 * - `bad-deflate`: not raw DEFLATE data, or truncated;
 * - `too-large`: inflates past `SHARE_LIMITS.maxInflatedBytes`, or the state is over a cap (e.g. 2,000 commands);
 * - `bad-json`: not UTF-8 JSON;
 * - `bad-schema`: JSON that is not a valid share state;
 * - `newer-version`: made by a newer version of the app;
 * - `unsupported`: this browser has no `DecompressionStream('deflate-raw')`.
 */
export type ShareError =
  | 'missing'
  | 'too-long'
  | 'bad-base64'
  | 'bad-deflate'
  | 'too-large'
  | 'bad-json'
  | 'bad-schema'
  | 'newer-version'
  | 'unsupported';

export type DecodeShareResult = { ok: true; state: ShareState } | { ok: false; error: ShareError };

/**
 * Thrown (as a rejection) by `encodeShare` and `buildShareUrl`: `too-large` when the link would be
 * over a limit (offer the progress file instead), `invalid` when the state fails validation (a bug
 * in the caller), `unsupported` without `CompressionStream('deflate-raw')`.
 */
export class ShareEncodeError extends Error {
  constructor(
    readonly code: 'invalid' | 'too-large' | 'unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'ShareEncodeError';
  }
}

/**
 * Checks a value against the share schema and returns a copy without unknown fields. Never throws.
 */
export function validateShareState(value: unknown): Validation<ShareState> {
  return validate(() => readShareState(value));
}

function readShareState(value: unknown): ShareState {
  const record = readRecord(value, '');
  if (own(record, 'v') !== 1) fail('v', 'expected 1');
  const budget = new ByteBudget(SHARE_LIMITS.maxInflatedBytes);
  const state: ShareState = {
    v: 1,
    mode: readMode(own(record, 'mode'), 'mode'),
    commands: readCommands(own(record, 'commands'), 'commands', budget),
  };
  const lessonId = own(record, 'lessonId');
  if (lessonId !== undefined) state.lessonId = readId(lessonId, 'lessonId');
  const step = own(record, 'step');
  if (step !== undefined) state.step = readInteger(step, 'step', 0, LIMITS.maxSteps - 1);
  const locale = own(record, 'locale');
  if (locale !== undefined) state.locale = readLocale(locale, 'locale');
  const theme = own(record, 'theme');
  if (theme !== undefined) state.theme = readTheme(theme, 'theme');
  return state;
}

/**
 * The hash fragment for a state, `#s=…`. Rejects with `ShareEncodeError` when the state is invalid
 * or the link would exceed `SHARE_LIMITS` (so every link it makes, `decodeShare` accepts).
 */
export async function encodeShare(state: ShareState): Promise<string> {
  const checked = validateShareState(state);
  if (!checked.ok) throw new ShareEncodeError(checked.code, checked.message);
  const json = new TextEncoder().encode(JSON.stringify(checked.value));
  if (json.byteLength > SHARE_LIMITS.maxInflatedBytes) {
    throw new ShareEncodeError('too-large', `the state is ${json.byteLength} bytes as JSON, over ${SHARE_LIMITS.maxInflatedBytes}`);
  }
  if (!hasDeflateRaw()) throw new ShareEncodeError('unsupported', "no CompressionStream('deflate-raw') here");
  const hash = `#${SHARE_PARAM}=${encodeBase64Url(await deflateRaw(json))}`;
  if (hash.length > SHARE_LIMITS.maxEncodedLength) {
    throw new ShareEncodeError('too-large', `the link's hash is ${hash.length} characters, over ${SHARE_LIMITS.maxEncodedLength}`);
  }
  return hash;
}

/**
 * Reads the state from a hash such as `location.hash` (`#s=…&lang=ja`; the leading `#` is
 * optional). Hostile input: never throws, and refuses with a `ShareError` anything that is not a
 * link `encodeShare` could have made.
 */
export async function decodeShare(hash: string): Promise<DecodeShareResult> {
  try {
    return await decode(hash);
  } catch {
    // Unreachable as far as we know; a last net so a crafted link can never break the page.
    return { ok: false, error: 'bad-schema' };
  }
}

async function decode(hash: string): Promise<DecodeShareResult> {
  if (typeof hash !== 'string') return { ok: false, error: 'missing' };
  if (hash.length > SHARE_LIMITS.maxHashLength) return { ok: false, error: 'too-long' };
  const { share } = parseHash(hash);
  if (share === undefined) return { ok: false, error: 'missing' };
  const compressed = decodeBase64Url(share);
  if (!compressed) return { ok: false, error: 'bad-base64' };
  if (!hasDeflateRaw()) return { ok: false, error: 'unsupported' };
  const inflated = await inflateRaw(compressed, SHARE_LIMITS.maxInflatedBytes);
  if (!inflated.ok) return inflated;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes));
  } catch {
    return { ok: false, error: 'bad-json' };
  }
  if (isNewerVersion(json)) return { ok: false, error: 'newer-version' };
  const checked = validateShareState(json);
  if (!checked.ok) return { ok: false, error: checked.code === 'too-large' ? 'too-large' : 'bad-schema' };
  return { ok: true, state: checked.value };
}

function isNewerVersion(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const v = own(json as Readonly<Record<string, unknown>>, 'v');
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 1;
}

/**
 * Splits a hash (`#a=1&s=…&lang=ja`, `#` optional) into its parameters, percent-decoded as in a
 * query string. `share` is the first `s` value, if any. Never throws.
 */
export function parseHash(hash: string): { share: string | undefined; params: URLSearchParams } {
  const params = new URLSearchParams(typeof hash === 'string' ? hash.replace(/^#/, '') : '');
  return { share: params.get(SHARE_PARAM) ?? undefined, params };
}

/**
 * `baseUrl` (any existing hash removed) with the state's hash, e.g.
 * `https://example.org/mtls/#s=…`. Rejects like `encodeShare`.
 */
export async function buildShareUrl(baseUrl: string, state: ShareState): Promise<string> {
  const cut = baseUrl.indexOf('#');
  return `${cut === -1 ? baseUrl : baseUrl.slice(0, cut)}${await encodeShare(state)}`;
}


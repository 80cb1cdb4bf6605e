/**
 * A scenario carried in a link: `#scenario=<base64url(deflate-raw(UTF-8 text))>`, next to other
 * `&`-separated hash parameters, with the student link's limits. The text is a scenario file
 * (YAML, or Markdown when it starts with a `---` line followed by frontmatter); it is decoded here
 * and then read by the scenario loader like any other hostile file.
 */
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';
import { deflateRaw, hasDeflateRaw, inflateRaw } from './deflateRaw.ts';
import { parseHash, SHARE_LIMITS, type ShareError } from './hashState.ts';

export const SCENARIO_PARAM = 'scenario';

/** The name a scenario from a link is reported under (no file name from an address can hold `#`). */
export const LINK_SCENARIO_NAME = '#scenario';

export interface LinkedScenario {
  text: string;
  format: 'yaml' | 'markdown';
}

/** The hash parameter `scenario`, or undefined when the hash has none (read as the student link's `s`). */
function hashParam(hash: string): string | undefined {
  return parseHash(hash).params.get(SCENARIO_PARAM) ?? undefined;
}

export function hasScenarioLink(hash: string): boolean {
  return hashParam(hash) !== undefined;
}

/** A Markdown scenario starts with `---` and its frontmatter; a YAML one does not (or is one document). */
export function guessFormat(text: string): 'yaml' | 'markdown' {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0 || !/^---\s*$/.test(lines[first] ?? '')) return 'yaml';
  return lines.slice(first + 1).some((l) => /^---\s*$/.test(l)) ? 'markdown' : 'yaml';
}

export async function encodeScenarioLink(text: string): Promise<{ ok: true; hash: string } | { ok: false; error: 'too-large' | 'unsupported' }> {
  if (!hasDeflateRaw()) return { ok: false, error: 'unsupported' };
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > SHARE_LIMITS.maxInflatedBytes) return { ok: false, error: 'too-large' };
  const hash = `#${SCENARIO_PARAM}=${encodeBase64Url(await deflateRaw(bytes))}`;
  return hash.length > SHARE_LIMITS.maxEncodedLength ? { ok: false, error: 'too-large' } : { ok: true, hash };
}

/** Decodes `#scenario=…` with the student link's caps: length first, then a bounded inflate, then UTF-8. */
export async function decodeScenarioLink(hash: string): Promise<{ ok: true; scenario: LinkedScenario } | { ok: false; error: ShareError }> {
  if (hash.length > SHARE_LIMITS.maxHashLength) return { ok: false, error: 'too-long' };
  const param = hashParam(hash);
  if (param === undefined || param === '') return { ok: false, error: 'missing' };
  const compressed = decodeBase64Url(param);
  if (!compressed) return { ok: false, error: 'bad-base64' };
  if (!hasDeflateRaw()) return { ok: false, error: 'unsupported' };
  const inflated = await inflateRaw(compressed, SHARE_LIMITS.maxInflatedBytes);
  if (!inflated.ok) return { ok: false, error: inflated.error };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return { ok: false, error: 'bad-json' };
  }
  return { ok: true, scenario: { text, format: guessFormat(text) } };
}

import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { commandArbitrary, idArbitrary } from '../persist/testFixtures.ts';
import { encodeBase64Url } from './base64url.ts';
import {
  buildShareUrl,
  decodeShare,
  encodeShare,
  parseHash,
  SHARE_LIMITS,
  ShareEncodeError,
  validateShareState,
  type ShareError,
  type ShareState,
} from './hashState.ts';
import { zipBomb } from './zipBomb.test-helper.ts';

function shareWith(overrides: Partial<ShareState> = {}): ShareState {
  return { v: 1, mode: 'lesson', lessonId: '01-seed-tutorial', step: 3, commands: [], ...overrides };
}

/** A hash carrying exactly these bytes, deflated (what a hostile link can contain). */
const hashOfBytes = (bytes: Uint8Array): string => `#s=${encodeBase64Url(deflateRawSync(bytes))}`;
const hashOfText = (text: string): string => hashOfBytes(new TextEncoder().encode(text));
const hashOfJson = (value: unknown): string => hashOfText(JSON.stringify(value));

/** The commands of the seed tutorial, in the shapes a learner types them. */
const tutorialCommands = [
  'gcloud container clusters get-credentials boutique --project=mtls-playground --zone=us-central1-c',
  'kubectl get services -n frontend',
  'kubectl get service istio-ingressgateway -n istio-system',
  "kubectl exec testcurl -n default -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\\n'",
  'cat <<EOF > mtls-namespace.yaml\napiVersion: "security.istio.io/v1beta1"\nkind: "PeerAuthentication"\nmetadata:\n  name: "namespace-policy"\nspec:\n  mtls:\n    mode: STRICT\nEOF',
  'for ns in ad cart checkout currency email frontend loadgenerator payment product-catalog recommendation shipping; do\nkubectl apply -n $ns -f mtls-namespace.yaml\ndone',
  'kubectl get peerauthentication --all-namespaces',
  'kubectl delete pa namespace-policy -n frontend',
  "curl -s -o /dev/null -w '%{http_code}\\n' http://35.202.118.74/",
];

/** A deterministic pseudo-random command: nothing for deflate to find. */
function noiseCommand(seed: number): string {
  let x = seed * 2654435761;
  let out = 'echo ';
  for (let i = 0; i < 40; i++) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    out += String.fromCharCode(33 + (x % 94));
  }
  return out;
}

const errorOf = async (hash: string): Promise<ShareError | 'ok'> => {
  const result = await decodeShare(hash);
  return result.ok ? 'ok' : result.error;
};

describe('encodeShare and decodeShare', () => {
  it('round-trip a lesson state', async () => {
    const state = shareWith({ commands: tutorialCommands, locale: 'en', theme: 'projector' });
    expect(await decodeShare(await encodeShare(state))).toEqual({ ok: true, state });
  });

  it('round-trip Japanese and emoji text', async () => {
    const state = shareWith({ mode: 'sandbox', commands: ['echo "こんにちは、世界"', 'echo 🌏🔐👩🏽‍💻', '# ｍＴＬＳ　全角'], locale: 'ja' });
    expect(await decodeShare(await encodeShare(state))).toEqual({ ok: true, state });
  });

  it('write #s= and unpadded base64url only', async () => {
    expect(await encodeShare(shareWith())).toMatch(/^#s=[A-Za-z0-9_-]+$/);
  });

  it('round-trip any valid state', async () => {
    const stateArbitrary = fc.record(
      {
        v: fc.constant(1 as const),
        mode: fc.constantFrom('lesson' as const, 'sandbox' as const),
        lessonId: idArbitrary,
        step: fc.integer({ min: 0, max: 99 }),
        commands: fc.array(commandArbitrary, { maxLength: 20 }),
        locale: fc.constantFrom('en' as const, 'ja' as const),
        theme: fc.constantFrom('system' as const, 'light' as const, 'dark' as const, 'projector' as const),
      },
      { requiredKeys: ['v', 'mode', 'commands'] },
    );
    await fc.assert(
      fc.asyncProperty(stateArbitrary, async (state) => {
        expect(await decodeShare(await encodeShare(state))).toEqual({ ok: true, state });
      }),
      { numRuns: 50 },
    );
  });

  it('fit 1,000 tutorial-like commands in the link', async () => {
    const commands = Array.from({ length: 1_000 }, (_, i) => `${tutorialCommands[i % tutorialCommands.length] ?? ''} # ${i}`);
    const hash = await encodeShare(shareWith({ commands }));
    expect(hash.length).toBeLessThanOrEqual(SHARE_LIMITS.maxEncodedLength);
    expect(await decodeShare(hash)).toEqual({ ok: true, state: shareWith({ commands }) });
  });

  it('refuse 1,000 incompressible commands cleanly, as too-large', async () => {
    const commands = Array.from({ length: 1_000 }, (_, i) => noiseCommand(i + 1));
    await expect(encodeShare(shareWith({ commands }))).rejects.toThrow(ShareEncodeError);
    await expect(encodeShare(shareWith({ commands }))).rejects.toMatchObject({ code: 'too-large' });
  });

  it('refuse a state whose JSON is over the inflated limit, as too-large', async () => {
    const commands = Array.from({ length: 5 }, () => 'x'.repeat(60_000));
    await expect(encodeShare(shareWith({ commands }))).rejects.toMatchObject({ code: 'too-large' });
  });

  it('refuse an invalid state as invalid', async () => {
    await expect(encodeShare(shareWith({ step: 100 }))).rejects.toMatchObject({ code: 'invalid' });
    await expect(encodeShare(shareWith({ lessonId: 'Lesson 1' }))).rejects.toMatchObject({ code: 'invalid' });
    await expect(encodeShare({ ...shareWith(), mode: 'exam' } as unknown as ShareState)).rejects.toMatchObject({ code: 'invalid' });
  });

  it('leave unknown fields out of the link', async () => {
    const hash = await encodeShare({ ...shareWith(), world: { big: true } } as ShareState);
    expect(await decodeShare(hash)).toEqual({ ok: true, state: shareWith() });
  });
});

describe('decodeShare', () => {
  it('reads the state among other hash parameters, with or without #', async () => {
    const hash = await encodeShare(shareWith());
    for (const variant of [hash, hash.slice(1), `#lang=ja&${hash.slice(1)}&panels=why`, `${hash}&s=ignored`]) {
      expect(await decodeShare(variant)).toEqual({ ok: true, state: shareWith() });
    }
  });

  it('drops unknown fields', async () => {
    const hash = hashOfJson({ ...shareWith(), html: '<script>alert(1)</script>', world: {} });
    expect(await decodeShare(hash)).toEqual({ ok: true, state: shareWith() });
  });

  it('keeps strings as data: markup in a command comes back as the same text', async () => {
    const state = shareWith({ commands: ['echo "<img src=x onerror=alert(1)>"'] });
    expect(await decodeShare(hashOfJson(state))).toEqual({ ok: true, state });
  });

  it.each<[ShareError, string]>([
    ['missing', ''],
    ['missing', '#'],
    ['missing', '#lang=ja&step=3'],
    ['missing', '#S=abc'],
    ['bad-base64', '#s=@@@@'],
    ['bad-base64', '#s=Zg=='],
    ['bad-base64', '#s=abcde'],
    ['bad-base64', '#s=ab+/'],
    ['bad-deflate', '#s='],
    ['bad-deflate', `#s=${encodeBase64Url(new TextEncoder().encode('{"v":1,"mode":"lesson","commands":[]}'))}`],
    ['bad-deflate', `#s=${encodeBase64Url(new Uint8Array([0x07, 0x00]))}`],
  ])('refuses with %s: %j', async (error, hash) => {
    expect(await errorOf(hash)).toBe(error);
  });

  it('refuses a truncated link as bad-deflate', async () => {
    const compressed = deflateRawSync(new TextEncoder().encode(JSON.stringify(shareWith({ commands: tutorialCommands }))));
    const half = compressed.subarray(0, Math.floor(compressed.byteLength / 2));
    expect(await errorOf(`#s=${encodeBase64Url(half)}`)).toBe('bad-deflate');
  });

  it('refuses a hash over 16 KB before decoding it', async () => {
    expect(await errorOf(`#s=${'A'.repeat(SHARE_LIMITS.maxHashLength)}`)).toBe('too-long');
    expect(await errorOf(`#x=${'A'.repeat(SHARE_LIMITS.maxHashLength)}`)).toBe('too-long');
  });

  it('refuses a zip bomb as too-large without inflating it all', async () => {
    const hash = `#s=${encodeBase64Url(zipBomb(11))}`; // 11 MiB of zeros in ~15 KB of hash
    expect(hash.length).toBeLessThanOrEqual(SHARE_LIMITS.maxHashLength);
    expect(await errorOf(hash)).toBe('too-large');
  });

  it('refuses JSON that inflates just past 256 KB, and takes it just under', async () => {
    const padded = (n: number) => JSON.stringify(shareWith()).replace('{', `{"pad":"${'p'.repeat(n)}",`);
    const size = (n: number) => new TextEncoder().encode(padded(n)).byteLength;
    const under = SHARE_LIMITS.maxInflatedBytes - size(0);
    expect(size(under)).toBe(SHARE_LIMITS.maxInflatedBytes);
    expect(await errorOf(hashOfText(padded(under)))).toBe('ok');
    expect(await errorOf(hashOfText(padded(under + 1)))).toBe('too-large');
  });

  it.each<[string, string | Uint8Array]>([
    ['plain text', 'hello'],
    ['truncated JSON', JSON.stringify(shareWith()).slice(0, -1)],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['an empty document', ''],
  ])('refuses %s as bad-json', async (_name, content) => {
    const hash = typeof content === 'string' ? hashOfText(content) : hashOfBytes(content);
    expect(await errorOf(hash)).toBe('bad-json');
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [shareWith()]],
    ['no version', { mode: 'lesson', commands: [] }],
    ['v as a string', { ...shareWith(), v: '1' }],
    ['v 0', { ...shareWith(), v: 0 }],
    ['mode unknown', { ...shareWith(), mode: 'admin' }],
    ['commands missing', { v: 1, mode: 'sandbox' }],
    ['commands as a string', { ...shareWith(), commands: 'ls' }],
    ['a command as an object', { ...shareWith(), commands: [{ toString: 'ls' }] }],
    ['step 100', shareWith({ step: 100 })],
    ['step -1', shareWith({ step: -1 })],
    ['step 1.5', shareWith({ step: 1.5 })],
    ['step as a string', { ...shareWith(), step: '3' }],
    ['a lesson id with a slash', shareWith({ lessonId: '../01' })],
    ['a lesson id with markup', shareWith({ lessonId: '<b>x</b>' })],
    ['a lesson id of 65 characters', shareWith({ lessonId: 'a'.repeat(65) })],
    ['locale unknown', { ...shareWith(), locale: 'fr' }],
    ['theme unknown', { ...shareWith(), theme: 'neon' }],
    ['theme null', { ...shareWith(), theme: null }],
  ])('refuses %s as bad-schema', async (_name, value) => {
    expect(await errorOf(hashOfJson(value))).toBe('bad-schema');
  });

  it('refuses more than 2,000 commands, or one over 64 KB, as too-large', async () => {
    expect(await errorOf(hashOfJson(shareWith({ commands: Array<string>(2_000).fill('') })))).toBe('ok');
    expect(await errorOf(hashOfJson(shareWith({ commands: Array<string>(2_001).fill('') })))).toBe('too-large');
    expect(await errorOf(hashOfJson(shareWith({ commands: ['z'.repeat(64 * 1024 + 1)] })))).toBe('too-large');
  });

  it('refuses a link from a newer version as newer-version', async () => {
    expect(await errorOf(hashOfJson({ v: 2, anything: true }))).toBe('newer-version');
  });

  describe('prototype pollution', () => {
    it('ignores a top-level __proto__ key and leaves Object.prototype alone', async () => {
      const text = `{"__proto__":{"polluted":true,"isAdmin":true},${JSON.stringify(shareWith()).slice(1)}`;
      expect(await decodeShare(hashOfText(text))).toEqual({ ok: true, state: shareWith() });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('ignores constructor.prototype', async () => {
      const text = `{"constructor":{"prototype":{"polluted":true}},${JSON.stringify(shareWith()).slice(1)}`;
      expect(await decodeShare(hashOfText(text))).toEqual({ ok: true, state: shareWith() });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses __proto__ as a lesson id, and treats constructor as a mere id', async () => {
      expect(await errorOf(hashOfJson(shareWith({ lessonId: '__proto__' })))).toBe('bad-schema');
      expect(await decodeShare(hashOfJson(shareWith({ lessonId: 'constructor' })))).toEqual({ ok: true, state: shareWith({ lessonId: 'constructor' }) });
    });

    it('does not take fields from a __proto__ object', async () => {
      const text = '{"__proto__":{"v":1,"mode":"lesson","commands":[]}}';
      expect(await errorOf(hashOfText(text))).toBe('bad-schema');
    });
  });

  describe('properties', () => {
    it('never throws on any string', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
          await decodeShare(text);
          await decodeShare(`#s=${text}`);
        }),
      );
    });

    it('never throws on any base64url payload', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
          expect((await decodeShare(`#s=${encodeBase64Url(bytes)}`)).ok).toBe(false);
        }),
      );
    });

    it('never throws on any deflated JSON value, and what it accepts is valid', async () => {
      const nearState = fc.oneof(
        fc.jsonValue(),
        fc.record(
          { v: fc.oneof(fc.constant(1), fc.jsonValue()), mode: fc.oneof(fc.constant('lesson'), fc.jsonValue()), commands: fc.oneof(fc.array(fc.jsonValue()), fc.jsonValue()), step: fc.jsonValue(), lessonId: fc.jsonValue() },
          { requiredKeys: [] },
        ),
      );
      await fc.assert(
        fc.asyncProperty(nearState, async (value) => {
          const result = await decodeShare(hashOfJson(value));
          if (result.ok) expect(validateShareState(result.state)).toEqual({ ok: true, value: result.state });
        }),
      );
    });
  });
});

describe('parseHash', () => {
  it('splits &-separated parameters and picks s out', () => {
    const { share, params } = parseHash('#lang=ja&s=abc_-&panels=why,mesh&readonly');
    expect(share).toBe('abc_-');
    expect(params.get('lang')).toBe('ja');
    expect(params.get('panels')).toBe('why,mesh');
    expect(params.has('readonly')).toBe(true);
  });

  it('works without # and without s, and takes the first s', () => {
    expect(parseHash('lang=en').share).toBeUndefined();
    expect(parseHash('').share).toBeUndefined();
    expect(parseHash('#s=one&s=two').share).toBe('one');
  });

  it('never throws on malformed escapes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        parseHash(text);
        parseHash(`#%${text}&s=%E0%A4%A`);
      }),
    );
  });
});

describe('buildShareUrl', () => {
  it('appends the hash to the base URL, replacing any hash it had', async () => {
    const hash = await encodeShare(shareWith());
    expect(await buildShareUrl('https://example.org/mtls/?lang=ja#s=old&x=1', shareWith())).toBe(`https://example.org/mtls/?lang=ja${hash}`);
    expect(await buildShareUrl('https://example.org/mtls/', shareWith())).toBe(`https://example.org/mtls/${hash}`);
  });

  it('rejects like encodeShare', async () => {
    await expect(buildShareUrl('https://example.org/', shareWith({ step: 1000 }))).rejects.toBeInstanceOf(ShareEncodeError);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { dedent, fetchScenario, inlineScenario, resolveScenarioUrl, scenarioProgressKey } from './scenarioSource.ts';

const ORIGIN = 'https://docs.example';
const where = (fetch?: typeof globalThis.fetch) => ({ base: `${ORIGIN}/guide/page.html`, origin: ORIGIN, ...(fetch ? { fetch } : {}) });

describe('resolveScenarioUrl', () => {
  it('allows addresses on the page’s own origin, resolved against the page', () => {
    for (const [value, href] of [
      ['s.md', `${ORIGIN}/guide/s.md`],
      ['/scenarios/s.yaml', `${ORIGIN}/scenarios/s.yaml`],
      [`${ORIGIN}/x.md#part`, `${ORIGIN}/x.md`],
    ] as const) {
      const r = resolveScenarioUrl(value, where());
      expect(r.ok && r.url.href).toBe(href);
    }
  });

  it.each(['https://evil.example/s.md', 'http://docs.example/s.md', 'https://docs.example:8443/s.md', '//evil.example/s.md', 'javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/yaml,id: x', 'blob:https://docs.example/1234', 'file:///etc/passwd'])('refuses %s', (value) => {
    const r = resolveScenarioUrl(value, where());
    expect(r.ok ? 'allowed' : r.problem.kind).toBe('other-origin');
  });

  it('refuses everything on an opaque page', () => {
    expect(resolveScenarioUrl('s.md', { base: 'about:blank', origin: 'null' }).ok).toBe(false);
  });
});

describe('fetchScenario', () => {
  it('fetches in same-origin mode and names the file after the address', async () => {
    const fetch = vi.fn(async () => new Response('id: x', { headers: { 'content-type': 'text/yaml' } }));
    const r = await fetchScenario('my%20scenario.yaml', where(fetch as unknown as typeof globalThis.fetch));
    expect(r).toEqual({ ok: true, scenario: { name: 'my scenario.yaml', text: 'id: x', format: 'yaml' } });
    expect(fetch).toHaveBeenCalledWith(`${ORIGIN}/guide/my%20scenario.yaml`, expect.objectContaining({ mode: 'same-origin', credentials: 'same-origin' }));
  });

  it('never fetches from another origin', async () => {
    const fetch = vi.fn();
    const r = await fetchScenario('https://evil.example/s.md', where(fetch as unknown as typeof globalThis.fetch));
    expect(r.ok).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('tells a redirect to another site apart from a network failure', async () => {
    const redirecting = vi.fn(async (_: string, init?: RequestInit) => {
      if (init?.redirect === 'manual') return new Response(null, { status: 302, headers: { location: 'https://evil.example/' } });
      throw new TypeError('Failed to fetch');
    });
    expect(await fetchScenario('s.md', where(redirecting as unknown as typeof globalThis.fetch))).toEqual({ ok: false, problem: { kind: 'redirect', url: 's.md', origin: ORIGIN } });
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await fetchScenario('s.md', where(offline as unknown as typeof globalThis.fetch))).toEqual({ ok: false, problem: { kind: 'fetch-failed', url: 's.md' } });
    // A fetch that followed a redirect elsewhere anyway: its text is not read.
    const followed = new Response('id: evil');
    Object.defineProperty(followed, 'url', { value: 'https://evil.example/s.md' });
    expect(await fetchScenario('s.md', where((async () => followed) as unknown as typeof globalThis.fetch))).toMatchObject({ ok: false, problem: { kind: 'redirect' } });
  });

  it('reports an HTTP error with its status', async () => {
    const r = await fetchScenario('s.md', where((async () => new Response('no', { status: 404 })) as unknown as typeof globalThis.fetch));
    expect(r).toEqual({ ok: false, problem: { kind: 'fetch-failed', url: 's.md', status: 404 } });
  });

  it('tells a web page (a server that answers every path with its site) from a scenario file', async () => {
    const page = new Response('<!doctype html><title>Shop</title>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
    const r = await fetchScenario('missing.md', where((async () => page) as unknown as typeof globalThis.fetch));
    expect(r).toEqual({ ok: false, problem: { kind: 'html', url: 'missing.md' } });
  });

  it('stops reading past the size cap, and cancels the download', async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
      },
      cancel() {
        cancelled = true;
      },
    });
    const r = await fetchScenario('big.md', where((async () => new Response(endless)) as unknown as typeof globalThis.fetch), 10_000);
    expect(r).toEqual({ ok: false, problem: { kind: 'too-large', name: 'big.md', limit: 10_000 } });
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(20);
    // A declared length already over the cap is refused before reading.
    const declared = new Response('small', { headers: { 'content-length': String(10_000 * 3 + 1) } });
    expect(await fetchScenario('big.md', where((async () => declared) as unknown as typeof globalThis.fetch), 10_000)).toMatchObject({ ok: false, problem: { kind: 'too-large' } });
    // Exactly at the cap is fine.
    const atCap = await fetchScenario('ok.md', where((async () => new Response('y'.repeat(10_000))) as unknown as typeof globalThis.fetch), 10_000);
    expect(atCap.ok).toBe(true);
  });
});

describe('inline scenarios', () => {
  it('takes the shared indentation away, keeping the lines where they were', () => {
    expect(dedent('\n      id: x\n      steps:\n        - a\n\n      end')).toBe('\nid: x\nsteps:\n  - a\n\nend');
    expect(dedent('a\n  b')).toBe('a\n  b');
  });

  it('refuses text over the cap', () => {
    expect(inlineScenario('x'.repeat(11), 'yaml', 10)).toEqual({ ok: false, problem: { kind: 'too-large', name: 'inline', limit: 10 } });
    expect(inlineScenario('  id: x', 'yaml')).toEqual({ ok: true, scenario: { name: 'inline.yaml', text: 'id: x', format: 'yaml' } });
  });
});

describe('scenarioProgressKey', () => {
  it('keeps a scenario apart from the built-in lessons, within the saved id pattern', () => {
    expect(scenarioProgressKey('01-seed-tutorial')).toBe('scenario-01-seed-tutorial');
    const long = scenarioProgressKey('a'.repeat(64));
    expect(long).toMatch(/^[a-z0-9-]{1,64}$/);
    expect(long).not.toBe(scenarioProgressKey(`${'a'.repeat(63)}b`));
  });
});

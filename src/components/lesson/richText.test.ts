import { describe, expect, it } from 'vitest';
import { lessonCatalog } from '../../lessons/index.ts';
import { parseInline, parseRichText, plainText, safeHref, type Block, type Inline } from './richText.ts';

const text = (t: string): Inline => ({ kind: 'text', text: t });
const code = (t: string): Inline => ({ kind: 'code', text: t });

describe('parseRichText', () => {
  it('reads paragraphs (lines joined), lists of both markers and ordered lists with their start', () => {
    expect(parseRichText('One line\nand the next.\n\n- a\n* b\n\n3. three\n4) four\n   more of four')).toEqual<Block[]>([
      { kind: 'paragraph', content: [text('One line and the next.')] },
      { kind: 'list', ordered: false, start: 1, items: [[text('a')], [text('b')]] },
      { kind: 'list', ordered: true, start: 3, items: [[text('three')], [text('four more of four')]] },
    ]);
  });

  it('lets a list follow a paragraph line, and a list of the other kind end the first', () => {
    expect(parseRichText('Try:\n- a\n1. b').map((b) => b.kind === 'list' && b.ordered)).toEqual([false, false, true]);
  });

  it('shows fenced code as typed, markers and markup included, to its closing fence or the end', () => {
    expect(parseRichText('Run:\n\n```bash\nkubectl get pa -A\n  echo "*not em*" <b>\n```\nafter')).toEqual<Block[]>([
      { kind: 'paragraph', content: [text('Run:')] },
      { kind: 'code', text: 'kubectl get pa -A\n  echo "*not em*" <b>' },
      { kind: 'paragraph', content: [text('after')] },
    ]);
    expect(parseRichText('~~~\nopen fence')).toEqual<Block[]>([{ kind: 'code', text: 'open fence' }]);
  });
});

describe('parseInline', () => {
  it('reads code spans, emphasis, strong and http(s) links, nested', () => {
    expect(parseInline('Use `kubectl` *now*, **really `now`**, see [the *docs*](https://istio.io/latest/docs/).')).toEqual<Inline[]>([
      text('Use '),
      code('kubectl'),
      text(' '),
      { kind: 'em', children: [text('now')] },
      text(', '),
      { kind: 'strong', children: [text('really '), code('now')] },
      text(', see '),
      { kind: 'link', href: 'https://istio.io/latest/docs/', children: [text('the '), { kind: 'em', children: [text('docs')] }] },
      text('.'),
    ]);
    expect(parseInline('[plain](http://example.org/a?b=1)')).toEqual<Inline[]>([{ kind: 'link', href: 'http://example.org/a?b=1', children: [text('plain')] }]);
  });

  it.each([
    ['javascript:', '[click](javascript:alert(1))'],
    ['data:', '[x](data:text/html,<script>alert(1)</script>)'],
    ['a relative path', '[x](/etc/passwd)'],
    ['a protocol-relative URL', '[x](//evil.example/)'],
    ['vbscript: in capitals', '[x](VBSCRIPT:msgbox)'],
    ['an entity-encoded scheme', '[x](jav&#x61;script:alert(1))'],
    ['a target with a quote', '[x](https://a.example/"onmouseover=alert(1))'],
  ])('keeps a link to %s as the text typed', (_, typed) => {
    const nodes = parseInline(typed);
    expect(JSON.stringify(nodes)).not.toContain('"link"');
    expect(plainText(nodes)).toBe(typed);
  });

  it('keeps markup, unclosed markers and stray brackets as the characters typed', () => {
    for (const typed of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '**bold without end',
      '*em without end',
      'a ` lone backtick',
      '2 * 3 * 4 = 24',
      '[[nested] brackets](no-target',
      '[text](https://a.example/ without the paren',
      '****',
    ]) {
      expect(plainText(parseInline(typed))).toBe(typed);
    }
    expect(parseInline('<script>alert(1)</script>')).toEqual([text('<script>alert(1)</script>')]);
  });

  it('balances nested brackets in a link text, and never nests a link in a link', () => {
    const [link] = parseInline('[a [b] [c](https://inner.example/)](https://outer.example/)');
    expect(link).toMatchObject({ kind: 'link', href: 'https://outer.example/' });
    expect(JSON.stringify(link).match(/"link"/g)).toHaveLength(1);
    expect(plainText([link!])).toBe('a [b] [c](https://inner.example/)');
  });

  it('reads hostile 100 KB paragraphs (bench/engine.ts times them: budget 200 ms)', () => {
    const pieces = ['*a ', '**b ', '[c](', '`', '[', ']', '(', 'x'.repeat(7), '*', ' ', '[d](javascript:x) ', '**'];
    let hostile = '';
    for (let i = 0; hostile.length < 100_000; i++) hostile += pieces[(i * 7) % pieces.length];
    for (const paragraph of [hostile, '['.repeat(100_000), '*x '.repeat(34_000), '[a]('.repeat(25_000), '**a '.repeat(25_000)]) {
      const blocks = parseRichText(paragraph);
      expect(blocks.length).toBeGreaterThan(0);
    }
  });
});

describe('safeHref', () => {
  it('accepts http and https URLs only', () => {
    expect(safeHref('https://istio.io/')).toBe('https://istio.io/');
    expect(safeHref('HTTP://example.org')).toBe('HTTP://example.org');
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x', 'https://', 'https://a b', 'mailto:a@b.c', '']) expect(safeHref(bad)).toBeUndefined();
  });
});

/** The parser before links, emphasis, ordered lists and fences: every built-in lesson text must read the same. */
function previousParser(source: string): { kind: string; parts: string[] }[] {
  const spans = (line: string): string => {
    const out: { text: string; code: boolean }[] = [];
    const parts = line.split('`');
    const closed = parts.length % 2 === 1 ? parts.length : parts.length - 1;
    for (let i = 0; i < parts.length; i++) {
      const t = parts[i] ?? '';
      const isCode = i % 2 === 1 && i < closed;
      if (i >= closed && i > 0) {
        const prev = out.at(-1);
        if (prev && !prev.code) prev.text += `\`${t}`;
        else out.push({ text: `\`${t}`, code: false });
        continue;
      }
      if (t !== '' || isCode) out.push({ text: t, code: isCode });
    }
    return out.map((s) => (s.code ? `<code>${s.text}` : s.text)).join('|');
  };
  const blocks: { kind: string; parts: string[] }[] = [];
  for (const chunk of source.split(/\n\s*\n/)) {
    const lines = chunk.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
    if (!lines.length) continue;
    if (lines.every((l) => /^\s*- /.test(l))) blocks.push({ kind: 'list', parts: lines.map((l) => spans(l.replace(/^\s*- /, ''))) });
    else blocks.push({ kind: 'paragraph', parts: [spans(lines.join(' '))] });
  }
  return blocks;
}

function flatten(content: Inline[]): string {
  return content.map((n) => (n.kind === 'code' ? `<code>${n.text}` : n.kind === 'text' ? n.text : `?${n.kind}`)).join('|');
}

describe('built-in lesson texts', () => {
  it('render as they did before (paragraphs, lists and code spans)', async () => {
    let count = 0;
    for (const entry of lessonCatalog) {
      const lesson = await entry.load();
      for (const step of lesson.steps) {
        for (const localized of [step.body, step.takeaway, ...step.hints]) {
          for (const source of localized ? [localized.en, localized.ja] : []) {
            const now = parseRichText(source).map((b) => (b.kind === 'list' ? { kind: 'list', parts: b.items.map(flatten) } : b.kind === 'paragraph' ? { kind: 'paragraph', parts: [flatten(b.content)] } : { kind: 'code', parts: [b.text] }));
            expect(now, source).toEqual(previousParser(source));
            count++;
          }
        }
      }
    }
    expect(count).toBeGreaterThan(200);
  });
});

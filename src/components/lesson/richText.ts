export interface Span {
  text: string;
  code: boolean;
}

export type Block = { kind: 'paragraph'; spans: Span[] } | { kind: 'list'; items: Span[][] };

/** `code` spans of one line of prose; an unmatched backtick stays a literal character. */
export function spans(line: string): Span[] {
  const out: Span[] = [];
  const parts = line.split('`');
  // An even number of parts means an odd number of backticks: the last one is literal.
  const closed = parts.length % 2 === 1 ? parts.length : parts.length - 1;
  for (let i = 0; i < parts.length; i++) {
    const text = parts[i] ?? '';
    const code = i % 2 === 1 && i < closed;
    if (i >= closed && i > 0) {
      const prev = out.at(-1);
      if (prev && !prev.code) prev.text += `\`${text}`;
      else out.push({ text: `\`${text}`, code: false });
      continue;
    }
    if (text !== '' || code) out.push({ text, code });
  }
  return out;
}

/** Paragraphs (separated by blank lines) and `- ` lists. */
export function parseRichText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
    if (!lines.length) continue;
    if (lines.every((l) => /^\s*- /.test(l))) {
      blocks.push({ kind: 'list', items: lines.map((l) => spans(l.replace(/^\s*- /, ''))) });
    } else {
      blocks.push({ kind: 'paragraph', spans: spans(lines.join(' ')) });
    }
  }
  return blocks;
}

/**
 * Lesson prose as a small, safe subset of Markdown: paragraphs, `- `/`* ` lists, `1.` ordered
 * lists, fenced code blocks, `code` spans, *emphasis*, **strong** and `[text](https://…)` links.
 *
 * The result is a tree of plain strings that RichText.svelte renders as text nodes and a few fixed
 * elements: nothing in it is ever HTML, so `<script>` in a scenario shows as the characters typed.
 * A link's target is kept only when it is an http or https URL; any other link (`javascript:`,
 * `data:`, a relative path) stays text, as typed.
 *
 * The text may be hostile (a scenario from elsewhere): parsing is linear in its length, whatever
 * the markers. Each marker finds its closer through tables built in one pass, never by searching
 * the rest of the text again.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'code'; text: string };

/** How deep emphasis, strong and links may nest; deeper markers stay text. */
const MAX_DEPTH = 4;
/** The longest link target kept as a link. */
const MAX_HREF = 2048;

const FENCE = /^(\s*)(`{3,}|~{3,})/;
const BULLET = /^\s*[-*] +(\S.*)$/;
const ORDERED = /^\s*(\d{1,9})[.)] +(\S.*)$/;

/** An http or https URL without spaces or quotes, else undefined. */
export function safeHref(target: string): string | undefined {
  if (target.length > MAX_HREF || !/^https?:\/\/[^\s"'<>`\\]+$/i.test(target)) return undefined;
  try {
    const url = new URL(target);
    return url.protocol === 'http:' || url.protocol === 'https:' ? target : undefined;
  } catch {
    return undefined;
  }
}

const isSpace = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The closers and pairs of one text, each found in one pass: `next*[i]` is the first at or after `i` (-1: none). */
class Markers {
  readonly tick: Int32Array;
  readonly em: Int32Array;
  readonly strong: Int32Array;
  /** For `[`: the index of its matching `]` (nested pairs balanced), else -1. */
  readonly bracket: Int32Array;
  /** The first whitespace or `)` at or after `i`: where a link target ends. */
  readonly targetEnd: Int32Array;

  constructor(s: string) {
    const n = s.length;
    this.tick = new Int32Array(n + 2).fill(-1);
    this.em = new Int32Array(n + 2).fill(-1);
    this.strong = new Int32Array(n + 2).fill(-1);
    this.bracket = new Int32Array(n + 1).fill(-1);
    this.targetEnd = new Int32Array(n + 2).fill(-1);
    for (let i = n - 1; i >= 0; i--) {
      const c = s[i];
      const star = c === '*';
      this.tick[i] = c === '`' ? i : this.tick[i + 1]!;
      // A closer follows a non-space; a single `*` that touches another belongs to `**`.
      this.em[i] = star && !isSpace(s[i - 1]) && s[i - 1] !== '*' && s[i + 1] !== '*' ? i : this.em[i + 1]!;
      this.strong[i] = star && s[i + 1] === '*' && !isSpace(s[i - 1]) && s[i - 1] !== '*' ? i : this.strong[i + 1]!;
      this.targetEnd[i] = c === ')' || isSpace(c) ? i : this.targetEnd[i + 1]!;
    }
    const open: number[] = [];
    for (let i = 0; i < n; i++) {
      if (s[i] === '[') open.push(i);
      else if (s[i] === ']' && open.length) this.bracket[open.pop()!] = i;
    }
  }
}

/** The inline content of `s` between `start` and `end`. */
function inline(s: string, m: Markers, start: number, end: number, depth: number, links: boolean): Inline[] {
  const out: Inline[] = [];
  let textFrom = start;
  const flush = (to: number) => {
    if (to <= textFrom) return;
    const prev = out.at(-1);
    if (prev?.kind === 'text') prev.text += s.slice(textFrom, to);
    else out.push({ kind: 'text', text: s.slice(textFrom, to) });
  };
  const push = (node: Inline, at: number, next: number) => {
    flush(at);
    out.push(node);
    textFrom = next;
    return next;
  };
  let i = start;
  while (i < end) {
    const c = s[i];
    if (c === '`') {
      const close = m.tick[i + 1]!;
      if (close !== -1 && close < end) {
        i = push({ kind: 'code', text: s.slice(i + 1, close) }, i, close + 1);
        continue;
      }
    } else if (c === '*' && depth < MAX_DEPTH) {
      if (s[i + 1] === '*' && i + 2 < end && !isSpace(s[i + 2]) && s[i + 2] !== '*') {
        const close = m.strong[i + 2]!;
        if (close !== -1 && close + 2 <= end) {
          i = push({ kind: 'strong', children: inline(s, m, i + 2, close, depth + 1, links) }, i, close + 2);
          continue;
        }
        // An unclosed `**` is two literal stars, not an opener of emphasis.
        i += 2;
        continue;
      }
      if (s[i + 1] !== '*' && i + 1 < end && !isSpace(s[i + 1])) {
        const close = m.em[i + 1]!;
        if (close !== -1 && close < end) {
          i = push({ kind: 'em', children: inline(s, m, i + 1, close, depth + 1, links) }, i, close + 1);
          continue;
        }
      }
    } else if (c === '[' && links && depth < MAX_DEPTH) {
      const close = m.bracket[i]!;
      if (close !== -1 && close + 1 < end && s[close + 1] === '(') {
        const targetEnd = m.targetEnd[close + 2]!;
        if (targetEnd !== -1 && targetEnd < end && s[targetEnd] === ')') {
          const href = safeHref(s.slice(close + 2, targetEnd));
          // A link of another kind stays as typed: text, never a target.
          if (href && close > i + 1) i = push({ kind: 'link', href, children: inline(s, m, i + 1, close, depth + 1, false) }, i, targetEnd + 1);
          else i = targetEnd + 1;
          continue;
        }
      }
    }
    i++;
  }
  flush(end);
  return out;
}

/** The inline content of one paragraph or list item (its lines already joined). */
export function parseInline(text: string): Inline[] {
  return inline(text, new Markers(text), 0, text.length, 0, true);
}

interface OpenList {
  ordered: boolean;
  start: number;
  items: string[][];
}

/** Blocks separated by blank lines: paragraphs, lists and fenced code. */
export function parseRichText(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: OpenList | undefined;
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  const endList = () => {
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, start: list.start, items: list.items.map((item) => parseInline(item.join(' '))) });
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      endParagraph();
      endList();
      const indent = fence[1]!.length;
      const marker = fence[2]!;
      const closing = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      const body: string[] = [];
      // An unclosed fence runs to the end of the text.
      while (++i < lines.length && !closing.test(lines[i]!)) body.push(lines[i]!.replace(new RegExp(`^ {0,${indent}}`), ''));
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      endParagraph();
      endList();
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = bullet ? undefined : ORDERED.exec(line);
    if (bullet || ordered) {
      endParagraph();
      const isOrdered = !!ordered;
      if (list && list.ordered !== isOrdered) endList();
      list ??= { ordered: isOrdered, start: ordered ? Number(ordered[1]) : 1, items: [] };
      list.items.push([(bullet ?? ordered)!.at(-1)!.trim()]);
      continue;
    }
    // A line under an item (indented or not) goes on with that item.
    if (list) list.items.at(-1)!.push(line.trim());
    else paragraph.push(line.trim());
  }
  endParagraph();
  endList();
  return blocks;
}

/** The text of inline content without its markup (for tests and plain-text uses). */
export function plainText(content: readonly Inline[]): string {
  return content.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : plainText(n.children))).join('');
}

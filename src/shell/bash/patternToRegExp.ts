/** A piece of an expanded shell pattern: quoted text matches itself, unquoted text is a glob. */
export interface PatternSegment {
  text: string;
  quoted: boolean;
}

/**
 * Turns a shell pattern (as in `${x#pat}` or `${x/pat/rep}`) into a regular expression source.
 * `lazy` makes `*` match as little as possible, for the shortest-match operators.
 */
export function patternToRegExp(segments: PatternSegment[], lazy: boolean): string {
  let source = '';
  for (const { text, quoted } of segments) {
    if (quoted) {
      source += escapeRegExp(text);
      continue;
    }
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i]!;
      if (c === '*') source += lazy ? '[\\s\\S]*?' : '[\\s\\S]*';
      else if (c === '?') source += '[\\s\\S]';
      else if (c === '\\') {
        source += escapeRegExp(text[i + 1] ?? '\\');
        i += 1;
      } else if (c === '[') {
        const end = findClassEnd(text, i);
        if (end < 0) source += '\\[';
        else {
          source += toCharClass(text.slice(i + 1, end));
          i = end;
        }
      } else source += escapeRegExp(c);
    }
  }
  return source;
}

function findClassEnd(text: string, open: number): number {
  let i = open + 1;
  if (text[i] === '!' || text[i] === '^') i += 1;
  if (text[i] === ']') i += 1;
  const end = text.indexOf(']', i);
  return end;
}

function toCharClass(inner: string): string {
  let negate = false;
  let body = inner;
  if (body.startsWith('!') || body.startsWith('^')) {
    negate = true;
    body = body.slice(1);
  }
  const escaped = body.replace(/[\\\]^]/g, (c) => `\\${c}`);
  return `[${negate ? '^' : ''}${escaped}]`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

import { describe, expect, it } from 'vitest';
import { quoteGoString } from './quoteGoString.ts';

describe('quoteGoString', () => {
  it('quotes like strconv.Quote', () => {
    expect(quoteGoString('{.items[0].foo}')).toBe('"{.items[0].foo}"');
    expect(quoteGoString('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
    expect(quoteGoString('a\tb\nc\x00\x7f')).toBe('"a\\tb\\nc\\x00\\x7f"');
  });

  it('keeps printable Unicode and escapes the rest', () => {
    expect(quoteGoString('héllo ✓ \u00a0\u200b')).toBe('"héllo ✓ \\u00a0\\u200b"');
  });
});

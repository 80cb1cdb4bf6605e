import { describe, expect, it } from 'vitest';
import { compareByteWise } from './compareByteWise.ts';

describe('compareByteWise', () => {
  it('orders ASCII like Go: upper case before lower case, shorter prefix first', () => {
    expect(['b', 'a', 'B', 'ab', 'a-b'].sort(compareByteWise)).toEqual(['B', 'a', 'a-b', 'ab', 'b']);
  });

  it('orders astral characters after the BMP, as UTF-8 bytes do (UTF-16 would not)', () => {
    expect(['\u{1F600}', '\uFF5E'].sort(compareByteWise)).toEqual(['\uFF5E', '\u{1F600}']);
  });

  it('returns 0 for equal strings', () => {
    expect(compareByteWise('same', 'same')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { tabwrite } from './tabwrite.ts';

const describeConfig = { minwidth: 0, padding: 2, padchar: ' ', rememberWidths: false };

describe('tabwrite', () => {
  it('aligns tab-terminated cells of consecutive lines and never pads the last cell', () => {
    expect(tabwrite('Name:\tx\nNamespace:\tdefault\nLabels:\n', describeConfig)).toBe('Name:       x\nNamespace:  default\nLabels:\n');
  });

  it('counts a character as one column, even outside the BMP, and a lone surrogate as one', () => {
    expect(tabwrite('😀😀\ta\n\uD800\tb\nxyz\tc\n', describeConfig)).toBe('😀😀   a\n\uD800    b\nxyz  c\n');
  });

  it('ends a column block at a line without a tab', () => {
    expect(tabwrite('a:\t1\nlonger:\t2\nplain\nb:\t3\n', describeConfig)).toBe('a:       1\nlonger:  2\nplain\nb:  3\n');
  });
});

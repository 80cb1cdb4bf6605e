import { describe, expect, it } from 'vitest';
import { marshalGoJson } from './marshalGoJson.ts';
import { nestedJson } from './testing/nestedJson.ts';

describe('marshalGoJson', () => {
  it('sorts keys and prints compactly without an indent', () => {
    expect(marshalGoJson({ name: 'x', image: 'y', ports: [80, 443], ok: true, none: null })).toBe(
      '{"image":"y","name":"x","none":null,"ok":true,"ports":[80,443]}',
    );
  });

  it('indents like MarshalIndent, with empty collections inline', () => {
    expect(marshalGoJson({ b: [], a: {}, c: [1, { d: 'e' }] }, '    ')).toBe(
      ['{', '    "a": {},', '    "b": [],', '    "c": [', '        1,', '        {', '            "d": "e"', '        }', '    ]', '}'].join(
        '\n',
      ),
    );
  });

  it('escapes HTML characters and control characters as Go does', () => {
    expect(marshalGoJson('a<b>&c\n\t"\\\u0001\u2028\u007f')).toBe('"a\\u003cb\\u003e\\u0026c\\n\\t\\"\\\\\\u0001\\u2028\u007f"');
  });

  it('prints numbers the shortest way, like Go float64 encoding', () => {
    expect(marshalGoJson([1, -2, 0.5, 1e21, 1e-7, 1e20])).toBe('[1,-2,0.5,1e+21,1e-7,100000000000000000000]');
  });

  it('drops undefined members and writes undefined items as null, as JSON.stringify would', () => {
    const holes = { a: undefined, b: [undefined, 1] } as unknown as Parameters<typeof marshalGoJson>[0];
    expect(marshalGoJson(holes)).toBe('{"b":[null,1]}');
  });

  it('keeps non-ASCII text unescaped', () => {
    expect(marshalGoJson('héllo ✓')).toBe('"héllo ✓"');
  });
});

describe('marshalGoJson on deeply nested values', () => {
  it('writes maps and lists nested 10,000 deep, the most go-yaml and encoding/json accept', () => {
    expect(marshalGoJson(nestedJson(10_000, (a) => ({ a })))).toBe(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    expect(marshalGoJson(nestedJson(10_000, (item) => [item, null]))).toBe(`${'['.repeat(10_000)}1${',null]'.repeat(10_000)}`);
  });

  it('indents each level one step further, however deep', () => {
    const depth = 1_000;
    const opening = Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}[`);
    const closing = Array.from({ length: depth }, (_, i) => `${'  '.repeat(depth - 1 - i)}]`);
    expect(marshalGoJson(nestedJson(depth, (item) => [item]), '  ')).toBe([...opening, `${'  '.repeat(depth)}1`, ...closing].join('\n'));
  });
});

import { describe, expect, it } from 'vitest';
import { parseJsonPath } from './parseJsonPath.ts';

describe('parseJsonPath', () => {
  it('splits text and actions', () => {
    expect(parseJsonPath('name: {.metadata.name}\n')).toEqual({
      ok: true,
      root: {
        type: 'list',
        nodes: [
          { type: 'text', text: 'name: ' },
          { type: 'list', nodes: [{ type: 'field', name: 'metadata' }, { type: 'field', name: 'name' }] },
          { type: 'text', text: '\n' },
        ],
      },
    });
  });

  it('reads an index as a one-element slice', () => {
    const parsed = parseJsonPath('{.items[-1]}');
    expect(parsed.ok && parsed.root.nodes[0]).toEqual({
      type: 'list',
      nodes: [
        { type: 'field', name: 'items' },
        {
          type: 'array',
          params: [
            { value: -1, known: true, derived: false },
            { value: 0, known: true, derived: true },
            { value: 0, known: false, derived: false },
          ],
        },
      ],
    });
  });

  it('reads filters, recursive descent, identifiers and literals', () => {
    const parsed = parseJsonPath(`{range ..items[?(@.x>=1.5)]}{'a\\'b'}{true}{end}`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.root.nodes).toEqual([
      {
        type: 'list',
        nodes: [
          { type: 'identifier', name: 'range' },
          { type: 'recursive' },
          { type: 'field', name: 'items' },
          {
            type: 'filter',
            left: { type: 'list', nodes: [{ type: 'field', name: 'x' }] },
            right: { type: 'list', nodes: [{ type: 'float', value: 1.5 }] },
            operator: '>=',
          },
        ],
      },
      { type: 'list', nodes: [{ type: 'text', text: "a'b" }] },
      { type: 'list', nodes: [{ type: 'bool', value: true }] },
      { type: 'list', nodes: [{ type: 'identifier', name: 'end' }] },
    ]);
  });

  it.each([
    ['{.a[}', 'unterminated array'],
    ['{.a[?(@.b)}', 'unclosed array expect ]'],
    ['{.a[?(@.b', 'unterminated filter'],
    ['{.a\n}', 'unclosed action'],
    ['{\t}', 'unrecognized character in action: U+0009'],
    ['{-}', 'cannot parse number -'],
    ['{.a[1:b]}', 'invalid array index 1:b'],
    ["{'\\x4'}", "unquote string '\\x4' error invalid syntax"],
  ])('reports %j as %j', (template, error) => {
    expect(parseJsonPath(template)).toEqual({ ok: false, error });
  });
});

import { describe, expect, it } from 'vitest';
import { goTypeName, goValueOf, printGoValue } from './printGoValue.ts';
import { nestedJson } from './testing/nestedJson.ts';

describe('printGoValue', () => {
  const object = goValueOf({ b: [1, 'x', null], a: { c: true }, f: 2.5 });

  it('prints %v like fmt, keys sorted', () => {
    expect(printGoValue(object, '%v')).toBe('map[a:map[c:true] b:[1 x <nil>] f:2.5]');
  });

  it('prints %#v like fmt, with Go types and quoted strings', () => {
    expect(printGoValue(object, '%#v')).toBe(
      'map[string]interface {}{"a":map[string]interface {}{"c":true}, "b":[]interface {}{1, "x", interface {}(nil)}, "f":2.5}',
    );
  });

  it('names Go types as reflect does', () => {
    expect(goTypeName(goValueOf({}))).toBe('map[string]interface {}');
    expect(goTypeName(goValueOf([]))).toBe('[]interface {}');
    expect(goTypeName(goValueOf('s'))).toBe('string');
    expect(goTypeName(goValueOf(3))).toBe('int64');
    expect(goTypeName(goValueOf(0.5))).toBe('float64');
  });

  it('prints values nested 10,000 deep', () => {
    const value = goValueOf(nestedJson(10_000, (a) => ({ a, b: [] })));
    expect(printGoValue(value, '%v')).toBe(`${'map[a:'.repeat(10_000)}1${' b:[]]'.repeat(10_000)}`);
    expect(printGoValue(value, '%#v')).toBe(
      `${'map[string]interface {}{"a":'.repeat(10_000)}1${', "b":[]interface {}{}}'.repeat(10_000)}`,
    );
  });
});

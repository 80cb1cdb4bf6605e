import { describe, expect, it } from 'vitest';
import { evaluateArithmetic } from './arithmetic.ts';

function scope(initial: Record<string, string> = {}) {
  const vars = new Map(Object.entries(initial));
  return { vars, get: (n: string) => vars.get(n), set: (n: string, v: string) => void vars.set(n, v) };
}

describe('evaluateArithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7n],
    ['(1 + 2) * 3', 9n],
    ['-7 / 2', -3n],
    ['-7 % 2', -1n],
    ['2 ** 10', 1024n],
    ['2 ** 3 ** 2', 512n],
    ['1 << 4 | 1', 17n],
    ['5 > 3 && 2 > 3', 0n],
    ['0 || 7', 1n],
    ['!0 + ~0', 0n],
    ['1 ? 10 : 20', 10n],
    ['0x1f + 010 + 2#101', 44n],
    ['9223372036854775807 + 1', -9223372036854775808n],
    ['2 ** 99999999999', 0n],
    ['', 0n],
    ['1, 2', 2n],
  ])('%s = %s', (expression, value) => {
    expect(evaluateArithmetic(expression, scope())).toEqual({ ok: true, value });
  });

  it('reads variables, recursively, and assigns them', () => {
    const s = scope({ i: '4', e: 'i * 2', empty: '' });
    expect(evaluateArithmetic('i + e + empty + unset', s)).toEqual({ ok: true, value: 12n });
    expect(evaluateArithmetic('i++ + ++i', s)).toEqual({ ok: true, value: 10n });
    expect(s.vars.get('i')).toBe('6');
    expect(evaluateArithmetic('n = 3, n *= 2', s)).toEqual({ ok: true, value: 6n });
    expect(s.vars.get('n')).toBe('6');
  });

  it('does not evaluate the untaken side of && || and ?:', () => {
    expect(evaluateArithmetic('0 && 1/0', scope())).toEqual({ ok: true, value: 0n });
    expect(evaluateArithmetic('1 ? 2 : 1/0', scope())).toEqual({ ok: true, value: 2n });
  });

  it.each([
    ['1/0', 'bash: 1/0: division by 0 (error token is "0")'],
    ['1+', 'bash: 1+: syntax error: operand expected (error token is "+")'],
    ['2**-1', 'bash: 2**-1: exponent less than 0 (error token is "-1")'],
    ['(1', "bash: (1: missing `)' (error token is \"1\")"],
  ])('reports %s as bash does', (expression, message) => {
    expect(evaluateArithmetic(expression, scope())).toEqual({ ok: false, message });
  });

  it('stops self-referencing variables and deep nesting', () => {
    expect(evaluateArithmetic('a', scope({ a: 'a + 1' }))).toMatchObject({ ok: false, message: expect.stringContaining('recursion') });
    expect(evaluateArithmetic('('.repeat(10_000), scope())).toMatchObject({ ok: false });
    expect(evaluateArithmetic('-'.repeat(10_000) + '1', scope())).toMatchObject({ ok: false });
  });
});

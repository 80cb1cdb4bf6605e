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

  it('reports an error in the expression a variable holds on its own, as bash does', () => {
    // bash 5.2: `y="1 +"; echo $((y * 2))` prints only `bash: 1 +: syntax error: operand expected (error token is "+")`.
    expect(evaluateArithmetic('y * 2', scope({ y: '1 +' }))).toEqual({ ok: false, message: 'bash: 1 +: syntax error: operand expected (error token is "+")' });
    expect(evaluateArithmetic('x', scope({ x: 'y+1', y: 'x+1' }))).toEqual({
      ok: false,
      message: 'bash: y+1: expression recursion level exceeded (error token is "y+1")',
    });
  });

  it('shares one nesting budget between parentheses and variables, so nothing overflows the stack', () => {
    const deep = `${'('.repeat(200)}x${')'.repeat(200)}`;
    expect(evaluateArithmetic('x', scope({ x: deep }))).toMatchObject({ ok: false, message: expect.stringContaining('expression recursion level exceeded') });
    expect(evaluateArithmetic(`${'('.repeat(250)}1${')'.repeat(250)}`, scope())).toEqual({ ok: true, value: 1n });
    for (const unit of ['2**', '- ', '!', '~', '1?1:', 'a=']) {
      expect(evaluateArithmetic(`${unit.repeat(100_000)}1`, scope())).toMatchObject({ ok: false, message: expect.stringContaining('recursion') });
    }
  });

  it.each([
    ['1 - 2 - 3', -4n],
    ['2 * 3 + 4 * 5', 26n],
    ['1 + 2 << 1', 6n],
    ['1 || 2 && 3 | 4 ^ 5 & 6 == 7 < 8 << 9 + 10 * 11', 1n],
    ['7 & 3 == 3', 1n],
    ['8 / 2 / 2', 2n],
  ])('applies C precedence and left associativity: %s = %s', (expression, value) => {
    expect(evaluateArithmetic(expression, scope())).toEqual({ ok: true, value });
  });
});

import { describe, expect, it } from 'vitest';
import { relaxJsonPathExpression } from './relaxJsonPathExpression.ts';

describe('relaxJsonPathExpression', () => {
  it.each(['metadata.name', '.metadata.name', '{metadata.name}', '{.metadata.name}'])('turns %s into {.metadata.name}', (expression) => {
    expect(relaxJsonPathExpression(expression)).toEqual({ ok: true, template: '{.metadata.name}' });
  });

  it('keeps an empty expression empty', () => {
    expect(relaxJsonPathExpression('')).toEqual({ ok: true, template: '' });
  });

  it('rejects nested braces with kubectl\'s message', () => {
    expect(relaxJsonPathExpression('{.a}{.b}')).toEqual({
      ok: false,
      error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    });
  });
});

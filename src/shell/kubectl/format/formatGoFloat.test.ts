import { describe, expect, it } from 'vitest';
import { formatGoFloat } from './formatGoFloat.ts';

describe('formatGoFloat', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [0.5, '0.5'],
    [-2.25, '-2.25'],
    [100000, '100000'],
    [123456.5, '123456.5'],
    [1000000, '1e+06'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('prints %s as Go does: %s', (value, expected) => {
    expect(formatGoFloat(value)).toBe(expected);
  });
});

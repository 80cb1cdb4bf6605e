import { describe, expect, it } from 'vitest';
import { isYamlPlainString } from './isYamlPlainString.ts';

describe('isYamlPlainString', () => {
  it.each([
    'frontend',
    'STRICT',
    'gcr.io/google-samples/microservices-demo/frontend:v0.10.1',
    '34.118.236.212',
    '80/TCP',
    '1-2',
    '-',
    '.',
    'nan',
    'Infinity',
    '<<',
    '0x',
    '2026-13-01',
    '2026-02-30',
    '2026-01-01T25:00:00Z',
    '2026-01-01T10:00:00',
    '2026-01-01 10:00:00Z',
    '1e400',
    // A signed hex literal beyond int64: ParseInt overflows, ParseUint rejects the sign.
    '-0x8000000000000001',
    'ÿes',
  ])('keeps %j plain', (text) => {
    expect(isYamlPlainString(text)).toBe(true);
  });

  it.each([
    '',
    'true',
    'False',
    'yes',
    'Y',
    'n',
    'on',
    'OFF',
    'null',
    '~',
    '80',
    '-1',
    '+5',
    '0755',
    '0x1F',
    '0o17',
    '0b101',
    '1_000',
    '09',
    '1.0',
    '1.',
    '.5',
    '1e3',
    '-2.5E-3',
    '.inf',
    '-.Inf',
    '.NaN',
    '12:30',
    '-1:20:30.5',
    '99999999999999999999',
    '-9223372036854775809',
    '-9223372036854775808',
    '2026-11-28T08:33:00Z',
    '2026-11-28t08:33:00.123456+01:00',
    '2026-1-2T3:4:5Z',
    '2026-11-28 08:33:00',
    '2026-11-28',
    '2024-02-29',
  ])('quotes %j, which would read back as another type', (text) => {
    expect(isYamlPlainString(text)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { humanDuration } from './humanDuration.ts';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

describe('humanDuration', () => {
  it.each([
    [-3, '<invalid>'],
    [-2, '<invalid>'],
    [-1.9, '0s'],
    [-1, '0s'],
    [0, '0s'],
    [0.9, '0s'],
    [41, '41s'],
    [119, '119s'],
    [2 * MINUTE, '2m'],
    [2 * MINUTE + 1, '2m1s'],
    [9 * MINUTE + 59, '9m59s'],
    [10 * MINUTE, '10m'],
    [27 * MINUTE + 30, '27m'],
    [179 * MINUTE + 59, '179m'],
    [3 * HOUR, '3h'],
    [3 * HOUR + 5 * MINUTE + 30, '3h5m'],
    [7 * HOUR + 59 * MINUTE, '7h59m'],
    [8 * HOUR, '8h'],
    [47 * HOUR + 59 * MINUTE, '47h'],
    [2 * DAY, '2d'],
    [2 * DAY + 5 * HOUR, '2d5h'],
    [7 * DAY + 23 * HOUR, '7d23h'],
    [8 * DAY, '8d'],
    [2 * YEAR - 1, '729d'],
    [2 * YEAR, '2y'],
    [2 * YEAR + 40 * DAY, '2y40d'],
    [8 * YEAR - 1, '7y364d'],
    [8 * YEAR, '8y'],
    [12 * YEAR + 100 * DAY, '12y'],
  ])('prints %s seconds as %s', (seconds, expected) => {
    expect(humanDuration(seconds)).toBe(expected);
  });
});

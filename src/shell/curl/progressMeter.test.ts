import { describe, expect, it } from 'vitest';
import { max5data, progressFinalLine } from './progressMeter.ts';

describe('progressFinalLine', () => {
  it('matches a real curl line for a 29-byte body', () => {
    // Published output of curl fetching a 29-byte JSON body: the last meter line.
    expect(progressFinalLine({ downloaded: 29, downloadSize: 29, uploaded: 0, seconds: 0.008 }))
      .toBe('100    29  100    29    0     0   3625      0 --:--:-- --:--:-- --:--:--  3625\n');
  });

  it('shows zeros and the time spent when nothing arrived', () => {
    expect(progressFinalLine({ downloaded: 0, uploaded: 0, seconds: 5.001 }))
      .toBe('  0     0    0     0    0     0      0      0 --:--:--  0:00:05 --:--:--     0\n');
  });

  it('leaves the received percentage at 0 when the size was not announced', () => {
    expect(progressFinalLine({ downloaded: 1256, uploaded: 0, seconds: 0.1 }).slice(0, 20)).toBe('100  1256    0  1256');
  });
});

describe('max5data', () => {
  it('fits sizes in five columns', () => {
    expect([99999, 100000, 10 * 1024 * 1024, 123 * 1024 * 1024].map(max5data)).toEqual(['99999', '  97k', '10.0M', ' 123M']);
  });
});

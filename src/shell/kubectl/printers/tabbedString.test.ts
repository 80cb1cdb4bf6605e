import { describe, expect, it } from 'vitest';
import { tabwrite } from '../format/index.ts';
import { tabbedString } from './tabbedString.ts';

const DESCRIBE = { minwidth: 0, padding: 2, padchar: ' ', rememberWidths: false };

describe('tabbedString', () => {
  it('aligns a run of tabbed lines two spaces past the widest label', () => {
    expect(tabbedString((w) => {
      w.write(0, 'Name:\tfrontend\n');
      w.write(0, 'Annotations:\t<none>\n');
    })).toBe('Name:         frontend\nAnnotations:  <none>\n');
  });

  it('starts a new column block after a line without a tab', () => {
    expect(tabbedString((w) => {
      w.write(0, 'Status:\tRunning\n');
      w.write(0, 'IPs:\n');
      w.write(1, 'IP:\t10.0.0.1\n');
      w.write(0, 'Controlled By:\tReplicaSet/x\n');
    })).toBe('Status:  Running\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/x\n');
  });

  it('pads an empty leading cell so continuation lines sit under the first value', () => {
    expect(tabwrite('Labels:\ta=b\n\tc=d\n', DESCRIBE)).toBe('Labels:  a=b\n         c=d\n');
  });

  it('aligns second columns only across consecutive lines that have them', () => {
    expect(tabwrite('Port:\thttp\t80/TCP\nTargetPort:\t8080/TCP\nNodePort:\thttp\t31562/TCP\n', DESCRIBE))
      .toBe('Port:        http  80/TCP\nTargetPort:  8080/TCP\nNodePort:    http  31562/TCP\n');
  });
});

import { describe, expect, it } from 'vitest';
import { printAnnotationsMultiline, printLabelsMultiline, printUnstructuredContent, smartLabelFor } from './describeFields.ts';
import { tabbedString } from './tabbedString.ts';

describe('smartLabelFor', () => {
  it.each([
    ['apiVersion', 'API Version'],
    ['uid', 'UID'],
    ['matchLabels', 'Match Labels'],
    ['mtls', 'Mtls'],
    ['portLevelMtls', 'Port Level Mtls'],
    ['creationTimestamp', 'Creation Timestamp'],
    ['HTTPServer', 'HTTP Server'],
    ['app.kubernetes.io/name', 'app.kubernetes.io/name'],
    ['http2MaxRequests', 'http2MaxRequests'],
  ])('%s → %s', (field, label) => {
    expect(smartLabelFor(field)).toBe(label);
  });
});

describe('printLabelsMultiline and printAnnotationsMultiline', () => {
  it('sorts entries and prints <none> when empty', () => {
    expect(tabbedString((w) => {
      printLabelsMultiline(w, 'Labels', { z: '1', a: '2' });
      printAnnotationsMultiline(w, 'Annotations', {});
    })).toBe('Labels:       a=2\n              z=1\nAnnotations:  <none>\n');
  });

  it('hides last-applied-configuration and moves long values below their key', () => {
    const long = 'x'.repeat(150);
    expect(tabbedString((w) => printAnnotationsMultiline(w, 'Annotations', {
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      long,
      short: 'v',
    }))).toBe(`Annotations:  long:\n                ${'x'.repeat(138)}...\n              short: v\n`);
  });
});

describe('printUnstructuredContent', () => {
  it('prints sorted fields, nested maps deeper, list items without markers', () => {
    expect(tabbedString((w) => printUnstructuredContent(w, 0, {
      spec: { selector: { matchLabels: { app: 'frontend' } }, mtls: { mode: 'STRICT' }, hosts: ['a', 'b'], weight: 0.5 },
      kind: 'PeerAuthentication',
    }, '', ['.spec.weight']))).toBe('Kind:  PeerAuthentication\nSpec:\n  Hosts:\n    a\n    b\n  Mtls:\n    Mode:  STRICT\n  Selector:\n    Match Labels:\n      App:  frontend\n');
  });
});

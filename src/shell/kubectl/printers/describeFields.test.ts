import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../domain/objects.ts';
import { printAnnotationsMultiline, printLabelsMultiline, printUnstructuredContent, smartLabelFor } from './describeFields.ts';
import { nestedJson } from '../format/testing/nestedJson.ts';
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

  it("prints a list's items that are not maps with Go's %v, as fmt does", () => {
    expect(tabbedString((w) => printUnstructuredContent(w, 0, { matrix: [[1, 'a', null], [], [{ k: 2.5 }]] }, '', []))).toBe(
      'Matrix:\n  [1 a <nil>]\n  []\n  [map[k:2.5]]\n',
    );
  });

  it('prints maps nested 10,000 deep, each two spaces further in', () => {
    const content = nestedJson(10_000, (inner) => ({ inner }), { leaf: true }) as JsonObject;
    const lines = tabbedString((w) => printUnstructuredContent(w, 0, content, '', [])).split('\n');
    expect(lines).toHaveLength(10_002);
    expect(lines.slice(-2)).toEqual([`${'  '.repeat(10_000)}Leaf:  true`, '']);
    expect(lines.slice(0, -2).every((line, i) => line.length === 2 * i + 6 && line.endsWith('Inner:'))).toBe(true);
  });

  it('prints lists nested 10,000 deep on one line', () => {
    const content = { list: [nestedJson(9_999, (item) => [item])] };
    expect(tabbedString((w) => printUnstructuredContent(w, 0, content, '', []))).toBe(`List:\n  ${'['.repeat(9_999)}1${']'.repeat(9_999)}\n`);
  });
});

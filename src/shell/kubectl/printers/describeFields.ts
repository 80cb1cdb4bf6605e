import type { Json, JsonObject } from '../../../domain/objects.ts';
import { isJsonObject } from '../../../domain/objects.ts';
import { compareByteWise } from '../format/compareByteWise.ts';
import { goValueOf, printGoValue } from '../format/printGoValue.ts';
import { trampoline } from '../format/trampoline.ts';
import type { PrefixWriter } from './tabbedString.ts';

/** Annotations describe never shows (KCTL describe.go `skipAnnotations`). */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/**
 * describe.go printLabelsMultilineWithIndent: `Title:\tk=v`, further entries on their own lines
 * aligned under the first (an empty cell), sorted by key; `<none>` when empty.
 */
export function printLabelsMultiline(w: PrefixWriter, title: string, labels: Record<string, string>): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(labels).sort(compareByteWise);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    w.write(0, `${key}=${labels[key]}\n`);
  });
}

/** describe.go printAnnotationsMultiline: `key: value`; long or multi-line values go below their key, cut at 138 characters. */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string>): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort(compareByteWise);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = (annotations[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const line of value.split('\n')) {
        const cut = line.length > MAX_ANNOTATION_LEN - 2 ? `${line.slice(0, MAX_ANNOTATION_LEN - 2)}...` : line;
        w.write(0, `\t  ${cut}\n`);
      }
    } else {
      w.write(0, `${key}: ${value}\n`);
    }
  });
}

/** fatih/camelcase.Split: runs of lower case, upper case, digits and other characters; `HTTPServer` → HTTP, Server. */
function splitCamelCase(text: string): string[] {
  const classOf = (ch: string): number => (/[a-z]/.test(ch) ? 1 : /[A-Z]/.test(ch) ? 2 : /[0-9]/.test(ch) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of text) {
    const c = classOf(ch);
    if (c === last) runs[runs.length - 1]?.push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const run = runs[i] ?? [];
    const next = runs[i + 1] ?? [];
    if (classOf(run[0] ?? '') === 2 && classOf(next[0] ?? '') === 1) {
      next.unshift(run.pop() ?? '');
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** describe.go smartLabelFor: `matchLabels` → `Match Labels`, `apiVersion` → `API Version`; keys with other characters stay as they are. */
export function smartLabelFor(field: string): string {
  if ([...field].some((ch) => !/\p{L}/u.test(ch) && ch !== '-')) return field;
  const acronyms = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);
  return splitCamelCase(field)
    .filter((part) => part !== '_')
    .map((part) => (acronyms.has(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join(' ');
}

/** Go's `%v` of a decoded JSON value: `map[a:1]`, `[1 2]`, `<nil>`. */
function goValue(value: Json): string {
  return printGoValue(goValueOf(value), '%v');
}

/** A map printUnstructuredContent prints, with its indentation level and path. */
interface ContentNode {
  level: number;
  content: JsonObject;
  skipPrefix: string;
}

/**
 * describe.go printUnstructuredContent, the generic (CRD) describer: fields sorted, maps as
 * `Label:` with their fields one level deeper, list items one level deeper with no marker, and
 * scalars as `Label:\tvalue`. `skip` holds paths like `.metadata.name`. Any depth is fine: the walk
 * keeps its frames on the heap.
 */
export function printUnstructuredContent(w: PrefixWriter, level: number, content: JsonObject, skipPrefix: string, skip: readonly string[]): void {
  trampoline<ContentNode>(function* printContent({ level, content, skipPrefix }) {
    for (const field of Object.keys(content).sort(compareByteWise)) {
      const value = content[field] as Json;
      const path = `${skipPrefix}.${field}`;
      if (skip.includes(path)) continue;
      if (isJsonObject(value)) {
        w.write(level, `${smartLabelFor(field)}:\n`);
        yield { level: level + 1, content: value, skipPrefix: path };
      } else if (Array.isArray(value)) {
        w.write(level, `${smartLabelFor(field)}:\n`);
        for (const child of value) {
          if (isJsonObject(child)) yield { level: level + 1, content: child, skipPrefix: path };
          else w.write(level + 1, `${goValue(child)}\n`);
        }
      } else {
        w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
      }
    }
  }, { level, content, skipPrefix });
}

/** describe.go DescribeEvents when no event matches (the simulator records none). */
export function describeNoEvents(w: PrefixWriter): void {
  w.write(0, 'Events:\t<none>\n');
}

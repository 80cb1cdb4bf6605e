import { compareByteWise } from '../format/compareByteWise.ts';
import type { ExplainNode } from './explainModel.ts';
import { indent, wordWrap } from './wordWrap.ts';

/** What `kubectl explain` printed, the error it ends with (if any), and the paths whose fields the simulator lacks. */
export interface ExplainOutput {
  text: string;
  error?: string;
  /** Fields whose own fields the real schema lists and the simulator does not. */
  opaque: string[];
}

/** The `description` template: the field's description, then the type's, each ending in a newline. */
function fullDescription(node: ExplainNode): string {
  return `${node.description !== undefined ? `${node.description}\n` : ''}${node.typeDescription !== undefined ? `${node.typeDescription}\n` : ''}`;
}

/** `extractEnum`: `""` for the empty string. */
const enumValue = (v: string) => (v === '' ? '""' : v);

/** The `fieldDetail` template for one field at `level`; `short` (recursive) omits the description. */
function fieldDetail(name: string, node: ExplainNode, required: boolean, level: number, short: boolean): string {
  const pad = level * 2;
  let out = `${indent(pad, name)}\t<${node.type}>${required ? ' -required-' : ''}`;
  if (node.enum && node.enum.length > 0) {
    // The short view shows four values, then `, ....`.
    const shown = node.enum.slice(0, 4).map(enumValue).join(', ');
    out += `\n${' '.repeat(pad)}enum: ${shown}${node.enum.length > 4 ? ', ....' : ''}`;
  }
  out += '\n';
  if (!short) out += `${indent(pad + 2, wordWrap(node.description ?? '<no description>', 78 - pad))}\n\n`;
  return out;
}

/** The `fieldList` template: every field in name order, and with `recursive` the fields of fields. */
function fieldList(node: ExplainNode, path: string, level: number, recursive: boolean, opaque: string[]): string {
  const fields = node.fields();
  if (!fields) return '';
  let out = '';
  // Bounded by the schema's depth: schemas.ts has no cycles.
  for (const [name, child] of [...fields].sort(([a], [b]) => compareByteWise(a, b))) {
    out += fieldDetail(name, child, node.required.includes(name), level, recursive);
    if (recursive) {
      if (child.opaque) opaque.push(`${path}.${name}`);
      out += fieldList(child, `${path}.${name}`, level + 1, recursive, opaque);
    }
  }
  return out;
}

/**
 * KCTL:pkg/explain/v2/templates/plaintext.tmpl: the GROUP/KIND/VERSION header, then either the
 * kind's or the field's DESCRIPTION (wrapped at 76 columns, indented 4) and FIELDS. A field path
 * that does not exist stops after the header with `field "<last>" does not exist`, as the template
 * throws after writing the header.
 */
export function renderExplain(header: { group: string; kind: string; version: string }, root: ExplainNode, path: readonly string[], recursive: boolean): ExplainOutput {
  let text = `${header.group ? `GROUP:      ${header.group}\n` : ''}KIND:       ${header.kind}\nVERSION:    ${header.version}\n\n`;
  const opaque: string[] = [];
  let node = root;
  const walked: string[] = [header.kind.toLowerCase()];
  for (const [i, name] of path.entries()) {
    const child = node.fields()?.get(name);
    if (!child) {
      if (node.opaque) return { text, opaque: [walked.join('.')], error: 'opaque' };
      return { text, opaque, error: `error: field "${path[path.length - 1] ?? ''}" does not exist` };
    }
    walked.push(name);
    if (i === path.length - 1) {
      text += `FIELD: ${name} <${child.type}>\n${child.enum?.length ? `ENUM:${child.enum.map((v) => `\n    ${enumValue(v)}`).join('')}` : ''}\n\n`;
    }
    node = child;
  }
  text += `DESCRIPTION:\n${indent(4, wordWrap(fullDescription(node) || '<empty>', 76))}\n`;
  if (node.opaque) opaque.push(walked.join('.'));
  const fields = fieldList(node, walked.join('.'), 1, recursive, opaque);
  if (fields) text += `FIELDS:\n${fields}`;
  return { text: `${text}\n`, opaque };
}

/**
 * The Markdown form of a scenario: YAML frontmatter for the scenario, then, per step, YAML
 * frontmatter followed by the step's text.
 *
 *   ---
 *   scenario: v1
 *   id: my-scenario
 *   title: …
 *   ---
 *   The summary, in Markdown.
 *   ---
 *   step: first-step
 *   title: …
 *   check: …
 *   ---
 *   What to do, in Markdown.
 *
 * A line that is exactly `---` separates the parts (outside fenced code blocks in the text); a
 * horizontal rule in the text is written `***`. The result has the shape of the YAML form, so one
 * reader checks both; each field keeps the line it has in the Markdown file.
 */
import { yamlToJsonWithLines } from '../../domain/manifests/goYaml.ts';
import { isJsonObject, type Json, type JsonObject } from '../../domain/objects.ts';
import { join } from './fields.ts';

export interface ConvertedFile {
  value: Json;
  lines: Map<string, number>;
}

export type ConvertResult = { ok: true; file: ConvertedFile } | { ok: false; line?: number; field: string; message: string };

interface Block {
  /** 1-based line of the block's first line. */
  line: number;
  text: string;
}

const SEPARATOR = /^---[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Splits at `---` lines that are not inside a fenced code block. */
function splitBlocks(text: string): { blocks: Block[]; leading: string } {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  const leading: string[] = [];
  let current: string[] | undefined;
  let start = 0;
  let fence: string | undefined;
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (fence === undefined && SEPARATOR.test(line)) {
      if (current) blocks.push({ line: start + 1, text: current.join('\n') });
      current = [];
      start = i + 1;
      return;
    }
    const mark = FENCE.exec(line)?.[1];
    // Fences only matter in text blocks (odd-numbered ones: summary, step bodies).
    if (mark && blocks.length % 2 === 1) {
      if (fence === undefined) fence = mark;
      else if (mark[0] === fence[0] && mark.length >= fence.length) fence = undefined;
    }
    if (current) current.push(line);
    else leading.push(line);
  });
  if (current) blocks.push({ line: start + 1, text: current.join('\n') });
  return { blocks, leading: leading.join('\n') };
}

function yamlBlock(block: Block, field: string): { ok: true; value: JsonObject; lines: Map<string, number> } | { ok: false; line?: number; field: string; message: string } {
  // The block's own last line break is part of it: a `|` value at its end keeps its final newline.
  const { result, lines } = yamlToJsonWithLines(`${block.text}\n`);
  if (!result.ok) {
    // The YAML reader counts from the block's first line; the author counts from the file's.
    const m = /line (\d+): /.exec(result.message);
    const line = block.line + (m ? Number(m[1]) - 1 : 0);
    return { ok: false, field, message: m ? result.message.replace(m[0], `line ${line}: `) : result.message, line };
  }
  const value = result.value ?? {};
  if (!isJsonObject(value)) return { ok: false, field, line: block.line, message: 'Invalid value: frontmatter must be a YAML mapping (key: value lines)' };
  const shifted = new Map<string, number>();
  for (const [path, line] of lines) shifted.set(path, line + block.line - 1);
  return { ok: true, value, lines: shifted };
}

/** Reads a Markdown scenario (or translation) into the YAML form's shape. */
export function convertMarkdown(text: string): ConvertResult {
  const { blocks, leading } = splitBlocks(text);
  if (leading.trim() !== '' || blocks.length === 0) {
    return { ok: false, line: 1, field: '', message: 'Invalid value: a Markdown scenario starts with a `---` line and the scenario\'s YAML frontmatter' };
  }
  const header = yamlBlock(blocks[0]!, '');
  if (!header.ok) return header;
  const root: JsonObject = { ...header.value };
  const lines = new Map(header.lines);
  lines.set('', blocks[0]!.line);
  const summary = blocks[1];
  if (summary && summary.text.trim() !== '') {
    if (Object.hasOwn(root, 'summary')) return { ok: false, line: summary.line, field: 'summary', message: 'Duplicate value: the summary is given in the frontmatter and as text' };
    root.summary = summary.text.trim();
    lines.set('summary', summary.line);
  }
  const stepBlocks = blocks.slice(2);
  if (stepBlocks.length > 0) {
    if (Object.hasOwn(root, 'steps')) return { ok: false, line: stepBlocks[0]!.line, field: 'steps', message: 'Duplicate value: steps are given in the frontmatter and as sections' };
    const steps: Json[] = [];
    for (let i = 0; i < stepBlocks.length; i += 2) {
      const field = join('steps', steps.length);
      const fm = yamlBlock(stepBlocks[i]!, field);
      if (!fm.ok) return fm;
      const step: JsonObject = {};
      for (const [key, value] of Object.entries(fm.value)) {
        if (key === 'step') step.id = value;
        else if (key === 'id' || key === 'body') return { ok: false, line: fm.lines.get(key) ?? stepBlocks[i]!.line, field: join(field, key), message: `unknown field: a step section names its id with "step:", and its text follows the frontmatter` };
        else step[key] = value;
      }
      for (const [path, line] of fm.lines) lines.set(path === '' ? field : join(field, path === 'step' ? 'id' : path), line);
      lines.set(field, stepBlocks[i]!.line);
      const body = stepBlocks[i + 1];
      if (body && body.text.trim() !== '') {
        step.body = body.text.trim();
        lines.set(join(field, 'body'), body.line);
      }
      steps.push(step);
    }
    root.steps = steps;
    lines.set('steps', stepBlocks[0]!.line);
  }
  return { ok: true, file: { value: root, lines } };
}

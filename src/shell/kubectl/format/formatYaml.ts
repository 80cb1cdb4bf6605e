import type { Json } from '../../../domain/objects.ts';
import { compareYamlKeys } from './compareYamlKeys.ts';
import { formatGoFloat } from './formatGoFloat.ts';
import { isYamlPlainString } from './isYamlPlainString.ts';
import { trampoline } from './trampoline.ts';
import { wrapInList } from './wrapInList.ts';

/**
 * `kubectl get -o yaml` for one object. kubectl calls sigs.k8s.io/yaml `Marshal`: JSON, read back by
 * its go-yaml v2 fork (goyaml.v2, = gopkg.in/yaml.v2 v2.4.0) and written by that fork's emitter.
 * This ports the parts of goyaml.v2 encode.go, sorter.go and emitterc.go that JSON data reaches:
 * keys in go-yaml's "natural" order, 2-space indent, sequences not indented under their key,
 * strings quoted only when they would read back as something else (`"80"`, `"true"`, timestamps,
 * `""`) or need it (`'*'`, `'a: b'`), `|` blocks for text with newlines, and plain or quoted text
 * folded at spaces once a line passes 80 columns.
 */
export function formatYaml(value: Json): string {
  return new GoYamlEmitter().emitDocument(value);
}

/** `kubectl get -o yaml` for zero or several objects: a v1 List with `resourceVersion: ""`. */
export function formatYamlList(items: readonly Json[]): string {
  return formatYaml(wrapInList(items));
}

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

/** A scalar event: its text and the style encode.go asks for. */
interface Scalar {
  text: string;
  style: ScalarStyle;
}

/** What yaml_emitter_analyze_scalar learns about a scalar. */
interface ScalarAnalysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

const BEST_INDENT = 2;
const BEST_WIDTH = 80;
/** yaml_emitter_check_simple_key: longer keys are written as `? key`. Counted in UTF-8 bytes. */
const MAX_SIMPLE_KEY_BYTES = 128;

/** encode.go: how each JSON value becomes a scalar event. */
function scalarOf(value: null | boolean | number | string): Scalar {
  if (value === null) return { text: 'null', style: 'plain' };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', style: 'plain' };
  if (typeof value === 'number') return { text: formatNumber(value), style: 'plain' };
  return stringScalar(value);
}

/** encode.go `stringv`: literal for multi-line text, plain when it reads back as a string, else "double". */
function stringScalar(text: string): Scalar {
  if (text.includes('\n')) return { text, style: 'literal' };
  return { text, style: isYamlPlainString(text) ? 'plain' : 'double' };
}

/**
 * JSON integers come back from goyaml as int (`intv`), other numbers as float64 (`floatv`,
 * FormatFloat 'g'). An integer beyond int64 is parsed as a float first.
 */
function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return String(Object.is(value, -0) ? 0 : value);
  const text = formatGoFloat(value);
  if (text === '+Inf') return '.inf';
  if (text === '-Inf') return '-.inf';
  if (text === 'NaN') return '.nan';
  return text;
}

function isSpace(ch: string | undefined): boolean {
  return ch === ' ';
}

function isBreak(ch: string | undefined): boolean {
  return ch === '\r' || ch === '\n' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

function isBlankOrBreakOrNul(ch: string | undefined): boolean {
  return isBlank(ch) || isBreak(ch) || ch === '\0';
}

/** go-yaml's is_printable, read as code points: tabs and astral characters are not printable. */
function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

/** yaml_emitter_analyze_scalar (v2: a tab counts as a special character). */
function analyzeScalar(chars: readonly string[]): ScalarAnalysis {
  const n = chars.length;
  if (n === 0) {
    return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;

  const head = chars.slice(0, 3).join('');
  if (head === '---' || head === '...') {
    blockIndicators = true;
    flowIndicators = true;
  }

  let precededByWhitespace = true;
  for (let i = 0; i < n; i++) {
    const ch = chars[i] ?? '';
    const followedByWhitespace = i + 1 >= n || isBlank(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (ch === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else if (',?[]{}'.includes(ch)) {
      flowIndicators = true;
    } else if (ch === ':') {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (ch === '#' && precededByWhitespace) {
      flowIndicators = true;
      blockIndicators = true;
    }

    if (!isPrintable(ch)) specialCharacters = true;
    if (isSpace(ch)) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(ch)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrBreakOrNul(ch);
  }

  const result: ScalarAnalysis = {
    multiline: lineBreaks,
    flowPlainAllowed: true,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    result.flowPlainAllowed = false;
    result.blockPlainAllowed = false;
  }
  if (trailingSpace) result.blockAllowed = false;
  if (breakSpace) {
    result.flowPlainAllowed = false;
    result.blockPlainAllowed = false;
    result.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    result.flowPlainAllowed = false;
    result.blockPlainAllowed = false;
    result.singleQuotedAllowed = false;
    result.blockAllowed = false;
  }
  if (lineBreaks) {
    result.flowPlainAllowed = false;
    result.blockPlainAllowed = false;
  }
  if (flowIndicators) result.flowPlainAllowed = false;
  if (blockIndicators) result.blockPlainAllowed = false;
  return result;
}

const doubleQuoteEscapes: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

/** A value to emit, and whether it is a mapping's value. */
interface YamlNode {
  value: Json | undefined;
  mapping: boolean;
}

/**
 * The block-style subset of go-yaml v2's emitter state machine, driven by a walk of the value
 * instead of an event queue; the walk keeps its frames on the heap (trampoline.ts), so any depth
 * is fine. Column, indent and the whitespace/indention flags follow emitterc.go exactly, since
 * they decide where lines break.
 */
class GoYamlEmitter {
  private out = '';
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private flowLevel = 0;
  private mappingContext = false;
  private simpleKeyContext = false;

  emitDocument(value: Json): string {
    trampoline<YamlNode>((node) => this.emitNode(node), { value, mapping: false });
    // yaml_emitter_emit_document_end: an implicit end only finishes the last line.
    this.writeIndent();
    return this.out;
  }

  /** Emits one node; each `yield` emits a child node in full before this one goes on. */
  private *emitNode({ value, mapping }: YamlNode): Generator<YamlNode, void, void> {
    this.mappingContext = mapping;
    this.simpleKeyContext = false;
    if (Array.isArray(value)) yield* this.emitSequence(value);
    else if (typeof value === 'object' && value !== null) yield* this.emitMapping(value);
    else this.emitScalar(scalarOf(value ?? null));
  }

  private *emitSequence(items: readonly Json[]): Generator<YamlNode, void, void> {
    if (this.flowLevel > 0 || items.length === 0) {
      this.emitEmptyFlowCollection('[', ']');
      return;
    }
    // v2 writes a sequence that is a mapping value at the key's own indentation.
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      yield { value: item, mapping: false };
    }
    this.popIndent();
  }

  private *emitMapping(map: { readonly [key: string]: Json }): Generator<YamlNode, void, void> {
    const keys = Object.keys(map)
      .filter((key) => map[key] !== undefined)
      .sort(compareYamlKeys);
    if (this.flowLevel > 0 || keys.length === 0) {
      this.emitEmptyFlowCollection('{', '}');
      return;
    }
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      const keyScalar = stringScalar(key);
      if (isSimpleKey(key)) {
        this.mappingContext = true;
        this.simpleKeyContext = true;
        this.emitScalar(keyScalar);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.mappingContext = true;
        this.simpleKeyContext = false;
        this.emitScalar(keyScalar);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      yield { value: map[key], mapping: true };
    }
    this.popIndent();
  }

  /** Empty sequences and mappings are the only flow collections JSON data produces: `[]`, `{}`. */
  private emitEmptyFlowCollection(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  private emitScalar(scalar: Scalar): void {
    const chars = Array.from(scalar.text);
    const style = this.selectScalarStyle(scalar.style, chars, analyzeScalar(chars));
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    if (style === 'plain') this.writePlain(chars, allowBreaks);
    else if (style === 'single') this.writeSingleQuoted(chars, allowBreaks);
    else if (style === 'double') this.writeDoubleQuoted(chars, allowBreaks);
    else this.writeLiteral(chars);
    this.popIndent();
  }

  /** yaml_emitter_select_scalar_style. */
  private selectScalarStyle(requested: ScalarStyle, chars: readonly string[], analysis: ScalarAnalysis): ScalarStyle {
    let style = requested;
    if (this.simpleKeyContext && analysis.multiline) style = 'double';
    if (style === 'plain') {
      const plainAllowed = this.flowLevel > 0 ? analysis.flowPlainAllowed : analysis.blockPlainAllowed;
      if (!plainAllowed) style = 'single';
      if (chars.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
    }
    if (style === 'single' && !analysis.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!analysis.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext)) {
      style = 'double';
    }
    return style;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  private put(ch: string): void {
    this.out += ch;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeBreak(ch: string): void {
    if (ch === '\n') this.putBreak();
    else {
      this.out += ch;
      this.column = 0;
    }
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) {
      this.out += ' '.repeat(indent - this.column);
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const ch of indicator) this.put(ch);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private writePlain(chars: readonly string[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] ?? '';
      if (isSpace(ch)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(chars[i + 1])) this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(chars: readonly string[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    const last = chars.length - 1;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] ?? '';
      if (isSpace(ch)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== last && !isSpace(chars[i + 1])) {
          this.writeIndent();
        } else this.put(ch);
        spaces = true;
      } else if (isBreak(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(chars: readonly string[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    const last = chars.length - 1;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] ?? '';
      const code = ch.codePointAt(0) ?? 0;
      if (!isPrintable(ch) || code === 0xfeff || isBreak(ch) || ch === '"' || ch === '\\') {
        this.put('\\');
        const short = doubleQuoteEscapes[code];
        if (short !== undefined) this.put(short);
        else {
          const [prefix, width] = code <= 0xff ? ['x', 2] : code <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(prefix);
          for (const digit of code.toString(16).toUpperCase().padStart(width, '0')) this.put(digit);
        }
        spaces = false;
      } else if (isSpace(ch)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== last) {
          this.writeIndent();
          if (isSpace(chars[i + 1])) this.put('\\');
        } else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(chars: readonly string[]): void {
    this.writeIndicator('|', true, false, false);
    this.writeBlockScalarHints(chars);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const ch of chars) {
      if (isBreak(ch)) {
        this.writeBreak(ch);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }

  /** `|2` when the text starts with a space or break; `|-` without a final newline, `|+` with several. */
  private writeBlockScalarHints(chars: readonly string[]): void {
    const first = chars[0];
    if (isSpace(first) || isBreak(first)) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const last = chars[chars.length - 1];
    let chomp = '';
    if (chars.length === 0 || !isBreak(last)) chomp = '-';
    else if (chars.length === 1 || isBreak(chars[chars.length - 2])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
  }
}

function isSimpleKey(key: string): boolean {
  return !analyzeScalar(Array.from(key)).multiline && new TextEncoder().encode(key).length <= MAX_SIMPLE_KEY_BYTES;
}

import type { Json } from '../../../domain/objects.ts';
import { compareByteWise } from './compareByteWise.ts';
import { formatGoFloat } from './formatGoFloat.ts';
import { marshalGoJson } from './marshalGoJson.ts';
import { type JsonPathNode, type ListNode, parseJsonPath } from './parseJsonPath.ts';
import { type GoValue, goTypeName, goValueOf, jsonOfGoValue, printGoValue } from './printGoValue.ts';
import { quoteGoString } from './quoteGoString.ts';

export interface JsonPathOptions {
  /** `--allow-missing-template-keys`, true by default: a missing field prints nothing instead of failing. */
  allowMissingKeys?: boolean;
  /** `-o jsonpath-as-json`: each result group prints as an indented JSON array. */
  outputJson?: boolean;
}

/** `text` is stdout exactly (kubectl adds no newline); `error` is stderr exactly, "error: ..." and final '\n'. */
export type JsonPathResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * `kubectl get -o jsonpath=TEMPLATE`: a port of k8s.io/client-go/util/jsonpath (jsonpath.go) as
 * cli-runtime's JSONPathPrinter drives it. `data` is the object, or the v1 List kubectl builds
 * around several objects. A template without braces is plain text (kubectl does not wrap it).
 * Go visits map entries in random order for `*` and `..`; this visits them sorted.
 */
export function evaluateJsonPath(template: string, data: Json, options: JsonPathOptions = {}): JsonPathResult {
  if (template === '') return { ok: false, error: 'error: template format specified but no template given\n' };
  const parsed = parseJsonPath(template);
  if (!parsed.ok) return { ok: false, error: `error: error parsing jsonpath ${template}, ${parsed.error}\n` };

  const engine = new JsonPathEngine(options.allowMissingKeys ?? true);
  const root = reflectAgain(goValueOf(data));
  let groups: GoValue[][];
  try {
    groups = engine.findResults(root, parsed.root.nodes);
  } catch (error) {
    if (!(error instanceof JsonPathError)) throw error;
    // CLIR:pkg/printers/jsonpath.go PrintObj, then KCTL checkErr adds "error: ".
    const details =
      `Error executing template: ${error.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${printGoValue(root, '%#v')}\n\n`;
    return { ok: false, error: `error: error executing jsonpath ${quoteGoString(template)}: ${details}` };
  }
  const print = options.outputJson ? printResultsAsJson : printResults;
  return { ok: true, text: groups.map(print).join('') };
}

/** An error from the engine, with the values the failing Go function returned alongside it. */
class JsonPathError extends Error {
  constructor(
    message: string,
    readonly values: GoValue[],
  ) {
    super(message);
  }
}

const INVALID: GoValue = { kind: 'invalid' };

/** template.Indirect: unwraps the interface; a JSON null is nil. */
function isNil(value: GoValue): boolean {
  return value.kind === 'nil';
}

/** reflect.ValueOf(v.Interface()): a nil interface becomes the zero Value. */
function reflectAgain(value: GoValue): GoValue {
  return value.kind === 'nil' ? INVALID : value;
}

/** The entries `*` and `..` visit: map values (sorted by key), slice items, or a string's UTF-8 bytes. */
function childrenOf(value: GoValue): GoValue[] {
  if (value.kind === 'map') {
    return Object.keys(value.value)
      .filter((key) => value.value[key] !== undefined)
      .sort(compareByteWise)
      .map((key) => goValueOf(value.value[key]));
  }
  if (value.kind === 'slice') return value.value.map(goValueOf);
  if (value.kind === 'string') return Array.from(new TextEncoder().encode(value.value), (byte) => ({ kind: 'uint8', value: byte }));
  return [];
}

class JsonPathEngine {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: JsonPathNode | undefined;

  constructor(private readonly allowMissingKeys: boolean) {}

  findResults(data: GoValue, nodes: readonly JsonPathNode[]): GoValue[][] {
    const cur = [data];
    const fullResult: GoValue[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (node === undefined) continue;
      const results = this.walk(cur, node);

      // An {end}: close the current block.
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      // A {range}: run the rest of the template once per result, up to the matching {end}.
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const rest = nodes.slice(i + 1);
        if (results.length > 0) {
          // Pushed one by one: spreading a result list of 100,000s of values would overflow the stack.
          for (const value of results) for (const group of this.findResults(reflectAgain(value), rest)) fullResult.push(group);
        } else {
          this.findResults(INVALID, rest);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      fullResult.push(results);
    }
    return fullResult;
  }

  private walk(input: GoValue[], node: JsonPathNode): GoValue[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [{ kind: 'string', value: node.text }];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => ({ kind: 'int', value: node.value }));
      case 'float':
        return input.map(() => ({ kind: 'float64', value: node.value }));
      case 'bool':
        return input.map(() => ({ kind: 'bool', value: node.value }));
      case 'wildcard':
        return input.filter((value) => !isNil(value)).flatMap(childrenOf);
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return this.evalUnion(input, node.nodes);
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: GoValue[], node: ListNode): GoValue[] {
    let current = input;
    for (const child of node.nodes) current = this.walk(current, child);
    return current;
  }

  private evalIdentifier(input: GoValue[], name: string): GoValue[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JsonPathError('not in range, nothing to end', []);
    }
    throw new JsonPathError(`unrecognized identifier ${name}`, input);
  }

  private evalArray(input: GoValue[], node: Extract<JsonPathNode, { type: 'array' }>): GoValue[] {
    const result: GoValue[] = [];
    for (const value of input) {
      if (isNil(value)) continue;
      if (value.kind !== 'slice') throw new JsonPathError(`${goTypeName(value)} is not array or slice`, input);
      const [p0, p1, p2] = node.params.map((param) => ({ ...param }));
      if (!p0 || !p1 || !p2) continue;
      const length = value.value.length;
      if (!p0.known) p0.value = 0;
      if (p0.value < 0) p0.value += length;
      if (!p1.known) p1.value = length;
      if (p1.value < 0 || (p1.value === 0 && p1.derived)) p1.value += length;
      if (p1.value === p0.value) {
        // Asking for zero elements is allowed, and (as in Go) ends the whole evaluation here.
        return result;
      }
      if (p0.value >= length || p0.value < 0) {
        throw new JsonPathError(`array index out of bounds: index ${p0.value}, length ${length}`, input);
      }
      if (p1.value > length || p1.value < 0) {
        throw new JsonPathError(`array index out of bounds: index ${p1.value - 1}, length ${length}`, input);
      }
      if (p0.value > p1.value) {
        throw new JsonPathError(`starting index ${p0.value} is greater than ending index ${p1.value}`, input);
      }
      let step = 1;
      if (p2.known) {
        if (p2.value <= 0) throw new JsonPathError('step must be > 0', input);
        step = p2.value;
      }
      const items = value.value.slice(p0.value, p1.value);
      for (let i = 0; i < items.length; i += step) result.push(goValueOf(items[i]));
    }
    return result;
  }

  private evalUnion(input: GoValue[], lists: readonly ListNode[]): GoValue[] {
    const result: GoValue[] = [];
    for (const list of lists) {
      try {
        for (const value of this.evalList(input, list)) result.push(value);
      } catch (error) {
        if (error instanceof JsonPathError) throw new JsonPathError(error.message, input);
        throw error;
      }
    }
    return result;
  }

  private evalField(input: GoValue[], name: string): GoValue[] {
    const results: GoValue[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (value.kind !== 'map') continue;
      const field = value.value[name];
      if (Object.hasOwn(value.value, name) && field !== undefined) results.push(goValueOf(field));
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`, results);
    return results;
  }

  /** `..`: every value that has children, each followed by its descendants (depth first, at any depth). */
  private evalRecursive(input: GoValue[]): GoValue[] {
    const result: GoValue[] = [];
    const pending = [{ values: input, next: 0 }];
    for (let top = pending[0]; top !== undefined; top = pending[pending.length - 1]) {
      const value = top.values[top.next++];
      if (value === undefined) pending.pop();
      else if (!isNil(value)) {
        const children = childrenOf(value);
        if (children.length === 0) continue;
        result.push(value);
        pending.push({ values: children, next: 0 });
      }
    }
    return result;
  }

  private evalFilter(input: GoValue[], node: Extract<JsonPathNode, { type: 'filter' }>): GoValue[] {
    const results: GoValue[] = [];
    for (const value of input) {
      if (value.kind !== 'slice') {
        throw new JsonPathError(`${printGoValue(value, '%v')} is not array or slice and cannot be filtered`, input);
      }
      for (const item of value.value) {
        const element = goValueOf(item);
        const temp = [element];
        if (node.operator === 'exists') {
          // Go ignores the error here and looks only at what the failing step returned.
          let lefts: GoValue[];
          try {
            lefts = this.evalList(temp, node.left);
          } catch (error) {
            if (!(error instanceof JsonPathError)) throw error;
            lefts = error.values;
          }
          if (lefts.length > 0) results.push(element);
          continue;
        }
        const left = this.filterOperand(temp, node.left, input);
        if (left === undefined) continue;
        const right = this.filterOperand(temp, node.right, input);
        if (right === undefined) continue;
        let pass: boolean;
        try {
          pass = compareGoValues(node.operator, left, right);
        } catch (error) {
          if (error instanceof JsonPathError) throw new JsonPathError(error.message, results);
          throw error;
        }
        if (pass) results.push(element);
      }
    }
    return results;
  }

  /** One side of a comparison: nothing skips the element, more than one value is an error. */
  private filterOperand(temp: GoValue[], list: ListNode, input: GoValue[]): GoValue | undefined {
    let values: GoValue[];
    try {
      values = this.evalList(temp, list);
    } catch (error) {
      if (error instanceof JsonPathError) throw new JsonPathError(error.message, input);
      throw error;
    }
    if (values.length > 1) throw new JsonPathError('can only compare one element at a time', input);
    return values[0];
  }
}

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string';

interface Comparable {
  kind: BasicKind;
  value: boolean | number | string;
}

/** third_party/forked/golang/template funcs.go `basicKind`: only scalars compare. */
function comparable(value: GoValue): Comparable {
  switch (value.kind) {
    case 'bool':
      return { kind: 'bool', value: value.value };
    case 'int':
    case 'int64':
      return { kind: 'int', value: value.value };
    case 'uint8':
      return { kind: 'uint', value: value.value };
    case 'float64':
      return { kind: 'float', value: value.value };
    case 'string':
      return { kind: 'string', value: value.value };
    default:
      throw new JsonPathError('invalid type for comparison', []);
  }
}

/** Signed and unsigned integers compare by value; any other mix of kinds is an error. */
function isIntegerMix(a: Comparable, b: Comparable): boolean {
  return (a.kind === 'int' && b.kind === 'uint') || (a.kind === 'uint' && b.kind === 'int');
}

/** funcs.go `Equal`. */
function isEqual(left: GoValue, right: GoValue): boolean {
  const a = comparable(left);
  const b = comparable(right);
  if (a.kind !== b.kind && !isIntegerMix(a, b)) throw new JsonPathError('incompatible types for comparison', []);
  return a.value === b.value;
}

/** funcs.go `Less`: strings compare byte-wise; booleans do not order. */
function isLess(left: GoValue, right: GoValue): boolean {
  const a = comparable(left);
  const b = comparable(right);
  if (a.kind !== b.kind && !isIntegerMix(a, b)) throw new JsonPathError('incompatible types for comparison', []);
  if (a.kind === 'bool') throw new JsonPathError('invalid type for comparison', []);
  if (typeof a.value === 'string' && typeof b.value === 'string') return compareByteWise(a.value, b.value) < 0;
  return Number(a.value) < Number(b.value);
}

/** The filter operators of jsonpath.go `evalFilter`, built from Go template's eq and lt. */
function compareGoValues(operator: string, left: GoValue, right: GoValue): boolean {
  switch (operator) {
    case '<':
      return isLess(left, right);
    case '>':
      return !(isLess(left, right) || isEqual(left, right));
    case '==':
      return isEqual(left, right);
    case '!=':
      return !isEqual(left, right);
    case '<=':
      return isLess(left, right) || isEqual(left, right);
    case '>=':
      return !isLess(left, right);
    default:
      throw new JsonPathError(`unrecognized filter operator ${operator}`, []);
  }
}

/** jsonpath.go `PrintResults`: maps and slices as compact JSON, the rest as fmt.Print does, space-separated. */
function printResults(results: GoValue[]): string {
  return results.map(printResult).join(' ');
}

function printResult(value: GoValue): string {
  switch (value.kind) {
    case 'map':
    case 'slice':
      return marshalGoJson(jsonOfGoValue(value));
    case 'invalid':
      return '<no value>';
    case 'nil':
      return '<nil>';
    case 'string':
      return value.value;
    case 'float64':
      return formatGoFloat(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
    default:
      return String(value.value);
  }
}

/** PrintResults with EnableJSONOutput: the group as one indented JSON array, then '\n'. */
function printResultsAsJson(results: GoValue[]): string {
  return `${marshalGoJson(results.map(jsonOfGoValue), '    ')}\n`;
}

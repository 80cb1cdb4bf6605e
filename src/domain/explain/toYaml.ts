import type { Json } from '../objects.ts';

const PLAIN = /^[A-Za-z_/][\w./*-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

function key(k: string): string {
  return /^[\w./-]+$/.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k);
}

function isEmpty(value: Json): boolean {
  return (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
}

function emit(value: Json, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'object' && item !== null && !isEmpty(item)) {
        const nested: string[] = [];
        emit(item, `${indent}  `, nested);
        const [first = '', ...rest] = nested;
        out.push(`${indent}- ${first.slice(indent.length + 2)}`, ...rest);
      } else {
        out.push(`${indent}- ${isEmpty(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item as string | number | boolean | null)}`);
      }
    }
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'object' && v !== null && !isEmpty(v)) {
        out.push(`${indent}${key(k)}:`);
        // Lists sit at the parent's indentation, as kubectl prints them.
        emit(v, Array.isArray(v) ? indent : `${indent}  `, out);
      } else {
        out.push(`${indent}${key(k)}: ${isEmpty(v) ? (Array.isArray(v) ? '[]' : '{}') : scalar(v as string | number | boolean | null)}`);
      }
    }
    return;
  }
  out.push(`${indent}${scalar(value)}`);
}

/** A small block-style YAML printer for the manifests fixes suggest (kubectl's layout, 2 spaces). */
export function toYaml(value: Json): string {
  const out: string[] = [];
  emit(value, '', out);
  return `${out.join('\n')}\n`;
}

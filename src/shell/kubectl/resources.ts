import { type KindInfo, kindInfo, qualifiedPlural, qualifiedSingular, resolveResourceName } from '../../domain/kinds.ts';
import { type KubeObject, ownValue } from '../../domain/objects.ts';
import { unmodeledResource } from './notSimulated.ts';

export type KindResult = { ok: true; info: KindInfo } | { ok: false; error: string };

/** Resolves a typed resource type, with kubectl's error for an unknown one. */
export function resolveKind(typed: string): KindResult {
  const info = resolveResourceName(typed);
  return info ? { ok: true, info } : { ok: false, error: unmodeledResource(typed) ?? `error: the server doesn't have a resource type "${typed}"` };
}

/** `Error from server (NotFound): peerauthentications.security.istio.io "x" not found` */
export function notFoundError(info: KindInfo, name: string): string {
  return `Error from server (NotFound): ${qualifiedPlural(info)} "${name}" not found`;
}

/** `pod/testcurl`, `peerauthentication.security.istio.io/frontend`: how `-o name` and apply name objects. */
export function objectName(obj: KubeObject): string {
  const info = kindInfo(obj.kind);
  return `${info ? qualifiedSingular(info) : obj.kind.toLowerCase()}/${obj.metadata.name}`;
}

export interface Requirement {
  key: string;
  op: '=' | '!=' | 'exists' | '!exists' | 'in' | 'notin';
  values: string[];
}

export type SelectorResult = { ok: true; requirements: Requirement[] } | { ok: false; error: string };

/** Parses a label selector (`app=frontend,tier!=db,env in (a,b),!legacy`). */
export function parseSelector(text: string): SelectorResult {
  const requirements: Requirement[] = [];
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part))) {
      requirements.push({ key: m[1] ?? '', op: m[2] === 'in' ? 'in' : 'notin', values: (m[3] ?? '').split(',').map((v) => v.trim()) });
    } else if ((m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(part))) {
      requirements.push({ key: m[1] ?? '', op: m[2] === '!=' ? '!=' : '=', values: [m[3] ?? ''] });
    } else if ((m = /^!([\w./-]+)$/.exec(part))) {
      requirements.push({ key: m[1] ?? '', op: '!exists', values: [] });
    } else if ((m = /^([\w./-]+)$/.exec(part))) {
      requirements.push({ key: m[1] ?? '', op: 'exists', values: [] });
    } else {
      return { ok: false, error: `error: unable to parse requirement: found '${part.replace(/^[\w./-]+/, '').trim()[0] ?? part}', expected: identifier` };
    }
  }
  return { ok: true, requirements };
}

/** apimachinery labels.Requirement.Matches, over the object's own labels only. */
export function matchesSelector(requirements: Requirement[], labels: Record<string, string>): boolean {
  return requirements.every((r) => {
    const value = ownValue(labels, r.key);
    switch (r.op) {
      case '=': return value === r.values[0];
      case '!=': return value !== r.values[0];
      case 'exists': return value !== undefined;
      case '!exists': return value === undefined;
      case 'in': return value !== undefined && r.values.includes(value);
      case 'notin': return value === undefined || !r.values.includes(value);
    }
  });
}

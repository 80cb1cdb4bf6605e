import type { Json, JsonObject } from '../../../domain/objects.ts';
import { isJsonObject } from '../../../domain/objects.ts';

/** The objects in a JSON array (anything else reads as empty): containers, ports, conditions… */
export function objectsIn(value: Json | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/** A JSON scalar as Go's `%v` would print it in describe; '' for absent or structured values. */
export function textOf(value: Json | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** A JSON number, or 0 (Go's zero value for an absent int field). */
export function numberOf(value: Json | undefined): number {
  return typeof value === 'number' ? value : 0;
}

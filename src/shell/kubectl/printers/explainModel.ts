import type { KindInfo } from '../../../domain/kinds.ts';
import type { FieldSchema } from '../../../domain/manifests/fieldSchema.ts';
import { KIND_SCHEMAS, OBJECT_META } from '../../../domain/manifests/schemas.ts';
import { EXPLAIN_DOCS, type FieldDoc } from './explainDocs.ts';

/**
 * One schema node as `kubectl explain` sees it in the OpenAPI v3 document: the type its
 * `typeGuess` template prints, the descriptions, the enum, and the fields under it (through lists
 * and maps, as the template follows `items` and `additionalProperties`).
 */
export interface ExplainNode {
  /** `string`, `integer`, `Object`, `[]Container`, `map[string]string`, `ObjectMeta`… */
  type: string;
  /** The field's own description (what a FIELDS entry shows), or undefined. */
  description: string | undefined;
  /** The description of the type it refers to (a built-in `$ref`), shown after the field's in DESCRIPTION. */
  typeDescription: string | undefined;
  enum: readonly string[] | undefined;
  /** Names of the required fields under it. */
  required: readonly string[];
  /**
   * The fields under it, by name; undefined when the node has none, or when the simulator's schema
   * does not list them (`opaque`).
   */
  fields(): ReadonlyMap<string, ExplainNode> | undefined;
  /** Set when the real schema has fields here that the simulator does not describe. */
  opaque: boolean;
}

/** The element schema under lists and maps: what explain's templates look into. */
function element(schema: FieldSchema): FieldSchema {
  let s = schema;
  // Bounded by the schema's depth: each turn goes one level down.
  while (s.t === 'array' || s.t === 'map') s = s.t === 'array' ? s.items : s.values;
  return s;
}

/** `typeGuess` for a custom resource's schema node. */
function crdType(schema: FieldSchema): string {
  switch (schema.t) {
    case 'array': return `[]${crdType(schema.items)}`;
    case 'map': return `map[string]${crdType(schema.values)}`;
    case 'string': return 'string';
    case 'integer': return 'integer';
    case 'boolean': return 'boolean';
    default: return 'Object';
  }
}

const TYPE_META_FIELDS = (): [string, FieldDoc][] => [
  ['apiVersion', { type: 'string', description: EXPLAIN_DOCS.typeMeta.apiVersion }],
  ['kind', { type: 'string', description: EXPLAIN_DOCS.typeMeta.kind }],
];

/** The Go type a built-in explain type names (`[]Container` → `Container`). */
const baseType = (type: string) => type.replace(/^(\[\]|map\[string\])+/, '');

/** A node of a built-in kind: the structure from schemas.ts, the words from the API's documentation. */
function builtinNode(doc: FieldDoc, schema: FieldSchema | undefined): ExplainNode {
  const el = schema ? element(schema) : undefined;
  const base = baseType(doc.type);
  const typeDoc = EXPLAIN_DOCS.types[base];
  return {
    type: doc.type,
    description: doc.description === '' ? undefined : doc.description,
    typeDescription: EXPLAIN_DOCS.typeDocs[base] ?? typeDoc?.doc,
    enum: doc.enum,
    required: typeDoc ? Object.entries(typeDoc.fields).filter(([, f]) => f.required === true).map(([n]) => n) : [],
    // A documented struct whose fields schemas.ts does not list (`any`, or a field it lacks).
    opaque: !(el?.t === 'object' && typeDoc) && Object.hasOwn(EXPLAIN_DOCS.typeDocs, base),
    fields: () => (el?.t === 'object' && typeDoc ? builtinFields(typeDoc.fields, el.fields) : undefined),
  };
}

function builtinFields(docs: Readonly<Record<string, FieldDoc>>, schemas: Readonly<Record<string, FieldSchema>>): Map<string, ExplainNode> {
  const out = new Map<string, ExplainNode>();
  for (const [name, doc] of Object.entries(docs)) {
    if (name === 'apiVersion' || name === 'kind') out.set(name, builtinNode(doc, { t: 'string' }));
    else if (name === 'metadata' && doc.type === 'ObjectMeta') out.set(name, builtinNode(doc, OBJECT_META));
    else out.set(name, builtinNode(doc, Object.hasOwn(schemas, name) ? schemas[name] : undefined));
  }
  return out;
}

/** A node of an Istio kind: the structure and enums from schemas.ts, the descriptions from the CRD by path. */
function crdNode(kind: string, path: string, schema: FieldSchema): ExplainNode {
  const docs = EXPLAIN_DOCS.istio[kind] ?? {};
  const el = element(schema);
  return {
    type: crdType(schema),
    description: Object.hasOwn(docs, path) ? docs[path] : undefined,
    typeDescription: undefined,
    enum: el.t === 'string' && schema.t === 'string' ? el.enum : undefined,
    required: el.t === 'object' ? (el.required ?? []) : [],
    opaque: el.t === 'any' && path !== 'status',
    fields: () => (el.t === 'object' ? new Map(Object.entries(el.fields).map(([name, s]) => [name, crdNode(kind, `${path}.${name}`, s)])) : undefined),
  };
}

/** The root node of a kind (what `kubectl explain KIND` describes), or undefined for a kind without a schema here. */
export function kindNode(info: KindInfo): ExplainNode | undefined {
  const schema = KIND_SCHEMAS[info.kind];
  if (!schema) return undefined;
  if (schema.source === 'builtin') {
    const doc = EXPLAIN_DOCS.types[schema.go];
    if (!doc) return undefined;
    const root: FieldSchema = { t: 'object', fields: { ...schema.topLevel, metadata: OBJECT_META } };
    return { ...builtinNode({ type: schema.go, description: '' }, root), typeDescription: doc.doc };
  }
  const metadataDoc = EXPLAIN_DOCS.types.Pod?.fields.metadata;
  return {
    type: 'Object',
    description: undefined,
    typeDescription: undefined,
    enum: undefined,
    required: [],
    opaque: false,
    fields: () => new Map<string, ExplainNode>([
      ...TYPE_META_FIELDS().map(([name, doc]): [string, ExplainNode] => [name, builtinNode(doc, { t: 'string' })]),
      // apiextensions-apiserver publishes a custom resource's metadata as a reference to ObjectMeta.
      ['metadata', builtinNode({ type: 'ObjectMeta', description: metadataDoc?.description ?? '' }, OBJECT_META)],
      ...Object.entries(schema.topLevel).map(([name, s]): [string, ExplainNode] => [name, crdNode(info.kind, name, s)]),
    ]),
  };
}

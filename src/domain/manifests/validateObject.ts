import { kindInfo, splitApiVersion } from '../kinds.ts';
import { type Json, type JsonObject, isJsonObject, ownValue } from '../objects.ts';
import { policyKindModule } from '../policies/index.ts';
import {
  CEL_SKIPPED, type FieldError, duplicate, formatInvalid, goStringMap, invalid, isDns1035Label, isDns1123Label,
  isDns1123Subdomain, isQualifiedName, isValidLabelValue, notSupported, portNumError, required, typeInvalid,
} from './fieldErrors.ts';
import { goQuoteString } from './goYaml.ts';
import { LEARNER_CEL_RULES } from './learnerCelRules.ts';
import type { FieldSchema, KindSchema } from './fieldSchema.ts';
import { KIND_SCHEMAS, OBJECT_META } from './schemas.ts';

/** The complete stderr text kubectl prints for a rejected object, without the final newline. */
export interface ValidationError {
  message: string;
}

/** What kubectl sent with a PATCH (client-side apply of an existing object). */
export interface PatchContext {
  /** The JSON merge patch kubectl computed, as sent. */
  patch: string;
  /** Plural resource, e.g. `peerauthentications`. */
  resource: string;
  namespace: string;
}

export interface ValidationContext {
  /** `STDIN` or the file name. */
  source: string;
  /** `creating` for a new object, `patching` for an existing one. */
  operation: 'creating' | 'patching';
  /**
   * With `patching`, kubectl wraps server errors in `error when applying patch:\n<patch>\nto:\n<info>\nfor:`
   * (kubectl apply.go). Without it only the inner `error when patching "<source>": …` is produced.
   */
  patch?: PatchContext;
}

/**
 * Runs the API server's checks on one object in its order, and Istio's validating webhook after them:
 * strict decoding (unknown fields, and Go type errors for built-in kinds), then metadata and schema
 * validation (name rules, enums, required fields, CEL rules, built-in kind rules), then
 * `validation.istio.io`. Returns the first stage's error as kubectl prints it, or undefined.
 * Kinds or versions this cluster does not serve are left to the caller (mapping errors).
 */
export function validateObject(raw: JsonObject, ctx: ValidationContext): ValidationError | undefined {
  const kind = typeof raw.kind === 'string' ? raw.kind : '';
  const apiVersion = typeof raw.apiVersion === 'string' ? raw.apiVersion : '';
  const schema = ownValue(KIND_SCHEMAS, kind);
  const info = kindInfo(kind);
  const { group, version } = splitApiVersion(apiVersion);
  if (!schema || !info || info.group !== group || !info.versions.includes(version)) return undefined;

  // 1. Decoding (apiserver handlers/create.go, patch.go).
  const decoded = decodeStrict(raw, schema);
  if (decoded.goTypeError !== undefined || decoded.unknown.length > 0) {
    let detail: string;
    if (decoded.goTypeError !== undefined) {
      detail = `${kind} in version ${goQuoteString(version)} cannot be handled as a ${kind}: ${decoded.goTypeError}`;
    } else {
      // CRD pruning sorts the unknown paths (apiextensions pruning.PruneWithOptions); the typed decoder
      // reports them in document order, which is sorted too since kubectl sends sorted JSON.
      const paths = schema.source === 'crd' ? [...decoded.unknown].sort() : decoded.unknown;
      const strict = `strict decoding error: ${paths.map((p) => `unknown field ${goQuoteString(p)}`).join(', ')}`;
      // The create handler wraps decode errors (transformDecodeError); a patch reports the strict error bare.
      detail = ctx.operation === 'creating' ? `${kind} in version ${goQuoteString(version)} cannot be handled as a ${kind}: ${strict}` : strict;
    }
    return { message: `Error from server (BadRequest): ${withSource(detail, raw, ctx)}` };
  }

  // 2. Validation (registry strategy Validate; for CRs also the OpenAPI schema and CEL rules).
  const name = typeof getField(raw, 'metadata', 'name') === 'string' ? (getField(raw, 'metadata', 'name') as string) : '';
  const errors: FieldError[] = [];
  if (ctx.operation === 'creating') errors.push(...validateMetadataName(name, schema));
  errors.push(...validateMetadataMaps(raw.metadata, 'metadata'));
  if (schema.source === 'crd') {
    const policy = policyKindModule(kind);
    errors.push(...decoded.crdErrors, ...(policy?.schemaRules?.(raw) ?? []));
    const celRules = policy?.celRules ?? ownValue(LEARNER_CEL_RULES, kind);
    if (celRules) {
      if (errors.some((e) => e.blocksCel)) errors.push(CEL_SKIPPED);
      else errors.push(...celRules(raw));
    }
  } else {
    errors.push(...(ownValue(BUILTIN_RULES, kind)?.(raw) ?? []));
  }
  if (errors.length > 0) return { message: formatInvalid(kind, name, errors) };

  // 3. Validating admission webhook (istio pkg/webhooks/validation/server/server.go).
  const webhook = policyKindModule(kind)?.webhook?.(raw);
  if (webhook && webhook.errors.length > 0) {
    const denial = `admission webhook "validation.istio.io" denied the request: configuration is invalid: ${multiError(webhook.errors)}`;
    // hashicorp/go-multierror text ends with a blank line; kubectl prints it as is.
    return { message: `Error from server: ${withSource(denial, raw, ctx)}`.replace(/\n$/, '') };
  }
  return undefined;
}

/**
 * The `Warning: …` lines kubectl prints to stderr when the server accepts the object (admission
 * webhook warnings travel as `Warning` headers; kubectl's default handler prefixes `Warning: `).
 */
export function admissionWarnings(raw: JsonObject): string[] {
  const kind = typeof raw.kind === 'string' ? raw.kind : '';
  return (policyKindModule(kind)?.webhook?.(raw).warnings ?? []).map((w) => `Warning: ${w}`);
}

/** kubectl cmdutil.AddSourceToErr, plus apply's `applying patch:` wrapper for patches. */
function withSource(message: string, raw: JsonObject, ctx: ValidationContext): string {
  if (ctx.operation === 'creating') return `error when creating ${goQuoteString(ctx.source)}: ${message}`;
  const inner = `error when patching ${goQuoteString(ctx.source)}: ${message}`;
  if (!ctx.patch) return inner;
  const apiVersion = String(raw.apiVersion);
  const { group, version } = splitApiVersion(apiVersion);
  const name = String(getField(raw, 'metadata', 'name') ?? '');
  // cli-runtime resource.Info.String(): GroupVersionResource and GroupVersionKind String() forms.
  const info = `Resource: ${goQuoteString(`${group}/${version}, Resource=${ctx.patch.resource}`)}, GroupVersionKind: ${goQuoteString(`${group}/${version}, Kind=${String(raw.kind)}`)}\nName: ${goQuoteString(name)}, Namespace: ${goQuoteString(ctx.patch.namespace)}`;
  return `error when applying patch:\n${ctx.patch.patch}\nto:\n${info}\nfor: ${goQuoteString(ctx.source)}: ${inner}`;
}

/** hashicorp/go-multierror ListFormatFunc; a single error is not wrapped (istio agent.AppendErrors). */
function multiError(errors: readonly string[]): string {
  if (errors.length === 1) return errors[0] ?? '';
  return `${errors.length} errors occurred:\n\t${errors.map((e) => `* ${e}`).join('\n\t')}\n\n`;
}

function getField(value: unknown, ...path: string[]): Json | undefined {
  let cur: unknown = value;
  for (const p of path) {
    if (!isJsonObject(cur as Json)) return undefined;
    cur = (cur as JsonObject)[p];
  }
  return cur as Json | undefined;
}

// ---- 1. strict decoding ----

interface Decoded {
  unknown: string[];
  /** Built-in kinds: the first `json: cannot unmarshal …` error. */
  goTypeError?: string;
  /** CRDs: type, required and enum errors from the OpenAPI schema, in traversal order. */
  crdErrors: FieldError[];
}

const jsonKind = (v: Json): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;

const openApiType = (v: Json): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

function decodeStrict(raw: JsonObject, schema: KindSchema): Decoded {
  const out: Decoded = { unknown: [], crdErrors: [] };
  const crd = schema.source === 'crd';
  const top: FieldSchema = { t: 'object', go: schema.go, fields: { apiVersion: { t: 'string' }, kind: { t: 'string' }, metadata: OBJECT_META, ...schema.topLevel } };
  walk(raw, top, '', '', schema.go, out, crd);
  return out;
}

/**
 * Walks a value against its schema. `path` is the field path with indices (`spec.ports[0].port`),
 * `goPath` the one Go's decoder names (`spec.ports.port`), `goStruct` the struct holding the field.
 */
function walk(value: Json, schema: FieldSchema, path: string, goPath: string, goStruct: string, out: Decoded, crd: boolean): void {
  if (value === null || schema.t === 'any') return;
  const expected = schema.t === 'map' ? 'object' : schema.t === 'intOrString' ? '' : schema.t;
  const actual = openApiType(value);
  const typeOk =
    schema.t === 'intOrString' ? typeof value === 'string' || Number.isInteger(value)
      : expected === 'integer' ? actual === 'integer'
        : expected === actual;
  if (!typeOk) {
    if (crd) {
      out.crdErrors.push(typeInvalid(path, actual, expected));
    } else if (out.goTypeError === undefined) {
      const what = typeof value === 'number' && schema.t === 'integer' ? `number ${value}` : jsonKind(value);
      const goType = 'go' in schema && schema.go ? schema.go : expected;
      out.goTypeError = `json: cannot unmarshal ${what} into Go struct field ${goStruct}.${goPath} of type ${goType}`;
    }
    return;
  }
  switch (schema.t) {
    case 'string':
      if (crd && schema.enum && !schema.enum.includes(value as string)) out.crdErrors.push(notSupported(path, value as string, schema.enum));
      return;
    case 'object': {
      const obj = value as JsonObject;
      if (crd) for (const r of schema.required ?? []) if (!Object.hasOwn(obj, r)) out.crdErrors.push(required(join(path, r)));
      for (const key of Object.keys(obj)) {
        // Own entries only: `constructor` or `__proto__` is an unknown field like any other.
        const child = ownValue(schema.fields, key);
        const childPath = join(path, key);
        if (!child) {
          out.unknown.push(childPath);
          continue;
        }
        walk(obj[key] as Json, child, childPath, join(goPath, key), schema.go || goStruct, out, crd);
      }
      return;
    }
    case 'map': {
      const obj = value as JsonObject;
      for (const key of Object.keys(obj)) walk(obj[key] as Json, schema.values, join(path, key), join(goPath, key), goStruct, out, crd);
      return;
    }
    case 'array':
      (value as Json[]).forEach((item, i) => walk(item, schema.items, `${path}[${i}]`, goPath, goStruct, out, crd));
      return;
    default:
      return;
  }
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

// ---- 2. validation ----

const NAME_RULES = { dns1123Subdomain: isDns1123Subdomain, dns1123Label: isDns1123Label, dns1035Label: isDns1035Label };

/** apimachinery ValidateObjectMetaAccessor: the name (its rule depends on the kind). */
function validateMetadataName(name: string, schema: KindSchema): FieldError[] {
  if (name === '') return [required('metadata.name', 'name or generateName is required')];
  return NAME_RULES[schema.nameRule](name).map((msg) => invalid('metadata.name', name, msg));
}

/** metav1 validation.ValidateLabels and apimachinery ValidateAnnotations. */
function validateMetadataMaps(metadata: Json | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const labels = getField(metadata, 'labels');
  if (isJsonObject(labels ?? null)) {
    for (const [k, v] of Object.entries(labels as JsonObject)) {
      errors.push(...isQualifiedName(k).map((m) => invalid(`${path}.labels`, k, m)));
      if (typeof v === 'string') errors.push(...isValidLabelValue(v).map((m) => invalid(`${path}.labels`, v, m)));
    }
  }
  const annotations = getField(metadata, 'annotations');
  if (isJsonObject(annotations ?? null)) {
    for (const k of Object.keys(annotations as JsonObject)) {
      errors.push(...isQualifiedName(k.toLowerCase()).map((m) => invalid(`${path}.annotations`, k, m)));
    }
  }
  return errors;
}

const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');
const num = (v: Json | undefined): number => (typeof v === 'number' ? v : 0);
const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const objectOf = (v: Json | undefined): JsonObject => (isJsonObject(v ?? null) ? (v as JsonObject) : {});

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** k8s.io/kubernetes pkg/apis/core/validation `validateContainers` (the parts a manifest author meets). */
function validateContainers(containers: Json | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  list(containers).forEach((c, i) => {
    const p = `${path}[${i}]`;
    const ctr = objectOf(c);
    const name = str(ctr.name);
    if (name === '') errors.push(required(`${p}.name`));
    else errors.push(...isDns1123Label(name).map((m) => invalid(`${p}.name`, name, m)));
    if (name !== '' && seen.has(name)) errors.push(duplicate(`${p}.name`, name));
    seen.add(name);
    if (str(ctr.image) === '') errors.push(required(`${p}.image`));
    list(ctr.ports).forEach((port, j) => {
      const pp = `${p}.ports[${j}]`;
      const cp = num(objectOf(port).containerPort);
      if (cp === 0) errors.push(required(`${pp}.containerPort`));
      else errors.push(...portNumError(cp).map((m) => invalid(`${pp}.containerPort`, cp, m)));
      const protocol = str(objectOf(port).protocol) || 'TCP';
      if (!PROTOCOLS.includes(protocol)) errors.push(notSupported(`${pp}.protocol`, protocol, PROTOCOLS));
    });
    const pull = ctr.imagePullPolicy;
    if (typeof pull === 'string' && !['Always', 'IfNotPresent', 'Never'].includes(pull)) {
      errors.push(notSupported(`${p}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
    }
  });
  if (list(containers).length === 0) errors.push(required(path));
  return errors;
}

function validatePodSpec(spec: JsonObject, path: string, allowedRestart: readonly string[]): FieldError[] {
  const errors = validateContainers(spec.containers, `${path}.containers`);
  if (spec.initContainers !== undefined) errors.push(...validateContainers(spec.initContainers, `${path}.initContainers`).filter((e) => e.field !== `${path}.initContainers`));
  const restart = str(spec.restartPolicy) || 'Always';
  if (!allowedRestart.includes(restart)) errors.push(notSupported(`${path}.restartPolicy`, restart, allowedRestart));
  const sa = str(spec.serviceAccountName);
  if (sa !== '') errors.push(...isDns1123Subdomain(sa).map((m) => invalid(`${path}.serviceAccountName`, sa, m)));
  return errors;
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** Built-in kinds' strategy Validate, after defaulting (k8s pkg/apis/{core,apps}/validation). */
const BUILTIN_RULES: Record<string, (raw: JsonObject) => FieldError[]> = {
  Pod: (raw) => validatePodSpec(objectOf(raw.spec), 'spec', ['Always', 'OnFailure', 'Never']),
  Service: (raw) => {
    const errors: FieldError[] = [];
    const spec = objectOf(raw.spec);
    const type = str(spec.type) || 'ClusterIP';
    const ports = list(spec.ports);
    if (!SERVICE_TYPES.includes(type)) errors.push(notSupported('spec.type', type, SERVICE_TYPES));
    if (ports.length === 0 && type !== 'ExternalName' && str(spec.clusterIP) !== 'None') errors.push(required('spec.ports'));
    ports.forEach((port, i) => {
      const p = objectOf(port);
      const pp = `spec.ports[${i}]`;
      const name = str(p.name);
      if (ports.length > 1 && name === '') errors.push(required(`${pp}.name`));
      else if (name !== '') errors.push(...isDns1123Label(name).map((m) => invalid(`${pp}.name`, name, m)));
      const n = num(p.port);
      errors.push(...portNumError(n).map((m) => invalid(`${pp}.port`, n, m)));
      const protocol = str(p.protocol) || 'TCP';
      if (!PROTOCOLS.includes(protocol)) errors.push(notSupported(`${pp}.protocol`, protocol, PROTOCOLS));
      const target = p.targetPort;
      if (typeof target === 'number') errors.push(...portNumError(target).map((m) => invalid(`${pp}.targetPort`, target, m)));
      const nodePort = num(p.nodePort);
      if (nodePort !== 0 && (nodePort < 30000 || nodePort > 32767)) {
        // The NodePort allocator (pkg/registry/core/service/portallocator), reported as a field error.
        errors.push(invalid(`${pp}.nodePort`, nodePort, 'provided port is not in the valid range. The range of valid ports is 30000-32767'));
      }
    });
    return errors;
  },
  Deployment: (raw) => {
    const errors: FieldError[] = [];
    const spec = objectOf(raw.spec);
    const replicas = spec.replicas;
    if (typeof replicas === 'number' && replicas < 0) errors.push(invalid('spec.replicas', replicas, 'must be greater than or equal to 0'));
    const template = objectOf(spec.template);
    const templateLabels = objectOf(getField(template, 'metadata', 'labels'));
    const selector = spec.selector;
    if (selector === undefined || selector === null) {
      errors.push(required('spec.selector'));
    } else {
      const matchLabels = objectOf(getField(selector, 'matchLabels'));
      const matches = Object.entries(matchLabels).every(([k, v]) => ownValue(templateLabels, k) === v);
      if (Object.keys(matchLabels).length > 0 && !matches) {
        const labels = Object.fromEntries(Object.entries(templateLabels).map(([k, v]) => [k, str(v)]));
        errors.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
      }
    }
    errors.push(...validateMetadataMaps(template.metadata, 'spec.template.metadata'));
    errors.push(...validatePodSpec(objectOf(template.spec), 'spec.template.spec', ['Always']));
    return errors;
  },
};

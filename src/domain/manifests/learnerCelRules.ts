import { type Json, type JsonObject, isJsonObject } from '../objects.ts';
import { type FieldError, invalid } from './fieldErrors.ts';

/*
 * The x-kubernetes-validations (CEL) rules of Istio 1.26's ServiceEntry and Sidecar CRDs
 * (crd-all.gen.yaml) a manifest author can break, run after the OpenAPI schema passed; the policy
 * kinds' rules are in their modules (src/domain/policies). A failed rule is reported as
 * apiextensions does: Invalid value of the node's type.
 */

const obj = (v: Json | undefined): JsonObject => (isJsonObject(v ?? null) ? (v as JsonObject) : {});
const arr = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const has = (o: JsonObject, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
const OBJECT = { raw: '"object"' };
const STRING = { raw: '"string"' };
const ARRAY = { raw: '"array"' };
const INTEGER = { raw: '"integer"' };

/** `wildcard is not supported in selector` on each label value containing `*`. */
function selectorLabels(labels: Json | undefined, path: string, message: string): FieldError[] {
  return Object.entries(obj(labels)).filter(([, v]) => typeof v === 'string' && v.includes('*')).map(([k]) => invalid(`${path}[${k}]`, STRING, message));
}

function serviceEntry(raw: JsonObject): FieldError[] {
  const spec = obj(raw.spec);
  const errors: FieldError[] = [];
  const resolution = typeof spec.resolution === 'string' ? spec.resolution : undefined;
  if ((has(spec, 'workloadSelector') ? 1 : 0) + (has(spec, 'endpoints') ? 1 : 0) > 1) errors.push(invalid('spec', OBJECT, 'only one of WorkloadSelector or Endpoints can be set'));
  if (arr(spec.addresses).some((a) => typeof a === 'string' && a.includes('/')) && !['STATIC', 'NONE'].includes(resolution ?? 'NONE')) {
    errors.push(invalid('spec', OBJECT, 'CIDR addresses are allowed only for NONE/STATIC resolution types'));
  }
  if ((resolution ?? 'NONE') === 'NONE' && has(spec, 'endpoints')) errors.push(invalid('spec', OBJECT, 'NONE mode cannot set endpoints'));
  if (resolution === 'DNS_ROUND_ROBIN' && arr(spec.endpoints).length > 1) errors.push(invalid('spec', OBJECT, 'DNS_ROUND_ROBIN mode cannot have multiple endpoints'));
  arr(spec.endpoints).forEach((e, i) => {
    const ep = obj(e);
    if (!has(ep, 'address') && !has(ep, 'network')) errors.push(invalid(`spec.endpoints[${i}]`, OBJECT, 'Address is required'));
  });
  arr(spec.hosts).forEach((h, i) => {
    if (h === '*') errors.push(invalid(`spec.hosts[${i}]`, STRING, 'hostname cannot be wildcard'));
  });
  const ports = arr(spec.ports).map(obj);
  const numbers = ports.map((p) => p.number);
  if (numbers.some((n) => numbers.filter((m) => m === n).length !== 1)) errors.push(invalid('spec.ports', ARRAY, 'port number cannot be duplicated'));
  ports.forEach((p, i) => {
    for (const f of ['number', 'targetPort']) {
      const n = p[f];
      if (typeof n === 'number' && !(n > 0 && n <= 65535)) errors.push(invalid(`spec.ports[${i}].${f}`, INTEGER, 'port must be between 1-65535'));
    }
  });
  errors.push(...selectorLabels(obj(spec.workloadSelector).labels, 'spec.workloadSelector.labels', 'wildcard is not supported in selector'));
  return errors;
}

function sidecar(raw: JsonObject): FieldError[] {
  const spec = obj(raw.spec);
  const errors = selectorLabels(obj(spec.workloadSelector).labels, 'spec.workloadSelector.labels', 'wildcard is not supported in selector');
  arr(spec.ingress).forEach((ing, i) => {
    const tls = obj(obj(ing).tls);
    const n = (a: string, b: string) => (has(tls, a) ? 1 : 0) + (has(tls, b) ? 1 : 0) > 1;
    if (n('tlsCertificates', 'credentialNames')) errors.push(invalid(`spec.ingress[${i}].tls`, OBJECT, 'only one of credentialNames or tlsCertificates can be set'));
    if (n('credentialName', 'credentialNames')) errors.push(invalid(`spec.ingress[${i}].tls`, OBJECT, 'only one of credentialName or credentialNames can be set'));
    // The CRD's third rule tests credentialNames with tlsCertificates again, under another message.
    if (n('credentialNames', 'tlsCertificates')) errors.push(invalid(`spec.ingress[${i}].tls`, OBJECT, 'only one of credentialName or tlsCertificates can be set'));
  });
  return errors;
}

/** Per kind, as validateObject's CEL_RULES holds them. */
export const LEARNER_CEL_RULES: Readonly<Record<string, (raw: JsonObject) => FieldError[]>> = {
  ServiceEntry: serviceEntry,
  Sidecar: sidecar,
};

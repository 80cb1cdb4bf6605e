/**
 * PeerAuthentication (security.istio.io): the inbound mTLS mode of workloads. Sources: Istio 1.26
 * crd-all.gen.yaml (schema, CEL rules, printer columns) and pkg/config/validation/validation.go
 * (ValidatePeerAuthentication). The decision itself lives in src/domain/resolution.
 */
import { type FieldError, invalid } from '../manifests/fieldErrors.ts';
import { enumOf, istioCrdSchema, mapOf, obj, WORKLOAD_SELECTOR } from '../manifests/fieldSchema.ts';
import { workloadSelector } from '../manifests/istioWebhookChecks.ts';
import { type Json, type JsonObject, getPath, isJsonObject } from '../objects.ts';
import { resolveNamespaceMtls } from '../resolution/namespaceMtlsMode.ts';
import { peerAuthenticationLevels } from '../resolution/peerAuthenticationLevels.ts';
import { resolveServerMode, resolveServerModes } from '../resolution/resolveServerMode.ts';
import { AGE_COLUMN, type PolicyKindModule } from './policyKind.ts';

const MTLS_MODES = ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'] as const;

const objectOf = (v: Json | undefined): JsonObject => (isJsonObject(v ?? null) ? (v as JsonObject) : {});

/** minProperties: 1 on portLevelMtls. */
function schemaRules(raw: JsonObject): FieldError[] {
  const portLevel = getPath(raw, 'spec', 'portLevelMtls');
  return isJsonObject(portLevel ?? null) && Object.keys(portLevel as JsonObject).length === 0
    ? [invalid('spec.portLevelMtls', 0, 'spec.portLevelMtls in body should have at least 1 properties')]
    : [];
}

function celRules(raw: JsonObject): FieldError[] {
  const errors: FieldError[] = [];
  const spec = objectOf(raw.spec);
  const selector = getPath(spec, 'selector', 'matchLabels');
  const matchLabels = objectOf(selector);
  if (isJsonObject(selector ?? null)) {
    const keys = Object.keys(matchLabels);
    if (!keys.every((k) => !k.includes('*'))) errors.push(invalid('spec.selector.matchLabels', { raw: '"object"' }, 'wildcard not allowed in label key match'));
    if (!keys.every((k) => k.length !== 0)) errors.push(invalid('spec.selector.matchLabels', { raw: '"object"' }, 'key must not be empty'));
    for (const [k, v] of Object.entries(matchLabels)) {
      if (typeof v === 'string' && v.includes('*')) errors.push(invalid(`spec.selector.matchLabels[${k}]`, { raw: '"string"' }, 'wildcard not allowed in label value match'));
    }
  }
  const portLevel = spec.portLevelMtls;
  if (isJsonObject(portLevel ?? null)) {
    const ports = Object.keys(portLevel as JsonObject);
    if (ports.length > 0 && !ports.every((p) => /^[+-]?\d+$/.test(p) && Number(p) > 0 && Number(p) <= 65535)) {
      errors.push(invalid('spec.portLevelMtls', { raw: '"object"' }, 'port must be between 1-65535'));
    }
  }
  if (portLevel !== undefined && Object.keys(matchLabels).length === 0) {
    errors.push(invalid('spec', { raw: '"object"' }, 'portLevelMtls requires selector'));
  }
  return errors;
}

/** ValidatePeerAuthentication. */
function webhook(raw: JsonObject) {
  const spec = objectOf(raw.spec);
  const errors: string[] = [];
  const matchLabels = objectOf(getPath(spec, 'selector', 'matchLabels'));
  const portLevel = spec.portLevelMtls;
  const portLevelSize = isJsonObject(portLevel ?? null) ? Object.keys(portLevel as JsonObject).length : 0;
  if (Object.keys(matchLabels).length === 0 && portLevelSize !== 0) errors.push('mesh/namespace peer authentication cannot have port level mTLS');
  if (portLevel !== undefined && portLevel !== null && portLevelSize === 0) errors.push('port level mTLS, if defined, must have at least one element');
  for (const port of Object.keys(objectOf(portLevel))) {
    const n = Number(port);
    if (!(n > 0 && n <= 65535)) errors.push('port must be in range 1..65535');
  }
  const selector = workloadSelector(spec.selector, 'matchLabels');
  return { errors: [...errors, ...selector.errors], warnings: selector.warnings };
}

export const PEER_AUTHENTICATION: PolicyKindModule = {
  info: { kind: 'PeerAuthentication', group: 'security.istio.io', versions: ['v1', 'v1beta1'], plural: 'peerauthentications', singular: 'peerauthentication', shortNames: ['pa'], namespaced: true },
  schema: istioCrdSchema(obj('', {
    selector: WORKLOAD_SELECTOR,
    mtls: obj('', { mode: enumOf(MTLS_MODES) }),
    portLevelMtls: mapOf(obj('', { mode: enumOf(MTLS_MODES) }), ''),
  })),
  schemaRules,
  celRules,
  webhook,
  printerColumns: [
    { name: 'Mode', jsonPath: '.spec.mtls.mode', type: 'string' },
    AGE_COLUMN,
  ],
  meshConfig: true,
  evaluation: {
    functions: { resolveServerMode, resolveServerModes, resolveNamespaceMtls, peerAuthenticationLevels },
    reasonCodes: [
      'pa.policy', 'pa.port', 'pa.port.unset', 'pa.default', 'pa.unset', 'pa.mesh', 'pa.namespace', 'pa.workload', 'pa.gateway',
      'ns.sets', 'ns.unset', 'ns.mesh', 'ns.unknown',
    ],
  },
};

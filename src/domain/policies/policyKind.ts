import type { KindInfo } from '../kinds.ts';
import type { FieldError } from '../manifests/fieldErrors.ts';
import type { KindSchema } from '../manifests/fieldSchema.ts';
import type { WebhookResult } from '../manifests/istioWebhookChecks.ts';
import type { JsonObject, KubeObject } from '../objects.ts';
import type { PhraseCode } from '../reasons/phrases.en.ts';
import type { World } from '../world.ts';

/** One `additionalPrinterColumns` entry of the kind's CRD, as `kubectl get` prints it (header upper-cased). */
export interface PrinterColumn {
  name: string;
  /** `.spec.mtls.mode`, `.metadata.creationTimestamp`. */
  jsonPath: string;
  /** `string` cells print the value (JSON for non-strings); `date` cells print the age. */
  type: 'string' | 'date';
}

/** The Age column Istio's CRDs end with (and the API server's default for a CRD without columns). */
export const AGE_COLUMN: PrinterColumn = { name: 'Age', jsonPath: '.metadata.creationTimestamp', type: 'date' };

/** diag.Level of an `istioctl analyze` message. */
export type AnalysisLevel = 'Error' | 'Warning' | 'Info';

/** One `istioctl analyze` message about an object of the kind (istio pkg/config/analysis/msg/messages.yaml). */
export interface PolicyFinding {
  level: AnalysisLevel;
  /** `IST0174` */
  code: string;
  object: KubeObject;
  /** The filled-in template. */
  text: string;
}

/**
 * Where the engine decides with objects of the kind: the functions (kept in src/domain/resolution,
 * src/domain/policies or src/domain/envoy) and the reason codes their decisions carry.
 */
export interface PolicyEvaluation {
  functions: Readonly<Record<string, (...args: never[]) => unknown>>;
  /** The codes of the reasons those decisions give (src/domain/reasons catalogs). */
  reasonCodes: readonly PhraseCode[];
}

/**
 * Everything the rest of the simulator reads about one Istio policy kind: adding a kind is one
 * module like this and one line in src/domain/policies/index.ts (POLICY_KINDS).
 */
export interface PolicyKindModule {
  /** Discovery: group, versions, names (the `KINDS` entry). */
  info: KindInfo;
  /** The CRD's OpenAPI schema as a field table (the `KIND_SCHEMAS` entry). */
  schema: KindSchema;
  /** OpenAPI checks the field table cannot say (minProperties…), run with the schema. */
  schemaRules?: (raw: JsonObject) => FieldError[];
  /**
   * The CRD's x-kubernetes-validations (CEL), run only when the schema passed. A kind whose CEL
   * rules cannot fail on the modelled fields still has `() => []`: the API server then reports
   * that it skipped them when the schema failed.
   */
  celRules?: (raw: JsonObject) => FieldError[];
  /** Istio's validating webhook (`validation.istio.io`), run after the API server accepted the object. */
  webhook?: (raw: JsonObject) => WebhookResult;
  /** The CRD's additionalPrinterColumns; empty means the API server's default (AGE only). */
  printerColumns: readonly PrinterColumn[];
  /** istiod pushes it to the proxies: a change moves the world's configVersion and shows in configSnapshot. */
  meshConfig: boolean;
  /** The `istioctl analyze` analyzers about the kind that can fire in this world. */
  analyze?: (world: World) => PolicyFinding[];
  evaluation: PolicyEvaluation;
}

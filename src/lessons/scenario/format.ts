/**
 * The scenario format, as a reader of `docs/scenarios.md` writes it: what one scenario file holds
 * once it is read and validated. The loader (`load.ts`) turns YAML or Markdown text into a
 * `ScenarioDoc`; `compile.ts` turns that into the `Lesson` the runner, the app and `sim` play.
 *
 * Everything here is plain data: a scenario is content, never code.
 */
import type { Locale } from '../../domain/locale.ts';
import type { PolicyLevel } from '../../domain/resolution/types.ts';

/** The one format version there is. A file names it as `scenario: v1`. */
export const FORMAT_VERSION = 'v1';

/** The languages a scenario may be written in. */
export const SCENARIO_LANGUAGES: readonly Locale[] = ['en', 'ja'];

/** Text in one or more languages; a language the scenario does not have falls back to its first. */
export type Texts = Partial<Record<Locale, string>>;

/** Who sends a request. */
export type FromSpec =
  | { kind: 'browser' }
  | { kind: 'cloudshell' }
  /**
   * The first pod whose `app` label is `app` (else the pod named `app`); `bypass`: curl that skips
   * the sidecar. For requests the learner made, `namespace` and `app` may be `*` (any).
   */
  | { kind: 'pod'; namespace: string; app: string; bypass: boolean };

/** How a request must end. */
export type ExpectSpec =
  /** Any outcome: the learner only has to make the request. */
  | 'any'
  | 'ok'
  /**
   * The addressed application got the request and answered, whatever its status: no reset, no
   * refusal by a proxy (a gRPC server answers curl's plain GET with 415, and that counts).
   */
  | 'reached'
  /** The connection was reset: curl prints `000` and exits 56. */
  | 'reset'
  /** Nothing listened: curl exits 7. */
  | 'refused'
  /** The addressed workload's proxy refused it by AuthorizationPolicy (403, or gRPC PermissionDenied). */
  | 'denied'
  /** This HTTP status (e.g. 503, 403, 200). */
  | number;

export const EXPECT_WORDS = ['any', 'ok', 'reached', 'reset', 'refused', 'denied'] as const;

/** The server modes a `mode` check may ask for. */
export const MODES = ['STRICT', 'PERMISSIVE', 'DISABLE'] as const;
export const AUTHZ_ACTIONS = ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'] as const;
export const LEVELS: readonly PolicyLevel[] = ['default', 'mesh', 'namespace', 'workload', 'port'];

interface CheckText {
  /** What to tell the learner while this check fails (replaces the generated sentence). */
  message?: Texts;
  /** What to tell the learner once it passes. */
  passed?: Texts;
}

/** A declarative check: no code, only what must hold. */
export type CheckSpec = CheckText &
  (
    | { kind: 'all'; checks: CheckSpec[] }
    | { kind: 'any'; checks: CheckSpec[] }
    | { kind: 'not'; check: CheckSpec }
    | {
        kind: 'request';
        /** Absent (only with `seen`): from anyone. */
        from?: FromSpec;
        /** A full URL (Service DNS name or external IP). */
        url: string;
        expect: ExpectSpec;
        /** How the addressed workload's hop was carried. */
        /** mtls: Istio mutual TLS; plaintext: no TLS at all; tls: TLS a DestinationRule originated (SIMPLE or MUTUAL). */
        over?: 'mtls' | 'plaintext' | 'tls';
        /** The addressed workload's inbound mode when the request reached it. */
        serverMode?: (typeof MODES)[number];
        /**
         * The level of the PeerAuthentication that set the addressed workload's mode on this request
         * (the hop's reason `pa.<level>`); a mode inherited through a narrower policy that sets none
         * (`pa.unset`) matches no level.
         */
        level?: PolicyLevel;
        /**
         * `now` (the default): what the request would do in the world now, without making it.
         * `step`: the learner made such a request since this step began. `lesson`: at any time.
         * `last`: the learner's latest such request in this step ended so.
         */
        seen: 'now' | 'step' | 'lesson' | 'last';
      }
    | { kind: 'exists' | 'absent'; object: ObjectRef }
    | {
        kind: 'mode';
        /** `*`: every namespace of the mesh (not the control plane's). */
        namespace: string;
        /** `*`: every workload with a sidecar there. */
        app: string;
        /** A container port; absent: the workload-wide mode. */
        port?: number;
        is: (typeof MODES)[number];
        level?: PolicyLevel;
      }
    | { kind: 'analyze'; code: string; namespace?: string; reported: boolean }
    /** Every pod of the workload runs a sidecar (`true`), or none does (`false`); it has at least one pod. */
    | { kind: 'sidecar'; namespace: string; app: string; injected: boolean }
    /** An AuthorizationPolicy of this action is enforced (not dry-run) by the workload's proxy (`applies: true`), or none is. */
    | { kind: 'authz'; namespace: string; app: string; action: (typeof AUTHZ_ACTIONS)[number]; applies: boolean }
    /** Cloud Shell has (or has not) credentials for the cluster (`gcloud container clusters get-credentials`). */
    | { kind: 'credentials'; present: boolean }
    /** A TypeScript check an in-repo lesson registers by name (not available to scenario files from elsewhere). */
    | { kind: 'custom'; name: string }
    /** A check the scenario names under `checks:` (resolved when the scenario is loaded). */
    | { kind: 'use'; name: string }
  );

/** One object, or without `name` any object of the kind (in `namespace`, or anywhere). */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name?: string;
}

export interface ProbeDoc {
  id: string;
  label: Texts;
  from: FromSpec;
  url: string;
}

export interface StepDoc {
  id: string;
  title: Texts;
  body: Texts;
  commands: string[];
  hints: Texts[];
  solution: string;
  check: CheckSpec;
  predict?: { question: Texts; probes: ProbeDoc[] };
  takeaway?: Texts;
}

export interface ScenarioDoc {
  id: string;
  /** In the order the author gave them; the first is the fallback. */
  languages: Locale[];
  title: Texts;
  summary: Texts;
  start: {
    /** Whether Cloud Shell already has cluster credentials (default true). */
    credentials: boolean;
    /** Kubernetes and Istio manifests applied silently before the learner starts. */
    manifests?: string;
    /** Commands run silently after the manifests. */
    setup?: string;
  };
  steps: StepDoc[];
}

/** One problem in a scenario file, with where it is. */
export interface ScenarioError {
  /** The file it is in, as the author named it. */
  source: string;
  /** 1-based line, when known. */
  line?: number;
  /** The field path, e.g. `steps[1].check.expect`; `` for the file as a whole. */
  field: string;
  /** What is wrong, in kubectl's field-error words (`Required value`, `Unsupported value: …`). */
  message: string;
}

/** Size limits: a scenario is hostile input until it has been read. */
export const LIMITS = {
  /**
   * All of a scenario's files together, in UTF-16 code units (48 KiB of ASCII; the largest built-in
   * lesson, both languages, is 33 K). Reading the most hostile file this size stays well under
   * 200 ms (hostile.test.ts prints the times).
   */
  totalChars: 48 * 1024,
  files: 4,
  steps: 40,
  commandsPerStep: 20,
  hintsPerStep: 8,
  probesPerStep: 12,
  /** Check nodes in one step (leaves and groups). */
  checksPerStep: 64,
  /** Check nodes in one step once its `use:` items are replaced by the named checks. */
  expandedChecksPerStep: 256,
  /** How deep `all`/`any`/`not` may nest. */
  checkDepth: 6,
  /** One text or command. */
  textChars: 20_000,
  /** The start manifests, and the start setup, each (also one snippet). */
  startChars: 64 * 1024,
  /** How many errors are listed before the rest are counted. */
  errors: 50,
} as const;

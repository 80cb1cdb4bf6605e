import type { Cause, Phrase } from '../traffic/trace.ts';
import type { VerifyCommand } from './verifyCommands.ts';
import type { Locale } from '../locale.ts';
import type { TemplateParams } from '../reasons/template.ts';

/** `Locale` under its former name, which messages.ts still imports; new code imports `Locale` from domain/locale.ts. */
export type ExplainLocale = Locale;

/** Parameters of a message: enumerated values are codes (e.g. `STRICT`), free text is the engine's English. */
export type MessageParams = TemplateParams;

/**
 * One line of explanation: a stable code plus parameters (what a translation looks up), and the
 * English text rendered from them. `renderLine(line, locale)` renders it in another language.
 */
export interface Line {
  code: string;
  params: MessageParams;
  text: string;
  /**
   * Parameters that are engine sentences (a hop's reasons), as phrases a translation rebuilds in its
   * own language; `params` holds the same sentences in English.
   */
  phrases?: Readonly<Record<string, Phrase>>;
}

/** One hop of a trace in plain words: who decided what, and how the connection ended. */
export interface HopExplanation {
  /** Index of the hop in `trace.hops`. */
  index: number;
  /** `default/testcurl → frontend/frontend-…:8080 (frontend.frontend.svc.cluster.local:80)` */
  title: Line;
  /** What the client sent and why, e.g. `client sidecar: no DestinationRule for … → auto mTLS → sends mTLS`. */
  client: Line;
  /** What the server requires and why, e.g. `server sidecar: PeerAuthentication … sets STRICT → requires mTLS`. */
  server: Line;
  /** How the hop ended, e.g. `resets the connection (no filter chain matches plaintext)`. */
  result: Line;
  /** The server proxy's AuthorizationPolicy decision, when a policy applies: who decided, on which field, for whom. */
  authz?: Line;
  /** Whether the connection failed on this hop (the engine's outcome is not `ok`). */
  failed: boolean;
  /** Every object and field that took part in the decisions, for "open the YAML at this field". */
  links: Cause[];
  /** The commands that show this hop's decisions on a real cluster (istioctl proxy-config). */
  verify: VerifyCommand[];
}

/** A concrete change that would make a failing hop work, ready to paste into a terminal. */
export interface Fix {
  /** Unique within one explanation (a key for views). */
  id: string;
  /** The hop it repairs. */
  hop: number;
  /** The smallest change that keeps the intent (one per failing hop); the others are alternatives. */
  minimal: boolean;
  title: Line;
  detail: Line;
  /** kubectl-ready commands (a heredoc apply, a delete, a label…), or a URL to open. */
  command: string;
  /** The object the fix changes or replaces, when there is one. */
  target?: Cause;
}

export type LintCode =
  | 'KIA0002'
  | 'KIA0003'
  | 'KIA0004'
  | 'KIA0101'
  | 'KIA0102'
  | 'KIA0104'
  | 'KIA0105'
  | 'KIA0106'
  | 'KIA0108'
  | 'KIA0202'
  | 'KIA0205'
  | 'KIA0206'
  | 'KIA0207'
  | 'KIA0208'
  | 'KIA0401'
  | 'KIA0501'
  | 'KIA0505'
  | 'KIA0506';

/** What a Kiali-style validator would report about one object, next to what the simulator really does. */
export interface LintFinding {
  /** Unique within one lint run (a key for views). */
  id: string;
  code: LintCode;
  severity: 'error' | 'warning';
  /** The validator's message for the code. */
  message: Line;
  /** The object and the field the finding points at (`field` is the dotted path, as in traces). */
  object: Cause;
  /** The same field as Kiali writes it: `spec/trafficPolicy/tls/mode`. */
  path: string;
  /** Other objects the finding is about (the PeerAuthentication a DestinationRule conflicts with…). */
  related: Cause[];
  /** What really happens in the simulator. */
  actualEffect: Line;
  /** True when the check only matters without auto mTLS, which is on here: the finding is noise. */
  noise: boolean;
  /** Why it is noise, when it is. */
  note?: Line;
}

export interface Explanation {
  summary: string;
  /** The summary with its code and parameters. */
  summaryLine: Line;
  /** The objects behind the summary when no hop carries them (an https:// request the TLS handshake ended). */
  summaryLinks?: Cause[];
  /** Whether the request failed: a hop failed, no HTTP answer came, or the answer is an error status. */
  failed: boolean;
  /** Index of the first failing hop, or -1. */
  failedHop: number;
  hops: HopExplanation[];
  /** For each failing hop: the minimal fix first, then the alternatives. */
  fixes: Fix[];
  /** Every lint finding of the world, those about objects this trace touched first. */
  lint: LintFinding[];
}

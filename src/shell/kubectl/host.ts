import type { KubeObject } from '../../domain/objects.ts';

/**
 * A `kubectl port-forward` that keeps running: connections to 127.0.0.1:`localPort` reach
 * `remotePort` inside `pod`'s network namespace (kubelet connects to localhost there, so no
 * sidecar sees the traffic).
 */
export interface PortForward {
  localPort: number;
  remotePort: number;
  /** The pod the forward picked (a Service's or Deployment's first running pod). */
  namespace: string;
  pod: string;
}

/** What the file kubectl edit writes and reads back. */
export interface EditFile {
  /** `/tmp/kubectl-edit-<n>.yaml` */
  path: string;
  /** The header comments and the objects' YAML. */
  text: string;
}

/** The result of saving an edited file: kubectl's output, and either the end or the file reopened with its errors. */
export type EditOutcome =
  | { done: true; stdout: string; stderr: string; exitCode: number }
  | { done: false; stdout: string; stderr: string; file: EditFile };

/** An edit in progress: the file to show, and what saving or closing it does. */
export interface EditSession {
  file: EditFile;
  /** The kind/name the command names, e.g. `peerauthentication.security.istio.io/default`. */
  title: string;
  /** The editor wrote `text` and exited. */
  save(text: string): EditOutcome;
  /** The editor exited without writing: kubectl compares the file with what it wrote. */
  close(): EditOutcome;
}

/** The kubectl verbs that behave differently with a host than without one (`edit`, `port-forward`). */
export const HOSTED_VERBS = ['edit', 'port-forward'] as const;

/**
 * What the app around the shell offers kubectl (the browser page; the headless `sim` has none):
 * an editor panel for `kubectl edit` and a browser tab for `kubectl port-forward`. Each returns
 * false when it cannot take the request, and kubectl then behaves as it does without one.
 */
export interface KubectlHost {
  /** Opens the edit panel; the session's outcome is printed by the host when the editor exits. */
  openEditor?(session: EditSession): boolean;
  /** Keeps the forward open until Ctrl+C; `objects` is what it was started for. */
  startPortForward?(forward: PortForward, objects: { target: KubeObject }): boolean;
}

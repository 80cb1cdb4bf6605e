/** The learner's Cloud Shell: gcloud configuration and the simulated GKE cluster's fixed facts. */
export const CLOUD_SHELL = {
  /** Cloud Shell names its configuration `cloudshell-<n>`. */
  configuration: 'cloudshell-20261',
  account: 'learner@example.com',
  /** GKE ≥1.29 uses 34.118.224.0/20 for Services; the control-plane endpoint is a public Google IP. */
  masterIp: '34.41.183.27',
  masterVersion: '1.33.4-gke.1245000',
  machineType: 'e2-standard-4',
  numNodes: 3,
} as const;

/** The variables Cloud Shell's bash has on top of the shell's own (SimSession's shell, and the boot shell's). */
export const CLOUD_SHELL_ENV: Readonly<Record<string, string>> = {
  HOME: '/home/learner',
  USER: 'learner',
  SHELL: '/bin/bash',
  PATH: '/usr/local/bin:/usr/bin:/bin',
  PS1: '\\u@cloudshell:\\w$ ',
};

/** Cloud Shell's prompt, which names the configured project (a command that continues on a next line shows `> `). */
export function cloudShellPrompt(project: string): string {
  return `learner@cloudshell:~ (${project})$ `;
}

/** `ResponseError: code=N, message=…` (googlecloudsdk api_lib/container/util HTTP_ERROR_FORMAT). */
export function responseError(code: number, message: string): string {
  return `ResponseError: code=${code}, message=${message}`;
}

/** GKE answers 403 before anything else when the project is not one the caller can see. */
export function projectLookupError(project: string): string {
  return responseError(403, `Project lookup error: permission denied on resource 'projects/${project}' (or it may not exist).`);
}

/** A zone is a region plus `-<letter>`: `us-central1-c`. */
export function isZone(location: string): boolean {
  return /^[a-z]+(-[a-z]+)+\d+-[a-z]$/.test(location);
}

/** Whether a location has the shape of a GCP region or zone; anything else is rejected with 400. */
export function isLocationShaped(location: string): boolean {
  return /^[a-z]+(-[a-z]+)+\d+(-[a-z])?$/.test(location);
}

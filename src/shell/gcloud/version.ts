import { KUBECTL_VERSION } from '../kubectl/verbs/version.ts';
import type { GcloudCommand, GcloudContext } from './types.ts';

/** The Cloud SDK in the learner's Cloud Shell (November 2026). */
export const GCLOUD_SDK_VERSION = '548.0.0';

/** `gcloud version` / `gcloud --version`: the SDK and its installed components. */
export function printVersion(ctx: Pick<GcloudContext, 'out'>): number {
  ctx.out([
    `Google Cloud SDK ${GCLOUD_SDK_VERSION}`,
    'alpha 2026.11.14',
    'beta 2026.11.14',
    'bq 2.1.25',
    'bundled-python3-unix 3.12.9',
    'core 2026.11.14',
    'gcloud-crc32c 1.0.0',
    'gke-gcloud-auth-plugin 0.5.10',
    'gsutil 5.35',
    `kubectl ${KUBECTL_VERSION.replace(/^v/, '')}`,
  ].map((l) => `${l}\n`).join(''));
  return 0;
}

export const versionCommand: GcloudCommand = {
  name: 'version',
  short: 'Print version information for Google Cloud CLI components.',
  run: printVersion,
};

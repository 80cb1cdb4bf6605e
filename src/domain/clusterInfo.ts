/** The GKE cluster the learner's Cloud Shell talks to. */
export interface ClusterInfo {
  name: string;
  project: string;
  zone: string;
}

/**
 * The cluster every world starts with (World.cluster). A module of its own, so that the page's
 * first script (src/boot.ts) knows the project without loading the world.
 */
export const DEFAULT_CLUSTER: Readonly<ClusterInfo> = { name: 'boutique', project: 'mtls-playground', zone: 'us-central1-c' };

import { type JsonObject, type KubeObject, getPath, getStringMap, isJsonObject, labelsMatch } from '../objects.ts';
import type { World } from '../world.ts';
import { createPod, serviceAccountForbidden } from './createPod.ts';
import { newMeta } from './newMeta.ts';

/** apimachinery rand.SafeEncodeString: each byte of the decimal hash picks a safe character. */
function safeEncode(text: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...text].map((ch) => alphabet[ch.charCodeAt(0) % alphabet.length]).join('');
}

/** FNV-1a over the template, encoded as the Deployment controller encodes pod-template-hash. */
export function podTemplateHash(template: JsonObject): string {
  let hash = 0x811c9dc5;
  const text = JSON.stringify(template);
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return safeEncode(String(hash >>> 0));
}

function replicasOf(deploy: KubeObject): number {
  const r = getPath(deploy.spec, 'replicas');
  return typeof r === 'number' && r >= 0 ? Math.floor(r) : 1;
}

/**
 * The Deployment controller, instantly: makes sure a ReplicaSet for the current pod template exists
 * with the desired number of Running pods, and scales older ReplicaSets to zero (a finished
 * rollout). Pods are only ever created here, so sidecar injection happens on (re-)creation only.
 */
export function reconcileDeployment(world: World, deploy: KubeObject, createdAt?: number): void {
  const ns = deploy.metadata.namespace ?? 'default';
  const template = getPath(deploy.spec, 'template');
  if (!isJsonObject(template)) return;
  const hash = podTemplateHash(template);
  const rsName = `${deploy.metadata.name}-${hash}`;
  const replicas = replicasOf(deploy);
  const owned = (obj: KubeObject, kind: string, owner: KubeObject) =>
    obj.kind === kind && obj.metadata.ownerReferences?.some((o) => o.uid === owner.metadata.uid) === true;

  let rs = world.get('ReplicaSet', ns, rsName);
  const templateLabels = getStringMap(template, 'metadata', 'labels');
  const templateAnnotations = getStringMap(template, 'metadata', 'annotations');
  if (!rs) {
    rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: newMeta(world, rsName, ns, {
        labels: { ...templateLabels, 'pod-template-hash': hash },
        annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + 1), 'deployment.kubernetes.io/revision': '1' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: deploy.metadata.name, uid: deploy.metadata.uid, controller: true, blockOwnerDeletion: true }],
        ...(createdAt !== undefined ? { createdAt } : {}),
      }),
      spec: {
        replicas,
        selector: { matchLabels: { ...getStringMap(deploy.spec, 'selector', 'matchLabels'), 'pod-template-hash': hash } },
        template: { ...template, metadata: { ...(isJsonObject(template.metadata) ? template.metadata : {}), labels: { ...templateLabels, 'pod-template-hash': hash } } },
      },
    };
  }
  const rsObj = rs;
  const podSpec = isJsonObject(template.spec) ? template.spec : {};
  // The ServiceAccount admission plugin refuses the ReplicaSet's pods while their account is missing.
  const current = world.list('Pod', ns).filter((p) => owned(p, 'Pod', rsObj)).length;
  const refused = current < replicas ? serviceAccountForbidden(world, ns, `${rsName}-`, podSpec) : undefined;
  // Old ReplicaSets of this Deployment scale to zero; their pods go away. A stalled rollout keeps
  // them (maxUnavailable, 25% of a few replicas, rounds down to none).
  let oldPods = 0;
  for (const other of world.list('ReplicaSet', ns)) {
    if (other.metadata.name === rsName || !owned(other, 'ReplicaSet', deploy)) continue;
    const theirs = world.list('Pod', ns).filter((pod) => owned(pod, 'Pod', other));
    if (refused !== undefined && theirs.length > 0) {
      oldPods += theirs.length;
      continue;
    }
    for (const pod of theirs) world.remove(pod);
    world.put({ ...other, spec: { ...other.spec, replicas: 0 }, status: { replicas: 0, observedGeneration: 1 } });
  }
  const pods = world.list('Pod', ns).filter((p) => owned(p, 'Pod', rsObj));
  for (const extra of pods.slice(replicas)) world.remove(extra);
  let created = Math.min(pods.length, replicas);
  for (let i = pods.length; i < replicas && refused === undefined; i++) {
    const pod = createPod(world, {
      name: `${rsName}-${world.rng.suffix(5)}`,
      generateName: `${rsName}-`,
      namespace: ns,
      labels: { ...templateLabels, 'pod-template-hash': hash },
      annotations: templateAnnotations,
      spec: podSpec,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rsName, uid: rsObj.metadata.uid, controller: true, blockOwnerDeletion: true }],
      ...(createdAt !== undefined ? { createdAt } : {}),
    });
    world.put(pod);
    created++;
  }
  if (refused !== undefined) {
    recordFailedCreate(world, deploy, rsObj, { replicas, created, oldPods, message: refused });
    return;
  }
  // The ReplicaSet asks for what the Deployment asks for now (kubectl scale, a patched replicas).
  world.put({ ...rsObj, spec: { ...rsObj.spec, replicas }, status: { replicas, fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 } });
  world.put({
    ...deploy,
    status: { observedGeneration: deploy.metadata.generation, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas },
  });
}

/**
 * A ReplicaSet whose pods the API server refused: its ReplicaFailure condition (replica_set_utils.go
 * calculateStatus, reason FailedCreate, the refusal as message), copied to the Deployment next to
 * Progressing and Available as the deployment controller orders them (sync.go syncRolloutStatus).
 */
function recordFailedCreate(world: World, deploy: KubeObject, rs: KubeObject, facts: { replicas: number; created: number; oldPods: number; message: string }): void {
  const at = new Date(world.nowSeconds() * 1000).toISOString().replace('.000Z', 'Z');
  const failure = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: at, reason: 'FailedCreate', message: facts.message };
  world.put({
    ...rs,
    spec: { ...rs.spec, replicas: facts.replicas },
    status: { replicas: facts.created, ...(facts.created ? { fullyLabeledReplicas: facts.created, readyReplicas: facts.created, availableReplicas: facts.created } : {}), observedGeneration: 1, conditions: [failure] },
  });
  const available = facts.created + facts.oldPods;
  const maxUnavailable = Math.floor(facts.replicas * 0.25);
  const availableCond = available >= facts.replicas - maxUnavailable
    ? { type: 'Available', status: 'True', lastUpdateTime: at, lastTransitionTime: at, reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
    : { type: 'Available', status: 'False', lastUpdateTime: at, lastTransitionTime: at, reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' };
  const progressing = { type: 'Progressing', status: 'True', lastUpdateTime: at, lastTransitionTime: at, reason: 'NewReplicaSetCreated', message: `Created new replica set "${rs.metadata.name}"` };
  // A new Deployment gets Progressing first; a rollout's Progressing moves after the Available it already had.
  const conditions = facts.oldPods > 0 ? [availableCond, progressing, failure] : [progressing, availableCond, failure];
  const counts = (key: string, n: number) => (n > 0 ? { [key]: n } : {});
  world.put({
    ...deploy,
    status: {
      observedGeneration: deploy.metadata.generation,
      ...counts('replicas', available),
      ...counts('updatedReplicas', facts.created),
      ...counts('readyReplicas', available),
      ...counts('availableReplicas', available),
      ...counts('unavailableReplicas', Math.max(0, facts.replicas - available)),
      conditions,
    },
  });
}

/** Removes a Deployment's ReplicaSets and pods (cascading delete). */
export function deleteDeploymentChildren(world: World, deploy: KubeObject): void {
  const ns = deploy.metadata.namespace ?? '';
  for (const rs of world.list('ReplicaSet', ns)) {
    if (!rs.metadata.ownerReferences?.some((o) => o.uid === deploy.metadata.uid)) continue;
    for (const pod of world.list('Pod', ns)) if (pod.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid)) world.remove(pod);
    world.remove(rs);
  }
}

/** True when a Deployment's selector matches its template labels (validated by the API server). */
export function selectorMatchesTemplate(deploy: KubeObject): boolean {
  return labelsMatch(getStringMap(deploy.spec, 'selector', 'matchLabels'), getStringMap(deploy.spec, 'template', 'metadata', 'labels'));
}

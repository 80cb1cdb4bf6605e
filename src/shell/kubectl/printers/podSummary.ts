import { type JsonObject, type KubeObject, getPath, getString, isJsonObject } from '../../../domain/objects.ts';
import { humanDuration } from '../format/index.ts';
import { objectsIn as objects } from './jsonValues.ts';
import { livePodStatus } from './livePodStatus.ts';
import { parseRfc3339 } from './timestamps.ts';

/** The cells `kubectl get pods` derives from a pod. */
export interface PodSummary {
  /** `2/2`: ready containers over containers. */
  ready: string;
  /** `Running`, `Completed`, `CrashLoopBackOff`, `Init:0/1`, … */
  status: string;
  /** `0`, or `2 (7m5s ago)`. */
  restarts: string;
  ip: string;
  node: string;
}

function finishedAt(container: JsonObject): number | undefined {
  const text = getString(container, 'lastState', 'terminated', 'finishedAt');
  return text === undefined ? undefined : parseRfc3339(text);
}

function terminatedReason(terminated: JsonObject, prefix: string): string {
  const reason = typeof terminated.reason === 'string' ? terminated.reason : '';
  if (reason) return `${prefix}${reason}`;
  const signal = typeof terminated.signal === 'number' ? terminated.signal : 0;
  return signal ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${typeof terminated.exitCode === 'number' ? terminated.exitCode : 0}`;
}

/** A port of printPod (kubernetes pkg/printers/internalversion/printers.go) for one pod at `now` (seconds). */
export function podSummary(pod: KubeObject, now: number): PodSummary {
  const status = livePodStatus(pod, now);
  const specContainers = objects(getPath(pod.spec, 'containers'));
  const initSpecs = objects(getPath(pod.spec, 'initContainers'));
  const isSidecar = (name: unknown) => initSpecs.some((c) => c.name === name && c.restartPolicy === 'Always');
  const total = specContainers.length + initSpecs.filter((c) => c.restartPolicy === 'Always').length;
  let ready = 0;
  let restarts = 0;
  let lastRestart: number | undefined;
  const noteRestart = (c: JsonObject) => {
    const at = finishedAt(c);
    if (at !== undefined && (lastRestart === undefined || at > lastRestart)) lastRestart = at;
  };
  let reason = typeof status.reason === 'string' && status.reason ? status.reason : (typeof status.phase === 'string' ? status.phase : 'Pending');

  let initializing = false;
  const initStatuses = objects(status.initContainerStatuses);
  for (const [i, c] of initStatuses.entries()) {
    restarts += typeof c.restartCount === 'number' ? c.restartCount : 0;
    noteRestart(c);
    const terminated = getPath(c, 'state', 'terminated');
    const waitingReason = getString(c, 'state', 'waiting', 'reason');
    if (isJsonObject(terminated) && terminated.exitCode === 0) continue;
    if (isSidecar(c.name) && c.started === true) {
      if (c.ready === true) ready++;
      continue;
    }
    if (isJsonObject(terminated)) reason = terminatedReason(terminated, 'Init:');
    else if (waitingReason && waitingReason !== 'PodInitializing') reason = `Init:${waitingReason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  const initialized = objects(status.conditions).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = 0;
    lastRestart = undefined;
    for (const c of initStatuses) {
      if (!isSidecar(c.name)) continue;
      restarts += typeof c.restartCount === 'number' ? c.restartCount : 0;
      noteRestart(c);
    }
    let hasRunning = false;
    for (const c of objects(status.containerStatuses).reverse()) {
      restarts += typeof c.restartCount === 'number' ? c.restartCount : 0;
      noteRestart(c);
      const waitingReason = getString(c, 'state', 'waiting', 'reason');
      const terminated = getPath(c, 'state', 'terminated');
      if (waitingReason) reason = waitingReason;
      else if (isJsonObject(terminated)) reason = terminatedReason(terminated, '');
      else if (c.ready === true && isJsonObject(getPath(c, 'state', 'running'))) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = objects(status.conditions).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  const podIPs = objects(status.podIPs);
  const ip = (typeof podIPs[0]?.ip === 'string' ? podIPs[0].ip : '') || getString(status, 'podIP') || '<none>';
  return {
    ready: `${ready}/${total}`,
    status: reason,
    restarts: restarts !== 0 && lastRestart !== undefined ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts),
    ip,
    node: getString(pod.spec, 'nodeName') || '<none>',
  };
}

import { type Json, type JsonObject, type KubeObject, getPath, isJsonObject } from '../../../domain/objects.ts';
import { parseRfc3339, rfc3339 } from './timestamps.ts';

/** 64 hex digits derived from `seed`: stands in for containerd container ids and image digests. */
function fakeDigest(seed: string): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) {
      hash ^= seed.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    out += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** `docker.io/curlimages/curl@sha256:…`: the image reference containerd reports, as kubelet's imageID. */
function imageId(image: string): string {
  const repo = image.replace(/@.*$/, '').replace(/:[^/:]+$/, '');
  const first = repo.split('/')[0] ?? '';
  const qualified = repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? repo
    : `docker.io/${repo.includes('/') ? repo : `library/${repo}`}`;
  return `${qualified}@sha256:${fakeDigest(image)}`;
}

/** The N of a container that runs `sleep N` and then exits 0. */
function sleepSeconds(container: JsonObject): number | undefined {
  const command = Array.isArray(container.command) ? container.command : [];
  const args = Array.isArray(container.args) ? container.args : [];
  const argv = [...command, ...args].map((a) => (typeof a === 'string' ? a : ''));
  if (argv.length !== 2 || (argv[0] !== 'sleep' && argv[0] !== '/bin/sleep')) return undefined;
  const n = Number(argv[1]);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * A pod's status as the kubelet would report it at `now` (seconds). A container that runs
 * `sleep N` under restartPolicy Always (the tutorial's testcurl: `sleep 600`) exits every N seconds
 * and is restarted, so its restartCount, current start and last termination follow from its age.
 * Container and image ids are filled in, as containerd reports them.
 */
export function livePodStatus(pod: KubeObject, now: number): JsonObject {
  const status: JsonObject = { ...(pod.status ?? {}) };
  const initSpecs = getPath(pod.spec, 'initContainers');
  const podStart = getPath(pod.status, 'startTime');
  if (Array.isArray(initSpecs) && initSpecs.length > 0 && status.initContainerStatuses === undefined && status.phase === 'Running' && typeof podStart === 'string') {
    // A running pod's init containers have all completed; the simulator does not store their statuses.
    const begun = parseRfc3339(podStart) ?? pod.metadata.creationTimestamp;
    status.initContainerStatuses = initSpecs.filter(isJsonObject).map((c): Json => {
      const name = typeof c.name === 'string' ? c.name : '';
      const image = typeof c.image === 'string' ? c.image : '';
      const containerID = `containerd://${fakeDigest(`${pod.metadata.uid}/${name}/0`)}`;
      return {
        containerID,
        image,
        imageID: imageId(image),
        lastState: {},
        name,
        ready: true,
        restartCount: 0,
        started: false,
        state: { terminated: { containerID, exitCode: 0, finishedAt: rfc3339(begun + 1), reason: 'Completed', startedAt: rfc3339(begun) } },
      };
    });
  }
  const statuses = getPath(pod.status, 'containerStatuses');
  if (!Array.isArray(statuses)) return status;
  const specContainers = getPath(pod.spec, 'containers');
  const containers = Array.isArray(specContainers) ? specContainers.filter(isJsonObject) : [];
  const restartPolicy = getPath(pod.spec, 'restartPolicy') ?? 'Always';
  status.containerStatuses = statuses.map((raw): Json => {
    if (!isJsonObject(raw)) return raw;
    const name = typeof raw.name === 'string' ? raw.name : '';
    const image = typeof raw.image === 'string' ? raw.image : '';
    const live: JsonObject = {
      ...raw,
      containerID: typeof raw.containerID === 'string' ? raw.containerID : `containerd://${fakeDigest(`${pod.metadata.uid}/${name}/0`)}`,
      imageID: typeof raw.imageID === 'string' ? raw.imageID : imageId(image),
    };
    const container = containers.find((c) => c.name === name);
    const period = container ? sleepSeconds(container) : undefined;
    const startedText = getPath(raw, 'state', 'running', 'startedAt');
    const started = typeof startedText === 'string' ? parseRfc3339(startedText) : undefined;
    if (period === undefined || restartPolicy !== 'Always' || started === undefined) return live;
    const exits = Math.floor((now - started) / period);
    if (exits <= 0) return live;
    const lastStart = started + exits * period;
    const stored = typeof raw.restartCount === 'number' ? raw.restartCount : 0;
    return {
      ...live,
      containerID: `containerd://${fakeDigest(`${pod.metadata.uid}/${name}/${exits}`)}`,
      lastState: {
        terminated: {
          containerID: `containerd://${fakeDigest(`${pod.metadata.uid}/${name}/${exits - 1}`)}`,
          exitCode: 0,
          finishedAt: rfc3339(lastStart),
          reason: 'Completed',
          startedAt: rfc3339(lastStart - period),
        },
      },
      restartCount: stored + exits,
      state: { running: { startedAt: rfc3339(lastStart) } },
    };
  });
  return status;
}

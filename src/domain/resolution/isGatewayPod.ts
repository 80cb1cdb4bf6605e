import { type KubeObject, getPath, isJsonObject } from '../objects.ts';
import { SIDECAR_CONTAINER } from '../cluster/pods.ts';
import { perObject } from '../perObject.ts';

/**
 * Whether a pod runs Envoy as a gateway (`pilot-agent proxy router`) rather than as a sidecar:
 * its istio-proxy container runs `router`, or it was injected with the `gateway` template.
 * Gateways build listeners from Gateway resources, so PeerAuthentication never applies to them
 * (istio pilot/pkg/networking/core/listener.go BuildListeners, model.Router).
 */
export function isGatewayPod(pod: KubeObject): boolean {
  return gatewayByPod(pod);
}

function readIsGateway(pod: KubeObject): boolean {
  if ((pod.metadata.annotations['inject.istio.io/templates'] ?? '').split(',').includes('gateway')) return true;
  const containers = getPath(pod.spec, 'containers');
  if (!Array.isArray(containers)) return false;
  return containers.filter(isJsonObject).some((c) => c.name === SIDECAR_CONTAINER && Array.isArray(c.args) && c.args[0] === 'proxy' && c.args[1] === 'router');
}

/** Once per pod object: every hop and decision asks. */
const gatewayByPod = perObject(readIsGateway);

import { podTlsMode } from '../cluster/pods.ts';
import { clusterIP, serviceEndpoints } from '../cluster/services.ts';
import type { KubeObject } from '../objects.ts';
import { reason } from '../reasons/reason.ts';
import type { Cause, PhraseParams } from '../traffic/trace.ts';
import type { World } from '../world.ts';
import { resolveNamespaceMtls } from './namespaceMtlsMode.ts';
import type { EffectiveMode } from './types.ts';

/** The mode a client assumes for a whole service before looking at endpoints, with why. */
export interface ServiceMtlsInference {
  mode: EffectiveMode;
  text: string;
  /** The sentence as a phrase: `svc.*`, or the namespace decision's `ns.*`. */
  code: string;
  params: PhraseParams;
  causes: Cause[];
}

/**
 * Istio's best-effort guess of a service's mTLS mode, which gates auto mTLS for the whole cluster.
 * It reads only namespace- and mesh-level PeerAuthentication of the service's namespace and falls back
 * to PERMISSIVE; workload and port-level policies are invisible here (the root of istio/istio#56084).
 * A headless service with no endpoints, or with any endpoint lacking tlsMode=istio, is DISABLE.
 * (istio pilot/pkg/model/push_context.go BestEffortInferServiceMTLSMode; test TestBestEffortInferServiceMTLSMode.)
 */
export function inferServiceMtlsMode(world: World, service: KubeObject): ServiceMtlsInference {
  const ns = service.metadata.namespace ?? '';
  if (clusterIP(service) === 'None') {
    const endpoints = serviceEndpoints(world, service);
    const plain = endpoints.find((pod) => podTlsMode(pod) !== 'istio');
    const svcCause: Cause = { kind: 'Service', namespace: ns, name: service.metadata.name, field: 'spec.clusterIP' };
    const ref = `${ns}/${service.metadata.name}`;
    if (endpoints.length === 0) return { mode: 'DISABLE', ...reason('svc.headless-empty', { service: ref }, [svcCause]) };
    if (plain) {
      return { mode: 'DISABLE', ...reason('svc.headless-plain', { service: ref, pod: `${ns}/${plain.metadata.name}` }, [svcCause]) };
    }
  }
  const nsMode = resolveNamespaceMtls(world, ns);
  if (nsMode.mode === 'UNKNOWN') return { mode: 'PERMISSIVE', ...reason('svc.default', { namespace: ns }) };
  return { mode: nsMode.mode, text: nsMode.text, code: nsMode.code, params: nsMode.params, causes: nsMode.causes };
}

import { SIDECAR_CONTAINER } from '../../../domain/cluster/pods.ts';
import type { KubeObject } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';

/** `2026-11-28T08:33:02.412512Z`: the pod's start plus `offsetMs`, with microseconds as Go's zap and klog print them. */
function micros(startedAt: number, offsetMs: number): string {
  return new Date(startedAt * 1000 + offsetMs).toISOString().replace(/\.(\d{3})Z$/, '.$1512Z');
}

/** logrus' JSONFormatter with RFC3339Nano timestamps, as the Go services of Online Boutique log (keys sorted). */
function logrus(startedAt: number, offsetMs: number, message: string, severity = 'info'): string {
  const time = new Date(startedAt * 1000 + offsetMs).toISOString().replace(/\.(\d{3})Z$/, '.$1204731Z');
  return `{"message":"${message}","severity":"${severity}","timestamp":"${time}"}`;
}

/** Locust's log format: `[2026-11-28 08:33:04,512] HOST/INFO/locust.main: …`. */
function locust(startedAt: number, offsetMs: number, host: string, logger: string, message: string): string {
  const iso = new Date(startedAt * 1000 + offsetMs).toISOString();
  return `[${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}] ${host}/INFO/${logger}: ${message}`;
}

/**
 * A Go service of Online Boutique starting (microservices-demo v0.9.0, each service's main.go):
 * tracing and profiling are off in the sample manifests, then the service's own lines.
 */
function goService(...messages: string[]): (t: number) => string[] {
  return (t) => ['Tracing disabled.', 'Profiling disabled.', ...messages].map((m, i) => logrus(t, 200 + i * 7, m));
}

/** The start-up lines of Online Boutique's Go servers. */
const APP_START: Record<string, (t: number) => string[]> = {
  frontend: goService('starting server on :8080'),
  productcatalogservice: goService('successfully parsed product catalog json', 'starting grpc server at :3550'),
  checkoutservice: goService(
    'service config: &{productCatalogSvcAddr:productcatalogservice.product-catalog.svc.cluster.local:3550 cartSvcAddr:cartservice.cart.svc.cluster.local:7070 currencySvcAddr:currencyservice.currency.svc.cluster.local:7000 shippingSvcAddr:shippingservice.shipping.svc.cluster.local:50051 emailSvcAddr:emailservice.email.svc.cluster.local:5000 paymentSvcAddr:paymentservice.payment.svc.cluster.local:50051}',
    'starting to listen on tcp: "[::]:5050"',
  ),
  shippingservice: goService('Shipping Service listening on port 50051'),
};

/** The lines a container printed when it started (a trimmed but real-looking start-up log). */
export function bootLines(container: string, pod: KubeObject, world: World): string[] {
  const startedAt = pod.metadata.creationTimestamp;
  const t = (offsetMs: number) => micros(startedAt, offsetMs);
  if (container === SIDECAR_CONTAINER) {
    return [
      `${t(412)}\tinfo\tFLAG: --concurrency="2"`,
      `${t(598)}\tinfo\tVersion 1.26.4-asm.5-f1c0e1b2d3a4`,
      `${t(1203)}\tinfo\tWorkload SDS socket not found. Starting Istio SDS Server`,
      `${t(1577)}\tinfo\tads\tADS: new connection for node:1`,
      `${t(1602)}\tinfo\tcache\tgenerated new workload certificate\tresourceName=default latency=118.233562ms ttl=23h59m59.000000001s`,
      `${t(2891)}\tinfo\tReadiness succeeded in 2.4123s`,
      `${t(2892)}\tinfo\tEnvoy proxy is ready`,
    ];
  }
  if (container === 'discovery') {
    // istiod: flags, cache sync, then its first full push (pilot/pkg/xds/discovery.go). Later pushes
    // are not logged: the simulation does not keep when each config change happened.
    const pods = [...world.ofKind('Pod')].length;
    const services = [...world.ofKind('Service')].length;
    return [
      `${t(103)}\tinfo\tFLAG: --domain="cluster.local"`,
      `${t(104)}\tinfo\tFLAG: --monitoringAddr=":15014"`,
      `${t(1876)}\tinfo\tinitializing mesh configuration ./etc/istio/config/mesh`,
      `${t(2954)}\tinfo\tAll caches have been synced up in 2.851204388s, marking server ready`,
      `${t(2957)}\tinfo\tads\tStarting ADS server`,
      `${t(3058)}\tinfo\tads\tPush debounce stable[1] 1 for config: 100.12ms since last change, 100.12ms since last push, full=true`,
      `${t(3059)}\tinfo\tads\tXDS: Pushing Services:${services} ConnectedEndpoints:${pods} Version:${new Date(startedAt * 1000).toISOString().slice(0, 19)}Z/1`,
    ];
  }
  const app = pod.metadata.labels.app ?? '';
  if (app === 'loadgenerator' && container === 'main') {
    // `locust --headless -u ${USERS}` (src/loadgenerator/Dockerfile), then its periodic stats tables.
    const host = pod.metadata.name;
    return [
      locust(startedAt, 512, host, 'locust.main', 'No run time limit set, use CTRL+C to interrupt'),
      locust(startedAt, 513, host, 'locust.main', 'Starting Locust 2.18.2'),
      locust(startedAt, 514, host, 'locust.runners', 'Ramping to 10 users at a rate of 1.00 per second'),
      locust(startedAt, 9520, host, 'locust.runners', 'All users spawned: {"WebsiteUser": 10} (10 total users)'),
    ];
  }
  return container === 'server' ? (APP_START[app]?.(startedAt) ?? []) : [];
}

import { podServiceAccount } from '../cluster/pods.ts';
import type { KubeObject } from '../objects.ts';
import type { World } from '../world.ts';
import { uuidFrom } from './clusterCaCertificate.ts';
import { tokenSignerKey } from './keys.ts';
import { base64UrlEncode } from './pem.ts';
import { rsaSubjectPublicKeyInfo, signSha256 } from './rsa.ts';
import { sha256 } from './sha.ts';

/** A projected ServiceAccount token as the kubelet mounts it. */
export interface TokenRequest {
  audience: string;
  /** spec.expirationSeconds of the projection. */
  expirationSeconds: number;
}

/** The API server's issuer URL on GKE (--service-account-issuer). */
export function clusterIssuer(world: World): string {
  const { project, zone, name } = world.cluster;
  return `https://container.googleapis.com/v1/projects/${project}/locations/${zone}/clusters/${name}`;
}

/** `--service-account-extend-token-expiration`: the default 3607 s token is issued for a year, with a warning after 3607 s. */
const WARN_ONLY_SECONDS = 3607;
const EXTENDED_SECONDS = 365 * 24 * 3600;

const tokens = new Map<string, string>();

/**
 * A ServiceAccount token (RS256 JWT) for a pod, as the API server issues it to the kubelet
 * (kubernetes pkg/serviceaccount/claims.go, 1.33: sub, aud, iat/nbf/exp, jti, and the
 * kubernetes.io claims naming the namespace, node, pod and account; keys in JSON order, as Go
 * marshals a map), signed by the cluster's token key whose `kid` is the SHA-256 of its public key
 * (keyIDFromPublicKey). The kubelet renews it at 80 % of its lifetime, at most every 24 h.
 */
export function serviceAccountToken(world: World, pod: KubeObject, request: TokenRequest): string {
  const namespace = pod.metadata.namespace ?? '';
  const account = podServiceAccount(pod);
  const started = pod.metadata.creationTimestamp;
  const refresh = Math.min(Math.floor(request.expirationSeconds * 0.8), 24 * 3600);
  const iat = started + Math.floor(Math.max(0, world.nowSeconds() - started) / refresh) * refresh;
  const cacheKey = `${namespace}/${pod.metadata.name}/${pod.metadata.uid}|${account}|${request.audience}|${request.expirationSeconds}|${iat}|${clusterIssuer(world)}`;
  const hit = tokens.get(cacheKey);
  if (hit) return hit;
  const extended = request.expirationSeconds === WARN_ONLY_SECONDS;
  const node = typeof pod.spec?.nodeName === 'string' ? pod.spec.nodeName : '';
  const saUid = world.get('ServiceAccount', namespace, account)?.metadata.uid ?? uuidFrom(`sa|${namespace}/${account}`);
  const claims = {
    aud: [request.audience],
    exp: iat + (extended ? EXTENDED_SECONDS : request.expirationSeconds),
    iat,
    iss: clusterIssuer(world),
    jti: uuidFrom(`jti|${cacheKey}`),
    'kubernetes.io': {
      namespace,
      node: { name: node, uid: uuidFrom(`node|${node}`) },
      pod: { name: pod.metadata.name, uid: pod.metadata.uid },
      serviceaccount: { name: account, uid: saUid },
      ...(extended ? { warnafter: iat + WARN_ONLY_SECONDS } : {}),
    },
    nbf: iat,
    sub: `system:serviceaccount:${namespace}:${account}`,
  };
  const key = tokenSignerKey();
  const encoder = new TextEncoder();
  const header = { alg: 'RS256', kid: base64UrlEncode(sha256(rsaSubjectPublicKeyInfo(key))) };
  const signingInput = `${base64UrlEncode(encoder.encode(JSON.stringify(header)))}.${base64UrlEncode(encoder.encode(JSON.stringify(claims)))}`;
  const token = `${signingInput}.${base64UrlEncode(signSha256(key, encoder.encode(signingInput)))}`;
  if (tokens.size >= 1024) tokens.delete(tokens.keys().next().value ?? '');
  tokens.set(cacheKey, token);
  return token;
}

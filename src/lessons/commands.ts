/**
 * Commands and addresses several lessons use, exactly as the tutorial types them. The external
 * IPs are the simulated cluster's (frontend-external's LoadBalancer and the ingress gateway).
 */
export const LB_URL = 'http://35.202.118.74/';
export const GATEWAY_URL = 'http://34.136.92.187/';
export const FRONTEND_URL = 'http://frontend.frontend.svc.cluster.local:80/';

export const GET_CREDENTIALS = 'gcloud container clusters get-credentials boutique --project=mtls-playground --zone=us-central1-c';
/** curl that prints only the HTTP status (`000` when no response came). */
export const curlCode = (url: string): string => `curl -s -o /dev/null -w '%{http_code}\\n' ${url}`;
/** The frontend from `testcurl`, a pod without a sidecar. */
export const TESTCURL = `kubectl exec testcurl -n default -- curl ${FRONTEND_URL} -o /dev/null -s -w '%{http_code}\\n'`;
/** The frontend from the istio-proxy container of productcatalogservice's pod (the tutorial's debug call). */
export const DEBUG_CURL = `kubectl debug --image istio/base --target istio-proxy -it \\
  $(kubectl get pod -l app=productcatalogservice -n product-catalog -o jsonpath={.items..metadata.name}) \\
  -n product-catalog -- \\
  curl ${FRONTEND_URL} -o /dev/null -s -w '%{http_code}\\n'`;

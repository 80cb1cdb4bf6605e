# Traffic spread, time between commands, a deleted Gateway and the logs a learner reads.
# Run: npm run sim -- examples/traffic-time-and-logs.sh
# A second frontend Deployment behind the same Service, STRICT where the first stays PERMISSIVE.
kubectl apply -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend-v2
  namespace: frontend
spec:
  replicas: 1
  selector:
    matchLabels:
      app: frontend
      version: v2
  template:
    metadata:
      labels:
        app: frontend
        version: v2
    spec:
      containers:
      - name: server
        image: gcr.io/google-samples/microservices-demo/frontend:v0.9.0
        ports:
        - containerPort: 8080
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: v2-strict
  namespace: frontend
spec:
  selector:
    matchLabels:
      version: v2
  mtls:
    mode: STRICT
YAML
kubectl get pods -n frontend
# Plaintext from a pod without a sidecar: 200 from the PERMISSIVE pod, 000 from the STRICT one.
for i in 1 2 3 4 5 6 7 8; do kubectl exec testcurl -- curl -s -o /dev/null -w "%{http_code} " http://frontend.frontend/ 2>/dev/null; done; echo
# Every command starts a few seconds after the previous one: two restarts, two restartedAt.
kubectl rollout restart deploy/frontend-v2 -n frontend
kubectl get deploy frontend-v2 -n frontend -o jsonpath='{.spec.template.metadata.annotations.kubectl\.kubernetes\.io/restartedAt}{"\n"}'
kubectl rollout restart deploy/frontend-v2 -n frontend
kubectl get deploy frontend-v2 -n frontend -o jsonpath='{.spec.template.metadata.annotations.kubectl\.kubernetes\.io/restartedAt}{"\n"}'
# Through the ingress gateway: its one line per request, the frontend's gRPC calls, its own log.
curl -s -o /dev/null -w "%{http_code}\n" http://34.136.92.187/
kubectl logs -n istio-system -l istio=ingressgateway -c istio-proxy --tail=1 --prefix
kubectl logs -n frontend deploy/frontend -c istio-proxy --tail=2
kubectl logs -n frontend -l app=frontend --tail=1
kubectl logs -n frontend deploy/frontend -p
kubectl logs -n frontend frontend-v2 -l app=frontend
kubectl logs -n loadgenerator -l app=loadgenerator --tail=2
# No Gateway, no listener: the connection is refused.
kubectl delete gateway frontend-gateway -n frontend
curl -sS -o /dev/null -w "%{http_code}\n" http://34.136.92.187/

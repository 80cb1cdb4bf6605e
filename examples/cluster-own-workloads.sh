# The cluster's own workloads and the injection machinery, as an operator inspects them.
# Run: npm run sim -- examples/cluster-own-workloads.sh
kubectl get pods -n kube-system
kubectl get svc -n kube-system
istioctl version
istioctl proxy-status -n frontend
kubectl get pods -n frontend -o jsonpath='{.items[0].spec.initContainers[*].name}{"\n"}'
kubectl get pods -n frontend -o jsonpath='{.items[0].metadata.annotations.istio\.io/rev}{"\n"}'
kubectl exec -n frontend deploy/frontend -c istio-proxy -- env
kubectl exec -n frontend deploy/frontend -c server -- env
kubectl exec testcurl -- env
istioctl x check-inject -n frontend deployment/frontend
istioctl x check-inject testcurl
istioctl x check-inject -n default -l app=web,sidecar.istio.io/inject=true
istioctl x check-inject
istioctl x authz check -n frontend deployment/frontend
istioctl x authz check testcurl
kubectl apply -f - <<'YAML'
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: frontend
spec: {}
YAML
istioctl x authz check -n frontend deployment/frontend
kubectl delete authorizationpolicy allow-nothing -n frontend
istioctl x precheck
kubectl label ns default team=web --dry-run=server
kubectl label ns default team-
echo "" | kubectl apply -f -
kubectl exec -it testcurl

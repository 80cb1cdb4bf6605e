# The kubectl verbs a learner reaches for around mutual TLS, with their mistakes.
# Run: npm run sim -- examples/kubectl-learner-verbs.sh
kubectl config current-context
kubectl config get-contexts
kubectl auth can-i create peerauthentications -n frontend
kubectl api-resources --api-group=security.istio.io
kubectl get crd
kubectl explain peerauthentication.spec.mtls
kubectl explain pa.spec.mtls.mode
kubectl explain destinationrule.spec.trafficPolicy.tls --recursive
kubectl explain pod.spec.containers.imagePullPolicy
kubectl explain pa.spec.mtls.mood
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: PERMISSIVE
YAML
# Custom resources take no strategic merge patch, the default type.
kubectl patch pa default -n istio-system -p '{"spec":{"mtls":{"mode":"STRICT"}}}'
kubectl patch pa default -n istio-system --type merge -p '{"spec":{"mtls":{"mode":"STRICT"}}}'
kubectl patch pa default -n istio-system --type merge -p '{"spec":{"mtls":{"mode":"STRICT"}}}'
kubectl patch pa default -n istio-system --type json -p '[{"op":"replace","path":"/spec/mtls/mode","value":"Strict"}]'
kubectl patch pa default -n istio-system --type json -p '[{"op":"replace","path":"/spec/mtls/mode","value":"PERMISSIVE"}]'
kubectl annotate pa default -n istio-system owner=platform-team
kubectl annotate pa default -n istio-system owner=me
kubectl annotate pa default -n istio-system owner- --list
kubectl scale deploy/frontend -n frontend --replicas=2
kubectl rollout status deploy/frontend -n frontend
kubectl get rs -n frontend
kubectl wait --for=condition=Ready pod -l app=frontend -n frontend --timeout=60s
kubectl wait --for=condition=Available deploy/frontend -n frontend
kubectl run probe -n frontend --image=curlimages/curl --rm -i --restart=Never -- curl -s -o /dev/null -w '%{http_code}\n' http://productcatalogservice.product-catalog:3550/
kubectl run web --image=nginx --dry-run=client -o yaml
kubectl run web --image=nginx
kubectl get pod web
kubectl edit pa default -n istio-system
KUBE_EDITOR=true kubectl edit pa default -n istio-system
kubectl port-forward svc/frontend 8080:80 -n frontend
kubectl port-forward svc/frontend 8080:81 -n frontend
kubectl scale deploy/frontend -n frontend
kubectl wait pod/web --for=ready

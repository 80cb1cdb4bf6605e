# The kinds a learner meets beyond workloads: the mesh root in a ConfigMap, istiod's CA Secret,
# Endpoints and EndpointSlices, events, nodes, and Istio kinds: AuthorizationPolicy (enforced) and
# the kinds the simulator stores but does not enforce.
# Run: npm run sim -- examples/kubectl-learner-kinds.sh
kubectl api-resources --api-group=security.istio.io
kubectl get configmaps -n frontend
kubectl get cm istio-ca-root-cert -n frontend -o jsonpath='{.data.root-cert\.pem}' | openssl x509 -noout -subject -issuer
kubectl get secrets -A
kubectl describe secret istio-ca-secret -n istio-system
kubectl get endpoints -n frontend
kubectl get endpointslices -n kube-system
kubectl get nodes -o wide
kubectl get pods -A --field-selector spec.nodeName=gke-boutique-default-pool-3f9b2c1e-m4xd -o name
kubectl scale deployment/frontend -n frontend --replicas=2
kubectl get events -n frontend --field-selector involvedObject.kind=Deployment
kubectl events -n frontend --for deployment/frontend
kubectl get ev -n kube-system
# Stored, validated and enforced: no note.
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-default
  namespace: frontend
spec:
  action: DENY
  rules:
  - from:
    - source:
        namespaces: ["default"]
YAML
kubectl get authorizationpolicies -A
kubectl apply -f - <<YAML
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin
spec:
  hosts: ["httpbin.org"]
  location: MESH_EXTERNAL
  resolution: NONE
YAML
kubectl get se
# Mistakes: a type real clusters lack, a bad enum, a real command the simulator lacks.
kubectl get gizmos
kubectl apply -f - <<YAML
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: default
spec:
  outboundTrafficPolicy:
    mode: DENY_ALL
YAML
kubectl top pods -n frontend
kubectl delete cm kube-root-ca.crt
kubectl get cm kube-root-ca.crt

# Istio's "Dry Run" task (istio.io/latest/docs/tasks/security/authorization/authz-dry-run/) on the
# frontend: a DENY policy annotated istio.io/dry-run is evaluated and logged, never enforced.
# Run: npm run sim -- examples/authz-dry-run.sh
# Turn the frontend proxy's rbac logger to debug (the others stay at warning, misc at error).
istioctl proxy-config log deploy/frontend -n frontend --level "rbac:debug" | grep -E 'rbac|misc|http:'
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-path-cart
  namespace: frontend
  annotations:
    "istio.io/dry-run": "true"
spec:
  selector:
    matchLabels:
      app: frontend
  action: DENY
  rules:
  - to:
    - operation:
        paths: ["/cart"]
YAML
# The policy is only dry run: the requests still succeed.
for i in 1 2 3; do curl -s -o /dev/null -w '%{http_code}\n' http://34.136.92.187/cart; done
kubectl logs -n frontend deploy/frontend -c istio-proxy | grep "shadow denied"
# One request as the frontend's proxy logs it: what the RBAC filter checked, what the dry-run rule
# would have done, that no enforced rule exists, then the access-log line.
curl -s -o /dev/null -w '%{http_code}\n' http://34.136.92.187/
kubectl logs -n frontend deploy/frontend -c istio-proxy --tail 4
# Envoy's admin API answers the same: POST /logging lists every logger's level.
kubectl exec -n frontend deploy/frontend -c istio-proxy -- curl -s -X POST localhost:15000/logging?rbac=info | grep rbac
istioctl pc log deploy/frontend -n frontend --level rbac:debug,jwt:warning | grep -E 'rbac|jwt'
# --reset sets every logger to warning: the debug lines stop.
istioctl pc log deploy/frontend -n frontend --reset | grep rbac
curl -s -o /dev/null -w '%{http_code}\n' http://34.136.92.187/cart
kubectl logs -n frontend deploy/frontend -c istio-proxy --tail 1
istioctl pc log deploy/frontend -n frontend --level none

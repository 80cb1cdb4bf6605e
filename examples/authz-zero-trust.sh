# Lesson 6, "Zero trust for the shop": allow nothing at the product catalog, then exactly its callers.
# Run: npm run sim -- --lesson 06-zero-trust examples/authz-zero-trust.sh
# Allow nothing: an empty spec is an ALLOW policy without rules.
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: product-catalog
spec: {}
YAML
kubectl get authorizationpolicies -n product-catalog
# The storefront fails one hop away, at the catalog; the frontend names the gRPC status.
curl -s -o /dev/null -w '%{http_code}\n' http://35.202.118.74/
curl -s http://35.202.118.74/ | grep -o 'rpc error[^<]*'
# The catalog's sidecar answered the frontend's gRPC call itself, with the RBAC details.
kubectl logs -n product-catalog deploy/productcatalogservice -c istio-proxy --tail 1
# Each caller's principal comes from its pod's service account.
kubectl get pod -n checkout -l app=checkoutservice -o jsonpath='{.items[0].spec.serviceAccountName}{"\n"}'
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: catalog-callers
  namespace: product-catalog
spec:
  selector:
    matchLabels:
      app: productcatalogservice
  action: ALLOW
  rules:
  - from:
    - source:
        principals:
        - cluster.local/ns/frontend/sa/frontend
        - cluster.local/ns/checkout/sa/checkout
        - cluster.local/ns/recommendation/sa/recommendation
YAML
curl -s -o /dev/null -w '%{http_code}\n' http://35.202.118.74/
curl -s -o /dev/null -w '%{http_code}\n' http://35.202.118.74/product/OLJCESPC7Z
# A plaintext caller has no principal: the catalog's sidecar refuses it (the step's check reads the verdict).
kubectl exec testcurl -n default -- curl -s -o /dev/null http://productcatalogservice.product-catalog.svc.cluster.local:3550/
kubectl get authorizationpolicies -n product-catalog

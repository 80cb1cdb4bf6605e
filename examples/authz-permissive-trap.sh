# Lesson 7, "The PERMISSIVE trap": principals need mTLS, and a plaintext caller has none.
# Run: npm run sim -- --lesson 07-permissive-trap examples/authz-permissive-trap.sh
# An ALLOW by principals while cart is PERMISSIVE: testcurl's plaintext is accepted, then refused.
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: cart-callers
  namespace: cart
spec:
  selector:
    matchLabels:
      app: cartservice
  action: ALLOW
  rules:
  - from:
    - source:
        principals:
        - cluster.local/ns/frontend/sa/frontend
        - cluster.local/ns/checkout/sa/checkout
YAML
kubectl exec testcurl -n default -- curl -s -o /dev/null http://cartservice.cart.svc.cluster.local:7070/
curl -s -o /dev/null -w '%{http_code}\n' http://34.136.92.187/cart
# A DENY on testcurl's principal does not match a request that has no principal.
kubectl delete authorizationpolicy cart-callers -n cart
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-testcurl
  namespace: cart
spec:
  selector:
    matchLabels:
      app: cartservice
  action: DENY
  rules:
  - from:
    - source:
        principals:
        - cluster.local/ns/default/sa/default
YAML
kubectl exec testcurl -n default -- curl -s -w '\n%{http_code}\n' http://cartservice.cart.svc.cluster.local:7070/
# notPrincipals does: "no principal" is not in the list.
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-testcurl
  namespace: cart
spec:
  selector:
    matchLabels:
      app: cartservice
  action: DENY
  rules:
  - from:
    - source:
        notPrincipals:
        - cluster.local/ns/frontend/sa/frontend
        - cluster.local/ns/checkout/sa/checkout
YAML
kubectl exec testcurl -n default -- curl -s -o /dev/null http://cartservice.cart.svc.cluster.local:7070/
# The fix: STRICT, so that every request carries a principal, plus an ALLOW on principals.
kubectl delete authorizationpolicy deny-testcurl -n cart
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: cart
spec:
  mtls:
    mode: STRICT
YAML
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: cart-callers
  namespace: cart
spec:
  selector:
    matchLabels:
      app: cartservice
  action: ALLOW
  rules:
  - from:
    - source:
        principals:
        - cluster.local/ns/frontend/sa/frontend
        - cluster.local/ns/checkout/sa/checkout
YAML
kubectl exec testcurl -n default -- curl -s -w '\n%{http_code}\n' http://cartservice.cart.svc.cluster.local:7070/
curl -s -o /dev/null -w '%{http_code}\n' http://34.136.92.187/cart

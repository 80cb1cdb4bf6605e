# Lesson 8, "DENY beats ALLOW, and the gateway's identity".
# Run: npm run sim -- --lesson 08-deny-and-gateway examples/authz-deny-and-gateway.sh
kubectl get authorizationpolicies -n frontend
# A DENY on the checkout next to the ALLOW that admits it: DENY is evaluated first. The port keeps
# the HTTP-only rule off TCP ports, where it would match everything.
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: freeze-checkout
  namespace: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  action: DENY
  rules:
  - to:
    - operation:
        ports: ["8080"]
        paths: ["/cart/checkout"]
YAML
curl -s -X POST -w '\n%{http_code}\n' http://34.136.92.187/cart/checkout
curl -s -o /dev/null -w '%{http_code}\n' http://34.136.92.187/
# Only the ingress gateway's principal may call the frontend.
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: frontend-allow
  namespace: frontend
spec:
  selector:
    matchLabels:
      app: frontend
  action: ALLOW
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/istio-system/sa/istio-ingressgateway"]
YAML
curl -s -o /dev/null -w '%{http_code}\n' http://34.136.92.187/
# A meshed pod calling the frontend directly has mTLS, and the wrong principal.
kubectl debug --image istio/base --target istio-proxy -it $(kubectl get pod -l app=productcatalogservice -n product-catalog -o jsonpath={.items..metadata.name}) -n product-catalog -- curl http://frontend.frontend.svc.cluster.local:80/ -s -w '\n%{http_code}\n'
# The browser straight at frontend-external has no principal at all.
curl -s -w '\n%{http_code}\n' http://35.202.118.74/
kubectl logs -n frontend deploy/frontend -c istio-proxy --tail 2

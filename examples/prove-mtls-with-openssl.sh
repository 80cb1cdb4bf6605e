# Prove that traffic is mutual TLS the way operators do: look at the workload's certificate and at
# what a TLS client meets at a sidecar, before and after STRICT. Run: npm run sim -- examples/prove-mtls-with-openssl.sh
openssl version
kubectl exec deploy/frontend -n frontend -c istio-proxy -- ls /var/run/secrets/istio
kubectl exec deploy/frontend -n frontend -c istio-proxy -- openssl x509 -in /var/run/secrets/istio/root-cert.pem -noout -subject -issuer -dates -serial
# PERMISSIVE: TLS without Istio's ALPN finds no filter chain on an HTTP port, so Envoy closes it.
kubectl exec deploy/frontend -n frontend -c istio-proxy -- openssl s_client -connect productcatalogservice.product-catalog:3550
# With -alpn istio the sidecar answers with its SPIFFE certificate.
kubectl exec deploy/frontend -n frontend -c istio-proxy -- sh -c 'openssl s_client -alpn istio -showcerts -connect productcatalogservice.product-catalog:3550 </dev/null 2>/dev/null | openssl x509 -noout -text'
kubectl apply -f - <<YAML
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: product-catalog
spec:
  mtls:
    mode: STRICT
YAML
# STRICT: any TLS gets the certificate, then the alert that a client certificate is required.
kubectl exec deploy/frontend -n frontend -c istio-proxy -- openssl s_client -brief -CAfile /var/run/secrets/istio/root-cert.pem -connect productcatalogservice.product-catalog:3550
kubectl run probe -n default --image=nicolaka/netshoot --rm -i --restart=Never -- openssl s_client -connect productcatalogservice.product-catalog:3550
# From Cloud Shell, through the load balancer, and with mistakes.
openssl s_client -brief -connect $(kubectl get svc frontend-external -n frontend -o jsonpath='{.status.loadBalancer.ingress[0].ip}'):80
openssl x509 -in nosuch.pem -noout
openssl s_client -bogus

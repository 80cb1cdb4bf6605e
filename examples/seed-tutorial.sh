# The seed tutorial ("mTLS by example"), command by command, as a learner types it.
# Run it headlessly:  npm run sim -- --trace examples/seed-tutorial.sh
gcloud container clusters get-credentials boutique \
  --project=mtls-playground \
  --zone=us-central1-c
kubectl get services -n frontend
kubectl get service istio-ingressgateway -n istio-system
kubectl debug --image istio/base --target istio-proxy -it \
  $(kubectl get pod -l app=productcatalogservice -n product-catalog -o jsonpath={.items..metadata.name}) \
  -n product-catalog -- \
  curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\n'

# Namespace-wide STRICT
cat <<EOF > mtls-namespace.yaml
apiVersion: "security.istio.io/v1beta1"
kind: "PeerAuthentication"
metadata:
  name: "namespace-policy"
spec:
  mtls:
    mode: STRICT
EOF
for ns in ad cart checkout currency email frontend loadgenerator \
  payment product-catalog recommendation shipping; do
kubectl apply -n $ns -f mtls-namespace.yaml
done
# The browser's two tabs, from Cloud Shell: frontend-external is reset (56), the gateway answers 200.
curl -s -o /dev/null -w '%{http_code}\n' http://35.202.118.74/
curl -s -o /dev/null -w '%{http_code}\n' http://34.136.92.187/
kubectl exec testcurl -n default -- curl \
  http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\n'

# Find and delete the policies
kubectl get peerauthentication --all-namespaces
for ns in ad cart checkout currency email frontend loadgenerator payment \
  product-catalog recommendation shipping; do
kubectl delete peerauthentication -n $ns namespace-policy
done;
kubectl debug --image istio/base --target istio-proxy -it \
  $(kubectl get pod -l app=productcatalogservice -n product-catalog -o jsonpath={.items..metadata.name}) \
  -n product-catalog -- \
  curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\n'

# Workload STRICT plus the tutorial's DestinationRule
cat <<EOF | kubectl apply -n frontend -f -
apiVersion: "security.istio.io/v1beta1"
kind: "PeerAuthentication"
metadata:
  name: "frontend"
  namespace: "frontend"
spec:
  selector:
    matchLabels:
      app: frontend
  mtls:
    mode: STRICT
EOF
cat <<EOF | kubectl apply -n frontend -f -
apiVersion: "networking.istio.io/v1alpha3"
kind: "DestinationRule"
metadata:
  name: "frontend"
spec:
  host: "frontend.demo.svc.cluster.local"
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
EOF
kubectl exec testcurl -n default -- curl \
  http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\n'
kubectl delete peerauthentication -n frontend frontend
kubectl delete destinationrule -n frontend frontend

# Mesh-wide STRICT
kubectl apply -f - <<EOF
apiVersion: "security.istio.io/v1beta1"
kind: "PeerAuthentication"
metadata:
  name: "mesh-wide"
  namespace: "istio-system"
spec:
  mtls:
    mode: STRICT
EOF
kubectl exec testcurl -n default -- curl \
  http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\n'
kubectl delete peerauthentication -n istio-system mesh-wide

/**
 * Online Boutique, per-namespace variant (anthos-service-mesh-packages samples/online-boutique):
 * one namespace per service, the ServiceAccount named after the namespace, the app container
 * named `server`, and addresses that use full DNS names.
 */
export interface BoutiqueService {
  /** Deployment, Service and `app` label. */
  name: string;
  namespace: string;
  serviceAccount: string;
  /** Container port; undefined for the loadgenerator, which serves nothing. */
  containerPort?: number;
  /** Service port (emailservice maps 5000 to container port 8080). */
  servicePort?: number;
  portName?: string;
  protocol: 'http' | 'grpc';
  env: Record<string, string>;
}

const addr = (svc: string, ns: string, port: number) => `${svc}.${ns}.svc.cluster.local:${port}`;

export const BOUTIQUE_NAMESPACES = ['ad', 'cart', 'checkout', 'currency', 'email', 'frontend', 'loadgenerator', 'payment', 'product-catalog', 'recommendation', 'shipping'] as const;

export const BOUTIQUE_SERVICES: readonly BoutiqueService[] = [
  { name: 'adservice', namespace: 'ad', serviceAccount: 'ad', containerPort: 9555, servicePort: 9555, portName: 'grpc', protocol: 'grpc', env: { PORT: '9555' } },
  { name: 'cartservice', namespace: 'cart', serviceAccount: 'cart', containerPort: 7070, servicePort: 7070, portName: 'grpc', protocol: 'grpc', env: { REDIS_ADDR: '' } },
  {
    name: 'checkoutservice', namespace: 'checkout', serviceAccount: 'checkout', containerPort: 5050, servicePort: 5050, portName: 'grpc', protocol: 'grpc',
    env: {
      PORT: '5050',
      PRODUCT_CATALOG_SERVICE_ADDR: addr('productcatalogservice', 'product-catalog', 3550),
      SHIPPING_SERVICE_ADDR: addr('shippingservice', 'shipping', 50051),
      PAYMENT_SERVICE_ADDR: addr('paymentservice', 'payment', 50051),
      EMAIL_SERVICE_ADDR: addr('emailservice', 'email', 5000),
      CURRENCY_SERVICE_ADDR: addr('currencyservice', 'currency', 7000),
      CART_SERVICE_ADDR: addr('cartservice', 'cart', 7070),
    },
  },
  { name: 'currencyservice', namespace: 'currency', serviceAccount: 'currency', containerPort: 7000, servicePort: 7000, portName: 'grpc', protocol: 'grpc', env: { PORT: '7000' } },
  { name: 'emailservice', namespace: 'email', serviceAccount: 'email', containerPort: 8080, servicePort: 5000, portName: 'grpc', protocol: 'grpc', env: { PORT: '8080' } },
  {
    name: 'frontend', namespace: 'frontend', serviceAccount: 'frontend', containerPort: 8080, servicePort: 80, portName: 'http', protocol: 'http',
    env: {
      PORT: '8080',
      PRODUCT_CATALOG_SERVICE_ADDR: addr('productcatalogservice', 'product-catalog', 3550),
      CURRENCY_SERVICE_ADDR: addr('currencyservice', 'currency', 7000),
      CART_SERVICE_ADDR: addr('cartservice', 'cart', 7070),
      RECOMMENDATION_SERVICE_ADDR: addr('recommendationservice', 'recommendation', 8080),
      SHIPPING_SERVICE_ADDR: addr('shippingservice', 'shipping', 50051),
      CHECKOUT_SERVICE_ADDR: addr('checkoutservice', 'checkout', 5050),
      AD_SERVICE_ADDR: addr('adservice', 'ad', 9555),
    },
  },
  { name: 'loadgenerator', namespace: 'loadgenerator', serviceAccount: 'loadgenerator', protocol: 'http', env: { FRONTEND_ADDR: 'frontend.frontend.svc.cluster.local:80', USERS: '10' } },
  { name: 'paymentservice', namespace: 'payment', serviceAccount: 'payment', containerPort: 50051, servicePort: 50051, portName: 'grpc', protocol: 'grpc', env: { PORT: '50051' } },
  { name: 'productcatalogservice', namespace: 'product-catalog', serviceAccount: 'product-catalog', containerPort: 3550, servicePort: 3550, portName: 'grpc', protocol: 'grpc', env: { PORT: '3550' } },
  {
    name: 'recommendationservice', namespace: 'recommendation', serviceAccount: 'recommendation', containerPort: 8080, servicePort: 8080, portName: 'grpc', protocol: 'grpc',
    env: { PORT: '8080', PRODUCT_CATALOG_SERVICE_ADDR: addr('productcatalogservice', 'product-catalog', 3550) },
  },
  { name: 'shippingservice', namespace: 'shipping', serviceAccount: 'shipping', containerPort: 50051, servicePort: 50051, portName: 'grpc', protocol: 'grpc', env: { PORT: '50051' } },
];

/** Products of the sample catalog (microservices-demo productcatalogservice/products.json). */
export const PRODUCTS = [
  { id: 'OLJCESPC7Z', name: 'Sunglasses', price: 19.99 },
  { id: '66VCHSJNUP', name: 'Tank Top', price: 18.99 },
  { id: '1YMWWN1N4O', name: 'Watch', price: 109.99 },
  { id: 'L9ECAV7KIM', name: 'Loafers', price: 89.99 },
  { id: '2ZYFJ3GM2N', name: 'Hairdryer', price: 24.99 },
  { id: '0PUK6V6EV0', name: 'Candle Holder', price: 18.99 },
  { id: 'LS4PSXUNUM', name: 'Salt & Pepper Shakers', price: 18.49 },
  { id: '9SIQT8TOJO', name: 'Bamboo Glass Jar', price: 5.49 },
  { id: '6E92ZMYYFZ', name: 'Mug', price: 8.99 },
] as const;

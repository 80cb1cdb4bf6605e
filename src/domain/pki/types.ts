/** A certificate the simulated cluster issued: its DER, PEM and the fields tools print. */
export interface IssuedCertificate {
  der: Uint8Array;
  /** `-----BEGIN CERTIFICATE-----` … with a final newline. */
  pem: string;
  serial: bigint;
  /** The serial in lowercase hex without leading zeros, as istioctl prints it (Go `%x`). */
  serialHex: string;
  /** Milliseconds since the epoch (whole seconds). */
  notBefore: number;
  notAfter: number;
}

/** The certificate istio-agent holds for a pod's proxy (Envoy's SDS secret `default`). */
export interface WorkloadCertificate extends IssuedCertificate {
  /** The URI SAN: `spiffe://<trust domain>/ns/<namespace>/sa/<service account>`. */
  spiffeId: string;
  /** The leaf then the root CA, PEM: the certificate chain the CA returns and Envoy serves. */
  chainPem: string;
  /** The root it chains to (Envoy's SDS secret `ROOTCA`). */
  root: IssuedCertificate;
}

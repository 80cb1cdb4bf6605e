/**
 * The names OpenSSL prints for the object identifiers a mesh certificate and common web
 * certificates carry (crypto/objects/objects.txt: short name, long name). An OID missing here is
 * printed in dotted form, as OpenSSL prints one it does not know.
 */
const OBJECTS: Record<string, readonly [short: string, long: string]> = {
  '2.5.4.3': ['CN', 'commonName'],
  '2.5.4.4': ['SN', 'surname'],
  '2.5.4.5': ['serialNumber', 'serialNumber'],
  '2.5.4.6': ['C', 'countryName'],
  '2.5.4.7': ['L', 'localityName'],
  '2.5.4.8': ['ST', 'stateOrProvinceName'],
  '2.5.4.9': ['street', 'streetAddress'],
  '2.5.4.10': ['O', 'organizationName'],
  '2.5.4.11': ['OU', 'organizationalUnitName'],
  '2.5.4.12': ['title', 'title'],
  '2.5.4.42': ['GN', 'givenName'],
  '0.9.2342.19200300.100.1.1': ['UID', 'userId'],
  '0.9.2342.19200300.100.1.25': ['DC', 'domainComponent'],
  '1.2.840.113549.1.9.1': ['emailAddress', 'emailAddress'],
  '1.2.840.113549.1.1.1': ['rsaEncryption', 'rsaEncryption'],
  '1.2.840.113549.1.1.5': ['RSA-SHA1', 'sha1WithRSAEncryption'],
  '1.2.840.113549.1.1.11': ['RSA-SHA256', 'sha256WithRSAEncryption'],
  '1.2.840.113549.1.1.12': ['RSA-SHA384', 'sha384WithRSAEncryption'],
  '1.2.840.113549.1.1.13': ['RSA-SHA512', 'sha512WithRSAEncryption'],
  '1.2.840.113549.1.1.10': ['RSASSA-PSS', 'rsassaPss'],
  '1.2.840.10045.2.1': ['id-ecPublicKey', 'id-ecPublicKey'],
  '1.2.840.10045.4.3.2': ['ecdsa-with-SHA256', 'ecdsa-with-SHA256'],
  '1.2.840.10045.4.3.3': ['ecdsa-with-SHA384', 'ecdsa-with-SHA384'],
  '1.3.101.112': ['ED25519', 'ED25519'],
  '2.5.29.14': ['subjectKeyIdentifier', 'X509v3 Subject Key Identifier'],
  '2.5.29.15': ['keyUsage', 'X509v3 Key Usage'],
  '2.5.29.17': ['subjectAltName', 'X509v3 Subject Alternative Name'],
  '2.5.29.18': ['issuerAltName', 'X509v3 Issuer Alternative Name'],
  '2.5.29.19': ['basicConstraints', 'X509v3 Basic Constraints'],
  '2.5.29.31': ['crlDistributionPoints', 'X509v3 CRL Distribution Points'],
  '2.5.29.32': ['certificatePolicies', 'X509v3 Certificate Policies'],
  '2.5.29.35': ['authorityKeyIdentifier', 'X509v3 Authority Key Identifier'],
  '2.5.29.37': ['extendedKeyUsage', 'X509v3 Extended Key Usage'],
  '1.3.6.1.5.5.7.1.1': ['authorityInfoAccess', 'Authority Information Access'],
  '1.3.6.1.5.5.7.48.1': ['OCSP', 'OCSP'],
  '1.3.6.1.5.5.7.48.2': ['caIssuers', 'CA Issuers'],
  '1.3.6.1.5.5.7.3.1': ['serverAuth', 'TLS Web Server Authentication'],
  '1.3.6.1.5.5.7.3.2': ['clientAuth', 'TLS Web Client Authentication'],
  '1.3.6.1.5.5.7.3.3': ['codeSigning', 'Code Signing'],
  '1.3.6.1.5.5.7.3.4': ['emailProtection', 'E-mail Protection'],
  '1.3.6.1.5.5.7.3.8': ['timeStamping', 'Time Stamping'],
  '1.3.6.1.5.5.7.3.9': ['OCSPSigning', 'OCSP Signing'],
  '2.5.29.37.0': ['anyExtendedKeyUsage', 'Any Extended Key Usage'],
  '1.2.840.10045.3.1.7': ['prime256v1', 'prime256v1'],
  '1.3.132.0.34': ['secp384r1', 'secp384r1'],
  '1.3.132.0.35': ['secp521r1', 'secp521r1'],
};

/** The short name (`CN`, `subjectAltName`), or the dotted OID. */
export function shortName(oid: string): string {
  return OBJECTS[oid]?.[0] ?? oid;
}

/** The long name (`X509v3 Key Usage`, `TLS Web Server Authentication`), or the dotted OID. */
export function longName(oid: string): string {
  return OBJECTS[oid]?.[1] ?? oid;
}

/** Whether OpenSSL knows the OID at all (an unknown extension is printed as raw bytes). */
export function isKnownObject(oid: string): boolean {
  return OBJECTS[oid] !== undefined;
}

/** NIST names of the curves OpenSSL prints a `NIST CURVE:` line for. */
export const NIST_CURVES: Record<string, string> = { '1.2.840.10045.3.1.7': 'P-256', '1.3.132.0.34': 'P-384', '1.3.132.0.35': 'P-521' };

import { type RsaKey, rsaKeyFromPrimes } from './rsa.ts';

/*
 * Fixed RSA 2048 key pairs (e = 65537), generated once with `openssl genrsa 2048` (OpenSSL 3.0)
 * and kept as their two primes p and q in base64url (the `p` and `q` of the key as a JWK); n, d
 * and the CRT values are derived on first use. Generating RSA keys in the browser would be slow and
 * random; with fixed keys every certificate is the same in every run, in Node and in the browser.
 * These keys protect nothing: they exist so that `openssl x509 -text` shows real 2048-bit keys and
 * `openssl verify` accepts the chain.
 */
type Primes = readonly [string, string];

/** The mesh CA (istiod's self-signed root, kept in the istio-ca-secret Secret). */
const ISTIO_CA: Primes = [
  'xuoNpEJGkyUGf1XBHg-GE-dVZ3NmLSguYSG0pXvMyUuL_pa0UhATeu1M3VoXZc58b9ZBL6ZQNIEfWuWv-R5SVWYDUBoQPkDty915vM8O-qeFPrMx1cvGZ3FIb_eyGadDcSqoBOm9hT28O00jz4ZsS81Ji2CVYlVr3B4ToJ19UhE',
  'wmZSbMLOGEH7UOw6gbH7hNP2gWdCTSctqX6yCLviXI1drNewePgCWdPJIBmalOtkXuqYdfXg9kZSS3z16C6pyCWO1Y57OTkBnAsQjiCCI42LKiyDLMErExDcuCtNjHUAHNfqcqhNS96c7p_3wkIGmW5iS8Om0sLJ9drDi4UA9cE',
];

/** The GKE cluster CA (the `ca.crt` every pod finds beside its ServiceAccount token). */
const CLUSTER_CA: Primes = [
  '8yiMyNPf43oPsHxk9xRsJcA5yLnXBZP16e6Dg8V3yyBom2j7PCbdHcz1jMEXLgUY7bALz3aYDP2Z0emJpm3eGCTxMiL5cl6RdccEWJ_6Og34kZgTfXgXh3kUJ3eaYWfHNYLkIaL-HgyBB3lu0jGitMVMZ8Xs7yLOPRRg__4yGS0',
  '5WlaC5CJIr0T21XKAJxDSgfzcOe_tiE0hfbCf6Br-lt8aOdCseEoJ7Xv8l6Iaji9tq0vHCSShy1rhRdijm_KDYASxpR7uqVMnaxSwSHwhV8FTdGSIRfrR57X22_HMHxSO2lOakHWpVffxdBkWPZ1BuzsVsUmBQyVtSAlxWCRdJk',
];

/** The API server's ServiceAccount token signing key. */
const TOKEN_SIGNER: Primes = [
  '7jnXgniAmHIoStqFH6Ka2fG6a5gqq4HZIx_LLc-jk5IFcBNsleaXtYamb_ZCnoyrJHJRqKob-BYUogtyzzi50uTS3_1gKUa2_1BzsZNyvM8vcbCWbATXZ3hpNmFb4vS5xYqUXVFB-QBxUC672Yx3t591LlhC5Swhqz1fB00AQUk',
  'xbG2N9rXtmFpTAU0vZb0fIebahVPhLXKjYX12d7XVk5Mrah494_E2dIW7QMWINc2LdoepddaWBnvLnQDW7CQxFtSH7dIK77oj681MG5CCS0Fii8XqvpDkJ78JpARfSAWXkRXfKL0BqgGkY03tpE80HIG7NafJ47Kn_Rg7e7KlD8',
];

/** Workload keys: each proxy picks one by a hash of its pod (istio-agent generates one per pod). */
const WORKLOAD: readonly Primes[] = [
  [
    '-3KsB2ZIZMDr5F5nWhgU1oYihSHCxVla6zs3YSQRdrgFnKIuHarlhimbc0RPqgMlvkblyxVamxCFIlPtAeQ0ns8PjXTH6vX3lhClMu_Jl_tOH48NbiD-7sDvsBQY2JAaHxAIPCBtloVqM3gD4DF5APYzwG0PrhtXwU3aj32DAa8',
    'wAM4B0IeUEFmpDH2z5QTRwA0Q8QCwL67cbqBnLo6KsbmzuQ43gIMWyqenRGsADON9f3kpBpA1lTvtg-sIVusLHDyy_JMC5WhiVspuRyKrrt-ndcHNZY7u364wUc1ROmZFSE_pyh7hyzv-FAt0K7tSpGlCjAgYY_DpJtqPHu8RWk',
  ],
  [
    '1VYf1GB4B1QFYIB9UuIW1uyQBTnqLESpYzw-eZF0MvOB4V1Achd6IiDumrtDfVfMP9kFu9ZWwJmeB5PyoJKiQ97r9jFjMl9HVHQEiRNNWoTxDZ1kfr4rbvJzUeKeSyXXxdZ_IhwVQq4HZe_SXGTRXjA2DC9HUor6cV4Vh_OGgJ0',
    'zILznPHJ47IKU0HERo1dmlU-Q23cDbeePI-ACxfsWWvHNaL-C-Ip8xjGW_GMj4xCWouFSFAj2VEc_tqSRadGOWrArgtezL1euXTWvx6t1IjmF8Fa1X50HQNyS3IvpVV0z6uIRyK1aFxvR7Um0aKQf3hmQYNG4XdKfW7na6BL-zM',
  ],
  [
    '1mGj3S6Dw6hEO-wNCKOi6pjuGFuJH3tTdarM3llVUCBPco3G8uj4NtvjCbkcZGzvgOyCLZizzk5uXzjEeBKcOWwQkUR8ilvMrvmZSQw04GDgkNZTYX7os9VKEIuGJ07RqJUlTXn2Z5P6pC0V2Di_63YGjNUA4Pn7VtrL3lGV8I8',
    '1E-yNvkvd_rEMATQRt2GSQP2qpq56dHcHj1L2gwmtCO-I1vLgcDDI5OX7sBgc5ZlrtM_HLVy2Gq1XEq9tCo_taC51jfzFMHgKvTg7LI_l6gZMAQsl6rO9YGElDBPHDPrQ_YQzjV_HmCBWbBUHg5gYFBIQUbLEIPvd60lHW6wqPc',
  ],
  [
    '5uux5lWHfLvph8NE6Py1G07JrygiMfKtt2QDxkqlm4PyAhhFwiY9YZ0xCY8b_PDPGJOavjPVab-QoCe8zPWfZLgPWpLwYuxg8f33CVQKVlEq0FhE5Fq1uHOUcupvkW9aPBTDr_9DlTHhaQcpHtAQDhi9N06prf30at58hsexT2M',
    '2RHcjaexvDUqdwSvfDmaM4WcYIx9U2NpDEz2UxYDJifj3IeGY-OFVv4fUWdOBsQNRxxArHTD1V8YqXp4PYa9n_WcPZqjrOEHMxCM0JlfzK7siYPIOeaK0LkygxWOyKOI8DNzgshuaTRgZvhwnuca1_erShP_fVvPmAOCsHNlMB8',
  ],
  [
    'yIXxaPIE1XDcKMbOp3r-M-PF2rp_mhBZ06olZcrn15M4rS1V-lNhZDxTlFXjuwhIXMl2D7rCZewz2ZlVj-rdWGrbip4dOd8ABZxCVrULH2FK2K-qN46j_kv6qvvR5pVLO90r1ALYczNhyq94KRQVoj8jBJoFfE5JXyN7hbn39w0',
    'uIdFTyMX76SuquTlWOF2lAX9rsF4rekNGhlquXc-Ya9IqXJgOCvgeiaSMJ-9nlHYep9dHOQPycICDU9M0a6bR-e9FaR7tg815nBH7GBrT9GhAfUaidjsjy_KAEZ0t3ofVAu5_EpmJ6y_tLyj2hLt5GpoeEFgoe3eOa_etiW2iWc',
  ],
  [
    '-rgB3Jkk7j1D6vYDNZmIDFkB4Tv7SecSrgKhMJrMrq6qyzoeA90J7Z25Qw9uXvo2hOnwcskOuDiG94pGDepCoeXXC0HPe3fCEqenqkAMUKb0JlEBHwLIUOUhnVFT7hKUUiJFlnnbd4zaqeCU_XXGCeZIQU2oNeqfj_KzIdZGLUc',
    '0f0p_FiBlXg2FfwpUIQbms_Rz8kATuwCV5Bj0f4Y-rDzR53c56mSYcZngKiDa2aHZwNNms4FwR0-eKsj5Ulj-xd9Ydo0uDg17Zi-52QvPmMhZW5G4qGY5Rgb2uTVqe25Cf1snK3igJ5JW3gBlBCPMsBA-5KfsWorU8nu-GZaY5U',
  ],
];

/** Keys are derived from their primes once, when first asked for. */
const derived = new Map<Primes, RsaKey>();

function keyOf(primes: Primes): RsaKey {
  let key = derived.get(primes);
  if (key === undefined) derived.set(primes, (key = rsaKeyFromPrimes(primes[0], primes[1])));
  return key;
}

export const istioCaKey = (): RsaKey => keyOf(ISTIO_CA);
export const clusterCaKey = (): RsaKey => keyOf(CLUSTER_CA);
export const tokenSignerKey = (): RsaKey => keyOf(TOKEN_SIGNER);
export const WORKLOAD_KEY_COUNT = WORKLOAD.length;

/** The workload key at `index` modulo the number of keys. */
export function workloadKey(index: number): RsaKey {
  const primes = WORKLOAD[((index % WORKLOAD.length) + WORKLOAD.length) % WORKLOAD.length];
  if (!primes) throw new RangeError('no workload keys');
  return keyOf(primes);
}

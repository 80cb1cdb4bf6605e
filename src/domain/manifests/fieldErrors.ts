/**
 * apimachinery's field errors and the texts kubectl prints for them
 * (k8s.io/apimachinery pkg/util/validation/field/errors.go, pkg/util/validation/validation.go;
 * kubectl pkg/cmd/util/helpers.go `checkErr`).
 */
import { goQuoteString } from './goYaml.ts';

/** A value as Go's `%v`/`%q`/`%#v` shows it in `Invalid value: …`. */
export type GoShown = { raw: string };

/** One field error: `<field>: <body>`. */
export interface FieldError {
  field: string;
  body: string;
  /** Required, NotSupported, TooLong, TooMany and TypeInvalid block CEL rules (apiextensions `hasBlockingErr`). */
  blocksCel: boolean;
}

function showValue(value: string | number | boolean | null | GoShown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return goQuoteString(value);
  if (typeof value === 'object') return value.raw;
  return String(value);
}

// field.Required
export const required = (field: string, detail = ''): FieldError => ({
  field, body: detail ? `Required value: ${detail}` : 'Required value', blocksCel: true,
});
// field.Invalid
export const invalid = (field: string, value: string | number | boolean | null | GoShown, detail: string): FieldError => ({
  field, body: `Invalid value: ${showValue(value)}${detail ? `: ${detail}` : ''}`, blocksCel: false,
});
// field.TypeInvalid (kube-openapi type errors on CRDs)
export const typeInvalid = (field: string, actualType: string, expectedType: string): FieldError => ({
  field, body: `Invalid value: "${actualType}": ${field} in body must be of type ${expectedType}: "${actualType}"`, blocksCel: true,
});
// field.NotSupported
export const notSupported = (field: string, value: string | number | boolean | null, supported: readonly string[]): FieldError => ({
  field, body: `Unsupported value: ${showValue(value)}: supported values: ${supported.map((s) => goQuoteString(s)).join(', ')}`, blocksCel: true,
});
// field.Duplicate
export const duplicate = (field: string, value: string | number): FieldError => ({
  field, body: `Duplicate value: ${showValue(value)}`, blocksCel: false,
});

/** apiextensions `hasBlockingErr`: the cause added when CEL rules were skipped (field path nil). */
export const CEL_SKIPPED: FieldError = {
  field: '<nil>',
  body: 'Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
  blocksCel: false,
};

/**
 * kubectl checkErr, Invalid branch: `The <Kind> "<name>" is invalid: <cause>`, or with several
 * (deduplicated) causes the prefix line — its trailing space included — and one `* cause` per line.
 * Returned without the final newline.
 */
export function formatInvalid(kind: string, name: string, errors: readonly FieldError[]): string {
  const causes = [...new Set(errors.map((e) => `${e.field}: ${e.body}`))];
  const prefix = `The ${kind} ${goQuoteString(name)} is invalid: `;
  if (causes.length === 1) return prefix + causes[0];
  return `${prefix}\n${causes.map((c) => `* ${c}`).join('\n')}`;
}

// ---- pkg/util/validation/validation.go (Kubernetes 1.33 texts) ----

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;

const full = (fmt: string) => new RegExp(`^${fmt}$`);

/** validation.RegexError, with its double space after each example's comma. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const maxLenError = (n: number) => `must be no more than ${n} characters`;

export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!full(DNS1123_SUBDOMAIN_FMT).test(value)) {
    errs.push(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errs;
}

export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!full(DNS1123_LABEL_FMT).test(value)) {
    if (full(DNS1123_SUBDOMAIN_FMT).test(value)) errs.push('must not contain dots');
    else errs.push(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

export function isDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!full(DNS1035_LABEL_FMT).test(value)) {
    errs.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  }
  return errs;
}

/** validation.IsQualifiedName (label and annotation keys). */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [`a qualified name ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!full(QUALIFIED_NAME_FMT).test(name)) {
    errs.push(`name part ${regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/** validation.IsValidLabelValue. */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!full(LABEL_VALUE_FMT).test(value)) {
    errs.push(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

/** validation.IsValidPortNum. */
export const portNumError = (port: number): string[] => (port >= 1 && port <= 65535 ? [] : ['must be between 1 and 65535, inclusive']);

/** Go's `%#v` of a map[string]string, e.g. `map[string]string{"app":"x"}` (keys sorted). */
export function goStringMap(map: Record<string, string>): GoShown {
  const entries = Object.keys(map).sort().map((k) => `${goQuoteString(k)}:${goQuoteString(map[k] ?? '')}`);
  return { raw: `map[string]string{${entries.join(', ')}}` };
}

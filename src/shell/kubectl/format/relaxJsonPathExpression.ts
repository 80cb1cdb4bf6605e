/** A custom-columns field spec turned into a template, or kubectl's complaint about it. */
export type RelaxedJsonPath = { ok: true; template: string } | { ok: false; error: string };

const jsonRegexp = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * KCTL:pkg/cmd/get/customcolumn.go `RelaxedJSONPathExpression`, used by `-o custom-columns`
 * (not by `-o jsonpath`, which takes its template as is): `metadata.name`, `.metadata.name`,
 * `{metadata.name}` and `{.metadata.name}` all become `{.metadata.name}`.
 */
export function relaxJsonPathExpression(expression: string): RelaxedJsonPath {
  if (expression === '') return { ok: true, template: expression };
  const match = jsonRegexp.exec(expression);
  if (!match) {
    return {
      ok: false,
      error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    };
  }
  return { ok: true, template: `{.${match[1] || match[2] || ''}}` };
}

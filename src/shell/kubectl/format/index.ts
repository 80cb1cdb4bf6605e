export { formatTable, type TableCell } from './formatTable.ts';
export { humanDuration } from './humanDuration.ts';
export { formatYaml, formatYamlList } from './formatYaml.ts';
export { formatJson, formatJsonList } from './formatJson.ts';
export { evaluateJsonPath, type JsonPathOptions, type JsonPathResult } from './jsonPath.ts';
export { relaxJsonPathExpression, type RelaxedJsonPath } from './relaxJsonPathExpression.ts';
export { wrapInList } from './wrapInList.ts';
export { tabwrite, type TabwriterConfig } from './tabwrite.ts';

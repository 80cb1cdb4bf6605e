interface Frame {
  indent: number;
  segment: string;
  item: boolean;
  items: number;
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

/** The JSON path of every line of kubectl-style YAML (block style, sequences not indented). */
export function yamlLinePaths(yaml: string): string[] {
  const stack: Frame[] = [];
  const path = () => stack.map((f) => (f.item ? f.segment : `.${f.segment}`)).join('').replace(/^\./, '');
  return yaml.split('\n').map((line) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return '';
    const indent = line.length - line.trimStart().length;
    let text = line.trimStart();
    let keyIndent = indent;
    if (text.startsWith('- ') || text === '-') {
      while (stack.length && ((stack.at(-1)?.indent ?? -1) > indent || (stack.at(-1)?.indent === indent && stack.at(-1)?.item))) stack.pop();
      const parent = stack.at(-1);
      const index = parent ? parent.items++ : 0;
      stack.push({ indent, segment: `[${index}]`, item: true, items: 0 });
      text = text.slice(2);
      keyIndent = indent + 2;
      if (text === '' || !/^("[^"]*"|'[^']*'|[^:\s][^:]*):(\s|$)/.test(text)) return path();
    } else {
      while (stack.length && (stack.at(-1)?.indent ?? -1) >= indent) stack.pop();
    }
    const m = /^("[^"]*"|'[^']*'|[^:\s][^:]*):(\s|$)/.exec(text);
    if (!m) return path();
    stack.push({ indent: keyIndent, segment: unquote(m[1] ?? ''), item: false, items: 0 });
    return path();
  });
}

/**
 * The 0-based line of a field in kubectl-style YAML, for a JSON path such as `spec.mtls.mode`,
 * `spec.portLevelMtls.8080.mode` or `spec.trafficPolicy.portLevelSettings[0].tls.mode`; -1 when
 * absent.
 */
export function findYamlLine(yaml: string, path: string): number {
  return yamlLinePaths(yaml).indexOf(path);
}

import { parseManifests } from '../../domain/manifests/parseManifests.ts';
import { type KubeObject, getString, getStringMap, isJsonObject } from '../../domain/objects.ts';
import { World } from '../../domain/world.ts';
import { type AnalysisLevel, type AnalysisMessage, analyzeWorld, formatMessage, messageNamespace, sortMessages } from './analyzeWorld.ts';
import { connectionRefused } from './meshInfo.ts';
import type { CommandError, IstioctlCommand, IstioctlContext } from './types.ts';

/** url.ConfigAnalysis for a 1.26 build. */
export const CONFIG_ANALYSIS_URL = 'https://istio.io/v1.26/docs/reference/config/analysis';
/** cmd.ExitAnalyzerFoundIssues: "istioctl analyze found issues, for CI/CD". */
export const EXIT_ANALYZER_FOUND_ISSUES = 79;
const EXIT_INCORRECT_USAGE = 64;

const LEVELS: Record<string, AnalysisLevel> = { error: 'Error', warning: 'Warning', info: 'Info' };
const SEVERITY: Record<AnalysisLevel, number> = { Error: 3, Warning: 2, Info: 1 };

/** The analyzers this simulator runs, as `istioctl analyze -L` names them. */
const ANALYZERS: [string, string][] = [
  ['destinationrule.SubsetSelectPodAnalyzer', 'Checks if pods are selected by subsets in destination rules.'],
  ['gateway.IngressGatewayPortAnalyzer', "Checks a gateway's ports against the gateway's Kubernetes service ports"],
  ['injection.Analyzer', 'Checks conditions related to Istio sidecar injection'],
  ['service.PortNameAnalyzer', 'Checks the port names associated with each service'],
  ['virtualservice.DestinationHostAnalyzer', 'Checks the destination hosts associated with each virtual service'],
  ['virtualservice.GatewayAnalyzer', 'Checks the gateways associated with each virtual service'],
];

/** `--suppress "IST0103=Pod mypod.testing"`: a code and a resource pattern (`*` wildcards), old or new naming. */
function isSuppressed(m: AnalysisMessage, suppressions: { code: string; pattern: RegExp }[]): boolean {
  const names = m.namespace === '' ? [`${m.kind} ${m.name}`] : [`${m.kind} ${m.name}.${m.namespace}`, `${m.kind} ${m.namespace}/${m.name}`];
  return suppressions.some((s) => s.code === m.code && names.some((n) => s.pattern.test(n)));
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Overlays the manifests of `analyze a.yaml …` on a copy of the world, as if applied. */
function overlayFiles(ctx: IstioctlContext, world: World, files: string[], namespace: string): World | CommandError {
  const copy = world.clone();
  for (const file of files) {
    const path = ctx.io.fs.resolve(file);
    // Directories are read only with --recursive in istioctl; the simulator skips them.
    if (ctx.io.fs.isDirectory(path)) continue;
    const text = ctx.io.fs.readFile(path);
    if (text === undefined) return { message: `stat ${file}: no such file or directory`, exitCode: 1 };
    const parsed = parseManifests(text, file);
    for (const doc of parsed.docs) {
      const meta = isJsonObject(doc.metadata) ? doc.metadata : {};
      const name = getString(meta, 'name') ?? '';
      const objectNamespace = doc.kind === 'Namespace' ? undefined : (getString(meta, 'namespace') ?? namespace);
      const existing = copy.get(doc.kind, objectNamespace ?? '', name);
      const obj: KubeObject = {
        apiVersion: doc.apiVersion,
        kind: doc.kind,
        metadata: {
          name,
          ...(objectNamespace !== undefined ? { namespace: objectNamespace } : {}),
          uid: existing?.metadata.uid ?? `file-${file}-${doc.index}`,
          creationTimestamp: existing?.metadata.creationTimestamp ?? world.nowSeconds(),
          generation: 1,
          resourceVersion: existing?.metadata.resourceVersion ?? '0',
          labels: getStringMap(meta, 'labels'),
          annotations: getStringMap(meta, 'annotations'),
        },
        ...(isJsonObject(doc.object.spec) ? { spec: doc.object.spec } : {}),
      };
      copy.put(obj);
    }
  }
  return copy;
}

function analyze(ctx: IstioctlContext): number | CommandError {
  const format = (ctx.flag<string>('output') ?? 'log').toLowerCase();
  if (!['log', 'json', 'yaml'].includes(format)) {
    return { message: `${format} not a valid option for format. See istioctl analyze --help`, exitCode: EXIT_INCORRECT_USAGE };
  }
  if (ctx.flag<boolean>('list-analyzers') === true) {
    ctx.out(ANALYZERS.map(([name, description]) => `* ${name}:\n    ${description}\n`).join(''));
    return 0;
  }
  const thresholds: Partial<Record<'failure' | 'output', AnalysisLevel>> = {};
  for (const key of ['failure', 'output'] as const) {
    const raw = ctx.flag<string>(`${key}-threshold`);
    if (raw === undefined) continue;
    const level = LEVELS[raw.toLowerCase()];
    if (!level) return { message: `invalid argument "${raw}" for "--${key}-threshold" flag: ${JSON.stringify(raw)} not a valid option, please choose from: [Info Warning Error]`, exitCode: EXIT_INCORRECT_USAGE };
    thresholds[key] = level;
  }
  const failure = thresholds.failure ?? 'Error';
  const output = thresholds.output ?? 'Info';

  const all = ctx.flag<boolean>('all-namespaces') === true;
  const useKube = ctx.flag<boolean>('use-kube') !== false;
  const selected = useKube ? ctx.namespaceOrDefault : ctx.namespace || 'default';
  // --use-kube=false analyzes the files alone, on top of nothing from the cluster.
  let world = useKube ? ctx.world : new World(ctx.world.clock);
  if (useKube) {
    if (!world.credentials) return { message: connectionRefused(`/api/v1/namespaces/${selected}`), exitCode: 1 };
    if (!world.hasNamespace(selected)) {
      ctx.err(`namespace ${JSON.stringify(ctx.namespace)} not found\n`);
      return 0;
    }
  }
  const files = ctx.args.positionals;
  if (files.length > 0) {
    const overlaid = overlayFiles(ctx, world, files, selected);
    if ('message' in overlaid) return overlaid;
    world = overlaid;
  }
  const target = all ? 'all namespaces' : `namespace: ${selected}`;
  const suppressions = (ctx.flag<string[]>('suppress') ?? []).flatMap((s) => {
    const eq = s.indexOf('=');
    return eq === -1 ? [] : [{ code: s.slice(0, eq), pattern: globToRegExp(s.slice(eq + 1)) }];
  });
  const messages = sortMessages(analyzeWorld(world))
    .filter((m) => all || messageNamespace(m) === '' || messageNamespace(m) === selected)
    .filter((m) => !isSuppressed(m, suppressions));
  const shown = messages.filter((m) => SEVERITY[m.level] >= SEVERITY[output]);

  if (format === 'log') ctx.out(`${shown.map(formatMessage).join('\n')}\n`);
  else ctx.out(`${formatStructured(shown, format)}\n`);
  if (shown.length === 0) {
    ctx.err(files.length > 0 ? `\u2714 No validation issues found when analyzing ${files.join('\n')}.\n` : `\u2714 No validation issues found when analyzing ${target}.\n`);
  }
  if (format === 'log' && messages.some((m) => SEVERITY[m.level] >= SEVERITY[failure])) {
    return { message: `Analyzers found issues when analyzing ${target}.\nSee ${CONFIG_ANALYSIS_URL} for more information about causes and resolutions.`, exitCode: EXIT_ANALYZER_FOUND_ISSUES };
  }
  return 0;
}

/** `-o json|yaml`: diag.Message.Unstructured(true) for each message. */
function formatStructured(messages: AnalysisMessage[], format: string): string {
  const items = messages.map((m) => ({
    code: m.code,
    documentationUrl: `${CONFIG_ANALYSIS_URL}/${m.code.toLowerCase()}/?ref=istioctl-analyze`,
    level: m.level,
    message: formatMessage(m).replace(/^\S+ \[\S+\] \([^)]*\) /, ''),
    origin: m.namespace === '' ? `${m.kind} ${m.name}` : `${m.kind} ${m.namespace}/${m.name}`,
  }));
  if (format === 'json') return JSON.stringify(items, null, '\t');
  if (items.length === 0) return '[]';
  return items.map((item) => `- ${Object.entries(item).map(([k, v], i) => `${i === 0 ? '' : '  '}${k}: ${v}`).join('\n')}`).join('\n');
}

/** `istioctl analyze [-n NS | -A] [file…]` */
export const analyzeCommand: IstioctlCommand = {
  name: 'analyze',
  short: 'Analyze Istio configuration and print validation messages',
  usage: 'istioctl analyze <file>... [flags]',
  flags: [
    { long: 'all-namespaces', short: 'A', type: 'bool', description: 'Analyze all namespaces' },
    { long: 'list-analyzers', short: 'L', type: 'bool', description: 'List the analyzers available to run. Suppresses normal execution.' },
    { long: 'use-kube', short: 'k', type: 'bool', description: 'Use live Kubernetes cluster for analysis. Set --use-kube=false to analyze files only.' },
    { long: 'color', type: 'bool', description: "Default true.  Disable with '=false' or set $TERM to dumb" },
    { long: 'verbose', short: 'v', type: 'bool', description: 'Enable verbose output' },
    { long: 'failure-threshold', type: 'string', description: 'The severity level of analysis at which to set a non-zero exit code. Valid values: [Info Warning Error]' },
    { long: 'output-threshold', type: 'string', description: 'The severity level of analysis at which to display messages. Valid values: [Info Warning Error]' },
    { long: 'output', short: 'o', type: 'string', description: 'Output format: one of [json log yaml]' },
    { long: 'meshConfigFile', type: 'string', description: 'Overrides the mesh config values to use for analysis.' },
    { long: 'suppress', short: 'S', type: 'stringArray', description: 'Suppress reporting a message code on a specific resource.' },
    { long: 'timeout', type: 'string', description: 'The duration to wait before failing' },
    { long: 'recursive', short: 'R', type: 'bool', description: 'Process directory arguments recursively.' },
    { long: 'ignore-unknown', type: 'bool', description: "Don't complain about un-parseable input documents" },
    { long: 'revision', type: 'string', description: 'analyze a specific revision deployed.' },
    { long: 'multi-cluster', type: 'bool', description: 'Enable multi-cluster analysis.' },
  ],
  run: analyze,
};

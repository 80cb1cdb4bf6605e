import type { KubeObject } from '../../../domain/objects.ts';
import { formatJson, formatYaml } from '../format/index.ts';
import { objectName } from '../resources.ts';
import type { FlagSpec, VerbContext } from '../types.ts';
import { toApiJson } from './toApiJson.ts';

/** `--dry-run`: none, client (nothing is sent) or server (validated, not stored). */
export type DryRun = 'none' | 'client' | 'server';

/** The flags of a command that writes one object per line of output (patch, annotate, scale…). */
export const MUTATION_FLAGS: readonly FlagSpec[] = [
  { long: 'dry-run', type: 'string', description: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
  { long: 'output', short: 'o', type: 'string', description: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
];

/**
 * KCTL:pkg/cmd/util/helpers.go `GetDryRunStrategy`: the value, or its error. Go's strconv.ParseBool
 * values are the deprecated boolean forms (klog's warning is not repeated here).
 */
export function parseDryRun(value: string | undefined): { ok: true; dryRun: DryRun } | { ok: false; error: string } {
  const text = value ?? 'none';
  if (['1', 't', 'T', 'TRUE', 'true', 'True', 'client'].includes(text)) return { ok: true, dryRun: 'client' };
  if (['0', 'f', 'F', 'FALSE', 'false', 'False', 'none'].includes(text)) return { ok: true, dryRun: 'none' };
  if (text === 'server') return { ok: true, dryRun: 'server' };
  return { ok: false, error: `error: Invalid dry-run value (${text}). Must be "none", "server", or "client".` };
}

/** The suffix `PrintFlagsWithDryRunStrategy` adds to the operation. */
export function dryRunSuffix(dryRun: DryRun): string {
  return dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
}

/** CLIR:pkg/genericclioptions/print_flags.go `AllowedFormats`: json/yaml, name, then the sorted template formats. */
const ALLOWED = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file'];

/**
 * Checks `-o` before anything is sent (CLIR:pkg/genericclioptions/print_flags.go `ToPrinter`):
 * the simulator prints the default `TYPE/NAME operation`, name, yaml and json.
 */
export function checkOutput(output: string | undefined): string | undefined {
  const format = (output ?? '').toLowerCase();
  if (['', 'name', 'yaml', 'json'].includes(format)) return undefined;
  const base = format.split('=')[0] ?? '';
  if (['go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file'].includes(base)) {
    return `error: the simulator does not implement -o ${base} here; use -o yaml, -o json or -o name`;
  }
  return `error: unable to match a printer suitable for the output format "${output ?? ''}", allowed formats are: ${ALLOWED.join(',')}`;
}

/**
 * Prints one written object as the command's printer does: `pod/testcurl annotated` (the
 * NamePrinter with the operation), `pod/testcurl` for `-o name`, or the object for yaml and json.
 */
export function printMutation(ctx: VerbContext, obj: KubeObject, operation: string, dryRun: DryRun): void {
  const format = (ctx.flag<string>('output') ?? '').toLowerCase();
  if (format === 'yaml') ctx.out(formatYaml(toApiJson(obj, { now: ctx.world.nowSeconds() })));
  else if (format === 'json') ctx.out(formatJson(toApiJson(obj, { now: ctx.world.nowSeconds() })));
  else if (format === 'name') ctx.out(`${objectName(obj)}\n`);
  else ctx.out(`${objectName(obj)} ${operation}${dryRunSuffix(dryRun)}\n`);
}

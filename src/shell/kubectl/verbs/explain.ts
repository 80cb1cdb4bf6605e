import { KINDS, type KindInfo, resolveResourceName } from '../../../domain/kinds.ts';
import { LazyPart, stillLoading } from '../../lazyPart.ts';
import type { ExplainPrinters } from '../printers/explainPart.ts';
import type { Verb } from '../types.ts';

/** explain's printers and descriptions arrive after the engine in the browser (see LazyPart). */
export const explainPart = new LazyPart<ExplainPrinters>(/(?:^|[\s;&|()`'"])explain(?=$|[\s;&|()`'"])/, () => import('../printers/explainPart.ts').then((m) => m.explainPrinters));

/**
 * KCTL:pkg/explain/explain.go `SplitAndParseResourceRequestWithMatchingPrefix`: the first
 * segment names the resource, unless the argument starts with `<plural>.<group>` (then the group
 * is part of the name); the rest is the field path.
 */
function splitResource(arg: string): { info: KindInfo; path: string[] } | { error: string } {
  const segments = arg.split('.');
  const first = segments[0] ?? '';
  if (first === '' || segments.some((s, i) => i > 0 && s === '')) return { error: 'error: invalid jsonpath syntax, first node must be field node' };
  const info = resolveResourceName(first);
  if (!info) return { error: `error: the server doesn't have a resource type "${first}"` };
  const grouped = info.group ? `${info.plural}.${info.group}` : '';
  if (grouped && (arg === grouped || arg.startsWith(`${grouped}.`))) return { info, path: arg.slice(grouped.length).split('.').filter((s) => s !== '') };
  return { info, path: segments.slice(1) };
}

/**
 * `kubectl explain RESOURCE[.FIELD…] [--recursive] [--api-version=G/V]`, rendered from the OpenAPI
 * v3 schema as kubectl 1.33's plaintext template does (see renderExplain). The schemas are the
 * simulator's own (schemas.ts, annotated by explainDocs.ts); where the real schema has fields the
 * simulator does not model, a note on stderr says so instead of printing fewer fields silently.
 */
export const explainVerb: Verb = {
  name: 'explain',
  short: 'Get documentation for a resource',
  usage: 'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]',
  flags: [
    { long: 'recursive', type: 'bool', description: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.' },
    { long: 'api-version', type: 'string', description: 'Use given api-version (group/version) of the resource.' },
    { long: 'output', short: 'o', type: 'string', description: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).' },
  ],
  run(ctx) {
    const args = ctx.args.positionals;
    // ExplainOptions.Validate: the messages end in a newline of their own.
    if (args.length === 0) {
      ctx.err('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
      return 1;
    }
    if (args.length > 1) {
      ctx.err('error: We accept only this format: explain RESOURCE\n');
      return 1;
    }
    const output = ctx.flag<string>('output') ?? 'plaintext';
    if (output === 'plaintext-openapiv2') {
      ctx.err('error: the simulator renders kubectl explain from OpenAPI v3 only (-o plaintext)\n');
      return 1;
    }
    if (output !== 'plaintext') {
      ctx.err(`error: unrecognized format: ${output}\n`);
      return 1;
    }
    const split = splitResource(args[0] ?? '');
    if ('error' in split) {
      ctx.err(`${split.error}\n`);
      return 1;
    }
    const { info, path } = split;
    let version = info.versions[0] ?? 'v1';
    let group = info.group;
    const apiVersion = ctx.flag<string>('api-version');
    if (apiVersion !== undefined && apiVersion !== '') {
      const slash = apiVersion.indexOf('/');
      group = slash === -1 ? '' : apiVersion.slice(0, slash);
      version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
      // The OpenAPI v3 document of that group/version must exist and hold the resource.
      const served = KINDS.some((k) => k.kind === info.kind && k.group === group && k.versions.includes(version));
      if (!served) {
        ctx.err(`error: couldn't find resource for "${group}/${version}, Resource=${info.plural}"\n`);
        return 1;
      }
    }
    const printers = explainPart.get();
    if (!printers) {
      void explainPart.load().catch(() => undefined);
      ctx.err(stillLoading('kubectl explain'));
      return 126;
    }
    const { kindNode, renderExplain } = printers;
    const root = kindNode(info);
    if (!root) {
      ctx.err(`mtls-playground: the simulator has no schema for ${info.kind} to explain; a real cluster's kubectl explain describes it\n`);
      return 1;
    }
    const rendered = renderExplain({ group, kind: info.kind, version }, root, path, ctx.flag<boolean>('recursive') === true);
    ctx.out(rendered.text);
    const listed = rendered.opaque.length > 3 ? `${rendered.opaque.slice(0, 3).join(', ')} and ${rendered.opaque.length - 3} more` : rendered.opaque.join(', ');
    const note = rendered.opaque.length > 0
      ? `mtls-playground: the simulator's schema does not list the fields under ${listed}; a real cluster's kubectl explain shows them\n`
      : '';
    if (rendered.error === 'opaque') {
      ctx.err(note);
      return 1;
    }
    if (rendered.error) {
      ctx.err(`${rendered.error}\n`);
      return 1;
    }
    ctx.err(note);
    return 0;
  },
};

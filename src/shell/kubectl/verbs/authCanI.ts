import { resolveResourceName } from '../../../domain/kinds.ts';
import type { Verb } from '../types.ts';

/** KCTL:pkg/cmd/auth/cani.go `resourceVerbs` and `nonResourceURLVerbs`. */
const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
/** Resources the server supports that discovery cannot list (the impersonate verb's users and groups). */
const NON_STANDARD = new Set(['users', 'groups']);

/** cli-runtime's WarningPrinter without colour: the message keeps its own newline. */
const warning = (message: string) => `Warning: ${message}\n`;

/**
 * `kubectl auth can-i VERB TYPE[/NAME]` (KCTL:pkg/cmd/auth/cani.go). The learner's Google account
 * owns the project, so GKE's IAM authorizer allows everything: the answer is always `yes`, after
 * the warnings kubectl prints on the client for a type, scope or verb it does not know.
 */
export const authCanIVerb: Verb = {
  name: 'can-i',
  path: ['auth', 'can-i'],
  short: 'Check whether an action is allowed',
  usage: 'kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
  flags: [
    { long: 'all-namespaces', short: 'A', type: 'bool', description: 'If true, check the specified action in all namespaces.' },
    { long: 'quiet', short: 'q', type: 'bool', description: 'If true, suppress output and just return the exit code.' },
    { long: 'subresource', type: 'string', description: 'SubResource such as pod/log or deployment/scale' },
    { long: 'list', type: 'bool', description: 'If true, prints all allowed actions.' },
    { long: 'no-headers', type: 'bool', description: 'If true, prints allowed actions without headers' },
  ],
  run(ctx) {
    const args = ctx.args.positionals;
    const list = ctx.flag<boolean>('list') === true;
    const quiet = ctx.flag<boolean>('quiet') === true;
    const allNamespaces = ctx.flag<boolean>('all-namespaces') === true;
    const subresource = ctx.flag<string>('subresource') ?? '';
    if (list) {
      if (args.length !== 0) {
        ctx.err('error: list option must be specified with no arguments\n');
        return 1;
      }
      if (quiet || allNamespaces || subresource !== '') {
        ctx.err("error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
        return 1;
      }
      ctx.err('error: the simulator does not list the rules of `kubectl auth can-i --list`: ask about one verb and resource, e.g. kubectl auth can-i create pods\n');
      return 1;
    }
    if (args.length !== 2) {
      ctx.err("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
      return 1;
    }
    const [verb = '', target = ''] = args;
    if (target.startsWith('/')) {
      if (subresource !== '') {
        ctx.err('error: --subresource can not be used with NonResourceURL\n');
        return 1;
      }
      if (!NON_RESOURCE_VERBS.has(verb)) ctx.err(warning(`verb '${verb}' is not a known verb\n`));
    } else {
      const [resource = ''] = target.split('/', 1);
      const typed = resource.toLowerCase();
      const info = typed === '*' ? undefined : resolveResourceName(typed);
      if (typed !== '*' && !info) {
        const dot = typed.indexOf('.');
        const name = dot === -1 ? typed : typed.slice(0, dot);
        const group = dot === -1 ? '' : typed.slice(dot + 1);
        if (!NON_STANDARD.has(typed)) {
          ctx.err(warning(group ? `the server doesn't have a resource type '${name}' in group '${group}'\n` : `the server doesn't have a resource type '${name}'\n`));
        }
      }
      if (info && !info.namespaced && !allNamespaces) {
        ctx.err(warning(info.group ? `resource '${info.plural}' is not namespace scoped in group '${info.group}'\n` : `resource '${info.plural}' is not namespace scoped\n`));
      }
      if (!RESOURCE_VERBS.has(verb)) ctx.err(warning(`verb '${verb}' is not a known verb\n`));
    }
    if (ctx.flag<boolean>('no-headers') === true) {
      ctx.err('error: --no-headers cannot be set without --list specified\n');
      return 1;
    }
    if (!quiet) ctx.out('yes\n');
    return 0;
  },
};

import { admitObject } from '../../../domain/cluster/admitObject.ts';
import { validateObject } from '../../../domain/manifests/validateObject.ts';
import type { Verb } from '../types.ts';
import { writeManifests } from './apply.ts';

export const createVerb: Verb = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  usage: 'kubectl create -f FILENAME | kubectl create namespace NAME',
  flags: [
    { long: 'filename', short: 'f', type: 'stringArray', description: 'Filename, directory, or URL to files to use to create the resource' },
    { long: 'dry-run', type: 'string' },
    { long: 'save-config', type: 'bool' },
    { long: 'output', short: 'o', type: 'string' },
  ],
  run(ctx) {
    const [what, name, ...extra] = ctx.args.positionals;
    if (what === undefined) return writeManifests(ctx, 'create');
    if (what !== 'namespace' && what !== 'ns') {
      ctx.err(`error: unknown command "${what}" for "kubectl create"\n`);
      return 1;
    }
    if (!name || extra.length) {
      ctx.err('error: exactly one NAME is required, got ' + (name ? 1 + extra.length : 0) + '\nSee \'kubectl create namespace -h\' for help and examples\n');
      return 1;
    }
    if (ctx.world.hasNamespace(name)) {
      ctx.err(`Error from server (AlreadyExists): namespaces "${name}" already exists\n`);
      return 1;
    }
    const raw = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
    const invalid = validateObject(raw, { source: '', operation: 'creating' });
    if (invalid) {
      ctx.err(`${invalid.message}\n`);
      return 1;
    }
    admitObject(ctx.world, raw, undefined);
    ctx.out(`namespace/${name} created\n`);
    return 0;
  },
};

import type { Verb } from '../types.ts';

export const KUBECTL_VERSION = 'v1.33.5';
export const SERVER_VERSION = 'v1.33.4-gke.1245000';

export const versionVerb: Verb = {
  name: 'version',
  short: 'Print the client and server version information',
  usage: 'kubectl version [flags] [options]',
  flags: [{ long: 'client', type: 'bool' }, { long: 'output', short: 'o', type: 'string' }],
  needsServer: false,
  run(ctx) {
    ctx.out(`Client Version: ${KUBECTL_VERSION}\nKustomize Version: v5.6.0\n`);
    if (ctx.flag<boolean>('client')) return 0;
    if (!ctx.world.credentials) {
      ctx.err('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
      return 1;
    }
    ctx.out(`Server Version: ${SERVER_VERSION}\n`);
    return 0;
  },
};

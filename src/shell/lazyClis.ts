import type { Clis } from './clis.ts';
import type { SimServices } from './kubectl/types.ts';
import { LazyPart, stillLoading } from './lazyPart.ts';
import type { CommandHandler } from './types.ts';

/**
 * istioctl and gcloud arrive after the engine in the browser (see LazyPart): a command line that
 * calls either waits for them.
 */
const MENTION = /(?:^|[\s;&|()`'"$/])(?:istioctl|gcloud)(?=$|[\s;&|()`'"])/;

export const clisPart = new LazyPart<Clis>(MENTION, () => import('./clis.ts').then((m) => m.clis));

/** `istioctl` or `gcloud`: runs once its code is there, and says it is still loading before. */
export function lazyCli(name: 'istioctl' | 'gcloud', services: () => SimServices): CommandHandler {
  let handler: CommandHandler | undefined;
  return (ctx) => {
    const clis = clisPart.get();
    if (clis) return (handler ??= name === 'istioctl' ? clis.createIstioctl(services) : clis.createGcloud(services))(ctx);
    void clisPart.load().catch(() => undefined);
    ctx.stderr(stillLoading(name));
    return 126;
  };
}

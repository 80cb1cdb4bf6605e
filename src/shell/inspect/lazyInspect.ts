import type { IstioctlCommand } from '../istioctl/types.ts';
import { LazyPart, stillLoading } from '../lazyPart.ts';
import type { CommandHandler } from '../types.ts';
import type { InspectTools } from './tools.ts';

/**
 * The inspection tools arrive after the engine in the browser (see LazyPart): a command line that
 * calls `openssl`, `tcpdump`, `pilot-agent`, `istioctl proxy-config`/`pc` or `x authz` (which reads
 * the proxy's config dump), or an Envoy port on localhost waits for them.
 */
const MENTION = /(?:^|[\s;&|()`'"$/])(?:openssl|tcpdump|pilot-agent|proxy-config|pc|authz)(?=$|[\s;&|()`'"])|:150(?:00|20|21|90)\b/;

export const inspectPart = new LazyPart<InspectTools>(MENTION, () => import('./tools.ts').then((m) => m.inspectTools));

/** A command that runs the tool once its code is there, and says it is still loading before. */
export function lazyCommand(name: string, create: (tools: InspectTools) => CommandHandler): CommandHandler {
  let handler: CommandHandler | undefined;
  return (ctx) => {
    const tools = inspectPart.get();
    if (tools) return (handler ??= create(tools))(ctx);
    void inspectPart.load().catch(() => undefined);
    ctx.stderr(stillLoading(name));
    return 126;
  };
}

/** `istioctl proxy-config` until its code is there: the same name and aliases, for help and dispatch. */
export const proxyConfigPlaceholder: IstioctlCommand = {
  name: 'proxy-config',
  aliases: ['pc'],
  short: 'Retrieve information about proxy configuration from Envoy [kube only]',
  run: () => {
    void inspectPart.load().catch(() => undefined);
    return { message: stillLoading('istioctl proxy-config').trimEnd(), exitCode: 126 };
  },
};

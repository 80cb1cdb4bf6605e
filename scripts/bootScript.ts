import { fileURLToPath } from 'node:url';
import { type OutputChunk, type Plugin as BundlerPlugin, rolldown } from 'rolldown';
import type { Plugin } from 'vite';

/** The page's first script's entry (src/boot.ts explains what it does). */
const ENTRY = fileURLToPath(new URL('../src/bootScript.ts', import.meta.url));

/**
 * Builds src/boot.ts into the classic script index.html loads first, `boot.js`: one file, no
 * imports, so it runs while the page is still parsing (a module would wait for the parser to
 * finish). `minify` for the build, readable for the dev server.
 */
export async function bundleBootScript(minify: boolean): Promise<{ code: string; modules: string[] }> {
  const bundle = await rolldown({ input: ENTRY, platform: 'browser', plugins: [withoutLaterParts()], transform: { target: 'es2022' } });
  try {
    const { output } = await bundle.generate({ format: 'iife', minify, codeSplitting: false });
    const chunk = output.find((o): o is OutputChunk => o.type === 'chunk' && o.isEntry);
    if (!chunk) throw new Error('boot.js: the build produced no script');
    return { code: chunk.code, modules: Object.keys(chunk.modules) };
  } finally {
    await bundle.close();
  }
}

const LATER_PART = '\0boot-later-part';

/**
 * The shell's later parts (its dynamic imports: the text tools, shell/lazyPart.ts) are left out:
 * the boot shell never runs a line that names one (app/bootShell.ts), and if anything asked for
 * one here, its import fails, as a part that cannot load does.
 */
function withoutLaterParts(): BundlerPlugin {
  return {
    name: 'mtls-boot-without-later-parts',
    resolveDynamicImport: () => LATER_PART,
    load: (id) => (id === LATER_PART ? 'throw new Error("not in the boot script");\nexport {};' : undefined),
  };
}

/** Serves `/boot.js` from src/boot.ts in development and emits it with the build. */
export function bootScript(): Plugin {
  return {
    name: 'mtls-boot-script',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== '/boot.js') return next();
        bundleBootScript(false).then(
          ({ code }) => {
            res.setHeader('Content-Type', 'text/javascript');
            res.setHeader('Cache-Control', 'no-cache');
            res.end(code);
          },
          (error: unknown) => next(error),
        );
      });
    },
    async generateBundle() {
      if (this.environment.config.build.ssr) return;
      const { code } = await bundleBootScript(true);
      this.emitFile({ type: 'asset', fileName: 'boot.js', source: code });
    },
  };
}

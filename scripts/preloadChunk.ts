import type { Plugin } from 'vite';

/**
 * Adds `<link rel="modulepreload">` tags to the built page for lazily loaded chunks and the
 * chunks they import, so that the browser fetches and compiles them while it parses the page,
 * instead of once the app asks for them. Used for the engine (src/engineChunk.ts) and the
 * default lesson: the boot terminal answers the first command as soon as they have loaded.
 */
export function preloadChunk(sources: readonly string[]): Plugin {
  return {
    name: 'mtls:preload-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          const chunk = chunks.find((c) => c.fileName === fileName);
          for (const imported of chunk?.imports ?? []) visit(imported);
        };
        for (const source of sources) {
          const entry = chunks.find((c) => c.facadeModuleId?.endsWith(source));
          if (!entry) throw new Error(`preloadChunk: no chunk is built from ${source}`);
          visit(entry.fileName);
        }
        // The page's own entry is loaded by its script tag already.
        for (const c of chunks) if (c.isEntry) files.delete(c.fileName);
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

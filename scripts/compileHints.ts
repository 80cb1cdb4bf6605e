import type { Plugin } from 'vite';

/** V8's explicit compile hint (Chromium 136+; a plain comment elsewhere). */
const HINT = '//# allFunctionsCalledOnLoad';

/**
 * Marks built chunks whose functions mostly run while the page starts, so that Chromium compiles
 * all of them while the file downloads, on a background thread, instead of compiling each on the
 * main thread at its first call (which made the workspace's mount a long task). The comment only
 * counts on a file's first line, so it is added last, above what Vite prepends; the source map
 * is shifted by that one line.
 */
export function compileHints(marked: (chunk: { name: string; isEntry: boolean }) => boolean): Plugin {
  return {
    name: 'mtls:compile-hints',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      // After Vite's own generateBundle work, which prepends a helper to the entry chunk.
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || !marked(chunk) || chunk.code.startsWith(HINT)) continue;
          chunk.code = `${HINT}\n${chunk.code}`;
          const map = bundle[`${chunk.fileName}.map`];
          if (map?.type === 'asset' && typeof map.source === 'string') {
            const json = JSON.parse(map.source) as { mappings: string };
            json.mappings = `;${json.mappings}`;
            map.source = JSON.stringify(json);
          } else if (chunk.map) {
            chunk.map.mappings = `;${chunk.map.mappings}`;
          }
        }
      },
    },
  };
}

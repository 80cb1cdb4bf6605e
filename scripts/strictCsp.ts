import type { Plugin } from 'vite';

/**
 * The built page's Content-Security-Policy is stricter than the development server's: no inline
 * styles (`style-src 'self'`; Vite's dev server injects CSS as <style> elements, the build links
 * files) and Trusted Types required for every DOM sink that could run script
 * (`require-trusted-types-for 'script'`): the app never writes HTML from strings, so no policy is
 * needed and any such write is refused by the browser. index.html holds the development policy.
 */
export function strictCsp(): Plugin {
  return {
    name: 'strict-csp',
    apply: 'build',
    transformIndexHtml(html) {
      const loose = "style-src 'self' 'unsafe-inline'";
      if (!html.includes(loose)) throw new Error(`strict-csp: index.html no longer has "${loose}"`);
      return html.replace(loose, "style-src 'self'").replace("base-uri 'self'", "base-uri 'self'; require-trusted-types-for 'script'");
    },
  };
}

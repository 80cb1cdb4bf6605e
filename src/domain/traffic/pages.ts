import { PRODUCTS } from '../cluster/boutique.ts';

/** The product cards, the same on every page. */
let items: string | undefined;

/** The storefront's home page, in the spirit of Online Boutique's frontend templates. */
export function storefrontHtml(sessionId: string): string {
  items ??= PRODUCTS.map(
    (p) => `      <div class="hot-product-card">\n        <a href="/product/${p.id}"><div class="hot-product-card-name">${p.name.replace('&', '&amp;')}</div>\n        <div class="hot-product-card-price">$${p.price.toFixed(2)}</div></a>\n      </div>`,
  ).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1.0, shrink-to-fit=no">
  <title>Online Boutique</title>
</head>
<body>
  <header>
    <div class="navbar">Online Boutique</div>
    <div class="session" hidden>session-id: ${sessionId}</div>
  </header>
  <main role="main" class="home">
    <div class="hot-products-row">
      <h3>Hot Products</h3>
${items}
    </div>
  </main>
  <footer class="py-5">
    <p>This website is hosted for demo purposes only. It is not an actual shop.</p>
  </footer>
</body>
</html>
`;
}

/** The frontend's error page (templates/error.html) for a failed backend call. */
export function errorPageHtml(detail: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>Online Boutique</title>
</head>
<body>
  <main role="main">
    <div class="error">
      <h3>Uh, oh!</h3>
      <p>Something has failed. Below are some details for debugging.</p>
      <p><strong>HTTP Status:</strong> 500 Internal Server Error</p>
      <pre>${detail.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>
    </div>
  </main>
</body>
</html>
`;
}

export const NOT_FOUND_BODY = '404 page not found\n';

/** The key the page keeps its progress under (a module of its own: the page's first script reads it, src/boot.ts). */
export const STORE_KEY = 'mtls-playground';

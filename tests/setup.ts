import '@testing-library/jest-dom/vitest';
// The text tools load after the engine in the browser; here, with everything else.
import '../src/shell/text/install.ts';

import '@testing-library/jest-dom/vitest';
// The shell's later parts (text and inspection tools) load after the engine in the browser; here, with everything else.
import '../src/shell/installParts.ts';

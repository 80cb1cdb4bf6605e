/**
 * Installs the text tools at once, for Node (the `sim` CLI, tests, benchmarks): there, every command
 * runs within the call that starts it, and nothing waits for code to arrive. The browser loads them
 * after the engine instead (bash/builtins/lazyUtilities.ts).
 */
import { installTextTools } from '../bash/builtins/lazyUtilities.ts';
import { textTools } from './tools.ts';

installTextTools(textTools);

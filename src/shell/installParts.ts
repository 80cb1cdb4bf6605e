/**
 * Installs the parts of the shell that the browser loads after the engine (the text tools, the
 * inspection tools, kubectl explain's descriptions) at once, for Node (the `sim` CLI, tests,
 * benchmarks): there, every command runs within the call that starts it, and nothing waits for
 * code to arrive. See LazyPart.
 */
import { installTextTools } from './bash/builtins/lazyUtilities.ts';
import { inspectPart } from './inspect/lazyInspect.ts';
import { inspectTools } from './inspect/tools.ts';
import { explainPrinters } from './kubectl/printers/explainPart.ts';
import { explainPart } from './kubectl/verbs/explain.ts';
import { textTools } from './text/tools.ts';

installTextTools(textTools);
inspectPart.install(inspectTools);
explainPart.install(explainPrinters);

/** Resource guards: no input typed or pasted into the terminal may hang the page or exhaust memory. */
export const limits = {
  /** Characters of terminal output one run may print before it is stopped. */
  maxOutput: 2 * 1024 * 1024,
  /** Largest file the shell writes through a redirect. */
  maxFileSize: 8 * 1024 * 1024,
  /** Largest pipe buffer, command-substitution result or expanded word. */
  maxBuffer: 8 * 1024 * 1024,
  /** Characters moved through all pipes, files and captures in one run. */
  maxWork: 64 * 1024 * 1024,
  /** Loop iterations (all loops together) per run. */
  maxLoopIterations: 10_000,
  /** Simple commands executed per run. */
  maxCommands: 100_000,
  /** Nesting of compound commands, `$(…)`, `${…}` and backquotes in the parser. */
  maxNesting: 64,
  /** Nesting of parentheses and variable references in `$((…))`. */
  maxArithmeticNesting: 256,
} as const;

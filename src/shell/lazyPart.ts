/**
 * A part of the shell whose code arrives after the engine's in the browser (the text tools, the
 * inspection tools), so that the terminal answers its first command sooner. The shell knows the
 * part's names from the start; a command line that mentions one waits until the code has arrived
 * (`waitFor`: the terminal and replays ask before they run a line). Node (the `sim` CLI, tests,
 * benchmarks) installs every part up front (src/shell/installParts.ts), so nothing waits there.
 */
export class LazyPart<T> {
  private value: T | undefined;
  private loading: Promise<void> | undefined;

  /**
   * @param mention matches a command line that calls the part (a false alarm only costs a wait)
   * @param importer loads the part's code
   */
  constructor(
    private readonly mention: RegExp,
    private readonly importer: () => Promise<T>,
  ) {}

  /** The part, once its code is there. */
  get(): T | undefined {
    return this.value;
  }

  install(value: T): void {
    this.value = value;
  }

  /** Starts loading the part (once); resolves when it is installed. */
  load(): Promise<void> {
    if (this.value) return Promise.resolve();
    this.loading ??= this.importer().then(
      (value) => this.install(value),
      (error: unknown) => {
        // A later call tries again (a flaky connection, a new deployment).
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** Undefined when `text` can run now; else it calls the part before it has loaded, and this resolves once it has (or failed to). */
  waitFor(text: string): Promise<void> | undefined {
    if (this.value || !this.mention.test(text)) return undefined;
    return this.load().catch(() => undefined);
  }
}

/** The note a command prints when it runs before its part has arrived (a name the terminal could not see coming). */
export function stillLoading(name: string): string {
  return `mtls-playground: ${name} is still loading; run the command again in a moment\n`;
}

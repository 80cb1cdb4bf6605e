import type { Trace } from '../../domain/traffic/trace.ts';
import type { CommandContext, CommandHandler, VirtualFs } from '../types.ts';
import type { AndOr, Command, ForCommand, IfCommand, List, Pipeline, Redirect, Script, SimpleCommand, WhileCommand, Word } from './ast.ts';
import type { Builtin, BuiltinHost } from './builtins/builtin.ts';
import { builtinTable } from './builtins/builtinTable.ts';
import { commandOptions } from './builtins/command.ts';
import { Expander } from './expand.ts';
import { limits } from './limits.ts';
import { parseScript } from './parse.ts';
import {
  BufferSink,
  FileSink,
  nullSink,
  terminalSink,
  type Budget,
  type Fd,
  type FdTable,
  type Sink,
  type Source,
  type TerminalOutput,
} from './streams.ts';

/** The shell's lasting state, which outlives one run. */
export interface ShellState {
  readonly vars: Map<string, string>;
  readonly exported: Set<string>;
  readonly aliases: Map<string, string>;
  readonly fs: VirtualFs;
  readonly commands: ReadonlyMap<string, CommandHandler>;
  readonly history: string[];
  historyStart: number;
  lastExitCode: number;
  sleep(ms: number): void;
}

/** A pending jump out of the normal flow: `break`/`continue` through loops, or `exit`. */
type Flow = { kind: 'break' | 'continue'; levels: number } | { kind: 'exit'; code: number };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_FD = 1023;

/** An aliased simple command, expanded and redirected, to run as the alias text says. */
interface AliasCall {
  argv: string[];
  fds: FdTable;
  failed: () => boolean;
}

/** A run's resumable steps: it yields at yield points where the driver asked to pause, and returns the status. */
export type Steps = Generator<void, number, void>;

/**
 * Runs one parsed input against the shell state. A new Executor is made for every run; it counts the
 * run's work (commands, loop turns, characters) and stops it at the limits instead of hanging.
 *
 * The run is a generator so that the terminal can run a long input in slices. Its yield points are
 * between top-level list items, between loop turns and after each simple command; at each one it
 * asks `shouldYield` and pauses if told to. Command substitutions and the stages of a pipeline of
 * several commands run to their end without pausing, as their output is buffered anyway.
 */
export class Executor implements BuiltinHost, Budget {
  readonly traces: Trace[] = [];
  /** Why the run was stopped early, if it was. */
  stopped: string | undefined;
  /** Asked at each yield point whether to pause there; whoever resumes the run sets it. */
  shouldYield: () => boolean = () => false;
  loopDepth = 0;
  private flow: Flow | undefined;
  /** Set by Ctrl+C: the run stops at its next yield point. */
  private interruptReceived = false;
  /** How many runs-to-the-end ($(…), pipeline stages) are under way; no yield point pauses inside them. */
  private unpausable = 0;
  private commandsRun = 0;
  private iterations = 0;
  private work = 0;
  private substitutionStatus: number | undefined;
  private currentInput: Fd | undefined;
  /** Aliases being expanded, so that `alias ls='ls -a'` does not expand itself again. */
  private readonly expandingAliases = new Set<string>();
  private readonly terminal: FdTable;

  constructor(
    private readonly state: ShellState,
    output: TerminalOutput,
  ) {
    this.terminal = [
      { kind: 'source', text: '', terminal: true },
      terminalSink(output, 'stdout'),
      terminalSink(output, 'stderr'),
    ];
  }

  /** The whole input's steps; the status is 130 after an interrupt, as bash's after SIGINT. */
  *run(script: Script): Steps {
    const status = yield* this.executeList(script.body, this.terminal, true);
    if (this.interruptReceived) return 130;
    const flow = this.flow;
    if (flow?.kind === 'exit') return flow.code;
    return this.stopped === undefined ? status : 1;
  }

  /**
   * Ctrl+C. Bash kills the foreground command and drops the rest of the input; here the command
   * running at the moment is never cut short (it finished before the run paused), and nothing after
   * the next yield point runs.
   */
  interrupt(): void {
    this.interruptReceived = true;
  }

  // ---- BuiltinHost -----------------------------------------------------------------------------

  get vars(): Map<string, string> {
    return this.state.vars;
  }

  get exported(): Set<string> {
    return this.state.exported;
  }

  get aliases(): Map<string, string> {
    return this.state.aliases;
  }

  get history(): readonly string[] {
    return this.state.history;
  }

  get historyStart(): number {
    return this.state.historyStart;
  }

  get lastStatus(): number {
    return this.state.lastExitCode;
  }

  clearHistory(): void {
    this.state.historyStart += this.state.history.length;
    this.state.history.length = 0;
  }

  commandNames(): { builtins: string[]; commands: string[] } {
    const commands = [...this.state.commands.keys()].filter((n) => !builtinTable.shell.has(n));
    const builtins = [...builtinTable.shell.keys(), ...builtinTable.utilities.keys()].filter(
      (n) => !this.state.commands.has(n) || builtinTable.shell.has(n),
    );
    return { builtins: [...new Set(builtins)].sort(), commands: commands.sort() };
  }

  commandKind(name: string): 'alias' | 'builtin' | 'command' | 'utility' | undefined {
    if (this.state.aliases.has(name)) return 'alias';
    if (builtinTable.shell.has(name)) return 'builtin';
    if (this.state.commands.has(name)) return 'command';
    return builtinTable.utilities.has(name) ? 'utility' : undefined;
  }

  sleep(ms: number): void {
    this.state.sleep(ms);
  }

  jump(kind: 'break' | 'continue', levels: number): void {
    this.flow = { kind, levels };
  }

  readLine(): { line: string; complete: boolean } | undefined {
    const input = this.currentInput;
    if (input?.kind !== 'source') return undefined;
    const start = input.offset ?? 0;
    if (start >= input.text.length) return undefined;
    const end = input.text.indexOf('\n', start);
    input.offset = end < 0 ? input.text.length : end + 1;
    return { line: input.text.slice(start, end < 0 ? undefined : end), complete: end >= 0 };
  }

  exit(code: number): void {
    this.flow = { kind: 'exit', code };
  }

  runSubshell(text: string, stdin: string, out: (text: string) => void, err: (text: string) => void): number {
    const { result } = parseScript(text, { atEof: true });
    if (result.status !== 'complete') {
      err(`${result.status === 'error' ? result.message : 'bash: syntax error: unexpected end of file'}\n`);
      return 2;
    }
    const table: FdTable = [{ kind: 'source', text: stdin, terminal: false }, { kind: 'sink', write: out }, { kind: 'sink', write: err }];
    return this.drain(this.inSubshell(this.executeList(result.script.body, table)));
  }

  // ---- Budget ----------------------------------------------------------------------------------

  spend(n: number): boolean {
    this.work += n;
    if (this.work > limits.maxWork) this.halt(`more than ${limits.maxWork} characters went through pipes and files`);
    return this.stopped === undefined;
  }

  halt(reason: string): void {
    this.stopped ??= reason;
  }

  // ---- lists and pipelines ---------------------------------------------------------------------

  private isInterrupted(): boolean {
    return this.stopped !== undefined || this.flow !== undefined || this.interruptReceived;
  }

  /** A yield point: whether to pause here. Never inside a run-to-the-end, nor once the run is leaving. */
  private wantsPause(): boolean {
    return this.unpausable === 0 && !this.isInterrupted() && this.shouldYield();
  }

  /** Runs steps to their end without pausing, for places that cannot pause. */
  private drain(steps: Steps): number {
    this.unpausable += 1;
    try {
      let step = steps.next();
      while (!step.done) step = steps.next();
      return step.value;
    } finally {
      this.unpausable -= 1;
    }
  }

  /** With `topLevel`, a yield point sits between items (before the first one nothing has run yet). */
  private *executeList(list: List, fds: FdTable, topLevel = false): Steps {
    let status = 0;
    for (let i = 0; i < list.length; i++) {
      if (topLevel && i > 0 && this.wantsPause()) yield;
      if (this.isInterrupted()) break;
      status = yield* this.executeAndOr(list[i]!, fds);
    }
    return status;
  }

  /** Runs `a && b || c …` left to right; each pipeline's status becomes `$?`. */
  private *executeAndOr(item: AndOr, fds: FdTable): Steps {
    let status = 0;
    // The pipelines are walked here rather than through a function of their own: one generator
    // fewer per command keeps long loops fast.
    for (let i = -1; i < item.rest.length; i++) {
      let pipeline = item.first;
      if (i >= 0) {
        if (this.isInterrupted()) break;
        const next = item.rest[i]!;
        if ((next.op === '&&') !== (status === 0)) continue;
        pipeline = next.pipeline;
      }
      const { commands } = pipeline;
      status = commands.length === 1 ? yield* this.executeCommand(commands[0]!, fds) : this.executeBuffered(pipeline, fds);
      if (pipeline.negated) status = status === 0 ? 1 : 0;
      this.state.lastExitCode = status;
    }
    return status;
  }

  /**
   * A pipeline of several commands. Each part runs in a copy of the shell, as bash forks them;
   * stdout feeds the next one's stdin. A part's output is buffered until it ends, so it runs to its
   * end without pausing.
   */
  private executeBuffered(pipeline: Pipeline, fds: FdTable): number {
    const { commands } = pipeline;
    let status = 0;
    let input: Fd | undefined = fds[0];
    commands.forEach((command, i) => {
      if (this.stopped !== undefined) return;
      const table = fds.slice();
      if (i > 0) table[0] = input;
      let pipe: BufferSink | undefined;
      if (i < commands.length - 1) {
        pipe = new BufferSink(this);
        table[1] = pipe;
        if (pipeline.pipeStderr[i]) table[2] = pipe;
      }
      status = this.drain(this.inSubshell(this.executeCommand(command, table)));
      if (pipe) input = { kind: 'source', text: pipe.text(), terminal: false };
    });
    return status;
  }

  /** Runs `body` in a copy of the shell: variables, exports, working directory and `exit` stay inside. */
  private *inSubshell(body: Steps): Steps {
    const vars = new Map(this.state.vars);
    const exported = new Set(this.state.exported);
    const cwd = this.state.fs.cwd;
    const lastExitCode = this.state.lastExitCode;
    let status = yield* body;
    if (this.flow?.kind === 'exit') status = this.flow.code;
    this.flow = undefined;
    replaceContents(this.state.vars, vars);
    replaceContents(this.state.exported, exported);
    this.state.fs.cwd = cwd;
    this.state.lastExitCode = lastExitCode;
    return status;
  }

  // ---- commands --------------------------------------------------------------------------------

  private *executeCommand(command: Command, fds: FdTable): Steps {
    if (this.isInterrupted()) return this.state.lastExitCode;
    if (command.type === 'simple') {
      const ran = this.executeSimple(command, fds);
      let status: number;
      if (typeof ran === 'number') {
        status = ran;
      } else {
        status = yield* this.runAlias(ran.argv, ran.fds);
        if (ran.failed() && status === 0) status = 1;
      }
      if (this.wantsPause()) yield;
      return status;
    }
    const expander = this.expander(fds);
    const redirected = this.redirect(command.redirects, fds, expander);
    if (!redirected) return this.failRedirect(expander, fds);
    const table = redirected.fds;
    let status: number;
    switch (command.type) {
      case 'for':
        status = yield* this.executeFor(command, table);
        break;
      case 'while':
        status = yield* this.executeWhile(command, table);
        break;
      case 'if':
        status = yield* this.executeIf(command, table);
        break;
      case 'group':
        status = yield* this.executeList(command.body, table);
        break;
      case 'subshell':
        status = yield* this.inSubshell(this.executeList(command.body, table));
        break;
    }
    return redirected.failed() && status === 0 ? 1 : status;
  }

  private *executeFor(command: ForCommand, fds: FdTable): Steps {
    if (!NAME.test(command.name)) {
      this.write(fds[2], `bash: \`${command.name}': not a valid identifier\n`);
      return 1;
    }
    const expander = this.expander(fds);
    const items: string[] = [];
    for (const word of command.items ?? []) {
      for (const field of expander.fields(word)) items.push(field);
      if (expander.error !== undefined) return this.abort(expander.error, fds);
    }
    let status = 0;
    this.loopDepth += 1;
    for (let turn = 0; turn < items.length; turn++) {
      if (turn > 0 && this.wantsPause()) yield;
      if (!this.tick()) break;
      this.state.vars.set(command.name, items[turn]!);
      status = yield* this.executeList(command.body, fds);
      if (this.leavesLoop()) break;
    }
    this.loopDepth -= 1;
    return status;
  }

  private *executeWhile(command: WhileCommand, fds: FdTable): Steps {
    let status = 0;
    this.loopDepth += 1;
    for (let turn = 0; ; turn++) {
      if (turn > 0 && this.wantsPause()) yield;
      if (!this.tick()) break;
      const test = yield* this.executeList(command.condition, fds);
      if (this.flow !== undefined) {
        if (this.leavesLoop()) break;
        continue;
      }
      if ((test === 0) === command.until) break;
      status = yield* this.executeList(command.body, fds);
      if (this.leavesLoop()) break;
    }
    this.loopDepth -= 1;
    return status;
  }

  private *executeIf(command: IfCommand, fds: FdTable): Steps {
    for (const { condition, body } of command.clauses) {
      const test = yield* this.executeList(condition, fds);
      if (this.isInterrupted()) return test;
      if (test === 0) return yield* this.executeList(body, fds);
    }
    return command.elseBody ? yield* this.executeList(command.elseBody, fds) : 0;
  }

  /** Counts a loop turn; false when the run must stop. */
  private tick(): boolean {
    if (this.stopped !== undefined || this.interruptReceived) return false;
    this.iterations += 1;
    if (this.iterations > limits.maxLoopIterations) {
      this.halt(`loops ran more than ${limits.maxLoopIterations} times`);
      return false;
    }
    return true;
  }

  /** After a loop body: takes a `break`/`continue` meant for this loop; true when the loop ends. */
  private leavesLoop(): boolean {
    const flow = this.flow;
    if (this.stopped !== undefined || this.interruptReceived) return true;
    if (flow === undefined) return false;
    if (flow.kind === 'exit') return true;
    if (flow.levels > 1) {
      flow.levels -= 1;
      return true;
    }
    this.flow = undefined;
    return flow.kind === 'break';
  }

  /** Runs a simple command; an alias comes back as the call to run in its place (it may pause). */
  private executeSimple(command: SimpleCommand, fds: FdTable): number | AliasCall {
    this.commandsRun += 1;
    if (this.commandsRun > limits.maxCommands) {
      this.halt(`more than ${limits.maxCommands} commands ran`);
      return 1;
    }
    this.substitutionStatus = undefined;
    const expander = this.expander(fds);
    const argv: string[] = [];
    for (const word of command.words) {
      for (const field of expander.fields(word)) argv.push(field);
      if (expander.error !== undefined) return this.abort(expander.error, fds);
    }
    const values = command.assignments.map((a) => {
      const value = expander.text(a.value, true);
      return { name: a.name, value: a.append ? (this.state.vars.get(a.name) ?? '') + value : value };
    });
    if (expander.error !== undefined) return this.abort(expander.error, fds);
    if (argv.length === 0) {
      for (const { name, value } of values) this.state.vars.set(name, value);
      const redirected = this.redirect(command.redirects, fds, expander);
      if (!redirected) return this.failRedirect(expander, fds);
      return this.substitutionStatus ?? 0;
    }
    const env = new Map<string, string>();
    for (const name of this.state.exported) {
      const value = this.state.vars.get(name);
      if (value !== undefined) env.set(name, value);
    }
    for (const { name, value } of values) env.set(name, value);
    const redirected = this.redirect(command.redirects, fds, expander);
    if (!redirected) return this.failRedirect(expander, fds);
    const first = command.words[0]?.parts;
    const aliasable = first?.length === 1 && first[0]?.type === 'literal' && !first[0].quoted;
    if (
      aliasable &&
      this.state.aliases.has(argv[0]!) &&
      !this.expandingAliases.has(argv[0]!) &&
      this.expandingAliases.size < limits.maxNesting
    ) {
      return { argv, fds: redirected.fds, failed: redirected.failed };
    }
    const status = this.invoke(argv, env, redirected.fds);
    return redirected.failed() && status === 0 ? 1 : status;
  }

  /**
   * Runs an aliased command: the alias text followed by the (already expanded, re-quoted) arguments,
   * parsed and run as bash would have read it.
   */
  private *runAlias(argv: string[], fds: FdTable): Steps {
    const name = argv[0]!;
    const text = [this.state.aliases.get(name) ?? '', ...argv.slice(1).map(singleQuote)].join(' ');
    const { result } = parseScript(text, { atEof: true });
    if (result.status !== 'complete') {
      this.write(fds[2], `${result.status === 'error' ? result.message : 'bash: syntax error: unexpected end of file'}\n`);
      return 2;
    }
    this.expandingAliases.add(name);
    const status = yield* this.executeList(result.script.body, fds);
    this.expandingAliases.delete(name);
    return status;
  }

  /** Prints an expansion error and drops the rest of the input, as interactive bash drops the line. */
  private abort(message: string, fds: FdTable): number {
    this.write(fds[2], `${message}\n`);
    this.flow = { kind: 'exit', code: 1 };
    return 1;
  }

  private failRedirect(expander: Expander, fds: FdTable): number {
    return expander.error === undefined ? 1 : this.abort(expander.error, fds);
  }

  private invoke(argv: string[], env: Map<string, string>, fds: FdTable): number {
    const name = argv[0]!;
    // `command NAME ARGS…` runs NAME as a simple command of its own (with no alias expansion, as
    // bash's execute_simple_command treats `command` as a prefix); its other forms are the builtin's.
    if (name === 'command') {
      const options = commandOptions(argv);
      if (options.kind === 'run') return this.invoke(options.argv, env, fds);
    }
    const special = builtinTable.shell.get(name);
    if (special) return this.call(name, (ctx) => special(ctx, this), argv, env, fds);
    if (name.includes('/')) return this.runPath(name, fds);
    const handler = this.state.commands.get(name);
    if (handler) return this.call(name, handler, argv, env, fds);
    const utility: Builtin | undefined = builtinTable.utilities.get(name);
    if (utility) return this.call(name, (ctx) => utility(ctx, this), argv, env, fds);
    this.write(fds[2], `bash: ${name}: command not found\n`);
    return 127;
  }

  /** `./script.sh` and the like: there are no executables on the simulated disk. */
  private runPath(name: string, fds: FdTable): number {
    const fs = this.state.fs;
    const path = fs.resolve(name);
    const reason = !fs.exists(path) ? 'No such file or directory' : fs.isDirectory(path) ? 'Is a directory' : 'Permission denied';
    this.write(fds[2], `bash: ${name}: ${reason}\n`);
    return reason === 'No such file or directory' ? 127 : 126;
  }

  private call(name: string, handler: CommandHandler, argv: string[], env: Map<string, string>, fds: FdTable): number {
    const stdin = fds[0];
    const ctx: CommandContext = {
      argv,
      // A getter: the rest of a large input is only copied out when a command reads it.
      get stdin() {
        return stdin?.kind === 'source' ? stdin.text.slice(stdin.offset ?? 0) : '';
      },
      stdinIsTerminal: stdin?.kind === 'source' && stdin.terminal,
      env,
      fs: this.state.fs,
      stdout: (text) => this.write(fds[1], text),
      stderr: (text) => this.write(fds[2], text),
      trace: (trace) => {
        this.traces.push(trace);
      },
    };
    const outerInput = this.currentInput;
    this.currentInput = stdin;
    try {
      const status = handler(ctx);
      return Number.isInteger(status) ? status & 255 : 1;
    } catch (error) {
      // A command must not throw, but one that does must not take the terminal down with it.
      const message = error instanceof Error ? error.message : String(error);
      this.write(fds[2], `bash: ${name}: internal error: ${message}\n`);
      return 1;
    } finally {
      this.currentInput = outerInput;
    }
  }

  private write(fd: Fd | undefined, text: unknown): void {
    if (fd?.kind === 'sink') fd.write(String(text));
  }

  // ---- expansion -------------------------------------------------------------------------------

  private expander(fds: FdTable): Expander {
    return new Expander({
      getVar: (name) => this.state.vars.get(name),
      setVar: (name, value) => {
        this.state.vars.set(name, value);
      },
      lastStatus: () => this.state.lastExitCode,
      home: () => this.state.vars.get('HOME') ?? this.state.fs.home,
      substitute: (script) => this.substitute(script, fds),
    });
  }

  /** `$(…)`: runs in a copy of the shell with stdout captured; trailing newlines are dropped. */
  private substitute(script: Script, fds: FdTable): string {
    if (this.stopped !== undefined) return '';
    const capture = new BufferSink(this);
    const table = fds.slice();
    table[1] = capture;
    const status = this.drain(this.inSubshell(this.executeList(script.body, table)));
    this.substitutionStatus = status;
    // bash sets $? as soon as a substitution ends: `echo $(false) $?` prints 1.
    this.state.lastExitCode = status;
    const text = capture.text();
    let end = text.length;
    while (end > 0 && text[end - 1] === '\n') end -= 1;
    return text.slice(0, end);
  }

  // ---- redirects -------------------------------------------------------------------------------

  /** Applies redirects left to right onto a copy of `fds`; undefined (after printing why) on failure. */
  private redirect(
    redirects: Redirect[],
    fds: FdTable,
    expander: Expander,
  ): { fds: FdTable; failed: () => boolean } | undefined {
    if (redirects.length === 0) return { fds, failed: () => false };
    const table = fds.slice();
    const files: FileSink[] = [];
    const fail = (message: string) => {
      this.write(table[2], `bash: ${message}\n`);
      return undefined;
    };
    for (const r of redirects) {
      const fd = r.type === 'both' ? 1 : r.fd;
      if (fd > MAX_FD) return fail(`${fd}: Bad file descriptor`);
      if (r.type === 'heredoc') {
        const text = expander.text(r.body, false);
        if (expander.error !== undefined) return undefined;
        table[fd] = { kind: 'source', text, terminal: false };
        continue;
      }
      if (r.type === 'herestring') {
        const text = expander.text(r.target, true);
        if (expander.error !== undefined) return undefined;
        table[fd] = { kind: 'source', text: `${text}\n`, terminal: false };
        continue;
      }
      const target = this.redirectTarget(r.target, expander);
      if (expander.error !== undefined) return undefined;
      if (target === undefined) return fail(`${r.target.raw}: ambiguous redirect`);
      if (r.type === 'dup') {
        if (target === '-') {
          table[fd] = undefined;
        } else if (/^\d+$/.test(target)) {
          const source = table[Number(target)];
          if (!source || source.kind !== (r.op === '>&' ? 'sink' : 'source')) return fail(`${target}: Bad file descriptor`);
          table[fd] = source;
        } else if (r.op === '>&' && fd === 1) {
          const sink = this.openWrite(target, false, table, files);
          if (typeof sink === 'string') return fail(sink);
          table[1] = sink;
          table[2] = sink;
        } else {
          return fail(`${target}: ambiguous redirect`);
        }
        continue;
      }
      if (r.type === 'both') {
        const sink = this.openWrite(target, r.append, table, files);
        if (typeof sink === 'string') return fail(sink);
        table[1] = sink;
        table[2] = sink;
        continue;
      }
      if (r.op === '<' || r.op === '<>') {
        const source = this.openRead(target, table, r.op === '<>');
        if (typeof source === 'string') return fail(source);
        table[fd] = source;
      } else {
        const sink = this.openWrite(target, r.op === '>>', table, files);
        if (typeof sink === 'string') return fail(sink);
        table[fd] = sink;
      }
    }
    return { fds: table, failed: () => files.some((f) => f.failed) };
  }

  /** A redirect target must expand to exactly one word. */
  private redirectTarget(word: Word, expander: Expander): string | undefined {
    const fields = expander.fields(word);
    return fields.length === 1 ? fields[0] : undefined;
  }

  /** Opens a file for reading, or returns bash's complaint. */
  private openRead(name: string, table: FdTable, create: boolean): Source | string {
    if (name === '/dev/null') return { kind: 'source', text: '', terminal: false };
    if (name === '/dev/stdin') {
      const stdin = table[0];
      return stdin?.kind === 'source' ? stdin : { kind: 'source', text: '', terminal: false };
    }
    const fs = this.state.fs;
    const path = fs.resolve(name);
    if (fs.isDirectory(path)) return `${name}: Is a directory`;
    let text = fs.readFile(path);
    if (text === undefined && create) {
      const problem = this.checkParent(name, path);
      if (problem) return problem;
      fs.writeFile(path, '');
      text = '';
    }
    if (text === undefined) return `${name}: No such file or directory`;
    return { kind: 'source', text, terminal: false };
  }

  /** Opens (creating or truncating) a file for writing, or returns bash's complaint. */
  private openWrite(name: string, append: boolean, table: FdTable, files: FileSink[]): Sink | string {
    if (name === '/dev/null') return nullSink;
    const dup = name === '/dev/stdout' ? table[1] : name === '/dev/stderr' ? table[2] : undefined;
    if (dup?.kind === 'sink') return dup;
    if (name === '/dev/tty') return this.terminal[1] as Sink;
    const fs = this.state.fs;
    const path = fs.resolve(name);
    if (fs.isDirectory(path)) return `${name}: Is a directory`;
    const problem = this.checkParent(name, path);
    if (problem) return problem;
    const existing = fs.readFile(path);
    if (!append || existing === undefined) fs.writeFile(path, '');
    const stderr = table[2];
    const sink = new FileSink(fs, path, name, append ? (existing?.length ?? 0) : 0, this, (message) => this.write(stderr, message));
    files.push(sink);
    return sink;
  }

  private checkParent(name: string, path: string): string | undefined {
    const fs = this.state.fs;
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!fs.exists(parent)) return `${name}: No such file or directory`;
    if (!fs.isDirectory(parent)) return `${name}: Not a directory`;
    return undefined;
  }
}

function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function replaceContents<T>(target: Map<string, T> | Set<T>, source: Map<string, T> | Set<T>): void {
  target.clear();
  if (target instanceof Map && source instanceof Map) for (const [k, v] of source) target.set(k, v);
  else if (target instanceof Set && source instanceof Set) for (const v of source) target.add(v);
}

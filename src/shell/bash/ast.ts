/**
 * The syntax tree of the bash subset. Lists and pipelines are flat arrays, so a long line of
 * `a && b && c …` never becomes a deep tree; only compound commands and substitutions nest,
 * and the parser caps that nesting.
 */

/** A word as typed: its pieces, in order, before expansion. */
export interface Word {
  parts: WordPart[];
  /** The source text of the word, for error messages and reserved-word checks. */
  raw: string;
}

/** A piece of a word. `quoted` pieces are never split on whitespace. */
export type WordPart =
  | { type: 'literal'; value: string; quoted: boolean }
  | ParamPart
  | { type: 'command'; script: Script; quoted: boolean }
  | { type: 'arithmetic'; expression: Word; quoted: boolean }
  /** A `${…}` bash rejects when it expands it, e.g. `${a b}`. */
  | { type: 'badSubstitution'; raw: string; quoted: boolean };

/** What a `${name…}` does with the value. */
export type ParamOp =
  | { kind: 'plain' }
  | { kind: 'length' }
  /** `${!name}`: the variable named by name's value. */
  | { kind: 'indirect' }
  /** `${name:offset}` and `${name:offset:length}`, both arithmetic. */
  | { kind: 'substring'; offset: Word; length: Word | undefined }
  /** `-` `=` `+` `?`, with `colon` for the `:-` forms that also treat empty as unset. */
  | { kind: 'default' | 'assign' | 'alternative' | 'error'; colon: boolean; word: Word }
  | { kind: 'removePrefix' | 'removeSuffix'; longest: boolean; pattern: Word }
  | { kind: 'replace'; mode: 'first' | 'all' | 'prefix' | 'suffix'; pattern: Word; replacement: Word };

/** `$name`, `${name}`, `$?` and the `${name…}` operators. */
export interface ParamPart {
  type: 'param';
  name: string;
  op: ParamOp;
  quoted: boolean;
}

/** `NAME=value` (or `NAME+=value`) before a command or on its own. */
export interface Assignment {
  name: string;
  append: boolean;
  value: Word;
}

/** One redirection, applied left to right. */
export type Redirect =
  /** `<`, `>`, `>>`, `>|`, `<>` with an optional fd number. */
  | { type: 'file'; fd: number; op: '<' | '>' | '>>' | '<>'; target: Word }
  /** `&>file` and `&>>file`: stdout and stderr to one file. */
  | { type: 'both'; append: boolean; target: Word }
  /** `2>&1`, `>&2`, `<&0`, `2>&-`; a non-number target after `>&` means a file, as `&>`. */
  | { type: 'dup'; fd: number; op: '>&' | '<&'; target: Word }
  | Heredoc
  /** `<<<word` */
  | { type: 'herestring'; fd: number; target: Word };

/** `<<EOF`: the body is filled in once the parser reaches the end of the line. */
export interface Heredoc {
  type: 'heredoc';
  fd: number;
  delimiter: string;
  /** `<<'EOF'` or `<<"EOF"`: the body is taken literally. */
  quoted: boolean;
  /** `<<-EOF`: leading tabs are stripped from each line. */
  stripTabs: boolean;
  body: Word;
}

export interface SimpleCommand {
  type: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface ForCommand {
  type: 'for';
  name: string;
  /** undefined for `for x; do`, which loops over the (always empty) positional parameters. */
  items: Word[] | undefined;
  body: List;
  redirects: Redirect[];
}

export interface WhileCommand {
  type: 'while';
  /** `until` loops while the condition fails. */
  until: boolean;
  condition: List;
  body: List;
  redirects: Redirect[];
}

export interface IfCommand {
  type: 'if';
  /** The `if` clause followed by any `elif` clauses. */
  clauses: { condition: List; body: List }[];
  elseBody: List | undefined;
  redirects: Redirect[];
}

/** `{ list; }` runs in the current shell, `( list )` in a copy of it. */
export interface GroupCommand {
  type: 'group' | 'subshell';
  body: List;
  redirects: Redirect[];
}

export type Command = SimpleCommand | ForCommand | WhileCommand | IfCommand | GroupCommand;

/** Commands joined by `|` (or `|&`, which also pipes stderr). */
export interface Pipeline {
  negated: boolean;
  commands: Command[];
  /** pipeStderr[i] is true when command i is followed by `|&`. */
  pipeStderr: boolean[];
}

/** Pipelines joined by `&&` and `||`, evaluated left to right. */
export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

/** Commands separated by `;`, `&` or newlines. */
export type List = AndOr[];

/** A whole parsed input. */
export interface Script {
  body: List;
}

import type { Command, List, ParamOp, Redirect, Script, Word } from './ast.ts';

/**
 * The names of every command a script can run, wherever they appear: in lists, pipelines, loops
 * and conditions, and inside `$(…)`, `${x:-$(…)}`, `$((…))` and unquoted heredoc bodies. Undefined
 * when a command's name is only known once the script runs (`$cmd`, `$(echo ls)`): a caller that
 * must know what a line runs before running it treats that as "anything".
 */
export function commandNames(script: Script): string[] | undefined {
  const names = new Set<string>();
  return walkList(script.body, names) ? [...names] : undefined;
}

function walkList(list: List, names: Set<string>): boolean {
  for (const andOr of list) {
    for (const pipeline of [andOr.first, ...andOr.rest.map((r) => r.pipeline)]) {
      for (const command of pipeline.commands) if (!walkCommand(command, names)) return false;
    }
  }
  return true;
}

function walkCommand(command: Command, names: Set<string>): boolean {
  if (!command.redirects.every((r) => walkRedirect(r, names))) return false;
  switch (command.type) {
    case 'simple': {
      const [first, ...rest] = command.words;
      if (first) {
        // Only a word made of literal text names its command before the script runs.
        if (!first.parts.every((p) => p.type === 'literal')) return false;
        names.add(first.parts.map((p) => (p.type === 'literal' ? p.value : '')).join(''));
      }
      return rest.every((w) => walkWord(w, names)) && command.assignments.every((a) => walkWord(a.value, names));
    }
    case 'for':
      return (command.items ?? []).every((w) => walkWord(w, names)) && walkList(command.body, names);
    case 'while':
      return walkList(command.condition, names) && walkList(command.body, names);
    case 'if':
      return command.clauses.every((c) => walkList(c.condition, names) && walkList(c.body, names)) && (!command.elseBody || walkList(command.elseBody, names));
    case 'group':
    case 'subshell':
      return walkList(command.body, names);
  }
}

function walkRedirect(redirect: Redirect, names: Set<string>): boolean {
  return walkWord(redirect.type === 'heredoc' ? redirect.body : redirect.target, names);
}

function walkWord(word: Word, names: Set<string>): boolean {
  for (const part of word.parts) {
    if (part.type === 'command' && !walkList(part.script.body, names)) return false;
    if (part.type === 'arithmetic' && !walkWord(part.expression, names)) return false;
    if (part.type === 'param' && !walkParamOp(part.op, names)) return false;
  }
  return true;
}

function walkParamOp(op: ParamOp, names: Set<string>): boolean {
  switch (op.kind) {
    case 'substring':
      return walkWord(op.offset, names) && (!op.length || walkWord(op.length, names));
    case 'default':
    case 'assign':
    case 'alternative':
    case 'error':
      return walkWord(op.word, names);
    case 'removePrefix':
    case 'removeSuffix':
      return walkWord(op.pattern, names);
    case 'replace':
      return walkWord(op.pattern, names) && walkWord(op.replacement, names);
    default:
      return true;
  }
}

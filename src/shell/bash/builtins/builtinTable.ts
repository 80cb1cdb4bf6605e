import { alias, unalias } from './alias.ts';
import type { Builtin } from './builtin.ts';
import { lazyUtilities } from './lazyUtilities.ts';
import { cat } from './cat.ts';
import { cd } from './cd.ts';
import { clear } from './clear.ts';
import { command } from './command.ts';
import { echo } from './echo.ts';
import { env } from './env.ts';
import { exitShell } from './exitShell.ts';
import { exportVar } from './exportVar.ts';
import { grep } from './grep.ts';
import { headTail } from './headTail.ts';
import { help } from './help.ts';
import { history } from './history.ts';
import { loopControl } from './loopControl.ts';
import { ls } from './ls.ts';
import { mkdir } from './mkdir.ts';
import { printf } from './printf.ts';
import { pwd } from './pwd.ts';
import { read } from './read.ts';
import { rm } from './rm.ts';
import { seq } from './seq.ts';
import { sleep } from './sleep.ts';
import { tee } from './tee.ts';
import { testCondition } from './testCondition.ts';
import { touch } from './touch.ts';
import { trivial } from './trivial.ts';
import { unset } from './unset.ts';
import { wc } from './wc.ts';
import { type, which } from './which.ts';

/**
 * The commands the shell itself provides. `shell` entries change or read shell state and cannot be
 * replaced by registered commands; `utilities` are stand-ins for /usr/bin tools that a registered
 * command of the same name replaces.
 */
export const builtinTable: { shell: ReadonlyMap<string, Builtin>; utilities: ReadonlyMap<string, Builtin> } = {
  shell: new Map<string, Builtin>([
    [':', trivial.true],
    ['[', testCondition],
    ['alias', alias],
    ['break', loopControl],
    ['cd', cd],
    ['command', command],
    ['continue', loopControl],
    ['echo', echo],
    ['exit', exitShell],
    ['export', exportVar],
    ['false', trivial.false],
    ['help', help],
    ['history', history],
    ['printf', printf],
    ['pwd', pwd],
    ['read', read],
    ['test', testCondition],
    ['true', trivial.true],
    ['type', type],
    ['unalias', unalias],
    ['unset', unset],
  ]),
  // In name order, the text tools (which load after the engine) among the others.
  utilities: new Map<string, Builtin>(
    (
      [
        ...lazyUtilities,
        ['cat', cat],
        ['clear', clear],
        ['env', env],
        ['grep', grep],
        ['head', headTail],
        ['ls', ls],
        ['mkdir', mkdir],
        ['rm', rm],
        ['seq', seq],
        ['sleep', sleep],
        ['tail', headTail],
        ['tee', tee],
        ['touch', touch],
        ['wc', wc],
        ['which', which],
      ] satisfies [string, Builtin][]
    ).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ),
};

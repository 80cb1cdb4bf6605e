import { alias, unalias } from './alias.ts';
import type { Builtin } from './builtin.ts';
import { cat } from './cat.ts';
import { cd } from './cd.ts';
import { clear } from './clear.ts';
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
import { jq } from '../../text/jq/jq.ts';
import { awk } from '../../text/awk/awk.ts';
import { base64 } from '../../text/base64.ts';
import { cut } from '../../text/cut.ts';
import { pager } from '../../text/pager.ts';
import { sed } from '../../text/sed.ts';
import { sort } from '../../text/sort.ts';
import { tr } from '../../text/tr.ts';
import { uniq } from '../../text/uniq.ts';
import { watch } from '../../text/watch.ts';
import { xargs } from '../../text/xargs.ts';

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
  utilities: new Map<string, Builtin>([
    ['awk', awk],
    ['base64', base64],
    ['cat', cat],
    ['clear', clear],
    ['cut', cut],
    ['env', env],
    ['grep', grep],
    ['head', headTail],
    ['jq', jq],
    ['less', pager],
    ['ls', ls],
    ['mkdir', mkdir],
    ['more', pager],
    ['rm', rm],
    ['sed', sed],
    ['seq', seq],
    ['sleep', sleep],
    ['sort', sort],
    ['tail', headTail],
    ['tee', tee],
    ['touch', touch],
    ['tr', tr],
    ['uniq', uniq],
    ['watch', watch],
    ['wc', wc],
    ['which', which],
    ['xargs', xargs],
  ]),
};

import type { Builtin } from '../bash/builtins/builtin.ts';
import { awk } from './awk/awk.ts';
import { base64 } from './base64.ts';
import { cut } from './cut.ts';
import { jq } from './jq/jq.ts';
import { pager } from './pager.ts';
import { sed } from './sed.ts';
import { sort } from './sort.ts';
import { tr } from './tr.ts';
import { uniq } from './uniq.ts';
import { watch } from './watch.ts';
import { xargs } from './xargs.ts';

/**
 * The text tools as the shell's utilities, by name. Loaded after the engine in the browser, up
 * front in Node (see bash/builtins/lazyUtilities.ts).
 */
export const textTools: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['awk', awk],
  ['base64', base64],
  ['cut', cut],
  ['jq', jq],
  ['less', pager],
  ['more', pager],
  ['sed', sed],
  ['sort', sort],
  ['tr', tr],
  ['uniq', uniq],
  ['watch', watch],
  ['xargs', xargs],
]);

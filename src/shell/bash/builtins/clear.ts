import type { Builtin } from './builtin.ts';

/** `clear`: the escape sequence xterm's `clear` prints (home, erase screen, erase scrollback). */
export const clear: Builtin = (ctx) => {
  ctx.stdout('\x1b[H\x1b[2J\x1b[3J');
  return 0;
};

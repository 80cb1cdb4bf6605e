import type { Builtin } from './builtin.ts';

/** `read [-r] [name …]`: one line of stdin split over the names (the last takes the rest); REPLY by default. */
export const read: Builtin = (ctx, host) => {
  const args = ctx.argv.slice(1);
  let raw = false;
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const flag = args.shift()!;
    if (flag === '--') break;
    if (flag === '-p') {
      // The prompt goes to stderr, and only when reading from a terminal.
      const prompt = args.shift() ?? '';
      if (ctx.stdinIsTerminal) ctx.stderr(prompt);
    } else if (flag === '-r') raw = true;
    else {
      ctx.stderr(`bash: read: ${flag}: invalid option\nread: usage: read [-r] [-p prompt] [name ...]\n`);
      return 2;
    }
  }
  const names = args.length > 0 ? args : ['REPLY'];
  const bad = names.find((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
  if (bad !== undefined) {
    ctx.stderr(`bash: read: \`${bad}': not a valid identifier\n`);
    return 1;
  }
  let text = '';
  let complete = false;
  let got = false;
  for (;;) {
    const next = host.readLine();
    if (!next) break;
    got = true;
    complete = next.complete;
    // Without -r a backslash escapes the next character and a trailing one joins the next line.
    if (!raw && next.complete && /(^|[^\\])(\\\\)*\\$/.test(next.line)) {
      text += next.line.slice(0, -1);
      continue;
    }
    text += next.line;
    break;
  }
  if (!raw) text = text.replace(/\\(.)/g, '$1');
  if (names.length === 1 && names[0] === 'REPLY' && args.length === 0) {
    host.vars.set('REPLY', text);
  } else {
    let rest = text.replace(/^[ \t\n]+/, '');
    names.forEach((name, i) => {
      if (i === names.length - 1) {
        host.vars.set(name, rest.replace(/[ \t\n]+$/, ''));
        return;
      }
      const match = /^([^ \t\n]*)[ \t\n]*/.exec(rest);
      host.vars.set(name, match?.[1] ?? '');
      rest = rest.slice(match?.[0].length ?? rest.length);
    });
  }
  return got && complete ? 0 : 1;
};

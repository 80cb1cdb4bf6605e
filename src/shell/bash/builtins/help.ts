import type { Builtin } from './builtin.ts';
import { summaries } from './summaries.ts';

/** `help` lists what can be typed here; `help NAME` describes one shell command. */
export const help: Builtin = (ctx, host) => {
  const { builtins, commands } = host.commandNames();
  const topics = ctx.argv.slice(1);
  if (topics.length > 0) {
    let status = 0;
    for (const topic of topics) {
      const summary = builtins.includes(topic) ? summaries[topic] : undefined;
      if (summary === undefined) {
        ctx.stderr(
          `bash: help: no help topics match \`${topic}'.  Try \`help help' or \`man -k ${topic}' or \`info ${topic}'.\n`,
        );
        status = 1;
      } else ctx.stdout(`${topic}: ${summary}\n`);
    }
    return status;
  }
  const lines = [
    'This terminal runs a small bash with simulated cluster tools.',
    '',
    'Cluster tools:',
    ...wrap(commands.length > 0 ? commands : ['(none)']),
    '',
    'Shell commands:',
    ...wrap(builtins),
    '',
    'Shell syntax: pipes (a | b), lists (a; b  a && b  a || b), for/while/until/if,',
    'redirects (> >> < 2>&1 &> /dev/null), here-documents (<<EOF), $VAR, ${VAR:-default},',
    "$(command), $((1 + 2)), 'single' and \"double\" quotes, and \\ to continue a line.",
    '',
    'Type `help NAME` for a line about one shell command, or `kubectl --help` and the like.',
  ];
  ctx.stdout(`${lines.join('\n')}\n`);
  return 0;
};

function wrap(names: string[]): string[] {
  const lines: string[] = [];
  let line = '';
  for (const name of [...names].sort()) {
    if (line !== '' && line.length + name.length + 2 > 78) {
      lines.push(line);
      line = '';
    }
    line += `  ${name}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

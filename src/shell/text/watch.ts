import type { Builtin } from '../bash/builtins/builtin.ts';

/** How many times `watch` runs its command before the simulator stops it (the real one runs until Ctrl+C). */
export const WATCH_ROUNDS = 3;

const USAGE =
  '\nUsage:\n watch [options] command\n\nOptions:\n' +
  '  -b, --beep             beep if command has a non-zero exit\n' +
  '  -c, --color            interpret ANSI color and style sequences\n' +
  '  -d, --differences[=<permanent>]\n                         highlight changes between updates\n' +
  '  -e, --errexit          exit if command has a non-zero exit\n' +
  '  -g, --chgexit          exit when output from command changes\n' +
  '  -q, --equexit <cycles>\n                         exit when output from command does not change\n' +
  '  -n, --interval <secs>  seconds to wait between updates\n' +
  '  -p, --precise          attempt run command in precise intervals\n' +
  '  -t, --no-title         turn off header\n' +
  '  -w, --no-wrap          turn off line wrapping\n' +
  '  -x, --exec             pass command to exec instead of "sh -c"\n\n' +
  ' -h, --help     display this help and exit\n' +
  ' -v, --version  output version information and exit\n\n' +
  'For more details see watch(1).\n';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ctime's form without the newline, in UTC as Cloud Shell's clock is: `Mon Dec  7 05:30:02 2026`. */
function ctime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/**
 * procps-ng 4.0's header line (src/watch.c output_header): `Every N.Ns: COMMAND` on the left,
 * `HOST: TIME` on the right of a `width`-column line; the command is cut with `...` when too long.
 */
export function watchHeader(interval: number, command: string, host: string, time: string, width: number): string {
  const left = `Every ${interval.toFixed(1)}s: `;
  const right = `${host}: ${time}`;
  if (width < right.length) return '';
  const avail = width - left.length - right.length;
  if (avail < 0) return ' '.repeat(width - right.length) + right;
  let shown = '';
  if (avail > command.length) shown = command;
  else if (avail > 3) shown = `${command.slice(0, avail - 4)}...`;
  const head = left + shown;
  return head + ' '.repeat(width - head.length - right.length) + right;
}

/**
 * `watch [-n SECS] [-t] [-x] [-e] [-g] COMMAND`: runs the command a few rounds on the simulated clock
 * (each round waits the interval with the shell's `sleep`, so the world moves on), printing each
 * screen as procps watch draws it: the header, a blank line, then the command's output and errors.
 * The terminal here cannot be taken over full-screen, so screens follow one another; after
 * WATCH_ROUNDS rounds the simulator stops it with a note, where the real one waits for Ctrl+C.
 */
export const watch: Builtin = (ctx, host) => {
  const args = ctx.argv.slice(1);
  let interval = 2;
  let title = true;
  let exec = false;
  let errexit = false;
  let chgexit = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const long = a.startsWith('--') ? a.slice(2).split('=')[0]! : undefined;
    const letters = long === undefined ? a.slice(1) : '';
    const handle = (c: string, inlineValue: string | undefined): number | 'consumed' | undefined => {
      switch (c) {
        case 'n':
        case 'interval': {
          const v = inlineValue ?? args[++i];
          const n = v === undefined ? NaN : Number(v.replace(',', '.'));
          if (v === undefined || Number.isNaN(n)) {
            ctx.stderr(v === undefined ? `watch: option requires an argument -- 'n'\n${USAGE}` : `watch: failed to parse argument: '${v}': Invalid argument\n`);
            return 1;
          }
          // procps clamps the interval to at least 0.1 s.
          interval = Math.max(0.1, n);
          return 'consumed';
        }
        case 't':
        case 'no-title':
          title = false;
          return undefined;
        case 'x':
        case 'exec':
          exec = true;
          return undefined;
        case 'e':
        case 'errexit':
          errexit = true;
          return undefined;
        case 'g':
        case 'chgexit':
          chgexit = true;
          return undefined;
        case 'b': case 'beep': case 'c': case 'color': case 'C': case 'no-color': case 'd': case 'differences':
        case 'p': case 'precise': case 'w': case 'no-wrap': case 'r': case 'no-rerun': case 'k': case 'nokeypr':
          return undefined;
        case 'h':
        case 'help':
          ctx.stdout(USAGE);
          return 0;
        case 'v':
        case 'version':
          ctx.stdout('watch from procps-ng 4.0.2\n');
          return 0;
        default:
          ctx.stderr(`${long === undefined ? `watch: invalid option -- '${c}'` : `watch: unrecognized option '${a}'`}\n${USAGE}`);
          return 1;
      }
    };
    if (long !== undefined) {
      const r = handle(long, a.includes('=') ? a.slice(a.indexOf('=') + 1) : undefined);
      if (typeof r === 'number') return r;
      continue;
    }
    for (let j = 0; j < letters.length; j++) {
      const rest = letters.slice(j + 1);
      const r = handle(letters[j]!, letters[j] === 'n' && rest !== '' ? rest : undefined);
      if (typeof r === 'number') return r;
      if (r === 'consumed') break;
    }
  }
  const words = args.slice(i);
  if (words.length === 0) {
    ctx.stderr(USAGE);
    return 1;
  }
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  // Without -x the words are joined and given to `sh -c`, so pipes and quotes inside work.
  const command = words.join(' ');
  const script = exec ? words.map(quote).join(' ') : command;
  const hostname = ctx.env.get('HOSTNAME') ?? 'cloudshell';
  const width = Number(ctx.env.get('COLUMNS')) > 0 ? Number(ctx.env.get('COLUMNS')) : 80;
  const start = Date.now();
  let previous: string | undefined;
  for (let round = 0; round < WATCH_ROUNDS; round++) {
    if (round > 0) host.sleep(interval * 1000);
    let screen = '';
    const status = host.runSubshell(script, '', (t) => (screen += t), (t) => (screen += t));
    if (title) ctx.stdout(`${watchHeader(interval, command, hostname, ctime(start + round * interval * 1000), width)}\n\n`);
    ctx.stdout(screen);
    if (errexit && status !== 0) {
      ctx.stderr(`\ncommand exit with a non-zero status, press a key to exit\n`);
      return 8;
    }
    if (chgexit && previous !== undefined && previous !== screen) return 0;
    previous = screen;
  }
  ctx.stderr(`mtls-playground: watch stopped after ${WATCH_ROUNDS} rounds; the real watch keeps running until Ctrl+C\n`);
  return 0;
};

import { describe, expect, it } from 'vitest';
import type { CommandHandler } from '../../types.ts';
import { Shell } from '../shell.ts';
import { createTestShell } from '../testShell.ts';
import { builtinTable } from './builtinTable.ts';
import { summaries } from './summaries.ts';

describe('builtins', () => {
  it('gives every builtin a help line', () => {
    for (const name of [...builtinTable.shell.keys(), ...builtinTable.utilities.keys()]) {
      expect(summaries[name], name).toBeDefined();
    }
  });

  it('lets registered commands replace utilities but not shell builtins', () => {
    const fake: CommandHandler = (ctx) => {
      ctx.stdout(`fake ${ctx.argv[0]}\n`);
      return 0;
    };
    const shell = new Shell({ commands: { cat: fake, cd: fake, echo: fake } });
    const out = (text: string) => shell.run(text).chunks.map((c) => c.text).join('');
    expect(out('cat x')).toBe('fake cat\n');
    expect(out('echo real')).toBe('real\n');
    expect(out('cd /tmp; pwd')).toBe('/tmp\n');
  });

  describe('echo', () => {
    it.each([
      ['echo a  b', 'a b\n'],
      ['echo -n a', 'a'],
      ["echo -e 'a\\tb\\nc'", 'a\tb\nc\n'],
      ["echo 'a\\tb'", 'a\\tb\n'],
      ["echo -ne 'x\\n'", 'x\n'],
      ["echo -e 'one\\ctwo'", 'one'],
      ['echo -x -- -n', '-x -- -n\n'],
      ['echo', '\n'],
    ])('%s', (input, stdout) => {
      expect(createTestShell().run(input).stdout).toBe(stdout);
    });
  });

  describe('files', () => {
    it('lists sorted names on one line, hiding dotfiles unless -a', () => {
      const { run } = createTestShell();
      run('touch b.yaml a.yaml .hidden; mkdir dir');
      expect(run('ls').stdout).toBe('a.yaml  b.yaml  dir\n');
      expect(run('ls -a').stdout).toBe('.  ..  .hidden  a.yaml  b.yaml  dir\n');
      expect(run('ls -1 dir a.yaml').stdout).toBe('a.yaml\n\ndir:\n');
      expect(run('ls nope')).toMatchObject({ stderr: "ls: cannot access 'nope': No such file or directory\n", exitCode: 2 });
      expect(run('ls -z')).toMatchObject({ stderr: "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", exitCode: 2 });
    });

    it('cats files and stdin and reports missing ones', () => {
      const { run } = createTestShell();
      run('echo one > a; echo two > b');
      expect(run('cat a b').stdout).toBe('one\ntwo\n');
      expect(run('echo piped | cat a -').stdout).toBe('one\npiped\n');
      expect(run('cat a x b')).toMatchObject({ stdout: 'one\ntwo\n', stderr: 'cat: x: No such file or directory\n', exitCode: 1 });
      expect(run('cat /tmp').stderr).toBe('cat: /tmp: Is a directory\n');
    });

    it('removes files and directories with GNU messages', () => {
      const { run, fs } = createTestShell();
      run('mkdir -p d/e; touch f');
      expect(run('rm x')).toMatchObject({ stderr: "rm: cannot remove 'x': No such file or directory\n", exitCode: 1 });
      expect(run('rm -f x').exitCode).toBe(0);
      expect(run('rm d')).toMatchObject({ stderr: "rm: cannot remove 'd': Is a directory\n", exitCode: 1 });
      expect(run('rm -rf d f').exitCode).toBe(0);
      expect(fs.exists('d') || fs.exists('f')).toBe(false);
      expect(run('rm').stderr).toBe("rm: missing operand\nTry 'rm --help' for more information.\n");
    });

    it('makes directories and touches files', () => {
      const { run, fs } = createTestShell();
      expect(run('mkdir a/b')).toMatchObject({ stderr: "mkdir: cannot create directory 'a/b': No such file or directory\n", exitCode: 1 });
      expect(run('mkdir -p a/b/c && mkdir -p a/b').exitCode).toBe(0);
      expect(fs.isDirectory('a/b/c')).toBe(true);
      expect(run('mkdir a').stderr).toBe("mkdir: cannot create directory 'a': File exists\n");
      expect(run('touch a/new; touch nope/x')).toMatchObject({ stderr: "touch: cannot touch 'nope/x': No such file or directory\n" });
      expect(fs.readFile('a/new')).toBe('');
    });

    it('changes directory and keeps PWD and OLDPWD', () => {
      const { run, shell } = createTestShell();
      expect(run('cd /tmp && pwd').stdout).toBe('/tmp\n');
      expect(shell.env.get('OLDPWD')).toBe('/home/learner');
      expect(run('cd - && cd && pwd').stdout).toBe('/home/learner\n/home/learner\n');
      expect(run('cd nope')).toMatchObject({ stderr: 'bash: cd: nope: No such file or directory\n', exitCode: 1 });
      expect(run('cd a b').stderr).toBe('bash: cd: too many arguments\n');
    });
  });

  describe('text tools', () => {
    const lines = "printf 'Apple\\nbanana\\napple pie\\ncherry\\n'";

    it.each([
      ['grep apple', 'apple pie\n', 0],
      ['grep -i apple', 'Apple\napple pie\n', 0],
      ['grep -v a', 'Apple\ncherry\n', 0],
      ['grep -c an', '1\n', 0],
      ['grep -n "^[ab]"', '2:banana\n3:apple pie\n', 0],
      ['grep -E "an(an)+"', 'banana\n', 0],
      ['grep "an\\(an\\)\\+"', 'banana\n', 0],
      ['grep -F "."', '', 1],
      ['grep -q cherry', '', 0],
      ['grep zzz', '', 1],
      ['head -n 2', 'Apple\nbanana\n', 0],
      ['head -1', 'Apple\n', 0],
      ['tail -n 1', 'cherry\n', 0],
      ['tail -n +3', 'apple pie\ncherry\n', 0],
      ['wc -l', '4\n', 0],
      ['wc -w', '5\n', 0],
    ])('%s', (command, stdout, exitCode) => {
      expect(createTestShell().run(`${lines} | ${command}`)).toMatchObject({ stdout, exitCode });
    });

    it('reads files, naming them when there are several', () => {
      const { run } = createTestShell();
      run("printf 'a\\nb\\n' > one; printf 'b\\n' > two");
      expect(run('grep b one two').stdout).toBe('one:b\ntwo:b\n');
      expect(run('wc -l one two').stdout).toBe('2 one\n1 two\n3 total\n');
      expect(run('grep b nope')).toMatchObject({ stderr: 'grep: nope: No such file or directory\n', exitCode: 2 });
      expect(run('head nope').stderr).toBe("head: cannot open 'nope' for reading: No such file or directory\n");
      expect(run('grep').exitCode).toBe(2);
    });
  });

  describe('shell state', () => {
    it('exports, lists and unsets variables', () => {
      const { run, shell } = createTestShell();
      run('export NS=frontend GREETING="hi there"; LOCAL=1');
      expect(run('export').stdout).toContain('declare -x GREETING="hi there"\n');
      expect(run('export').stdout).not.toContain('LOCAL');
      expect(run('export 1x=y')).toMatchObject({ stderr: "bash: export: `1x=y': not a valid identifier\n", exitCode: 1 });
      run('unset NS');
      expect(shell.env.has('NS')).toBe(false);
    });

    it('numbers history like bash and clears it', () => {
      const { run } = createTestShell();
      run('echo a');
      expect(run('history').stdout).toBe('    1  echo a\n    2  history\n');
      expect(run('history 1').stdout).toBe('    3  history 1\n');
      run('history -c');
      expect(run('history').stdout).toBe('    5  history\n');
    });

    it('defines, lists and removes aliases', () => {
      const { run, calls } = createTestShell();
      run('alias k=kubectl kgp="kubectl get pods"');
      run("k get ns; kgp -n 'front end'; \\k nope 2>/dev/null");
      expect(calls).toEqual([
        ['kubectl', 'get', 'ns'],
        ['kubectl', 'get', 'pods', '-n', 'front end'],
      ]);
      expect(run('alias').stdout).toBe("alias k='kubectl'\nalias kgp='kubectl get pods'\n");
      expect(run('unalias k; k').stderr).toBe('bash: k: command not found\n');
    });

    it('refuses alias names the parser would need quoted, as bash does', () => {
      // bash 5.2 general.c `legal_alias_name`: no shellbreak `()<>;&| \t\n`, no quote or backslash,
      // no `$`, no `/`; alias.def splits at the first `=`, reports "`NAME': invalid alias name" and fails.
      const { run } = createTestShell();
      expect(run("alias '<img src=x>'=ls")).toMatchObject({ stderr: "bash: alias: `<img src': invalid alias name\n", exitCode: 1 });
      expect(run("alias 'a/b=ls' ok=1 'a b=2' 'a$b=3' 'a\"b=4'")).toMatchObject({
        stderr: "bash: alias: `a/b': invalid alias name\nbash: alias: `a b': invalid alias name\nbash: alias: `a$b': invalid alias name\nbash: alias: `a\"b': invalid alias name\n",
        exitCode: 1,
      });
      // alias.c `qsort_alias_compare` compares first bytes as signed chars: `é` (0xC3) sorts first.
      expect(run("alias 'a*b=ls' 'é=ls'; alias")).toMatchObject({ stdout: "alias é='ls'\nalias a*b='ls'\nalias ok='1'\n", exitCode: 0 });
    });

    it('reads alias options as bash does and marks names that start with -', () => {
      const { run } = createTestShell();
      expect(run('alias -- -x=ls; alias -- -x').stdout).toBe("alias -- -x='ls'\n");
      expect(run('alias -z')).toMatchObject({ stderr: 'bash: alias: -z: invalid option\nalias: usage: alias [-p] [name[=value] ... ]\n', exitCode: 2 });
      expect(run('alias k=kubectl -p')).toMatchObject({ stderr: 'bash: alias: -p: not found\n', exitCode: 1 });
      expect(run('alias -p g=git').stdout).toBe("alias -- -x='ls'\nalias k='kubectl'\n");
    });

    it('tells what a name runs with type and which', () => {
      const { run } = createTestShell();
      run('alias k=kubectl');
      expect(run('type k cd kubectl cat').stdout).toBe(
        "k is aliased to `kubectl'\ncd is a shell builtin\nkubectl is /usr/local/bin/kubectl\ncat is /usr/bin/cat\n",
      );
      expect(run('which kubectl nope')).toMatchObject({ stdout: '/usr/local/bin/kubectl\n', exitCode: 1 });
    });

    // bash 5.3 builtins/command.def and type.def (describe_command): -v prints a reusable form and
    // nothing for a missing name, -V a sentence and `not found`; the status is 0 if any was found.
    it('command -v and -V tell what a name runs, as bash describes it', () => {
      const { run } = createTestShell();
      run("alias k=kubectl q=\"echo it's\"");
      expect(run('command -v kubectl k cd cat nope')).toMatchObject({ stdout: "/usr/local/bin/kubectl\nalias k='kubectl'\ncd\n/usr/bin/cat\n", stderr: '', exitCode: 0 });
      expect(run('command -v q').stdout).toBe("alias q='echo it'\\''s'\n");
      expect(run('command -v nope')).toMatchObject({ stdout: '', stderr: '', exitCode: 1 });
      expect(run('command -V k nope')).toMatchObject({ stdout: "k is aliased to `kubectl'\n", stderr: 'bash: command: nope: not found\n', exitCode: 0 });
      expect(run('command -pv -- cd').stdout).toBe('cd\n');
      expect(run('command -x')).toMatchObject({ stderr: 'bash: command: -x: invalid option\ncommand: usage: command [-pVv] command [arg ...]\n', exitCode: 2 });
      expect(run('command')).toMatchObject({ stdout: '', exitCode: 0 });
      expect(run('if command -v kubectl >/dev/null; then echo yes; fi').stdout).toBe('yes\n');
    });

    it('command NAME runs NAME without expanding an alias of that name', () => {
      const { run, calls } = createTestShell();
      run('alias kubectl="kubectl -n frontend" k=kubectl');
      expect(run('command kubectl get pods').stdout).toBe('["kubectl","get","pods"]\n');
      expect(run('kubectl get pods').stdout).toBe('["kubectl","-n","frontend","get","pods"]\n');
      expect(run('command k get pods')).toMatchObject({ stderr: 'bash: k: command not found\n', exitCode: 127 });
      expect(run('command -p -- echo hi | command cat').stdout).toBe('hi\n');
      expect(calls).toHaveLength(2);
    });

    it('counts with seq', () => {
      const { run } = createTestShell();
      expect(run('seq 3; seq -s, 2 2 6').stdout).toBe('1\n2\n3\n2,4,6\n');
      // Too much for a pipe: the run stops with a note instead of printing a wrong last line.
      expect(run('seq 1 100000000 | tail -n 1').stderr).toMatch(/stopped: a pipe/);
    });

    it('clears the screen with the xterm sequence', () => {
      expect(createTestShell().run('clear').stdout).toBe('\x1b[H\x1b[2J\x1b[3J');
    });

    it('lists the registered commands and the builtins in help', () => {
      const { run } = createTestShell();
      const { stdout } = run('help');
      expect(stdout).toContain('kubectl');
      expect(stdout).toContain('cd');
      expect(stdout).toContain('grep');
      expect(run('help cd').stdout).toBe(`cd: ${summaries.cd}\n`);
      expect(run('help nope').exitCode).toBe(1);
    });

    it('reads lines into variables', () => {
      const { run } = createTestShell();
      expect(run("printf 'a b c\\nd e\\n' | while read first rest; do echo \"[$first][$rest]\"; done").stdout).toBe('[a][b c]\n[d][e]\n');
    });

    it('formats with printf', () => {
      const { run } = createTestShell();
      expect(run("printf '%s=%03d %-3s|%x\\n' a 7 b 255 c 1").stdout).toBe('a=007 b  |ff\nc=001    |0\n');
      expect(run("printf '%d\\n' x")).toMatchObject({ stdout: '0\n', stderr: 'bash: printf: x: invalid number\n', exitCode: 1 });
    });

    // Expected outputs below were printed by bash 5.2.15 on x86-64 Linux.
    it.each([
      ["printf '%.2f|%.0f|%.0f|%.0f|%.1f' 3.14159 0.5 1.5 2.5 0.25", '3.14|0|2|2|0.2'],
      // printf.def reads floats with strtold: an x87 long double, not a double.
      ["printf '%.20f|%.25e' 0.1 2.675", '0.10000000000000000000|2.6749999999999999999566319e+00'],
      ["printf '%g|%g|%g|%.3g|%#g|%G|%#.0f|%08.2f|%08f' 100000 1e6 0.0001234 99999 1 1e-10 3 -3.14159 inf", '100000|1e+06|0.0001234|1e+05|1.00000|1E-10|3.|-0003.14|     inf'],
      ["printf '%f|%f|%f|%e' -0 nan -inf 0", '-0.000000|nan|-inf|0.000000e+00'],
      ["printf '%d|%d|%u|%x|%#o|%#x|%.0d|%5.3d|%-5d|' 0x1f 010 -1 255 8 255 0 7 42", '31|8|18446744073709551615|ff|010|0xff||  007|42   |'],
      ["printf '%ld|%zd|%c|%5s|%-3s|%.1s' 5 6 ab x y xyz", '5|6|a|    x|y  |x'],
      ["printf '%*d|%-*d|%.*f' -5 1 3 2 -2 1.5", '1    |2  |1.500000'],
      ["printf '%b|x' 'ab\\cde' zz", 'ab'],
    ])('prints %s as bash does', (input, stdout) => {
      expect(createTestShell().run(input)).toMatchObject({ stdout, stderr: '', exitCode: 0 });
    });

    it('reports bad numbers as bash does and goes on', () => {
      // builtins/common.c `sh_invalidnum`; printf.def `printf_erange` for values out of range.
      expect(createTestShell().run("printf '%d|' 08 0x1g '5 ' 9223372036854775808 abc")).toMatchObject({
        stdout: '0|1|5|9223372036854775807|0|',
        stderr:
          'bash: printf: 08: invalid octal number\nbash: printf: 0x1g: invalid hex number\nbash: printf: 5 : invalid number\n' +
          'bash: printf: warning: 9223372036854775808: Numerical result out of range\nbash: printf: abc: invalid number\n',
        exitCode: 1,
      });
      expect(createTestShell().run("printf '%f|' 1.5x 1e5000")).toMatchObject({
        stdout: '1.500000|inf|',
        stderr: 'bash: printf: 1.5x: invalid number\nbash: printf: warning: 1e5000: Numerical result out of range\n',
      });
      expect(createTestShell().run("printf 'a%5'")).toMatchObject({ stdout: 'a', stderr: "bash: printf: `%5': missing format character\n", exitCode: 1 });
      expect(createTestShell().run("printf 'a%yb'")).toMatchObject({ stdout: 'a', stderr: "bash: printf: `y': invalid format character\n", exitCode: 1 });
    });

    it('prints any precision, and nothing for a width or precision past INT_MAX, as glibc printf does', () => {
      const { run } = createTestShell();
      expect(run("printf '%.999f'  1").stdout).toBe(`1.${'0'.repeat(999)}`);
      expect(run("printf '%.120f' 0.1").stdout).toBe(`0.${'1000000000000000000013552527156068805425093160010874271392822265625'.padEnd(120, '0')}`);
      // glibc refuses a width above INT_MAX (EOVERFLOW) and prints nothing for that conversion; bash carries on.
      expect(run("printf 'a%9999999999db|%.2147483648f|\\n' 1 2")).toMatchObject({ stdout: 'ab||\n', stderr: '', exitCode: 0 });
    });

    it('stops at the buffer limit where bash would print a gigabyte', () => {
      // bash prints 999,999,999 characters; the simulated shell stops at limits.maxBuffer (8 MiB).
      const { run } = createTestShell();
      const limit = 'bash: printf: output too long: more than 8388608 characters\n';
      expect(run("printf '%999999999d' 1")).toMatchObject({ stdout: '', stderr: limit, exitCode: 1 });
      expect(run("printf 'x%.999999999f' 1")).toMatchObject({ stdout: 'x', stderr: limit, exitCode: 1 });
      expect(run("printf '%999999999b' 1")).toMatchObject({ stderr: limit, exitCode: 1 });
      // printf.def `getint` clamps a `*` width to INT_MAX and, its pointer already moved on, names the next argument.
      expect(run("printf '%*d' 9999999999 1")).toMatchObject({ stderr: `bash: printf: warning: 1: Numerical result out of range\n${limit}` });
      expect(run("printf '%.999999999s|' abc")).toMatchObject({ stdout: 'abc|', exitCode: 0 });
      expect(run("printf '%.9999999g' 0.1").stdout).toBe('0.1000000000000000000013552527156068805425093160010874271392822265625');
    });

    it('tests conditions like [', () => {
      const { run } = createTestShell();
      run('touch f');
      expect(run('[ -f f ] && [ -d /tmp ] && [ ! -e nope ] && [ a != b ] && [ 3 -ge 3 ] && echo yes').stdout).toBe('yes\n');
      expect(run('[ 1 -eq x ]')).toMatchObject({ stderr: 'bash: [: x: integer expression expected\n', exitCode: 2 });
      expect(run('[ a = a')).toMatchObject({ stderr: "bash: [: missing `]'\n", exitCode: 2 });
    });
  });

  describe('sleep', () => {
    it('hands the duration to the sleep hook', () => {
      const { run, sleeps } = createTestShell();
      expect(run('sleep 2; sleep 0.5s; sleep 1m; sleep 1 1').exitCode).toBe(0);
      expect(sleeps).toEqual([2000, 500, 60000, 2000]);
    });

    it('rejects bad intervals as GNU sleep does', () => {
      const { run, sleeps } = createTestShell();
      expect(run('sleep x')).toMatchObject({
        stderr: "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n",
        exitCode: 1,
      });
      expect(run('sleep').stderr).toBe("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      expect(sleeps).toEqual([]);
    });
  });
});

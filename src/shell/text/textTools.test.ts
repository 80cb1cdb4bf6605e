import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestShell } from '../bash/testShell.ts';
import { cloudShell } from './testing.ts';

// Expected texts come from GNU coreutils 9.1 (sort, uniq, cut, tr, base64; github:coreutils/coreutils
// src/sort.c, src/uniq.c, src/cut.c, src/tr.c, src/basenc.c), grep 3.8, findutils 4.9 xargs and
// procps-ng 4.0.2 watch, run in the C locale (the simulated shell sets no LANG).
const TRY = (tool: string) => `Try '${tool} --help' for more information.\n`;

describe('text tools', () => {
  const { run } = createTestShell();
  const pipe = (input: string, command: string) => {
    run(`printf '%s' '${input.replace(/'/g, `'\\''`)}' > /tmp/in.txt`);
    return run(`${command} < /tmp/in.txt`);
  };

  describe('sort', () => {
    const lines = 'b 2\nA 10\na 1\nB 1\nb 2\nc -3\n10 x\n9 y\n';
    it.each([
      ['sort', '10 x\n9 y\nA 10\nB 1\na 1\nb 2\nb 2\nc -3\n'],
      ['sort -r', 'c -3\nb 2\nb 2\na 1\nB 1\nA 10\n9 y\n10 x\n'],
      ['sort -n', 'A 10\nB 1\na 1\nb 2\nb 2\nc -3\n9 y\n10 x\n'],
      ['sort -u', '10 x\n9 y\nA 10\nB 1\na 1\nb 2\nc -3\n'],
      ['sort -k2n', 'c -3\n10 x\n9 y\nB 1\na 1\nb 2\nb 2\nA 10\n'],
      // The key has its own ordering (n), so -r reverses only the last-resort comparison.
      ['sort -k2,2n -r', 'c -3\n9 y\n10 x\na 1\nB 1\nb 2\nb 2\nA 10\n'],
      ['sort -k1,1 -u', '10 x\n9 y\nA 10\nB 1\na 1\nb 2\nc -3\n'],
      ['sort -f', '10 x\n9 y\na 1\nA 10\nB 1\nb 2\nb 2\nc -3\n'],
    ])('%s', (command, expected) => {
      expect(pipe(lines, command).stdout).toBe(expected);
    });

    it('orders human sizes and versions', () => {
      expect(pipe('1K\n2M\n512\n1G\n3K\n', 'sort -h').stdout).toBe('512\n1K\n3K\n2M\n1G\n');
      expect(pipe('v1.10\nv1.9\nv1.2\n', 'sort -V').stdout).toBe('v1.2\nv1.9\nv1.10\n');
      expect(pipe('root:x:0\nbin:x:10\nd:x:2\n', 'sort -t : -k3n').stdout).toBe('root:x:0\nd:x:2\nbin:x:10\n');
    });

    it('complains as GNU sort does, with exit 2', () => {
      expect(run('sort -k 0 </dev/null')).toMatchObject({ stderr: "sort: field number is zero: invalid field specification '0'\n", exitCode: 2 });
      expect(run('sort -t ab </dev/null')).toMatchObject({ stderr: "sort: multi-character tab 'ab'\n", exitCode: 2 });
      expect(run('sort -z -q </dev/null')).toMatchObject({ stderr: `sort: invalid option -- 'q'\n${TRY('sort')}`, exitCode: 2 });
      expect(run('sort nofile')).toMatchObject({ stderr: 'sort: cannot read: nofile: No such file or directory\n', exitCode: 2 });
    });

    it('agrees with a simple model: sorted bytes, -u drops repeats, -n orders by value', () => {
      fc.assert(
        fc.property(fc.array(fc.stringMatching(/^[a-z0-9 -]{0,6}$/), { maxLength: 30 }), (items) => {
          const input = items.map((l) => `${l}\n`).join('');
          const model = [...items].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(pipe(input, 'sort').stdout).toBe(model.map((l) => `${l}\n`).join(''));
          expect(pipe(input, 'sort -u').stdout).toBe([...new Set(model)].map((l) => `${l}\n`).join(''));
        }),
        { numRuns: 40 },
      );
    });
  });

  describe('uniq', () => {
    const lines = 'a\na\nb\nc\nc\nc\nA\na\n';
    it.each([
      ['uniq', 'a\nb\nc\nA\na\n'],
      ['uniq -c', '      2 a\n      1 b\n      3 c\n      1 A\n      1 a\n'],
      ['uniq -d', 'a\nc\n'],
      ['uniq -u', 'b\nA\na\n'],
      ['uniq -i -c', '      2 a\n      1 b\n      3 c\n      2 A\n'],
      ['uniq -D', 'a\na\nc\nc\nc\n'],
    ])('%s', (command, expected) => {
      expect(pipe(lines, command).stdout).toBe(expected);
    });

    it('skips fields and reports bad counts', () => {
      expect(pipe('x a\ny a\nz b\n', 'uniq -f 1 -c').stdout).toBe('      2 x a\n      1 z b\n');
      expect(run('uniq -f x </dev/null')).toMatchObject({ stderr: 'uniq: x: invalid number of fields to skip\n', exitCode: 1 });
      expect(run('uniq nofile')).toMatchObject({ stderr: 'uniq: nofile: No such file or directory\n', exitCode: 1 });
    });

    it('matches a model of adjacent runs', () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 40 }), (items) => {
          const runs: [string, number][] = [];
          for (const x of items) {
            const last = runs[runs.length - 1];
            if (last && last[0] === x) last[1]++;
            else runs.push([x, 1]);
          }
          const input = items.map((l) => `${l}\n`).join('');
          expect(pipe(input, 'uniq -c').stdout).toBe(runs.map(([x, n]) => `${String(n).padStart(7)} ${x}\n`).join(''));
        }),
        { numRuns: 40 },
      );
    });
  });

  describe('cut', () => {
    const text = 'a:b:c\nx:y\nnodelim\n\n1:2:3:4:5\n';
    it.each([
      ['cut -d: -f2', 'b\ny\nnodelim\n\n2\n'],
      ['cut -d: -f1,3', 'a:c\nx\nnodelim\n\n1:3\n'],
      ['cut -d: -f3,1', 'a:c\nx\nnodelim\n\n1:3\n'],
      ['cut -d: -f2-', 'b:c\ny\nnodelim\n\n2:3:4:5\n'],
      ['cut -d: -f2 -s', 'b\ny\n2\n'],
      ['cut -c2-', ':b:c\n:y\nodelim\n\n:2:3:4:5\n'],
      ['cut -d: --complement -f2', 'a:c\nx\nnodelim\n\n1:3:4:5\n'],
      ["cut -d: -f1,2 '--output-delimiter=|'", 'a|b\nx|y\nnodelim\n\n1|2\n'],
    ])('%s', (command, expected) => {
      expect(pipe(text, command).stdout).toBe(expected);
    });

    it('complains about lists and delimiters', () => {
      expect(run('cut </dev/null')).toMatchObject({ stderr: `cut: you must specify a list of bytes, characters, or fields\n${TRY('cut')}`, exitCode: 1 });
      expect(run('cut -f0 </dev/null').stderr).toBe(`cut: fields are numbered from 1\n${TRY('cut')}`);
      expect(run('cut -d ab -f1 </dev/null').stderr).toBe(`cut: the delimiter must be a single character\n${TRY('cut')}`);
      expect(run('cut -c1 -f1 </dev/null').stderr).toBe(`cut: only one list may be specified\n${TRY('cut')}`);
    });
  });

  describe('tr', () => {
    const text = 'Hello World 123\naaabbb  x\n';
    it.each([
      ["tr a-z A-Z", 'HELLO WORLD 123\nAAABBB  X\n'],
      ["tr -d l", 'Heo Word 123\naaabbb  x\n'],
      ["tr -s ab", 'Hello World 123\nab  x\n'],
      ["tr '[:upper:]' '[:lower:]'", 'hello world 123\naaabbb  x\n'],
      ["tr -cd '[:digit:]\\n'", '123\n\n'],
      ["tr -s ' '", 'Hello World 123\naaabbb x\n'],
      ["tr ' ' '\\n'", 'Hello\nWorld\n123\naaabbb\n\nx\n'],
      ["tr a-c A-", 'Hello World 123\nAAA---  x\n'],
      ["tr lo '[x*]'", 'Hexxx Wxrxd 123\naaabbb  x\n'],
    ])('%s', (command, expected) => {
      expect(pipe(text, command).stdout).toBe(expected);
    });

    it('complains as GNU tr does', () => {
      expect(run('tr </dev/null').stderr).toBe(`tr: missing operand\n${TRY('tr')}`);
      expect(run('tr a </dev/null').stderr).toBe(`tr: missing operand after 'a'\nTwo strings must be given when translating.\n${TRY('tr')}`);
      expect(run('tr -d a b </dev/null').stderr).toBe(`tr: extra operand 'b'\nOnly one string may be given when deleting without squeezing repeats.\n${TRY('tr')}`);
      expect(run('tr c-a x </dev/null')).toMatchObject({ stderr: "tr: range-endpoints of 'c-a' are in reverse collating sequence order\n", exitCode: 1 });
      expect(run("tr a '[:upper:]' </dev/null").stderr).toBe('tr: misaligned [:upper:] and/or [:lower:] construct\n');
    });
  });

  describe('base64', () => {
    it('wraps at 76 columns, or as -w says', () => {
      const long = 'hello world, this is a longer text that goes past seventy-six characters of base64 output\n';
      expect(pipe(long, 'base64').stdout).toBe(
        'aGVsbG8gd29ybGQsIHRoaXMgaXMgYSBsb25nZXIgdGV4dCB0aGF0IGdvZXMgcGFzdCBzZXZlbnR5\nLXNpeCBjaGFyYWN0ZXJzIG9mIGJhc2U2NCBvdXRwdXQK\n',
      );
      expect(pipe('hi\n', 'base64 -w 0').stdout).toBe('aGkK');
      expect(pipe('', 'base64').stdout).toBe('');
      expect(run('base64 -w x </dev/null')).toMatchObject({ stderr: "base64: invalid wrap size: 'x'\n", exitCode: 1 });
    });

    it('decodes, and reports invalid input after what it could decode', () => {
      expect(pipe('aGVs\nbG8=\n', 'base64 -d').stdout).toBe('hello');
      expect(pipe('YQ==YQ==', 'base64 -d').stdout).toBe('aa');
      expect(pipe('aGk', 'base64 -d')).toMatchObject({ stdout: 'hi', stderr: 'base64: invalid input\n', exitCode: 1 });
      expect(pipe('aG!k=', 'base64 -d -i').stdout).toBe('hi');
    });

    it('round-trips any text', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 0, max: 80 }), (text, wrap) => {
          const shell = createTestShell();
          shell.run(`cat > /tmp/t <<'EOF'\n${text.replace(/\n?EOF/g, 'E0F')}\nEOF`);
          const original = shell.run('cat /tmp/t').stdout;
          expect(shell.run(`base64 -w ${wrap} /tmp/t | base64 -d`).stdout).toBe(original);
        }),
        { numRuns: 40 },
      );
    });
  });

  describe('grep context (GNU grep src/grep.c)', () => {
    const greek = 'alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\niota\nkappa\n';
    it.each([
      ['grep -A1 eta', 'beta\ngamma\n--\nzeta\neta\ntheta\niota\n'],
      ['grep -B1 eta', 'alpha\nbeta\n--\nepsilon\nzeta\neta\ntheta\n'],
      ['grep -C1 -n beta', '1-alpha\n2:beta\n3-gamma\n'],
      ['grep -n -B2 kappa', '8-theta\n9-iota\n10:kappa\n'],
      ['grep -C2 "gamma\\|iota"', 'alpha\nbeta\ngamma\ndelta\nepsilon\n--\neta\ntheta\niota\nkappa\n'],
      ['grep -m1 -A2 eta', 'beta\ngamma\ndelta\n'],
      ['grep --no-group-separator -A1 eta', 'beta\ngamma\nzeta\neta\ntheta\niota\n'],
      ['grep --group-separator=## -A1 eta', 'beta\ngamma\n##\nzeta\neta\ntheta\niota\n'],
      ['grep -c -C1 eta', '4\n'],
      ['grep -v -A1 a', 'epsilon\nzeta\n'],
    ])('%s', (command, expected) => {
      expect(pipe(greek, command).stdout).toBe(expected);
    });

    it('rejects a bad context length and matches pathological patterns in linear time', () => {
      expect(run('grep -A x a </dev/null')).toMatchObject({ stderr: 'grep: x: invalid context length argument\n', exitCode: 2 });
      // A backtracking matcher would not finish this in a lifetime.
      expect(pipe(`${'a'.repeat(5000)}b\n`, "grep -cE '(a+)+$'").stdout).toBe('0\n');
      expect(pipe('abcd\n', "grep -oE 'a|ab'").stdout).toBe('ab\n');
    });
  });
});

describe('commands that run commands, through Cloud Shell', () => {
  const { run } = cloudShell();

  it('xargs passes input words to kubectl through the normal command lookup', () => {
    const { stdout, exitCode } = run('kubectl get pods -n frontend -o name | xargs kubectl get -n frontend');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nfrontend-\S+ +2\/2 +Running/);
    expect(run("echo 'a b' | xargs -n 1 echo X").stdout).toBe('X a\nX b\n');
    expect(run("printf 'a\\nb\\n' | xargs -I {} echo '<{}>'").stdout).toBe('<a>\n<b>\n');
    expect(run("printf 'a\\0b c\\0' | xargs -0 -n1 echo").stdout).toBe('a\nb c\n');
    expect(run("printf '' | xargs echo hi; printf '' | xargs -r echo hi").stdout).toBe('hi\n');
  });

  it('xargs reports missing commands, failures and unbalanced quotes as findutils does', () => {
    expect(run('echo x | xargs nosuchcmd')).toEqual({ stdout: '', stderr: 'xargs: nosuchcmd: No such file or directory\n', exitCode: 127 });
    expect(run('echo x | xargs false')).toMatchObject({ exitCode: 123 });
    expect(run(`echo "a 'b" | xargs echo`)).toEqual({
      stdout: '',
      stderr: 'xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n',
      exitCode: 1,
    });
    expect(run('xargs -z </dev/null').stderr).toBe(`xargs: invalid option -- 'z'\n${TRY('xargs')}`);
  });

  it('watch shows a few screens with procps headers on the simulated clock, then stops with a note', () => {
    const { stdout, stderr, exitCode } = run('watch -n 1 kubectl get pods -n frontend');
    expect(exitCode).toBe(0);
    const headers = stdout.split('\n').filter((l) => l.startsWith('Every'));
    expect(headers).toHaveLength(3);
    for (const h of headers) {
      expect(h).toHaveLength(80);
      expect(h).toMatch(/^Every 1\.0s: kubectl get pods -n frontend +cloudshell: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
    }
    expect(stdout).toContain('\n\nNAME ');
    expect(stderr).toBe('mtls-playground: watch stopped after 3 rounds; the real watch keeps running until Ctrl+C\n');
    expect(run("watch -t 'echo hi | tr a-z A-Z'").stdout).toBe('HI\nHI\nHI\n');
    expect(run('watch -n x ls')).toEqual({ stdout: '', stderr: "watch: failed to parse argument: 'x': Invalid argument\n", exitCode: 1 });
    expect(run('watch').stderr).toMatch(/^\nUsage:\n watch \[options\] command\n/);
  });

  it('less and more print what they are given', () => {
    expect(run('echo hi | less').stdout).toBe('hi\n');
    run('echo x > f1');
    expect(run('more f1 f1').stdout).toBe('::::::::::::::\nf1\n::::::::::::::\nx\n::::::::::::::\nf1\n::::::::::::::\nx\n');
    expect(run('more nofile')).toMatchObject({ stderr: 'more: cannot open nofile: No such file or directory\n' });
    expect(run('less nofile').stderr).toBe('nofile: No such file or directory\n');
  });

  it('counts pods per namespace with the usual pipeline', () => {
    const { stdout } = run('kubectl get pods -A --no-headers | cut -d " " -f1 | sort | uniq -c | sort -rn | head -1');
    expect(stdout).toBe('     25 kube-system\n');
  });

  it('exists inside a container only where the image ships it (netshoot has jq, busybox has sed but no jq)', () => {
    const pod = run('kubectl get pods -n frontend -o name').stdout.trim().replace('pod/', '');
    expect(run(`kubectl debug -n frontend ${pod} -it --image=nicolaka/netshoot -- jq -c -n '{a: 1}'`).stdout).toContain('{"a":1}\n');
    expect(run(`kubectl debug -n frontend ${pod} -it --image=busybox -- sh -c 'printf "b\\na\\n" | sort'`).stdout).toContain('a\nb\n');
    expect(run(`kubectl debug -n frontend ${pod} -it --image=busybox -- jq -n 1`).stderr).toContain('exec: "jq": executable file not found');
  });

  it('decodes base64 from a pipeline', () => {
    expect(run('echo aGVsbG8gd29ybGQ= | base64 -d').stdout).toBe('hello world');
  });
});

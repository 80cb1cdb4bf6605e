import { describe, expect, it } from 'vitest';
import { MemoryFs } from './memoryFs.ts';
import { createTestShell } from './testShell.ts';

const argv = (...words: string[]) => `${JSON.stringify(words)}\n`;

describe('Shell', () => {
  describe('simple commands', () => {
    it('passes arguments to a registered command', () => {
      const { run, calls } = createTestShell();
      expect(run('kubectl get pods -n frontend').stdout).toBe(argv('kubectl', 'get', 'pods', '-n', 'frontend'));
      expect(calls).toEqual([['kubectl', 'get', 'pods', '-n', 'frontend']]);
    });

    it('reports an unknown command with status 127', () => {
      const { run, shell } = createTestShell();
      expect(run('kubeclt get pods')).toMatchObject({ stdout: '', stderr: 'bash: kubeclt: command not found\n', exitCode: 127 });
      expect(shell.lastExitCode).toBe(127);
    });

    it('applies quoting: single, double, backslash and adjacent pieces', () => {
      const { run } = createTestShell();
      expect(run(`kubectl a\\ b "c d" 'e f' g"h"'i' "" ''`).stdout).toBe(argv('kubectl', 'a b', 'c d', 'e f', 'ghi', '', ''));
      expect(run(`echo "\\$HOME \\"q\\" \\\\ \\x" '\\$HOME'`).stdout).toBe('$HOME "q" \\ \\x \\$HOME\n');
    });

    it('passes jsonpath expressions through unchanged', () => {
      const { run } = createTestShell();
      expect(run("kubectl get svc -o jsonpath='{.items[0].status.loadBalancer.ingress[0].ip}'").stdout).toBe(
        argv('kubectl', 'get', 'svc', '-o', 'jsonpath={.items[0].status.loadBalancer.ingress[0].ip}'),
      );
      expect(run('kubectl get pod -o jsonpath={.items..metadata.name} {.items[*]} * ? [a]').stdout).toBe(
        argv('kubectl', 'get', 'pod', '-o', 'jsonpath={.items..metadata.name}', '{.items[*]}', '*', '?', '[a]'),
      );
    });

    it('survives a command that throws', () => {
      const { run } = createTestShell();
      expect(run('boom; echo after')).toMatchObject({ stdout: 'after\n', stderr: 'bash: boom: internal error: kaboom\n', exitCode: 0 });
    });

    it('collects traces in order', () => {
      const { run } = createTestShell();
      const { result } = run('trace one; trace two | trace three');
      expect(result.traces).toEqual([{ id: 'one' }, { id: 'two' }, { id: 'three' }]);
    });

    it('keeps stdout and stderr interleaved and merges neighbouring chunks', () => {
      const { run } = createTestShell();
      const { result } = run('echo a; echo b; fail; echo c');
      expect(result.chunks).toEqual([
        { stream: 'stdout', text: 'a\nb\n' },
        { stream: 'stderr', text: 'fail: it failed\n' },
        { stream: 'stdout', text: 'c\n' },
      ]);
    });
  });

  describe('variables', () => {
    it('expands $VAR, ${VAR} and $? and splits unquoted values on whitespace', () => {
      const { run } = createTestShell();
      run('LIST="ad  cart\tcheckout"');
      expect(run('kubectl $LIST "$LIST" ${LIST}x').stdout).toBe(argv('kubectl', 'ad', 'cart', 'checkout', 'ad  cart\tcheckout', 'ad', 'cart', 'checkoutx'));
      expect(run('fail; echo $?').stdout).toBe('3\n');
      expect(run('kubectl $UNSET "$UNSET"').stdout).toBe(argv('kubectl', ''));
    });

    it('gives prefix assignments to the command only', () => {
      const { run, shell } = createTestShell();
      expect(run('NS=frontend env').stdout).toContain('NS=frontend\n');
      expect(shell.env.has('NS')).toBe(false);
      expect(run('NS=frontend echo [$NS]').stdout).toBe('[]\n');
    });

    it('exports variables to commands only after export', () => {
      const { run, shell } = createTestShell();
      run('A=1');
      expect(run('env').stdout).not.toContain('A=1');
      run('export A');
      expect(run('env').stdout).toContain('A=1\n');
      run('export B=two');
      expect(shell.env.get('B')).toBe('two');
      expect(run('B=local env').stdout).toContain('B=local\n');
    });

    it('sets the status of a bare assignment from its command substitution', () => {
      const { run } = createTestShell();
      expect(run('X=$(fail 2>/dev/null); echo $?').stdout).toBe('3\n');
      expect(run('X=$(true); echo $?').stdout).toBe('0\n');
    });

    it('supports the ${…} operators', () => {
      const { run } = createTestShell();
      run('P=/a/b/c.tar.gz; S=hello; E=');
      expect(run('echo ${P#*/} ${P##*/} ${P%.*} ${P%%.*}').stdout).toBe('a/b/c.tar.gz c.tar.gz /a/b/c.tar /a/b/c\n');
      expect(run('echo ${S/l/L} ${S//l/L} ${#S} ${S:1:3} ${S: -2}').stdout).toBe('heLlo heLLo 5 ell lo\n');
      expect(run('echo [${E:-d}] [${E-d}] [${E:+a}] [${N:-x}] ${N:=set} $N').stdout).toBe('[d] [] [] [x] set set\n');
    });

    it('drops the rest of the input after an expansion error, as interactive bash drops the line', () => {
      const { run } = createTestShell();
      expect(run('echo ${A b}; echo after')).toMatchObject({ stdout: '', stderr: 'bash: ${A b}: bad substitution\n', exitCode: 1 });
      expect(run('echo ${MISSING:?is required}; echo after')).toMatchObject({ stderr: 'bash: MISSING: is required\n', exitCode: 1 });
      expect(run('echo $((1/0))').stderr).toBe('bash: 1/0: division by 0 (error token is "0")\n');
    });

    it('expands braces but leaves jsonpath and other non-expressions literal', () => {
      const { run } = createTestShell();
      expect(run('echo {a,b}{1,2} x{y,z} {1..3} {03..1} {a..c} {a} {} {.items..metadata.name} "{a,b}"').stdout).toBe(
        'a1 a2 b1 b2 xy xz 1 2 3 03 02 01 a b c {a} {} {.items..metadata.name} {a,b}\n',
      );
      expect(run('for i in {1..3}; do curl -s http://frontend/; done').stdout).toBe(argv('curl', '-s', 'http://frontend/').repeat(3));
      expect(run('echo {1..999999}')).toMatchObject({ stdout: '', exitCode: 1 });
    });

    it('expands ~ at the start of unquoted words only', () => {
      const { run } = createTestShell();
      expect(run("echo ~ ~/x a~ '~' \"~\"").stdout).toBe('/home/learner /home/learner/x a~ ~ ~\n');
    });
  });

  describe('command substitution', () => {
    it('captures stdout, strips trailing newlines and splits unquoted results', () => {
      const { run } = createTestShell();
      expect(run('echo "[$(echo -e "a\\nb\\n\\n")]"').stdout).toBe('[a\nb]\n');
      expect(run('kubectl $(echo one two)').stdout).toBe(argv('kubectl', 'one', 'two'));
      expect(run('kubectl "$(echo one two)"').stdout).toBe(argv('kubectl', 'one two'));
    });

    it('nests, inside double quotes too, and with backquotes', () => {
      const { run } = createTestShell();
      expect(run('echo $(echo $(echo deep)) "$(echo "in $(echo side)")" `echo back`').stdout).toBe('deep in side back\n');
    });

    it('lets stderr of the substituted command through to the terminal', () => {
      const { run } = createTestShell();
      expect(run('echo "[$(fail)]"')).toMatchObject({ stdout: '[]\n', stderr: 'fail: it failed\n' });
    });

    it('runs in a copy of the shell', () => {
      const { run } = createTestShell();
      expect(run('X=1; Y=$(X=2; cd /tmp; echo $X); echo $X $Y; pwd').stdout).toBe('1 2\n/home/learner\n');
    });

    it('passes the product-catalog pod name into kubectl debug', () => {
      const { run, calls } = createTestShell();
      run(
        "kubectl debug --image istio/base --target istio-proxy -it $(kubectl get pod -l app=productcatalogservice -n product-catalog -o jsonpath={.items..metadata.name}) -n product-catalog -- curl http://frontend.frontend.svc.cluster.local:80/ -o /dev/null -s -w '%{http_code}\\n'",
      );
      expect(calls[0]).toEqual(['kubectl', 'get', 'pod', '-l', 'app=productcatalogservice', '-n', 'product-catalog', '-o', 'jsonpath={.items..metadata.name}']);
      // The fake prints its argv as one JSON word, which stands in for the pod name.
      expect(calls[1]).toEqual([
        'kubectl', 'debug', '--image', 'istio/base', '--target', 'istio-proxy', '-it', JSON.stringify(calls[0]),
        '-n', 'product-catalog', '--', 'curl', 'http://frontend.frontend.svc.cluster.local:80/',
        '-o', '/dev/null', '-s', '-w', '%{http_code}\\n',
      ]);
    });
  });

  describe('lists and pipelines', () => {
    it('short-circuits && and ||', () => {
      const { run, calls } = createTestShell();
      expect(run('fail && kubectl never || kubectl rescue && kubectl then').stdout).toBe(argv('kubectl', 'rescue') + argv('kubectl', 'then'));
      expect(calls).toEqual([['fail'], ['kubectl', 'rescue'], ['kubectl', 'then']]);
    });

    it('feeds stdout into the next command and reports the last status', () => {
      const { run } = createTestShell();
      expect(run('echo hello | stdin').stdout).toBe('{"stdin":"hello\\n","terminal":false}\n');
      expect(run('stdin').stdout).toBe('{"stdin":"","terminal":true}\n');
      expect(run('fail | stdin').exitCode).toBe(0);
      expect(run('echo x | fail').exitCode).toBe(3);
      expect(run('! fail').exitCode).toBe(0);
    });

    it('sends stderr of a pipeline part to the terminal unless |& or 2>&1', () => {
      const { run } = createTestShell();
      expect(run('fail | stdin')).toMatchObject({ stdout: '{"stdin":"","terminal":false}\n', stderr: 'fail: it failed\n' });
      expect(run('fail |& stdin').stdout).toBe('{"stdin":"fail: it failed\\n","terminal":false}\n');
      expect(run('fail 2>&1 | stdin').stdout).toBe('{"stdin":"fail: it failed\\n","terminal":false}\n');
    });

    it('runs each pipeline part in a copy of the shell', () => {
      const { run } = createTestShell();
      expect(run('X=1; X=2 | cat; cd /tmp | cat; echo $X; pwd').stdout).toBe('1\n/home/learner\n');
    });
  });

  describe('redirects', () => {
    it('writes, appends and reads files', () => {
      const { run, fs } = createTestShell();
      expect(run('echo one > f.txt; echo two >> f.txt; cat < f.txt').stdout).toBe('one\ntwo\n');
      expect(fs.readFile('/home/learner/f.txt')).toBe('one\ntwo\n');
      run('echo three > f.txt');
      expect(fs.readFile('f.txt')).toBe('three\n');
    });

    it('creates the file even when the command writes nothing, and truncates before the command reads', () => {
      const { run, fs } = createTestShell();
      run('> empty.txt');
      expect(fs.readFile('empty.txt')).toBe('');
      run('echo data > f; cat f > f');
      expect(fs.readFile('f')).toBe('');
    });

    it('orders 2>&1 as bash does', () => {
      const { run, fs } = createTestShell();
      expect(run('fail > out 2>&1').stderr).toBe('');
      expect(fs.readFile('out')).toBe('fail: it failed\n');
      // stderr now goes where stdout went before: the terminal's stdout.
      expect(run('fail 2>&1 > out2')).toMatchObject({ stdout: 'fail: it failed\n', stderr: '' });
      expect(run('{ echo out; fail; } &> both; cat both').stdout).toBe('out\nfail: it failed\n');
      expect(run('echo to-stderr >&2')).toMatchObject({ stdout: '', stderr: 'to-stderr\n' });
    });

    it('discards output sent to /dev/null', () => {
      const { run } = createTestShell();
      expect(run('fail 2>/dev/null; echo $?')).toMatchObject({ stdout: '3\n', stderr: '' });
      expect(run('kubectl get pods > /dev/null 2>&1')).toMatchObject({ stdout: '', stderr: '' });
      expect(run('nosuch 2>/dev/null; echo $?').stdout).toBe('127\n');
    });

    it('fails on a missing directory or input file', () => {
      const { run, calls } = createTestShell();
      expect(run('kubectl get pods > nodir/out.txt')).toMatchObject({ stderr: 'bash: nodir/out.txt: No such file or directory\n', exitCode: 1 });
      expect(run('kubectl apply -f - < missing.yaml')).toMatchObject({ stderr: 'bash: missing.yaml: No such file or directory\n', exitCode: 1 });
      expect(run('echo x > /tmp')).toMatchObject({ stderr: 'bash: /tmp: Is a directory\n', exitCode: 1 });
      expect(run('F="a b"; echo x > $F')).toMatchObject({ stderr: 'bash: $F: ambiguous redirect\n', exitCode: 1 });
      expect(calls).toEqual([]);
    });

    it('refuses to grow a file past 8 MiB instead of truncating it', () => {
      const { run, fs } = createTestShell();
      fs.writeFile('big', 'x'.repeat(8 * 1024 * 1024 - 2));
      expect(run('echo abc >> big')).toMatchObject({ stderr: 'bash: big: File too large\n', exitCode: 1 });
      expect(fs.readFile('big')?.length).toBe(8 * 1024 * 1024 - 2);
    });

    it('feeds heredocs and here-strings to stdin', () => {
      const { run } = createTestShell();
      expect(run('X=1; stdin <<EOF\nx=$X \\$X\nEOF').stdout).toBe('{"stdin":"x=1 $X\\n","terminal":false}\n');
      expect(run("stdin <<'EOF'\nx=$X\nEOF").stdout).toBe('{"stdin":"x=$X\\n","terminal":false}\n');
      expect(run('stdin <<< "a b"').stdout).toBe('{"stdin":"a b\\n","terminal":false}\n');
    });

    it('warns and runs a heredoc cut short by the end of the input', () => {
      const { run } = createTestShell();
      expect(run('cat <<EOF\nabc')).toMatchObject({
        stdout: 'abc\n',
        stderr: "bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n",
        exitCode: 0,
      });
    });

    it('swaps descriptors through a spare one and reports bad ones', () => {
      const { run } = createTestShell();
      expect(run('{ echo out; echo err >&2; } 3>&1 1>&2 2>&3')).toMatchObject({ stdout: 'err\n', stderr: 'out\n' });
      expect(run('echo x >&7')).toMatchObject({ stderr: 'bash: 7: Bad file descriptor\n', exitCode: 1 });
    });
  });

  describe('compound commands', () => {
    it('runs while, until and if with break and continue', () => {
      const { run } = createTestShell();
      expect(run('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done').stdout).toBe('0\n1\n2\n');
      expect(run('until true; do echo never; done; echo $?').stdout).toBe('0\n');
      expect(run('for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done').stdout).toBe('1\n3\n');
      expect(run('for i in 1 2; do for j in a b; do [ $j = b ] && break 2; echo $i$j; done; done').stdout).toBe('1a\n');
      expect(run('if fail 2>/dev/null; then echo y; elif true; then echo e; else echo n; fi').stdout).toBe('e\n');
      expect(run('break').stderr).toBe("bash: break: only meaningful in a `for', `while', or `until' loop\n");
    });

    it('redirects a whole loop or group', () => {
      const { run, fs } = createTestShell();
      run('for x in a b; do echo $x; done > loop.txt; { echo g; } >> loop.txt');
      expect(fs.readFile('loop.txt')).toBe('a\nb\ng\n');
    });

    it('keeps ( … ) changes inside and { …; } changes outside', () => {
      const { run } = createTestShell();
      expect(run('X=1; (X=2; exit 4); echo $? $X; { X=3; }; echo $X').stdout).toBe('4 1\n3\n');
    });

    it('reports an invalid for variable at run time, as bash 5 does', () => {
      const { run } = createTestShell();
      expect(run('for 1 in a; do echo x; done; echo after')).toMatchObject({
        stdout: 'after\n',
        stderr: "bash: `1': not a valid identifier\n",
      });
    });

    it('stops running the input at exit', () => {
      const { run } = createTestShell();
      expect(run('echo a; exit 5; echo b')).toMatchObject({ stdout: 'a\n', exitCode: 5 });
    });
  });

  describe('syntax errors and end of input', () => {
    it('prints the error, runs nothing and sets $? to 2', () => {
      const { run, calls, shell } = createTestShell();
      expect(run('kubectl get pods; done')).toMatchObject({ stderr: "bash: syntax error near unexpected token `done'\n", exitCode: 2 });
      expect(calls).toEqual([]);
      expect(shell.lastExitCode).toBe(2);
      expect(run('echo $?').stdout).toBe('2\n');
    });

    it('reports what is still open at the end of the input', () => {
      const { run } = createTestShell();
      expect(run("echo 'abc").stderr).toBe("bash: unexpected EOF while looking for matching `''\n");
      expect(run('kubectl get pods |').stderr).toBe('bash: syntax error: unexpected end of file\n');
      expect(run('echo a\\').stdout).toBe('a\n');
    });

    it('says whether the terminal should ask for another line', () => {
      const { shell } = createTestShell();
      expect(shell.isComplete('for ns in a b; do')).toBe(false);
      expect(shell.isComplete('echo "open')).toBe(false);
      expect(shell.isComplete('done')).toBe(true);
      expect(shell.isComplete('echo ok')).toBe(true);
    });
  });

  describe('history', () => {
    it('records each input once, multi-line inputs as one entry, and skips blank ones', () => {
      const { run, shell } = createTestShell();
      run('echo one');
      run('   ');
      run('for x in a; do\n  echo $x\ndone');
      run('history');
      expect(shell.history).toEqual(['echo one', 'for x in a; do\n  echo $x\ndone', 'history']);
      expect(run('history').stdout).toBe('    1  echo one\n    2  for x in a; do\n  echo $x\ndone\n    3  history\n    4  history\n');
    });
  });

  describe('resource guards', () => {
    it('stops endless loops with a note', () => {
      const { run } = createTestShell();
      const { stderr, exitCode } = run('while true; do :; done; echo never');
      expect(stderr).toBe('bash: stopped: loops ran more than 10000 times\n');
      expect(exitCode).toBe(1);
    });

    it('caps the output of one run', () => {
      const { run } = createTestShell();
      run('X=0123456789012345678901234567890123456789012345678901234567890123456789');
      const { result } = run('while true; do echo $X$X$X$X$X$X$X$X$X$X; done');
      const out = result.chunks.filter((c) => c.stream === 'stdout').reduce((n, c) => n + c.text.length, 0);
      expect(out).toBeLessThanOrEqual(2 * 1024 * 1024);
      expect(result.chunks.at(-1)?.text).toMatch(/stopped: (the output passed|loops ran)/);
    });

    it('stops a variable that doubles without end', () => {
      const { run } = createTestShell();
      const { stderr, exitCode } = run('X=x; while true; do X=$X$X; done');
      expect(stderr).toMatch(/word too long|loops ran/);
      expect(exitCode).toBe(1);
    });

    it('refuses a pattern too big for the regular-expression engine with a clear error', () => {
      const { run } = createTestShell();
      expect(run(`x=aaa; echo \${x//${'['.repeat(100_000)}/b}`)).toMatchObject({ stderr: 'bash: x: pattern too complex to match\n', exitCode: 1 });
      expect(run(`echo \${x#${'*('.repeat(100_000)}}`)).toMatchObject({ stderr: 'bash: x: pattern too complex to match\n', exitCode: 1 });
    });

    it('names only the inner expression when a variable in $((…)) fails, as bash does', () => {
      const { run } = createTestShell();
      expect(run('y="1 +"; echo $((y * 2))').stderr).toBe('bash: 1 +: syntax error: operand expected (error token is "+")\n');
      expect(run(`x='${'('.repeat(200)}x${')'.repeat(200)}'; echo $((x))`).stderr).toMatch(/^bash: \(+x\)+: expression recursion level exceeded/);
    });

    it('stops nested loops by the total number of turns', () => {
      const { run } = createTestShell();
      // The innermost loop never ends alone: the turns of all three count against one limit.
      expect(run('for a in 1 2 3 4 5 6 7 8 9 10; do for b in $(seq 2>/dev/null) 1 2 3 4 5 6 7 8 9 10; do while true; do :; done; done; done')).toMatchObject({
        stderr: 'bash: stopped: loops ran more than 10000 times\n',
        exitCode: 1,
      });
    });
  });

  it('works on a shared file system passed in', () => {
    const fs = new MemoryFs({ files: { 'manifests/pa.yaml': 'kind: PeerAuthentication\n' } });
    const { run } = createTestShell({ fs });
    expect(run('cat manifests/pa.yaml | stdin').stdout).toBe('{"stdin":"kind: PeerAuthentication\\n","terminal":false}\n');
  });
});

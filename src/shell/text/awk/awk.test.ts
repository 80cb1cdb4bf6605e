import { describe, expect, it } from 'vitest';
import { createTestShell } from '../../bash/testShell.ts';
import { cloudShell } from '../testing.ts';

// Expected texts come from GNU Awk 5.2.1 (installed as awk) run on the same input; syntax errors are
// gawk's (awkgram.y yyerror: the program line and a caret), printf follows C's rounding.
const PODS =
  'NAMESPACE     NAME                        READY   STATUS    RESTARTS   AGE\n' +
  'frontend      frontend-5bb4-hwc42         2/2     Running   0          27m\n' +
  'cart          cartservice-8d6b-p7bng      2/2     Running   1          27m\n' +
  'frontend      frontend-5bb4-abcde         1/2     Pending   0          2m\n';

describe('awk', () => {
  const { run } = createTestShell();
  run(`printf '%s' '${PODS}' > /tmp/pods.txt`);
  const awk = (program: string, extra = '') => run(`awk ${extra} '${program.replace(/'/g, `'\\''`)}' /tmp/pods.txt`);

  it.each([
    ['NR>1 {print $1}', 'frontend\ncart\nfrontend\n'],
    ['{print $2, $NF}', 'NAME AGE\nfrontend-5bb4-hwc42 27m\ncartservice-8d6b-p7bng 27m\nfrontend-5bb4-abcde 2m\n'],
    ['$4 == "Running" {print $2}', 'frontend-5bb4-hwc42\ncartservice-8d6b-p7bng\n'],
    ['$5 > 0', 'NAMESPACE     NAME                        READY   STATUS    RESTARTS   AGE\ncart          cartservice-8d6b-p7bng      2/2     Running   1          27m\n'],
    ['NR>1 {s += $5} END {print s, NR}', '1 4\n'],
    ['{printf "%-10s|%5s\\n", $1, $3}', 'NAMESPACE |READY\nfrontend  |  2/2\ncart      |  2/2\nfrontend  |  1/2\n'],
    ['NR==2 { $2 = "X"; print; print NF }', 'frontend X 2/2 Running 0 27m\n6\n'],
    ['BEGIN {OFS="-"} NR==1 {$1=$1; print}', 'NAMESPACE-NAME-READY-STATUS-RESTARTS-AGE\n'],
    ['NR==2, NR==3 {print NR}', '2\n3\n'],
    ['NR==2 { n = split($3, a, "/"); print n, a[1], a[2] }', '2 2 2\n'],
    ['NR>1 { sub(/frontend/, "FE", $2); print $2 }', 'FE-5bb4-hwc42\ncartservice-8d6b-p7bng\nFE-5bb4-abcde\n'],
    ['NR==2 { gsub(/[0-9]/, "#", $2); print $2 }', 'frontend-#bb#-hwc##\n'],
    ['NR > 1 { print ($3 == "2/2" ? "ready" : "not ready") }', 'ready\nready\nnot ready\n'],
    ['function dbl(x) { return x * 2 } NR>1 { print dbl($5) }', '0\n2\n0\n'],
    ['NR==1 { next } { print $1 }', 'frontend\ncart\nfrontend\n'],
    ['NR==3 { exit 3 } { print NR }', '1\n2\n'],
  ])('%s', (program, expected) => {
    expect(awk(program).stdout).toBe(expected);
  });

  it('counts with arrays and iterates over them', () => {
    expect(awk('NR>1 {n[$1]++} END {for (k in n) print k, n[k]}').stdout).toBe('frontend 2\ncart 1\n');
    expect(run(`awk 'BEGIN { a["x", "y"] = 1; for (k in a) { split(k, p, SUBSEP); print p[1], p[2] }; if (("x","y") in a) print "yes"; delete a; print length(a) }'`).stdout).toBe('x y\nyes\n0\n');
  });

  it('prints numbers as gawk does: OFMT for fractions, integers whole, C rounding in printf', () => {
    expect(run(`awk 'BEGIN { print 1/3, 10/2, 2^10, 7%3, -7%3, 1e6, 0.1+0.2, 100000 * 100000, 1e300*1e300, 1e17 }'`).stdout).toBe(
      '0.333333 5 1024 1 -1 1000000 0.3 10000000000 +inf 100000000000000000\n',
    );
    expect(run(`awk 'BEGIN { printf "%d %5.1f %e %g %x %o %c %s %%\\n", 3.9, 2.25, 1234.5, 0.00001234, 255, 8, 65, "str" }'`).stdout).toBe(
      '3   2.2 1.234500e+03 1.234e-05 ff 10 A str %\n',
    );
    expect(run(`awk 'BEGIN{printf "%.2f %.0f %.0f %.2g\\n", 1.005, 0.5, 1.5, 0.125}'`).stdout).toBe('1.00 0 2 0.12\n');
    expect(run(`awk 'BEGIN { x = "10"; y = 9; print (x > y), ("10" > "9"), substr("hello", 0, 2), substr("hello", -1, 3) }'`).stdout).toBe('0 0 he hel\n');
  });

  it('takes -F, -v and var=value operands', () => {
    expect(run(`printf 'root:x:0:0\\nbin:x:1\\n' | awk -F: '{print $1, NF}'`).stdout).toBe('root 4\nbin 3\n');
    expect(run(`echo 'a/b:c' | awk -F '[/:]' '{print $3}'`).stdout).toBe('c\n');
    expect(run(`awk -v n=5 -v 's=a\\tb' 'BEGIN{print n+1, s}'`).stdout).toBe('6 a\tb\n');
    expect(run(`echo l1 | awk '{print x}' x=1 - x=2`).stdout).toBe('1\n');
  });

  it.each([
    ['NR>1 {print $1', 'awk: cmd. line:1: NR>1 {print $1\nawk: cmd. line:1:               ^ unexpected newline or end of string\n'],
    ['{print $1 +}', 'awk: cmd. line:1: {print $1 +}\nawk: cmd. line:1:            ^ syntax error\n'],
    ['BEGIN { x = }', 'awk: cmd. line:1: BEGIN { x = }\nawk: cmd. line:1:             ^ syntax error\n'],
    ['{ print $1 } }', 'awk: cmd. line:1: { print $1 } }\nawk: cmd. line:1:              ^ syntax error\n'],
  ])('reports the syntax error in %j as gawk does, exit 1', (program, stderr) => {
    expect(run(`awk '${program}' </dev/null`)).toMatchObject({ stdout: '', stderr, exitCode: 1 });
  });

  it('reports run-time errors and missing files as gawk does', () => {
    expect(run(`awk 'BEGIN { printf "%s %s %s\\n", "a", "b" }'`)).toMatchObject({
      stderr: "awk: cmd. line:1: fatal: not enough arguments to satisfy format string\n\t`%s %s %s\n'\n\t       ^ ran out for this one\n",
      exitCode: 2,
    });
    expect(run(`awk '{print}' nofile`)).toMatchObject({ stderr: "awk: fatal: cannot open file `nofile' for reading: No such file or directory\n", exitCode: 2 });
    expect(run('awk')).toMatchObject({ exitCode: 1 });
    expect(run('awk').stderr).toMatch(/^Usage: awk \[POSIX or GNU style options\] -f progfile \[--\] file \.\.\.\n/);
  });

  it('stops endless loops, runaway recursion and deep nesting', () => {
    expect(run(`awk 'BEGIN { while (1) x++ }'`)).toMatchObject({ stderr: 'mtls-playground: awk stopped: the program ran longer than the simulator allows\n', exitCode: 2 });
    expect(run(`awk 'function f(n) { return f(n+1) } BEGIN { f(1) }'`).exitCode).toBe(2);
    expect(run(`awk "$(printf '{%.0s' $(seq 1000))"`).exitCode).toBe(1);
    expect(run(`seq 1 150000 | awk '{ s += $1 } END { print s, NR }'`).stdout).toBe('11250075000 150000\n');
  });
});

describe('awk in the recipes', () => {
  const { run } = cloudShell();

  it('counts pods per namespace from kubectl output', () => {
    const { stdout } = run(`kubectl get pods -A | awk 'NR>1 {print $1}' | sort | uniq -c`);
    expect(stdout.split('\n')).toContain('      2 istio-system');
    expect(run(`kubectl get pods -A | awk 'NR>1 && $4 == "Running" {n++} END {print n " running"}'`).stdout).toMatch(/^\d+ running\n$/);
  });
});

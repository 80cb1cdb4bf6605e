import { describe, expect, it } from 'vitest';
import { createTestShell } from '../bash/testShell.ts';

// Expected texts come from GNU sed 4.9 run on the same input in the C locale; messages are those of
// sed/compile.c (bad_prog) and sed/execute.c.
const TEXT = 'one two\nthree four\nfive six\nseven\neight nine ten\n';

describe('sed', () => {
  const { run } = createTestShell();
  run(`printf '%s' '${TEXT}' > /tmp/t.txt`);
  const sed = (...args: string[]) => run(`sed ${args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')} /tmp/t.txt`);

  it.each([
    [['s/o/0/'], '0ne two\nthree f0ur\nfive six\nseven\neight nine ten\n'],
    [['s/o/0/g'], '0ne tw0\nthree f0ur\nfive six\nseven\neight nine ten\n'],
    [['s/o/0/2'], 'one tw0\nthree four\nfive six\nseven\neight nine ten\n'],
    [['s/O/0/gI'], '0ne tw0\nthree f0ur\nfive six\nseven\neight nine ten\n'],
    [['s/x*/-/g'], '-o-n-e- -t-w-o-\n-t-h-r-e-e- -f-o-u-r-\n-f-i-v-e- -s-i-\n-s-e-v-e-n-\n-e-i-g-h-t- -n-i-n-e- -t-e-n-\n'],
    [['s/\\(t\\)\\(h\\)/\\2\\1/'], 'one two\nhtree four\nfive six\nseven\neight nine ten\n'],
    [['-E', 's/(one|three) (\\w+)/\\2 \\1/'], 'two one\nfour three\nfive six\nseven\neight nine ten\n'],
    [['s/\\w\\+/\\u&/g'], 'One Two\nThree Four\nFive Six\nSeven\nEight Nine Ten\n'],
    [['-n', '2,4p'], 'three four\nfive six\nseven\n'],
    [['-n', '$='], '5\n'],
    [['/four/,/six/d'], 'one two\nseven\neight nine ten\n'],
    [['0,/e/d'], 'three four\nfive six\nseven\neight nine ten\n'],
    [['1~2d'], 'three four\nseven\n'],
    [['2,+1d'], 'one two\nseven\neight nine ten\n'],
    [['$!N;P;D'], TEXT],
    [['1!G;h;$!d'], 'eight nine ten\nseven\nfive six\nthree four\none two\n'],
    [['2i\\\nX'], 'one two\nX\nthree four\nfive six\nseven\neight nine ten\n'],
    [['2,3c Z'], 'one two\nZ\nseven\neight nine ten\n'],
    [['s/e/E/;t;s/o/O/'], 'onE two\nthrEe four\nfivE six\nsEven\nEight nine ten\n'],
    [['/one/{s/one/1/;s/two/2/}'], '1 2\nthree four\nfive six\nseven\neight nine ten\n'],
    [['-n', 'y/ot/OT/;1p'], 'One TwO\n'],
  ])('sed %j', (args, expected) => {
    expect(sed(...args).stdout).toBe(expected);
  });

  it('prints the newline a last line lacked before appended text', () => {
    expect(run("printf 'x\\ny' | sed '$a\\\nEND'").stdout).toBe('x\ny\nEND\n');
    expect(run("printf 'x' | sed p").stdout).toBe('x\nx');
  });

  it('edits files in place with -i, keeping a backup with a suffix', () => {
    run("printf 'a: 1\\nb: 2\\n' > f.yaml");
    expect(run("sed -i 's/1/9/' f.yaml").exitCode).toBe(0);
    expect(run('cat f.yaml').stdout).toBe('a: 9\nb: 2\n');
    run("sed -i.bak 's/9/8/' f.yaml");
    expect(run('cat f.yaml f.yaml.bak').stdout).toBe('a: 8\nb: 2\na: 9\nb: 2\n');
    expect(run("sed -i 's/a/b/'")).toMatchObject({ stderr: 'sed: no input files\n', exitCode: 1 });
  });

  it.each([
    ['s/a/b', "sed: -e expression #1, char 5: unterminated `s' command\n", 1],
    ['s/a/b/x', "sed: -e expression #1, char 7: unknown option to `s'\n", 1],
    ['k', "sed: -e expression #1, char 1: unknown command: `k'\n", 1],
    ['{p', "sed: -e expression #1, char 0: unmatched `{'\n", 1],
    ['p}', "sed: -e expression #1, char 2: unexpected `}'\n", 1],
    ['s/a/b/gg', "sed: -e expression #1, char 8: multiple `g' options to `s' command\n", 1],
    ['s/\\(a\\)/\\2/', "sed: -e expression #1, char 11: invalid reference \\2 on `s' command's RHS\n", 1],
    ['p x', 'sed: -e expression #1, char 3: extra characters after command\n', 1],
    ['/a', 'sed: -e expression #1, char 2: unterminated address regex\n', 1],
    ['y/ab/c/', "sed: -e expression #1, char 7: strings for `y' command are different lengths\n", 1],
    ['3,', "sed: -e expression #1, char 2: unexpected `,'\n", 1],
    ['a', "sed: -e expression #1, char 1: expected \\ after `a', `c' or `i'\n", 1],
    ['b foo', "sed: can't find label for jump to `foo'\n", 4],
  ])('rejects %j as GNU sed does', (script, stderr, exitCode) => {
    expect(sed(script)).toEqual({ stdout: '', stderr, exitCode, result: expect.anything() });
  });

  it('reports missing files and bad options', () => {
    expect(run('sed p nofile')).toMatchObject({ stderr: "sed: can't read nofile: No such file or directory\n", exitCode: 2 });
    expect(run('sed -x </dev/null').stderr).toMatch(/^sed: invalid option -- 'x'\nUsage: sed \[OPTION\]\.\.\. \{script-only-if-no-other-script\} \[input-file\]\.\.\.\n/);
    expect(run('sed </dev/null')).toMatchObject({ exitCode: 1 });
  });

  it('ends endless loops and pathological patterns', () => {
    expect(run("echo ab | sed ':a;ba'")).toMatchObject({ stderr: 'mtls-playground: sed stopped: the script ran longer than the simulator allows\n', exitCode: 1 });
    expect(run("echo ab | sed ':a;s/^/x/;ta' >/dev/null").stderr).toBe('mtls-playground: sed stopped: the script ran longer than the simulator allows\n');
    expect(run(`printf '%s' '${'a'.repeat(3000)}b' | sed -E 's/(a+)+$/X/' | wc -c`).stdout).toBe('3001\n');
    expect(run("seq 1 150000 | sed ':a;N;$!ba;s/\\n/,/g' | wc -c").stdout).toBe('938895\n');
  });
});

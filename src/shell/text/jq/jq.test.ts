import { describe, expect, it } from 'vitest';
import { cloudShell } from '../testing.ts';

// Expected texts come from jq 1.7.1 (github:jqlang/jq at tag jq-1.7.1), built and run on the same
// inputs; the source file that prints each format is named in the test.
const { run } = cloudShell();

describe('jq', () => {
  describe('output (src/jv_print.c jv_dump_term)', () => {
    it('pretty-prints with two spaces, compacts with -c, keeps key order unless -S', () => {
      run(`printf '%s' '{"b":{"x":[1,2,{}]},"a":"s","n":null,"t":true,"f":1.5,"e":[]}' > doc.json`);
      expect(run('jq . doc.json').stdout).toBe(
        '{\n  "b": {\n    "x": [\n      1,\n      2,\n      {}\n    ]\n  },\n  "a": "s",\n  "n": null,\n  "t": true,\n  "f": 1.5,\n  "e": []\n}\n',
      );
      expect(run('jq -c . doc.json').stdout).toBe('{"b":{"x":[1,2,{}]},"a":"s","n":null,"t":true,"f":1.5,"e":[]}\n');
      expect(run('jq -S -c .b,.n doc.json').stdout).toBe('{"x":[1,2,{}]}\nnull\n');
      expect(run(`echo '{"b":1,"a":{"d":1,"c":2}}' | jq -S -c .`).stdout).toBe('{"a":{"c":2,"d":1},"b":1}\n');
      expect(run(`echo '{"a":[1]}' | jq --tab .`).stdout).toBe('{\n\t"a": [\n\t\t1\n\t]\n}\n');
      expect(run(`echo '{"a":[1]}' | jq --indent 1 .`).stdout).toBe('{\n "a": [\n  1\n ]\n}\n');
    });

    it('colours only with -C, with jq 1.7.1 default colours', () => {
      expect(run(`echo '{"a":[1,"x",null]}' | jq -C -c .`).stdout).toBe(
        '\u001b[1;39m{\u001b[0m\u001b[1;34m"a"\u001b[0m\u001b[1;39m:\u001b[0m\u001b[1;39m[\u001b[0;39m1\u001b[0m\u001b[1;39m,\u001b[0;32m"x"\u001b[0m\u001b[1;39m,\u001b[0;90mnull\u001b[0m\u001b[1;39m\u001b[1;39m]\u001b[0m\u001b[1;39m\u001b[1;39m}\u001b[0m\n',
      );
    });

    it('writes raw strings with -r and -j, escapes control characters, and -a escapes non-ASCII', () => {
      expect(run(`echo '["a\\tb", 1, {"k": "v"}]' | jq -r '.[]'`).stdout).toBe('a\tb\n1\n{\n  "k": "v"\n}\n');
      expect(run(`jq -nj '"x", 1'`).stdout).toBe('x1');
      expect(run(`jq -nc '"a\\u0000b\\u001f\\u007fé"'`).stdout).toBe('"a\\u0000b\\u001f\\u007fé"\n');
      expect(run(`echo '"é😀"' | jq -a .`).stdout).toBe('"\\u00e9\\ud83d\\ude00"\n');
    });

    it('formats computed numbers as jq does: shortest digits, exponent past 17 digits or below 1e-4', () => {
      expect(run(`jq -nc '[0.00001, 1e-7, 123456789012, 1e17, 1.5, 3.0, 1e300, 0.1, 1e15, 1e16] | map(. + 0)'`).stdout).toBe(
        '[1e-05,1e-07,123456789012,1e+17,1.5,3,1e+300,0.1,1000000000000000,1e+16]\n',
      );
      expect(run(`jq -nc '[infinite, -infinite, nan]'`).stdout).toBe('[1.7976931348623157e+308,-1.7976931348623157e+308,null]\n');
    });
  });

  describe('the recipes people paste', () => {
    it('selects pod names of one namespace from kubectl JSON', () => {
      const { stdout, exitCode } = run(
        `kubectl get pods -A -o json | jq -r '.items[] | select(.metadata.namespace=="frontend") | .metadata.name'`,
      );
      expect(exitCode).toBe(0);
      expect(stdout).toMatch(/^frontend-[a-z0-9]+-[a-z0-9]{5}\n$/);
    });

    it("follows the Istio docs' certificate recipe: proxy-config secret JSON, jq -r, base64 -d", () => {
      const pod = run('kubectl get pods -n frontend -o name').stdout.trim().replace('pod/', '');
      const { stdout, exitCode } = run(
        `istioctl pc secret ${pod}.frontend -o json | jq -r '.dynamicActiveSecrets[0].secret.tlsCertificate.certificateChain.inlineBytes' | base64 -d`,
      );
      expect(exitCode).toBe(0);
      expect(stdout).toMatch(/^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n/);
    });

    it('builds objects and arrays, groups and counts', () => {
      const { stdout } = run(
        `kubectl get pods -A -o json | jq -c '[.items[] | {ns: .metadata.namespace, containers: [.spec.containers[].name]}] | group_by(.ns) | map({ns: .[0].ns, pods: length}) | .[0]'`,
      );
      expect(stdout).toBe('{"ns":"ad","pods":1}\n');
      expect(run(`kubectl get pods -n frontend -o json | jq -r '.items[0].spec.containers | map(.name) | join(",")'`).stdout).toBe('server,istio-proxy\n');
    });

    it('interpolates strings, takes --arg values and reads several documents', () => {
      expect(run(`echo '{"a":"x","b":{"c":1}}' | jq -r '"\\(.a) and \\(.b) and \\([1,2])"'`).stdout).toBe('x and {"c":1} and [1,2]\n');
      expect(run(`jq -n -c --arg ns frontend '{ns: $ns, named: $ARGS.named}'`).stdout).toBe('{"ns":"frontend","named":{"ns":"frontend"}}\n');
      expect(run(`jq -n -c --argjson v '{"x":2}' '$v.x'`).stdout).toBe('2\n');
      expect(run(`printf '1 2\\n3' | jq -c '. * 10'`).stdout).toBe('10\n20\n30\n');
      expect(run(`printf '1 2 3' | jq -s -c .`).stdout).toBe('[1,2,3]\n');
      expect(run(`printf 'x y\\nz' | jq -R .`).stdout).toBe('"x y"\n"z"\n');
      expect(run(`printf '1 2' | jq -n -c '[inputs]'`).stdout).toBe('[1,2]\n');
    });

    it('updates, deletes and walks paths', () => {
      expect(run(`echo '{"a":1,"c":3,"d":1}' | jq -c '.a |= . + 1 | .b = 5 | del(.c) | .d += 2'`).stdout).toBe('{"a":2,"d":3,"b":5}\n');
      expect(run(`echo '[1,2,3,4]' | jq -c 'del(.[1,2]), del(.[] | select(. == 2))'`).stdout).toBe('[1,4]\n[1,3,4]\n');
      expect(run(`echo '{"a":[{"b":1}]}' | jq -c 'path(.a[0].b), [paths]'`).stdout).toBe('["a",0,"b"]\n[["a"],["a",0],["a",0,"b"]]\n');
      expect(run(`echo '{"a":1,"b":2}' | jq -c 'to_entries, with_entries(.value += 1), (to_entries | map(select(.value > 1)) | from_entries)'`).stdout).toBe(
        '[{"key":"a","value":1},{"key":"b","value":2}]\n{"a":2,"b":3}\n{"b":2}\n',
      );
    });

    it('decodes a base64 field with @base64d and formats rows with @csv and @tsv', () => {
      expect(run(`echo '{"data":{"x":"aGVsbG8gd29ybGQ="}}' | jq -r '.data.x | @base64d'`).stdout).toBe('hello world\n');
      expect(run(`echo '[[1,"a\\"b",null,true],["x\\ty"]]' | jq -r '.[] | @csv, @tsv'`).stdout).toBe('1,"a""b",,true\n1\ta"b\t\ttrue\n"x\ty"\nx\\ty\n');
    });

    it('supports reduce, foreach, limit, label/break, try/catch, ?, // and if without else', () => {
      expect(run(`echo '[1,2,3]' | jq -c 'reduce .[] as $x (0; . + $x), [foreach .[] as $x (0; . + $x)], [limit(2; .[])]'`).stdout).toBe('6\n[1,3,6]\n[1,2]\n');
      expect(run(`echo '[1,2,3,4]' | jq -c 'label $out | .[] | if . > 2 then ., break $out else . end'`).stdout).toBe('1\n2\n3\n');
      expect(run(`echo '[1,2,3]' | jq -c '.[] | try (if . == 2 then error("two") else . end) catch "caught \\(.)"'`).stdout).toBe('1\n"caught two"\n3\n');
      expect(run(`echo '[{"a":1}, 5]' | jq -c '[.[] | (.a? // "none")], [.[] | if type == "number" then . end]'`).stdout).toBe('[1,"none"]\n[{"a":1},5]\n');
      expect(run(`echo '[1,2]' | jq -c '(.[] | try error catch .), 9'`).stdout).toBe('1\n2\n9\n');
    });

    it('matches regular expressions as the jq manual shows (match, capture, scan, test, sub, split/2)', () => {
      expect(run(`jq -nc '"foo bar foo" | match("foo"), [match("o+"; "g")], capture("(?<a>[a-z]+) (?<b>[a-z]+)"), [scan("o+")], split(" +"; null), test("BAR"; "i")'`).stdout).toBe(
        '{"offset":0,"length":3,"string":"foo","captures":[]}\n[{"offset":1,"length":2,"string":"oo","captures":[]},{"offset":9,"length":2,"string":"oo","captures":[]}]\n{"a":"foo","b":"bar"}\n["oo","oo"]\n["foo","bar","foo"]\ntrue\n',
      );
      expect(run(`jq -nc '"abc" | [match("(a)(x)?")] | .[0].captures'`).stdout).toBe('[{"offset":0,"length":1,"string":"a","name":null},{"offset":-1,"length":0,"string":null,"name":null}]\n');
      expect(run(`jq -nc '"banana" | sub("a"; "x"), gsub("a"; "x")'`).stdout).toBe('"bxnana"\n"bxnxnx"\n');
    });

    it('defines functions with filter and $value parameters, and recursion', () => {
      expect(run(`echo '[1,5,10]' | jq -c 'def fac: if . <= 1 then 1 else . * (. - 1 | fac) end; def twice(f): f | f; [.[] | fac], (2 | twice(. * 3))'`).stdout).toBe(
        '[1,120,3628800]\n18\n',
      );
    });
  });

  describe('errors and exit codes (src/main.c, src/jv_aux.c, src/builtin.c, src/execute.c)', () => {
    it('reports runtime errors with the input line and exits 5, going on with the next input', () => {
      expect(run(`echo '{"a":"x"}' | jq '.a.b'`)).toEqual({ stdout: '', stderr: 'jq: error (at <stdin>:1): Cannot index string with string "b"\n', exitCode: 5 });
      expect(run(`printf '1\\n2\\n3\\n' | jq '.a'`).stderr).toBe(
        'jq: error (at <stdin>:1): Cannot index number with string "a"\njq: error (at <stdin>:2): Cannot index number with string "a"\njq: error (at <stdin>:3): Cannot index number with string "a"\n',
      );
      expect(run(`echo '"abcdefghijklmnopqrstuvwxyz"' | jq '.[]'`).stderr).toBe('jq: error (at <stdin>:1): Cannot iterate over string ("abcdefghij...)\n');
      expect(run(`echo '{"a":1}' | jq '.items[] | .x'`).stderr).toBe('jq: error (at <stdin>:1): Cannot iterate over null (null)\n');
      expect(run(`jq -n '1 - "a", {} + 1'`).stderr).toBe('jq: error (at <unknown>): number (1) and string ("a") cannot be subtracted\n');
      expect(run(`jq -n 'error({"a":1})'`).stderr).toBe('jq: error (at <unknown>) (not a string): {"a":1}\n');
      expect(run(`echo true | jq length`).stderr).toBe('jq: error (at <stdin>:1): boolean (true) has no length\n');
    });

    it('reports input that is not JSON as a parse error, after the values before it (src/jv_parse.c)', () => {
      expect(run(`echo abc | jq .`)).toEqual({ stdout: '', stderr: 'jq: parse error: Invalid numeric literal at line 2, column 0\n', exitCode: 5 });
      expect(run(`printf '{"a":1,}' | jq .`).stderr).toBe('jq: parse error: Expected another key-value pair at line 1, column 8\n');
      expect(run(`echo '[1,2' | jq .`).stderr).toBe('jq: parse error: Unfinished JSON term at EOF at line 2, column 0\n');
      expect(run(`echo '{"a" 1}' | jq .`).stderr).toBe('jq: parse error: Expected separator between values at line 1, column 7\n');
      expect(run(`echo '{"a":1}}' | jq -c .`)).toEqual({ stdout: '{"a":1}\n', stderr: "jq: parse error: Unmatched '}' at line 1, column 8\n", exitCode: 5 });
    });

    it('reports compile errors with the program line padded to the error (src/locfile.c), exit 3', () => {
      expect(run(`jq '.a['`)).toEqual({
        stdout: '',
        stderr: 'jq: error: syntax error, unexpected end of file (Unix shell quoting issues?) at <top-level>, line 1:\n.a[  \njq: 1 compile error\n',
        exitCode: 3,
      });
      expect(run(`jq 'map(.a' </dev/null`).stderr).toBe(
        "jq: error: syntax error, unexpected end of file, expecting ';' or ')' (Unix shell quoting issues?) at <top-level>, line 1:\nmap(.a    \njq: 1 compile error\n",
      );
      expect(run(`jq '.a | .b)' </dev/null`).stderr).toBe(
        'jq: error: syntax error, unexpected INVALID_CHARACTER, expecting end of file (Unix shell quoting issues?) at <top-level>, line 1:\n.a | .b)       \njq: 1 compile error\n',
      );
      expect(run(`jq '.a | foo' </dev/null`).stderr).toBe('jq: error: foo/0 is not defined at <top-level>, line 1:\n.a | foo     \njq: 1 compile error\n');
      expect(run(`jq '$x' </dev/null`).stderr).toBe('jq: error: $x is not defined at <top-level>, line 1:\n$x\njq: 1 compile error\n');
    });

    it('sets the exit status from the last output with -e (1 for false or null, 4 for none)', () => {
      expect(run(`echo '[1]' | jq -e '.[1]'`)).toMatchObject({ stdout: 'null\n', exitCode: 1 });
      expect(run(`echo '[1]' | jq -e 'empty'`)).toMatchObject({ stdout: '', exitCode: 4 });
      expect(run(`echo '[1]' | jq -e '.[0]'`)).toMatchObject({ stdout: '1\n', exitCode: 0 });
    });

    it('rejects unknown options and missing files with exit 2', () => {
      expect(run('jq -z . </dev/null')).toEqual({
        stdout: '',
        stderr: 'jq: Unknown option -z\nUse jq --help for help with command-line options,\nor see the jq manpage, or online docs  at https://jqlang.github.io/jq\n',
        exitCode: 2,
      });
      expect(run('jq . nofile')).toEqual({ stdout: '', stderr: 'jq: error: Could not open file nofile: No such file or directory\n', exitCode: 2 });
      expect(run('jq --indent 9 . </dev/null').stderr).toMatch(/^jq: --indent takes a number between -1 and 7\n/);
      expect(run('jq')).toMatchObject({ exitCode: 2 });
      expect(run('jq').stderr).toMatch(/^jq - commandline JSON processor \[version 1\.7\.1\]\n\nUsage:\tjq \[options\] <jq filter> \[file\.\.\.\]\n/);
    });
  });

  describe('hostile input ends in bounded time', () => {
    it('refuses a program nested thousands deep as jq\'s parser does ("memory exhausted")', () => {
      const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
      const { stderr, exitCode } = run(`jq -n '${deep}'`);
      expect(exitCode).toBe(3);
      expect(stderr).toMatch(/^jq: error: memory exhausted at <top-level>, line 1:\n/);
    });

    it('stops input nested past 256 levels (MAX_PARSING_DEPTH)', () => {
      expect(run(`printf '${'['.repeat(300)}' | jq .`).stderr).toBe('jq: parse error: Exceeds depth limit for parsing at line 1, column 257\n');
    });

    it('stops endless generators and recursion with a note instead of hanging', () => {
      expect(run(`jq -n 'last(range(1e12))'`)).toEqual({ stdout: '', stderr: 'mtls-playground: jq stopped after 5000000 steps (the simulator bounds each run)\n', exitCode: 5 });
      expect(run(`jq -n 'def f: f; f'`)).toMatchObject({ stderr: 'mtls-playground: jq stopped: the program recursed deeper than the simulator allows\n', exitCode: 5 });
    });

    it('handles a megabyte of input', () => {
      const { stdout } = run(`seq 1 150000 | jq -s 'length, add'`);
      expect(stdout).toBe('150000\n11250075000\n');
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Command, Heredoc, SimpleCommand, Word } from './ast.ts';
import { parse, parseScript } from './parse.ts';

/** The commands of the only and-or list of a one-line input. */
function commandsOf(text: string): Command[] {
  const result = parse(text);
  if (result.status !== 'complete') throw new Error(`expected a complete parse of ${text}, got ${JSON.stringify(result)}`);
  return result.script.body.flatMap((item) => [item.first, ...item.rest.map((r) => r.pipeline)]).flatMap((p) => p.commands);
}

function simple(text: string, index = 0): SimpleCommand {
  const command = commandsOf(text)[index];
  if (command?.type !== 'simple') throw new Error(`command ${index} of ${text} is not simple`);
  return command;
}

/** The literal text of a word made only of literals. */
function literal(word: Word | undefined): string {
  return (word?.parts ?? []).map((p) => (p.type === 'literal' ? p.value : `<${p.type}>`)).join('');
}

describe('parse', () => {
  describe('complete inputs', () => {
    it.each([
      'echo hello',
      'FOO=bar',
      'FOO=bar kubectl get pods',
      'a | b | c',
      'a; b && c || d',
      'a\nb\n',
      'for ns in a b; do echo $ns; done',
      'for ns in a b\ndo\n  echo $ns\ndone',
      'for ns in a b; do echo $ns; done;',
      'for x; do echo; done',
      'while true; do break; done',
      'until false; do break; done',
      'if a; then b; elif c; then d; else e; fi',
      '{ echo a; echo b; } > out',
      '( cd /tmp; ls )',
      '! false',
      'echo a > f >> g < h 2>&1 2>/dev/null &> all &>> all',
      'echo $(echo $(echo nested))',
      'echo "$(echo "inner")"',
      'echo `echo back`',
      'echo ${A:-default} ${#A} ${A#x} ${A%%y} ${A/a/b} ${A:1:2} ${!A}',
      'echo $((1 + 2 * 3))',
      "echo $'a\\tb'",
      'echo a # a comment',
      '# only a comment',
      '',
      '   ',
      'cat <<EOF\nhello\nEOF',
      'cat <<EOF\nhello\nEOF\n',
      'echo a |& cat',
      'echo a &',
    ])('accepts %j', (text) => {
      expect(parse(text).status).toBe('complete');
    });

    it('splits a simple command into assignments, words and redirects', () => {
      const cmd = simple('A=1 B="x y" kubectl get pods > out.txt');
      expect(cmd.assignments.map((a) => [a.name, literal(a.value)])).toEqual([
        ['A', '1'],
        ['B', 'x y'],
      ]);
      expect(cmd.words.map(literal)).toEqual(['kubectl', 'get', 'pods']);
      expect(cmd.redirects).toMatchObject([{ type: 'file', fd: 1, op: '>' }]);
    });

    it('treats NAME=value after the command name as an argument', () => {
      const cmd = simple('kubectl label ns a istio-injection=enabled');
      expect(cmd.assignments).toEqual([]);
      expect(cmd.words.map(literal)).toContain('istio-injection=enabled');
    });

    it('keeps jsonpath braces, brackets and dots literal', () => {
      expect(literal(simple('kubectl get pod -o jsonpath={.items..metadata.name}').words[4])).toBe(
        'jsonpath={.items..metadata.name}',
      );
      expect(literal(simple("kubectl get svc -o jsonpath='{.items[0].status.loadBalancer.ingress[0].ip}'").words[4])).toBe(
        'jsonpath={.items[0].status.loadBalancer.ingress[0].ip}',
      );
      expect(literal(simple('echo {.items[0].status} * ? [a]').words[1])).toBe('{.items[0].status}');
    });

    it('reads reserved words only in command position', () => {
      expect(simple('echo for do done if then fi').words.map(literal)).toEqual(['echo', 'for', 'do', 'done', 'if', 'then', 'fi']);
      expect(simple('"done"').words.map(literal)).toEqual(['done']);
    });

    it('parses a for loop with its items and body', () => {
      const [loop] = commandsOf('for ns in ad cart; do kubectl apply -n $ns -f x.yaml; done');
      expect(loop).toMatchObject({ type: 'for', name: 'ns' });
      if (loop?.type !== 'for') throw new Error('not a for loop');
      expect(loop.items?.map(literal)).toEqual(['ad', 'cart']);
      expect(loop.body).toHaveLength(1);
    });

    it('joins lines ended by a backslash', () => {
      const cmd = simple('kubectl get \\\n  pods \\\n  -n frontend');
      expect(cmd.words.map(literal)).toEqual(['kubectl', 'get', 'pods', '-n', 'frontend']);
    });

    it('records an IO number only right before a redirect operator', () => {
      expect(simple('echo 2>&1').redirects).toMatchObject([{ type: 'dup', fd: 2, op: '>&' }]);
      expect(simple('echo 2 >&1').words.map(literal)).toEqual(['echo', '2']);
    });
  });

  describe('heredocs', () => {
    function heredocOf(text: string, index = 0): Heredoc {
      const redirect = commandsOf(text)
        .flatMap((c) => (c.type === 'simple' ? c.redirects : []))
        .filter((r) => r.type === 'heredoc')[index];
      if (redirect?.type !== 'heredoc') throw new Error('no heredoc');
      return redirect;
    }

    it('reads the body up to the delimiter line', () => {
      const h = heredocOf('cat <<EOF > mtls-namespace.yaml\napiVersion: "security.istio.io/v1beta1"\nkind: "PeerAuthentication"\nEOF');
      expect(h.quoted).toBe(false);
      expect(literal(h.body)).toBe('apiVersion: "security.istio.io/v1beta1"\nkind: "PeerAuthentication"\n');
    });

    it('attaches a heredoc to the first command of a pipeline', () => {
      const [cat, kubectl] = commandsOf('cat <<EOF | kubectl apply -n frontend -f -\nkind: X\nEOF');
      expect(cat).toMatchObject({ type: 'simple', redirects: [{ type: 'heredoc', delimiter: 'EOF' }] });
      expect(kubectl).toMatchObject({ type: 'simple', redirects: [] });
    });

    it('attaches a heredoc that follows the arguments', () => {
      const h = heredocOf('kubectl apply -f - <<EOF\nkind: X\nEOF');
      expect(literal(h.body)).toBe('kind: X\n');
    });

    it.each([
      ["<<'EOF'", true],
      ['<<"EOF"', true],
      ['<<\\EOF', true],
      ['<<EOF', false],
    ])('takes %s as quoted=%s', (op, quoted) => {
      const h = heredocOf(`cat ${op}\n$HOME\nEOF`);
      expect(h.quoted).toBe(quoted);
      expect(h.delimiter).toBe('EOF');
      if (quoted) expect(literal(h.body)).toBe('$HOME\n');
      else expect(h.body.parts.map((p) => p.type)).toEqual(['param', 'literal']);
    });

    it('strips leading tabs with <<-', () => {
      const h = heredocOf('cat <<-EOF\n\tone\n\t\ttwo\n\tEOF');
      expect(literal(h.body)).toBe('one\ntwo\n');
    });

    it('reads several heredocs of one line in order', () => {
      const text = 'cat <<A; cat <<B\nfirst\nA\nsecond\nB';
      expect(literal(heredocOf(text, 0).body)).toBe('first\n');
      expect(literal(heredocOf(text, 1).body)).toBe('second\n');
    });

    it('warns at end of file instead of failing when the delimiter never comes', () => {
      const { result, warnings } = parseScript('cat <<EOF\nabc', { atEof: true });
      expect(result.status).toBe('complete');
      expect(warnings).toEqual(["bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')"]);
    });
  });

  describe('incomplete inputs', () => {
    it.each([
      "echo 'abc",
      'echo "abc',
      'echo `ls',
      'echo $(ls',
      'echo $(for x in a; do',
      'echo ${A',
      'echo $((1 +',
      "echo $'abc",
      'echo a |',
      'echo a &&',
      'echo a ||',
      'echo a \\',
      'for ns in a b; do',
      'for ns in a b; do echo $ns',
      'for ns in a b \\',
      'for x',
      'while true',
      'if true; then echo',
      '{ echo a',
      '( echo a',
      'cat <<EOF',
      'cat <<EOF\nabc',
      'cat <<EOF | kubectl apply -f -\nkind: X',
    ])('asks for more after %j', (text) => {
      expect(parse(text)).toEqual({ status: 'incomplete' });
    });

    it('completes once the missing line arrives', () => {
      expect(parse("echo 'abc\ndef'").status).toBe('complete');
      expect(parse('for ns in a \\\n  b; do\n  echo $ns\ndone').status).toBe('complete');
      expect(parse('cat <<EOF\nabc\nEOF').status).toBe('complete');
    });
  });

  describe('syntax errors', () => {
    it.each([
      ['done', 'done'],
      ['for x in a; do echo; done; done', 'done'],
      [';', ';'],
      ['echo a; ; echo b', ';'],
      ['echo a;;', ';;'],
      ['| kubectl get pods', '|'],
      ['echo a | | cat', '|'],
      ['&& echo', '&&'],
      ['echo >', 'newline'],
      ['echo >>', 'newline'],
      ['echo 2>&', 'newline'],
      ['cat <<', 'newline'],
      ['echo > |', '|'],
      ['echo a )', ')'],
      ['echo a(b)', '('],
      ['echo (', 'newline'],
      ['( )', ')'],
      ['{ }', '}'],
      ['then', 'then'],
      ['fi', 'fi'],
      ['}', '}'],
      ['in', 'in'],
      ['for', 'newline'],
      ['for x in a; do; done', ';'],
      ['for x in a; echo; done', 'echo'],
      ['for x in a\nb; do echo; done', 'b'],
      ['if; then fi', ';'],
      ['echo a & ; b', ';'],
    ])('rejects %j near `%s`', (text, token) => {
      expect(parse(text)).toEqual({ status: 'error', message: `bash: syntax error near unexpected token \`${token}'` });
    });

    it.each([
      ["echo 'abc", "bash: unexpected EOF while looking for matching `''"],
      ['echo "abc', 'bash: unexpected EOF while looking for matching `"\''],
      ['echo $(ls', "bash: unexpected EOF while looking for matching `)'"],
      ['echo `ls', "bash: unexpected EOF while looking for matching ``'"],
      ['echo ${A', "bash: unexpected EOF while looking for matching `}'"],
      ['echo a |', 'bash: syntax error: unexpected end of file'],
      ['for x in a; do', 'bash: syntax error: unexpected end of file'],
      ['if true', 'bash: syntax error: unexpected end of file'],
    ])('at end of file reports %j as bash does', (text, message) => {
      expect(parseScript(text, { atEof: true }).result).toEqual({ status: 'error', message });
    });

    it('names the features it leaves out', () => {
      expect(parse('case x in a) ;; esac')).toMatchObject({ status: 'error', message: expect.stringContaining('case') });
      expect(parse('f() { echo; }')).toMatchObject({ status: 'error', message: expect.stringContaining('function') });
      expect(parse('A=(1 2)')).toMatchObject({ status: 'error', message: expect.stringContaining('arrays') });
    });

    it('caps nesting instead of overflowing the stack', () => {
      const deep = `${'$('.repeat(5000)}echo${')'.repeat(5000)}`;
      expect(parse(deep)).toMatchObject({ status: 'error', message: expect.stringContaining('nesting') });
      expect(parse('('.repeat(100_000))).toMatchObject({ status: 'error' });
    });
  });
});

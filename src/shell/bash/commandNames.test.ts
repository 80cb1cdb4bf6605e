import { describe, expect, it } from 'vitest';
import { commandNames } from './commandNames.ts';
import { parseScript } from './parse.ts';

const names = (text: string) => {
  const { result } = parseScript(text, { atEof: true });
  if (result.status !== 'complete') throw new Error(`${text}: ${result.status}`);
  const found = commandNames(result.script);
  return found?.sort();
};

describe('commandNames', () => {
  it('finds every command of lists, pipelines, loops, conditions and groups', () => {
    expect(names('a; b && c || d | e')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(names('for x in 1; do f; done; while g; do h; done; until i; do :; done')).toEqual([':', 'f', 'g', 'h', 'i']);
    expect(names('if j; then k; elif l; then m; else n; fi; { o; }; (p)')).toEqual(['j', 'k', 'l', 'm', 'n', 'o', 'p']);
    expect(names('X=1')).toEqual([]);
    expect(names("'quoted' \"name\"")).toEqual(['quoted']);
  });

  it('looks inside substitutions, parameter operators, arithmetic, redirections and heredocs', () => {
    expect(names('echo $(a) "$(b)" `c`')).toEqual(['a', 'b', 'c', 'echo']);
    expect(names('echo ${x:-$(d)} ${y/$(e)/$(f)} ${z:$(g)}')).toEqual(['d', 'e', 'echo', 'f', 'g']);
    expect(names('echo $(( $(h) + 1 ))')).toEqual(['echo', 'h']);
    expect(names('X=$(i) j > $(k)')).toEqual(['i', 'j', 'k']);
    expect(names('cat <<EOF\n$(l)\nEOF')).toEqual(['cat', 'l']);
    expect(names('for n in $(m); do :; done')).toEqual([':', 'm']);
  });

  it('is undefined when a name is only known at run time', () => {
    expect(names('$cmd get ns')).toBeUndefined();
    expect(names('echo $(${tool} version)')).toBeUndefined();
    expect(names('kube$(echo ctl) get ns')).toBeUndefined();
  });
});

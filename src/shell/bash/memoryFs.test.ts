import { describe, expect, it } from 'vitest';
import { MemoryFs } from './memoryFs.ts';

describe('MemoryFs', () => {
  it('starts in the home directory with /tmp and /dev/null', () => {
    const fs = new MemoryFs();
    expect(fs.cwd).toBe('/home/learner');
    expect(fs.home).toBe('/home/learner');
    expect(fs.isDirectory('/tmp')).toBe(true);
    expect(fs.readFile('/dev/null')).toBe('');
    expect(fs.list('/')).toEqual(['dev', 'home', 'tmp']);
  });

  it('resolves relative paths, . and .. against the working directory', () => {
    const fs = new MemoryFs();
    expect(fs.resolve('a/./b/../c')).toBe('/home/learner/a/c');
    expect(fs.resolve('../../..')).toBe('/');
    expect(fs.resolve('/x//y/')).toBe('/x/y');
  });

  it('writes, appends, reads and lists files, creating parent directories', () => {
    const fs = new MemoryFs({ files: { 'docs/pa.yaml': 'a\n' } });
    expect(fs.readFile('/home/learner/docs/pa.yaml')).toBe('a\n');
    fs.writeFile('docs/pa.yaml', 'b\n', true);
    expect(fs.readFile('docs/pa.yaml')).toBe('a\nb\n');
    expect(fs.list('docs')).toEqual(['pa.yaml']);
    expect(fs.list('docs/pa.yaml')).toBeUndefined();
    expect(fs.writeFile('docs', 'x')).toBe(false);
  });

  it('refuses to grow a file past 8 MiB rather than truncate it', () => {
    const fs = new MemoryFs();
    expect(fs.writeFile('big', 'x'.repeat(8 * 1024 * 1024))).toBe(true);
    expect(fs.writeFile('big', 'y', true)).toBe(false);
    expect(fs.readFile('big')?.length).toBe(8 * 1024 * 1024);
  });

  it('swallows writes to /dev/null', () => {
    const fs = new MemoryFs();
    expect(fs.writeFile('/dev/null', 'gone')).toBe(true);
    expect(fs.readFile('/dev/null')).toBe('');
  });

  it('removes files and directory trees but never the root', () => {
    const fs = new MemoryFs({ files: { 'd/e/f': 'x' } });
    expect(fs.remove('d')).toBe(true);
    expect(fs.exists('d/e/f')).toBe(false);
    expect(fs.remove('d')).toBe(false);
    expect(fs.remove('/')).toBe(false);
  });

  it('moves the working directory only into directories', () => {
    const fs = new MemoryFs({ files: { f: '' } });
    fs.cwd = 'f';
    expect(fs.cwd).toBe('/home/learner');
    fs.cwd = '/tmp';
    expect(fs.cwd).toBe('/tmp');
    expect(fs.makeDirectory('sub')).toBe(true);
    expect(fs.makeDirectory('sub')).toBe(false);
    expect(fs.makeDirectory('no/parent')).toBe(false);
    fs.cwd = 'sub';
    fs.remove('/tmp/sub');
    expect(fs.cwd).toBe('/tmp');
  });

  it('hands out the same snapshot until something changes, and a snapshot never changes', () => {
    const fs = new MemoryFs({ files: { a: 'one' } });
    const first = fs.snapshot();
    expect(fs.snapshot()).toBe(first);
    fs.writeFile('/dev/null', 'gone');
    expect(fs.snapshot()).toBe(first);
    fs.writeFile('a', 'two');
    const second = fs.snapshot();
    expect(second).not.toBe(first);
    fs.restore(first);
    expect(fs.readFile('a')).toBe('one');
    fs.writeFile('a', 'three', true);
    fs.cwd = '/tmp';
    const third = fs.snapshot();
    expect(third).not.toBe(second);
    expect(third.cwd).toBe('/tmp');
    fs.restore(first);
    expect(fs.readFile('a')).toBe('one');
    fs.restore(second);
    expect(fs.readFile('a')).toBe('two');
    expect(fs.cwd).toBe('/home/learner');
  });
});

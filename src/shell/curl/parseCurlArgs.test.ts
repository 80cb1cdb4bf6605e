import { describe, expect, it } from 'vitest';
import { parseCurlArgs } from './parseCurlArgs.ts';

function options(args: string[]) {
  const parsed = parseCurlArgs(args);
  if (parsed.kind !== 'run') throw new Error(`expected options, got ${JSON.stringify(parsed)}`);
  return parsed.options;
}

describe('parseCurlArgs', () => {
  it('reads the tutorial command', () => {
    expect(options(['http://frontend.frontend.svc.cluster.local:80/', '-o', '/dev/null', '-s', '-w', '%{http_code}\\n'])).toMatchObject({
      urls: ['http://frontend.frontend.svc.cluster.local:80/'],
      outputs: [{ kind: 'file', path: '/dev/null' }],
      silent: true,
      writeOut: '%{http_code}\\n',
    });
  });

  it('combines short flags and lets a value-taking one eat the rest of the word', () => {
    expect(options(['-sSLo/dev/null', 'u'])).toMatchObject({ silent: true, showError: true, location: true, outputs: [{ kind: 'file', path: '/dev/null' }] });
    expect(options(['-sw', '%{http_code}', 'u'])).toMatchObject({ silent: true, writeOut: '%{http_code}' });
  });

  it('switches a boolean off with --no-', () => {
    expect(options(['-s', '--no-silent', '--no-progress-meter', 'u'])).toMatchObject({ silent: false, progressMeter: false });
    expect(parseCurlArgs(['--no-http2', 'u'])).toEqual({ kind: 'usage', message: 'option --no-http2: is unknown' });
  });

  it('names the whole word in its errors', () => {
    expect(parseCurlArgs(['--max-time=5', 'u'])).toEqual({ kind: 'usage', message: 'option --max-time=5: is unknown' });
    expect(parseCurlArgs(['-sQ', 'u'])).toEqual({ kind: 'usage', message: 'option -sQ: is unknown' });
    expect(parseCurlArgs(['u', '-sw'])).toEqual({ kind: 'usage', message: 'option -sw: requires parameter' });
    expect(parseCurlArgs(['-m', 'soon', 'u'])).toEqual({ kind: 'usage', message: 'option -m: expected a proper numerical parameter' });
  });

  it('reads seconds with a fraction', () => {
    expect(options(['-m', '2.5', '--connect-timeout', '1', 'u'])).toMatchObject({ maxTime: 2.5, connectTimeout: 1 });
  });

  it('stops at -h and -V, but not before an earlier error', () => {
    expect(parseCurlArgs(['-h', '--bogus'])).toEqual({ kind: 'help' });
    expect(parseCurlArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseCurlArgs(['--bogus', '-h'])).toEqual({ kind: 'usage', message: 'option --bogus: is unknown' });
  });

  it('takes every word after -- as a URL', () => {
    expect(options(['--', '-v', '--foo'])).toMatchObject({ urls: ['-v', '--foo'], verbose: false });
  });

  it('keeps -o and -O in the order typed, and collects -d and -H', () => {
    expect(options(['-O', '-o', 'b', '-d', 'x=1', '--data-raw', '@y', '-H', 'A: 1', 'u1', 'u2'])).toMatchObject({
      outputs: [{ kind: 'remote' }, { kind: 'file', path: 'b' }],
      data: [{ kind: 'data', value: 'x=1' }, { kind: 'raw', value: '@y' }],
      headers: ['A: 1'],
      urls: ['u1', 'u2'],
    });
  });

  it('reports a missing URL, and a bare curl without a message', () => {
    expect(parseCurlArgs(['-s'])).toEqual({ kind: 'usage', message: '(2) no URL specified' });
    expect(parseCurlArgs([])).toEqual({ kind: 'usage' });
  });
});

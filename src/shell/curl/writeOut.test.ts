import { describe, expect, it } from 'vitest';
import { type WriteOutTransfer, expandWriteOut } from './writeOut.ts';

function transfer(fields: Partial<WriteOutTransfer> = {}): WriteOutTransfer {
  return {
    variables: {
      http_code: { kind: 'code', value: 0 },
      size_download: { kind: 'long', value: 42 },
      time_total: { kind: 'time', micros: 1234567 },
      url_effective: { kind: 'string', value: 'http://a/' },
      errormsg: undefined,
    },
    responseHeaders: [['Content-Type', 'text/plain']],
    exitCode: 0,
    curlVersion: 'libcurl/8.11.1',
    ...fields,
  };
}

const text = (format: string, t = transfer()) => expandWriteOut(format, t).map((p) => `${typeof p.target === 'string' ? p.target : p.target.file}:${p.text}`).join('|');

describe('expandWriteOut', () => {
  it('prints http_code with three digits and times with six decimals', () => {
    expect(text('%{http_code} %{time_total} %{size_download}')).toBe('stdout:000 1.234567 42');
  });

  it('interprets \\n, \\t, \\r and %%, and keeps other escapes as typed', () => {
    expect(text('a\\nb\\tc\\rd %% \\x %q \\')).toBe('stdout:a\nb\tc\rd % \\x %q \\');
  });

  it('warns on stderr about an unknown variable and prints nothing for it', () => {
    expect(text('[%{nope}]')).toBe("stdout:[|stderr:curl: unknown --write-out variable: 'nope'\n|stdout:]");
  });

  it('prints nothing for a known variable without a value', () => {
    expect(text('[%{errormsg}]')).toBe('stdout:[]');
  });

  it('reads a response header case-insensitively', () => {
    expect(text('%header{content-type}')).toBe('stdout:text/plain');
  });

  it('switches streams and files', () => {
    expect(text('a%{stderr}b%{stdout}c%output{x.txt}d')).toBe('stdout:a|stderr:b|stdout:c|x.txt:d');
  });

  it('stops at %{onerror} when the transfer succeeded', () => {
    expect(text('ok%{onerror}failed')).toBe('stdout:ok');
    expect(text('ok%{onerror}failed', transfer({ exitCode: 56 }))).toBe('stdout:okfailed');
  });

  it('prints an unterminated %{ as typed', () => {
    expect(text('x%{http_code')).toBe('stdout:x%{http_code');
  });

  it('writes all variables as JSON', () => {
    expect(text('%{json}')).toBe('stdout:{"errormsg":null,"http_code":0,"size_download":42,"time_total":1.234567,"url_effective":"http://a/","curl_version":"libcurl/8.11.1"}');
  });
});

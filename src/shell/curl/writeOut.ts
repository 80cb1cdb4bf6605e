/**
 * curl's `-w/--write-out` (src/tool_writeout.c, curl 8.x): `%{variable}`, `%header{name}`,
 * `%output{file}`, `%%`, and the escapes `\n`, `\r`, `\t`. Unknown variables print a warning on
 * stderr and nothing else; an unknown escape or `%x` is printed as typed.
 */

/** A variable's value, typed as tool_writeout.c prints it. `undefined`: known, but nothing to print. */
export type WriteOutValue =
  | { kind: 'string'; value: string }
  | { kind: 'long'; value: number }
  /** http_code / response_code / http_connect: printed with three digits (`000`). */
  | { kind: 'code'; value: number }
  /** Seconds with microsecond precision (`0.012345`). */
  | { kind: 'time'; micros: number }
  | undefined;

export interface WriteOutTransfer {
  /** Every variable this transfer can report, by name. Names not listed are unknown to curl. */
  variables: Record<string, WriteOutValue>;
  responseHeaders: [string, string][];
  exitCode: number;
  /** What `%{json}` ends with (`"curl_version":"libcurl/8.11.1 …"`). */
  curlVersion: string;
}

export type WriteOutTarget = 'stdout' | 'stderr' | { file: string; append: boolean };

/** A run of text for one destination; warnings come as stderr pieces in their place. */
export interface WriteOutPiece {
  target: WriteOutTarget;
  text: string;
}

/** Names tool_writeout.c knows beside the variables a transfer reports. */
const CONTROL = new Set(['onerror', 'stdout', 'stderr', 'json', 'header_json']);

function plain(value: WriteOutValue): string {
  if (!value) return '';
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'long':
      return String(value.value);
    case 'code':
      return String(value.value).padStart(3, '0');
    case 'time':
      return `${Math.floor(value.micros / 1e6)}.${String(value.micros % 1e6).padStart(6, '0')}`;
  }
}

function json(value: WriteOutValue): string {
  if (!value) return 'null';
  if (value.kind === 'string') return JSON.stringify(value.value);
  if (value.kind === 'time') return plain(value);
  return String(value.value);
}

function toJson(t: WriteOutTransfer): string {
  const names = Object.keys(t.variables).sort();
  const parts = names.map((name) => `"${name}":${json(t.variables[name])}`);
  parts.push(`"curl_version":${JSON.stringify(t.curlVersion)}`);
  return `{${parts.join(',')}}`;
}

function headerJson(headers: [string, string][]): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), value]);
  }
  return `{${[...byName].map(([k, vs]) => `${JSON.stringify(k)}:[${vs.map((v) => JSON.stringify(v)).join(',')}]`).join(',\n')}\n}`;
}

/** Expands a write-out format for one finished transfer. */
export function expandWriteOut(format: string, transfer: WriteOutTransfer): WriteOutPiece[] {
  const pieces: WriteOutPiece[] = [];
  let target: WriteOutTarget = 'stdout';
  const emit = (text: string, to: WriteOutTarget = target) => {
    if (!text) return;
    const last = pieces[pieces.length - 1];
    if (last && last.target === to) last.text += text;
    else pieces.push({ target: to, text });
  };

  let i = 0;
  while (i < format.length) {
    const c = format[i];
    const next = format[i + 1];
    if (c === '%' && next !== undefined) {
      if (next === '%') {
        emit('%');
        i += 2;
        continue;
      }
      if (next === '{') {
        const end = format.indexOf('}', i);
        i += 2;
        if (end === -1) {
          emit('%{');
          continue;
        }
        const name = format.slice(i, end);
        i = end + 1;
        if (name === 'onerror') {
          if (transfer.exitCode === 0) break;
        } else if (name === 'stdout' || name === 'stderr') {
          target = name;
        } else if (name === 'json') {
          emit(toJson(transfer));
        } else if (name === 'header_json') {
          emit(headerJson(transfer.responseHeaders));
        } else if (name in transfer.variables && !CONTROL.has(name)) {
          emit(plain(transfer.variables[name]));
        } else {
          emit(`curl: unknown --write-out variable: '${name}'\n`, 'stderr');
        }
        continue;
      }
      if (format.startsWith('header{', i + 1)) {
        const end = format.indexOf('}', i + 8);
        if (end === -1) {
          emit('%header{');
          i += 8;
          continue;
        }
        const wanted = format.slice(i + 8, end).toLowerCase();
        const found = transfer.responseHeaders.find(([k]) => k.toLowerCase() === wanted);
        if (found) emit(found[1]);
        i = end + 1;
        continue;
      }
      if (format.startsWith('output{', i + 1)) {
        let start = i + 8;
        const append = format.startsWith('>>', start);
        if (append) start += 2;
        const end = format.indexOf('}', start);
        if (end === -1) {
          emit('%output{');
          i = start;
          continue;
        }
        target = { file: format.slice(start, end), append };
        i = end + 1;
        continue;
      }
      emit(`%${next}`);
      i += 2;
      continue;
    }
    if (c === '\\' && next !== undefined) {
      emit(next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : `\\${next}`);
      i += 2;
      continue;
    }
    emit(c ?? '');
    i++;
  }
  return pieces;
}

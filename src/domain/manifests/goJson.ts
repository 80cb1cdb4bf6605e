/**
 * The JSON half of kubectl's manifest reader: apimachinery's YAMLOrJSONDecoder switches to Go's
 * `json.Decoder` when the stream starts with `{` (util/yaml/decoder.go `GuessJSONStream`). This is a
 * port of Go's encoding/json scanner (scanner.go, stream.go `readValue`) so that syntax errors read
 * as kubectl prints them: `json: offset 16: invalid character '}' looking for beginning of object key
 * string` (the offset counts bytes from the start of the stream up to and including the bad byte),
 * or `unexpected EOF` for a value cut short.
 */
import type { Json } from '../objects.ts';
import { JSON_MAX_NESTING_DEPTH, goQuoteRune } from './goYaml.ts';

/** Result of splitting a JSON stream into values, as successive `json.Decoder.Decode` calls would. */
export interface JsonStreamResult {
  /** Each complete top-level value, in order. */
  values: Json[];
  /** The decoder's error after the last good value: `json: offset N: …` or `unexpected EOF`. */
  error?: string;
}

type Step = 'continue' | 'end' | 'error';

/**
 * Go's `quoteChar`: it quotes one *byte*, so a multi-byte character shows as the rune whose code is
 * its first UTF-8 byte (`é` is reported as `'Ã'`).
 */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const first = new TextEncoder().encode(c)[0] ?? 0;
  return `'${goQuoteRune(String.fromCharCode(first), '"')}'`;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** A port of encoding/json's `scanner` state machine, stepping over UTF-8 bytes. */
class GoJsonScanner {
  private step: (c: string) => Step = this.beginValue;
  private parse: ('objectKey' | 'objectValue' | 'arrayValue')[] = [];
  error = '';
  endTop = false;

  reset(): void {
    this.step = this.beginValue;
    this.parse = [];
    this.error = '';
    this.endTop = false;
  }

  feed(c: string): Step {
    return this.step.call(this, c);
  }

  private fail(c: string, context: string): Step {
    this.step = () => 'error';
    this.error = `invalid character ${quoteChar(c)} ${context}`;
    return 'error';
  }

  private beginValue(c: string): Step {
    if (isSpace(c)) return 'continue';
    switch (c) {
      case '{':
        this.step = this.beginStringOrEmpty;
        return this.pushParseState(c, 'objectKey');
      case '[':
        this.step = this.beginValueOrEmpty;
        return this.pushParseState(c, 'arrayValue');
      case '"':
        this.step = this.inString;
        return 'continue';
      case '-':
        this.step = this.neg;
        return 'continue';
      case '0':
        this.step = this.zero;
        return 'continue';
      case 't':
        this.step = this.literal('rue', 'true');
        return 'continue';
      case 'f':
        this.step = this.literal('alse', 'false');
        return 'continue';
      case 'n':
        this.step = this.literal('ull', 'null');
        return 'continue';
    }
    if (c >= '1' && c <= '9') {
      this.step = this.digits;
      return 'continue';
    }
    return this.fail(c, 'looking for beginning of value');
  }

  private beginValueOrEmpty(c: string): Step {
    if (isSpace(c)) return 'continue';
    if (c === ']') return this.endValue(c);
    return this.beginValue(c);
  }

  private beginStringOrEmpty(c: string): Step {
    if (isSpace(c)) return 'continue';
    if (c === '}') {
      this.parse[this.parse.length - 1] = 'objectValue';
      return this.endValue(c);
    }
    return this.beginString(c);
  }

  private beginString(c: string): Step {
    if (isSpace(c)) return 'continue';
    if (c === '"') {
      this.step = this.inString;
      return 'continue';
    }
    return this.fail(c, 'looking for beginning of object key string');
  }

  private endValue(c: string): Step {
    const n = this.parse.length;
    if (n === 0) {
      this.step = this.endTopState;
      this.endTop = true;
      return this.endTopState(c);
    }
    if (isSpace(c)) {
      this.step = this.endValue;
      return 'continue';
    }
    const ps = this.parse[n - 1];
    switch (ps) {
      case 'objectKey':
        if (c === ':') {
          this.parse[n - 1] = 'objectValue';
          this.step = this.beginValue;
          return 'continue';
        }
        return this.fail(c, 'after object key');
      case 'objectValue':
        if (c === ',') {
          this.parse[n - 1] = 'objectKey';
          this.step = this.beginString;
          return 'continue';
        }
        if (c === '}') {
          this.popParse();
          return 'continue';
        }
        return this.fail(c, 'after object key:value pair');
      default:
        if (c === ',') {
          this.step = this.beginValue;
          return 'continue';
        }
        if (c === ']') {
          this.popParse();
          return 'continue';
        }
        return this.fail(c, 'after array element');
    }
  }

  /** scanner.go `pushParseState`: nesting past maxNestingDepth is a syntax error at the opening byte. */
  private pushParseState(c: string, state: 'objectKey' | 'arrayValue'): Step {
    this.parse.push(state);
    if (this.parse.length <= JSON_MAX_NESTING_DEPTH) return 'continue';
    return this.fail(c, 'exceeded max depth');
  }

  private popParse(): void {
    this.parse.pop();
    if (this.parse.length === 0) {
      this.step = this.endTopState;
      this.endTop = true;
    } else {
      this.step = this.endValue;
    }
  }

  private endTopState(c: string): Step {
    if (!isSpace(c)) return 'end';
    return 'continue';
  }

  private inString(c: string): Step {
    if (c === '"') {
      this.step = this.endValue;
      return 'continue';
    }
    if (c === '\\') {
      this.step = this.inStringEsc;
      return 'continue';
    }
    if (c < ' ') return this.fail(c, 'in string literal');
    return 'continue';
  }

  private inStringEsc(c: string): Step {
    if ('bfnrt\\/"'.includes(c) && c !== '') {
      this.step = this.inString;
      return 'continue';
    }
    if (c === 'u') {
      let left = 4;
      this.step = (h: string) => {
        if (/^[0-9a-fA-F]$/.test(h)) {
          left--;
          if (left === 0) this.step = this.inString;
          return 'continue';
        }
        return this.fail(h, 'in \\u hexadecimal character escape');
      };
      return 'continue';
    }
    return this.fail(c, 'in string escape code');
  }

  private neg(c: string): Step {
    if (c === '0') {
      this.step = this.zero;
      return 'continue';
    }
    if (c >= '1' && c <= '9') {
      this.step = this.digits;
      return 'continue';
    }
    return this.fail(c, 'in numeric literal');
  }

  private digits(c: string): Step {
    if (c >= '0' && c <= '9' && c.length === 1) return 'continue';
    return this.zero(c);
  }

  private zero(c: string): Step {
    if (c === '.') {
      this.step = this.dot;
      return 'continue';
    }
    if (c === 'e' || c === 'E') {
      this.step = this.exp;
      return 'continue';
    }
    return this.endValue(c);
  }

  private dot(c: string): Step {
    if (c >= '0' && c <= '9' && c.length === 1) {
      this.step = this.dot0;
      return 'continue';
    }
    return this.fail(c, 'after decimal point in numeric literal');
  }

  private dot0(c: string): Step {
    if (c >= '0' && c <= '9' && c.length === 1) return 'continue';
    if (c === 'e' || c === 'E') {
      this.step = this.exp;
      return 'continue';
    }
    return this.endValue(c);
  }

  private exp(c: string): Step {
    if (c === '+' || c === '-') {
      this.step = this.expSign;
      return 'continue';
    }
    return this.expSign(c);
  }

  private expSign(c: string): Step {
    if (c >= '0' && c <= '9' && c.length === 1) {
      this.step = this.exp0;
      return 'continue';
    }
    return this.fail(c, 'in exponent of numeric literal');
  }

  private exp0(c: string): Step {
    if (c >= '0' && c <= '9' && c.length === 1) return 'continue';
    return this.endValue(c);
  }

  private literal(rest: string, word: string): (c: string) => Step {
    let i = 0;
    const step = (c: string): Step => {
      const want = rest[i];
      if (c === want) {
        i++;
        if (i === rest.length) this.step = this.endValue;
        return 'continue';
      }
      return this.fail(c, `in literal ${word} (expecting ${quoteChar(want ?? '')})`);
    };
    return step;
  }
}

/** Go's scanner steps over UTF-8 bytes: a multi-byte character is its first unit plus fillers. */
const FILLER = '\u0080';
function utf8Units(text: string): { units: string[]; chars: string[] } {
  const units: string[] = [];
  const chars: string[] = [];
  const encoder = new TextEncoder();
  for (const ch of text) {
    const n = encoder.encode(ch).length;
    units.push(ch);
    chars.push(ch);
    for (let k = 1; k < n; k++) {
      units.push(FILLER);
      chars.push('');
    }
  }
  return { units, chars };
}

/** Decodes a stream of concatenated JSON values the way kubectl's JSON path does. */
export function decodeJsonStream(text: string): JsonStreamResult {
  const { units, chars } = utf8Units(text);
  const values: Json[] = [];
  const scanner = new GoJsonScanner();
  let bytes = 0;
  let pos = 0;
  while (pos < units.length) {
    scanner.reset();
    const start = pos;
    let end = -1;
    for (; pos < units.length; pos++) {
      bytes++;
      const c = units[pos] as string;
      const r = scanner.feed(c);
      if (r === 'end') {
        bytes--;
        end = pos;
        break;
      }
      if (r === 'error') return { values, error: `json: offset ${bytes}: ${scanner.error}` };
      if (scanner.endTop && scannerEndsImmediately(c)) {
        pos++;
        end = pos;
        break;
      }
    }
    if (end === -1) {
      // EOF: a value ends cleanly only if a space would end it.
      const r = scanner.feed(' ');
      if (r === 'end' || scanner.endTop) {
        end = units.length;
      } else if (units.slice(start).some((u) => !isSpace(u))) {
        return { values, error: 'unexpected EOF' };
      } else {
        break;
      }
    }
    values.push(JSON.parse(chars.slice(start, end).join('')) as Json);
  }
  return { values };
}

/** Objects and arrays end the value at their closing bracket (stream.go scanEndObject/Array). */
function scannerEndsImmediately(c: string): boolean {
  return c === '}' || c === ']';
}

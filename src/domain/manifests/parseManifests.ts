import { type Json, type JsonObject, isJsonObject } from '../objects.ts';
import { decodeJsonStream } from './goJson.ts';
import { yamlToJson } from './goYaml.ts';

/** One manifest document as kubectl read it, before any server-side validation. */
export interface RawDoc {
  /** 0-based position among the stream's non-empty documents. */
  index: number;
  apiVersion: string;
  kind: string;
  /** `metadata` exactly as written (may be absent or of the wrong type). */
  metadata: Json | undefined;
  /** The whole document as the JSON kubectl sends (keys sorted, as Go's json.Marshal does). */
  object: JsonObject;
}

/**
 * `docs` holds the documents read before a failure too: kubectl reads the stream lazily
 * (cli-runtime StreamVisitor), so `apply` still applies the documents before a broken one and prints
 * the error at the end.
 */
export type ParseManifestsResult = { ok: true; docs: RawDoc[] } | { ok: false; error: string; docs: RawDoc[] };

// cli-runtime pkg/resource/visitor.go stopValidateMessage.
const STOP_VALIDATE = 'if you choose to ignore these errors, turn validation off with --validate=false';

/**
 * Reads a manifest stream as `kubectl apply -f` does (cli-runtime StreamVisitor over apimachinery's
 * YAMLOrJSONDecoder). `source` is `STDIN` or the file name; it appears in error lines such as
 * `error: error parsing STDIN: error converting YAML to JSON: yaml: line 7: …`. `error` is the full
 * stderr line without its trailing newline.
 */
export function parseManifests(text: string, source: string): ParseManifestsResult {
  // FileVisitor decodes through a BOM-aware transformer: a UTF-8 BOM never reaches the decoder.
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const docs: RawDoc[] = [];
  const fail = (error: string): ParseManifestsResult => ({ ok: false, error, docs });

  // util/yaml/decoder.go GuessJSONStream: JSON when the first non-space byte is `{`.
  if (/^\s*\{/u.test(input)) {
    const { values, error } = decodeJsonStream(input);
    for (const value of values) {
      if (value === null) continue;
      const problem = checkDocument(value, source, docs);
      if (problem) return fail(problem);
    }
    return error === undefined ? { ok: true, docs } : fail(`error: error parsing ${source}: ${error}`);
  }

  for (const chunk of splitYamlDocuments(input)) {
    if ('separatorError' in chunk) return fail(`error: error parsing ${source}: invalid Yaml document separator: ${chunk.separatorError}`);
    const converted = yamlToJson(chunk.text);
    if (!converted.ok) return fail(`error: error parsing ${source}: ${converted.message}`);
    if (converted.value === null) continue;
    const problem = checkDocument(converted.value, source, docs);
    if (problem) return fail(problem);
  }
  return { ok: true, docs };
}

/**
 * kubectl's client-side check before anything is sent (kubectl pkg/validation/schema.go
 * `getObjectKind`, wrapped by visitor.go `ValidateSchema`). Appends the document when it passes.
 */
function checkDocument(value: Json, source: string, docs: RawDoc[]): string | undefined {
  const errors: string[] = [];
  if (!isJsonObject(value)) {
    errors.push('invalid object to validate');
  } else {
    const { apiVersion, kind } = value;
    if (apiVersion === undefined || apiVersion === null) errors.push('apiVersion not set');
    else if (typeof apiVersion !== 'string') errors.push("apiVersion isn't string type");
    else if ((apiVersion.match(/\//g) ?? []).length > 1) errors.push(`unexpected GroupVersion string: ${apiVersion}`);
    if (kind === undefined || kind === null) errors.push('kind not set');
    else if (typeof kind !== 'string') errors.push("kind isn't string type");
  }
  if (errors.length > 0) {
    // utilerrors.Aggregate prints one error bare and several as `[a, b]`.
    const text = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
    return `error: error validating ${goQuote(source)}: error validating data: ${text}; ${STOP_VALIDATE}`;
  }
  const object = value as JsonObject;
  docs.push({
    index: docs.length,
    apiVersion: object.apiVersion as string,
    kind: object.kind as string,
    metadata: object.metadata,
    object,
  });
  return undefined;
}

type Chunk = { text: string } | { separatorError: string };

/**
 * util/yaml/decoder.go YAMLReader: a line that starts with `---` ends a document; only spaces or a
 * comment may follow it. Lines are read with bufio.ReadLine, which drops `\n` and `\r\n`.
 */
function* splitYamlDocuments(input: string): Generator<Chunk> {
  const lines = input.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let buffer = '';
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('---')) {
      const trimmed = line.slice(3).trim();
      if (trimmed.length > 0 && !trimmed.startsWith('#')) {
        yield { separatorError: trimmed };
        return;
      }
      if (buffer.length > 0) {
        yield { text: buffer };
        buffer = '';
        continue;
      }
      // With nothing buffered the separator line stays in the document (go-yaml then sees an
      // explicit `---` document start, which shifts its line numbers by one).
    }
    buffer += `${line}\n`;
  }
  if (buffer.length > 0) yield { text: buffer };
}

/** Go's %q for the plain file names kubectl shows. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

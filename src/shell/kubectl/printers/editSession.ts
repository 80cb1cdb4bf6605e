import { updateObject } from '../../../domain/cluster/updateObject.ts';
import { kindInfo, qualifiedPlural } from '../../../domain/kinds.ts';
import { yamlToJson } from '../../../domain/manifests/goYaml.ts';
import { admissionWarnings, validateObject } from '../../../domain/manifests/validateObject.ts';
import { type Json, type JsonObject, type KubeObject, isJsonObject, jsonEqual } from '../../../domain/objects.ts';
import type { World } from '../../../domain/world.ts';
import type { VirtualFs } from '../../types.ts';
import { formatYaml } from '../format/index.ts';
import type { EditFile, EditOutcome, EditSession } from '../host.ts';
import { objectName } from '../resources.ts';
import { toApiJson } from './toApiJson.ts';

/** editoptions.go `editHeader.writeTo` (normal edit mode). */
const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

/** A reason the file is reopened: a head line and its causes. */
interface EditReason {
  head: string;
  other: string[];
}

/** editoptions.go `hashOnLineBreak`: continuation lines of a reason stay comments. */
function hashOnLineBreak(text: string): string {
  return text.replace(/\n(?!#)/g, '\n# ');
}

/** The header with the reasons of the last failed save (`editHeader.writeTo`). */
function header(reasons: readonly EditReason[]): string {
  let out = HEADER;
  for (const r of reasons) {
    out += r.other.length > 0 ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += '#\n';
  }
  return out;
}

/** KCTL cmdutil.ManualStrip: drops comment lines (`#`, not `#!`). */
function manualStrip(text: string): string {
  return text.split('\n').filter((line) => !(line.trim().startsWith('#') && !line.trim().startsWith('#!'))).join('\n');
}

/** KCTL cmdutil.StripComments: the YAML as JSON (comments gone), or the manually stripped text when it does not parse. */
function stripComments(text: string): string {
  const json = yamlToJson(text);
  return json.ok ? JSON.stringify(json.value) : manualStrip(text);
}

/** editoptions.go `hasLines`: any line that is not blank and not a comment. */
function hasLines(text: string): boolean {
  return text.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

/** `pods`, `peerauthentications.security.istio.io`: how editResults.addError names the resource. */
function resourceString(obj: KubeObject): string {
  const info = kindInfo(obj.kind);
  return info ? qualifiedPlural(info) : obj.kind.toLowerCase();
}

/** The causes of an Invalid error as kubectl printed them (`The X "n" is invalid: a` or the `* a` lines). */
function invalidCauses(message: string): string[] | undefined {
  const m = /^The \S+ "[^"]*" is invalid: ([\s\S]*)$/.exec(message);
  if (!m) return undefined;
  const rest = m[1] ?? '';
  return rest.startsWith('\n* ') ? rest.slice(3).split('\n* ') : [rest];
}

/**
 * One `kubectl edit` (KCTL:pkg/cmd/util/editor/editoptions.go `Run`, normal edit mode): the file is
 * the object as `kubectl get -o yaml` prints it under kubectl's header. Saving compares the file
 * without comments with what was written (`Edit cancelled, no changes made.`), refuses an empty
 * file, reopens it with the syntax error or the API server's Invalid causes in the header, and
 * otherwise applies it: `TYPE/NAME edited`.
 */
export function createEditSession(deps: { world: () => World; fs: VirtualFs }, obj: KubeObject, path: string): EditSession {
  const original = formatYaml(toApiJson(obj, { now: deps.world().nowSeconds() }));
  const name = objectName(obj);
  let file: EditFile = { path, text: `${HEADER}${original}` };
  deps.fs.writeFile(path, file.text);
  const done = (stdout: string, stderr: string, exitCode: number): EditOutcome => ({ done: true, stdout, stderr, exitCode });
  /** The text of the last save that failed: saving the same again gives up (editoptions.go `containsError`). */
  let failed: string | undefined;
  const reopen = (reasons: EditReason[], edited: string, stderr: string): EditOutcome => {
    failed = edited;
    file = { path, text: `${header(reasons)}${manualStrip(edited)}` };
    deps.fs.writeFile(path, file.text);
    return { done: false, stdout: '', stderr, file };
  };
  /** preservedFile: the copy's path, then the error. */
  const preserved = (error: string): EditOutcome => done('', `A copy of your changes has been stored to ${JSON.stringify(path)}\n${error}\n`, 1);

  const save = (text: string): EditOutcome => {
    deps.fs.writeFile(path, text);
    if (failed !== undefined && stripComments(failed) === stripComments(text)) return preserved('error: Edit cancelled, no valid changes were saved.');
    if (stripComments(original) === stripComments(text)) return done('', 'Edit cancelled, no changes made.\n', 0);
    if (!hasLines(text)) return done('', 'Edit cancelled, saved file was empty.\n', 0);
    const parsed = yamlToJson(manualStrip(text));
    if (!parsed.ok) return reopen([{ head: `The edited file had a syntax error: ${parsed.message}`, other: [] }], text, '');
    const edited: Json = parsed.value;
    if (!isJsonObject(edited)) return reopen([{ head: `The edited file had a syntax error: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(edited) ? 'array' : typeof edited} into Go value of type map[string]interface {}`, other: [] }], text, '');
    const world = deps.world();
    const live = world.get(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name);
    if (!live) return done('', `error: ${resourceString(obj)} ${JSON.stringify(obj.metadata.name)} could not be found on the server\nThe edits you made on deleted resources have been saved to ${JSON.stringify(path)}\n`, 1);
    const before = toApiJson(obj, { now: world.nowSeconds() });
    const meta = (v: JsonObject) => (isJsonObject(v.metadata) ? v.metadata.name : undefined);
    if (edited.apiVersion !== before.apiVersion || edited.kind !== before.kind || meta(edited) !== meta(before)) {
      return preserved('error: At least one of apiVersion, kind and name was changed');
    }
    if (jsonEqual(edited, before)) return done(`${name} skipped\n`, '', 0);
    const invalid = validateObject(edited, { source: '', operation: 'patching' });
    if (invalid) {
      const message = invalid.message.replace('error when patching "": ', '');
      const causes = invalidCauses(message);
      if (causes) {
        return reopen([{ head: `${resourceString(obj)} ${JSON.stringify(obj.metadata.name)} was not valid`, other: causes }], text, `error: ${resourceString(obj)} ${JSON.stringify(obj.metadata.name)} is invalid\n`);
      }
      return done('', `error: ${resourceString(obj)} ${JSON.stringify(obj.metadata.name)} could not be patched: ${message.replace(/^Error from server \(\w+\): /, '')}\nYou can run \`kubectl replace -f ${path}\` to try this update again.\n`, 1);
    }
    const warnings = admissionWarnings(edited).map((w) => `${w}\n`).join('');
    const updated = updateObject(world, live, edited, { dryRun: false });
    if (!updated.ok) {
      const causes = invalidCauses(updated.error);
      if (causes) return reopen([{ head: `${resourceString(obj)} ${JSON.stringify(obj.metadata.name)} was not valid`, other: causes }], text, `${warnings}error: ${resourceString(obj)} ${JSON.stringify(obj.metadata.name)} is invalid\n`);
      return done('', `${warnings}error: ${updated.error}\n`, 1);
    }
    return done(`${name} edited\n`, warnings, 0);
  };
  return {
    get file() {
      return file;
    },
    title: name,
    save,
    // Quitting without writing leaves the file as kubectl wrote it.
    close: () => save(file.text),
  };
}

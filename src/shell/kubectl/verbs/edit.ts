import { Shell } from '../../bash/shell.ts';
import type { CommandContext } from '../../types.ts';
import type { EditOutcome } from '../host.ts';
import { createEditSession } from '../printers/editSession.ts';
import { MISSING_RESOURCE, SELECTOR_FLAG, selectResources } from '../printers/selectResources.ts';
import type { Verb, VerbContext } from '../types.ts';

/** Terminal editors: they need a screen, which the simulator gives them as its editor panel. */
const SCREEN_EDITORS = new Set(['vi', 'vim', 'nvim', 'view', 'nano', 'pico', 'emacs', 'joe', 'micro', 'code', 'ed']);

/**
 * KCTL:pkg/cmd/util/editor/editor.go `defaultEnvEditor` for kubectl edit's ["KUBE_EDITOR",
 * "EDITOR"]: the first set one, else vi; a value with spaces and no quotes is split on spaces, one
 * with quotes runs in the shell.
 */
function chooseEditor(env: ReadonlyMap<string, string>): { args: string[]; shell: boolean } {
  const editor = env.get('KUBE_EDITOR') || env.get('EDITOR') || 'vi';
  if (!editor.includes(' ')) return { args: [editor], shell: false };
  if (!/["'\\]/.test(editor)) return { args: editor.split(' '), shell: false };
  return { args: [editor], shell: true };
}

/** Prints what a save or close ended with. */
function report(io: CommandContext, outcome: EditOutcome): void {
  if (outcome.stdout) io.stdout(outcome.stdout);
  if (outcome.stderr) io.stderr(outcome.stderr);
}

/** The quoting Go's %q gives a path (launcher_others.go `args` in shell mode). */
const quote = (text: string) => JSON.stringify(text);

/**
 * Runs a non-interactive editor command (`KUBE_EDITOR="sed -i s/PERMISSIVE/STRICT/"`) on the file,
 * in a shell over Cloud Shell's files, as kubectl's launcher runs it. Returns its exit status.
 */
function runEditor(ctx: VerbContext, args: string[], shellMode: boolean, path: string): number {
  const shell = new Shell({ commands: {}, fs: ctx.services.fs, env: Object.fromEntries(ctx.io.env), sleep: (ms) => ctx.services.sleep(ms) });
  const line = shellMode ? `${args[0] ?? ''} ${quote(path)}` : [...args, path].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = shell.run(line);
  for (const chunk of result.chunks) (chunk.stream === 'stdout' ? ctx.io.stdout : ctx.io.stderr)(chunk.text);
  return result.exitCode;
}

/**
 * `kubectl edit TYPE/NAME` (KCTL:pkg/cmd/edit/edit.go, pkg/cmd/util/editor/editoptions.go and
 * editor.go). The file is /tmp/kubectl-edit-N.yaml in Cloud Shell's files. A terminal editor (vi,
 * the default) opens as the app's editor panel, which prints the outcome when it closes; where there
 * is no panel (the headless sim) it cannot start: `unable to launch the editor "vi"`. A
 * non-interactive KUBE_EDITOR or EDITOR command runs on the file, and the result is applied.
 */
export const editVerb: Verb = {
  name: 'edit',
  short: 'Edit a resource on the server',
  usage: 'kubectl edit (RESOURCE/NAME | -f FILENAME) [options]',
  flags: [
    { long: 'output', short: 'o', type: 'string', description: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { long: 'output-patch', type: 'bool', description: 'Output the patch if the resource is edited.' },
    { long: 'windows-line-endings', type: 'bool', description: 'Defaults to the line ending native to your platform.' },
    { long: 'save-config', type: 'bool', description: 'If true, the configuration of current object will be saved in its annotation.' },
    { long: 'validate', type: 'string', description: "Must be one of: strict (or true), warn, ignore (or false)." },
    { long: 'subresource', type: 'string', description: 'If specified, edit will operate on the subresource of the requested object. Must be one of [status]. This flag is beta and may change in the future.' },
    { long: 'all-namespaces', short: 'A', type: 'bool', description: 'If present, list the requested object(s) across all namespaces.' },
    SELECTOR_FLAG,
  ],
  run(ctx) {
    const args = ctx.args.positionals;
    if (args.length === 0) {
      ctx.err(`${MISSING_RESOURCE}\n`);
      return 1;
    }
    const selected = selectResources(ctx, args, { all: true, allNamespaces: ctx.flag<boolean>('all-namespaces') === true });
    if (!selected.ok) {
      ctx.err(`${selected.error}\n`);
      return 1;
    }
    const { objects, errors } = selected.selected;
    if (errors.length > 0) {
      ctx.err(`${errors[0] ?? ''}\n`);
      return 1;
    }
    if (objects.length === 0) {
      ctx.err('error: edit cancelled, no objects found\n');
      return 1;
    }
    const [obj] = objects;
    if (!obj || objects.length > 1) {
      ctx.err(`mtls-playground: the simulator edits one object at a time; name it, e.g. kubectl edit ${args[0]?.split('/')[0] ?? 'TYPE'}/NAME\n`);
      return 1;
    }
    const path = `/tmp/kubectl-edit-${1_000_000_000 + ctx.world.rng.int(0, 2_999_999_999)}.yaml`;
    const session = createEditSession({ world: () => ctx.services.world, fs: ctx.services.fs }, obj, path);
    const editor = chooseEditor(ctx.io.env);
    const program = (editor.args[0] ?? '').replace(/^.*\//, '');
    if (!editor.shell && SCREEN_EDITORS.has(program)) {
      if (ctx.services.host?.openEditor?.(session)) return 0;
      ctx.err(`error: unable to launch the editor ${quote(editor.args.join(' '))}\n`);
      return 1;
    }
    // A command that edits the file and exits; kubectl reopens it after a failed save, the command edits it again.
    for (let pass = 0; pass < 5; pass++) {
      const status = runEditor(ctx, editor.args, editor.shell, path);
      if (status !== 0) {
        ctx.err(status === 127 ? `error: unable to launch the editor ${quote(editor.args.join(' '))}\n` : `error: there was a problem with the editor ${quote(editor.args.join(' '))}\n`);
        return 1;
      }
      const outcome = session.save(ctx.services.fs.readFile(path) ?? '');
      report(ctx.io, outcome);
      if (outcome.done) return outcome.exitCode;
    }
    return 1;
  },
};

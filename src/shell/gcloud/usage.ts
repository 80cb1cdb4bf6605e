import type { FlagSpec } from '../kubectl/types.ts';
import type { GcloudCommand } from './types.ts';

export const SEARCH_HINT = '\nTo search the help text of gcloud commands, run:\n  gcloud help -- SEARCH_TERMS\n';

/** `gcloud.container.clusters.get-credentials` → `gcloud container clusters get-credentials` */
export function commandPath(commandId: string): string {
  return commandId.replaceAll('.', ' ');
}

/** The flags gcloud lists in a usage error: `--zone | -z` style, sorted, `--help` included. */
function usageFlagNames(flags: FlagSpec[]): string[] {
  const names = flags.flatMap((f) => [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])]);
  return [...new Set([...names, '--help'])].sort((a, b) => {
    const key = (s: string) => s.replace(/^-+/, '');
    const long = (s: string) => (s.startsWith('--') ? 0 : 1);
    return long(a) - long(b) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  });
}

/**
 * calliope's usage block after an argument error, wrapped at 80 columns:
 * `Usage: gcloud … NAME [optional flags]` / `  optional flags may be  --a | --b |` …
 */
export function usageBlock(commandId: string, command: GcloudCommand): string {
  const path = commandPath(commandId);
  const positionals = (command.positionals ?? []).map((p) => (p.required ? p.name : `[${p.name}]`)).join(' ');
  let text = `Usage: ${path}${positionals ? ` ${positionals}` : ''} [optional flags]\n`;
  const prefix = '  optional flags may be  ';
  const names = usageFlagNames(command.flags ?? []);
  const indent = ' '.repeat(prefix.length);
  let line = prefix;
  let fresh = true;
  names.forEach((name, i) => {
    const token = i === names.length - 1 ? name : `${name} |`;
    const candidate = fresh ? line + token : `${line} ${token}`;
    if (!fresh && candidate.length > 80) {
      text += `${line}\n`;
      line = indent + token;
    } else {
      line = candidate;
    }
    fresh = false;
  });
  text += `${line}\n`;
  text += `\nFor detailed information on this command and its flags, run:\n  ${path} --help\n`;
  return text;
}

export { editDistance } from '../suggest.ts';

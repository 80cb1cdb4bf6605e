import { type FieldError, formatInvalid } from '../../domain/manifests/fieldErrors.ts';
import { quoteGoString } from './format/quoteGoString.ts';

/**
 * An error as kubectl holds it before printing: a plain Go error (`fmt.Errorf`), an API status
 * error, an Invalid status error with its field causes, or an aggregate of several.
 */
export type KubectlError =
  | { type: 'plain'; message: string }
  /** A status error other than Invalid, already in StandardErrorMessage's `Error from server (Reason): …` form. */
  | { type: 'status'; text: string }
  /** apierrors.NewInvalid: `qualifiedKind` is GroupKind.String() (`Pod`, `Deployment.apps`), `kind` the bare Kind. */
  | { type: 'invalid'; kind: string; qualifiedKind: string; name: string; causes: FieldError[] }
  | { type: 'aggregate'; errors: KubectlError[] };

/** utilerrors.NewAggregate: nil for no errors. */
export function aggregate(errors: KubectlError[]): KubectlError | undefined {
  return errors.length === 0 ? undefined : { type: 'aggregate', errors };
}

/** Go's err.Error(); an aggregate drops repeated messages and brackets several (AM:pkg/util/errors/errors.go). */
function errorText(err: KubectlError): string {
  switch (err.type) {
    case 'plain': return err.message;
    case 'status': return err.text;
    case 'invalid': return `${err.qualifiedKind} ${quoteGoString(err.name)} is invalid: ${errorText({ type: 'aggregate', errors: err.causes.map((c) => ({ type: 'plain', message: `${c.field}: ${c.body}` })) })}`;
    case 'aggregate': {
      const seen = [...new Set(err.errors.map(errorText))];
      return seen.length === 1 ? (seen[0] ?? '') : `[${seen.join(', ')}]`;
    }
  }
}

/** KCTL:pkg/cmd/util/helpers.go `messageForError`: StandardErrorMessage for API errors, else err.Error(). */
function messageForError(err: KubectlError): string {
  return err.type === 'invalid' ? `Error from server (Invalid): ${errorText(err)}` : errorText(err);
}

/**
 * KCTL:pkg/cmd/util/helpers.go `checkErr`: the text kubectl prints to stderr for a failed command.
 * An aggregate of one is unwrapped; an Invalid error lists its causes (`formatInvalid`); an aggregate
 * prints one `messageForError` line per error, without the `error: ` prefix a plain error gets.
 */
export function checkErr(err: KubectlError): string {
  const single = err.type === 'aggregate' && err.errors.length === 1 && err.errors[0] ? err.errors[0] : err;
  switch (single.type) {
    case 'invalid': return `${formatInvalid(single.kind, single.name, single.causes)}\n`;
    case 'aggregate': return single.errors.map((e) => `${messageForError(e)}\n`).join('');
    case 'status': return `${single.text}\n`;
    case 'plain': return single.message.startsWith('error: ') ? `${single.message}\n` : `error: ${single.message}\n`;
  }
}

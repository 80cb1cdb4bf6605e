import type { EditOutcome, EditSession } from '../shell/kubectl/host.ts';

/** What the editor reports to whoever opened it (the simulator prints to the terminal). */
export interface EditorCallbacks {
  /** What kubectl printed after a save or a close. */
  output(outcome: EditOutcome): void;
  /** The editor has closed: kubectl edit is done. */
  exit(): void;
}

/**
 * The editor panel `kubectl edit` opens in place of vi: the file kubectl wrote, the text being
 * edited, and saving or closing it. A failed save keeps the panel open with the file kubectl
 * reopens (its header lists what was wrong), as kubectl reopens the editor.
 */
export class EditorState {
  /** The edit in progress, or undefined when the panel is closed. */
  session = $state.raw<EditSession | undefined>(undefined);
  /** The text in the editor. */
  text = $state('');
  /** The file's path, e.g. `/tmp/kubectl-edit-1234567890.yaml`. */
  path = $state('');
  /** Bumped whenever kubectl reopens the file after a failed save (the view moves the caret to the top). */
  reopened = $state(0);
  private callbacks: EditorCallbacks | undefined;

  get open(): boolean {
    return this.session !== undefined;
  }

  /** Opens the panel on a session's file. */
  start(session: EditSession, callbacks: EditorCallbacks): void {
    this.session = session;
    this.callbacks = callbacks;
    this.text = session.file.text;
    this.path = session.file.path;
  }

  /** Writes the text and exits the editor: kubectl applies it, or reopens the file with its errors. */
  save(): void {
    const session = this.session;
    if (!session) return;
    this.finish(session.save(this.text), session);
  }

  /** Exits without writing. */
  cancel(): void {
    const session = this.session;
    if (!session) return;
    this.finish(session.close(), session);
  }

  private finish(outcome: EditOutcome, session: EditSession): void {
    const callbacks = this.callbacks;
    callbacks?.output(outcome);
    if (!outcome.done) {
      this.text = session.file.text;
      this.reopened++;
      return;
    }
    this.session = undefined;
    this.callbacks = undefined;
    this.text = '';
    callbacks?.exit();
  }
}

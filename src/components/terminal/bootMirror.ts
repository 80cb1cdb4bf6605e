import type { TerminalEntry } from '../../app/terminal.svelte.ts';

/**
 * The boot terminal's scrollback (index.html's `#boot-lines`) once the engine has loaded and the
 * workspace has not: it shows the playground terminal's entries (what was typed and what came
 * back) and the lines still waiting to run, the way the workspace's terminal will show them.
 * Plain DOM, since the boot terminal is static HTML; text only, never markup.
 *
 * An entry whose object is unchanged is not touched again (the terminal replaces an entry's object
 * when its output grows), so a long-running command redraws one block per slice.
 */
export class BootMirror {
  private readonly rows = new Map<number, { entry: TerminalEntry; element: HTMLElement }>();
  private readonly pending: HTMLElement;

  constructor(private readonly container: HTMLElement) {
    container.replaceChildren();
    this.pending = container.ownerDocument.createElement('div');
    container.append(this.pending);
  }

  render(entries: readonly TerminalEntry[], waiting: readonly string[], prompt: string): void {
    const seen = new Set<number>();
    let before: Element = this.pending;
    // From the last entry back, so each row goes just before the one after it.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i] as TerminalEntry;
      seen.add(entry.id);
      const known = this.rows.get(entry.id);
      if (known?.entry === entry) {
        before = known.element;
        continue;
      }
      const element = this.block(entry);
      if (known) known.element.replaceWith(element);
      else this.container.insertBefore(element, before);
      this.rows.set(entry.id, { entry, element });
      before = element;
    }
    for (const [id, row] of this.rows) {
      if (seen.has(id)) continue;
      row.element.remove();
      this.rows.delete(id);
    }
    this.pending.replaceChildren(...waiting.map((line) => this.line(prompt, line)));
  }

  private block(entry: TerminalEntry): HTMLElement {
    const doc = this.container.ownerDocument;
    const block = doc.createElement('div');
    if (entry.prompt || entry.input) block.append(this.line(entry.prompt, entry.input));
    for (const chunk of entry.output) {
      const out = doc.createElement('div');
      out.className = chunk.stream === 'stderr' ? 'line err' : 'line';
      out.textContent = chunk.text.endsWith('\n') ? chunk.text.slice(0, -1) : chunk.text;
      block.append(out);
    }
    return block;
  }

  private line(prompt: string, input: string): HTMLElement {
    const doc = this.container.ownerDocument;
    const row = doc.createElement('div');
    row.className = 'line';
    const label = doc.createElement('span');
    label.className = 'prompt';
    label.setAttribute('aria-hidden', 'true');
    label.textContent = prompt;
    row.append(label, input);
    return row;
  }
}

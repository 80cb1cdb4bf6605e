// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import { createDefaultWorld } from '../../domain/cluster/defaultWorld.ts';
import { EditorState } from '../../app/editorState.svelte.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import { MemoryFs } from '../../shell/bash/memoryFs.ts';
import { createEditSession } from '../../shell/kubectl/printers/editSession.ts';
import EditorPanel from './EditorPanel.svelte';

/** An editor open on the frontend Service, as `kubectl edit svc/frontend -n frontend` opens it. */
function openEditor() {
  const world = createDefaultWorld();
  const svc = world.get('Service', 'frontend', 'frontend');
  if (!svc) throw new Error('no frontend Service');
  const editor = new EditorState();
  const output = vi.fn();
  const exit = vi.fn();
  editor.start(createEditSession({ world: () => world, fs: new MemoryFs() }, svc, '/tmp/kubectl-edit-1234567890.yaml'), { output, exit });
  return { editor, output, exit, world };
}

describe('EditorPanel', () => {
  it('shows the file kubectl wrote in a labelled text box, focused, with its path and keys', async () => {
    const { editor } = openEditor();
    render(EditorPanel, { props: { editor } });
    expect(screen.getByRole('region', { name: 'Editing service/frontend' })).toBeInTheDocument();
    const box = screen.getByRole('textbox', { name: 'The object as YAML' });
    expect((box as HTMLTextAreaElement).value).toMatch(/^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n/);
    expect(screen.getByText('File /tmp/kubectl-edit-1234567890.yaml')).toBeInTheDocument();
    expect(box).toHaveAccessibleDescription(/^Control S saves/);
    await vi.waitFor(() => expect(box).toHaveFocus());
  });

  it('saves with Control S: kubectl applies the change and the editor exits', async () => {
    const { editor, output, exit, world } = openEditor();
    render(EditorPanel, { props: { editor } });
    const box = screen.getByRole('textbox', { name: 'The object as YAML' }) as HTMLTextAreaElement;
    const user = userEvent.setup();
    await user.click(box);
    editor.text = editor.text.replace('type: ClusterIP', 'type: NodePort');
    flushSync();
    await user.keyboard('{Control>}s{/Control}');
    expect(output).toHaveBeenCalledWith({ done: true, stdout: 'service/frontend edited\n', stderr: '', exitCode: 0 });
    expect(exit).toHaveBeenCalledOnce();
    expect(editor.open).toBe(false);
    expect(world.get('Service', 'frontend', 'frontend')?.spec?.type).toBe('NodePort');
  });

  it('keeps the file open with the reasons after a refused save, and Cancel exits with kubectl\'s message', async () => {
    const { editor, output, exit } = openEditor();
    render(EditorPanel, { props: { editor } });
    editor.text = editor.text.replace('type: ClusterIP', 'type: Sideways');
    flushSync();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Save and apply' }));
    expect(output).toHaveBeenLastCalledWith(expect.objectContaining({ done: false, stderr: 'error: services "frontend" is invalid\n' }));
    expect(screen.getByRole('status')).toHaveTextContent('kubectl refused the change: the reasons are at the top of the file.');
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toContain('# services "frontend" was not valid:\n');
    expect(exit).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(exit).toHaveBeenCalledOnce();
    expect(output).toHaveBeenLastCalledWith(expect.objectContaining({ done: true, exitCode: 1, stderr: expect.stringContaining('error: Edit cancelled, no valid changes were saved.\n') as unknown as string }));
  });

  it('is reachable by keyboard alone: the text, then Cancel, then Save', async () => {
    const { editor } = openEditor();
    render(EditorPanel, { props: { editor } });
    const user = userEvent.setup();
    await vi.waitFor(() => expect(screen.getByRole('textbox')).toHaveFocus());
    await user.tab();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Save and apply' })).toHaveFocus();
  });

  it('speaks Japanese', () => {
    const { editor } = openEditor();
    render(EditorPanel, { props: { editor }, context: i18nContext(new I18n('ja')) });
    expect(screen.getByRole('region', { name: 'service/frontend を編集中' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '保存して適用' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'キャンセル' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'オブジェクトの YAML' })).toBeInTheDocument();
  });
});

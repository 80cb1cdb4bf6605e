// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TerminalState } from '../../app/terminal.svelte.ts';
import { SimSession } from '../../shell/session.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import Terminal from './Terminal.svelte';

describe('Terminal', () => {
  it('runs a typed command, shows a continuation prompt for a heredoc, and completes with Tab', async () => {
    const user = userEvent.setup();
    const terminal = new TerminalState(new SimSession());
    render(Terminal, { terminal });
    const input = screen.getByRole('textbox', { name: 'Command input' });
    await user.type(input, 'kubectl get ns frontend{Enter}');
    // Echoed at once; the answer follows (after the frame that shows the echo).
    expect(screen.getByRole('log', { name: 'Terminal output' })).toHaveTextContent('$ kubectl get ns frontend');
    await vi.waitFor(() => expect(screen.getByRole('log', { name: 'Terminal output' })).toHaveTextContent(/frontend\s+Active/));
    await user.type(input, 'cat <<EOF{Enter}');
    await vi.waitFor(() => expect(screen.getByText('>', { selector: 'label' })).toBeInTheDocument());
    await user.type(input, 'hello{Enter}EOF{Enter}');
    await vi.waitFor(() => expect(screen.getByRole('log')).toHaveTextContent(/> EOF\s*hello/));
    await user.type(input, 'kubectl get peera');
    await user.keyboard('{Tab}');
    expect(input).toHaveValue('kubectl get peerauthentications ');
  });

  it('Ctrl+C abandons the line and ↑ recalls the last command', async () => {
    const user = userEvent.setup();
    const terminal = new TerminalState(new SimSession());
    render(Terminal, { terminal });
    const input = screen.getByRole('textbox', { name: 'Command input' });
    await user.type(input, 'echo first{Enter}');
    await user.type(input, 'echo never');
    await user.keyboard('{Control>}c{/Control}');
    expect(input).toHaveValue('');
    expect(screen.getByRole('log')).toHaveTextContent('echo never^C');
    await user.keyboard('{ArrowUp}');
    expect(input).toHaveValue('echo first');
  });

  it('labels itself in Japanese under a Japanese I18n, and prints what commands print', async () => {
    const user = userEvent.setup();
    render(Terminal, { props: { terminal: new TerminalState(new SimSession()) }, context: i18nContext(new I18n('ja')) });
    const input = screen.getByRole('textbox', { name: 'コマンド入力' });
    expect(input).toHaveAccessibleDescription(/Enter でコマンドを実行します/);
    await user.type(input, 'kubectl get ns frontend{Enter}');
    await vi.waitFor(() => expect(screen.getByRole('log', { name: 'ターミナルの出力' })).toHaveTextContent(/NAME\s+STATUS\s+AGE\s*frontend\s+Active/));
  });
});

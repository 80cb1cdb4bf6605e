// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import SplitPane from './SplitPane.svelte';

const pane = (text: string) => createRawSnippet(() => ({ render: () => `<p>${text}</p>` }));

describe('SplitPane', () => {
  it('renders both panes and resizes from the keyboard within its bounds', async () => {
    const user = userEvent.setup();
    render(SplitPane, { direction: 'row', initial: 40, min: 20, max: 80, label: 'Resize the columns', first: pane('left'), second: pane('right') });
    expect(screen.getByText('left')).toBeInTheDocument();
    expect(screen.getByText('right')).toBeInTheDocument();
    const separator = screen.getByRole('separator', { name: 'Resize the columns' });
    expect(separator).toHaveAttribute('aria-valuenow', '40');
    separator.focus();
    await user.keyboard('{ArrowRight}');
    expect(separator).toHaveAttribute('aria-valuenow', '42');
    await user.keyboard('{Shift>}{ArrowLeft}{/Shift}');
    expect(separator).toHaveAttribute('aria-valuenow', '32');
    await user.keyboard('{Home}');
    expect(separator).toHaveAttribute('aria-valuenow', '20');
    await user.keyboard('{End}');
    expect(separator).toHaveAttribute('aria-valuenow', '80');
  });
});

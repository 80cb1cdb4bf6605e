// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { parseOptions } from '../../app/options.ts';
import { createMemoryStorage } from '../../app/persist/index.ts';
import { Playground } from '../../app/playground.svelte.ts';
import PresenterBar from './PresenterBar.svelte';

let pg: Playground | undefined;
afterEach(() => {
  pg?.dispose();
  pg = undefined;
  document.body.replaceChildren();
});

async function present() {
  const query = '?lang=en&lesson=1&presenter=1';
  pg = new Playground(parseOptions(query), { search: query, hash: '', languages: ['en'], storage: createMemoryStorage() });
  await pg.start();
  pg.setPresenter(true);
  render(PresenterBar, { props: { pg, spotlight: false } });
  // The terminal's input line, where presenter mode starts with the focus.
  const terminal = document.createElement('textarea');
  document.body.append(terminal);
  terminal.focus();
  return { pg, terminal, total: pg.demoProgress()[1] };
}

const nextButton = () => screen.getByRole('button', { name: /Run next command/ });

describe('PresenterBar', () => {
  it('counts the commands it has run on its button', async () => {
    const { total } = await present();
    expect(total).toBeGreaterThan(2);
    expect(nextButton()).toHaveTextContent(`(0/${total})`);
    await fireEvent.click(nextButton());
    expect(nextButton()).toHaveTextContent(`(1/${total})`);
    await fireEvent.click(nextButton());
    expect(nextButton()).toHaveTextContent(`(2/${total})`);
    expect(screen.getByRole('status')).toHaveTextContent(`Ran command 2 of ${total}.`);
  });

  it('takes the clicker keys PageDown and PageUp while the terminal has the focus, even with text typed', async () => {
    const { pg, terminal, total } = await present();
    terminal.value = 'kubectl get po';
    expect(await fireEvent.keyDown(terminal, { key: 'PageDown' })).toBe(false);
    expect(nextButton()).toHaveTextContent(`(1/${total})`);
    pg.course.goToStep(1);
    expect(await fireEvent.keyDown(terminal, { key: 'PageUp' })).toBe(false);
    expect(pg.course.stepIndex).toBe(0);
  });

  it('takes → and ← in the terminal only while its input line is empty, so they still move the caret', async () => {
    const { pg, terminal, total } = await present();
    terminal.value = 'kubectl';
    expect(await fireEvent.keyDown(terminal, { key: 'ArrowRight' })).toBe(true);
    expect(nextButton()).toHaveTextContent(`(0/${total})`);
    terminal.value = '';
    expect(await fireEvent.keyDown(terminal, { key: 'ArrowRight' })).toBe(false);
    expect(nextButton()).toHaveTextContent(`(1/${total})`);
    pg.course.goToStep(1);
    terminal.value = 'x';
    expect(await fireEvent.keyDown(terminal, { key: 'ArrowLeft' })).toBe(true);
    expect(pg.course.stepIndex).toBe(1);
    terminal.value = '';
    expect(await fireEvent.keyDown(terminal, { key: 'ArrowLeft' })).toBe(false);
    expect(pg.course.stepIndex).toBe(0);
  });

  it('leaves letter keys typed in the terminal alone', async () => {
    const { pg, terminal } = await present();
    expect(await fireEvent.keyDown(terminal, { key: 'n' })).toBe(true);
    expect(await fireEvent.keyDown(terminal, { key: 's' })).toBe(true);
    expect(pg.course.stepIndex).toBe(0);
  });
});

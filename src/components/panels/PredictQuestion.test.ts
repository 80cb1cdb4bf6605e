// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { scorePrediction } from '../../domain/matrix/requestMatrix.ts';
import PredictQuestion from './PredictQuestion.svelte';

const PROBES = [
  { id: 'default/testcurl>frontend/frontend', label: 'testcurl → frontend' },
  { id: 'external/browser>frontend/frontend-external', label: 'browser → frontend-external' },
  { id: 'external/browser>istio-system/istio-ingressgateway', label: 'browser → istio-ingressgateway' },
];
const [TESTCURL, LB, GATEWAY] = PROBES.map((p) => p.id) as [string, string, string];
const QUESTION = 'You are about to make every Online Boutique namespace STRICT. Which requests will break?';

function setup() {
  const onSubmit = vi.fn();
  const onSkip = vi.fn();
  const view = render(PredictQuestion, { props: { question: QUESTION, probes: PROBES, onSubmit, onSkip } });
  return { ...view, onSubmit, onSkip };
}

describe('PredictQuestion', () => {
  it('asks the question with a labelled checkbox per request and submits the ticked ones in order', async () => {
    const { onSubmit } = setup();
    const group = screen.getByRole('group', { name: QUESTION });
    expect(group).toHaveAccessibleDescription(/Tick each request you expect to break/);
    expect(within(group).getAllByRole('checkbox')).toHaveLength(3);
    await fireEvent.click(screen.getByRole('checkbox', { name: 'browser → frontend-external' }));
    await fireEvent.click(screen.getByRole('checkbox', { name: 'testcurl → frontend' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Check my guess' }));
    expect(onSubmit).toHaveBeenCalledWith([TESTCURL, LB]);
    // The guess is locked once sent.
    expect(screen.getByRole('checkbox', { name: 'testcurl → frontend' })).toBeDisabled();
    await fireEvent.click(screen.getByRole('button', { name: 'Check my guess' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('can be answered with the keyboard alone', async () => {
    const user = userEvent.setup();
    const { onSubmit } = setup();
    await user.tab();
    expect(screen.getByRole('checkbox', { name: 'testcurl → frontend' })).toHaveFocus();
    await user.keyboard(' ');
    await user.tab();
    await user.tab();
    await user.keyboard(' ');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Check my guess' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledWith([TESTCURL, GATEWAY]);
  });

  it('reveals per request whether the guess was right, and announces the score', async () => {
    const { onSubmit, rerender } = setup();
    expect(screen.getByRole('status')).toHaveTextContent('');
    await fireEvent.click(screen.getByRole('checkbox', { name: 'testcurl → frontend' }));
    await fireEvent.click(screen.getByRole('checkbox', { name: 'browser → istio-ingressgateway' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Check my guess' }));
    const guess = onSubmit.mock.calls[0]?.[0] as string[];
    const broken = [TESTCURL, LB];
    await rerender({ result: { broken, score: scorePrediction(guess, broken) } });

    expect(screen.getByRole('checkbox', { name: 'testcurl → frontend' })).toHaveAccessibleDescription('Right: it breaks');
    expect(screen.getByRole('checkbox', { name: 'browser → frontend-external' })).toHaveAccessibleDescription('Wrong: it breaks');
    expect(screen.getByRole('checkbox', { name: 'browser → istio-ingressgateway' })).toHaveAccessibleDescription('Wrong: it keeps working');
    // The verdict shows a symbol as well as words, so it does not rely on colour.
    expect(screen.getByText('Wrong: it breaks', { exact: false }).closest('li')).toHaveTextContent('browser → frontend-external ✕ Wrong: it breaks');
    expect(screen.getByRole('status')).toHaveTextContent('Score: 33/100. Breaking requests spotted: 1 of 2. False alarms: 1.');
    expect(screen.getByRole('button', { name: 'Check my guess' })).toHaveAttribute('aria-disabled', 'true');
    expect(screen.queryByRole('button', { name: 'Skip' })).toBeNull();
  });

  it('says so when the guess is exactly right', async () => {
    const { rerender } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Check my guess' }));
    await rerender({ result: { broken: [], score: scorePrediction([], []) } });
    expect(screen.getByRole('status')).toHaveTextContent('Score: 100/100. Exactly right!');
    for (const box of screen.getAllByRole('checkbox')) expect(box).toHaveAccessibleDescription('Right: it keeps working');
  });

  it('can be skipped', async () => {
    const { onSkip, onSubmit } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    expect(onSkip).toHaveBeenCalledTimes(1);
    expect(onSubmit).not.toHaveBeenCalled();
  });
});

// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { Simulator } from '../../app/simulator.svelte.ts';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import PlaybackBar from './PlaybackBar.svelte';

let sim: Simulator | undefined;
afterEach(() => sim?.dispose());

describe('PlaybackBar', () => {
  it('labels its controls, and steps need a selected request', () => {
    sim = new Simulator();
    render(PlaybackBar, { props: { sim } });
    const bar = screen.getByRole('toolbar', { name: 'Playback' });
    expect(bar).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Step back' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: 'Loadgenerator traffic' })).not.toBeChecked();
  });

  it('speaks Japanese under a Japanese I18n', () => {
    sim = new Simulator();
    render(PlaybackBar, { props: { sim }, context: i18nContext(new I18n('ja')) });
    expect(screen.getByRole('toolbar', { name: '再生' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '1 ステップ戻る' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'リプレイ' })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: '失敗するホップで減速' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'loadgenerator のトラフィック' })).not.toBeChecked();
    expect(screen.getByRole('combobox', { name: '速度' })).toBeInTheDocument();
  });
});

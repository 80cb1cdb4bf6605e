// @vitest-environment jsdom
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { I18n, i18nContext } from '../../i18n/i18n.svelte.ts';
import ObjectYaml from './ObjectYaml.svelte';

const YAML = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtls:\n    mode: STRICT\n';
// jsdom has no showModal (nor close), so the dialog never opens there: role queries include hidden elements.
const hidden = { hidden: true } as const;
const props = (onClose = vi.fn()) => ({ title: 'PeerAuthentication frontend/default', yaml: YAML, highlight: 4, field: 'spec.mtls.mode', onClose });

describe('ObjectYaml', () => {
  it('shows the YAML with the deciding field marked', () => {
    render(ObjectYaml, { props: props() });
    expect(screen.getByRole('region', { name: 'PeerAuthentication frontend/default as YAML', ...hidden })).toHaveTextContent('mode: STRICT');
    expect(screen.getByText('mode: STRICT', { selector: 'mark' })).toBeInTheDocument();
    expect(screen.getByText(/Deciding field:/)).toHaveTextContent('Deciding field: spec.mtls.mode');
    expect(screen.getByRole('button', { name: 'Close', ...hidden })).toBeInTheDocument();
  });

  it('labels itself in Japanese under a Japanese I18n; the YAML stays as kubectl prints it', () => {
    render(ObjectYaml, { props: { ...props(), highlight: -1, field: 'spec.portLevelMtls' }, context: i18nContext(new I18n('ja')) });
    expect(screen.getByRole('region', { name: 'PeerAuthentication frontend/default の YAML', ...hidden })).toHaveTextContent('kind: PeerAuthentication');
    expect(screen.getByText(/判断したフィールド:/)).toHaveTextContent('判断したフィールド: spec.portLevelMtls （このオブジェクトでは未設定）');
    expect(screen.getByRole('button', { name: '閉じる', ...hidden })).toBeInTheDocument();
  });
});

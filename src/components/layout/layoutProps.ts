import type { Playground } from '../../app/playground.svelte.ts';
import type { WorkspaceView } from '../../app/workspaceView.svelte.ts';

/** What every layout gets from the workspace. */
export interface LayoutProps {
  pg: Playground;
  view: WorkspaceView;
  /** The id of the element naming this instance among others on the page (embeds). */
  scope?: string | undefined;
  /** That name, for the regions that carry it in their own label. */
  label?: string | undefined;
}

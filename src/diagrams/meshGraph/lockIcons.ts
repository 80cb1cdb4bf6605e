import type { BadgeMode } from './types.ts';

/**
 * Badge glyphs in a 10×12 box (origin top-left). Each mode differs in shape, so the badge reads
 * without colour (Kiali's locks: a closed lock for mTLS, a hollow one for partial).
 * `body` is filled when `solid`, else outlined; `shackle` and `mark` are stroked.
 */
export interface LockIcon {
  body: string;
  solid: boolean;
  shackle: string;
  /** An extra stroke: the cross of a disabled lock. */
  mark: string;
}

const BODY = 'M0.5,5.5h9v6h-9z';

export const LOCK_ICONS: Partial<Record<BadgeMode, LockIcon>> = {
  /** Closed padlock, solid body. */
  strict: { body: BODY, solid: true, shackle: 'M2.5,5.5V3.5a2.5,2.5 0 0 1 5,0V5.5', mark: '' },
  /** Hollow body, shackle lifted off its right post. */
  permissive: { body: BODY, solid: false, shackle: 'M2.5,5.5V2a2.5,2.5 0 0 1 5,0V3', mark: '' },
  /** Hollow body, shackle swung open to the left, crossed out. */
  disable: { body: BODY, solid: false, shackle: 'M7.5,5.5V3.5a2.5,2.5 0 0 0 -5,0', mark: 'M2.5,7l5,3M7.5,7l-5,3' },
};

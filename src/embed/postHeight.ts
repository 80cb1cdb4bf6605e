import type { Attachment } from 'svelte/attachments';

/** The message an embedded page posts to its parent with its content's height (README "Embedding"). */
export const RESIZE_MESSAGE = 'mtls-playground:resize';

/**
 * The least height an embedded page reports: a frame never shrinks below a usable playground,
 * whatever happens while its content is loading or changing.
 */
export const MIN_EMBED_HEIGHT = 480;

/**
 * Posts the element's content height to the parent page (an iframe embed), now and whenever it
 * changes, never less than `min`. Attach it only once the layout is final (after the playground is
 * ready): a height posted while loading sizes the frame to the boot screen, and the frame then
 * keeps the layout squeezed to that height.
 */
export function postHeightToParent(min: number): Attachment<HTMLElement> {
  return (element) => {
    if (typeof window === 'undefined' || window.parent === window || typeof ResizeObserver === 'undefined') return;
    let last = -1;
    const post = () => {
      const height = Math.max(min, Math.ceil(element.scrollHeight));
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: RESIZE_MESSAGE, height }, '*');
    };
    const observer = new ResizeObserver(post);
    observer.observe(element);
    post();
    return () => observer.disconnect();
  };
}

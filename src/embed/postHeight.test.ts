// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIN_EMBED_HEIGHT, RESIZE_MESSAGE, postHeightToParent } from './postHeight.ts';

/** A stand-in for ResizeObserver that reports when told to. */
class FakeResizeObserver {
  static last: FakeResizeObserver | undefined;
  observed: Element[] = [];
  disconnected = false;
  constructor(readonly callback: () => void) {
    FakeResizeObserver.last = this;
  }
  observe(element: Element) {
    this.observed.push(element);
  }
  disconnect() {
    this.disconnected = true;
  }
}

function framed() {
  const parent = { postMessage: vi.fn() };
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  vi.spyOn(window, 'parent', 'get').mockReturnValue(parent as unknown as Window);
  const element = document.createElement('div');
  let height = 0;
  Object.defineProperty(element, 'scrollHeight', { get: () => height });
  return { parent, element, setHeight: (h: number) => (height = h) };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('postHeightToParent', () => {
  it('posts the content height at once and on every change, never below the minimum, each height once', () => {
    const { parent, element, setHeight } = framed();
    setHeight(122);
    const stop = postHeightToParent(MIN_EMBED_HEIGHT)(element);
    expect(parent.postMessage).toHaveBeenLastCalledWith({ type: RESIZE_MESSAGE, height: 480 }, '*');
    setHeight(1200.4);
    FakeResizeObserver.last?.callback();
    expect(parent.postMessage).toHaveBeenLastCalledWith({ type: RESIZE_MESSAGE, height: 1201 }, '*');
    FakeResizeObserver.last?.callback();
    expect(parent.postMessage).toHaveBeenCalledTimes(2);
    if (typeof stop === 'function') stop();
    expect(FakeResizeObserver.last?.disconnected).toBe(true);
  });

  it('does nothing on a page of its own (no parent frame)', () => {
    const element = document.createElement('div');
    vi.stubGlobal('ResizeObserver', FakeResizeObserver);
    FakeResizeObserver.last = undefined;
    expect(postHeightToParent(MIN_EMBED_HEIGHT)(element)).toBeUndefined();
    expect(FakeResizeObserver.last).toBeUndefined();
  });
});

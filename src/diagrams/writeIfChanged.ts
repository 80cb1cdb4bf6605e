import type { BaseType, Selection } from 'd3-selection';

/**
 * DOM writes that happen only when the value differs, so that drawing the same data twice leaves
 * the document untouched: setting an attribute or a text to its current value still queues a
 * mutation record and invalidates style (DOM Standard, "set an attribute value"); reading is cheap.
 */
export function setAttr(el: Element, name: string, value: string | number | null | undefined): void {
  if (value === null || value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
    return;
  }
  const text = String(value);
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** The attribute of every element of a selection, written only where it changed (for `.call`). */
export function attrIfChanged<E extends Element, D, P extends BaseType, PD>(sel: Selection<E, D, P, PD>, name: string, value: string | number | null | ((this: E, d: D) => string | number | null | undefined)): void {
  sel.each(function (d) {
    setAttr(this, name, typeof value === 'function' ? value.call(this, d) : value);
  });
}

/** The text of every element of a selection, written only where it changed (for `.call`). */
export function textIfChanged<E extends Element, D, P extends BaseType, PD>(sel: Selection<E, D, P, PD>, value: string | ((d: D) => string)): void {
  sel.each(function (d) {
    setText(this, typeof value === 'function' ? value(d) : value);
  });
}

/**
 * Where the keyboard is typing: a text field, a cell editor or an editable element. Checkboxes, radios and
 * buttons are not: Ctrl+Z there is the workbook's undo.
 */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

export function isTextEntry(element: Element | null): boolean {
  if (element instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(element.type);
  return element instanceof HTMLTextAreaElement || (element instanceof HTMLElement && element.isContentEditable);
}

/** A modal dialog owns the keyboard: the page's shortcuts and menu keys wait until it closes. */
export const dialogIsOpen = (): boolean => document.querySelector('[aria-modal="true"]') !== null;

// A small in-page confirmation dialog (not window.confirm: that one cannot be
// styled or translated, blocks the page, and some browsers suppress it). A
// native <dialog> opened with showModal(): focus stays inside, Escape cancels,
// the page behind is inert; focus returns to what had it.
//
//   const yes = await confirmDialog({ title, body: [paragraphs], confirm, cancel, danger })

import { h } from './dom.js';

let open = null;

/**
 * Ask a yes/no question. Resolves true for `confirm`, false for cancel, Escape
 * or a click outside. Only one at a time: a second call cancels the first.
 */
export function confirmDialog({ title, body = [], confirm, cancel, danger = false, id = 'confirm-dialog' }) {
  open?.close('cancel');
  const opener = document.activeElement;
  const titleId = `${id}-title`;
  const yes = h('button', { type: 'button', class: danger ? 'danger' : 'primary', value: 'confirm', 'data-testid': 'dialog-confirm' }, confirm);
  const no = h('button', { type: 'button', value: 'cancel', 'data-testid': 'dialog-cancel' }, cancel);
  const dialog = h(
    'dialog',
    { class: 'confirm-dialog', id, 'aria-labelledby': titleId, 'aria-describedby': `${id}-body` },
    h('h2', { id: titleId }, title),
    h('div', { class: 'dialog-body', id: `${id}-body` }, (Array.isArray(body) ? body : [body]).map((p) => (p instanceof Node ? p : h('p', {}, p)))),
    h('div', { class: 'actions' }, yes, no),
  );
  document.body.append(dialog);
  open = dialog;
  return new Promise((resolve) => {
    yes.addEventListener('click', () => dialog.close('confirm'));
    no.addEventListener('click', () => dialog.close('cancel'));
    // A click on the backdrop (outside the box) cancels.
    dialog.addEventListener('click', (e) => {
      if (e.target !== dialog) return;
      const r = dialog.getBoundingClientRect();
      const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
      if (!inside) dialog.close('cancel');
    });
    dialog.addEventListener('close', () => {
      if (open === dialog) open = null;
      dialog.remove();
      if (opener?.isConnected) opener.focus();
      resolve(dialog.returnValue === 'confirm');
    });
    dialog.showModal();
    // The safe choice has the focus: Enter does not replace anything by accident.
    no.focus();
  });
}

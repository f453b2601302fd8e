// What the page says about keeping the user's work: the notice under the data
// box (where the data is kept, that it is never uploaded, how to remove it),
// the Undo bar after the data was replaced (Load demo, a template) or cleared,
// and the offer to use a saved structure again that does not fit the data.
// Pure builders: the session owns the state; the input and structure panels pass the callbacks.

import { h } from './dom.js';

/**
 * The notice near the data box. kind: storage.js kind() — 'tab' | 'shared' | 'none'.
 * ctx: {t, onForget}
 */
export function storageNote(kind, { t, onForget }) {
  const text = kind === 'none' ? t('keep.noteNone') : t('keep.note');
  return h(
    'p',
    { class: 'storage-note', id: 'storage-note', 'data-testid': 'storage-note', dataset: { kind } },
    h('span', {}, text, ' '),
    kind === 'none'
      ? null
      : h('button', { type: 'button', class: 'link-button', id: 'forget-all', on: { click: onForget } }, t('keep.forget')),
  );
}

/**
 * "Your data was replaced by the demo. [Undo]" — undo: {key, params, kept?} or null.
 * ctx: {t, onUndo, onDismiss}
 */
export function undoBar(undo, { t, onUndo, onDismiss }) {
  if (!undo) return null;
  return h(
    'div',
    { class: 'undo-bar', id: 'undo-bar', role: 'status', 'data-testid': 'undo-bar', dataset: { kind: undo.kind } },
    h(
      'div',
      { class: 'undo-head' },
      h('p', {}, h('strong', {}, t(undo.key, undo.params))),
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', id: 'undo', class: 'primary', on: { click: onUndo } }, t('keep.undo')),
        h('button', { type: 'button', class: 'icon', id: 'undo-dismiss', 'aria-label': t('keep.dismiss'), title: t('keep.dismiss'), on: { click: onDismiss } }, '✕'),
      ),
    ),
    undo.kept ? h('p', { class: 'undo-kept', 'data-testid': 'undo-kept' }, t(undo.kept)) : null,
  );
}

/**
 * A saved structure that does not fit this data: kept, and offered again.
 * parked: the structure (a config). ctx: {t, onUse}
 */
export function parkedNote(parked, { t, onUse }) {
  if (!parked) return null;
  const cols = parked.columns?.filter((c) => c.role !== 'ignore').length ?? 0;
  const items = parked.items?.length ?? 0;
  return h(
    'div',
    { class: 'parked-note', 'data-testid': 'parked-structure' },
    h('p', { class: 'hint' }, t('keep.parked', { cols, items })),
    h('button', { type: 'button', id: 'use-saved-structure', on: { click: onUse } }, t('keep.useParked')),
  );
}

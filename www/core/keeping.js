// Keeping the user's work (issue 8, items 17 and 21): whether the data is the
// user's own, the questions asked before it is replaced or everything is
// forgotten (dialog.js), and telling the other tabs to forget too. The session takes
// the snapshots for Undo; keep-ui.js draws the notice and the Undo bar.

import { confirmDialog } from './dialog.js';
import { count } from './format.js';
import * as store from './storage.js';

/** Whether the data in the page is the user's own (typed, pasted, opened), not the demo or nothing. */
export function isUsersData(input) {
  if (!input || input.kind === 'demo') return false;
  if (input.kind === 'file' || input.kind === 'workbook' || input.kind === 'stream') return true;
  return Boolean(input.text?.trim());
}

/** Ask before the user's data is replaced by the demo or a template (`what`); resolves true to go ahead. */
export function confirmReplace(t, input, what, name) {
  const theirs =
    input?.kind === 'file' || input?.kind === 'workbook' || input?.kind === 'stream'
      ? t('keep.yourFile', { name: input.name ?? '' })
      : t('keep.yourText', { chars: count(input?.text?.length ?? 0) });
  return confirmDialog({
    title: t(`keep.ask.${what}`, { name }),
    body: [t('keep.askBody', { what: theirs }), t('keep.askUndo')],
    confirm: t(`keep.replace.${what}`),
    cancel: t('keep.cancel'),
    id: 'replace-dialog',
  });
}

/** Ask before everything is forgotten; resolves true to go ahead. */
export function confirmForget(t) {
  return confirmDialog({
    title: t('keep.forgetTitle'),
    body: [t('keep.forgetBody'), t('keep.forgetNoUndo')],
    confirm: t('keep.forgetConfirm'),
    cancel: t('keep.cancel'),
    danger: true,
    id: 'forget-dialog',
  });
}

// Other tabs of the page hear "forget" and do the same: their sessionStorage
// is theirs alone, and they would write their work back to localStorage.
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('gapscope') : null;

/**
 * Forget everything here (storage.js forgetAll), tell the other tabs, and start
 * again. `stop` runs first: the page drops what it was about to save.
 */
export async function forgetEverything(stop) {
  stop?.();
  await store.forgetAll();
  try {
    channel?.postMessage({ type: 'forget' });
  } catch {
    // no other tab to tell
  }
  location.reload();
}

/** When another tab forgets everything: `stop`, forget here too, start again. */
export function onForgetElsewhere(stop) {
  if (!channel) return;
  channel.onmessage = async (e) => {
    if (e.data?.type !== 'forget') return;
    stop?.();
    await store.forgetAll();
    location.reload();
  };
}

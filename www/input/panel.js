// The input panel: the data card (the text box, Analyse, Open file, Load demo,
// Clear, the source line, what the page keeps and the Undo bar), pasting and
// dropping anywhere on the page, "what was read", the answers card and the
// templates card (inputs.js and its parts). Replacing the user's data (Load
// demo, a template) asks first and can be undone; Clear can be undone; "Forget
// everything on this computer" removes all of it (keeping.js, keep-ui.js).
//
// root: { input, analyze, file, demo, clear, source, keep, info, answers, templates, drop,
//         progress: {box, bar, text, stop} (a file read as a stream) }

import { bytes as fmtBytes, count } from '../core/format.js';
import { replaceChildren } from '../core/dom.js';
import * as store from '../core/storage.js';
import { bothLanguages } from '../core/errors.js';
import { isUsersData, confirmReplace, confirmForget, forgetEverything, onForgetElsewhere } from '../core/keeping.js';
import { storageNote, undoBar } from '../core/keep-ui.js';
import { createInputs } from './inputs.js';

const DEMO_URL = 'demo/bank-survey.csv';
/** Pastes above this many characters are kept in memory but not put in the text box. */
const BIG_PASTE = 1024 * 1024;

export function createInputPanel({ root: el, state }) {
  /** After Load demo, a template or Clear: {kind, key, params, kept, snapshot, dataVersion}. */
  let undoOffer = null;
  /** Storing what is typed waits for a pause (onTyped). */
  let typingTimer = null;
  let templatesLang = null;

  // ---------------------------------------------------------------- input

  function onTyped() {
    if (state.input?.kind === 'text' && state.input.text === el.input.value && !state.input.big) return;
    state.setInput({ kind: 'text', text: el.input.value }, { save: false });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(state.persistInput, 400);
    el.analyze.classList.add('attention');
  }

  function onPaste(e) {
    const text = e.clipboardData?.getData('text/plain') ?? e.clipboardData?.getData('text') ?? '';
    if (!text) return;
    e.preventDefault();
    const kind = state.input?.kind;
    const wholeTable = /[\r\n]/.test(text.trim());
    if (text.length > BIG_PASTE) {
      // Putting tens of MB into a textarea freezes the page for seconds; keep it aside.
      el.input.value = '';
      state.setInput({ kind: 'text', text, big: true });
    } else if (wholeTable && (kind === 'demo' || kind === 'file' || kind === 'workbook' || state.input?.big)) {
      // Pasting a table over the demo means "analyse this instead", not "insert here".
      el.input.value = text;
      state.setInput({ kind: 'text', text });
    } else {
      // Insert at the cursor; execCommand keeps the browser's undo history.
      el.input.focus();
      let inserted = false;
      try {
        inserted = document.execCommand('insertText', false, text);
      } catch {
        inserted = false;
      }
      if (!inserted) el.input.setRangeText(text, el.input.selectionStart, el.input.selectionEnd, 'end');
      state.setInput({ kind: 'text', text: el.input.value });
    }
    state.analyse();
  }

  /** Text files, workbooks, encodings and sheets: inputs.js (docs/inputs.md). */
  function openFile(file) {
    return inputs.openFile(file);
  }

  /** The demo in the box and analysed. `save: false` at start-up: nothing stored for an untouched first screen. */
  async function loadDemo({ save = true } = {}) {
    state.setStatus('busy');
    try {
      const res = await fetch(DEMO_URL);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const text = await res.text();
      el.input.value = text;
      state.setInput({ kind: 'demo', text }, { save });
    } catch (err) {
      state.setInput({ kind: 'text', text: el.input.value }, { save: false });
      const { en, zh } = bothLanguages(err, 'page');
      state.addMessage('error', 'msg.demoFailed', { reason: { en, zh } });
    }
    await state.analyse();
  }

  // ---------------------------------------------------------------- keeping work (keeping.js)

  const hasUserData = () => isUsersData(state.input);

  /** Offer Undo for a replacement just made (until the data changes again). */
  function offerUndo(kind, key, params, before, kept = null) {
    undoOffer = { kind, key, params, kept, snapshot: before, dataVersion: state.dataVersion };
    renderKeep();
  }

  async function undo() {
    const u = undoOffer;
    if (!u) return;
    undoOffer = null;
    state.restoreSnapshot(u.snapshot);
    renderKeep();
    await state.analyse();
    el.input.focus();
  }

  async function onDemo() {
    const mine = hasUserData();
    if (mine && !(await confirmReplace(state.t, state.input, 'demo'))) return;
    const before = mine ? state.snapshot() : null;
    await loadDemo();
    if (before) offerUndo('demo', 'keep.replaced.demo', {}, before);
  }

  function clearAll() {
    const before = hasUserData() ? state.snapshot() : null;
    el.input.value = '';
    state.setInput({ kind: 'text', text: '' });
    // Data-dependent state goes with the data: rows excluded by number, the
    // choice of encoding and sheet (they were in the input). The structure and
    // the settings stay (the Undo bar says so); "Forget everything" removes them.
    inputs.clearData();
    state.dropResults(); // and any analysis still running
    el.analyze.classList.remove('attention');
    if (before) offerUndo('clear', 'keep.cleared', {}, before, 'keep.clearedKept');
    state.render();
    state.setStatus('error');
    state.markRun();
    el.input.focus();
  }

  /** "Forget everything on this computer" (keeping.js): asked first; every tab starts again. */
  async function forget() {
    if (await confirmForget(state.t)) await forgetEverything(stopSaving);
  }

  /** Before forgetting: nothing still waiting to be saved may write it back. */
  function stopSaving() {
    state.cancelRuns();
    clearTimeout(typingTimer);
    typingTimer = null;
  }
  onForgetElsewhere(stopSaving);

  /** A template replaces the data: ask first when the data is the user's, and offer Undo. */
  async function useTemplate(template, name) {
    const mine = hasUserData();
    if (mine && !(await confirmReplace(state.t, state.input, 'template', name ?? { en: template.id, zh: template.id }))) return;
    const before = mine ? state.snapshot() : null;
    // The template's empty layout in the box, so its columns are the data's.
    const header = template.csv.replace(/\r\n/g, '\n'); // as a text box holds it
    el.input.value = header;
    state.setInput({ kind: 'text', text: header });
    state.useStructure(template.config, template.id);
    if (before) offerUndo('template', 'keep.replaced.template', { name: name ?? template.id }, before);
  }

  const inputs = createInputs({
    el: { info: el.info, answers: el.answers, templates: el.templates },
    t: () => state.t,
    lang: () => state.lang,
    input: () => state.input,
    setInput: state.setInput,
    persist: state.persistInput,
    analyse: () => state.analyse(),
    render: () => state.render(),
    report: () => state.report,
    base: () => state.baseConfig(),
    setStructure: state.setStructure,
    useTemplate,
    notice: (severity, key, params) => state.addMessage(severity, key, params),
    message: (severity, code, text, opts) => state.message(severity, code, text, opts),
    /** Forget what was said about the last file that could not be opened. */
    clearFileMessages: () => state.dropMessages((m) => m.file),
    box: (text) => {
      el.input.value = text;
    },
  });

  // The text box and the input settings are part of what Undo brings back.
  state.keep('input', {
    snapshot: () => ({ box: el.input.value, inputs: inputs.snapshot() }),
    restore: (copy) => {
      inputs.restore(copy.inputs);
      el.input.value = copy.box;
    },
  });

  // ---------------------------------------------------------------- rendering

  /** A file meant to stream that the worker read held (a long layout, a summary table): session.js marks it. */
  function heldAfterAll(input) {
    return input.held === true;
  }

  function renderSource() {
    const { t } = state;
    const input = state.input;
    let text;
    if (!input || (input.kind === 'text' && !input.text)) text = t('source.none');
    else if (input.kind === 'demo') text = t('source.demo');
    else if (input.kind === 'stream' && !heldAfterAll(input)) text = t('source.stream', { name: input.name, size: fmtBytes(input.size) });
    else if (input.kind === 'file' || input.kind === 'workbook' || input.kind === 'stream') {
      text = t('source.file', { name: input.name, size: fmtBytes(input.bytes?.length ?? input.size ?? input.text?.length ?? 0) });
      if (input.big) text += ' — ' + t('source.notShown');
    } else if (input.big) text = t('source.big', { chars: count(input.text.length) });
    else text = t('source.text', { size: fmtBytes(new Blob([input.text]).size) });
    if (input?.restored) text += ' ' + t('source.restored');
    el.source.textContent = text;
    el.source.dataset.kind = input?.kind ?? 'none';
  }

  /** The notice under the data box and the Undo bar (keep-ui.js). */
  function renderKeep() {
    const u = undoOffer && undoOffer.dataVersion === state.dataVersion ? undoOffer : null;
    if (!u) undoOffer = null;
    const focused = el.keep.contains(document.activeElement) ? document.activeElement.id : null;
    replaceChildren(
      el.keep,
      undoBar(u, {
        t: state.t,
        onUndo: undo,
        onDismiss: () => {
          undoOffer = null;
          renderKeep();
          el.input.focus();
        },
      }),
      storageNote(store.kind(), { t: state.t, onForget: forget }),
    );
    if (focused) document.getElementById(focused)?.focus();
  }

  /** How far a file read as a stream has got (engine.js onProgress); hidden once it is done. */
  function progress(p) {
    const { box, bar, text } = el.progress ?? {};
    if (!box) return;
    box.hidden = !p;
    if (!p) return;
    bar.value = p.total > 0 ? Math.min(1, p.bytes / p.total) : 0;
    const rate = p.ms > 0 ? fmtBytes(Math.round((p.bytes / p.ms) * 1000)) : '…';
    const key = p.pass > 1 ? 'data.streamingAgain' : 'data.streaming';
    text.textContent = state.t(key, { read: fmtBytes(p.bytes), total: fmtBytes(p.total), rows: count(p.rows), rate });
  }
  state.engine.onProgress = progress;
  el.progress?.stop.addEventListener('click', () => {
    if (state.engine.cancel()) progress(null);
  });

  function render() {
    progress(null);
    renderSource();
    renderKeep();
    inputs.render();
    if (templatesLang !== state.lang) {
      templatesLang = state.lang;
      inputs.renderTemplates();
    }
  }

  // ---------------------------------------------------------------- wiring

  el.input.addEventListener('input', onTyped);
  el.input.addEventListener('paste', onPaste);
  // Ctrl+V anywhere on the page (not in another field) pastes a table as data.
  document.addEventListener('paste', (e) => {
    const target = e.target;
    if (target === el.input || target.closest?.('input, textarea, select, [contenteditable]')) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!/[\r\n]/.test(text.trim())) return;
    e.preventDefault();
    const big = text.length > BIG_PASTE;
    el.input.value = big ? '' : text;
    state.setInput({ kind: 'text', text, big });
    state.analyse();
  });
  el.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      state.analyse();
    }
  });
  el.analyze.addEventListener('click', () => {
    const input = state.input;
    const fromFile = input?.kind === 'file' || input?.kind === 'workbook';
    if (input?.kind !== 'demo' && !input?.big && !fromFile && input?.text !== el.input.value) {
      state.setInput({ kind: 'text', text: el.input.value });
    } else if (input?.kind === 'text' && !input.big) setTimeout(state.persistInput, 0);
    state.analyse();
  });
  el.file.addEventListener('change', () => {
    openFile(el.file.files?.[0]);
    el.file.value = '';
  });
  el.demo.addEventListener('click', onDemo);
  el.clear.addEventListener('click', clearAll);

  // Drop a file anywhere on the page.
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth += 1;
    el.drop.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) el.drop.hidden = true;
  });
  window.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    el.drop.hidden = true;
    openFile(e.dataTransfer.files[0]);
  });

  // Keep what was typed even if the page is closed, reloaded or put in the
  // background (a phone may discard it there) within a save delay.
  const flushAll = () => {
    if (typingTimer) {
      clearTimeout(typingTimer);
      typingTimer = null;
      store.saveInput(state.input);
    }
    store.flush();
  };
  window.addEventListener('pagehide', flushAll);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAll();
  });

  /** The first screen: the data kept from last time, else the demo. */
  async function start() {
    const saved = store.load('input');
    if (saved && ['text', 'file', 'workbook'].includes(saved.kind) && typeof saved.text === 'string') {
      el.input.value = saved.text;
      // A workbook comes back as the text of the sheet that was analysed.
      const kind = saved.kind === 'workbook' ? 'file' : saved.kind;
      const quotes = saved.quotes === 'same_line' ? 'same_line' : undefined;
      state.setInput({ kind, name: saved.name ?? undefined, text: saved.text, quotes, restored: true }, { save: false });
      if (saved.text.trim()) await state.analyse();
      else {
        // Cleared last time: an empty page, not an "input is empty" error.
        state.setStatus('error');
        state.markRun();
      }
    } else {
      // The first screen: nothing is stored until the user does something.
      await loadDemo({ save: false });
    }
    if (store.kind() === 'none') state.storageWarning();
  }

  return {
    render,
    renderSource,
    renderKeep,
    /** Before an analysis: Analyse no longer asks for attention. */
    analysing: () => el.analyze.classList.remove('attention'),
    start,
    inputs,
  };
}

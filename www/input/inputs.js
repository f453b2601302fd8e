// The page's input side (docs/inputs.md): opening files and workbooks, the
// encoding and sheet choices, "what was read", the answers card (missing-value
// codes, label map, reverse-coded items) and the templates card. The session
// (core/session.js) owns the data and the analysis; this module owns the
// settings these cards and the data-quality panel (quality/panel.js) edit, and
// hands them to the session as input options (for reading) and as configuration
// fields (labels, missing_codes, exclude). Created by the input panel (panel.js).

import { replaceChildren } from '../core/dom.js';
import { readFile, switchSheet, decodeText, rowsToText } from './files.js';
import { inputPanel } from './read.js';
import { answersPanel } from './answers.js';
import { NO_EXCLUSIONS } from '../quality/panel.js';
import { templatesCard } from './templates.js';
import * as store from '../core/storage.js';
import { bothLanguages } from '../core/errors.js';

/** Above this many characters a file or sheet is analysed but not put in the text box. */
const SHOWN_CHARS = 1024 * 1024;

/** A reader's message, prefixed with the file it is about. */
function withName(name, text) {
  return { en: `“${name}”: ${text.en}`, zh: `“${name}”：${text.zh}` };
}

/**
 * The user's choices; null means "not chosen: use the structure's own" (detected,
 * or from a loaded survey.json or template).
 */
function loadSettings() {
  const s = store.load('inputSettings', {}) ?? {};
  const ex = s.exclude && typeof s.exclude === 'object' ? s.exclude : null;
  return {
    missing_codes: Array.isArray(s.missing_codes) ? s.missing_codes.map(String) : null,
    labels: Array.isArray(s.labels) ? s.labels.filter((l) => l && typeof l.label === 'string' && Number.isFinite(l.value)) : null,
    exclude: ex ? { ...NO_EXCLUSIONS, ...ex, rows: Array.isArray(ex.rows) ? ex.rows.filter(Number.isInteger) : [] } : null,
  };
}

/**
 * app: {
 *   el: {info, answers, templates},           containers
 *   t(), lang(),                              current translator and language
 *   input(), setInput(input, opts), persist(), the data source (the session's input)
 *   analyse(), report(), base(),              run again; the report shown; the structure before settings
 *   setStructure(config), useTemplate(template),
 *   message(severity, code, text{en,zh}, {file}), a page message (engine-style, both languages)
 *   clearFileMessages(),                      drop the messages about a file that failed
 *   notice(severity, key, params),            a page message from the i18n table
 *   box(text),                                set the data text box
 * }
 */
/** The input options an action may set, and their values (docs/inputs.md#options). */
const OPTIONS = { quotes: ['standard', 'same_line'] };

export function createInputs(app) {
  const settings = loadSettings();
  let lastHeaders = null;

  function save() {
    if (!store.save('inputSettings', settings)) app.notice('warning', 'msg.storageFull');
  }

  function change(patch) {
    Object.assign(settings, patch);
    save();
    app.analyse();
  }

  /** A field being typed (no change event yet): the setting kept for a reload, not analysed yet. */
  function draft(patch) {
    Object.assign(settings, patch);
    store.saveSoon('inputSettings', settings);
  }

  /** For Undo (the session's snapshot): a copy of the settings, and putting one back. */
  function snapshot() {
    return structuredClone(settings);
  }
  function restore(copy) {
    for (const k of Object.keys(settings)) delete settings[k];
    Object.assign(settings, structuredClone(copy));
    lastHeaders = null;
    save();
  }

  /** Clear: what belongs to the data goes with it (rows excluded by number); the rules stay. */
  function clearData() {
    lastHeaders = null;
    if (settings.exclude?.rows.length) {
      settings.exclude = { ...settings.exclude, rows: [] };
      save();
    }
  }

  const ctx = () => ({ t: app.t(), lang: app.lang() });

  /** Open a File (button or drop); resolves when the analysis has been started. */
  async function openFile(file) {
    if (!file) return;
    app.clearFileMessages();
    let input;
    try {
      input = await readFile(file);
    } catch (err) {
      // The data and results shown so far stay; the message says why this file was not read.
      const text = err?.text ?? bothLanguages(err, 'page');
      app.message('error', err?.code ?? text.code ?? 'file_failed', withName(file.name, text), { file: true });
      app.render();
      return;
    }
    if (input.kind === 'stream') {
      // Never held, never shown, never kept: the worker reads it as a stream.
      app.box('');
      app.setInput(input, { save: false });
    } else if (input.kind === 'workbook') {
      const text = rowsToText(input.rows);
      input.text = text.length > SHOWN_CHARS ? undefined : text;
      input.big = text.length > SHOWN_CHARS;
      app.box(input.text ?? '');
      app.setInput(input);
      sheetWarnings(input);
    } else {
      // Shown and kept once the engine has said which encoding it is in.
      input.big = input.bytes.length > SHOWN_CHARS;
      app.box('');
      app.setInput(input, { save: false });
    }
    await app.analyse();
  }

  /** What the workbook reader said about the sheet (cells it could not read), in both languages. */
  function sheetWarnings(input) {
    for (const w of input.warnings ?? []) {
      if (w && typeof w.en === 'string' && typeof w.zh === 'string') app.message('warning', String(w.code ?? 'workbook_warning'), { en: w.en, zh: w.zh }, { file: true });
    }
  }

  async function onSheet(name) {
    const input = app.input();
    if (input?.kind !== 'workbook' || name === input.sheet) return;
    try {
      const next = await switchSheet(input, name);
      const text = rowsToText(next.rows);
      next.text = text.length > SHOWN_CHARS ? undefined : text;
      next.big = text.length > SHOWN_CHARS;
      app.box(next.text ?? '');
      app.setInput(next);
      sheetWarnings(next);
      await app.analyse();
    } catch (err) {
      const text = err?.text ?? bothLanguages(err, 'workbook');
      app.message('error', err?.code ?? text.code ?? 'workbook_failed', withName(name, text), { file: true });
      app.render();
    }
  }

  function onEncoding(label) {
    const input = app.input();
    if (input?.kind !== 'file' || !input.bytes) return;
    const next = { ...input, encoding: label ?? undefined, text: undefined };
    app.setInput(next, { save: false });
    app.analyse();
  }

  /** After the engine read new data: show a text file decoded, forget row exclusions of other data. */
  function detected(report) {
    const input = app.input();
    if (input?.kind === 'file' && input.bytes && input.text === undefined) {
      const guess = report.input?.encoding;
      const label = input.encoding ?? guess?.encoding ?? 'utf-8';
      const text = input.big ? null : decodeText(input.bytes, label, !input.encoding && guess?.mixed);
      if (text !== null) {
        input.text = text;
        app.box(text);
      }
      // Kept for the next visit, or (too large) the older data forgotten and the user told.
      app.persist();
    }
    const headers = JSON.stringify((report.config?.columns ?? []).map((c) => c.name));
    if (lastHeaders !== null && headers !== lastHeaders && settings.exclude?.rows.length) {
      settings.exclude = { ...settings.exclude, rows: [] };
      save();
    }
    lastHeaders = headers;
  }

  /** Input options for the engine (docs/inputs.md InputOptions). */
  function options() {
    const input = app.input();
    const out = {};
    if (input?.kind === 'file' && input.bytes && input.encoding) out.encoding = input.encoding;
    if (input?.quotes) out.quotes = input.quotes;
    return Object.keys(out).length ? out : null;
  }

  /** An input option chosen from a diagnostic's action: the data read again that way. */
  function setOption(option, value) {
    const input = app.input();
    if (!input || !OPTIONS[option]?.includes(value)) return;
    app.setInput({ ...input, [option]: value, restored: false });
    app.analyse();
  }

  /** The configuration with this module's settings applied. */
  function apply(config) {
    const out = structuredClone(config);
    if (settings.missing_codes) out.missing_codes = [...settings.missing_codes];
    if (settings.labels) out.labels = settings.labels.map((l) => ({ label: l.label, value: l.value }));
    const ex = settings.exclude;
    if (!ex) return out;
    const exclude = { straightliners: ex.straightliners, speeders: ex.speeders, duplicates: ex.duplicates };
    if (ex.rows.length) exclude.rows = [...ex.rows];
    if (ex.straightliners || ex.speeders || ex.duplicates || ex.rows.length) out.exclude = exclude;
    else delete out.exclude;
    return out;
  }

  function onReverse(itemId, on) {
    const base = app.base();
    if (!base) return;
    const config = structuredClone(base);
    for (const c of config.columns) {
      if (c.item === itemId && ['expectation', 'perception', 'importance'].includes(c.role)) {
        if (on) c.reverse = true;
        else delete c.reverse;
      }
    }
    app.setStructure(config);
  }

  function render() {
    const report = app.report();
    const input = app.input();
    const { t, lang } = ctx();
    replaceChildren(app.el.info, inputPanel(input, report, { t, lang, onEncoding, onSheet }));
    replaceChildren(
      app.el.answers,
      answersPanel(report, settings, {
        t,
        lang,
        onMissing: (codes) => change({ missing_codes: codes.length ? codes : null }),
        onMissingDraft: (codes) => draft({ missing_codes: codes.length ? codes : null }),
        onLabels: (list) => change({ labels: list }),
        onLabelsDraft: (list) => draft({ labels: list }),
        onReverse,
      }),
    );
  }

  function renderTemplates() {
    const { t, lang } = ctx();
    replaceChildren(
      app.el.templates,
      templatesCard({
        t,
        lang,
        onUse: (template, name) => app.useTemplate(template, name),
        onError: (code, text) => {
          app.message('error', code, text);
          app.render();
        },
      }),
    );
  }

  return { openFile, options, setOption, apply, detected, render, renderTemplates, settings, change, snapshot, restore, clearData };
}

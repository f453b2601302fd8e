// The page: data in (paste, type, file, demo), structure and settings, analysis
// through the engine, results out. State lives here; rendering is in render.js,
// charts.js and the two editors; editing configs is in config-edit.js.
//
// The analysis runs in two steps so the user's choices survive new data: first
// the engine detects the structure of the data (cached until the data changes),
// then the user's edited structure (if it fits the columns) and their overrides
// (scale, α, weighting) are applied and, if that changes anything, analysed again.
// An edited structure is never thrown away by new data: one that fits partly is
// laid on what fits (and the page names the columns it no longer covers), one
// that does not fit is kept aside and offered again (structure-fit.js).
//
// The user's work is kept in this browser only (storage.js: per tab, with the
// last work for new tabs). Replacing it (Load demo, a template) asks first and
// can be undone; Clear can be undone; "Forget everything on this computer"
// removes all of it (keeping.js, keep-ui.js). A survey.json is checked before
// it is parsed (config-file.js). Failures of the engine itself are worded by
// errors.js.

import { h, replaceChildren } from './dom.js';
import { bytes as fmtBytes, count } from './format.js';
import { translator, initialLang, applyStatic, LANGS } from './i18n.js';
import { Engine } from './engine.js';
import { renderResults, renderMessages, hasResults } from './render.js';
import { attachTooltip } from './charts.js';
import { structureTable, focusKey, restoreFocus } from './structure-editor.js';
import { weightsEditor } from './weights-editor.js';
import { WeightsWorkspace } from './weights-panel.js';
import { SCALE_PRESETS, presetOf, applyOverrides, sameConfig, tidy, cleanDimensionId } from './config-edit.js';
import { readConfigFile, CONFIG_MESSAGES } from './config-file.js';
import { checkFit, activeStructure as activeFor } from './structure-fit.js';
import * as store from './storage.js';
import { createInputs } from './inputs-ui.js';
import { explain, bothLanguages } from './errors.js';
import { isUsersData, confirmReplace, confirmForget, forgetEverything, onForgetElsewhere } from './keeping.js';
import { storageNote, undoBar, parkedNote } from './keep-ui.js';

const DEMO_URL = 'demo/bank-survey.csv';
/** Pastes above this many characters are kept in memory but not put in the text box. */
const BIG_PASTE = 1024 * 1024;
/** A structure whose JSON is longer than this is used for the session but not stored. */
const MAX_STORED_STRUCTURE = 256 * 1024;

const $ = (id) => document.getElementById(id);
const el = {
  input: $('data-input'),
  analyze: $('analyze'),
  file: $('file-input'),
  demo: $('load-demo'),
  clear: $('clear'),
  source: $('source-line'),
  structureMode: $('structure-mode'),
  structureSummary: $('structure-summary'),
  preset: $('scale-preset'),
  min: $('scale-min'),
  max: $('scale-max'),
  alpha: $('alpha'),
  edit: $('edit-structure'),
  download: $('download-config'),
  configFile: $('config-input'),
  reset: $('reset-structure'),
  weights: $('weights'),
  status: $('status-line'),
  messages: $('messages'),
  messageList: $('message-list'),
  report: $('report'),
  panel: $('structure-panel'),
  panelBody: $('structure-body'),
  closePanel: $('close-structure'),
  addDim: $('add-dimension'),
  newDim: $('new-dimension'),
  drop: $('drop-overlay'),
  tooltip: $('tooltip'),
  version: $('engine-version'),
  keep: $('keep-notes'),
  structureNote: $('structure-note'),
};

const state = {
  lang: initialLang(store.load('lang')),
  /** {kind: 'demo'|'text'|'file', text?, bytes?, name?, big?, restored?} */
  input: null,
  dataVersion: 0,
  /** The user's edited structure (full config) or null to use the detected one. */
  structure: store.load('structure'),
  /** An edited structure that does not fit the data: kept, offered again (keep-ui.js). */
  parked: store.load('parkedStructure'),
  /** How the edited structure fits the data's columns (config-edit.js fitOf), once checked. */
  fit: null,
  /** Whether the structure must be checked against new data before use. */
  checkFit: true,
  /** Columns shown in the structure editor at first (the rest on request). */
  structureRows: 500,
  /** After Load demo, a template or Clear: {kind, key, params, kept, snapshot, dataVersion}. */
  undo: null,
  overrides: { scale: null, alpha: null, weighting: null, ...store.load('overrides', {}) },
  /** Last typed-in weights, so switching away and back keeps them. */
  typedWeights: store.load('typedWeights', null),
  extraDims: [],
  detected: null, // {dataVersion, report}
  report: null,
  ms: null,
  messages: [], // the page's own messages: {severity, key, params}
  runId: 0,
  busy: false,
  width: 0,
};

const engine = new Engine({ base: new URL('.', import.meta.url) });
// AHP, entropy, CRITIC and combined weights are set up in their own drawer.
const workspace = new WeightsWorkspace({
  engine,
  store,
  onWeighting: (w) => onWeighting(w),
  onDraft: (w) => onWeightingDraft(w),
  typed: () => state.typedWeights,
  onOpen: () => {
    if (!el.panel.hidden) togglePanel(false);
  },
});
let t = translator(state.lang);

// ---------------------------------------------------------------- status

function setStatus(status) {
  document.body.dataset.status = status;
  renderStatusLine();
}

function renderStatusLine() {
  const report = state.report;
  if (document.body.dataset.status === 'busy') el.status.textContent = t('status.busy');
  else if (report && hasResults(report) && state.ms != null) {
    el.status.textContent = t('status.done', { n: count(report.respondents.total), ms: Math.max(1, Math.round(state.ms)) });
  } else el.status.textContent = '';
}

function addMessage(severity, key, params) {
  state.messages.push({ severity, key, params, code: key });
  renderMessagePanel();
}

// ---------------------------------------------------------------- input

function payload() {
  const input = state.input;
  if (!input) return '';
  if (input.kind === 'workbook' && input.rows) return { rows: input.rows };
  if (input.kind === 'file' && input.bytes) return input.bytes;
  return input.text ?? '';
}

/** New data: forget the detection, keep settings, and store it for the next visit. */
function setInput(input, { save = true } = {}) {
  state.input = input;
  state.dataVersion += 1;
  state.checkFit = true;
  state.messages = [];
  // Stored after the analysis has been sent off: writing MBs to localStorage
  // should not delay the results.
  if (save) setTimeout(persistInput, 0);
  renderSource();
}

function persistInput() {
  const result = store.saveInput(state.input);
  state.messages = state.messages.filter((m) => m.key !== 'msg.inputNotKept');
  if (result === 'too-large') {
    // What is kept is text: say how much of it there is, not the file's size.
    const text = state.input?.text;
    if (typeof text === 'string') addMessage('info', 'msg.inputNotKept', { chars: count(text.length), max: count(store.MAX_STORED_CHARS) });
    else addMessage('info', 'msg.inputNotKeptFile', { max: count(store.MAX_STORED_CHARS) });
  } else if (result === 'failed' || result === 'full') storageWarning();
}

/** Once per page: the browser refused to keep something. */
function storageWarning() {
  const key = store.kind() === 'none' ? 'msg.storageOff' : 'msg.storageFull';
  if (!state.messages.some((m) => m.key === key)) addMessage('warning', key);
}

function onTyped() {
  if (state.input?.kind === 'text' && state.input.text === el.input.value && !state.input.big) return;
  setInput({ kind: 'text', text: el.input.value }, { save: false });
  clearTimeout(onTyped.timer);
  onTyped.timer = setTimeout(persistInput, 400);
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
    setInput({ kind: 'text', text, big: true });
  } else if (wholeTable && (kind === 'demo' || kind === 'file' || kind === 'workbook' || state.input?.big)) {
    // Pasting a table over the demo means "analyse this instead", not "insert here".
    el.input.value = text;
    setInput({ kind: 'text', text });
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
    setInput({ kind: 'text', text: el.input.value });
  }
  analyse();
}

/** Text files, workbooks, encodings and sheets: inputs-ui.js (docs/inputs.md). */
function openFile(file) {
  return inputs.openFile(file);
}

/** The demo in the box and analysed. `save: false` at start-up: nothing stored for an untouched first screen. */
async function loadDemo({ save = true } = {}) {
  setStatus('busy');
  try {
    const res = await fetch(DEMO_URL);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const text = await res.text();
    el.input.value = text;
    setInput({ kind: 'demo', text }, { save });
  } catch (err) {
    setInput({ kind: 'text', text: el.input.value }, { save: false });
    const { en, zh } = bothLanguages(err, 'page');
    addMessage('error', 'msg.demoFailed', { reason: { en, zh } });
  }
  await analyse();
}

// ---------------------------------------------------------------- keeping work (keeping.js)

const hasUserData = () => isUsersData(state.input);

/** Everything Undo brings back: the data, the structure and every setting. */
function snapshot() {
  return {
    input: state.input,
    box: el.input.value,
    structure: state.structure,
    parked: state.parked,
    overrides: structuredClone(state.overrides),
    typedWeights: state.typedWeights,
    extraDims: [...state.extraDims],
    inputs: inputs.snapshot(),
    workspace: workspace.snapshot(),
  };
}

function restoreSnapshot(s) {
  state.structure = s.structure;
  state.parked = s.parked;
  state.overrides = s.overrides;
  state.typedWeights = s.typedWeights;
  state.extraDims = s.extraDims;
  inputs.restore(s.inputs);
  workspace.restore(s.workspace);
  el.input.value = s.box;
  setInput({ ...s.input, restored: false });
  // The structure was checked against this data when it was in use.
  state.checkFit = true;
  saveSettings();
}

/** Offer Undo for a replacement just made (until the data changes again). */
function offerUndo(kind, key, params, before, kept = null) {
  state.undo = { kind, key, params, kept, snapshot: before, dataVersion: state.dataVersion };
  renderKeep();
}

async function undo() {
  const u = state.undo;
  if (!u) return;
  state.undo = null;
  restoreSnapshot(u.snapshot);
  renderKeep();
  await analyse();
  el.input.focus();
}

async function onDemo() {
  const mine = hasUserData();
  if (mine && !(await confirmReplace(t, state.input, 'demo'))) return;
  const before = mine ? snapshot() : null;
  await loadDemo();
  if (before) offerUndo('demo', 'keep.replaced.demo', {}, before);
}

function clearAll() {
  const before = hasUserData() ? snapshot() : null;
  el.input.value = '';
  setInput({ kind: 'text', text: '' });
  // Data-dependent state goes with the data: rows excluded by number, the
  // choice of encoding and sheet (they were in the input). The structure and
  // the settings stay (the Undo bar says so); "Forget everything" removes them.
  inputs.clearData();
  state.runId += 1; // drop any analysis still running
  state.report = null;
  state.detected = null;
  el.analyze.classList.remove('attention');
  if (before) offerUndo('clear', 'keep.cleared', {}, before, 'keep.clearedKept');
  render();
  setStatus('error');
  document.body.dataset.run = String(state.runId);
  el.input.focus();
}

/** "Forget everything on this computer" (keeping.js): asked first; every tab starts again. */
async function forget() {
  if (await confirmForget(t)) await forgetEverything(stopSaving);
}

/** Before forgetting: nothing still waiting to be saved may write it back. */
function stopSaving() {
  state.runId += 1;
  clearTimeout(onTyped.timer);
  onTyped.timer = null;
}
onForgetElsewhere(stopSaving);

// ---------------------------------------------------------------- analysis

function headersOf(config) {
  return (config?.columns ?? []).map((c) => c.name);
}

/**
 * Analyse the current data with the current structure and settings. `revert` undoes
 * the change that triggered this run if the engine rejects it.
 */
async function analyse({ revert } = {}) {
  const run = ++state.runId;
  state.messages = state.messages.filter((m) => !m.engine);
  const input = payload();
  const version = state.dataVersion;
  el.analyze.classList.remove('attention');
  setStatus('busy');
  try {
    const options = inputs.options();
    if (!state.detected || state.detected.dataVersion !== version) {
      const { report, ms } = await engine.analyze(input, null, options);
      if (run !== state.runId) return;
      state.detected = { dataVersion: version, report, ms };
      inputs.detected(report);
    }
    const detected = state.detected.report;
    const headers = headersOf(detected.config);
    if (state.checkFit && headers.length) {
      checkStructure(headers, state.checkFit === 'loaded');
      state.checkFit = false;
    }
    const base = activeStructure() ?? detected.config;
    const config = inputs.apply(applyOverrides(base, state.overrides));
    let report = detected;
    let ms = state.detected.ms;
    if (!sameConfig(config, detected.config) && headers.length) {
      ({ report, ms } = await engine.analyze(input, config, options));
      if (run !== state.runId) return;
      // The report says "detected" only for the engine's own structure.
      if (!state.structure) report.detected = true;
    }
    state.report = report;
    state.ms = ms;
    render();
    setStatus(hasResults(report) ? 'ready' : 'error');
  } catch (err) {
    if (err?.superseded || run !== state.runId) return;
    const { code, key, params } = explain(err, 'engine');
    if (revert) {
      // The engine refused the change (its reason in both languages): undo it.
      revert();
      if (code === 'unexpected') addMessage('error', 'msg.configInvalid', { error: params.detail });
      else engineMessage(code, key, params, { sticky: true });
      return analyse();
    }
    state.report = null;
    // Messages about earlier data must not stand for this data.
    if (state.detected?.dataVersion !== version) state.detected = null;
    engineMessage(code, key, params);
    render();
    setStatus('error');
  } finally {
    // Tests and benchmarks wait for this to change; stale runs must not move it.
    if (run === state.runId) document.body.dataset.run = String(run);
    if (engine.version) el.version.textContent = t('footer.engine', { version: engine.version });
  }
}

/**
 * A failure of the engine itself (errors.js), said once and dropped when the
 * next analysis starts — or, `sticky`, when the data changes (a change that was
 * undone because of it: the analysis that follows must not hide why).
 */
function engineMessage(code, key, params, { sticky = false } = {}) {
  state.messages = state.messages.filter((m) => m.code !== code);
  state.messages.push({ severity: 'error', key, params, code, engine: !sticky });
  renderMessagePanel();
}

/**
 * New data, or a structure just chosen (`loaded`): lay the edited structure on
 * its columns, or put it aside, or bring one put aside back (structure-fit.js).
 */
function checkStructure(headers, loaded) {
  state.messages = state.messages.filter((m) => !m.fit);
  const r = checkFit({ structure: state.structure, parked: state.parked }, headers, loaded);
  state.structure = r.structure;
  state.parked = r.parked;
  state.fit = r.fit;
  for (const m of r.messages) state.messages.push({ ...m, code: m.key, fit: true });
  if (r.changed) saveSettings();
}

/** The edited structure as it applies to the current data, or null. */
const activeStructure = () => activeFor(state.structure, state.fit);

function useParked() {
  if (!state.parked) return;
  state.structure = state.parked;
  state.parked = null;
  state.checkFit = 'loaded';
  saveSettings();
  analyse();
}

// ---------------------------------------------------------------- settings

/**
 * Store the structure and the settings. A structure whose JSON is above
 * MAX_STORED_STRUCTURE is used for this session only, and the page says so:
 * nothing is stored that cannot be loaded back quickly.
 */
function saveSettings() {
  let ok = store.save('overrides', state.overrides) && store.save('typedWeights', state.typedWeights);
  ok = saveStructure('structure', state.structure) && ok;
  ok = saveStructure('parkedStructure', state.parked) && ok;
  if (!ok) storageWarning();
}

function saveStructure(key, config) {
  state.messages = state.messages.filter((m) => m.key !== 'msg.structureNotKept' || m.params.which !== key);
  if (!config) return store.save(key, null) || store.kind() === 'none';
  let json;
  try {
    json = JSON.stringify(config);
  } catch {
    json = null;
  }
  if (json === null || json.length > MAX_STORED_STRUCTURE) {
    store.save(key, null);
    addMessage('info', 'msg.structureNotKept', { which: key, chars: count(json?.length ?? 0), max: count(MAX_STORED_STRUCTURE) });
    return true;
  }
  return store.save(key, config);
}

/** Settings typed but not yet committed (no change event yet): kept without analysing. */
function saveSettingsSoon() {
  store.saveSoon('overrides', state.overrides);
  store.saveSoon('typedWeights', state.typedWeights);
}

/** An edit being typed in the structure editor: kept for a reload, analysed on change. */
function draftStructure(config) {
  state.structure = tidy(config);
  state.fit = null;
  const json = JSON.stringify(state.structure);
  if (json.length <= MAX_STORED_STRUCTURE) store.saveSoon('structure', state.structure);
}

function setStructure(config) {
  const previous = state.structure;
  state.structure = tidy(config);
  state.fit = null; // made from the columns shown: fits them
  state.parked = null;
  state.messages = state.messages.filter((m) => !m.fit);
  state.checkFit = false;
  saveSettings();
  analyse({
    revert: () => {
      state.structure = previous;
      saveSettings();
    },
  });
}

function setOverride(key, value) {
  const previous = state.overrides[key];
  state.overrides = { ...state.overrides, [key]: value };
  saveSettings();
  analyse({
    revert: () => {
      state.overrides = { ...state.overrides, [key]: previous };
      saveSettings();
    },
  });
}

/** The scale typed in Min and Max, or null while it is not a valid one (aria-invalid says so). */
function typedScale() {
  const min = Number(el.min.value);
  const max = Number(el.max.value);
  const ok = el.min.value !== '' && el.max.value !== '' && Number.isFinite(min) && Number.isFinite(max) && min < max;
  el.min.setAttribute('aria-invalid', String(!ok));
  el.max.setAttribute('aria-invalid', String(!ok));
  return ok ? { min, max } : null;
}

function onScaleInput() {
  const scale = typedScale();
  if (!scale) return;
  el.preset.value = presetOf(scale);
  setOverride('scale', scale);
}

/** Min or max being typed (no change event yet): kept for a reload, analysed on change. */
function onScaleDraft() {
  const scale = typedScale();
  if (!scale) return;
  state.overrides = { ...state.overrides, scale };
  saveSettingsSoon();
}

function onPreset() {
  const p = SCALE_PRESETS.find((x) => x.id === el.preset.value);
  if (!p) return; // "custom": the user types min and max
  el.min.value = p.min;
  el.max.value = p.max;
  onScaleInput();
}

/** One option of the optional analyses (config.analyses), e.g. ('ipa.importance', 'derived'). */
function setAnalysisOption(path, value) {
  const [group, key] = path.split('.');
  const current = state.overrides.analyses ?? {};
  setOverride('analyses', { ...current, [group]: { ...current[group], [key]: value } });
}

function onWeighting(weighting) {
  if (weighting.method === 'direct') state.typedWeights = weighting.weights;
  if (weighting.subjective?.method === 'direct') state.typedWeights = weighting.subjective.weights;
  setOverride('weighting', weighting);
}

/** A weight being typed: kept at once (for a reload), analysed when the editor commits it. */
function onWeightingDraft(weighting) {
  if (weighting.method === 'direct') state.typedWeights = weighting.weights;
  if (weighting.subjective?.method === 'direct') state.typedWeights = weighting.subjective.weights;
  state.overrides = { ...state.overrides, weighting };
  saveSettingsSoon();
}

function downloadConfig() {
  const config = state.report?.config;
  if (!config) return;
  const blob = new Blob([JSON.stringify(config, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { trustedHref: url, download: 'survey.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A survey.json chosen by the user: checked before it is parsed (config-file.js). */
async function loadConfig(file) {
  if (!file) return;
  state.messages = state.messages.filter((m) => !CONFIG_MESSAGES.has(m.key));
  const { config, dropped, refused } = await readConfigFile(file);
  if (refused) return addMessage('error', refused.key, refused.params);
  useStructure(config, file.name);
  if (dropped) addMessage('info', 'msg.configUnusedItems', { n: count(dropped), name: file.name });
}

/** A whole structure from a file or a template: its own scale, α and weighting apply. */
function useStructure(config, name) {
  const previous = { structure: state.structure, parked: state.parked, overrides: state.overrides };
  // The file's own scale, α and weighting apply, not earlier overrides.
  state.structure = config;
  state.parked = null;
  state.overrides = { scale: null, alpha: null, weighting: null };
  // Said when it does not fit these columns, but never put aside: it was just chosen.
  state.checkFit = 'loaded';
  state.messages = state.messages.filter((m) => !CONFIG_MESSAGES.has(m.key) && !m.fit);
  addMessage('info', 'msg.configLoaded', { name });
  saveSettings();
  analyse({
    revert: () => {
      state.structure = previous.structure;
      state.parked = previous.parked;
      state.overrides = previous.overrides;
      state.fit = null;
      state.messages = state.messages.filter((m) => m.key !== 'msg.configLoaded' && !m.fit);
      saveSettings();
    },
  });
}

function resetStructure() {
  state.structure = null;
  state.parked = null;
  state.fit = null;
  state.messages = state.messages.filter((m) => !m.fit);
  state.extraDims = [];
  state.overrides = { ...state.overrides, scale: null };
  saveSettings();
  analyse();
}

function addDimension(e) {
  e.preventDefault();
  const id = cleanDimensionId(el.newDim.value);
  const config = state.report?.config;
  if (!id) {
    addMessage('warning', 'msg.dimInvalid');
    return;
  }
  if (config?.dimensions.some((d) => d.id === id) || state.extraDims.includes(id)) {
    addMessage('warning', 'msg.dimExists', { id });
    return;
  }
  state.extraDims.push(id);
  el.newDim.value = '';
  renderStructurePanel(true);
}

function setLang(lang) {
  if (!LANGS.includes(lang) || lang === state.lang) return;
  state.lang = lang;
  t = translator(lang);
  store.save('lang', lang);
  render();
}

// ---------------------------------------------------------------- rendering

function renderSource() {
  const input = state.input;
  let text;
  if (!input || (input.kind === 'text' && !input.text)) text = t('source.none');
  else if (input.kind === 'demo') text = t('source.demo');
  else if (input.kind === 'file' || input.kind === 'workbook') {
    text = t('source.file', { name: input.name, size: fmtBytes(input.bytes?.length ?? input.text?.length ?? 0) });
    if (input.big) text += ' — ' + t('source.notShown');
  } else if (input.big) text = t('source.big', { chars: count(input.text.length) });
  else text = t('source.text', { size: fmtBytes(new Blob([input.text]).size) });
  if (input?.restored) text += ' ' + t('source.restored');
  el.source.textContent = text;
  el.source.dataset.kind = input?.kind ?? 'none';
}

function renderStructureCard() {
  const config = state.report?.config;
  el.structureMode.textContent = state.structure ? t('structure.edited') : t('structure.detected');
  el.structureMode.dataset.mode = state.structure ? 'edited' : 'detected';
  el.structureSummary.textContent = config
    ? t('structure.summary', { items: config.items.length, dims: config.dimensions.length, cols: config.columns.length })
    : '';
  const scale = config?.scale ?? state.overrides.scale;
  if (scale && document.activeElement !== el.min && document.activeElement !== el.max) {
    el.min.value = scale.min;
    el.max.value = scale.max;
    el.preset.value = presetOf(scale);
  }
  const alpha = config?.alpha ?? state.overrides.alpha ?? 0.05;
  el.alpha.value = String(alpha);
  if (el.alpha.value !== String(alpha)) {
    // A survey.json with another α: offer it in the list.
    el.alpha.append(h('option', { value: String(alpha) }, String(alpha)));
    el.alpha.value = String(alpha);
  }
  const disabled = !config;
  for (const b of [el.download, el.edit]) b.disabled = disabled;
  replaceChildren(el.structureNote, parkedNote(state.parked, { t, onUse: useParked }));
}

/** The notice under the data box and the Undo bar (keep-ui.js). */
function renderKeep() {
  const u = state.undo && state.undo.dataVersion === state.dataVersion ? state.undo : null;
  if (!u) state.undo = null;
  const focused = el.keep.contains(document.activeElement) ? document.activeElement.id : null;
  replaceChildren(
    el.keep,
    undoBar(u, {
      t,
      onUndo: undo,
      onDismiss: () => {
        state.undo = null;
        renderKeep();
        el.input.focus();
      },
    }),
    storageNote(store.kind(), { t, onForget: forget }),
  );
  if (focused) document.getElementById(focused)?.focus();
}

let weightsKey = '';
function renderWeights() {
  const config = state.report?.config;
  if (!config) {
    weightsKey = '';
    replaceChildren(el.weights, h('p', { class: 'muted' }, t('structure.none')));
    return;
  }
  // Rebuild only when something visible changed, and never under the user's
  // fingers: while they type a weight, only its value changes and the editor
  // already shows it.
  const shape = JSON.stringify([state.lang, config.dimensions, config.weighting?.method, config.columns.filter((c) => c.role === 'allocation')]);
  const used = state.report.overall?.weighting;
  const key = shape + JSON.stringify([config.weighting, used?.method, used?.respondents, used?.details?.dimensions?.cr ?? used?.details?.subjective?.details?.dimensions?.cr]);
  if (key === weightsKey) return;
  if (el.weights.contains(document.activeElement) && weightsKey.startsWith(shape)) return;
  const active = el.weights.contains(document.activeElement) ? document.activeElement : null;
  weightsKey = key;
  replaceChildren(el.weights, weightsEditor(config, { t, lang: state.lang, typed: state.typedWeights, onChange: onWeighting, onDraft: onWeightingDraft, workspace, report: state.report }));
  if (active?.dataset.dimension) el.weights.querySelector(`input[data-dimension="${CSS.escape(active.dataset.dimension)}"]`)?.focus();
  else if (active?.id) document.getElementById(active.id)?.focus();
}

let structureKey = '';
function renderStructurePanel(force = false) {
  if (el.panel.hidden) return;
  const config = state.report?.config;
  if (!config) {
    structureKey = '';
    replaceChildren(el.panelBody, h('p', { class: 'muted' }, t('structure.none')));
    return;
  }
  const key = JSON.stringify([state.lang, config.columns, config.items, config.dimensions, state.extraDims]);
  if (key === structureKey && !force) return;
  structureKey = key;
  const focus = focusKey(el.panelBody);
  const scroll = el.panelBody.scrollTop;
  replaceChildren(el.panelBody, structureTable(config, {
      t,
      lang: state.lang,
      extraDims: state.extraDims,
      onChange: setStructure,
      onDraft: draftStructure,
      limit: state.structureRows,
      onShowAll: () => {
        state.structureRows = Infinity;
        renderStructurePanel(true);
      },
    }));
  el.panelBody.scrollTop = scroll;
  restoreFocus(el.panelBody, focus);
}

function togglePanel(open = el.panel.hidden) {
  el.panel.hidden = !open;
  el.edit.setAttribute('aria-expanded', String(open));
  document.body.classList.toggle('panel-open', open);
  if (open) {
    workspace.close({ restoreFocus: false });
    // Below the sticky top bar, so the language switch stays reachable.
    el.panel.style.top = `${Math.max(0, document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0)}px`;
    renderStructurePanel(true);
    el.closePanel.focus();
  } else el.edit.focus();
}

/**
 * A diagnostic's action (docs/report.md#actions): the engine guessed, and the
 * user confirms or corrects the guess in one click.
 */
function onAction(change) {
  if (change?.set === 'scale' && Number.isFinite(change.min) && Number.isFinite(change.max) && change.min < change.max) {
    const scale = { min: change.min, max: change.max };
    if (!change.column) {
      el.min.value = scale.min;
      el.max.value = scale.max;
      el.preset.value = presetOf(scale);
      setOverride('scale', scale);
      return;
    }
    const base = activeStructure() ?? state.detected?.report?.config;
    if (!base) return;
    const config = structuredClone(base);
    const col = config.columns.find((c) => c.name === change.column);
    if (!col) return;
    col.scale = scale;
    setStructure(config);
  } else if (change?.set === 'input') {
    inputs.setOption(change.option, change.value);
  }
}

/**
 * The engine's messages less the guesses the user has settled: a guessed scale
 * (`scale_outliers`) is no guess once the user set the scale, or edited the
 * column, themselves (the answers outside it stay reported one by one).
 */
function unsettled(diagnostics) {
  if (!diagnostics?.messages) return diagnostics;
  const settled = (m) =>
    m.code === 'scale_outliers' && (m.column_name ? Boolean(state.structure) : Boolean(state.overrides.scale));
  return { ...diagnostics, messages: diagnostics.messages.filter((m) => !settled(m)) };
}

function renderMessagePanel() {
  const list = renderMessages(unsettled(state.report?.diagnostics ?? state.detected?.report?.diagnostics), state.messages, { t, lang: state.lang, onAction });
  el.messages.hidden = !list;
  replaceChildren(el.messageList, list);
}

function resultsWidth() {
  const w = el.report.clientWidth || el.report.parentElement.clientWidth || 760;
  return Math.max(300, Math.min(w, 1100));
}

function renderReport() {
  const report = state.report;
  state.width = resultsWidth();
  if (!report || !hasResults(report)) {
    el.report.before(el.messages);
    replaceChildren(el.report, h('p', { class: 'empty-state' }, t(report ? 'msg.nothing' : 'results.empty')));
    return;
  }
  // An option changed in a section re-renders everything: keep the focus on its
  // control and the opened detail tables open.
  const focusKey = el.report.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
  const opened = new Set([...el.report.querySelectorAll('details[open][data-testid]')].map((d) => d.dataset.testid));
  const parts = renderResults(report, { t, lang: state.lang, width: state.width, idPrefix: 'gs', onOption: setAnalysisOption });
  replaceChildren(el.report, parts);
  for (const d of el.report.querySelectorAll('details[data-testid]')) if (opened.has(d.dataset.testid)) d.open = true;
  if (focusKey) el.report.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  // Messages go right under the overall scores when there are results, so the
  // first screen shows the scores; with no results they lead the page.
  parts[0].after(el.messages);
}

function render() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('app.title');
  applyStatic(document, t);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang));
  renderSource();
  renderKeep();
  renderStructureCard();
  renderWeights();
  workspace.update({ config: state.report?.config, report: state.report, t, lang: state.lang });
  renderStructurePanel();
  renderMessagePanel();
  renderReport();
  inputs.render();
  if (templatesLang !== state.lang) {
    templatesLang = state.lang;
    inputs.renderTemplates();
  }
  renderStatusLine();
  if (engine.version) el.version.textContent = t('footer.engine', { version: engine.version });
}
let templatesLang = null;

const inputs = createInputs({
  el: { info: $('input-info'), answers: $('answers'), quality: $('quality'), templates: $('templates') },
  t: () => t,
  lang: () => state.lang,
  input: () => state.input,
  setInput,
  persist: persistInput,
  analyse: () => analyse(),
  render: () => render(),
  report: () => state.report,
  base: () => activeStructure() ?? state.detected?.report?.config ?? null,
  setStructure,
  useTemplate: async (template, name) => {
    // It replaces the data: ask first when the data is the user's, and offer Undo.
    const mine = hasUserData();
    if (mine && !(await confirmReplace(t, state.input, 'template', name ?? { en: template.id, zh: template.id }))) return;
    const before = mine ? snapshot() : null;
    // The template's empty layout in the box, so its columns are the data's.
    const header = template.csv.replace(/\r\n/g, '\n'); // as a text box holds it
    el.input.value = header;
    setInput({ kind: 'text', text: header });
    useStructure(template.config, template.id);
    if (before) offerUndo('template', 'keep.replaced.template', { name: name ?? template.id }, before);
  },
  notice: (severity, key, params) => addMessage(severity, key, params),
  message: (severity, code, text, { file = false } = {}) => {
    state.messages.push({ severity, code, text, file });
    renderMessagePanel();
  },
  /** Forget what was said about the last file that could not be opened. */
  clearFileMessages: () => {
    state.messages = state.messages.filter((m) => !m.file);
  },
  box: (text) => {
    el.input.value = text;
  },
});

// ---------------------------------------------------------------- wiring

function wire() {
  for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => setLang(b.dataset.lang));
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
    setInput({ kind: 'text', text, big });
    analyse();
  });
  el.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      analyse();
    }
  });
  el.analyze.addEventListener('click', () => {
    const fromFile = state.input?.kind === 'file' || state.input?.kind === 'workbook';
    if (state.input?.kind !== 'demo' && !state.input?.big && !fromFile && state.input?.text !== el.input.value) {
      setInput({ kind: 'text', text: el.input.value });
    } else if (state.input?.kind === 'text' && !state.input.big) setTimeout(persistInput, 0);
    analyse();
  });
  el.file.addEventListener('change', () => {
    openFile(el.file.files?.[0]);
    el.file.value = '';
  });
  el.demo.addEventListener('click', onDemo);
  el.clear.addEventListener('click', clearAll);
  el.preset.addEventListener('change', onPreset);
  el.min.addEventListener('change', onScaleInput);
  el.max.addEventListener('change', onScaleInput);
  el.min.addEventListener('input', onScaleDraft);
  el.max.addEventListener('input', onScaleDraft);
  el.alpha.addEventListener('change', () => setOverride('alpha', Number(el.alpha.value)));
  el.edit.addEventListener('click', () => togglePanel());
  el.closePanel.addEventListener('click', () => togglePanel(false));
  el.panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') togglePanel(false);
  });
  el.download.addEventListener('click', downloadConfig);
  el.configFile.addEventListener('change', () => {
    loadConfig(el.configFile.files?.[0]);
    el.configFile.value = '';
  });
  el.reset.addEventListener('click', resetStructure);
  el.addDim.addEventListener('submit', addDimension);

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

  attachTooltip(el.report, el.tooltip);

  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (state.report && Math.abs(resultsWidth() - state.width) > 8) renderReport();
    }, 150);
  });

  // Keep what was typed even if the page is closed, reloaded or put in the
  // background (a phone may discard it there) within a save delay.
  const flushAll = () => {
    if (onTyped.timer) {
      clearTimeout(onTyped.timer);
      onTyped.timer = null;
      store.saveInput(state.input);
    }
    store.flush();
  };
  window.addEventListener('pagehide', flushAll);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAll();
  });

  // A bug in the page must not leave it dead: say what happened and carry on.
  window.addEventListener('unhandledrejection', (e) => {
    if (e.reason?.superseded) return e.preventDefault();
    const { code, key, params } = explain(e.reason, 'page');
    engineMessage(code, key, params);
  });
  window.addEventListener('error', (e) => {
    if (!e.error) return; // a resource that failed to load: not an exception
    const { code, key, params } = explain(e.error, 'page');
    engineMessage(code, key, params);
  });
}

async function start() {
  wire();
  render();
  const saved = store.load('input');
  if (saved && ['text', 'file', 'workbook'].includes(saved.kind) && typeof saved.text === 'string') {
    el.input.value = saved.text;
    // A workbook comes back as the text of the sheet that was analysed.
    const kind = saved.kind === 'workbook' ? 'file' : saved.kind;
    const quotes = saved.quotes === 'same_line' ? 'same_line' : undefined;
    setInput({ kind, name: saved.name ?? undefined, text: saved.text, quotes, restored: true }, { save: false });
    if (saved.text.trim()) await analyse();
    else {
      // Cleared last time: an empty page, not an "input is empty" error.
      setStatus('error');
      document.body.dataset.run = String(state.runId);
    }
  } else {
    // The first screen: nothing is stored until the user does something.
    await loadDemo({ save: false });
  }
  if (store.kind() === 'none') storageWarning();
}

// For tests, benchmarks and the console: the last report and a way to run again.
window.gapscope = {
  get report() {
    return state.report;
  },
  analyse: () => analyse(),
};

start();

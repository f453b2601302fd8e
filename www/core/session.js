// The page's state and what changes it: the data, the user's edited structure
// and settings, the page's own messages, and the analysis. This is the "state
// API" every panel gets (docs/architecture.md): panels read the current
// values through the getters and change them only through the functions here;
// app.js connects the panels' partial renders to it (`connect`).
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
// last work for new tabs). Failures of the engine itself are worded by errors.js.

import { count } from './format.js';
import { translator, initialLang, LANGS } from '../i18n/index.js';
import { applyOverrides, sameConfig, tidy } from './config-edit.js';
import { CONFIG_MESSAGES } from './config-file.js';
import { checkFit, activeStructure as activeFor } from './structure-fit.js';
import * as store from './storage.js';
import { explain } from './errors.js';
import { hasResults } from '../results/render.js';

/** A structure whose JSON is longer than this is used for the session but not stored. */
const MAX_STORED_STRUCTURE = 256 * 1024;

const noop = () => {};

/** The page's session: `engine` is the Engine (core/engine.js) it analyses with. */
export function createSession({ engine }) {
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
    overrides: { scale: null, alpha: null, weighting: null, ...store.load('overrides', {}) },
    /** Last typed-in weights, so switching away and back keeps them. */
    typedWeights: store.load('typedWeights', null),
    extraDims: [],
    detected: null, // {dataVersion, report}
    report: null,
    ms: null,
    messages: [], // the page's own messages: {severity, key, params}
    runId: 0,
  };
  let t = translator(state.lang);

  // What app.js connects: the panels' partial renders, and the input side
  // (input/inputs.js: input options, settings applied to the configuration).
  let view = { render: noop, analysing: noop, messages: noop, source: noop, status: noop, version: noop, scale: noop };
  let inputs = null;
  /** Parts of an Undo snapshot kept by panels: [{name, snapshot(), restore(copy)}]. */
  const parts = [];
  /** Drawers that close when another opens: name → close(). */
  const drawers = new Map();

  // ---------------------------------------------------------------- status and messages

  function setStatus(status) {
    document.body.dataset.status = status;
    view.status();
  }

  /** body[data-run]: the analysis whose results are shown (tests and benchmarks wait for it). */
  function markRun() {
    document.body.dataset.run = String(state.runId);
  }

  function addMessage(severity, key, params) {
    state.messages.push({ severity, key, params, code: key });
    view.messages();
  }

  /** A page message already in both languages (text {en, zh}), e.g. a file reader's. */
  function message(severity, code, text, { file = false } = {}) {
    state.messages.push({ severity, code, text, file });
    view.messages();
  }

  /** Forget the page's messages that `pred` picks (not re-rendered: the caller renders). */
  function dropMessages(pred) {
    state.messages = state.messages.filter((m) => !pred(m));
  }

  /** Once per page: the browser refused to keep something. */
  function storageWarning() {
    const key = store.kind() === 'none' ? 'msg.storageOff' : 'msg.storageFull';
    if (!state.messages.some((m) => m.key === key)) addMessage('warning', key);
  }

  /**
   * A failure of the engine itself (errors.js), said once and dropped when the
   * next analysis starts — or, `sticky`, when the data changes (a change that was
   * undone because of it: the analysis that follows must not hide why).
   */
  function engineMessage(code, key, params, { sticky = false } = {}) {
    state.messages = state.messages.filter((m) => m.code !== code);
    state.messages.push({ severity: 'error', key, params, code, engine: !sticky });
    view.messages();
  }

  // ---------------------------------------------------------------- input

  function payload() {
    const input = state.input;
    if (!input) return '';
    if (input.kind === 'workbook' && input.rows) return { rows: input.rows };
    if (input.kind === 'file' && input.bytes) return input.bytes;
    if (input.kind === 'stream') return { stream: input.file, holdable: input.holdable };
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
    view.source();
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

  // ---------------------------------------------------------------- keeping work (keeping.js)

  /** Everything Undo brings back: the data, the structure, every setting and the panels' parts. */
  function snapshot() {
    return {
      input: state.input,
      structure: state.structure,
      parked: state.parked,
      overrides: structuredClone(state.overrides),
      typedWeights: state.typedWeights,
      extraDims: [...state.extraDims],
      parts: Object.fromEntries(parts.map((p) => [p.name, p.snapshot()])),
    };
  }

  function restoreSnapshot(s) {
    state.structure = s.structure;
    state.parked = s.parked;
    state.overrides = s.overrides;
    state.typedWeights = s.typedWeights;
    state.extraDims = s.extraDims;
    for (const p of parts) p.restore(s.parts[p.name]);
    setInput({ ...s.input, restored: false });
    // The structure was checked against this data when it was in use.
    state.checkFit = true;
    saveSettings();
  }

  /** Drop the results shown and any analysis still running (Clear). */
  function dropResults() {
    state.runId += 1;
    state.report = null;
    state.detected = null;
  }

  /** Any analysis still running is dropped (its results never shown or stored). */
  function cancelRuns() {
    state.runId += 1;
  }

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
    view.analysing();
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
      // A file meant to stream that the worker read held (a long layout …): the source line says so.
      if (state.input?.kind === 'stream' && state.dataVersion === version) state.input.held = !report.diagnostics?.messages?.some((m) => m.code === 'stream_mode');
      view.render();
      setStatus(hasResults(report) ? 'ready' : 'error');
    } catch (err) {
      if (err?.superseded || run !== state.runId) return;
      if (err?.code === 'cancelled') {
        // The user stopped reading a large file: no results, and no error to explain.
        state.report = null;
        state.detected = null;
        addMessage('warning', 'msg.streamStopped', {});
        view.render();
        setStatus('error');
        return;
      }
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
      view.render();
      setStatus('error');
    } finally {
      // Tests and benchmarks wait for this to change; stale runs must not move it.
      if (run === state.runId) document.body.dataset.run = String(run);
      view.version();
    }
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

  /** The structure before the input settings and overrides: the edited one, else the detected one. */
  const baseConfig = () => activeStructure() ?? state.detected?.report?.config ?? null;

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

  /** The scale being typed (no change event yet): kept for a reload, analysed on change. */
  function draftScale(scale) {
    state.overrides = { ...state.overrides, scale };
    saveSettingsSoon();
  }

  /** One option of the optional analyses (config.analyses), e.g. ('ipa.importance', 'derived'). */
  function setAnalysisOption(path, value) {
    const [group, key] = path.split('.');
    const current = state.overrides.analyses ?? {};
    setOverride('analyses', { ...current, [group]: { ...current[group], [key]: value } });
  }

  function setWeighting(weighting) {
    if (weighting.method === 'direct') state.typedWeights = weighting.weights;
    if (weighting.subjective?.method === 'direct') state.typedWeights = weighting.subjective.weights;
    setOverride('weighting', weighting);
  }

  /** A weight being typed: kept at once (for a reload), analysed when the editor commits it. */
  function draftWeighting(weighting) {
    if (weighting.method === 'direct') state.typedWeights = weighting.weights;
    if (weighting.subjective?.method === 'direct') state.typedWeights = weighting.subjective.weights;
    state.overrides = { ...state.overrides, weighting };
    saveSettingsSoon();
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

  function setLang(lang) {
    if (!LANGS.includes(lang) || lang === state.lang) return;
    state.lang = lang;
    t = translator(lang);
    store.save('lang', lang);
    view.render();
  }

  /**
   * A diagnostic's action (docs/report.md#actions): the engine guessed, and the
   * user confirms or corrects the guess in one click.
   */
  function onAction(change) {
    if (change?.set === 'scale' && Number.isFinite(change.min) && Number.isFinite(change.max) && change.min < change.max) {
      const scale = { min: change.min, max: change.max };
      if (!change.column) {
        view.scale(scale);
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

  return {
    engine,
    /** The current translator and language (replaced when the language changes: read them when needed). */
    get t() {
      return t;
    },
    get lang() {
      return state.lang;
    },
    get report() {
      return state.report;
    },
    get ms() {
      return state.ms;
    },
    get input() {
      return state.input;
    },
    get dataVersion() {
      return state.dataVersion;
    },
    get detected() {
      return state.detected;
    },
    get structure() {
      return state.structure;
    },
    get parked() {
      return state.parked;
    },
    get overrides() {
      return state.overrides;
    },
    get typedWeights() {
      return state.typedWeights;
    },
    /** Dimensions added in the structure editor that no column uses yet (the panel adds to this list). */
    get extraDims() {
      return state.extraDims;
    },
    get messages() {
      return state.messages;
    },
    /** The input side (input/inputs.js), once connected. */
    get inputs() {
      return inputs;
    },

    /**
     * app.js: what the session calls back — the whole page's `render`, the panels'
     * partial renders (`analysing`, `messages`, `source`, `status`, `version`,
     * `scale(scale)`) — and `inputs`, the input side (input/inputs.js).
     */
    connect({ inputs: side, ...hooks }) {
      inputs = side;
      view = { ...view, ...hooks };
    },
    /** A panel's part of the Undo snapshot: {snapshot() → copy, restore(copy)}. */
    keep(name, part) {
      parts.push({ name, ...part });
    },
    /** A drawer that closes when another one opens. */
    drawer(name, close) {
      drawers.set(name, close);
    },
    /** `name` opens: close the others. */
    closeDrawers(except) {
      for (const [name, close] of drawers) if (name !== except) close();
    },
    render: () => view.render(),

    setStatus,
    markRun,
    addMessage,
    message,
    dropMessages,
    engineMessage,
    storageWarning,
    setInput,
    persistInput,
    snapshot,
    restoreSnapshot,
    dropResults,
    cancelRuns,
    analyse,
    activeStructure,
    baseConfig,
    useParked,
    saveSettings,
    draftStructure,
    setStructure,
    setOverride,
    draftScale,
    setAnalysisOption,
    setWeighting,
    draftWeighting,
    useStructure,
    resetStructure,
    setLang,
    onAction,
    unsettled,
  };
}

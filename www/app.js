// The page (index.html): creates the engine, the session (the page's state and
// the analysis, core/session.js) and the panels, and wires them together. It
// holds no logic of its own: every panel is a module with the same shape,
//
//   createXPanel({ root, state }) → { render(report), …partial renders }
//
// root: the panel's elements in index.html; state: the session (the state API).
// app.js calls every panel's render(report) after each analysis or language
// change, in the order below, and connects the partial renders the session
// calls between two analyses (a new message, the data's source line …).
// docs/architecture.md describes the layout and how to add a panel.

import { Engine } from './core/engine.js';
import { createSession } from './core/session.js';
import { explain } from './core/errors.js';
import { createFrame } from './core/frame.js';
import { createInputPanel } from './input/panel.js';
import { createStructurePanel } from './structure/panel.js';
import { createWeightsPanel } from './weights/panel.js';
import { createQualityPanel } from './quality/panel.js';
import { createResultsPanel } from './results/panel.js';
import { createDeliverPanel } from './deliver/panel.js';

const $ = (id) => document.getElementById(id);

const engine = new Engine({ base: new URL('.', import.meta.url) });
const state = createSession({ engine });

const frame = createFrame({
  root: { langButtons: [...document.querySelectorAll('[data-lang]')], version: $('engine-version') },
  state,
});
const input = createInputPanel({
  root: {
    input: $('data-input'),
    analyze: $('analyze'),
    file: $('file-input'),
    demo: $('load-demo'),
    clear: $('clear'),
    source: $('source-line'),
    keep: $('keep-notes'),
    info: $('input-info'),
    answers: $('answers'),
    templates: $('templates'),
    drop: $('drop-overlay'),
    progress: { box: $('stream-progress'), bar: $('stream-bar'), text: $('stream-text'), stop: $('stream-cancel') },
  },
  state,
});
const structure = createStructurePanel({
  root: {
    mode: $('structure-mode'),
    summary: $('structure-summary'),
    note: $('structure-note'),
    preset: $('scale-preset'),
    min: $('scale-min'),
    max: $('scale-max'),
    alpha: $('alpha'),
    edit: $('edit-structure'),
    download: $('download-config'),
    configFile: $('config-input'),
    reset: $('reset-structure'),
    panel: $('structure-panel'),
    panelBody: $('structure-body'),
    closePanel: $('close-structure'),
    addDim: $('add-dimension'),
    newDim: $('new-dimension'),
  },
  state,
});
const weights = createWeightsPanel({ root: $('weights'), state });
const quality = createQualityPanel({ root: $('quality'), state });
const results = createResultsPanel({
  root: { status: $('status-line'), messages: $('messages'), messageList: $('message-list'), report: $('report'), tooltip: $('tooltip') },
  state,
});

const deliver = createDeliverPanel({
  root: { section: $('deliver'), body: $('deliver-body'), print: $('print-report') },
  state,
});

/** Every panel, rendered in this order. */
const panels = [frame, input, structure, weights, quality, results, deliver];

function render() {
  for (const panel of panels) panel.render(state.report);
}

state.connect({
  render,
  analysing: input.analysing,
  source: input.renderSource,
  messages: results.renderMessages,
  status: results.renderStatus,
  version: frame.renderVersion,
  scale: structure.showScale,
  inputs: input.inputs,
});

// A bug in the page must not leave it dead: say what happened and carry on.
window.addEventListener('unhandledrejection', (e) => {
  if (e.reason?.superseded) return e.preventDefault();
  const { code, key, params } = explain(e.reason, 'page');
  state.engineMessage(code, key, params);
});
window.addEventListener('error', (e) => {
  if (!e.error) return; // a resource that failed to load: not an exception
  const { code, key, params } = explain(e.error, 'page');
  state.engineMessage(code, key, params);
});

// For tests, benchmarks and the console: the last report and a way to run again.
window.gapscope = {
  get report() {
    return state.report;
  },
  analyse: () => state.analyse(),
};

render();
input.start();

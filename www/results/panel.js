// The results panel: the status line, the messages about the data and the
// report itself — overall scores, dimensions, items and the optional analyses
// (render.js, which the drop-in element uses too, and analyses/) — with the
// chart tooltip, and re-drawn when the width changes.
//
// root: { status, messages, messageList, report, tooltip }

import { h, replaceChildren } from '../core/dom.js';
import { count } from '../core/format.js';
import { attachTooltip } from '../core/charts.js';
import { renderResults, renderMessages, hasResults } from './render.js';

export function createResultsPanel({ root: el, state }) {
  let width = 0;

  function renderStatusLine() {
    const { t } = state;
    const report = state.report;
    if (document.body.dataset.status === 'busy') el.status.textContent = t('status.busy');
    else if (report && hasResults(report) && state.ms != null) {
      el.status.textContent = t('status.done', { n: count(report.respondents.total), ms: Math.max(1, Math.round(state.ms)) });
    } else el.status.textContent = '';
  }

  function renderMessagePanel() {
    const diagnostics = state.report?.diagnostics ?? state.detected?.report?.diagnostics;
    const list = renderMessages(state.unsettled(diagnostics), state.messages, { t: state.t, lang: state.lang, onAction: state.onAction });
    el.messages.hidden = !list;
    replaceChildren(el.messageList, list);
  }

  function resultsWidth() {
    const w = el.report.clientWidth || el.report.parentElement.clientWidth || 760;
    return Math.max(300, Math.min(w, 1100));
  }

  function renderReport() {
    const { t } = state;
    const report = state.report;
    width = resultsWidth();
    if (!report || !hasResults(report)) {
      el.report.before(el.messages);
      replaceChildren(el.report, h('p', { class: 'empty-state' }, t(report ? 'msg.nothing' : 'results.empty')));
      return;
    }
    // An option changed in a section re-renders everything: keep the focus on its
    // control and the opened detail tables open.
    const focusKey = el.report.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    const opened = new Set([...el.report.querySelectorAll('details[open][data-testid]')].map((d) => d.dataset.testid));
    const parts = renderResults(report, { t, lang: state.lang, width, idPrefix: 'gs', onOption: state.setAnalysisOption });
    replaceChildren(el.report, parts);
    for (const d of el.report.querySelectorAll('details[data-testid]')) if (opened.has(d.dataset.testid)) d.open = true;
    if (focusKey) el.report.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
    // Messages go right under the overall scores when there are results, so the
    // first screen shows the scores; with no results they lead the page.
    parts[0].after(el.messages);
  }

  function render() {
    renderMessagePanel();
    renderReport();
    renderStatusLine();
  }

  attachTooltip(el.report, el.tooltip);

  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (state.report && Math.abs(resultsWidth() - width) > 8) renderReport();
    }, 150);
  });

  return { render, renderMessages: renderMessagePanel, renderStatus: renderStatusLine };
}

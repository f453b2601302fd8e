// <gapscope-evaluator>: a drop-in element that analyses a CSV and shows the results
// (overall scores, dimension and item charts and tables, messages) with the same
// render modules as the page, inside a shadow root so the host page's CSS cannot
// break it and it cannot break the host page. Documented in docs/js-api.md.
//
//   <script type="module" src="gapscope/gapscope-element.js"></script>
//   <gapscope-evaluator src="data.csv" lang="zh" config="survey.json"></gapscope-evaluator>

import { Engine } from './core/engine.js';
import { h, replaceChildren } from './core/dom.js';
import { renderResults, renderMessages, hasResults } from './results/render.js';
import { translator, initialLang } from './i18n/index.js';
import { attachTooltip } from './core/charts.js';
import { explain } from './core/errors.js';

let sharedEngine = null;
function engine() {
  sharedEngine ??= new Engine({ base: new URL('.', import.meta.url) });
  return sharedEngine;
}

let instances = 0;

export class GapscopeEvaluator extends HTMLElement {
  static observedAttributes = ['src', 'config', 'lang', 'no-messages'];

  constructor() {
    super();
    this._id = `gse${++instances}`;
    this._data = null; // string | Uint8Array set through the `data` property
    this._config = null; // object set through the `config` property
    this._report = null;
    this._diagnostics = null;
    this._error = null;
    this._run = 0;
    this._scheduled = false;
    this._width = 0;

    const root = this.attachShadow({ mode: 'open' });
    const css = document.createElement('link');
    css.setAttribute('rel', 'stylesheet');
    css.setAttribute('href', new URL('styles/styles.css', import.meta.url).href);
    this._status = h('p', { class: 'status-line', role: 'status', part: 'status' });
    this._messages = h('div', { class: 'messages', part: 'messages' });
    this._results = h('div', { class: 'results', part: 'results' });
    this._tooltip = h('div', { class: 'tooltip', role: 'tooltip', hidden: true });
    root.append(css, h('div', { class: 'gs-element' }, this._status, this._results, this._messages), this._tooltip);
    attachTooltip(this._results, this._tooltip);
  }

  /** The last report (docs/report.md), or null. */
  get report() {
    return this._report;
  }

  /** Data to analyse instead of `src`: a string (CSV/TSV text) or a Uint8Array (file bytes). */
  get data() {
    return this._data;
  }
  set data(value) {
    this._data = value ?? null;
    this._schedule();
  }

  /** A survey configuration object, used instead of the `config` attribute. */
  get config() {
    return this._config ?? this.getAttribute('config');
  }
  set config(value) {
    if (typeof value === 'string') {
      this._config = null;
      this.setAttribute('config', value);
    } else {
      this._config = value ?? null;
      this._schedule();
    }
  }

  /** 'en' or 'zh': the lang attribute, else the browser's language. */
  get language() {
    const attr = (this.getAttribute('lang') || '').toLowerCase();
    if (attr.startsWith('zh')) return 'zh';
    if (attr.startsWith('en')) return 'en';
    return initialLang(null);
  }

  /** Analyse again (e.g. after the file behind `src` changed). Resolves to the report. */
  refresh() {
    return this._load();
  }

  connectedCallback() {
    this._schedule();
    if (typeof ResizeObserver !== 'undefined' && !this._resize) {
      this._resize = new ResizeObserver(() => {
        const w = this._results.clientWidth;
        if (this._report && Math.abs(w - this._width) > 8) this._render();
      });
      this._resize.observe(this);
    }
  }

  disconnectedCallback() {
    this._resize?.disconnect();
    this._resize = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === 'lang' || name === 'no-messages') this._render();
    else this._schedule();
  }

  _schedule() {
    if (this._scheduled || !this.isConnected) return;
    this._scheduled = true;
    queueMicrotask(() => {
      this._scheduled = false;
      this._load();
    });
  }

  _setStatus(status) {
    this.dataset.status = status;
    const t = translator(this.language);
    this._status.textContent = status === 'busy' ? t('status.busy') : '';
  }

  async _load() {
    const run = ++this._run;
    const src = this.getAttribute('src');
    if (this._data === null && !src) return null;
    this._setStatus('busy');
    try {
      let input = this._data;
      if (input === null) {
        const res = await fetch(new URL(src, document.baseURI));
        if (!res.ok) throw new Error(`${src}: HTTP ${res.status}`);
        input = new Uint8Array(await res.arrayBuffer());
      }
      let config = this._config;
      const configAttr = this.getAttribute('config');
      if (!config && configAttr) {
        const res = await fetch(new URL(configAttr, document.baseURI));
        if (!res.ok) throw new Error(`${configAttr}: HTTP ${res.status}`);
        config = await res.json();
      }
      const { report } = await engine().analyze(input, config);
      if (run !== this._run) return report;
      this._report = report;
      this._error = null;
      this._render();
      this._setStatus(hasResults(report) ? 'ready' : 'error');
      this.dispatchEvent(new CustomEvent('report', { detail: report, bubbles: true, composed: true }));
      return report;
    } catch (err) {
      if (err?.superseded || run !== this._run) return null;
      this._report = null;
      this._error = err;
      this._render();
      this._setStatus('error');
      this.dispatchEvent(new CustomEvent('error', { detail: { message: String(err?.message ?? err), code: explain(err).code }, bubbles: true, composed: true }));
      return null;
    }
  }

  _render() {
    const lang = this.language;
    const t = translator(lang);
    const ctx = { t, lang, width: this._results.clientWidth || 760, idPrefix: this._id };
    this._width = ctx.width;
    // A failure of the engine (a trap, out of memory, not loaded) in words
    // (errors.js); anything else — a configuration the engine refused, a file
    // not found — with its reason, in the element's language.
    let extra = [];
    if (this._error) {
      const { code, key, params } = explain(this._error, 'engine');
      // A file that was not found is named with its address (data.csv: HTTP 404).
      const named = code === 'not_loaded' && /HTTP \d{3}/.test(String(this._error?.message));
      if (code === 'unexpected' || named) extra = [{ severity: 'error', key: 'msg.engineFailed', params: { error: named ? String(this._error.message) : params.detail }, code }];
      else extra = [{ severity: 'error', key, params, code }];
    }
    let diagnostics = this._report?.diagnostics;
    if (diagnostics && this.hasAttribute('no-messages')) {
      // Errors are still shown: without them an empty result would be unexplained.
      const messages = diagnostics.messages.filter((m) => m.severity === 'error');
      diagnostics = { messages, counts: Object.fromEntries(messages.map((m) => [m.code, diagnostics.counts[m.code]])) };
    }
    const list = renderMessages(diagnostics, extra, ctx);
    replaceChildren(this._messages, list ? [h('h2', {}, t('messages.title')), list] : []);
    if (this._report && hasResults(this._report)) replaceChildren(this._results, renderResults(this._report, ctx));
    else replaceChildren(this._results, this._report ? h('p', { class: 'empty-state' }, t('msg.nothing')) : []);
  }
}

if (!customElements.get('gapscope-evaluator')) customElements.define('gapscope-evaluator', GapscopeEvaluator);

// The weights workspace: a drawer with three tabs — AHP judgments
// (ahp.js), the working of the weights in use (entropy, CRITIC, combined,
// AHP, from report.overall.weighting.details) and the indicator-table tool
// (indicators.js). It owns the workspace state (state.js),
// stores it, and builds the configuration's `weighting` for AHP, entropy, CRITIC
// and combined weights; the session (core/session.js) analyses with it.

import { h, replaceChildren } from '../core/dom.js';
import { signed } from '../core/format.js';
import { dimensionLabel, pick } from '../i18n/index.js';
import { AhpTab } from './ahp.js';
import { IndicatorTab } from './indicators.js';
import { ahpWorking, objectiveWorking, combinedWorking, weightBars } from './working.js';
import { reviveState, fitState, buildWeighting, importWeighting, ahpWeighting } from './state.js';

const TABS = ['ahp', 'use', 'table'];
/** Judgments are analysed this long after the last change (the live results do not wait). */
const ANALYSE_DELAY = 300;

export class WeightsWorkspace {
  /**
   * @param {object} o
   * @param {import('../core/engine.js').Engine} o.engine
   * @param {(weighting: object) => void} o.onWeighting  analyse with this weighting
   * @param {() => object} o.typed    the typed-in (direct) weights per dimension id
   * @param {{load, save}} o.store    core/storage.js
   * @param {() => void} [o.onOpen]   another drawer should close
   * @param {(weighting: object) => void} [o.onDraft]  keep this weighting now (analysed a little later)
   */
  constructor({ engine, onWeighting, typed, store, onOpen, onDraft }) {
    this.engine = engine;
    this.onWeighting = onWeighting;
    this.onDraft = onDraft;
    this.typed = typed;
    this.store = store;
    this.onOpen = onOpen;
    this.state = reviveState(store.load('weightsWorkspace'));
    this.ctx = null;
    this.timer = null;
    this.shapeKey = '';
    this.opener = null;
    const get = () => this.state;
    this.ahpTab = new AhpTab({ engine, state: get, changed: (o) => this.changed(o) });
    this.tableTab = new IndicatorTab({ engine, state: get, changed: () => this.save() });
    this.useTab = h('section', { class: 'ws-tab use-tab', 'data-testid': 'use-tab' });
    this.built = new Set();
    this.sent = [];
    this.el = this.drawer();
    document.body.append(this.el);
  }

  drawer() {
    this.title = h('h2', { id: 'weights-panel-title' });
    this.score = h('p', { class: 'ws-score', 'data-testid': 'ws-score', 'aria-live': 'polite' });
    this.closeButton = h('button', { type: 'button', class: 'icon', id: 'close-weights', on: { click: () => this.close() } }, '✕');
    this.tabButtons = TABS.map((tab) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `ws-tab-${tab}`,
          'aria-controls': `ws-pane-${tab}`,
          dataset: { tab },
          on: { click: () => this.show(tab), keydown: (e) => this.tabKey(e, tab) },
        },
        '',
      ),
    );
    this.panes = Object.fromEntries(
      TABS.map((tab) => [tab, h('div', { role: 'tabpanel', id: `ws-pane-${tab}`, 'aria-labelledby': `ws-tab-${tab}`, class: 'ws-pane', tabindex: '-1' })]),
    );
    this.panes.ahp.append(this.ahpTab.el);
    this.panes.use.append(this.useTab);
    this.panes.table.append(this.tableTab.el);
    const el = h(
      'aside',
      { id: 'weights-panel', class: 'drawer weights-drawer', 'aria-labelledby': 'weights-panel-title', hidden: true },
      h('div', { class: 'drawer-head' }, h('div', {}, this.title, this.score), this.closeButton),
      h('div', { class: 'ws-tabs', role: 'tablist' }, this.tabButtons),
      h('div', { class: 'drawer-body ws-body' }, Object.values(this.panes)),
    );
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
    return el;
  }

  /** Arrow keys move between tabs (the ARIA tabs pattern). */
  tabKey(e, tab) {
    const k = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? k + 1 : e.key === 'ArrowLeft' ? k - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const tabName = TABS[(next + TABS.length) % TABS.length];
    this.show(tabName);
    this.tabButtons[TABS.indexOf(tabName)].focus();
  }

  get isOpen() {
    return !this.el.hidden;
  }

  open(tab = this.state.tab, opener = document.activeElement) {
    this.onOpen?.();
    this.opener = opener;
    this.el.hidden = false;
    this.el.style.top = `${Math.max(0, document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0)}px`;
    document.body.classList.add('weights-open');
    this.show(tab);
    this.tabButtons[TABS.indexOf(this.state.tab)]?.focus();
  }

  close({ restoreFocus = true } = {}) {
    if (this.el.hidden) return;
    this.el.hidden = true;
    document.body.classList.remove('weights-open');
    if (restoreFocus && this.opener?.isConnected) this.opener.focus();
  }

  show(tab) {
    if (!TABS.includes(tab)) tab = 'ahp';
    this.state.tab = tab;
    this.save();
    for (const b of this.tabButtons) {
      const on = b.dataset.tab === tab;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    for (const [name, pane] of Object.entries(this.panes)) pane.hidden = name !== tab;
    this.renderPane(tab);
  }

  // ------------------------------------------------------------ state

  save() {
    if (!this.store.save('weightsWorkspace', this.state)) this.onStorageFull?.();
  }

  /** For Undo (the session's snapshot): a copy of the judgments and settings, and putting one back. */
  snapshot() {
    return structuredClone(this.state);
  }

  restore(copy) {
    this.state = reviveState(structuredClone(copy));
    this.save();
    this.shapeKey = ''; // rebuild the editors with the restored judgments
    this.built.clear();
  }

  /** The method of the weighting in use, if the workspace builds it. */
  get method() {
    return this.ctx?.config?.weighting?.method ?? 'equal';
  }

  usesAhp() {
    const w = this.ctx?.config?.weighting;
    return w?.method === 'ahp' || (w?.method === 'combined' && w.subjective?.method === 'ahp');
  }

  /** The workspace state changed: store it and, if the AHP judgments are in use, analyse again. */
  changed({ save = true, analyse = true } = {}) {
    if (save) this.save();
    if (!analyse || !this.usesAhp()) return;
    // The weighting in use is kept at once: a reload before the analysis below
    // must find these judgments in it, not the earlier ones (which it would adopt).
    const draft = this.weighting(this.method);
    if (draft) this.onDraft?.(draft);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      const w = this.weighting(this.method);
      if (w) this.emit(w);
    }, ANALYSE_DELAY);
  }

  /**
   * Analyse with a weighting built here. Remembered, so that a report of an
   * earlier emission arriving late is not mistaken for a loaded survey.json.
   */
  emit(weighting) {
    this.sent.push(pickAhp(weighting));
    if (this.sent.length > 30) this.sent.shift();
    this.onWeighting(weighting);
  }

  /** config.weighting for a method the workspace builds (ahp, entropy, critic, combined). */
  weighting(method, typed = this.typed()) {
    const ids = (this.ctx?.config?.dimensions ?? []).map((d) => d.id);
    if (this.ctx?.config) fitState(this.state, this.ctx.config);
    return buildWeighting(method, this.state, typed, ids);
  }

  /** The parts of combined weights chosen in the card. */
  setCombined(part, value) {
    this.state.combined[part] = value;
    this.save();
    this.emit(this.weighting('combined'));
  }

  // ------------------------------------------------------------ rendering

  /** A new report or language: fit the matrices, adopt a loaded survey.json's AHP weighting, re-render. */
  update({ config, report, t, lang }) {
    this.ctx = { config, report, t, lang, engine: this.engine };
    this.closeButton.setAttribute('aria-label', t('structure.close'));
    this.title.textContent = t('ws.title');
    TABS.forEach((tab, k) => (this.tabButtons[k].textContent = t(`ws.tab.${tab}`)));
    if (!config) {
      this.shapeKey = '';
      this.built.clear();
      this.renderScore();
      if (this.isOpen) this.renderPane(this.state.tab);
      return;
    }
    fitState(this.state, config);
    const w = config.weighting;
    const mine = pickAhp(w);
    const known = same(mine, pickAhp(this.weighting(w?.method))) || this.sent.some((x) => same(x, mine));
    if (!this.timer && (w?.method === 'ahp' || w?.method === 'combined') && !known) {
      importWeighting(this.state, w, config);
      this.save();
      this.shapeKey = ''; // rebuild the editors with the loaded judgments
    }
    this.renderScore();
    const a = this.state.ahp;
    const shape = JSON.stringify([lang, a.labels, a.labels.map((id) => dimensionLabel(config, id, lang)), config.items?.map((i) => [i.id, i.dimension, i.label]), a.experts.length, a.active]);
    if (shape !== this.shapeKey) {
      this.shapeKey = shape;
      this.built.clear();
    }
    if (this.isOpen) this.renderPane(this.state.tab);
  }

  renderScore() {
    const { report, t } = this.ctx;
    const o = report?.overall;
    if (!o) {
      this.score.textContent = '';
      return;
    }
    const method = t(`method.${o.weighting?.method ?? 'equal'}`);
    this.score.textContent = t('ws.score', { value: signed(o.weighted_servqual) ?? '—', method });
    this.score.dataset.value = o.weighted_servqual == null ? '' : String(o.weighted_servqual);
  }

  renderPane(tab) {
    if (!this.ctx) return;
    // The indicator table needs no survey; the other tabs do.
    if (!this.ctx?.config && tab !== 'table') {
      this.panes[tab].querySelector('.ws-tab')?.replaceChildren(h('p', { class: 'muted' }, this.ctx?.t('structure.none') ?? ''));
      this.built.delete(tab);
      return;
    }
    if (tab === 'use') return this.renderUse();
    const view = tab === 'ahp' ? this.ahpTab : this.tableTab;
    if (this.built.has(tab)) view.update(this.ctx);
    else {
      this.built.add(tab);
      view.build(this.ctx);
    }
  }

  /** The working of the weights in use, from the report. */
  renderUse() {
    const { report, config, t, lang } = this.ctx;
    const wr = report?.overall?.weighting;
    if (!wr) return this.useTab.replaceChildren(h('p', { class: 'muted' }, t('structure.none')));
    const ids = wr.weights.map((w) => w.dimension);
    const labels = ids.map((id) => dimensionLabel(config, id, lang));
    const d = wr.details;
    const parts = [
      h('h3', {}, t('ws.inUse', { method: t(`method.${wr.method}`) })),
      weightBars(
        labels,
        wr.weights.map((w) => w.weight),
        { testid: 'use-weights' },
      ),
    ];
    if (wr.method !== wr.requested?.method) parts.push(h('p', { class: 'ahp-use warn' }, t('ws.fallback', { method: t(`method.${wr.requested?.method ?? 'equal'}`) })));
    for (const n of report.overall.notes ?? []) parts.push(h('p', { class: 'muted small' }, pick(n, lang)));
    if (!d) parts.push(h('p', { class: 'hint' }, t(`ws.about.${wr.method}`)));
    else parts.push(...this.detailsView(d, labels));
    const open = new Set([...this.useTab.querySelectorAll('details[open]')].map((x) => x.dataset.key));
    replaceChildren(this.useTab, parts);
    for (const x of this.useTab.querySelectorAll('details[data-key]')) if (open.has(x.dataset.key)) x.open = true;
  }

  detailsView(d, labels) {
    const { t, lang } = this.ctx;
    const err = (e) => (e ? h('p', { class: 'method-error', dataset: { code: e.code } }, pick(e.message, lang)) : null);
    if (d.kind === 'ahp') {
      return [
        h('p', { class: 'hint' }, t('ws.about.ahp')),
        err(d.error),
        d.dimensions ? h('div', { class: `verdict ${d.dimensions.consistent ? 'ok' : 'bad'}` }, pick(d.dimensions.verdict, lang)) : null,
        d.dimensions ? ahpWorking(d.dimensions, labels, this.ctx) : null,
      ];
    }
    if (d.kind === 'entropy' || d.kind === 'critic') {
      const ctx = { ...this.ctx, indicatorLabel: (id) => dimensionLabel(this.ctx.config, id, lang) };
      return [h('p', { class: 'hint' }, t('ws.about.objective')), err(d.error), d.result ? objectiveWorking(d.result, ctx) : null];
    }
    if (d.kind === 'combined') {
      const name = (p) => t(`method.${p.requested}`);
      const out = [h('p', { class: 'hint' }, t('ws.about.combined')), err(d.error)];
      if (d.used) {
        out.push(combinedWorking({ labels, subjective: d.subjective.weights, objective: d.objective.weights, products: d.products, weights: d.weights, aName: name(d.subjective), bName: name(d.objective) }, this.ctx));
      }
      for (const [p, key] of [
        [d.subjective, 'ws.partA'],
        [d.objective, 'ws.partB'],
      ]) {
        const inner = p.details ? this.detailsView(p.details, labels).filter(Boolean) : [h('p', { class: 'hint' }, t(`ws.about.${p.method}`))];
        out.push(h('details', { class: 'ws-details', dataset: { key: `${key}` } }, h('summary', {}, t(key, { method: name(p) })), weightBars(labels, p.weights), ...inner));
      }
      return out;
    }
    return [];
  }
}

/** What of a weighting the AHP editor holds (methods, matrices, options). */
function pickAhp(w) {
  if (!w) return null;
  if (w.method === 'combined') return { m: 'combined', s: w.subjective?.method, o: w.objective?.method, a: w.subjective?.method === 'ahp' ? pickAhp(w.subjective) : null };
  if (w.method !== 'ahp') return { m: w.method };
  return { matrix: w.matrix ?? null, experts: w.experts ?? null, ri: w.ri ?? 'saaty1980', items: w.items ?? {}, accept: Boolean(w.accept_inconsistent) };
}

/** Deep equality with a relative tolerance for numbers (JSON round trips may move the last bit). */
function same(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).filter((k) => a[k] != null);
    const kb = Object.keys(b).filter((k) => b[k] != null);
    return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
  }
  return a === b;
}

export { ahpWeighting };

// The indicator-table tab of the weights workspace: entropy or CRITIC weights of
// any pasted table (first column = alternatives, other columns = numeric
// indicators), a benefit/cost direction per indicator, the working, and combined
// weights with subjective weights typed in per indicator (w = a·b / Σ a b), all
// computed by the engine (objectiveWeights, combineWeights). Independent of the
// survey: a consultant can weight suppliers, branches or KPIs with it.

import { h } from '../core/dom.js';
import { pick } from '../i18n/index.js';
import { bothLanguages } from '../core/errors.js';
import { objectiveWorking, combinedWorking, weightBars } from './working.js';

const EXAMPLE = ['supplier\tprice\tquality\tdelivery_days', 'A\t120\t7\t5', 'B\t95\t6\t9', 'C\t150\t9\t4', 'D\t110\t8\t7'].join('\n');

export class IndicatorTab {
  constructor({ engine, state, changed }) {
    this.engine = engine;
    this.state = state;
    this.changed = changed; // (opts) → saves the state
    this.el = h('section', { class: 'ws-tab indicator-tab', 'data-testid': 'indicator-tab' });
    this.seq = 0;
    this.indicators = [];
    this.timer = null;
  }

  get s() {
    return this.state().indicators;
  }

  build(ctx) {
    this.ctx = ctx;
    const { t } = ctx;
    const s = this.s;
    this.text = h('textarea', {
      id: 'ind-text',
      rows: 7,
      spellcheck: 'false',
      autocomplete: 'off',
      wrap: 'off',
      placeholder: t('ind.placeholder'),
      on: {
        input: () => {
          s.text = this.text.value;
          this.changed();
          clearTimeout(this.timer);
          this.timer = setTimeout(() => this.compute(), 300);
        },
      },
    });
    this.text.value = s.text;
    this.method = h(
      'select',
      {
        id: 'ind-method',
        on: {
          change: () => {
            s.method = this.method.value;
            this.changed();
            this.compute();
          },
        },
      },
      h('option', { value: 'entropy' }, t('ind.entropy')),
      h('option', { value: 'critic' }, t('ind.critic')),
    );
    this.method.value = s.method;
    this.directions = h('div', { class: 'ind-directions', 'data-testid': 'ind-directions' });
    this.error = h('p', { class: 'method-error', id: 'ind-error', role: 'alert', hidden: true });
    this.notes = h('ul', { class: 'method-warnings', 'data-testid': 'ind-notes' });
    this.result = h('div', { class: 'ind-result', 'data-testid': 'ind-result', 'aria-live': 'polite' });
    this.combine = h('div', { class: 'ind-combine', 'data-testid': 'ind-combine' });
    this.el.replaceChildren(
      h('p', { class: 'hint' }, t('ind.intro')),
      h('label', { for: 'ind-text', class: 'field-label' }, t('ind.label')),
      this.text,
      h(
        'div',
        { class: 'actions' },
        h('label', { class: 'field inline' }, h('span', {}, t('ind.method')), this.method),
        h(
          'button',
          {
            type: 'button',
            id: 'ind-example',
            on: {
              click: () => {
                this.text.value = EXAMPLE;
                s.text = EXAMPLE;
                s.cost = ['price', 'delivery_days'];
                this.changed();
                this.compute();
              },
            },
          },
          t('ind.example'),
        ),
      ),
      this.error,
      this.directions,
      this.notes,
      this.result,
      h('details', { class: 'ws-details', dataset: { key: 'ind-combine' }, open: Object.keys(s.subjective).length > 0 }, h('summary', {}, t('ind.combineTitle')), h('p', { class: 'hint' }, t('ind.combineHint')), this.combine),
    );
    this.compute();
  }

  update(ctx) {
    this.ctx = ctx;
  }

  async compute() {
    const seq = ++this.seq;
    const { t, lang } = this.ctx;
    const s = this.s;
    this.el.dataset.busy = 'true';
    const done = () => {
      if (seq === this.seq) this.el.dataset.busy = 'false';
    };
    if (!s.text.trim()) {
      done();
      this.error.hidden = true;
      this.text.removeAttribute('aria-invalid');
      this.directions.replaceChildren();
      this.notes.replaceChildren();
      this.result.replaceChildren(h('p', { class: 'muted' }, t('ind.empty')));
      this.combine.replaceChildren();
      return;
    }
    let out;
    try {
      out = await this.engine.call('objectiveWeights', { method: s.method, text: s.text, cost: s.cost.filter((c) => this.indicators.length === 0 || this.indicators.includes(c)) });
    } catch (err) {
      const { code, en, zh } = bothLanguages(err, 'methods');
      out = { error: { code, message: { en, zh } }, diagnostics: { messages: [] } };
    }
    if (seq !== this.seq) return;
    // A stored cost name the edited table no longer has: the engine refuses
    // unknown names, so drop the stale ones and ask again.
    if (out.error?.code === 'unknown_indicator' && s.cost.length) {
      s.cost = [];
      return this.compute();
    }
    this.notes.replaceChildren(...(out.diagnostics?.messages ?? []).map((m) => h('li', { dataset: { code: m.code } }, pick(m.message, lang))));
    if (out.error) {
      this.error.textContent = pick(out.error.message, lang);
      this.error.hidden = false;
      this.text.setAttribute('aria-invalid', 'true');
      this.text.setAttribute('aria-describedby', 'ind-error');
      this.result.replaceChildren();
      this.combine.replaceChildren();
      return done();
    }
    this.error.hidden = true;
    this.text.removeAttribute('aria-invalid');
    const r = out.result;
    this.indicators = r.indicators;
    this.renderDirections(r);
    this.result.replaceChildren(
      h('h3', {}, t(r.method === 'critic' ? 'ind.weightsCritic' : 'ind.weightsEntropy')),
      weightBars(r.indicators, r.weights, { testid: 'ind-weights' }),
      h('details', { class: 'ws-details', open: true, dataset: { key: 'ind-working' } }, h('summary', {}, t('ahp.working')), objectiveWorking(r, this.ctx)),
    );
    await this.renderCombine(r);
    done();
  }

  renderDirections(r) {
    const { t } = this.ctx;
    const s = this.s;
    const cells = r.indicators.map((name, j) => {
      const sel = h(
        'select',
        {
          dataset: { indicator: name },
          'aria-label': t('ind.directionOf', { name }),
          on: {
            change: () => {
              s.cost = r.indicators.filter((n, k) => (k === j ? sel.value === 'cost' : s.cost.includes(n)));
              this.changed();
              this.compute();
            },
          },
        },
        h('option', { value: 'benefit' }, t('dir.benefit')),
        h('option', { value: 'cost' }, t('dir.cost')),
      );
      sel.value = r.directions[j];
      return h('label', { class: 'field' }, h('span', { class: 'ind-name' }, name), sel);
    });
    const focused = this.directions.contains(document.activeElement) ? document.activeElement.dataset.indicator : null;
    this.directions.replaceChildren(h('p', { class: 'field-label' }, t('ind.directions')), h('div', { class: 'ind-direction-list' }, cells));
    if (focused) this.directions.querySelector(`select[data-indicator="${CSS.escape(focused)}"]`)?.focus();
  }

  async renderCombine(r) {
    const { t, lang } = this.ctx;
    const s = this.s;
    const seq = this.seq;
    const focused = this.combine.contains(document.activeElement) ? document.activeElement.dataset.indicator : null;
    const inputs = r.indicators.map((name) =>
      h('input', {
        type: 'number',
        min: 0,
        step: 'any',
        inputmode: 'decimal',
        value: s.subjective[name] ?? '',
        placeholder: '1',
        dataset: { indicator: name },
        'aria-label': t('ind.subjectiveOf', { name }),
        on: {
          // Kept while typed (a reload must not lose it); combined again on change.
          input: (e) => {
            if (e.target.value === '') delete s.subjective[name];
            else if (Number.isFinite(Number(e.target.value))) s.subjective[name] = Number(e.target.value);
            this.changed();
          },
          change: (e) => {
            if (e.target.value === '') delete s.subjective[name];
            else s.subjective[name] = Number(e.target.value);
            this.changed();
            this.renderCombine(r);
          },
        },
      }),
    );
    const grid = h(
      'div',
      { class: 'ind-direction-list' },
      r.indicators.map((name, j) => h('label', { class: 'field' }, h('span', { class: 'ind-name' }, name), inputs[j])),
    );
    const out = h('div', { 'aria-live': 'polite' });
    this.combine.replaceChildren(h('p', { class: 'field-label' }, t('ind.subjective')), grid, out);
    if (focused) this.combine.querySelector(`input[data-indicator="${CSS.escape(focused)}"]`)?.focus();
    if (!Object.keys(s.subjective).length) {
      out.append(h('p', { class: 'muted small' }, t('ind.combineNone')));
      return;
    }
    // Indicators without a typed weight count 1, as the placeholder shows.
    const a = r.indicators.map((n) => (n in s.subjective ? s.subjective[n] : 1));
    let res;
    try {
      res = await this.engine.call('combineWeights', { subjective: a, objective: r.weights });
    } catch (err) {
      const { code, en, zh } = bothLanguages(err, 'methods');
      res = { error: { code, message: { en, zh } } };
    }
    if (seq !== this.seq) return;
    if (res.error) {
      out.replaceChildren(h('p', { class: 'method-error', role: 'alert', id: 'ind-combine-error' }, pick(res.error.message, lang)));
      return;
    }
    const c = res.result;
    out.replaceChildren(
      weightBars(r.indicators, c.weights, { testid: 'ind-combined-weights' }),
      combinedWorking({ labels: r.indicators, ...c, aName: t('ind.typed'), bName: t(r.method === 'critic' ? 'ind.critic' : 'ind.entropy') }, this.ctx),
    );
  }
}

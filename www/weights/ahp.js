// The AHP tab of the weights workspace: pairwise judgments of the dimensions by
// one or several experts (group AHP, geometric mean), a pasted matrix, the RI
// table, "use even if inconsistent", live results from the engine's `ahp`
// function (priority vector, λmax, CI, CR, verdict, the judgment contributing
// most to an inconsistency with a one-click fix), the working, and optional item
// matrices per dimension (two-level hierarchy) whose global weights come from
// the report. State is a plain object (state.js) owned by the workspace.

import { h, replaceChildren } from '../core/dom.js';
import { fixed } from '../core/format.js';
import { dimensionLabel, itemLabel, pick, translator } from '../i18n/index.js';
import { pairwiseMatrix, judgmentText, reading, identity } from './ahp-matrix.js';
import { bothLanguages } from '../core/errors.js';
import { ahpWorking, weightBars, num } from './working.js';
import { RI_TABLES, MAX_AHP, matrixText, ahpDetails, ahpRequest } from './state.js';

export class AhpTab {
  /**
   * @param {{engine, state: () => object, changed: (opts?) => void}} o
   *   state() returns the workspace state (its `.ahp` is edited in place);
   *   changed() saves it and, when AHP is in use, re-analyses.
   */
  constructor({ engine, state, changed }) {
    this.engine = engine;
    this.state = state;
    this.changed = changed;
    this.el = h('section', { class: 'ws-tab ahp-tab', 'data-testid': 'ahp-tab' });
    this.seq = 0;
    this.editors = new Map(); // 'dims' | 'item:<dim>' → pairwiseMatrix
    this.results = new Map(); // same keys → result element
    this.ctx = null;
  }

  get ahp() {
    return this.state().ahp;
  }

  /** Full rebuild (new dimensions, language, experts). */
  build(ctx) {
    this.ctx = ctx;
    const { t, config, lang } = ctx;
    const a = this.ahp;
    this.editors.clear();
    this.results.clear();
    if ((config?.dimensions?.length ?? 0) > MAX_AHP) {
      this.el.replaceChildren(h('p', { class: 'muted' }, t('ahp.tooMany', { n: config.dimensions.length, max: MAX_AHP })));
      return;
    }
    const labels = a.labels.map((id) => dimensionLabel(config, id, lang));
    if (a.labels.length < 2) {
      this.el.replaceChildren(h('p', { class: 'muted' }, t('ahp.needTwo')));
      return;
    }
    if (a.labels.length > MAX_AHP) {
      this.el.replaceChildren(h('p', { class: 'muted' }, t('ahp.tooMany', { n: a.labels.length, max: MAX_AHP })));
      return;
    }
    const group = a.experts.length > 1;
    const editor = pairwiseMatrix({
      labels,
      matrix: a.experts[a.active],
      id: 'ahp-dims',
      caption: group ? t('ahp.captionExpert', { k: a.active + 1 }) : t('ahp.caption'),
      t,
      onChange: (i, j, x) => this.judge(a.experts[a.active], i, j, x),
    });
    this.editors.set('dims', editor);
    const result = h('div', { class: 'ahp-result', 'data-testid': 'ahp-result', 'aria-live': 'polite' });
    this.results.set('dims', result);
    this.groupBox = h('div', { class: 'ahp-group', 'data-testid': 'ahp-group', hidden: !group });
    this.workingBox = h('div', { class: 'ahp-working-box' });

    this.el.replaceChildren(
      h('p', { class: 'hint' }, t('ahp.intro')),
      this.expertBar(ctx),
      h('div', { class: 'ahp-main' }, editor.el, result),
      this.groupBox,
      this.options(ctx),
      this.pasteBox(ctx),
      h('details', { class: 'ws-details', open: true, dataset: { key: 'ahp-working' } }, h('summary', {}, t('ahp.working')), this.workingBox),
      this.itemsSection(ctx),
    );
    this.compute();
  }

  /** The report changed (weights used, item global weights). */
  update(ctx) {
    this.ctx = ctx;
    this.renderItemGlobals();
  }

  judge(matrix, i, j, x) {
    matrix[i][j] = x;
    matrix[j][i] = 1 / x;
    this.changed();
    this.compute();
  }

  expertBar({ t }) {
    const a = this.ahp;
    const buttons = a.experts.map((_, k) =>
      h(
        'button',
        {
          type: 'button',
          class: 'expert-tab',
          'aria-pressed': String(k === a.active),
          dataset: { expert: String(k) },
          on: {
            click: () => {
              a.active = k;
              this.changed({ save: true, analyse: false });
              this.build(this.ctx);
              this.el.querySelector(`.expert-tab[data-expert="${k}"]`)?.focus();
            },
          },
        },
        t('ahp.expert', { k: k + 1 }),
      ),
    );
    const add = h(
      'button',
      {
        type: 'button',
        class: 'add-expert',
        id: 'ahp-add-expert',
        on: {
          click: () => {
            // A new expert starts from the current one's judgments: usually a
            // colleague adjusts a few, rather than starting from scratch.
            a.experts.push(a.experts[a.active].map((r) => r.slice()));
            a.active = a.experts.length - 1;
            this.changed();
            this.build(this.ctx);
            this.el.querySelector('.expert-tab[aria-pressed="true"]')?.focus();
          },
        },
      },
      t('ahp.addExpert'),
    );
    const remove =
      a.experts.length > 1
        ? h(
            'button',
            {
              type: 'button',
              class: 'remove-expert',
              id: 'ahp-remove-expert',
              on: {
                click: () => {
                  a.experts.splice(a.active, 1);
                  a.active = Math.max(0, a.active - 1);
                  this.changed();
                  this.build(this.ctx);
                  this.el.querySelector('#ahp-add-expert')?.focus();
                },
              },
            },
            t('ahp.removeExpert', { k: a.active + 1 }),
          )
        : null;
    return h('div', { class: 'expert-bar', role: 'group', 'aria-label': t('ahp.experts') }, buttons, add, remove);
  }

  options({ t }) {
    const a = this.ahp;
    const ri = h(
      'select',
      {
        id: 'ahp-ri',
        on: {
          change: () => {
            a.ri = ri.value;
            this.changed();
            this.compute();
          },
        },
      },
      RI_TABLES.map((r) => h('option', { value: r }, t(`ahp.ri.${r}`))),
    );
    ri.value = a.ri;
    const accept = h('input', {
      type: 'checkbox',
      id: 'ahp-accept',
      checked: a.accept,
      on: {
        change: () => {
          a.accept = accept.checked;
          this.changed();
          this.compute();
        },
      },
    });
    return h(
      'div',
      { class: 'ahp-options' },
      h('label', { class: 'field' }, h('span', {}, t('ahp.riLabel')), ri),
      h('label', { class: 'check' }, accept, h('span', {}, t('ahp.accept'))),
    );
  }

  pasteBox({ t, config, lang }) {
    const a = this.ahp;
    const text = h('textarea', {
      id: 'ahp-paste',
      rows: 6,
      spellcheck: 'false',
      autocomplete: 'off',
      wrap: 'off',
      placeholder: t('ahp.pastePlaceholder'),
      on: {
        input: () => {
          a.paste = text.value;
          this.changed({ save: true, analyse: false });
        },
      },
    });
    text.value = a.paste ?? '';
    const error = h('p', { class: 'method-error', id: 'ahp-paste-error', role: 'alert', hidden: true });
    const info = h('p', { class: 'muted small', id: 'ahp-paste-info', 'aria-live': 'polite' });
    const use = async () => {
      error.hidden = true;
      info.textContent = '';
      let out;
      try {
        out = await this.engine.call('ahp', { texts: [text.value], ri: a.ri });
      } catch (err) {
        return showError({ message: bothLanguages(err, 'methods') });
      }
      if (out.error) return showError(out.error);
      const r = out.result.result ?? out.result; // one text: a single result
      const order = matchLabels(r.labels, a.labels, config);
      if (r.n !== a.labels.length) {
        const params = { n: r.n, k: a.labels.length };
        return showError({ message: { en: translator('en')('ahp.pasteSize', params), zh: translator('zh')('ahp.pasteSize', params) } });
      }
      const m = order ? order.map((i) => order.map((j) => r.matrix[i][j])) : r.matrix;
      a.experts[a.active] = m;
      this.changed();
      this.editors.get('dims')?.set(m);
      this.compute();
      info.textContent = t(order && r.labels ? 'ahp.pastedByName' : 'ahp.pasted', { n: r.n, k: a.active + 1 });
    };
    const showError = (e) => {
      error.textContent = pick(e.message, this.ctx?.lang ?? lang);
      error.hidden = false;
      text.setAttribute('aria-invalid', 'true');
      text.setAttribute('aria-describedby', 'ahp-paste-error');
    };
    text.addEventListener('input', () => {
      text.removeAttribute('aria-invalid');
      error.hidden = true;
    });
    const asText = () => {
      text.value = matrixText(
        a.labels.map((id) => dimensionLabel(config, id, this.ctx?.lang ?? lang)),
        a.experts[a.active],
      );
      a.paste = text.value;
      this.changed({ save: true, analyse: false });
      text.focus();
    };
    return h(
      'details',
      { class: 'ws-details ahp-paste', dataset: { key: 'ahp-paste' }, open: Boolean(a.paste) },
      h('summary', {}, t('ahp.paste')),
      h('p', { class: 'hint' }, t('ahp.pasteHint')),
      h('label', { for: 'ahp-paste', class: 'visually-hidden' }, t('ahp.paste')),
      text,
      error,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'button', id: 'ahp-paste-use', class: 'primary', on: { click: use } }, t('ahp.pasteUse', { k: a.active + 1 })),
        h('button', { type: 'button', id: 'ahp-paste-current', on: { click: asText } }, t('ahp.asText')),
      ),
      info,
    );
  }

  itemsSection(ctx) {
    const { t, config, lang } = ctx;
    const a = this.ahp;
    this.itemGlobals = h('div', { class: 'item-globals', 'data-testid': 'ahp-item-globals' });
    const dims = a.labels.map((id) => {
      const items = (config.items || []).filter((it) => it.dimension === id).map((it) => it.id);
      const entry = a.items[id];
      const label = dimensionLabel(config, id, lang);
      if (items.length < 2 || items.length > MAX_AHP) {
        return h('li', { class: 'muted small' }, t(items.length < 2 ? 'ahp.itemsOne' : 'ahp.itemsTooMany', { dim: label, n: items.length }));
      }
      const box = h('div', { class: 'item-matrix' });
      const toggle = h('input', {
        type: 'checkbox',
        id: `ahp-items-${id}`,
        checked: Boolean(entry?.on),
        dataset: { dimension: id },
        on: {
          change: () => {
            a.items[id] = { on: toggle.checked, labels: items, matrix: a.items[id]?.matrix ?? identity(items.length) };
            this.changed();
            this.build(this.ctx);
            this.el.querySelector(`#ahp-items-${CSS.escape(id)}`)?.focus();
          },
        },
      });
      if (entry?.on) {
        const key = `item:${id}`;
        const editor = pairwiseMatrix({
          labels: items.map((it) => itemLabel(config, it, lang)),
          matrix: entry.matrix,
          id: `ahp-item-${id}`,
          caption: t('ahp.itemsCaption', { dim: label }),
          t,
          onChange: (i, j, x) => this.judge(entry.matrix, i, j, x),
        });
        this.editors.set(key, editor);
        const result = h('div', { class: 'ahp-result compact', 'aria-live': 'polite', dataset: { dimension: id } });
        this.results.set(key, result);
        box.append(editor.el, result);
      }
      return h('li', { dataset: { dimension: id } }, h('label', { class: 'check' }, toggle, h('span', {}, t('ahp.itemsToggle', { dim: label, n: items.length }))), box);
    });
    const any = a.labels.some((id) => a.items[id]?.on);
    const section = h(
      'details',
      { class: 'ws-details ahp-items', open: any, dataset: { key: 'ahp-items' } },
      h('summary', {}, t('ahp.items')),
      h('p', { class: 'hint' }, t('ahp.itemsHint')),
      h('ul', { class: 'item-dims' }, dims),
      this.itemGlobals,
    );
    this.renderItemGlobals();
    return section;
  }

  /** Global item weights as the engine computed them (report details). */
  renderItemGlobals() {
    if (!this.itemGlobals || !this.ctx) return;
    const { t, config, lang, report } = this.ctx;
    const details = ahpDetails(report);
    const groups = (details?.items ?? []).filter((g) => g.items.length);
    if (!groups.length) {
      this.itemGlobals.replaceChildren();
      return;
    }
    const rows = groups.flatMap((g) =>
      g.items.map((it, k) =>
        h(
          'tr',
          { dataset: { item: it } },
          h('th', { scope: 'row' }, itemLabel(config, it, lang)),
          h('td', {}, dimensionLabel(config, g.dimension, lang)),
          h('td', {}, t(`ahp.itemMethod.${g.method}`)),
          h('td', { class: 'num' }, num(g.local_weights[k])),
          h('td', { class: 'num global' }, num(g.global_weights[k])),
        ),
      ),
    );
    this.itemGlobals.replaceChildren(
      h(
        'div',
        { class: 'table-scroll tall' },
        h(
          'table',
          { class: 'working-table' },
          h('caption', {}, t('ahp.globalCaption')),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              [t('col.item'), t('col.dimension'), t('ahp.itemMethodCol'), t('ahp.local'), t('ahp.global')].map((c, i) => h('th', { scope: 'col', class: i > 2 ? 'num' : null }, c)),
            ),
          ),
          h('tbody', {}, rows),
        ),
      ),
      h('p', { class: 'muted small' }, t(details.used ? 'ahp.globalNote' : 'ahp.globalNoteEqual')),
    );
  }

  /** Ask the engine for every matrix shown; newest answers win. */
  async compute() {
    const seq = ++this.seq;
    // Tests and screenshots wait for data-busy="false".
    this.el.dataset.busy = 'true';
    const a = this.ahp;
    const { config, lang } = this.ctx;
    const dimLabels = a.labels.map((id) => dimensionLabel(config, id, lang));
    const jobs = [['dims', ahpRequest([a.experts[a.active]], dimLabels, a.ri)]];
    if (a.experts.length > 1) jobs.push(['group', ahpRequest(a.experts, dimLabels, a.ri)]);
    for (const id of a.labels) {
      const e = a.items[id];
      if (e?.on && this.editors.has(`item:${id}`)) jobs.push([`item:${id}`, ahpRequest([e.matrix], e.labels.map((it) => itemLabel(config, it, lang)), a.ri)]);
    }
    let outs;
    try {
      outs = await Promise.all(jobs.map(([, req]) => this.engine.call('ahp', req)));
    } catch (err) {
      if (seq === this.seq) {
        const { code, en, zh } = bothLanguages(err, 'methods');
        this.results.get('dims')?.replaceChildren(h('p', { class: 'method-error', role: 'alert', dataset: { code } }, pick({ en, zh }, this.ctx?.lang)));
        this.el.dataset.busy = 'false';
      }
      return;
    }
    if (seq !== this.seq) return;
    jobs.forEach(([key], k) => {
      const out = outs[k];
      if (key === 'group') return this.renderGroup(out);
      const box = this.results.get(key);
      if (!box) return;
      const matrix = key === 'dims' ? a.experts[a.active] : a.items[key.slice(5)]?.matrix;
      replaceChildren(box, this.resultView(out, { key, matrix, compact: key !== 'dims' }));
    });
    const used = a.experts.length > 1 ? outs[1]?.result?.result : outs[0]?.result;
    const names = dimLabels;
    this.workingBox.replaceChildren(used ? ahpWorking(used, names, this.ctx) : h('p', { class: 'muted' }, '—'));
    this.el.dataset.busy = 'false';
  }

  /** Verdict, λmax/CI/RI/CR, priority vector, and the worst judgment with its fix. */
  resultView(out, { key, matrix, compact }) {
    const { t, lang } = this.ctx;
    if (out.error) return [h('p', { class: 'method-error', role: 'alert', dataset: { code: out.error.code } }, pick(out.error.message, lang))];
    const r = out.result;
    const a = this.ahp;
    const labels = r.labels ?? r.weights.map((_, i) => String(i + 1));
    const usedAnyway = !r.consistent && a.accept;
    const verdict = verdictView(r, { t, lang, testid: 'ahp-verdict' });
    const metrics = h(
      'dl',
      { class: 'ahp-metrics' },
      metric('λmax', num(r.lambda_max), 'lambda'),
      metric('CI', num(r.ci), 'ci'),
      metric(t('ahp.riShort'), r.ri == null ? '—' : num(r.ri, 4), 'ri'),
      metric('CR', num(r.cr), 'cr', r.consistent ? 'ok' : 'bad'),
    );
    const own = key === 'dims' && a.experts.length > 1 ? h('h3', {}, t('ahp.ownResult', { k: a.active + 1 })) : null;
    const parts = [own, verdict, metrics, weightBars(labels, r.weights, { testid: key === 'dims' ? 'ahp-priorities' : null })];
    if (!r.consistent && key === 'dims' && a.experts.length === 1) {
      parts.push(h('p', { class: usedAnyway ? 'ahp-use warn' : 'ahp-use' }, t(usedAnyway ? 'ahp.usedAnyway' : 'ahp.notUsed')));
    }
    if (r.worst) parts.push(this.worstView(r, labels, matrix, key));
    return compact ? [h('div', { class: 'compact-result' }, parts)] : parts;
  }

  worstView(r, labels, matrix, key) {
    const { t } = this.ctx;
    const w = r.worst;
    const a = labels[w.row];
    const b = labels[w.column];
    const apply = h(
      'button',
      {
        type: 'button',
        class: 'primary apply-suggestion',
        'data-testid': key === 'dims' ? 'ahp-apply' : null,
        on: {
          click: () => {
            matrix[w.row][w.column] = w.suggested;
            matrix[w.column][w.row] = 1 / w.suggested;
            this.changed();
            const ed = this.editors.get(key);
            ed?.set(matrix);
            ed?.focus(w.row, w.column);
            this.compute();
          },
        },
      },
      t('ahp.apply', { value: w.suggested_text }),
    );
    return h(
      'div',
      { class: 'worst', 'data-testid': key === 'dims' ? 'ahp-worst' : null, dataset: { row: String(w.row), col: String(w.column), suggested: String(w.suggested) } },
      h('p', {}, h('strong', {}, t('ahp.worstTitle')), ' ', t('ahp.worst', { a, b, given: judgmentText(w.given), implied: fixed(w.implied, 3), share: Math.round(w.share * 100) })),
      h('p', {}, t('ahp.suggest', { value: w.suggested_text, reading: reading(a, b, w.suggested, t), cr: fixed(w.cr_after, 4) })),
      apply,
    );
  }

  renderGroup(out) {
    const { t, lang } = this.ctx;
    const box = this.groupBox;
    if (!box) return;
    box.hidden = false;
    if (out.error) {
      box.replaceChildren(h('p', { class: 'method-error', role: 'alert' }, pick(out.error.message, lang)));
      return;
    }
    const g = out.result;
    const r = g.result;
    const labels = r.labels ?? r.weights.map((_, i) => String(i + 1));
    const rows = g.individual.map((e) =>
      h(
        'tr',
        { dataset: { expert: String(e.expert) } },
        h('th', { scope: 'row' }, t('ahp.expert', { k: e.expert })),
        e.weights.map((w) => h('td', { class: 'num' }, num(w))),
        h('td', { class: e.consistent ? 'num' : 'num bad' }, num(e.cr)),
      ),
    );
    rows.push(
      h(
        'tr',
        { class: 'aggregate' },
        h('th', { scope: 'row' }, t('ahp.aggregate')),
        r.weights.map((w) => h('td', { class: 'num' }, num(w))),
        h('td', { class: r.consistent ? 'num' : 'num bad' }, num(r.cr)),
      ),
    );
    const a = this.ahp;
    replaceChildren(
      box,
      h('h3', {}, t('ahp.groupTitle', { k: g.experts })),
      h('p', { class: 'hint' }, t('ahp.groupHint')),
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'working-table', 'data-testid': 'ahp-group-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), labels.map((l) => h('th', { scope: 'col', class: 'num' }, l)), h('th', { scope: 'col', class: 'num' }, 'CR'))),
          h('tbody', {}, rows),
        ),
      ),
      verdictView(r, { t, lang, testid: 'ahp-group-verdict' }),
      r.consistent ? null : h('p', { class: a.accept ? 'ahp-use warn' : 'ahp-use' }, t(a.accept ? 'ahp.usedAnyway' : 'ahp.notUsed')),
      weightBars(labels, r.weights, { testid: 'ahp-group-priorities' }),
    );
  }
}

/**
 * Consistent or not, in one line. The engine's verdict carries the worst
 * judgment too; that is shown in its own box with the fix, so an inconsistent
 * matrix gets the short form here.
 */
export function verdictView(r, { t, lang, testid }) {
  const text = r.n <= 2 ? pick(r.verdict, lang) : t(r.consistent ? 'ahp.verdictOk' : 'ahp.verdictBad', { cr: fixed(r.cr, 4) });
  return h(
    'div',
    { class: `verdict ${r.consistent ? 'ok' : 'bad'}`, 'data-testid': testid, dataset: { consistent: String(r.consistent), cr: String(r.cr) } },
    h('strong', {}, r.consistent ? t('ahp.consistent') : t('ahp.inconsistent')),
    ' ',
    h('span', {}, text),
  );
}

function metric(label, value, key, cls) {
  return h('div', { class: cls ? `metric ${cls}` : 'metric', dataset: { metric: key } }, h('dt', {}, label), h('dd', {}, value));
}

/**
 * Order of a pasted matrix's named elements matching the dimensions (by id or
 * either language's label, ignoring case), or null to take the rows as they are.
 */
function matchLabels(names, ids, config) {
  if (!names || names.length !== ids.length) return null;
  const norm = (s) => String(s).trim().toLowerCase();
  const keys = ids.map((id) => {
    const d = config.dimensions.find((x) => x.id === id);
    return new Set([id, d?.label?.en, d?.label?.zh, dimensionLabel(config, id, 'en'), dimensionLabel(config, id, 'zh')].filter(Boolean).map(norm));
  });
  const order = keys.map((k) => names.findIndex((n) => k.has(norm(n))));
  return order.every((i) => i >= 0) && new Set(order).size === ids.length ? order : null;
}

// "Show the working" for the weighting methods: the tables a consultant puts in
// front of a client — the AHP matrix with w, Aw and (Aw)_i / w_i; the entropy
// normalised matrix, p_ij, e_j, d_j; CRITIC's σ_j, r_jk and C_j; combined a·b.
// Everything comes from the engine's result objects (docs/methods.md); cells are
// text nodes only. Pure functions of (result, ctx) returning nodes.

import { h } from '../core/dom.js';
import { fixed, percent } from '../core/format.js';
import { pick } from '../i18n/index.js';
import { judgmentText } from './ahp-matrix.js';

const DASH = '—';
/** Rows of an m × k matrix shown before "show more". */
const FIRST_ROWS = 10;

export const num = (x, d = 4) => (x === null || x === undefined ? DASH : fixed(x, d) ?? DASH);
/** A raw data value as typed: 95, 0.91, 1.25e-7 (six significant digits at most). */
const plain = (x) => (Number.isFinite(x) ? String(Number(x.toPrecision(6))).replace('-', '\u2212') : DASH);

function table(cls, caption, head, rows, foot) {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: `working-table ${cls}` },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, head.map((c, i) => h('th', { scope: 'col', class: i ? 'num' : null }, c)))),
      h('tbody', {}, rows),
      foot ? h('tfoot', {}, foot) : null,
    ),
  );
}

const row = (label, cells, cls) => h('tr', { class: cls || null }, h('th', { scope: 'row' }, label), cells.map((c) => h('td', { class: 'num' }, c)));

/** A labelled formula line: "λmax = mean (Aw)_i / w_i = 3.0385". */
const formula = (text, value) => h('li', {}, h('span', { class: 'formula' }, text), ' = ', h('strong', { class: 'num' }, value));

/**
 * The AHP working: the matrix as used (upper triangle as given, lower triangle
 * exact reciprocals), w, (Aw)_i and (Aw)_i / w_i, then λmax, CI, RI and CR.
 */
export function ahpWorking(r, labels, { t }) {
  const names = labels ?? r.labels ?? r.matrix.map((_, i) => String(i + 1));
  const rows = r.matrix.map((cells, i) =>
    row(names[i], [...cells.map((x) => judgmentText(x)), num(r.weights[i]), num(r.aw[i]), num(r.aw[i] / r.weights[i])]),
  );
  const head = ['', ...names, t('work.w'), t('work.aw'), t('work.awOverW')];
  return h(
    'div',
    { class: 'working ahp-working', 'data-testid': 'ahp-working' },
    table('ahp-work', t('work.ahpCaption'), head, rows),
    h(
      'ul',
      { class: 'formulas' },
      formula(t('work.lambda'), num(r.lambda_max)),
      formula(t('work.ci', { n: r.n }), num(r.ci)),
      r.ri == null ? h('li', {}, t('work.riNone')) : formula(t('work.ri', { n: r.n, table: r.ri_table }), num(r.ri)),
      r.ri == null ? null : formula(t('work.cr'), num(r.cr)),
    ),
    h('p', { class: 'muted small' }, t('work.ahpNote', { it: r.iterations })),
  );
}

/** Rows of a shown matrix (first FIRST_ROWS, then a button for the rest the engine kept). */
function matrixRows(shown, columns, digits) {
  const body = h('tbody', {});
  const draw = (all) => {
    const rows = all ? shown.rows : shown.rows.slice(0, FIRST_ROWS);
    body.replaceChildren(...rows.map((r, i) => row(shown.row_labels[i] ?? String(i + 1), r.map((x) => num(x, digits)))));
  };
  draw(false);
  return { body, draw, hidden: shown.rows.length - Math.min(FIRST_ROWS, shown.rows.length) };
}

function shownMatrix(shown, columns, caption, { t }, digits = 4) {
  const { body, draw, hidden } = matrixRows(shown, columns, digits);
  const note = h('p', { class: 'muted small' });
  const more = hidden > 0 ? h('button', { type: 'button', class: 'link-button' }, t('work.showRows', { n: shown.rows.length })) : null;
  const setNote = (all) => {
    const n = all ? shown.rows.length : Math.min(FIRST_ROWS, shown.rows.length);
    note.textContent = t(shown.truncated || n < shown.total_rows ? 'work.rowsShown' : 'work.rowsAll', { n, total: shown.total_rows });
  };
  setNote(false);
  more?.addEventListener('click', () => {
    draw(true);
    setNote(true);
    more.remove();
  });
  return h(
    'div',
    { class: 'working-matrix' },
    h(
      'div',
      { class: 'table-scroll tall' },
      h(
        'table',
        { class: 'working-table' },
        h('caption', {}, caption),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('work.alternative')), columns.map((c) => h('th', { scope: 'col', class: 'num' }, c)))),
        body,
      ),
    ),
    h('div', { class: 'working-matrix-foot' }, note, more),
  );
}

/** Indicator names as shown (the survey's dimension ids become their labels). */
const names = (r, ctx) => r.indicators.map((n) => (ctx.indicatorLabel ? ctx.indicatorLabel(n) : n));

/** min, max and direction per indicator, constant ones flagged. */
function indicatorHead(r, ctx) {
  const { t } = ctx;
  return table(
    'indicators',
    t('work.prepCaption'),
    ['', ...names(r, ctx)],
    [
      row(t('work.direction'), r.directions.map((d) => t(`dir.${d}`))),
      row(t('work.min'), r.min.map(plain)),
      row(t('work.max'), r.max.map(plain)),
    ],
  );
}

function used(r, { t }) {
  const parts = [t('work.used', { m: r.alternatives })];
  if (r.dropped) parts.push(t('work.dropped', { n: r.dropped }));
  return h('p', { class: 'muted small' }, parts.join(' '));
}

function warnings(r, { lang }) {
  if (!r.warnings?.length) return null;
  return h('ul', { class: 'method-warnings' }, r.warnings.map((w) => h('li', { dataset: { code: w.code } }, pick(w.message, lang))));
}

/** Entropy: x'_ij, p_ij, e_j, d_j, w_j. */
export function entropyWorking(r, ctx) {
  const { t } = ctx;
  return h(
    'div',
    { class: 'working entropy-working', 'data-testid': 'entropy-working' },
    used(r, ctx),
    warnings(r, ctx),
    indicatorHead(r, ctx),
    shownMatrix(r.normalised, names(r, ctx), t('work.normalisedCaption'), ctx),
    shownMatrix(r.p, names(r, ctx), t('work.pCaption'), ctx),
    table(
      'weights-by-indicator',
      t('work.entropyCaption'),
      ['', ...names(r, ctx)],
      [
        row(t('work.e'), r.entropy.map((x) => num(x))),
        row(t('work.d'), r.divergence.map((x) => num(x))),
        row(t('work.wj'), r.weights.map((x) => num(x)), 'weights-row'),
      ],
    ),
  );
}

/** CRITIC: x'_ij, σ_j, r_jk, Σ(1 − r), C_j, w_j. */
export function criticWorking(r, ctx) {
  const { t } = ctx;
  return h(
    'div',
    { class: 'working critic-working', 'data-testid': 'critic-working' },
    used(r, ctx),
    warnings(r, ctx),
    indicatorHead(r, ctx),
    shownMatrix(r.normalised, names(r, ctx), t('work.normalisedCaption'), ctx),
    table(
      'correlation',
      t('work.rCaption'),
      ['', ...names(r, ctx)],
      r.correlation.map((cells, j) => row(names(r, ctx)[j], cells.map((x) => num(x, 3)))),
    ),
    table(
      'weights-by-indicator',
      t('work.criticCaption'),
      ['', ...names(r, ctx)],
      [
        row(t('work.sd'), r.sd.map((x) => num(x))),
        row(t('work.conflict'), r.conflict.map((x) => num(x))),
        row(t('work.c'), r.information.map((x) => num(x))),
        row(t('work.wj'), r.weights.map((x) => num(x)), 'weights-row'),
      ],
    ),
  );
}

export function objectiveWorking(r, ctx) {
  return r.method === 'critic' ? criticWorking(r, ctx) : entropyWorking(r, ctx);
}

/** Combined: a_j, b_j, a_j·b_j, w_j = a_j b_j / Σ a b. */
export function combinedWorking({ labels, subjective, objective, products, weights, aName, bName }, { t }) {
  const sum = products.reduce((s, x) => s + x, 0);
  return h(
    'div',
    { class: 'working combined-working', 'data-testid': 'combined-working' },
    table(
      'combined',
      t('work.combinedCaption'),
      ['', t('work.a', { name: aName }), t('work.b', { name: bName }), t('work.ab'), t('work.wCombined')],
      labels.map((l, j) => row(l, [num(subjective[j]), num(objective[j]), num(products[j], 5), num(weights[j])])),
      h('tr', {}, h('th', { scope: 'row' }, 'Σ'), h('td', {}), h('td', {}), h('td', { class: 'num' }, num(sum, 5)), h('td', { class: 'num' }, '1')),
    ),
  );
}

/** A compact list of weights with bars, for results ("priority vector"). */
export function weightBars(labels, weights, { testid } = {}) {
  const max = Math.max(...weights, 1e-12);
  return h(
    'ol',
    { class: 'weight-bars', 'data-testid': testid || null },
    labels.map((l, i) => {
      const bar = h('span', { class: 'wb-bar' });
      // CSSOM, not a style attribute: the page's CSP allows no inline styles.
      bar.style.width = `${Math.max(0, Math.min(1, weights[i] / max)) * 100}%`;
      return h(
        'li',
        { dataset: { value: String(weights[i]) } },
        h('span', { class: 'wb-label' }, l),
        h('span', { class: 'wb-track', 'aria-hidden': 'true' }, bar),
        h('span', { class: 'wb-value' }, percent(weights[i]) ?? DASH),
      );
    }),
  );
}

// Fuzzy comprehensive evaluation (METHODS.md §6, report.fuzzy): the result B
// per dimension and overall (two levels, and one level for comparison), the
// grade by maximum membership and the score, then — on request — the membership
// matrix R with the item weights W.

import { h } from '../core/dom.js';
import { fixed, count, percent } from '../core/format.js';
import { dimensionLabel, itemLabel } from '../i18n/index.js';
import { section, num, headRow, table, notes, f3, optionSelect, optionsBar } from './kit.js';

/** Verbal names of the grades for the usual 5- and 7-point scales, else none. */
function gradeName(grades, k, t) {
  if (grades.length === 5 || grades.length === 7) return t(`fuzzy.grade${grades.length}.${k + 1}`);
  return null;
}

function gradeText(grades, k, t) {
  const v = grades[k];
  if (v === undefined) return null;
  const name = gradeName(grades, k, t);
  return name ? `${fixed(v, 0)} · ${name}` : fixed(v, 0);
}

function gradeHeads(grades, t) {
  return grades.map((v, k) => {
    const name = gradeName(grades, k, t);
    return [h('span', { class: 'grade-head' }, h('span', {}, fixed(v, 0)), name ? h('span', { class: 'grade-name' }, name) : null), t('fuzzy.gradeTitle', { v: fixed(v, 0) })];
  });
}

// Membership shading in six steps, so the matrix reads as a heat map in print too.
function heat(x) {
  if (!(x > 0)) return 'heat-0';
  if (x < 0.1) return 'heat-1';
  if (x < 0.2) return 'heat-2';
  if (x < 0.35) return 'heat-3';
  if (x < 0.5) return 'heat-4';
  return 'heat-5';
}

function memberCells(values, best) {
  return values.map((x, k) => num(f3(x), null, `${heat(x)}${best?.includes(k) ? ' max' : ''}`));
}

function bestOf(ev) {
  return [ev.grade, ...(ev.tied || [])];
}

function methodName(method, t) {
  const key = `method.${method}`;
  const text = t(key);
  return text === key ? method : text;
}

function card(testid, label, value, sub, title, data) {
  return h(
    'div',
    { class: 'metric-card', title: title || null },
    h('div', { class: 'score-label' }, label),
    h('div', { class: 'metric-value', 'data-testid': testid, 'data-value': data ?? null }, value ?? '—'),
    sub ? h('div', { class: 'score-sub' }, sub) : null,
  );
}

/** Operator and grade-score choices, written to config.analyses.fuzzy by the page. */
function controls(fz, ctx) {
  const { t } = ctx;
  return optionsBar(
    ctx,
    optionSelect({
      label: t('fuzzy.optOperator'),
      title: t('fuzzy.operatorExplain'),
      value: fz.operator,
      options: ['weighted_average', 'zadeh', 'product_max'].map((v) => [v, t(`fuzzy.op.${v}`)]),
      onChange: (v) => ctx.onOption('fuzzy.operator', v),
      focusKey: 'opt-fuzzy-operator',
      testid: 'opt-fuzzy-operator',
    }),
    optionSelect({
      label: t('fuzzy.optScores'),
      value: fz.score_basis,
      options: ['scale', 'percent'].map((v) => [v, t(`fuzzy.basis.${v}`)]),
      onChange: (v) => ctx.onOption('fuzzy.scores', v),
      focusKey: 'opt-fuzzy-scores',
      testid: 'opt-fuzzy-scores',
    }),
  );
}

export function renderFuzzy(report, ctx) {
  const fz = report.fuzzy;
  if (!fz?.grades?.length) return null;
  const { t, lang } = ctx;
  const grades = fz.grades;
  const overall = fz.two_level;
  const op = fz.operator_label;
  const scale = `${fixed(grades[0], 0)}–${fixed(grades[grades.length - 1], 0)}`;

  const tied = (overall.tied || []).map((k) => gradeText(grades, k, t));
  const cards = h(
    'div',
    { class: 'metric-cards' },
    card('fuzzy-grade', t('fuzzy.grade'), gradeText(grades, overall.grade, t), tied.length ? t('fuzzy.tied', { grades: tied.join(', ') }) : t('fuzzy.gradeSub', { b: percent(overall.b[overall.grade]) }), t('fuzzy.gradeExplain'), String(grades[overall.grade])),
    card('fuzzy-score', t('fuzzy.score'), fixed(overall.score, 2), t(fz.score_basis === 'percent' ? 'fuzzy.scoreSubPercent' : 'fuzzy.scoreSub', { scale }), t('fuzzy.scoreExplain'), String(overall.score)),
    card('fuzzy-operator', t('fuzzy.operator'), op, t(`fuzzy.op.${fz.operator}`), t('fuzzy.operatorExplain')),
  );

  // B: each dimension (first level), then the overall results.
  const head = headRow([[t('fuzzy.level'), null, 'left'], [t('fuzzy.weightW'), t('fuzzy.weightWTitle')], ...gradeHeads(grades, t), [t('fuzzy.gradeCol'), t('fuzzy.gradeExplain')], [t('fuzzy.scoreCol'), t('fuzzy.scoreExplain')]]);
  const evRow = (label, weight, ev, cls, data) =>
    h(
      'tr',
      { class: cls || null, dataset: data },
      h('th', { scope: 'row' }, label),
      num(weight == null ? '' : percent(weight), null, 'muted'),
      memberCells(ev.b, bestOf(ev)),
      h('td', { class: 'left grade-cell' }, gradeText(grades, ev.grade, t)),
      num(fixed(ev.score, 2), null, 'strong'),
    );
  const rows = (fz.dimensions || []).map((d) =>
    evRow(
      h('span', {}, h('span', { class: 'dim-name' }, dimensionLabel(report.config, d.id, lang)), d.item_weighting === 'ahp' ? h('span', { class: 'muted small' }, ' ' + t('fuzzy.itemsAhp')) : null),
      d.weight,
      d.evaluation,
      'fuzzy-dim',
      { dimension: d.id },
    ),
  );
  const foot = [
    evRow(t('fuzzy.overall2'), 1, overall, 'fuzzy-overall', { level: 'two' }),
    evRow(t('fuzzy.overall1'), null, fz.one_level, 'fuzzy-one', { level: 'one' }),
  ];
  const bTable = table({ testid: 'fuzzy-b', caption: t('fuzzy.bTitle'), head, rows, foot, cls: 'fuzzy' });

  // R and W, one row per item, grouped by dimension as evaluated.
  const rRows = (fz.items || []).map((it) =>
    h(
      'tr',
      { 'data-item': it.id },
      h('th', { scope: 'row' }, itemLabel(report.config, it.id, lang)),
      h('td', { class: 'left dim-cell' }, dimensionLabel(report.config, it.dimension, lang)),
      num(count(it.n), null),
      memberCells(it.membership, null),
      num(percent(it.weight_in_dimension), null),
      num(fixed(it.global_weight, 4), null),
    ),
  );
  const rHead = headRow([[t('col.item'), null, 'left'], [t('col.dimension'), null, 'left'], ['n', t('fuzzy.nTitle')], ...gradeHeads(grades, t), [t('fuzzy.wInDim'), t('fuzzy.wInDimTitle')], [t('fuzzy.wGlobal'), t('fuzzy.wGlobalTitle')]]);
  const rDetails = h(
    'details',
    { class: 'more', 'data-testid': 'fuzzy-r-details' },
    h('summary', {}, t('fuzzy.rTitle', { items: fz.items.length, grades: grades.length })),
    table({ testid: 'fuzzy-r', caption: t('fuzzy.rTitle', { items: fz.items.length, grades: grades.length }), head: rHead, rows: rRows, cls: 'fuzzy' }),
    h('p', { class: 'legend muted' }, t('fuzzy.rLegend')),
  );

  const warnings = [overall, fz.one_level, ...(fz.dimensions || []).map((d) => d.evaluation)].flatMap((ev) => ev.warnings || []).map((w) => w.message);
  return section(
    ctx,
    'fuzzy',
    t('fuzzy.title'),
    t('fuzzy.lead', { method: methodName(fz.dimension_weighting, t) }),
    controls(fz, ctx),
    cards,
    h('h3', {}, t('fuzzy.bTitle')),
    bTable,
    h('p', { class: 'legend muted' }, t('fuzzy.bLegend', { op }), ' ', t('fuzzy.itemsEqual')),
    rDetails,
    notes([...(fz.notes || []), ...warnings], lang),
  );
}

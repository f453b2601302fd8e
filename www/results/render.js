// Rendering a report (docs/report.md) into DOM: overall scores, respondents,
// dimension and item tables with their charts, and the message list. Used by the
// page (panel.js) and by the drop-in element (gapscope-element.js); everything here
// is a pure function of (report, ctx) returning nodes, with no page state.
//
// ctx: { t, lang, width, idPrefix, tooltip? }

import { h } from '../core/dom.js';
import { fixed, signed, pValue, percent, count } from '../core/format.js';
import { dimensionLabel, itemLabel, pick } from '../i18n/index.js';
import { dimensionChart, itemChart } from '../core/charts.js';
import { renderAnalyses, sectionNav } from '../analyses/index.js';

const DASH = '—';

/** A table cell that shows a number, or a dash carrying the reason it is missing. */
function numCell(text, reason, extraClass) {
  if (text === null || text === undefined) {
    return h('td', { class: 'num undef', title: reason || null }, DASH);
  }
  return h('td', { class: extraClass ? `num ${extraClass}` : 'num' }, text);
}

function methodText(weighting, t) {
  if (!weighting) return '';
  if (weighting.method === 'allocation' && weighting.respondents != null) {
    return t('method.allocationN', { n: count(weighting.respondents) });
  }
  return t(`method.${weighting.method}`);
}

function scoreCard(testid, label, value, sub, format, reason, t) {
  const shown = format(value);
  return h(
    'div',
    { class: 'score-card', dataset: { kind: testid } },
    h('div', { class: 'score-label' }, label),
    h(
      'div',
      {
        class: shown === null ? 'score-value undef' : 'score-value',
        'data-testid': testid,
        'data-value': value === null || value === undefined ? '' : String(value),
        title: shown === null ? reason || t('overall.undefined') : null,
      },
      shown ?? DASH,
    ),
    h('div', { class: 'score-sub' }, sub),
  );
}

/** Overall SERVQUAL / SERVPERF scores, respondents and the weights used. */
export function renderOverview(report, ctx) {
  const { t, lang } = ctx;
  const o = report.overall;
  const scale = report.config.scale;
  const method = methodText(o.weighting, t);
  const notes = (o.notes || []).map((n) => pick(n, lang));
  const reason = notes.join(' ') || t('overall.undefined');
  const r = report.respondents;

  const cards = h(
    'div',
    { class: 'score-cards' },
    scoreCard('overall-servqual', t('overall.servqual'), o.servqual, t('overall.servqualSub'), signed, reason, t),
    scoreCard('overall-weighted-servqual', t('overall.weighted'), o.weighted_servqual, t('overall.weightedSub', { method }), signed, reason, t),
    scoreCard('overall-servperf', t('overall.servperf'), o.servperf, t('overall.servperfSub', { min: scale.min, max: scale.max }), fixed, reason, t),
    scoreCard('overall-weighted-servperf', t('overall.weightedServperf'), o.weighted_servperf, t('overall.weightedServperfSub', { method }), fixed, reason, t),
  );

  const excluded = (r.excluded || []).filter((x) => x.count > 0);
  const respondents = h(
    'div',
    { class: 'respondents' },
    h('span', { class: 'respondents-label' }, t('respondents.label')),
    h(
      'strong',
      { 'data-testid': 'respondents', 'data-analysed': r.analysed, 'data-total': r.total },
      t('respondents.value', { analysed: count(r.analysed), total: count(r.total) }),
    ),
    excluded.length === 0
      ? h('span', { class: 'muted' }, ' · ' + t('respondents.all'))
      : h(
          'ul',
          { class: 'exclusions', 'aria-label': t('respondents.excluded') },
          excluded.map((x) => h('li', { dataset: { code: x.code } }, h('strong', {}, count(x.count)), ' — ', pick(x.reason, lang))),
        ),
  );

  const weights = (o.weighting?.weights || []).map((w) =>
    h('li', { dataset: { dimension: w.dimension } }, h('span', {}, dimensionLabel(report.config, w.dimension, lang)), ' ', h('strong', {}, percent(w.weight) ?? DASH)),
  );
  const weightLine = h(
    'div',
    { class: 'weights-used' },
    h('span', { class: 'muted' }, t('weights.usedWith', { method })),
    h('ul', { class: 'chips', 'data-testid': 'weights-used' }, weights),
  );

  return h(
    'section',
    { class: 'overview', 'aria-labelledby': `${ctx.idPrefix || 'gs'}-overall-h` },
    h('h2', { id: `${ctx.idPrefix || 'gs'}-overall-h` }, t('results.overall')),
    cards,
    findings(report, ctx),
    h('p', { class: 'reading muted' }, t('gap.reading')),
    notes.length ? h('ul', { class: 'notes' }, notes.map((n) => h('li', {}, n))) : null,
    respondents,
    weights.length ? weightLine : null,
  );
}

/** One sentence a consultant would say first: the worst dimension and how many items fall short. */
function findings(report, { t, lang }) {
  const worst = report.dimensions.find((d) => d.gap?.mean != null);
  if (!worst || !(worst.gap.mean < 0)) return null;
  const tested = report.items.filter((it) => it.gap?.p != null);
  const short = tested.filter((it) => it.significant && it.gap.mean < 0).length;
  return h(
    'p',
    { class: 'findings', 'data-testid': 'findings' },
    t('findings.worst', { dim: dimensionLabel(report.config, worst.id, lang), gap: signed(worst.gap.mean) }),
    tested.length ? ' ' + t('findings.items', { sig: short, n: report.items.length, alpha: report.config.alpha ?? 0.05 }) : '',
  );
}

// Column headers that explain themselves on hover (colTitle.* in i18n/<lang>/results.js).
const COLUMN_TITLES = new Set(['e', 'p', 'gap', 'sd', 'n', 'ci', 't', 'df', 'p_value', 'p_holm', 'weight']);

function headerCells(cols, t) {
  return h(
    'tr',
    {},
    cols.map(([key, cls]) => h('th', { scope: 'col', class: cls || null, title: COLUMN_TITLES.has(key) ? t(`colTitle.${key}`) : null }, t(`col.${key}`))),
  );
}

/** Cells shared by item and dimension rows: E, P, gap, SD, n, CI, t, df, p. */
function gapCells(row, ctx, notes, label) {
  const { t, lang } = ctx;
  const g = row.gap || {};
  const why = g.undefined ? pick(g.undefined.message, lang) : null;
  const eNone = row.expectation?.mean == null ? t('undefined.noAnswers') : null;
  const pNone = row.perception?.mean == null ? t('undefined.noAnswers') : null;
  const gapWhy = g.mean == null ? why || t('undefined.noAnswers') : null;
  const sdWhy = g.sd == null ? why || t('undefined.oneAnswer') : null;
  const testWhy = why || t('undefined.generic');
  if (why) notes.push([label, why]);
  else if (g.mean == null) notes.push([label, gapWhy]);
  const gapText = signed(g.mean);
  const ci = g.ci95 ? `[${fixed(g.ci95[0])}, ${fixed(g.ci95[1])}]` : null;
  return [
    numCell(fixed(row.expectation?.mean), eNone),
    numCell(fixed(row.perception?.mean), pNone),
    numCell(gapText === null ? null : gapText + (row.significant ? ' *' : ''), gapWhy, row.significant ? 'gap sig' : 'gap'),
    numCell(fixed(g.sd), sdWhy),
    numCell(count(g.n), null),
    numCell(ci, testWhy, 'ci'),
    numCell(fixed(g.t), testWhy),
    numCell(g.df == null ? null : String(g.df), testWhy),
    numCell(pValue(g.p), testWhy),
  ];
}

function notesList(notes, t) {
  if (!notes.length) return null;
  return h(
    'div',
    { class: 'table-notes' },
    h('strong', {}, t('undefined.notes')),
    h('ul', {}, notes.map(([label, why]) => h('li', {}, h('span', { class: 'note-label' }, label), ' — ', why))),
  );
}

function legend(report, { t, lang }, hasUndefined) {
  const sep = lang === 'zh' ? '' : ' ';
  const parts = [t('legend.sig', { alpha: report.config.alpha ?? 0.05 }), t('legend.sdNote')];
  if (hasUndefined) parts.push(t('legend.undefined'));
  return h('p', { class: 'legend muted' }, parts.join(sep));
}

function chartFigure(svg, caption, cls) {
  return h('figure', { class: `chart-figure ${cls}` }, h('figcaption', {}, caption), h('div', { class: 'chart-box' }, svg));
}

/** Dimension chart and table, worst gap first. */
export function renderDimensions(report, ctx) {
  const { t, lang } = ctx;
  const notes = [];
  const rows = report.dimensions.map((d) => {
    const label = dimensionLabel(report.config, d.id, lang);
    return h(
      'tr',
      { class: d.significant ? 'significant' : null, 'data-dimension': d.id },
      h('th', { scope: 'row' }, h('span', { class: 'dim-name' }, label), h('span', { class: 'muted small item-count' }, ' ' + t('dims.itemCount', { n: d.items.length }))),
      gapCells(d, ctx, notes, label),
      numCell(percent(d.weight), t('undefined.generic')),
    );
  });
  const table = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'results-table dimensions', 'data-testid': 'dimension-table' },
      h('caption', { class: 'visually-hidden' }, t('dims.title')),
      h('thead', {}, headerCells([['dimension', 'left'], ['e'], ['p'], ['gap'], ['sd'], ['n'], ['ci'], ['t'], ['df'], ['p_value'], ['weight']], t)),
      h('tbody', {}, rows),
    ),
  );
  const id = `${ctx.idPrefix || 'gs'}-dims-h`;
  return h(
    'section',
    { class: 'dimensions-section', 'aria-labelledby': id },
    h('h2', { id }, t('dims.title')),
    chartFigure(dimensionChart(report, ctx), t('dims.chartDesc'), 'dims-chart'),
    table,
    legend(report, ctx, notes.length > 0),
    notesList(notes, t),
  );
}

/** Item chart and table, worst gap first. */
export function renderItems(report, ctx) {
  const { t, lang } = ctx;
  const notes = [];
  const rows = report.items.map((it) => {
    const label = itemLabel(report.config, it.id, lang);
    return h(
      'tr',
      { class: it.significant ? 'significant' : null, 'data-item': it.id },
      h('th', { scope: 'row' }, label),
      h('td', { class: 'left dim-cell' }, dimensionLabel(report.config, it.dimension, lang)),
      gapCells(it, ctx, notes, label),
      numCell(pValue(it.p_holm), it.gap?.undefined ? pick(it.gap.undefined.message, lang) : t('undefined.generic')),
    );
  });
  const table = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'results-table items', 'data-testid': 'item-table' },
      h('caption', { class: 'visually-hidden' }, t('items.title')),
      h(
        'thead',
        {},
        headerCells([['item', 'left'], ['dimension', 'left'], ['e'], ['p'], ['gap'], ['sd'], ['n'], ['ci'], ['t'], ['df'], ['p_value'], ['p_holm']], t),
      ),
      h('tbody', {}, rows),
    ),
  );
  const id = `${ctx.idPrefix || 'gs'}-items-h`;
  const hasChart = report.items.some((it) => it.gap?.mean != null);
  return h(
    'section',
    { class: 'items-section', 'aria-labelledby': id },
    h('h2', { id }, t('items.title')),
    hasChart ? chartFigure(itemChart(report, ctx), t('items.chartDesc'), 'items-chart') : null,
    table,
    legend(report, ctx, notes.length > 0),
    notesList(notes, t),
  );
}

/**
 * Everything a report has to show, in reading order: the overview first (the
 * page puts its messages right after it), a navigation over the sections, the
 * SERVQUAL dimensions and items, then the optional analyses (analyses/index.js).
 */
export function renderResults(report, ctx) {
  const sections = [];
  if (report.dimensions.length) sections.push(renderDimensions(report, ctx));
  if (report.items.length) sections.push(renderItems(report, ctx));
  sections.push(...renderAnalyses(report, ctx));
  return [renderOverview(report, ctx), sectionNav(sections, ctx), ...sections].filter(Boolean);
}

/** True when the report has something to show (the page's "ready" state). */
export function hasResults(report) {
  return Boolean(report) && (report.respondents.analysed > 0 || report.overall.servperf != null);
}

/**
 * The message list: the engine's diagnostics (already bilingual) plus the page's
 * own messages ({severity, text:{en,zh}} or {severity, key, params}), grouped by
 * code, with the counts beyond the engine's detail limit.
 */
export function renderMessages(diagnostics, extra, ctx) {
  const { t, lang } = ctx;
  const all = [...(extra || []), ...(diagnostics?.messages || [])];
  const order = { error: 0, warning: 1, info: 2 };
  const groups = new Map();
  for (const m of all) {
    const code = m.code || m.key || 'page';
    if (!groups.has(code)) groups.set(code, []);
    groups.get(code).push(m);
  }
  const sorted = [...groups.entries()].sort((a, b) => (order[a[1][0].severity] ?? 3) - (order[b[1][0].severity] ?? 3));
  const list = h('ul', { class: 'message-list' });
  for (const [code, msgs] of sorted) {
    const severity = msgs[0].severity || 'info';
    const total = diagnostics?.counts?.[code] ?? msgs.length;
    const shown = msgs.filter((m) => m.code === code).length;
    const li = h(
      'li',
      { class: `message ${severity}`, dataset: { code, severity } },
      h('span', { class: 'severity' }, t(`severity.${severity}`)),
    );
    const body = h('div', { class: 'message-body' });
    for (const m of msgs) body.append(messageLine(m));
    if (shown > 0 && total > shown) {
      body.append(h('div', { class: 'more' }, t('messages.more', { n: count(total - shown), shown: count(shown) })));
    }
    li.append(body);
    list.append(li);
  }
  return all.length ? list : null;

  function messageLine(m) {
    const text = m.text ? pick(m.text, lang) : m.message ? pick(m.message, lang) : t(m.key, m.params);
    // The engine's texts usually name the row and column already; the locator is
    // added only when they do not, so nothing is said twice.
    const where = [];
    if (m.row != null && !text.includes(String(m.row))) where.push(t('messages.row', { row: m.row }));
    if (m.column != null && !(m.column_name && text.includes(m.column_name)) && !text.includes(String(m.column))) {
      where.push(t('messages.column', { column: m.column }) + (m.column_name ? ` (${m.column_name})` : ''));
    }
    const actions = Array.isArray(m.actions) && ctx.onAction ? m.actions : [];
    return h(
      'div',
      { class: 'message-line', dataset: { row: m.row ?? undefined, column: m.column ?? undefined } },
      where.length ? h('span', { class: 'where' }, where.join(' · ')) : null,
      h('span', { class: 'text' }, text),
      actions.length
        ? h(
            'span',
            { class: 'message-actions' },
            ...actions.map((a, i) => {
              const b = h('button', { type: 'button', class: i === 0 ? 'action primary' : 'action', dataset: { set: a.change?.set } }, pick(a.label, lang));
              b.addEventListener('click', () => ctx.onAction(a.change));
              return b;
            }),
          )
        : null,
    );
  }
}

// Group comparisons (METHODS.md §3, report.comparisons): for each segment and
// the wave column, the groups' SERVQUAL and dimension gaps, the test on the
// respondents' overall gap score (Welch's t for two groups, one-way ANOVA for
// more), the same test per dimension with Benjamini–Hochberg adjusted p, and a
// dot plot of the dimension gaps per group.

import { h } from '../core/dom.js';
import { fixed, signed, pValue, count } from '../core/format.js';
import { dimensionLabel } from '../i18n/index.js';
import { section, num, headRow, table, why, dfText, undefinedBox, pText } from './kit.js';
import { groupGapChart, MAX_CHART_GROUPS } from './group-chart.js';

/** One line describing the test on the overall gap score. */
function testLine(g, ctx) {
  const { t, lang } = ctx;
  if (g.welch) {
    const w = g.welch;
    if (w.t == null) return undefinedBox(t('cmp.noTest', { reason: why(w.undefined, lang) }), 'cmp-test');
    const [a, b] = g.groups.filter((x) => x.score?.n > 0);
    return h(
      'p',
      { class: 'test-line', 'data-testid': 'cmp-test', 'data-test': 'welch', 'data-p': w.p ?? '', 'data-t': w.t ?? '', 'data-df': w.df ?? '' },
      h('abbr', { class: 'term', title: t('cmp.welchTitle') }, t('cmp.welch')),
      ': ',
      t('cmp.difference', { a: a?.value ?? '', b: b?.value ?? '', d: signed(w.mean_difference) ?? '—' }),
      ', ',
      `t(${dfText(w.df)}) = ${fixed(w.t, 2)}, ${pText(w.p)}`,
    );
  }
  if (g.anova) {
    const a = g.anova;
    if (a.f == null) return undefinedBox(t('cmp.noTest', { reason: why(a.undefined, lang) }), 'cmp-test');
    return h(
      'p',
      { class: 'test-line', 'data-testid': 'cmp-test', 'data-test': 'anova', 'data-p': a.p ?? '', 'data-f': a.f ?? '' },
      h('abbr', { class: 'term', title: t('cmp.anovaTitle') }, t('cmp.anova')),
      ': ',
      `F(${dfText(a.df_between)}, ${dfText(a.df_within)}) = ${fixed(a.f, 2)}, ${pText(a.p)}`,
      h('span', { class: 'muted' }, ` · ${t('cmp.groupsN', { k: a.groups, n: count(a.n) })}`),
    );
  }
  return g.undefined ? undefinedBox(t('cmp.noTest', { reason: why(g.undefined, ctx.lang) }), 'cmp-test') : null;
}

function groupsTable(g, report, ctx, dimIds) {
  const { t, lang } = ctx;
  const chart = g.groups.length <= MAX_CHART_GROUPS;
  const rows = g.groups.map((grp, i) =>
    h(
      'tr',
      { 'data-group': grp.value },
      h('th', { scope: 'row' }, chart ? h('span', { class: 'group-dot', 'data-color': i, 'aria-hidden': 'true' }) : null, grp.value),
      num(count(grp.n), null),
      num(signed(grp.servqual), t('undefined.noAnswers'), 'gap strong'),
      dimIds.map((id) => {
        const d = grp.dimensions.find((x) => x.dimension === id);
        return num(signed(d?.gap?.mean), t('undefined.noAnswers'), 'gap');
      }),
    ),
  );
  const head = headRow([
    [t('cmp.group'), null, 'left'],
    ['n', t('cmp.nTitle')],
    ['SERVQUAL', t('cmp.servqualTitle')],
    ...dimIds.map((id) => [dimensionLabel(report.config, id, lang), t('cmp.dimGapTitle')]),
  ]);
  return table({ testid: 'cmp-groups', caption: t('cmp.groupsTitle'), head, rows, cls: 'comparisons' });
}

function dimensionTests(g, report, ctx) {
  const { t, lang } = ctx;
  const alpha = report.config.alpha ?? 0.05;
  const welch = Boolean(g.welch);
  const rows = (g.dimension_tests || []).map((dt) => {
    const test = dt.welch || dt.anova;
    const reason = why(test?.undefined, lang) || t('undefined.generic');
    const stat = dt.welch ? fixed(dt.welch.t, 2) : fixed(dt.anova?.f, 2);
    const df = dt.welch ? dfText(dt.welch.df) : dt.anova?.df_between != null ? `${dfText(dt.anova.df_between)}, ${dfText(dt.anova.df_within)}` : null;
    const sig = dt.p_bh != null && dt.p_bh < alpha;
    return h(
      'tr',
      { class: sig ? 'significant' : null, 'data-dimension': dt.dimension, 'data-p': dt.p ?? '', 'data-p-bh': dt.p_bh ?? '' },
      h('th', { scope: 'row' }, dimensionLabel(report.config, dt.dimension, lang)),
      dt.welch ? num(signed(dt.welch.mean_difference), reason) : null,
      num(stat, reason),
      num(df, reason),
      num(pValue(dt.p), reason),
      num(pValue(dt.p_bh) === null ? null : pValue(dt.p_bh) + (sig ? ' *' : ''), reason, sig ? 'strong sig' : null),
    );
  });
  if (!rows.length) return null;
  const head = headRow([
    [t('col.dimension'), null, 'left'],
    welch ? [t('cmp.diff'), t('cmp.diffTitle')] : null,
    [welch ? 't' : 'F', welch ? t('cmp.tTitle') : t('cmp.fTitle')],
    ['df', t('cmp.dfTitle')],
    ['p', t('cmp.pTitle')],
    [t('cmp.pBh'), t('cmp.pBhTitle')],
  ].filter(Boolean));
  return [table({ testid: 'cmp-dimension-tests', caption: t('cmp.dimTestsTitle'), head, rows, cls: 'comparisons' }), h('p', { class: 'legend muted' }, t('cmp.legend', { alpha }))];
}

function groupingBlock(g, i, report, ctx) {
  const { t } = ctx;
  const dimIds = [];
  for (const grp of g.groups) for (const d of grp.dimensions || []) if (!dimIds.includes(d.dimension)) dimIds.push(d.dimension);
  const chart = groupGapChart(g, report, ctx, `${ctx.idPrefix || 'gs'}-cmp${i}`);
  return h(
    'div',
    { class: 'grouping', 'data-testid': 'grouping', 'data-column': g.column, 'data-kind': g.kind },
    h('h3', {}, t('cmp.by', { column: g.column }), h('span', { class: 'muted small' }, ' · ' + t(g.kind === 'wave' ? 'cmp.waveCount' : 'cmp.groupCount', { k: g.groups.length }))),
    g.groups.length === 0 && g.undefined ? undefinedBox(why(g.undefined, ctx.lang)) : null,
    g.groups.length ? testLine(g, ctx) : null,
    g.groups.length ? groupsTable(g, report, ctx, dimIds) : null,
    g.unassigned ? h('p', { class: 'legend muted' }, t('cmp.unassigned', { n: count(g.unassigned) })) : null,
    chart ? h('figure', { class: 'chart-figure' }, h('figcaption', {}, t('cmp.chartDesc')), h('div', { class: 'chart-box' }, chart)) : null,
    g.groups.length > 1 ? h('h4', {}, t('cmp.dimTestsTitle')) : null,
    g.groups.length > 1 ? dimensionTests(g, report, ctx) : null,
  );
}

export function renderComparisons(report, ctx) {
  const c = report.comparisons;
  if (!c?.groupings?.length) return null;
  const { t } = ctx;
  return section(ctx, 'comparisons', t('cmp.title'), t('cmp.lead'), c.groupings.map((g, i) => groupingBlock(g, i, report, ctx)));
}

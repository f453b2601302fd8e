// Importance–performance analysis (METHODS.md §7, report.ipa): the options
// (importance source, performance measure, cross-hairs — written to
// config.analyses.ipa by the page), the quadrant chart, the "concentrate here"
// list and, on request, every item's numbers.

import { h } from '../core/dom.js';
import { fixed, pValue, count } from '../core/format.js';
import { dimensionLabel, itemLabel, pick } from '../i18n/index.js';
import { section, num, headRow, table, why, undefinedBox, notes, optionSelect, optionsBar } from './kit.js';
import { ipaChart, xDigits, yText } from './ipa-chart.js';

function controls(report, ctx) {
  const { t } = ctx;
  const o = report.config.analyses?.ipa || {};
  return optionsBar(
    ctx,
    optionSelect({
      label: t('ipa.optImportance'),
      title: t('ipa.optImportanceTitle'),
      value: o.importance ?? 'auto',
      options: ['auto', 'stated', 'allocation', 'derived'].map((v) => [v, t(`ipa.src.${v}`)]),
      onChange: (v) => ctx.onOption('ipa.importance', v),
      focusKey: 'opt-ipa-importance',
      testid: 'opt-ipa-importance',
    }),
    optionSelect({
      label: t('ipa.optPerformance'),
      value: o.performance ?? 'perception',
      options: ['perception', 'gap'].map((v) => [v, t(`ipa.perf.${v}`)]),
      onChange: (v) => ctx.onOption('ipa.performance', v),
      focusKey: 'opt-ipa-performance',
      testid: 'opt-ipa-performance',
    }),
    optionSelect({
      label: t('ipa.optCrosshairs'),
      value: o.crosshairs ?? 'mean',
      options: ['mean', 'midpoint'].map((v) => [v, t(`ipa.cross.${v}`)]),
      onChange: (v) => ctx.onOption('ipa.crosshairs', v),
      focusKey: 'opt-ipa-crosshairs',
      testid: 'opt-ipa-crosshairs',
    }),
  );
}

function concentrateList(ipa, report, ctx) {
  const { t, lang } = ctx;
  const byItem = new Map(ipa.points.map((p) => [p.item, p]));
  const items = ipa.concentrate_here || [];
  const name = pick(ipa.quadrants?.find((q) => q.id === 'concentrate_here')?.name, lang) || t('ipa.concentrate');
  return h(
    'div',
    { class: 'concentrate', 'data-testid': 'ipa-concentrate' },
    h('h3', {}, name, h('span', { class: 'muted small' }, ' · ' + t('ipa.concentrateSub'))),
    items.length
      ? h(
          'ol',
          { class: 'concentrate-list' },
          items.map((id) => {
            const p = byItem.get(id);
            return h(
              'li',
              { 'data-item': id },
              h('strong', {}, itemLabel(report.config, id, lang)),
              h('span', { class: 'muted' }, ` · ${dimensionLabel(report.config, p?.dimension, lang)}`),
              h(
                'span',
                { class: 'nums' },
                ' — ' +
                  t('ipa.pair', {
                    x: `${t(`ipa.x.${ipa.importance ?? 'none'}`)} ${fixed(p?.x, xDigits(ipa.importance)) ?? '—'}`,
                    y: `${t(`ipa.y.${ipa.performance}`)} ${yText(p?.y, ipa.performance) ?? '—'}`,
                  }),
              ),
            );
          }),
        )
      : h('p', { class: 'muted' }, t('ipa.noneConcentrate')),
  );
}

function pointsTable(ipa, report, ctx) {
  const { t, lang } = ctx;
  const names = Object.fromEntries((ipa.quadrants || []).map((q) => [q.id, pick(q.name, lang)]));
  const derived = ipa.importance === 'derived';
  const rows = ipa.points.map((p) => {
    const reason = why(p.undefined, lang);
    return h(
      'tr',
      { 'data-item': p.item, 'data-quadrant': p.quadrant ?? '' },
      h('th', { scope: 'row' }, itemLabel(report.config, p.item, lang)),
      h('td', { class: 'left dim-cell' }, dimensionLabel(report.config, p.dimension, lang)),
      num(fixed(p.x, xDigits(ipa.importance)), reason),
      num(count(p.n_x), null),
      derived ? num(pValue(p.p_x), reason) : null,
      num(yText(p.y, ipa.performance), reason),
      num(count(p.n_y), null),
      h('td', { class: `left quadrant-cell q-${p.quadrant ?? 'none'}` }, p.quadrant ? names[p.quadrant] ?? p.quadrant : reason || '—'),
    );
  });
  const head = headRow(
    [
      [t('col.item'), null, 'left'],
      [t('col.dimension'), null, 'left'],
      [t(`ipa.x.${ipa.importance ?? 'none'}`), t(`ipa.xAxis.${ipa.importance ?? 'none'}`)],
      ['n', t('ipa.nxTitle')],
      derived ? ['p', t('ipa.pxTitle')] : null,
      [t(`ipa.y.${ipa.performance}`), t(`ipa.yAxis.${ipa.performance}`)],
      ['n', t('ipa.nyTitle')],
      [t('ipa.quadrant'), null, 'left'],
    ].filter(Boolean),
  );
  return h(
    'details',
    { class: 'more', 'data-testid': 'ipa-points-details' },
    h('summary', {}, t('ipa.allPoints', { n: ipa.points.length })),
    table({ testid: 'ipa-points', caption: t('ipa.allPoints', { n: ipa.points.length }), head, rows, cls: 'ipa' }),
  );
}

export function renderIpa(report, ctx) {
  const ipa = report.ipa;
  if (!ipa) return null;
  const { t, lang } = ctx;
  const plotted = ipa.points.filter((p) => p.x != null && p.y != null).length;
  const configured = report.config.analyses?.ipa?.importance ?? 'auto';
  // With the controls, they say what is shown; only "automatic" needs resolving.
  // Without them (the drop-in element) one line says it all.
  const pair = (key, value) => h('span', {}, h('span', { class: 'muted' }, `${t(key)}: `), value);
  let used = null;
  if (typeof ctx.onOption === 'function') {
    if (configured === 'auto' && ipa.importance) used = h('p', { class: 'ipa-used muted', 'data-testid': 'ipa-used', 'data-importance': ipa.importance }, t('ipa.autoUsed', { source: t(`ipa.src.${ipa.importance}`) }));
  } else if (ipa.importance) {
    used = h(
      'p',
      { class: 'ipa-used spec-line', 'data-testid': 'ipa-used', 'data-importance': ipa.importance },
      pair('ipa.optImportance', t(`ipa.src.${ipa.importance}`)),
      pair('ipa.optPerformance', t(`ipa.perf.${ipa.performance}`)),
      pair('ipa.optCrosshairs', t(`ipa.cross.${ipa.crosshairs?.method ?? 'mean'}`)),
    );
  }
  const body = [];
  if (ipa.undefined || plotted === 0) {
    body.push(undefinedBox(t('ipa.noChart', { reason: why(ipa.undefined, lang) || t('undefined.generic') }), 'ipa-undefined'));
  } else {
    body.push(
      h(
        'figure',
        { class: 'chart-figure ipa-figure' },
        h('figcaption', {}, t('ipa.chartDesc')),
        h('div', { class: 'chart-box', 'data-testid': 'ipa-chart' }, ipaChart(ipa, report, ctx)),
      ),
    );
    body.push(concentrateList(ipa, report, ctx));
  }
  return section(ctx, 'ipa', t('ipa.title'), t('ipa.lead'), controls(report, ctx), used, ...body, notes(ipa.notes, lang), ipa.points.length ? pointsTable(ipa, report, ctx) : null);
}

// Driver analysis (METHODS.md §10, report.drivers): how each dimension score
// relates to overall satisfaction — Pearson r with p, then the OLS model with
// coefficients, standardised betas, VIF (flagged above 10), relative importance
// and the model fit. A model that cannot be fitted says why instead.

import { h } from '../core/dom.js';
import { fixed, pValue, percent, count } from '../core/format.js';
import { dimensionLabel, pick } from '../i18n/index.js';
import { section, num, headRow, table, why, f3, reasonNotes, undefinedBox, shareBar, signedBar, dfText, optionSelect, optionsBar, notes, pText } from './kit.js';

const VIF_LIMIT = 10;

function correlationTable(dr, report, ctx) {
  const { t, lang } = ctx;
  const reasons = [];
  const rows = dr.correlations.map((c) => {
    const label = dimensionLabel(report.config, c.dimension, lang);
    const reason = why(c.undefined, lang);
    if (c.r == null) reasons.push([label, reason || t('undefined.generic')]);
    return h(
      'tr',
      { 'data-dimension': c.dimension, 'data-r': c.r ?? '' },
      h('th', { scope: 'row' }, label),
      num(count(c.n), null),
      num(f3(c.r), reason, 'strong'),
      h('td', { class: 'bar-cell' }, c.r != null ? signedBar(c.r) : null),
      num(pValue(c.p), reason),
    );
  });
  const head = headRow([[t('col.dimension'), null, 'left'], ['n', t('drivers.nCorr')], ['r', t('drivers.rTitle')], ['', null], ['p', t('drivers.pCorr')]]);
  return [table({ testid: 'drivers-correlations', caption: t('drivers.corrTitle'), head, rows, cls: 'drivers' }), reasonNotes(reasons, t)];
}

function regressionBlock(reg, report, ctx) {
  const { t, lang } = ctx;
  const parts = [];
  const ex = reg.excluded || {};
  const excluded = [];
  if (ex.missing_overall) excluded.push(t('drivers.exOverall', { n: count(ex.missing_overall) }));
  if (ex.missing_score) excluded.push(t('drivers.exScore', { n: count(ex.missing_score) }));
  if (reg.undefined) {
    parts.push(undefinedBox(t('drivers.noModel', { reason: why(reg.undefined, lang) }), 'drivers-undefined'));
  } else {
    const fit = h(
      'p',
      { class: 'model-fit', 'data-testid': 'drivers-fit', 'data-r2': reg.r2 ?? '', 'data-adj-r2': reg.adj_r2 ?? '', 'data-f': reg.f ?? '' },
      h('span', { title: t('drivers.nModel') }, `n = ${count(reg.n)}`),
      h('span', { title: t('drivers.r2Title') }, `R² = ${f3(reg.r2) ?? '—'}`),
      h('span', { title: t('drivers.adjR2Title') }, `${t('drivers.adj')} R² = ${f3(reg.adj_r2) ?? '—'}`),
      h('span', { title: t('drivers.fTitle') }, `F(${dfText(reg.df_model) ?? '—'}, ${dfText(reg.df_resid) ?? '—'}) = ${fixed(reg.f, 2) ?? '—'}`),
      h('span', { title: t('drivers.fpTitle') }, pText(reg.f_p)),
    );
    parts.push(fit);
    const coefRow = (c, isIntercept) => {
      const label = isIntercept ? t('drivers.intercept') : dimensionLabel(report.config, c.dimension, lang);
      const high = c.vif != null && c.vif > VIF_LIMIT;
      const none = t('drivers.perfectFit');
      return h(
        'tr',
        { class: isIntercept ? 'intercept' : null, 'data-dimension': c.dimension ?? '' },
        h('th', { scope: 'row' }, label),
        num(f3(c.b), null),
        num(f3(c.se), none),
        num(fixed(c.t, 2), none),
        num(pValue(c.p), none),
        isIntercept ? h('td', {}) : num(f3(c.beta), null, 'strong'),
        isIntercept
          ? h('td', {})
          : h(
              'td',
              { class: high ? 'num vif high' : 'num vif' },
              fixed(c.vif, 2) ?? '—',
              high ? h('span', { class: 'badge warn-badge', title: t('drivers.vifWarn') }, t('drivers.vifBadge')) : null,
            ),
        isIntercept
          ? h('td', {})
          : h('td', { class: 'bar-cell' }, shareBar(c.relative_importance, { label: percent(c.relative_importance) }), h('span', { class: 'bar-value' }, percent(c.relative_importance) ?? '—')),
      );
    };
    const head = headRow([
      [t('col.dimension'), null, 'left'],
      ['b', t('drivers.bTitle')],
      ['SE', t('drivers.seTitle')],
      ['t', t('drivers.tTitle')],
      ['p', t('drivers.pTitle')],
      ['β', t('drivers.betaTitle')],
      ['VIF', t('drivers.vifTitle')],
      [t('drivers.relImp'), t('drivers.relImpTitle'), 'left'],
    ]);
    const rows = [reg.intercept ? coefRow(reg.intercept, true) : null, ...reg.coefficients.map((c) => coefRow(c, false))];
    parts.push(table({ testid: 'drivers-ols', caption: t('drivers.olsTitle'), head, rows, cls: 'drivers' }));
  }
  if (excluded.length) parts.push(h('p', { class: 'legend muted' }, excluded.join(' ')));
  const dropped = (reg.dropped || []).map((d) => [dimensionLabel(report.config, d.dimension, lang), pick(d.reason, lang)]);
  parts.push(reasonNotes(dropped, t));
  parts.push(notes(reg.warnings, lang, 'section-notes warnings'));
  return parts;
}

export function renderDrivers(report, ctx) {
  const dr = report.drivers;
  if (!dr) return null;
  const { t } = ctx;
  const scoreKey = dr.score === 'gap' ? 'drivers.scoreGap' : 'drivers.scorePerception';
  const control = optionsBar(
    ctx,
    optionSelect({
      label: t('drivers.option'),
      value: dr.score,
      options: [['perception', t('drivers.scorePerception')], ['gap', t('drivers.scoreGap')]],
      onChange: (v) => ctx.onOption('drivers.score', v),
      focusKey: 'opt-drivers',
      testid: 'opt-drivers-score',
    }),
  );
  return section(
    ctx,
    'drivers',
    t('drivers.title'),
    t('drivers.lead', { column: dr.column, score: t(scoreKey) }),
    control,
    h('h3', {}, t('drivers.corrTitle')),
    ...correlationTable(dr, report, ctx),
    h('h3', {}, t('drivers.olsTitle')),
    ...regressionBlock(dr.regression, report, ctx),
    h('p', { class: 'legend muted' }, t('drivers.legend')),
  );
}

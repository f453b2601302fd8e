// Customer metrics (METHODS.md §8, report.metrics): NPS with its standard error
// and the promoter / passive / detractor split, CSAT (top-k box share with the
// engine's own definition) and CES (mean effort and which way is good). Each
// card only when its column exists.

import { h, s } from '../core/dom.js';
import { fixed, signed, percent, count } from '../core/format.js';
import { pick } from '../i18n/index.js';
import { section, term, why, optionSelect, optionsBar } from './kit.js';

const NPS_COLORS = { promoters: '#009E73', passives: '#BDBDBD', detractors: '#D55E00' };

function splitBar(nps, t) {
  const parts = [
    ['promoters', nps.promoter_share],
    ['passives', nps.passive_share],
    ['detractors', nps.detractor_share],
  ];
  const svg = s('svg', { class: 'chart split-bar', viewBox: '0 0 300 16', preserveAspectRatio: 'none', role: 'img', 'aria-label': t('nps.split') });
  let x = 0;
  for (const [key, share] of parts) {
    const w = Number.isFinite(share) ? share * 300 : 0;
    if (w > 0) svg.append(s('rect', { x, y: 0, width: w, height: 16, fill: NPS_COLORS[key], 'data-part': key }, s('title', { text: `${t(`nps.${key}`)}: ${percent(share)}` })));
    x += w;
  }
  return svg;
}

function npsCard(nps, ctx) {
  const { t, lang } = ctx;
  const value = signed(nps.nps, 1);
  const reason = why(nps.undefined, lang);
  const legend = h(
    'ul',
    { class: 'split-legend' },
    ['promoters', 'passives', 'detractors'].map((key) =>
      h(
        'li',
        { dataset: { part: key } },
        h('span', { class: `swatch swatch-${key}`, 'aria-hidden': 'true' }),
        h('span', {}, t(`nps.${key}`)),
        ' ',
        h('strong', {}, percent(nps[`${key.slice(0, -1)}_share`]) ?? '—'),
        h('span', { class: 'muted' }, ` (${count(nps[key])})`),
      ),
    ),
  );
  return h(
    'div',
    { class: 'metric-card nps-card', 'data-testid': 'nps-card' },
    h('div', { class: 'score-label' }, term('NPS', t('nps.explain')), ' · ', t('nps.name')),
    h(
      'div',
      { class: value === null ? 'metric-value undef' : 'metric-value', 'data-testid': 'nps', 'data-value': nps.nps ?? '', title: value === null ? reason || null : null },
      value ?? '—',
      nps.se != null ? h('span', { class: 'pm', 'data-testid': 'nps-se', 'data-value': nps.se, title: t('nps.seExplain') }, ` ± ${fixed(nps.se, 1)}`) : null,
    ),
    h('div', { class: 'score-sub' }, value === null ? reason : t('nps.sub', { n: count(nps.n), column: nps.column })),
    nps.n > 0 ? splitBar(nps, t) : null,
    nps.n > 0 ? legend : null,
  );
}

function csatCard(csat, ctx) {
  const { t, lang } = ctx;
  const value = percent(csat.share);
  const reason = why(csat.undefined, lang);
  return h(
    'div',
    { class: 'metric-card', 'data-testid': 'csat-card' },
    h('div', { class: 'score-label' }, term('CSAT', t('csat.explain')), ' · ', t('csat.name')),
    h('div', { class: value === null ? 'metric-value undef' : 'metric-value', 'data-testid': 'csat', 'data-value': csat.share ?? '', title: value === null ? reason || null : null }, value ?? '—'),
    h('div', { class: 'score-sub' }, value === null ? reason : t('csat.sub', { satisfied: count(csat.satisfied), n: count(csat.n) })),
    h('div', { class: 'definition', 'data-testid': 'csat-definition' }, pick(csat.definition, lang)),
  );
}

function cesCard(ces, ctx) {
  const { t, lang } = ctx;
  const e = ces.effort || {};
  const value = fixed(e.mean, 2);
  const direction = ces.direction ? t(`ces.${ces.direction}`) : null;
  return h(
    'div',
    { class: 'metric-card', 'data-testid': 'ces-card' },
    h('div', { class: 'score-label' }, term('CES', t('ces.explain')), ' · ', t('ces.name')),
    h('div', { class: value === null ? 'metric-value undef' : 'metric-value', 'data-testid': 'ces', 'data-value': e.mean ?? '' }, value ?? '—'),
    h('div', { class: 'score-sub' }, t('ces.sub', { sd: fixed(e.sd, 2) ?? '—', n: count(e.n) ?? '0', min: ces.scale?.min, max: ces.scale?.max })),
    direction ? h('div', { class: 'definition', 'data-testid': 'ces-direction' }, direction) : null,
    (ces.notes || []).map((n) => h('div', { class: 'definition muted' }, pick(n, lang))),
  );
}

export function renderMetrics(report, ctx) {
  const m = report.metrics;
  if (!m || (!m.nps && !m.csat && !m.ces)) return null;
  const { t } = ctx;
  const cards = h('div', { class: 'metric-cards' }, m.nps ? npsCard(m.nps, ctx) : null, m.csat ? csatCard(m.csat, ctx) : null, m.ces ? cesCard(m.ces, ctx) : null);
  const opts = report.config.analyses || {};
  const fields = [];
  if (m.csat && m.csat.scale) {
    const points = Math.round(m.csat.scale.max - m.csat.scale.min);
    const ks = [];
    for (let k = 1; k <= Math.min(points, 10); k++) ks.push([String(k), t('csat.topK', { k })]);
    if (ks.length > 1) {
      fields.push(
        optionSelect({ label: t('csat.option'), value: String(opts.csat?.top_k ?? m.csat.top_k ?? 2), options: ks, onChange: (v) => ctx.onOption('csat.top_k', Number(v)), focusKey: 'opt-csat', testid: 'opt-csat-topk' }),
      );
    }
  }
  if (m.ces) {
    fields.push(
      optionSelect({
        label: t('ces.option'),
        value: m.ces.direction ?? '',
        options: [['', t('ces.unset')], ['lower_is_better', t('ces.lower_is_better')], ['higher_is_better', t('ces.higher_is_better')]],
        onChange: (v) => ctx.onOption('ces.direction', v || null),
        focusKey: 'opt-ces',
        testid: 'opt-ces-direction',
      }),
    );
  }
  return section(ctx, 'metrics', t('metrics.title'), t('metrics.lead'), cards, fields.length ? optionsBar(ctx, ...fields) : null);
}

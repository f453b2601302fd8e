// Reliability (METHODS.md §4, report.reliability): one row per scale — a
// dimension's expectation or perception items, then all items — with k, n, α and
// its rule-of-thumb label; each row opens to the items' α if deleted and
// corrected item–total correlation.

import { h } from '../core/dom.js';
import { count } from '../core/format.js';
import { dimensionLabel, itemLabel, pick } from '../i18n/index.js';
import { section, num, headRow, table, why, f3, reasonNotes, sectionId } from './kit.js';

function sideText(side, t) {
  return side === 'expectation' ? t('rel.sideE') : t('rel.sideP');
}

function labelBadge(scale, lang) {
  if (!scale.label) return null;
  return h('span', { class: `alpha-badge alpha-${scale.label.code}`, 'data-label': scale.label.code }, pick(scale.label.text, lang));
}

/** The items of one scale, shown when its row is opened. */
function itemTable(scale, report, ctx) {
  const { t, lang } = ctx;
  const rows = (scale.item_stats || []).map((st) => {
    // An item whose removal raises α weakens the scale: worth a look.
    const raises = scale.alpha != null && st.alpha_if_deleted != null && st.alpha_if_deleted > scale.alpha + 1e-12;
    return h(
      'tr',
      { 'data-item': st.item },
      h('th', { scope: 'row' }, itemLabel(report.config, st.item, lang)),
      num(f3(st.alpha_if_deleted) === null ? null : f3(st.alpha_if_deleted) + (raises ? ' ↑' : ''), why(st.alpha_if_deleted_undefined, lang), raises ? 'raises' : null),
      num(f3(st.item_total_r), why(st.item_total_r_undefined, lang), st.item_total_r != null && st.item_total_r < 0.3 ? 'weak' : null),
    );
  });
  return h(
    'table',
    { class: 'results-table nested', 'data-testid': 'reliability-items' },
    h('thead', {}, headRow([[t('col.item'), null, 'left'], [t('rel.ifDeleted'), t('rel.ifDeletedTitle')], [t('rel.itemTotal'), t('rel.itemTotalTitle')]])),
    h('tbody', {}, rows),
  );
}

export function renderReliability(report, ctx) {
  const rel = report.reliability;
  if (!rel?.scales?.length) return null;
  const { t, lang } = ctx;
  const reasons = [];
  const rows = [];
  // Rows of one dimension share a band; its name is written on its first row only.
  let band = -1;
  let lastDim;
  rel.scales.forEach((sc, i) => {
    const dim = sc.dimension == null ? t('rel.allItems') : dimensionLabel(report.config, sc.dimension, lang);
    const first = i === 0 || sc.dimension !== lastDim;
    if (first) band += 1;
    lastDim = sc.dimension;
    const last = i === rel.scales.length - 1 || rel.scales[i + 1].dimension !== sc.dimension;
    const label = `${dim} · ${sideText(sc.side, t)}`;
    const reason = why(sc.undefined, lang);
    // Why α is missing is written in the rating cell; the notes carry the engine's remarks.
    for (const n of sc.notes || []) reasons.push([label, pick(n, lang)]);
    const detailId = `${sectionId(ctx, 'reliability')}-d${i}`;
    const canOpen = (sc.item_stats || []).length > 0;
    const toggle = canOpen
      ? h(
          'button',
          {
            type: 'button',
            class: 'expander',
            'aria-expanded': 'false',
            'aria-controls': detailId,
            title: t('rel.expand'),
            on: {
              click: (e) => {
                const btn = e.currentTarget;
                const open = btn.getAttribute('aria-expanded') !== 'true';
                btn.setAttribute('aria-expanded', String(open));
                const row = btn.closest('tr')?.nextElementSibling;
                if (row) row.hidden = !open;
              },
            },
          },
          h('span', { class: 'chev', 'aria-hidden': 'true' }, '▸'),
          h('span', { class: 'visually-hidden' }, t('rel.expand')),
        )
      : null;
    rows.push(
      h(
        'tr',
        {
          class: ['scale-row', sc.dimension == null ? 'all-items' : null, band % 2 ? 'band' : null, first ? 'first' : null, last ? 'last' : null].filter(Boolean).join(' '),
          'data-dimension': sc.dimension ?? '',
          'data-side': sc.side,
          'data-alpha': sc.alpha ?? '',
        },
        h('th', { scope: 'row' }, toggle, h('span', { class: first ? 'dim-name' : 'dim-name visually-hidden' }, dim)),
        h('td', { class: 'left side-cell' }, sideText(sc.side, t)),
        num(f3(sc.alpha), reason, 'alpha'),
        h('td', { class: 'left' }, labelBadge(sc, lang) ?? h('span', { class: 'muted', title: reason || null }, reason || '—')),
        num(String(sc.k), null),
        num(count(sc.n), null),
        num(sc.excluded ? count(sc.excluded) : '0', null, sc.excluded ? 'warn-num' : 'muted'),
      ),
    );
    if (canOpen) {
      rows.push(h('tr', { class: band % 2 ? 'detail-row band' : 'detail-row', id: detailId, hidden: true }, h('td', { colspan: 7 }, itemTable(sc, report, ctx))));
    }
  });

  const head = headRow([
    [t('col.dimension'), null, 'left'],
    [t('rel.side'), null, 'left'],
    ['α', t('rel.alphaTitle')],
    [t('rel.rating'), t('rel.ratingTitle'), 'left'],
    ['k', t('rel.kTitle')],
    ['n', t('rel.nTitle')],
    [t('rel.excluded'), t('rel.excludedTitle')],
  ]);
  return section(
    ctx,
    'reliability',
    t('rel.title'),
    t('rel.lead'),
    table({ testid: 'reliability-table', caption: t('rel.title'), head, rows, cls: 'reliability' }),
    h('p', { class: 'legend muted' }, t('rel.legend')),
    reasonNotes(reasons, t),
  );
}

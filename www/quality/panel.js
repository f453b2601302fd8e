// The data-quality report (report.quality, METHODS.md §12, docs/inputs.md),
// shown before the results: who was flagged and why, exclusion by rule
// (checkboxes) or one by one (a row list), and per column the missing share,
// non-numeric and out-of-scale answers. qualityPanel is a pure function of
// (report, settings, ctx) returning nodes; changes go back through
// ctx.onExclude(exclude). createQualityPanel is the panel in the page: the
// exclusions are input settings (input/inputs.js), reached through the state API.
//
// ctx: { t, lang, onExclude({straightliners, duplicates, speeders, rows}), open: {rows, columns}, onToggle(key, open) }

import { h, replaceChildren } from '../core/dom.js';
import { count, percent, fixed } from '../core/format.js';
import { pick } from '../i18n/index.js';
import * as store from '../core/storage.js';

/** Rows shown in the row list and the column table; the rest are counted. */
const ROWS_SHOWN = 200;
const COLUMNS_SHOWN = 40;

export const NO_EXCLUSIONS = { straightliners: false, duplicates: false, speeders: false, rows: [] };

function seconds(x, t) {
  if (x == null) return '—';
  return x >= 90 ? t('q.minutes', { n: fixed(x / 60, 1) }) : t('q.seconds', { n: fixed(x, 0) });
}

function ruleCard({ kind, checked, disabled, title, countText, detail, onChange, t }) {
  const box = h('input', { type: 'checkbox', id: `exclude-${kind}`, checked: checked || undefined, disabled: disabled || undefined, dataset: { rule: kind } });
  box.addEventListener('change', () => onChange(box.checked));
  return h(
    'div',
    { class: 'q-rule', dataset: { kind, flagged: countText } },
    h('div', { class: 'q-rule-count' }, countText),
    h('div', { class: 'q-rule-text' }, h('strong', {}, title), h('span', { class: 'muted' }, detail)),
    h('label', { class: 'q-rule-toggle', for: `exclude-${kind}` }, box, ' ', t('q.exclude')),
  );
}

/** Every flagged row with its flags, in row order. */
function flaggedRows(q, t) {
  const rows = new Map();
  const add = (row, flag) => {
    if (!rows.has(row)) rows.set(row, []);
    rows.get(row).push(flag);
  };
  for (const s of q.straightliners?.rows ?? []) {
    const v = s.expectation ?? s.perception;
    add(s.row, t(s.expectation != null && s.perception != null ? 'q.flag.straightBoth' : s.expectation != null ? 'q.flag.straightE' : 'q.flag.straightP', { v }));
  }
  for (const d of q.duplicates?.rows ?? []) add(d.row, t(d.kind === 'same_id' ? 'q.flag.sameId' : 'q.flag.sameAnswers', { row: d.first_row }));
  for (const s of q.speeders?.flagged?.rows ?? []) add(s.row, t('q.flag.speeder', { time: seconds(s.seconds, t) }));
  for (const o of q.outliers ?? []) for (const x of o.flagged?.rows ?? []) add(x.row, t('q.flag.outlier', { column: o.name, value: x.value }));
  return [...rows.entries()].sort((a, b) => a[0] - b[0]);
}

function rowList(q, exclude, ctx) {
  const { t, onExclude } = ctx;
  const chosen = new Set(exclude.rows ?? []);
  const excludedBy = new Map((q.excluded?.rows ?? []).map((r) => [r.row, r.reasons]));
  const flagged = flaggedRows(q, t);
  const flaggedSet = new Set(flagged.map(([r]) => r));
  // Rows the user left out that no check flagged are listed too, so they can be put back.
  const manual = [...chosen].filter((r) => !flaggedSet.has(r)).sort((a, b) => a - b);
  const all = [...flagged, ...manual.map((r) => [r, [t('q.flag.manual')]])].sort((a, b) => a[0] - b[0]);
  const setRows = (rows) => onExclude({ ...exclude, rows: [...new Set(rows)].sort((a, b) => a - b) });
  const body = all.slice(0, ROWS_SHOWN).map(([row, flags]) => {
    const box = h('input', { type: 'checkbox', checked: chosen.has(row) || undefined, 'aria-label': t('q.excludeRow', { row }), dataset: { row } });
    box.addEventListener('change', () => setRows(box.checked ? [...chosen, row] : [...chosen].filter((r) => r !== row)));
    const reasons = excludedBy.get(row);
    return h(
      'tr',
      { dataset: { row, excluded: reasons ? 'true' : 'false' } },
      h('td', { class: 'num' }, String(row)),
      h('td', {}, flags.join(' · ')),
      h('td', { class: 'q-state' }, reasons ? t('q.leftOut') : ''),
      h('td', { class: 'q-check' }, box),
    );
  });
  const input = h('input', { type: 'number', min: '1', step: '1', id: 'exclude-row-number', 'aria-label': t('q.rowNumber'), placeholder: t('q.rowNumber') });
  const form = h('form', { class: 'q-row-add' }, h('label', { for: 'exclude-row-number' }, t('q.excludeAnother')), input, h('button', { type: 'submit' }, t('q.exclude')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const r = Number(input.value);
    if (Number.isInteger(r) && r >= 1) setRows([...chosen, r]);
  });
  const more = all.length > ROWS_SHOWN ? h('p', { class: 'hint' }, t('q.moreRows', { n: count(all.length - ROWS_SHOWN) })) : null;
  const clear = chosen.size ? h('button', { type: 'button', class: 'link' }, t('q.clearRows', { n: chosen.size })) : null;
  clear?.addEventListener('click', () => setRows([]));
  return [
    all.length
      ? h(
          'div',
          { class: 'table-wrap q-table-wrap' },
          h(
            'table',
            { class: 'q-table', 'data-testid': 'quality-rows' },
            h('thead', {}, h('tr', {}, h('th', { class: 'num' }, t('q.row')), h('th', {}, t('q.flags')), h('th', {}, h('span', { class: 'visually-hidden' }, t('q.state'))), h('th', {}, t('q.exclude')))),
            h('tbody', {}, body),
          ),
        )
      : h('p', { class: 'hint' }, t('q.noFlags')),
    more,
    h('div', { class: 'q-row-actions' }, form, clear),
  ];
}

function columnTable(q, showAll, ctx) {
  const { t } = ctx;
  const problems = (c) => c.missing + c.non_numeric + c.out_of_scale;
  const cols = [...(q.columns ?? [])].sort((a, b) => problems(b) - problems(a) || a.column - b.column);
  const withProblems = cols.filter((c) => problems(c) > 0);
  const shown = (showAll ? cols : withProblems).slice(0, showAll ? 500 : COLUMNS_SHOWN);
  const role = (r) => t(`role.${r}`);
  const body = shown.map((c) =>
    h(
      'tr',
      { dataset: { column: c.column } },
      h('td', { class: 'num' }, String(c.column)),
      h('td', { class: 'q-colname' }, c.name),
      h('td', {}, role(c.role)),
      h('td', { class: 'num' }, count(c.answered)),
      h(
        'td',
        { class: 'num q-missing' },
        h('span', { class: 'q-bar', 'aria-hidden': 'true' }, h('span', { class: 'q-bar-fill', dataset: { share: c.missing_share ?? 0 } })),
        percent(c.missing_share) ?? '—',
      ),
      h('td', { class: c.non_numeric ? 'num warn' : 'num' }, count(c.non_numeric)),
      h('td', { class: c.out_of_scale ? 'num warn' : 'num' }, count(c.out_of_scale)),
    ),
  );
  // Bar widths through CSSOM: the page's CSP allows no inline style attributes.
  for (const fill of body.map((tr) => tr.querySelector('.q-bar-fill'))) fill.style.width = `${Math.min(100, Number(fill.dataset.share) * 100)}%`;
  const hidden = (showAll ? cols.length : withProblems.length) - shown.length;
  const toggle = h('button', { type: 'button', class: 'link', dataset: { testid: 'all-columns' } }, t(showAll ? 'q.problemColumns' : 'q.allColumns'));
  toggle.addEventListener('click', () => ctx.onToggle?.('allColumns', !showAll));
  return [
    shown.length
      ? h(
          'div',
          { class: 'table-wrap q-table-wrap' },
          h(
            'table',
            { class: 'q-table', 'data-testid': 'quality-columns' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { class: 'num' }, '#'),
                h('th', {}, t('q.col.name')),
                h('th', {}, t('q.col.role')),
                h('th', { class: 'num' }, t('q.col.answered')),
                h('th', { class: 'num' }, t('q.col.missing')),
                h('th', { class: 'num' }, t('q.col.nonNumeric')),
                h('th', { class: 'num' }, t('q.col.outOfScale')),
              ),
            ),
            h('tbody', {}, body),
          ),
        )
      : h('p', { class: 'hint' }, t('q.columnsClean')),
    hidden > 0 ? h('p', { class: 'hint' }, t('q.moreColumns', { n: count(hidden) })) : null,
    toggle,
  ];
}

/** The panel for a report, or null when there is nothing to show. */
export function qualityPanel(report, exclude, ctx) {
  const { t, lang } = ctx;
  if (!report?.config) return null;
  const idBase = 'quality';
  if (report.input?.layout === 'summary') {
    return h(
      'section',
      { class: 'quality-panel', 'data-testid': 'quality-panel', 'aria-labelledby': `${idBase}-h` },
      h('h2', { id: `${idBase}-h` }, t('q.title')),
      h('p', { class: 'muted' }, t('q.summaryMode')),
    );
  }
  const q = report.quality;
  if (!q || !q.rows) return null;
  const ex = { ...NO_EXCLUSIONS, ...exclude };
  const r = report.respondents;
  const set = (patch) => ctx.onExclude({ ...ex, ...patch });
  const sp = q.speeders;
  const outlierCount = (q.outliers ?? []).reduce((n, o) => n + (o.flagged?.count ?? 0), 0);
  const outlierCols = (q.outliers ?? []).filter((o) => o.flagged?.count).map((o) => o.name);

  const rules = h(
    'div',
    { class: 'q-rules' },
    ruleCard({
      kind: 'straightliners',
      checked: ex.straightliners,
      title: t('q.straight'),
      countText: count(q.straightliners.count),
      detail: t('q.straightHint'),
      onChange: (on) => set({ straightliners: on }),
      t,
    }),
    ruleCard({
      kind: 'duplicates',
      checked: ex.duplicates,
      title: t('q.duplicates'),
      countText: count(q.duplicates.count),
      detail: t('q.duplicatesHint'),
      onChange: (on) => set({ duplicates: on }),
      t,
    }),
    ruleCard({
      kind: 'speeders',
      checked: ex.speeders && Boolean(sp),
      disabled: !sp,
      title: t('q.speeders'),
      countText: sp ? count(sp.flagged.count) : '—',
      detail: sp
        ? t('q.speedersHint', { rule: pick(sp.rule, lang), median: seconds(sp.median_seconds, t), threshold: seconds(sp.threshold_seconds, t), column: sp.column })
        : t('q.noDuration'),
      onChange: (on) => set({ speeders: on }),
      t,
    }),
    h(
      'div',
      { class: 'q-rule info', dataset: { kind: 'outliers', flagged: String(outlierCount) } },
      h('div', { class: 'q-rule-count' }, count(outlierCount)),
      h('div', { class: 'q-rule-text' }, h('strong', {}, t('q.outliers')), h('span', { class: 'muted' }, outlierCols.length ? t('q.outliersHint', { columns: outlierCols.slice(0, 3).join(', ') + (outlierCols.length > 3 ? ' …' : '') }) : t('q.outliersNone'))),
      h('span', { class: 'q-rule-toggle muted' }, t('q.reportedOnly')),
    ),
  );

  const excludedTotal = r.total - r.analysed;
  const reasons = (r.excluded ?? []).filter((x) => x.count > 0);
  const head = h(
    'div',
    { class: 'q-head' },
    h('h2', { id: `${idBase}-h` }, t('q.title')),
    h(
      'p',
      { class: 'q-summary', 'data-testid': 'quality-summary', 'data-total': r.total, 'data-analysed': r.analysed },
      t('q.summary', { total: count(q.rows), analysed: count(r.analysed) }),
      excludedTotal > 0 ? ' ' + t('q.leftOutN', { n: count(excludedTotal) }) : '',
    ),
    reasons.length
      ? h('ul', { class: 'chips q-reasons', 'data-testid': 'quality-reasons' }, reasons.map((x) => h('li', { dataset: { code: x.code } }, h('strong', {}, count(x.count)), ' ', pick(x.reason, lang))))
      : null,
  );

  const details = (key, summary, content) => {
    const d = h('details', { class: 'q-details', open: ctx.open?.[key] || undefined, dataset: { section: key } }, h('summary', {}, summary), content);
    d.addEventListener('toggle', () => ctx.onToggle?.(key, d.open));
    return d;
  };
  const flaggedN = new Set([...flaggedRows(q, t).map(([row]) => row), ...(ex.rows ?? [])]).size;
  const badColumns = (q.columns ?? []).filter((c) => c.missing + c.non_numeric + c.out_of_scale > 0).length;
  return h(
    'section',
    { class: 'quality-panel', 'data-testid': 'quality-panel', 'aria-labelledby': `${idBase}-h` },
    head,
    rules,
    details('rows', t('q.rowsTitle', { n: count(flaggedN) }), rowList(q, ex, ctx)),
    details('columns', t('q.columnsTitle', { n: count(badColumns), total: count(q.columns.length) }), columnTable(q, ctx.open?.allColumns, ctx)),
  );
}

/** The panel in the page (docs/architecture.md). root: the #quality container. */
export function createQualityPanel({ root, state }) {
  const open = store.load('qualityOpen', {}) ?? {};

  function render(report) {
    const { settings, change } = state.inputs;
    const panel = qualityPanel(report, settings.exclude ?? report?.config?.exclude ?? NO_EXCLUSIONS, {
      t: state.t,
      lang: state.lang,
      open,
      onExclude: (exclude) => change({ exclude: { ...NO_EXCLUSIONS, ...exclude } }),
      onToggle: (key, value) => {
        open[key] = value;
        store.save('qualityOpen', open);
        if (key === 'allColumns') render(state.report);
      },
    });
    root.hidden = !panel;
    replaceChildren(root, panel);
  }

  return { render };
}

// "What was read": how the engine read the data (report.input, docs/inputs.md)
// — the format, the encoding (with a choice to read it again in another one),
// the workbook sheet (with a picker), where the table starts, and what was
// recognised (a survey platform's export, a long or summary table, title rows,
// decimal commas). A pure function of (input, report, ctx) returning nodes.
//
// ctx: { t, lang, onEncoding(label|null), onSheet(name) }

import { h } from '../core/dom.js';
import { ENCODINGS } from './files.js';

// Product names, the same in both languages. (A Map, not an object literal: the
// i18n key check reads `…key: '…'` as a translation key.)
const PLATFORMS = new Map([
  ['qualtrics', 'Qualtrics'],
  ['surveymonkey', 'SurveyMonkey'],
  ['wenjuanxing', '问卷星 (Wenjuanxing)'],
  ['tencent', '腾讯问卷 (Tencent Wenjuan)'],
]);

const DELIMITERS = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe', '\u001f': 'none' };

function has(report, code) {
  return (report?.diagnostics?.counts?.[code] ?? 0) > 0;
}

function row(label, ...value) {
  return h('div', { class: 'read-row' }, h('dt', {}, label), h('dd', {}, ...value));
}

/** A readable list of row numbers: "1, 2" or "1–3". */
function rowsText(rows) {
  if (!rows?.length) return '';
  const contiguous = rows.every((r, i) => i === 0 || r === rows[i - 1] + 1);
  return contiguous && rows.length > 2 ? `${rows[0]}–${rows[rows.length - 1]}` : rows.join(', ');
}

function formatName(input, info, t) {
  if (input?.kind === 'workbook') return input.format.toUpperCase();
  const d = DELIMITERS[info?.delimiter];
  if (info?.format === 'text' && d) return t(`in.format.${d}`);
  return t('in.format.text');
}

function encodingControl(input, info, ctx) {
  const { t } = ctx;
  const guess = info?.encoding;
  const current = input.encoding ?? null;
  const select = h(
    'select',
    { id: 'encoding-select', 'aria-label': t('in.encoding.choose'), dataset: { testid: 'encoding-select' } },
    h('option', { value: '' }, guess ? t('in.encoding.auto', { label: guess.encoding.toUpperCase() }) : t('in.encoding.autoNone')),
    ENCODINGS.map((e) => h('option', { value: e }, e.toUpperCase())),
  );
  select.value = current ?? '';
  select.addEventListener('change', () => ctx.onEncoding(select.value || null));
  const detail = [];
  if (guess) {
    if (current) detail.push(t('in.encoding.chosen'));
    else if (guess.bom) detail.push(t('in.encoding.bom'));
    else detail.push(t('in.encoding.detected', { pct: Math.round((guess.confidence ?? 0) * 100) }));
    if (guess.mixed) detail.push(t('in.encoding.mixed'));
  }
  return [
    h('strong', { 'data-testid': 'encoding', 'data-encoding': guess?.encoding ?? '' }, guess ? guess.encoding.toUpperCase() : '—'),
    detail.length ? h('span', { class: 'muted' }, ' · ' + detail.join(' · ')) : null,
    h('div', { class: 'read-control' }, select),
  ];
}

function sheetControl(input, ctx) {
  const { t } = ctx;
  if (input.sheets.length < 2) return [h('strong', { 'data-testid': 'sheet' }, input.sheet)];
  const select = h(
    'select',
    { id: 'sheet-select', 'aria-label': t('in.sheet.choose'), dataset: { testid: 'sheet-select' } },
    input.sheets.map((s) => h('option', { value: s }, s)),
  );
  select.value = input.sheet;
  select.addEventListener('change', () => ctx.onSheet(select.value));
  return [select, h('span', { class: 'muted' }, ' ' + t('in.sheet.count', { n: input.sheets.length }))];
}

/** What was recognised, as short phrases. */
function recognised(report, t) {
  const info = report.input;
  const out = [];
  if (info.platform) out.push(['platform', t('in.rec.platform', { name: PLATFORMS.get(info.platform) ?? info.platform })]);
  if (info.layout === 'long') out.push(['long', t('in.rec.long', { n: report.respondents.total })]);
  if (info.layout === 'summary') out.push(['summary', t('in.rec.summary')]);
  if (has(report, 'two_row_header')) out.push(['two-row', t('in.rec.twoRow')]);
  if (has(report, 'decimal_commas')) out.push(['decimal-commas', t('in.rec.decimalCommas')]);
  if (has(report, 'labels_mapped')) out.push(['labels', t('in.rec.labels')]);
  return out;
}

/** The panel, or null when there is nothing read yet. */
export function inputPanel(input, report, ctx) {
  const { t } = ctx;
  if (!report || !input) return null;
  const info = report.input ?? {};
  const rows = [];
  rows.push(row(t('in.format'), h('strong', { 'data-testid': 'input-format' }, formatName(input, info, t))));
  if (input.kind === 'file' && input.bytes) rows.push(row(t('in.encoding'), ...encodingControl(input, info, ctx)));
  if (input.kind === 'workbook') rows.push(row(t('in.sheet'), ...sheetControl(input, ctx)));
  if (info.header_row) {
    const skipped = info.skipped_rows ?? [];
    rows.push(
      row(
        t('in.start'),
        h('strong', { 'data-testid': 'header-row', 'data-row': info.header_row }, t('in.start.row', { row: info.header_row })),
        skipped.length ? h('span', { class: 'muted', 'data-testid': 'skipped-rows' }, ' · ' + t('in.start.skipped', { rows: rowsText(skipped) })) : null,
      ),
    );
  }
  const rec = recognised(report, t);
  if (rec.length) {
    rows.push(
      row(
        t('in.recognised'),
        h(
          'ul',
          { class: 'chips recognised', 'data-testid': 'recognised' },
          rec.map(([kind, text]) => h('li', { dataset: { kind } }, text)),
        ),
      ),
    );
  }
  const parts = [h('dl', { class: 'read-list' }, rows)];
  if (info.layout === 'summary') parts.push(h('p', { class: 'hint summary-note', 'data-testid': 'summary-note' }, t('in.summaryNote')));
  return h('div', { class: 'input-read', 'data-testid': 'input-panel' }, h('h3', {}, t('in.title')), parts);
}

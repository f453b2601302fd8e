// "Answers": how cells become answers (docs/inputs.md). Missing-value codes
// (99 …), the label map that turns answers written as text ("非常同意") into
// scale values — with the labels that matched nothing, by row and column — and
// the reverse-coded items. A pure function of (report, settings, ctx) → nodes;
// every change goes back through the ctx callbacks.
//
// ctx: { t, lang, onMissing(codes[]), onLabels(list|null), onReverse(itemId, on),
//        onMissingDraft(codes[]), onLabelsDraft(list) }
// The *Draft callbacks are called while a field is typed in (no change event
// yet), so the setting survives a reload; the others commit and analyse.

import { h } from '../core/dom.js';
import { pick } from '../i18n/index.js';

/** A long header (a platform's question text) cut for a one-line mention. */
function short(text, max = 48) {
  const s = String(text);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** "99, 98;  -1" → ["99", "98", "-1"] */
export function parseCodes(text) {
  return [
    ...new Set(
      String(text ?? '')
        .split(/[,，;；\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

function missingCodes(config, settings, { t, onMissing, onMissingDraft }) {
  const codes = settings.missing_codes ?? config.missing_codes ?? [];
  const input = h('input', {
    type: 'text',
    id: 'missing-codes',
    value: codes.join(', '),
    placeholder: '99, 98',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'missing-codes-hint',
  });
  input.addEventListener('change', () => onMissing(parseCodes(input.value)));
  input.addEventListener('input', () => onMissingDraft?.(parseCodes(input.value)));
  return h(
    'div',
    { class: 'answers-block' },
    h('label', { for: 'missing-codes', class: 'block-label' }, t('ans.missing')),
    input,
    h('p', { class: 'hint', id: 'missing-codes-hint' }, t('ans.missingHint')),
  );
}

function labelMap(config, report, settings, ctx) {
  const { t, lang, onLabels, onLabelsDraft } = ctx;
  const labels = settings.labels ?? config.labels ?? [];
  const edited = Array.isArray(settings.labels);
  const commit = (list) => onLabels(list);
  const rows = labels.map((l, i) => {
    const value = h('input', { type: 'number', step: 'any', value: String(l.value), 'aria-label': t('ans.labelValueOf', { label: l.label }) });
    const read = () => {
      const v = Number(value.value);
      const ok = Number.isFinite(v) && value.value !== '';
      value.setAttribute('aria-invalid', String(!ok));
      return ok ? labels.map((x, j) => (j === i ? { label: x.label, value: v } : x)) : null;
    };
    value.addEventListener('change', () => {
      const list = read();
      if (list) commit(list);
    });
    value.addEventListener('input', () => {
      const list = read();
      if (list) onLabelsDraft?.(list);
    });
    const remove = h('button', { type: 'button', class: 'icon', 'aria-label': t('ans.labelRemove', { label: l.label }) }, '✕');
    remove.addEventListener('click', () => commit(labels.filter((_, j) => j !== i)));
    return h('tr', { dataset: { label: l.label } }, h('td', { class: 'label-text' }, l.label), h('td', {}, value), h('td', {}, remove));
  });

  const newLabel = h('input', { type: 'text', 'aria-label': t('ans.newLabel'), placeholder: t('ans.newLabel'), autocomplete: 'off' });
  const newValue = h('input', { type: 'number', step: 'any', 'aria-label': t('ans.newValue'), placeholder: t('ans.newValue') });
  const add = h('form', { class: 'label-add' }, newLabel, newValue, h('button', { type: 'submit' }, t('ans.add')));
  add.addEventListener('submit', (e) => {
    e.preventDefault();
    const label = newLabel.value.trim();
    const v = Number(newValue.value);
    if (!label || newValue.value === '' || !Number.isFinite(v)) return;
    commit([...labels.filter((x) => x.label !== label), { label, value: v }]);
  });

  // Labels the map did not cover, where they first occur (engine: unmapped_label).
  const unmapped = (report.diagnostics?.messages ?? []).filter((m) => m.code === 'unmapped_label');
  const unmappedList = unmapped.length
    ? h(
        'div',
        { class: 'unmapped', 'data-testid': 'unmapped-labels' },
        h('p', { class: 'block-label warn' }, t('ans.unmapped', { n: report.diagnostics.counts.unmapped_label ?? unmapped.length })),
        h(
          'ul',
          {},
          unmapped.map((m) => {
            const v = h('input', { type: 'number', step: 'any', 'aria-label': t('ans.labelValueOf', { label: m.value ?? '' }) });
            const b = h('button', { type: 'button' }, t('ans.add'));
            b.addEventListener('click', () => {
              const x = Number(v.value);
              if (v.value === '' || !Number.isFinite(x) || !m.value) return;
              commit([...labels.filter((l) => l.label !== m.value), { label: m.value, value: x }]);
            });
            return h(
              'li',
              { dataset: { label: m.value ?? '', row: m.row ?? '', column: m.column ?? '' } },
              h('span', { class: 'label-text' }, m.value ?? ''),
              h(
                'span',
                { class: 'muted where', title: m.column_name ?? null },
                t('ans.where', { row: m.row ?? '?', column: short(m.column_name ?? String(m.column ?? '?')) }),
              ),
              h('span', { class: 'unmapped-add' }, v, b),
              h('span', { class: 'visually-hidden' }, pick(m.message, lang)),
            );
          }),
        ),
      )
    : null;

  const reset = edited ? h('button', { type: 'button', class: 'link' }, t('ans.labelsReset')) : null;
  reset?.addEventListener('click', () => onLabels(null));
  return h(
    'div',
    { class: 'answers-block', 'data-testid': 'label-map' },
    h('p', { class: 'block-label' }, t('ans.labels'), ' ', h('span', { class: 'badge', dataset: { mode: edited ? 'edited' : 'detected' } }, t(edited ? 'ans.edited' : 'ans.builtIn'))),
    labels.length
      ? h(
          'div',
          { class: 'label-table-wrap' },
          h(
            'table',
            { class: 'label-table' },
            h('thead', {}, h('tr', {}, h('th', {}, t('ans.label')), h('th', {}, t('ans.value')), h('th', {}, h('span', { class: 'visually-hidden' }, t('ans.remove'))))),
            h('tbody', {}, rows),
          ),
        )
      : h('p', { class: 'hint' }, t('ans.noLabels')),
    add,
    reset,
    ownLabels(config, ctx),
    unmappedList,
  );
}

/**
 * Columns that read their labels with a map of their own (a 5-point satisfaction
 * question among 7-point items, where 一般 is 3, not 4): shown so that no value
 * is a surprise; edited in survey.json (`columns[].labels`).
 */
function ownLabels(config, { t }) {
  const cols = (config.columns ?? []).filter((c) => Array.isArray(c.labels) && c.labels.length);
  if (!cols.length) return null;
  return h(
    'div',
    { class: 'own-labels', 'data-testid': 'own-labels' },
    h('p', { class: 'hint' }, t('ans.ownLabels')),
    h(
      'ul',
      {},
      cols.map((c) =>
        h(
          'li',
          { dataset: { column: c.name } },
          h('span', { class: 'label-text' }, short(c.name)),
          c.scale ? h('span', { class: 'muted' }, ` (${c.scale.min}–${c.scale.max})`) : null,
          ': ',
          h('span', {}, c.labels.map((l) => `${l.label} ${l.value}`).join(' · ')),
        ),
      ),
    ),
  );
}

function reverseItems(config, { t, lang, onReverse }) {
  const itemCols = (config.columns ?? []).filter((c) => ['expectation', 'perception', 'importance'].includes(c.role) && c.item);
  // Only items with a column can be reverse-coded; sets keep thousands of items linear.
  const withColumns = new Set(itemCols.map((c) => c.item));
  const items = (config.items ?? []).filter((it) => withColumns.has(it.id));
  if (!items.length) return null;
  const reversedIds = new Set(itemCols.filter((c) => c.reverse).map((c) => c.item));
  const reversed = (id) => reversedIds.has(id);
  return h(
    'div',
    { class: 'answers-block' },
    h('p', { class: 'block-label' }, t('ans.reverse')),
    h('p', { class: 'hint' }, t('ans.reverseHint', { min: config.scale.min, max: config.scale.max })),
    h(
      'ul',
      { class: 'reverse-list', 'data-testid': 'reverse-items' },
      items.map((it) => {
        const box = h('input', { type: 'checkbox', checked: reversed(it.id) || undefined, dataset: { item: it.id } });
        box.addEventListener('change', () => onReverse(it.id, box.checked));
        const name = it.label?.[lang] || it.id; // itemLabel(), without searching the list again
        return h('li', {}, h('label', { title: name }, box, ' ', h('span', {}, it.id), name !== it.id ? h('span', { class: 'muted' }, ' ' + name) : null));
      }),
    ),
  );
}

/** The card's body, or a hint when nothing is analysed yet. */
export function answersPanel(report, settings, ctx) {
  const { t } = ctx;
  const config = report?.config;
  if (!config) return h('p', { class: 'muted' }, t('structure.none'));
  if (report.input?.layout === 'summary') return h('p', { class: 'muted' }, t('ans.summary'));
  return [missingCodes(config, settings, ctx), labelMap(config, report, settings, ctx), reverseItems(config, ctx)];
}

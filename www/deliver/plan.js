// The PDCA action plan editor: one row per action (action, owner, deadline,
// indicator, baseline, target, stage, notes), the Check column read from the
// document, rows moved, removed and added. planEditor is a pure builder over
// (rows, ctx); every change goes back through ctx.onChange(rows, {structural}).
// A structural change (a row added, moved, removed) redraws the table; typing
// does not, so the caret stays where it is.
//
// ctx: { t, checks: string[] (per row), onChange(rows, {structural}) }

import { h } from '../core/dom.js';

export const STAGES = ['plan', 'do', 'check', 'act'];
const TEXT_FIELDS = ['owner', 'deadline', 'indicator', 'baseline', 'target'];
const CELL_LIMIT = 2000;

export function emptyRow() {
  return { action: '', owner: '', deadline: '', indicator: '', baseline: '', target: '', status: 'plan', notes: '', dimension: '' };
}

/** A stored or typed plan as rows of strings (anything else dropped). */
export function cleanPlan(rows) {
  if (!Array.isArray(rows)) return null;
  return rows.slice(0, 200).filter((r) => r && typeof r === 'object').map((r) => {
    const row = emptyRow();
    for (const k of Object.keys(row)) if (typeof r[k] === 'string') row[k] = r[k].slice(0, CELL_LIMIT);
    if (!STAGES.includes(row.status)) row.status = 'plan';
    return row;
  });
}

export function planEditor(rows, ctx) {
  const { t, checks = [], onChange } = ctx;
  const change = (structural) => onChange(rows, { structural });
  const head = h('tr', {}, ['#', 'action', 'owner', 'deadline', 'indicator', 'baseline', 'target', 'status', 'check', 'notes', ''].map((k) =>
    h('th', { scope: 'col' }, k === '#' || k === '' ? k : t(`dl.plan.${k}`)),
  ));
  const body = rows.map((row, i) => {
    const n = i + 1;
    const label = (k) => `${t(`dl.plan.${k}`)} · ${t('dl.plan.row', { n })}`;
    const area = (k) => {
      const el = h('textarea', { rows: k === 'action' ? 3 : 2, maxlength: CELL_LIMIT, 'aria-label': label(k), dataset: { field: k, row: String(i) } });
      el.value = row[k];
      el.addEventListener('input', () => {
        row[k] = el.value;
        change(false);
      });
      return h('td', { class: `plan-${k}` }, el);
    };
    const input = (k) => {
      const el = h('input', { type: 'text', maxlength: CELL_LIMIT, 'aria-label': label(k), dataset: { field: k, row: String(i) } });
      el.value = row[k];
      el.addEventListener('input', () => {
        row[k] = el.value;
        change(false);
      });
      return h('td', { class: `plan-${k}` }, el);
    };
    const stage = h('select', { 'aria-label': label('status'), dataset: { field: 'status', row: String(i) } },
      STAGES.map((s) => h('option', { value: s, selected: row.status === s || undefined }, t(`dl.stage.${s}`))));
    stage.addEventListener('change', () => {
      row.status = stage.value;
      change(false);
    });
    const move = (d) => {
      const j = i + d;
      [rows[i], rows[j]] = [rows[j], rows[i]];
      change(true);
    };
    const button = (text, key, fn, disabled) =>
      h('button', { type: 'button', class: 'icon', 'aria-label': t(key, { n }), title: t(key, { n }), disabled: disabled || undefined, on: { click: fn } }, text);
    return h('tr', { dataset: { row: String(i) } },
      h('td', { class: 'n' }, String(n)),
      area('action'),
      ...TEXT_FIELDS.map((k) => (k === 'indicator' || k === 'target' || k === 'baseline' ? area(k) : input(k))),
      h('td', {}, stage),
      h('td', { class: 'plan-check', dataset: { check: String(i) } }, checks[i] || '—'),
      area('notes'),
      h('td', { class: 'plan-row-actions' },
        button('↑', 'dl.up', () => move(-1), i === 0),
        button('↓', 'dl.down', () => move(1), i === rows.length - 1),
        button('✕', 'dl.remove', () => {
          rows.splice(i, 1);
          change(true);
        }),
      ),
    );
  });
  return h('div', { class: 'plan-wrap' }, h('table', { class: 'plan-table', 'data-testid': 'plan-table' }, h('thead', {}, head), h('tbody', {}, body)));
}

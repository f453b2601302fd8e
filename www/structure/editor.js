// The structure editor: one row per column of the data with its role, item,
// dimension and reverse coding. It only builds controls and reports edits as a new
// configuration (config-edit.js does the editing); the page re-analyses.

import { h } from '../core/dom.js';
import { dimensionLabel } from '../i18n/index.js';
import { ROLES, isItemRole, isReversible, setRole, setItem, setDimension, setReverse } from '../core/config-edit.js';

/**
 * @param config the configuration in use (report.config)
 * @param opts {t, lang, extraDims: string[], onChange(newConfig), onDraft(newConfig), limit, onShowAll()}
 *   onDraft: an item id being typed (no change event yet): keep it, analyse on change.
 *   limit: rows shown (a table of 10,000 columns would be a million controls);
 *   onShowAll: the button under them shows the rest.
 */
export function structureTable(config, { t, lang, extraDims = [], onChange, onDraft, limit = Infinity, onShowAll }) {
  const dimIds = [...config.dimensions.map((d) => d.id), ...extraDims.filter((id) => !config.dimensions.some((d) => d.id === id))];
  const itemDim = new Map(config.items.map((it) => [it.id, it.dimension]));
  const dimNames = new Map(dimIds.map((id) => [id, dimensionLabel(config, id, lang)]));

  const rows = config.columns.slice(0, limit).map((col, i) => {
    const itemRole = isItemRole(col.role);
    const dimValue = col.role === 'allocation' ? col.dimension : itemRole ? itemDim.get(col.item) : null;

    const role = h(
      'select',
      { class: 'role', 'aria-label': `${t('structure.col.role')}: ${col.name}`, on: { change: (e) => onChange(setRole(config, col.name, e.target.value)) } },
      ROLES.map((r) => h('option', { value: r, selected: r === col.role }, t(`role.${r}`))),
    );

    const item = h('input', {
      class: 'item',
      type: 'text',
      value: itemRole ? col.item ?? '' : '',
      disabled: !itemRole,
      size: 6,
      spellcheck: 'false',
      'aria-label': `${t('structure.col.item')}: ${col.name}`,
      on: {
        change: (e) => onChange(setItem(config, col.name, e.target.value)),
        input: (e) => {
          if (e.target.value.trim()) onDraft?.(setItem(config, col.name, e.target.value));
        },
        keydown: (e) => {
          if (e.key === 'Enter') e.target.blur();
        },
      },
    });

    const hasDim = itemRole || col.role === 'allocation';
    const dim = h(
      'select',
      {
        class: 'dimension',
        disabled: !hasDim,
        'aria-label': `${t('structure.col.dimension')}: ${col.name}`,
        on: { change: (e) => onChange(setDimension(config, col.name, e.target.value)) },
      },
      hasDim ? null : h('option', { value: '' }, '—'),
      dimIds.map((id) => h('option', { value: id, selected: id === dimValue }, dimNames.get(id))),
    );

    const reverse = h('input', {
      class: 'reverse',
      type: 'checkbox',
      checked: Boolean(col.reverse),
      disabled: !isReversible(col.role),
      'aria-label': `${t('structure.col.reverse')}: ${col.name}`,
      on: { change: (e) => onChange(setReverse(config, col.name, e.target.checked)) },
    });

    return h(
      'tr',
      { class: `role-${col.role}`, dataset: { column: col.name } },
      h('td', { class: 'num muted' }, String(i + 1)),
      h('th', { scope: 'row', class: 'col-name', title: col.name }, col.name),
      h('td', {}, role),
      h('td', {}, item),
      h('td', {}, dim),
      h('td', { class: 'center' }, reverse),
    );
  });

  return h(
    'table',
    { class: 'structure-table', 'data-testid': 'structure-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['index', 'header', 'role', 'item', 'dimension', 'reverse'].map((k) => h('th', { scope: 'col' }, t(`structure.col.${k}`))),
      ),
    ),
    h('tbody', {}, rows),
    config.columns.length > limit
      ? h(
          'tfoot',
          {},
          h(
            'tr',
            {},
            h(
              'td',
              { colspan: 6 },
              h('button', { type: 'button', id: 'structure-show-all', on: { click: onShowAll } }, t('structure.showAll', { shown: limit, n: config.columns.length })),
            ),
          ),
        )
      : null,
  );
}

/** Which control had focus, so it can be focused again after the table is rebuilt. */
export function focusKey(root) {
  const el = root.ownerDocument?.activeElement;
  const row = el?.closest?.('tr[data-column]');
  if (!row || !root.contains(row)) return null;
  return { column: row.dataset.column, cls: el.getAttribute('class') };
}

export function restoreFocus(root, key) {
  if (!key) return;
  for (const row of root.querySelectorAll('tr[data-column]')) {
    if (row.dataset.column === key.column) {
      row.querySelector(`.${key.cls}`)?.focus();
      return;
    }
  }
}

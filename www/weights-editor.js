// The dimension-weights card: equal, typed in (normalised as you type) or the
// respondents' own 100-point allocation (only offered when the data has a points
// column for every dimension). Reports the chosen config.weighting.

import { h } from './dom.js';
import { percent } from './format.js';
import { dimensionLabel } from './i18n.js';
import { hasAllocation, normalise } from './config-edit.js';

/**
 * @param config the configuration in use (report.config; its weighting is what ran)
 * @param opts {t, lang, typed: {dimId: number} (last typed-in values), onChange(weighting)}
 */
export function weightsEditor(config, { t, lang, typed, onChange }) {
  const method = config.weighting?.method ?? 'equal';
  const allocationOk = hasAllocation(config);
  const dims = config.dimensions.map((d) => d.id);
  const current = method === 'direct' ? config.weighting.weights : typed;
  // Typed-in weights start equal (100 / k each) so switching shows sensible numbers.
  const start = Object.fromEntries(dims.map((id) => [id, Number.isFinite(Number(current?.[id])) ? Number(current[id]) : round(100 / Math.max(dims.length, 1))]));

  const inputs = new Map();
  const normCells = new Map();
  let timer = null;

  const readTyped = () => Object.fromEntries(dims.map((id) => [id, inputs.get(id).value === '' ? 0 : Number(inputs.get(id).value)]));
  const showNormalised = () => {
    const norm = normalise(readTyped(), dims);
    for (const id of dims) normCells.get(id).textContent = norm ? percent(norm[id]) : '—';
  };
  const emitDirect = () => {
    clearTimeout(timer);
    onChange({ method: 'direct', weights: readTyped() });
  };

  const radio = (value, label, hint, disabled) =>
    h(
      'label',
      { class: disabled ? 'radio disabled' : 'radio' },
      h('input', {
        type: 'radio',
        name: 'weighting',
        value,
        id: `weighting-${value}`,
        checked: method === value,
        disabled,
        on: {
          change: () => {
            if (value === 'direct') emitDirect();
            else onChange({ method: value });
          },
        },
      }),
      h('span', { class: 'radio-text' }, h('span', {}, label), h('small', { class: 'muted' }, hint)),
    );

  const rows = dims.map((id) => {
    const input = h('input', {
      type: 'number',
      min: 0,
      step: 'any',
      inputmode: 'decimal',
      value: start[id],
      disabled: method !== 'direct',
      dataset: { dimension: id },
      'aria-label': `${t('weights.raw')}: ${dimensionLabel(config, id, lang)}`,
      on: {
        input: () => {
          showNormalised();
          clearTimeout(timer);
          timer = setTimeout(emitDirect, 500);
        },
        change: emitDirect,
      },
    });
    inputs.set(id, input);
    const norm = h('td', { class: 'num norm' });
    normCells.set(id, norm);
    return h('tr', { dataset: { dimension: id } }, h('th', { scope: 'row' }, dimensionLabel(config, id, lang)), h('td', {}, input), norm);
  });

  const table = dims.length
    ? h(
        'table',
        { class: 'weights-table', id: 'direct-weights', hidden: method !== 'direct' },
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { scope: 'col' }, t('weights.raw')), h('th', { scope: 'col', class: 'num' }, t('weights.normalised')))),
        h('tbody', {}, rows),
      )
    : null;

  const box = h(
    'div',
    { class: 'weights-editor' },
    h(
      'div',
      { class: 'radios', role: 'radiogroup', 'aria-label': t('weights.title') },
      radio('equal', t('weights.equal'), t('weights.equalHint'), false),
      radio('direct', t('weights.direct'), t('weights.directHint'), !dims.length),
      radio('allocation', t('weights.allocation'), allocationOk ? t('weights.allocationHint') : t('weights.allocationOff'), !allocationOk),
    ),
    table,
  );
  if (table) showNormalised();
  return box;
}

function round(x) {
  return Math.round(x * 100) / 100;
}

// The dimension-weights card: equal, typed in (normalised as you type), the
// respondents' own 100-point allocation (only offered when the data has a points
// column for every dimension), AHP, entropy, CRITIC and combined subjective ×
// objective weights. The last four are set up in the weights workspace
// (workspace.js); the card shows their state from the report and opens it.
// Reports the chosen config.weighting.

import { h } from '../core/dom.js';
import { percent, fixed } from '../core/format.js';
import { dimensionLabel, pick } from '../i18n/index.js';
import { hasAllocation, normalise } from '../core/config-edit.js';
import { ahpDetails } from './state.js';

const WORKSPACE_METHODS = new Set(['ahp', 'entropy', 'critic', 'combined']);

/**
 * @param config the configuration in use (report.config; its weighting is what ran)
 * @param opts {t, lang, typed: {dimId: number} (last typed-in values), onChange(weighting),
 *              onDraft(weighting) (a weight being typed: keep it, analyse later),
 *              workspace: WeightsWorkspace, report}
 */
export function weightsEditor(config, { t, lang, typed, onChange, onDraft, workspace, report }) {
  const method = config.weighting?.method ?? 'equal';
  const allocationOk = hasAllocation(config);
  const dims = config.dimensions.map((d) => d.id);
  const combinedDirect = method === 'combined' && config.weighting.subjective?.method === 'direct';
  const current = method === 'direct' ? config.weighting.weights : combinedDirect ? config.weighting.subjective.weights : typed;
  // Typed-in weights start equal (100 / k each) so switching shows sensible numbers.
  const start = Object.fromEntries(dims.map((id) => [id, Number.isFinite(Number(current?.[id])) ? Number(current[id]) : round(100 / Math.max(dims.length, 1))]));
  const typedActive = method === 'direct' || combinedDirect;

  const inputs = new Map();
  const normCells = new Map();
  let timer = null;

  const readTyped = () => Object.fromEntries(dims.map((id) => [id, inputs.get(id).value === '' ? 0 : Number(inputs.get(id).value)]));
  const sumNote = h('p', { class: 'method-error', id: 'direct-sum-error', role: 'alert', hidden: true }, t('weights.sumZero'));
  const showNormalised = () => {
    const values = readTyped();
    const norm = normalise(values, dims);
    for (const id of dims) normCells.get(id).textContent = norm ? percent(norm[id]) : '—';
    // Say why there are no normalised weights instead of only showing dashes.
    const invalid = Object.values(values).some((v) => !Number.isFinite(v) || v < 0);
    sumNote.textContent = t(invalid ? 'weights.negative' : 'weights.sumZero');
    sumNote.hidden = Boolean(norm);
  };
  const typedWeighting = () => (method === 'combined' ? workspace.weighting('combined', readTyped()) : { method: 'direct', weights: readTyped() });
  const emitDirect = () => {
    clearTimeout(timer);
    onChange(typedWeighting());
  };
  const choose = (value) => {
    if (value === 'direct') emitDirect();
    else if (WORKSPACE_METHODS.has(value) && workspace) workspace.emit(workspace.weighting(value));
    else onChange({ method: value });
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
        on: { change: () => choose(value) },
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
      disabled: !typedActive,
      dataset: { dimension: id },
      'aria-label': `${t('weights.raw')}: ${dimensionLabel(config, id, lang)}`,
      'aria-describedby': 'direct-sum-error',
      on: {
        input: () => {
          showNormalised();
          // Kept at once (a reload before the analysis must not lose it), analysed shortly.
          onDraft?.(typedWeighting());
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
        'div',
        { class: 'direct-box', hidden: !typedActive },
        h(
          'table',
          { class: 'weights-table', id: 'direct-weights' },
          h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { scope: 'col' }, t('weights.raw')), h('th', { scope: 'col', class: 'num' }, t('weights.normalised')))),
          h('tbody', {}, rows),
        ),
        sumNote,
      )
    : null;

  const twoDims = dims.length >= 2;
  const box = h(
    'div',
    { class: 'weights-editor' },
    h(
      'div',
      { class: 'radios', role: 'radiogroup', 'aria-label': t('weights.title') },
      radio('equal', t('weights.equal'), t('weights.equalHint'), false),
      radio('direct', t('weights.direct'), t('weights.directHint'), !dims.length),
      radio('allocation', t('weights.allocation'), allocationOk ? t('weights.allocationHint') : t('weights.allocationOff'), !allocationOk),
      workspace ? radio('ahp', t('weights.ahp'), twoDims ? t('weights.ahpHint') : t('weights.needTwo'), !twoDims) : null,
      workspace ? radio('entropy', t('weights.entropy'), twoDims ? t('weights.entropyHint') : t('weights.needTwo'), !twoDims) : null,
      workspace ? radio('critic', t('weights.critic'), twoDims ? t('weights.criticHint') : t('weights.needTwo'), !twoDims) : null,
      workspace ? radio('combined', t('weights.combined'), twoDims ? t('weights.combinedHint') : t('weights.needTwo'), !twoDims) : null,
    ),
    method === 'combined' && workspace ? combinedParts(config, { t, workspace }) : null,
    table,
    workspace && WORKSPACE_METHODS.has(method) ? methodStatus(method, { t, lang, report, workspace }) : null,
    workspace
      ? h(
          'p',
          { class: 'ws-link' },
          h('button', { type: 'button', class: 'link-button', id: 'open-indicators', on: { click: (e) => workspace.open('table', e.currentTarget) } }, t('weights.indicatorTool')),
        )
      : null,
  );
  if (table) showNormalised();
  return box;
}

/** Subjective (AHP or typed in) × objective (entropy or CRITIC) selects. */
function combinedParts(config, { t, workspace }) {
  const w = config.weighting;
  const select = (part, id, options, value) => {
    const s = h(
      'select',
      { id, on: { change: () => workspace.setCombined(part, s.value) } },
      options.map(([v, key]) => h('option', { value: v }, t(key))),
    );
    s.value = value;
    return s;
  };
  return h(
    'div',
    { class: 'combined-parts' },
    h('label', { class: 'field' }, h('span', {}, t('weights.subjective')), select('subjective', 'combined-subjective', [['ahp', 'weights.ahp'], ['direct', 'weights.direct']], w.subjective?.method ?? 'ahp')),
    h('label', { class: 'field' }, h('span', {}, t('weights.objective')), select('objective', 'combined-objective', [['entropy', 'weights.entropy'], ['critic', 'weights.critic']], w.objective?.method ?? 'entropy')),
  );
}

/** What the report says about the chosen method, and the button to the workspace. */
function methodStatus(method, { t, lang, report, workspace }) {
  const wr = report?.overall?.weighting;
  const lines = [];
  const ahp = ahpDetails(report);
  if (ahp?.dimensions && (method === 'ahp' || wr?.details?.subjective?.requested === 'ahp')) {
    const r = ahp.dimensions;
    lines.push(
      h(
        'p',
        { class: `verdict ${r.consistent ? 'ok' : 'bad'}`, 'data-testid': 'card-ahp-verdict' },
        h('strong', {}, t(r.consistent ? 'ahp.consistent' : 'ahp.inconsistent')),
        ' ',
        ahp.experts?.length > 1 ? t('weights.crLineGroup', { cr: fixed(r.cr, 3), n: ahp.experts.length }) : t('weights.crLine', { cr: fixed(r.cr, 3) }),
      ),
    );
  }
  if (ahp?.error) lines.push(h('p', { class: 'method-error' }, pick(ahp.error.message, lang)));
  if (wr && wr.method !== method) lines.push(h('p', { class: 'ahp-use warn', 'data-testid': 'card-fallback' }, t('ws.fallback', { method: t(`method.${method}`) })));
  else if (wr?.respondents != null && method !== 'ahp') lines.push(h('p', { class: 'muted small' }, t('weights.basedOn', { n: wr.respondents })));
  const judgments = method === 'ahp' || (method === 'combined' && report?.config?.weighting?.subjective?.method === 'ahp');
  const open = (tab) => (e) => workspace.open(tab, e.currentTarget);
  return h(
    'div',
    { class: 'method-status' },
    lines,
    h(
      'div',
      { class: 'actions' },
      judgments ? h('button', { type: 'button', id: 'open-weights', class: 'primary', on: { click: open('ahp') } }, t('weights.openAhp')) : null,
      h('button', { type: 'button', id: 'open-working', class: judgments ? null : 'primary', on: { click: open('use') } }, t('weights.openWorking')),
    ),
  );
}

function round(x) {
  return Math.round(x * 100) / 100;
}

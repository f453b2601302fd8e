// The structure panel: the survey-structure card (detected or edited, the
// answer scale, α, download / load survey.json, reset, the offer of a saved
// structure that does not fit the data) and the column editor drawer
// (editor.js; editing configs is in core/config-edit.js). A survey.json is
// checked before it is parsed (core/config-file.js).
//
// root: { mode, summary, note, preset, min, max, alpha, edit, download, configFile, reset,
//         panel, panelBody, closePanel, addDim, newDim }

import { h, replaceChildren } from '../core/dom.js';
import { count } from '../core/format.js';
import { SCALE_PRESETS, presetOf, cleanDimensionId } from '../core/config-edit.js';
import { readConfigFile, CONFIG_MESSAGES } from '../core/config-file.js';
import { parkedNote } from '../core/keep-ui.js';
import { structureTable, focusKey, restoreFocus } from './editor.js';

export function createStructurePanel({ root: el, state }) {
  /** Columns shown in the structure editor at first (the rest on request). */
  let structureRows = 500;
  let structureKey = '';

  // ---------------------------------------------------------------- scale and α

  /** The scale typed in Min and Max, or null while it is not a valid one (aria-invalid says so). */
  function typedScale() {
    const min = Number(el.min.value);
    const max = Number(el.max.value);
    const ok = el.min.value !== '' && el.max.value !== '' && Number.isFinite(min) && Number.isFinite(max) && min < max;
    el.min.setAttribute('aria-invalid', String(!ok));
    el.max.setAttribute('aria-invalid', String(!ok));
    return ok ? { min, max } : null;
  }

  function onScaleInput() {
    const scale = typedScale();
    if (!scale) return;
    el.preset.value = presetOf(scale);
    state.setOverride('scale', scale);
  }

  /** Min or max being typed (no change event yet): kept for a reload, analysed on change. */
  function onScaleDraft() {
    const scale = typedScale();
    if (!scale) return;
    state.draftScale(scale);
  }

  function onPreset() {
    const p = SCALE_PRESETS.find((x) => x.id === el.preset.value);
    if (!p) return; // "custom": the user types min and max
    el.min.value = p.min;
    el.max.value = p.max;
    onScaleInput();
  }

  /** A scale chosen elsewhere (a diagnostic's action), shown at once. */
  function showScale(scale) {
    el.min.value = scale.min;
    el.max.value = scale.max;
    el.preset.value = presetOf(scale);
  }

  // ---------------------------------------------------------------- survey.json

  function downloadConfig() {
    const config = state.report?.config;
    if (!config) return;
    const blob = new Blob([JSON.stringify(config, null, 2) + '\n'], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = h('a', { trustedHref: url, download: 'survey.json' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  /** A survey.json chosen by the user: checked before it is parsed (config-file.js). */
  async function loadConfig(file) {
    if (!file) return;
    state.dropMessages((m) => CONFIG_MESSAGES.has(m.key));
    const { config, dropped, refused } = await readConfigFile(file);
    if (refused) return state.addMessage('error', refused.key, refused.params);
    state.useStructure(config, file.name);
    if (dropped) state.addMessage('info', 'msg.configUnusedItems', { n: count(dropped), name: file.name });
  }

  function addDimension(e) {
    e.preventDefault();
    const id = cleanDimensionId(el.newDim.value);
    const config = state.report?.config;
    if (!id) {
      state.addMessage('warning', 'msg.dimInvalid');
      return;
    }
    if (config?.dimensions.some((d) => d.id === id) || state.extraDims.includes(id)) {
      state.addMessage('warning', 'msg.dimExists', { id });
      return;
    }
    state.extraDims.push(id);
    el.newDim.value = '';
    renderStructurePanel(true);
  }

  // ---------------------------------------------------------------- rendering

  function renderStructureCard() {
    const { t } = state;
    const config = state.report?.config;
    el.mode.textContent = state.structure ? t('structure.edited') : t('structure.detected');
    el.mode.dataset.mode = state.structure ? 'edited' : 'detected';
    el.summary.textContent = config
      ? t('structure.summary', { items: config.items.length, dims: config.dimensions.length, cols: config.columns.length })
      : '';
    const scale = config?.scale ?? state.overrides.scale;
    if (scale && document.activeElement !== el.min && document.activeElement !== el.max) {
      el.min.value = scale.min;
      el.max.value = scale.max;
      el.preset.value = presetOf(scale);
    }
    const alpha = config?.alpha ?? state.overrides.alpha ?? 0.05;
    el.alpha.value = String(alpha);
    if (el.alpha.value !== String(alpha)) {
      // A survey.json with another α: offer it in the list.
      el.alpha.append(h('option', { value: String(alpha) }, String(alpha)));
      el.alpha.value = String(alpha);
    }
    const disabled = !config;
    for (const b of [el.download, el.edit]) b.disabled = disabled;
    replaceChildren(el.note, parkedNote(state.parked, { t, onUse: state.useParked }));
  }

  function renderStructurePanel(force = false) {
    if (el.panel.hidden) return;
    const { t } = state;
    const config = state.report?.config;
    if (!config) {
      structureKey = '';
      replaceChildren(el.panelBody, h('p', { class: 'muted' }, t('structure.none')));
      return;
    }
    const key = JSON.stringify([state.lang, config.columns, config.items, config.dimensions, state.extraDims]);
    if (key === structureKey && !force) return;
    structureKey = key;
    const focus = focusKey(el.panelBody);
    const scroll = el.panelBody.scrollTop;
    replaceChildren(el.panelBody, structureTable(config, {
        t,
        lang: state.lang,
        extraDims: state.extraDims,
        onChange: state.setStructure,
        onDraft: state.draftStructure,
        limit: structureRows,
        onShowAll: () => {
          structureRows = Infinity;
          renderStructurePanel(true);
        },
      }));
    el.panelBody.scrollTop = scroll;
    restoreFocus(el.panelBody, focus);
  }

  function togglePanel(open = el.panel.hidden) {
    el.panel.hidden = !open;
    el.edit.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('panel-open', open);
    if (open) {
      state.closeDrawers('structure');
      // Below the sticky top bar, so the language switch stays reachable.
      el.panel.style.top = `${Math.max(0, document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 0)}px`;
      renderStructurePanel(true);
      el.closePanel.focus();
    } else el.edit.focus();
  }

  state.drawer('structure', () => {
    if (!el.panel.hidden) togglePanel(false);
  });

  function render() {
    renderStructureCard();
    renderStructurePanel();
  }

  // ---------------------------------------------------------------- wiring

  el.preset.addEventListener('change', onPreset);
  el.min.addEventListener('change', onScaleInput);
  el.max.addEventListener('change', onScaleInput);
  el.min.addEventListener('input', onScaleDraft);
  el.max.addEventListener('input', onScaleDraft);
  el.alpha.addEventListener('change', () => state.setOverride('alpha', Number(el.alpha.value)));
  el.edit.addEventListener('click', () => togglePanel());
  el.closePanel.addEventListener('click', () => togglePanel(false));
  el.panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') togglePanel(false);
  });
  el.download.addEventListener('click', downloadConfig);
  el.configFile.addEventListener('change', () => {
    loadConfig(el.configFile.files?.[0]);
    el.configFile.value = '';
  });
  el.reset.addEventListener('click', state.resetStructure);
  el.addDim.addEventListener('submit', addDimension);

  return { render, showScale };
}

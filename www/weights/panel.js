// The weights panel: the dimension-weights card (editor.js) and the weights
// workspace drawer where AHP, entropy, CRITIC and combined weights are set up
// (workspace.js and its tabs). The chosen weighting goes to the session, which
// analyses with it.
//
// root: the card's container (#weights)

import { h, replaceChildren } from '../core/dom.js';
import * as store from '../core/storage.js';
import { weightsEditor } from './editor.js';
import { WeightsWorkspace } from './workspace.js';

export function createWeightsPanel({ root, state }) {
  const workspace = new WeightsWorkspace({
    engine: state.engine,
    store,
    onWeighting: (w) => state.setWeighting(w),
    onDraft: (w) => state.draftWeighting(w),
    typed: () => state.typedWeights,
    onOpen: () => state.closeDrawers('weights'),
  });
  state.keep('workspace', { snapshot: () => workspace.snapshot(), restore: (copy) => workspace.restore(copy) });
  state.drawer('weights', () => workspace.close({ restoreFocus: false }));

  let weightsKey = '';
  function renderWeights() {
    const { t } = state;
    const config = state.report?.config;
    if (!config) {
      weightsKey = '';
      replaceChildren(root, h('p', { class: 'muted' }, t('structure.none')));
      return;
    }
    // Rebuild only when something visible changed, and never under the user's
    // fingers: while they type a weight, only its value changes and the editor
    // already shows it.
    const shape = JSON.stringify([state.lang, config.dimensions, config.weighting?.method, config.columns.filter((c) => c.role === 'allocation')]);
    const used = state.report.overall?.weighting;
    const key = shape + JSON.stringify([config.weighting, used?.method, used?.respondents, used?.details?.dimensions?.cr ?? used?.details?.subjective?.details?.dimensions?.cr]);
    if (key === weightsKey) return;
    if (root.contains(document.activeElement) && weightsKey.startsWith(shape)) return;
    const active = root.contains(document.activeElement) ? document.activeElement : null;
    weightsKey = key;
    replaceChildren(root, weightsEditor(config, { t, lang: state.lang, typed: state.typedWeights, onChange: state.setWeighting, onDraft: state.draftWeighting, workspace, report: state.report }));
    if (active?.dataset.dimension) root.querySelector(`input[data-dimension="${CSS.escape(active.dataset.dimension)}"]`)?.focus();
    else if (active?.id) document.getElementById(active.id)?.focus();
  }

  function render(report) {
    renderWeights();
    workspace.update({ config: report?.config, report, t: state.t, lang: state.lang });
  }

  return { render };
}

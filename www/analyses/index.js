// The optional analysis sections of a report (docs/report-analyses.md and the
// fuzzy section of docs/methods.md), in the order a consultant presents them,
// and the in-page navigation over all result sections. Each renderer returns
// null when its section is absent from the report, so only what was computed
// is shown.
//
// ctx: { t, lang, width, idPrefix, onOption?(path, value) } — with onOption the
// sections offer their options (IPA, CSAT top-k, CES direction, driver score);
// the drop-in element passes none and shows the results only.

import { h } from '../core/dom.js';
import { renderMetrics } from './metrics.js';
import { renderIpa } from './ipa.js';
import { renderDrivers } from './drivers.js';
import { renderComparisons } from './comparisons.js';
import { renderReliability } from './reliability.js';
import { renderFuzzy } from './fuzzy.js';

const RENDERERS = [renderMetrics, renderIpa, renderDrivers, renderComparisons, renderReliability, renderFuzzy];

/** The sections present in this report, in presentation order. */
export function renderAnalyses(report, ctx) {
  const out = [];
  for (const render of RENDERERS) {
    const node = render(report, ctx);
    if (node) out.push(node);
  }
  return out;
}

/**
 * "On this page": a link to every section's heading. Links scroll with
 * scrollIntoView so they also work inside the element's shadow root, where a
 * plain #fragment cannot reach.
 */
export function sectionNav(sections, ctx) {
  const links = [];
  for (const sec of sections) {
    const heading = sec?.querySelector?.('h2[id]');
    if (!heading) continue;
    const id = heading.id;
    links.push(
      h(
        'li',
        {},
        h(
          'a',
          {
            trustedHref: `#${id}`,
            'data-target': sec.dataset.section || id,
            on: {
              click: (e) => {
                const target = e.currentTarget.getRootNode().getElementById?.(id);
                if (!target) return;
                e.preventDefault();
                target.scrollIntoView({ behavior: 'smooth', block: 'start' });
              },
            },
          },
          // Short names for the analyses so the bar stays on one line.
          sec.dataset.section ? ctx.t(`nav.${sec.dataset.section}`) : heading.textContent,
        ),
      ),
    );
  }
  if (links.length < 2) return null;
  return h('nav', { class: 'section-nav', 'aria-label': ctx.t('nav.label'), 'data-testid': 'section-nav' }, h('span', { class: 'nav-label' }, ctx.t('nav.label')), h('ul', {}, links));
}

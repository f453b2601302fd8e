// The client-report module (www/pkg/document/, crates/document → src/document/),
// loaded on first use after the results are shown, so the first load does not
// carry it. A failed load is tried again on the next call (say, back online).

let loading = null;

function load() {
  if (!loading) {
    const url = new URL('../pkg/document/gapscope_document.js', import.meta.url);
    loading = import(url.href).then(async (mod) => {
      await mod.default();
      return mod;
    });
    loading.catch(() => {
      loading = null;
    });
  }
  return loading;
}

/** The report as JSON text, made once per report object (the view is
 * rendered again on every edit of the cover or the plan). */
const reportJson = new WeakMap();

/**
 * The client report of `report` with the document settings
 * ({lang, cover, plan, paper, catalogue}): the asked-for `parts` of
 * {document, article, css, html, markdown, json, csv: {id: text},
 * sheets: [{name, rows}]} (all of them without `parts`; docs/report-document.md).
 */
export async function renderDocument(report, inputs, parts = []) {
  const mod = await load();
  if (!reportJson.has(report)) reportJson.set(report, JSON.stringify(report));
  return JSON.parse(mod.renderDocument(reportJson.get(report), JSON.stringify(inputs), parts.join(',')));
}

/** Whether the module has been asked for (tests: the first load does not). */
export function documentStarted() {
  return loading !== null;
}

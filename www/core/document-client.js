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

/**
 * The client report of `report` with the document settings
 * ({lang, cover, plan, paper, catalogue}): {document, article, css, html, markdown,
 * json, csv: {id: text}, sheets: [{name, rows}]} (docs/report-document.md).
 */
export async function renderDocument(report, inputs) {
  const mod = await load();
  return JSON.parse(mod.renderDocument(JSON.stringify(report), JSON.stringify(inputs)));
}

/** Whether the module has been asked for (tests: the first load does not). */
export function documentStarted() {
  return loading !== null;
}

// Measurements for issue 8, item 11 (page side). Not a test (node --test does
// not pick it up); run it against any checkout, e.g. one of the commit before:
//
//   node tests/browser/measure-survey-json.mjs [ROOT]          (ROOT: a checkout with www/pkg built; default: this one)
//
// 1. Load a survey.json of 30,000 items no column names (1.4 MB) into the page:
//    wall time until the analysis is shown, main-thread task time (CDP
//    Performance.getMetrics), characters stored, and the reload afterwards.
// 2. The page's functions that walk a configuration, at 3,000 and 30,000 items
//    (60,000 columns): linear code takes ~10× longer, quadratic ~100×.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..'));
const { setup } = await import(path.join(root, 'tests/browser/harness.mjs'));
const { SMALL_CSV, pasteText } = await import(path.join(root, 'tests/browser/page-helpers.mjs'));
const N = 30_000;
const items = [1, 2, 3, 4, 5].map((i) => ({ id: `Q${i}`, dimension: i < 5 ? 'tangibles' : 'reliability' }));
for (let i = 0; i < N; i++) items.push({ id: `unused_${i}`, dimension: i % 2 ? 'tangibles' : 'reliability' });
const columns = [1, 2, 3, 4, 5].flatMap((i) => [
  { name: `E${i}`, role: 'expectation', item: `Q${i}` },
  { name: `P${i}`, role: 'perception', item: `Q${i}` },
]);
const json = JSON.stringify({ version: 1, scale: { min: 1, max: 7 }, dimensions: [{ id: 'tangibles' }, { id: 'reliability' }], items, columns });
const env = await setup({ root: path.join(root, 'www') });
try {
  const w = await env.open('/');
  const { page } = w;
  await page.waitForSelector('body[data-status="ready"]');
  await pasteText(page, SMALL_CSV);
  const cdp = await w.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const m0 = await metric();
  const run = Number(await page.evaluate(() => document.body.dataset.run));
  const t0 = Date.now();
  await page.setInputFiles('#config-input', { name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.waitForFunction((b) => Number(document.body.dataset.run) > b && document.body.dataset.status !== 'busy', run, { timeout: 600_000, polling: 200 });
  const load = Date.now() - t0;
  const m1 = await metric();
  const stored = await page.evaluate(() => (localStorage.getItem('gapscope.v1.structure') ?? '').length);
  const t1 = Date.now();
  await page.reload();
  await page.waitForSelector('body[data-status="ready"], body[data-status="error"]', { timeout: 600_000 });
  const reload = Date.now() - t1;
  console.log(JSON.stringify({
    file_bytes: json.length,
    load_ms: load,
    main_thread_task_ms: Math.round((m1.TaskDuration - m0.TaskDuration) * 1000),
    main_thread_script_ms: Math.round((m1.ScriptDuration - m0.ScriptDuration) * 1000),
    stored_structure_chars: stored,
    reload_ms: reload,
    status: await page.evaluate(() => document.body.dataset.status),
  }));
  await w.close();
  await scaling(env);
} finally {
  await env.close();
}

async function scaling(env) {
  const w = await env.openHtml('/__scaling__.html', '<!doctype html><meta charset="utf-8"><title>scaling</title><body></body>');
  const out = await w.page.evaluate(async () => {
    const ce = await import('./core/config-edit.js');
    const ws = await import('./weights/state.js');
    const ap = await import('./input/answers.js');
    const se = await import('./structure/editor.js');
    const { translator } = await import('./i18n/index.js');
    const t = translator('en');
    const make = (n, dims) => {
      const dimensions = Array.from({ length: dims }, (_, d) => ({ id: `d${d}` }));
      const items = Array.from({ length: n }, (_, i) => ({ id: `Q${i}`, dimension: `d${i % dims}` }));
      const columns = items.flatMap((it, i) => [
        { name: `E${i}`, role: 'expectation', item: it.id },
        { name: `P${i}`, role: 'perception', item: it.id, ...(i % 7 ? {} : { reverse: true }) },
      ]);
      return { version: 1, scale: { min: 1, max: 7 }, dimensions, items, columns };
    };
    const time = (fn) => {
      const t0 = performance.now();
      fn();
      return performance.now() - t0;
    };
    const cases = {
      tidy: (c) => ce.tidy(c),
      hasAllocation: (c) => ce.hasAllocation(c),
      fitState: (c) => ws.fitState(ws.emptyState(), c),
      answersPanel: (c) => ap.answersPanel({ config: c, diagnostics: { messages: [], counts: {} }, input: {} }, { missing_codes: null, labels: null }, { t, lang: 'en' }),
      structureTable: (c) => se.structureTable(c, { t, lang: 'en', onChange() {} }), // every row (before: always; now: after "show all")
      structureTable500: (c) => se.structureTable(c, { t, lang: 'en', onChange() {}, limit: 500 }), // what the drawer shows first now
    };
    if (ce.fitOf) {
      cases.fitOf = (c) => ce.fitOf(c, c.columns.map((x) => x.name).slice(1));
      cases.adaptStructure = (c) => ce.adaptStructure(c, c.columns.map((x) => x.name).slice(1));
    }
    const res = {};
    for (const [name, fn] of Object.entries(cases)) {
      const small = make(3_000, 5);
      const big = make(30_000, 5);
      const a = time(() => fn(small));
      const b = time(() => fn(big));
      res[name] = { ms_3000: Math.round(a), ms_30000: Math.round(b), ratio: +(b / Math.max(a, 0.5)).toFixed(1) };
    }
    return res;
  });
  console.log(JSON.stringify(out, null, 1));
}

// The first screen: the built-in demo survey is loaded and analysed on open, from
// the page's own origin only, with nothing requested once it is shown.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

test('the demo is analysed on open: overall scores, 5 dimensions, 22 items', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  assert.equal(await page.evaluate(() => document.body.dataset.status), 'ready');

  const servqual = page.locator('[data-testid="overall-servqual"]');
  const value = Number(await servqual.getAttribute('data-value'));
  // The demo's expectations exceed its perceptions (scripts/make-demo.py builds in
  // negative gaps), so a sign check is independent of our arithmetic.
  assert.ok(Number.isFinite(value) && value < 0, `servqual ${value}`);
  // The card shows the value to two decimals with a true minus sign.
  assert.equal(await servqual.textContent(), '\u2212' + Math.abs(value).toFixed(2));
  for (const id of ['overall-weighted-servqual', 'overall-servperf', 'overall-weighted-servperf']) {
    const v = await page.locator(`[data-testid="${id}"]`).getAttribute('data-value');
    assert.ok(Number.isFinite(Number(v)) && v !== '', `${id} = ${v}`);
  }
  // The demo has allocation columns, so the weighted score uses them.
  assert.match(await page.locator('.score-card[data-kind="overall-weighted-servqual"] .score-sub').textContent(), /allocation/);

  const dims = await page.$$eval('[data-testid="dimension-table"] tbody tr', (rows) => rows.map((r) => r.dataset.dimension));
  assert.deepEqual([...dims].sort(), ['assurance', 'empathy', 'reliability', 'responsiveness', 'tangibles']);
  const items = await page.$$eval('[data-testid="item-table"] tbody tr', (rows) => rows.map((r) => r.dataset.item));
  assert.equal(items.length, 22);
  assert.equal(new Set(items).size, 22);
  assert.equal(await page.locator('[data-testid="respondents"]').getAttribute('data-total'), '360');

  // Worst gap first, in the table and in the chart.
  const gaps = await page.$$eval('[data-testid="item-table"] tbody tr', (rows) =>
    rows.map((r) => Number(r.querySelector('td.gap').textContent.replace('\u2212', '-').replace('*', ''))),
  );
  for (let i = 1; i < gaps.length; i++) assert.ok(gaps[i - 1] <= gaps[i] + 0.005, `order at ${i}: ${gaps}`);
  assert.equal(await page.locator('svg.chart g.row[data-item]').count(), 22);
  assert.equal(await page.locator('svg.chart g.row[data-dimension]').count(), 5);
  // Every chart row carries a <title> for hover and screen readers.
  assert.equal(await page.locator('svg.chart g.row > title').count(), 27);

  assert.deepEqual(w.problems(), []);
});

test('after the results are shown the page requests nothing more, and only ever its own files', async () => {
  const w = await openReady(env, '/');
  const mark = w.mark();
  // Use the page a little: language switch, hover a chart row, open the structure editor.
  await w.page.click('[data-lang="zh"]');
  await w.page.hover('svg.chart g.row[data-item]');
  await w.page.click('#edit-structure');
  await w.page.waitForTimeout(500);
  assert.deepEqual(w.requestsSince(mark), []);
  const own = new URL(env.baseUrl).origin;
  for (const r of w.requests) assert.equal(new URL(r.url).origin, own, r.url);
  // And what it loads is small and known: page, CSS, modules, worker, engine, demo.
  const paths = w.requests.map((r) => new URL(r.url).pathname);
  for (const p of paths) assert.match(p, /^\/(index\.html)?$|^\/([\w-]+\/)*[\w-]+\.(js|css)$|^\/pkg\/gapscope(_bg\.wasm|\.js)$|^\/demo\/bank-survey\.csv$/, p);
  assert.deepEqual(paths.filter((p) => p.endsWith('.css')).sort(), ['/styles/deliver.css', '/styles/inputs.css', '/styles/styles.css']);
  assert.deepEqual(w.problems(), []);
});

test('chart rows show a tooltip on hover', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const row = w.page.locator('svg.chart g.row[data-item]').first();
  await row.hover();
  const tip = w.page.locator('#tooltip');
  await tip.waitFor({ state: 'visible' });
  const text = await tip.textContent();
  assert.match(text, /Gap/);
  assert.match(text, /95% CI/);
  assert.deepEqual(w.problems(), []);
});

test('without Web Workers the engine runs on the page thread and gives the same result', async () => {
  const withWorker = await openReady(env, '/');
  const expected = Number(await withWorker.page.getAttribute('[data-testid="overall-servqual"]', 'data-value'));
  const w = await env.open(null);
  await w.page.addInitScript(() => {
    delete window.Worker;
  });
  await w.page.goto(env.baseUrl + '/');
  await w.page.waitForSelector('body[data-status="ready"]');
  assert.equal(Number(await w.page.getAttribute('[data-testid="overall-servqual"]', 'data-value')), expected);
  assert.ok(!w.requests.some((r) => r.url.endsWith('/worker.js')));
  assert.deepEqual(w.problems(), []);
});

// Data is text, never markup: headers, cells, file names and configuration labels
// containing HTML are shown literally and no element is created from them.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, analyseText, messages } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const IMG = '<img src=x onerror="window.__pwned=1">';
const SVG = '<svg onload="window.__pwned=2"></svg>';

async function injected(page) {
  return page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    // The page itself has no <img> or <iframe>; its only SVGs are the logo and charts.
    elements: document.querySelectorAll('img, iframe, object, embed, svg:not(.chart):not(.logo)').length,
    scripts: document.querySelectorAll('script').length,
  }));
}

test('HTML in a header and in cells is shown as text and nothing is injected', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  const q = (s) => `"${s.replaceAll('"', '""')}"`;
  const csv = [`E1,${q(IMG)},P1,P2,note`, `5,6,4,5,${q(SVG)}`, `6,${q(IMG)},${q(IMG)},5,x`, '7,7,5,6,y'].join('\n');
  assert.equal(await analyseText(page, csv), 'ready');
  // The cell text comes back in a message, literally.
  const m = await messages(page);
  assert.ok(m.some((x) => x.text.includes(IMG)), JSON.stringify(m));
  // The header appears literally in the structure editor.
  await page.click('#edit-structure');
  const headers = await page.$$eval('[data-testid="structure-table"] .col-name', (els) => els.map((e) => e.textContent));
  assert.ok(headers.includes(IMG), JSON.stringify(headers));
  // Make the HTML-named column an item so it reaches the result tables and charts too.
  await page.locator(`[data-testid="structure-table"] tr:nth-child(2) select.role`).selectOption('perception');
  await page.waitForFunction(() => document.body.dataset.status === 'ready');
  await page.waitForTimeout(300);
  assert.deepEqual(await injected(page), { pwned: null, elements: 0, scripts: 1 });
  assert.equal(dialogs, 0);
  assert.deepEqual(w.problems(), []);
});

test('HTML in a file name and in survey.json labels and ids stays text', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await page.setInputFiles('#file-input', { name: `${IMG}.csv`, mimeType: 'text/csv', buffer: Buffer.from('E1,P1\n5,4\n6,6\n7,5\n') });
  await page.waitForFunction(() => document.body.dataset.status === 'ready' && document.getElementById('source-line').textContent.includes('<img'));
  const config = {
    version: 1,
    scale: { min: 1, max: 7 },
    dimensions: [{ id: SVG, label: { en: IMG, zh: IMG } }],
    items: [{ id: `Q<b>1</b>`, dimension: SVG, label: { en: IMG, zh: IMG } }],
    columns: [
      { name: 'E1', role: 'expectation', item: 'Q<b>1</b>' },
      { name: 'P1', role: 'perception', item: 'Q<b>1</b>' },
    ],
  };
  const before = Number(await page.evaluate(() => document.body.dataset.run));
  await page.setInputFiles('#config-input', { name: `${SVG}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(config)) });
  await page.waitForFunction((b) => Number(document.body.dataset.run) > b && document.body.dataset.status !== 'busy', before);
  assert.equal(await page.evaluate(() => document.body.dataset.status), 'ready');
  assert.ok((await page.textContent('[data-testid="dimension-table"]')).includes(IMG));
  assert.ok((await page.textContent('[data-testid="item-table"]')).includes(IMG));
  assert.ok((await page.textContent('#messages')).includes(`${SVG}.json`));
  await page.click('#edit-structure');
  await page.click('[data-lang="zh"]');
  assert.deepEqual(await injected(page), { pwned: null, elements: 0, scripts: 1 });
  assert.deepEqual(w.problems(), []);
});

test('the page forbids inline script and foreign origins (Content-Security-Policy)', async () => {
  const w = await openReady(env, '/');
  const csp = await w.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:/);
  assert.deepEqual(w.problems(), []);
});

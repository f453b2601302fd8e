// Templates: the built-in structures (www/templates/*.json, written from
// src/model/templates.rs) downloaded as empty questionnaire layouts (CSV, XLSX) and
// used as the starting structure. Nothing of it is fetched before the card is
// opened.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { WWW } from './harness.mjs';
import { setup, openReady } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const template = (id, lang) => JSON.parse(readFileSync(path.join(WWW, 'templates', `${id}.${lang}.json`), 'utf8'));

async function openCard(page) {
  await page.click('#templates-details > summary');
  await page.waitForSelector('#template-select option', { state: 'attached' });
}

async function download(page, button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(file) };
}

test('the template list loads only when the card is opened, in the page language', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'zh-CN' } });
  assert.equal(w.requests.filter((r) => r.url.includes('/templates/')).length, 0);
  await openCard(w.page);
  const options = await w.page.$$eval('#template-select option', (os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(
    options.map((o) => o[0]),
    ['servqual22', 'bank_branch', 'after_sales'],
  );
  assert.match(options[0][1], /SERVQUAL 22 项量表/);
  assert.match(await w.page.textContent('[data-testid="template-about"]'), /22 个题项/);
  assert.deepEqual(w.problems(), []);
});

test('CSV download: UTF-8 with a BOM, the template header row', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'zh-CN', acceptDownloads: true } });
  await openCard(w.page);
  const { name, bytes } = await download(w.page, '#template-csv');
  assert.equal(name, 'servqual22-zh.csv');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  const t = template('servqual22', 'zh');
  assert.equal(text, t.csv);
  assert.equal(text.split('\r\n')[0].split(',').length, t.header.length);
  assert.deepEqual(w.problems(), []);
});

test('XLSX download: a workbook (written by the lazily loaded workbook module) with a data and a questionnaire sheet', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US', acceptDownloads: true } });
  await openCard(w.page);
  await w.page.selectOption('#template-select', 'bank_branch');
  const mark = w.mark();
  const { name, bytes } = await download(w.page, '#template-xlsx');
  assert.equal(name, 'bank_branch-en.xlsx');
  // A zip whose parts are those of an XLSX workbook with two sheets.
  assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  const s = bytes.toString('latin1');
  for (const part of ['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) assert.ok(s.includes(part), part);
  assert.ok(w.requestsSince(mark).some((r) => r.url.endsWith('gapscope_workbook_bg.wasm')));
  // Read back through the page's own reader: the header is the template's.
  const back = await w.page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const { openWorkbook } = await import('./core/workbook-client.js');
    return openWorkbook(bytes, 'data');
  }, bytes.toString('base64'));
  assert.deepEqual(back.sheets, ['data', 'questionnaire']);
  assert.deepEqual(back.rows[0], template('bank_branch', 'en').header);
  assert.deepEqual(w.problems(), []);
});

test('starting from a template: its structure is used and its header is in the box', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  await openCard(w.page);
  await w.page.selectOption('#template-select', 'after_sales');
  const before = await w.page.evaluate(() => Number(document.body.dataset.run));
  await w.page.click('#template-use');
  await w.page.waitForFunction((b) => Number(document.body.dataset.run) > b && document.body.dataset.status !== 'busy', before);
  const t = template('after_sales', 'en');
  assert.equal(await w.page.inputValue('#data-input'), t.csv.replace(/\r\n/g, '\n'));
  assert.equal(await w.page.getAttribute('#structure-mode', 'data-mode'), 'edited');
  const config = await w.page.evaluate(() => window.gapscope.report.config);
  assert.deepEqual(
    config.items.map((i) => i.id),
    t.config.items.map((i) => i.id),
  );
  // Answers pasted under the header are analysed with that structure.
  const row = t.config.columns.map((c) => (c.role === 'id' ? '1' : c.role === 'segment' ? 'A' : c.role === 'recommend' ? '9' : '4')).join(',');
  const row2 = t.config.columns.map((c) => (c.role === 'id' ? '2' : c.role === 'segment' ? 'B' : c.role === 'recommend' ? '7' : '3')).join(',');
  await w.page.fill('#data-input', `${t.csv}${row}\n${row2}\n`);
  const run = await w.page.evaluate(() => Number(document.body.dataset.run));
  await w.page.click('#analyze');
  await w.page.waitForFunction((b) => Number(document.body.dataset.run) > b && document.body.dataset.status !== 'busy', run);
  assert.equal(await w.page.evaluate(() => document.body.dataset.status), 'ready');
  assert.equal(await w.page.evaluate(() => window.gapscope.report.respondents.analysed), 2);
  assert.deepEqual(w.problems(), []);
});

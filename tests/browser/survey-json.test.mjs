// Loading a survey.json the page cannot afford (issue 8, item 11, page side):
// its size and nesting are checked before it is parsed, items no column names
// are left out (a 1 MB file of 30,000 of them took 53 s, on every reload), and a
// structure too large to load back quickly is used for the session, not stored.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, analyseText, overall, near, currentRun, waitForRun, SMALL_CSV, SMALL } from './page-helpers.mjs';
import { messageWith } from './input-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const EN = { contextOptions: { locale: 'en-US' } };

/** The structure of SMALL_CSV: items 1–4 tangibles, item 5 reliability. */
function smallConfig(extra = {}) {
  const items = [1, 2, 3, 4, 5].map((i) => ({ id: `Q${i}`, dimension: i < 5 ? 'tangibles' : 'reliability' }));
  const columns = [1, 2, 3, 4, 5].flatMap((i) => [
    { name: `E${i}`, role: 'expectation', item: `Q${i}` },
    { name: `P${i}`, role: 'perception', item: `Q${i}` },
  ]);
  return { version: 1, scale: { min: 1, max: 7 }, dimensions: [{ id: 'tangibles' }, { id: 'reliability' }], items, columns, ...extra };
}

async function loadJson(page, name, text) {
  await page.setInputFiles('#config-input', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a survey.json over 2 MB is refused by its size, before it is read', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  const huge = JSON.stringify(smallConfig({ padding: 'x'.repeat(2.2 * 1024 * 1024) }));
  await loadJson(page, 'huge.json', huge);
  const text = await messageWith(page, 'msg.configTooLarge');
  assert.match(text, /“huge\.json” is 2\.\d MB; a survey\.json can be at most 2\.0 MB/);
  assert.equal(await page.getAttribute('#structure-mode', 'data-mode'), 'detected');
  await page.click('[data-lang="zh"]');
  assert.match(await page.textContent('.message[data-code="msg.configTooLarge"]'), /最大为 2\.0 MB/);
  assert.deepEqual(w.problems(), []);
});

test('not JSON and not a structure: said in words, in the page language', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'zh-CN' } });
  const { page } = w;
  await loadJson(page, 'broken.json', '{"columns": [');
  assert.match(await messageWith(page, 'msg.configNotJson'), /“broken\.json”不是有效的 JSON/);
  await loadJson(page, 'list.json', '[1, 2, 3]');
  assert.match(await messageWith(page, 'msg.configNoColumns'), /“list\.json”不是问卷结构/);
  assert.deepEqual(w.problems(), []);
});

test('30,000 items no column names: left out and said so, the file loads in seconds, and again after a reload', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  const config = smallConfig();
  for (let i = 0; i < 30_000; i++) config.items.push({ id: `unused_${i}`, dimension: i % 2 ? 'tangibles' : 'reliability' });
  const text = JSON.stringify(config);
  assert.ok(text.length > 1_000_000);
  const t0 = Date.now();
  const run = await currentRun(page);
  await loadJson(page, 'many-items.json', text);
  assert.equal(await waitForRun(page, run), 'ready');
  const ms = Date.now() - t0;
  assert.ok(ms < 10_000, `took ${ms} ms`);
  assert.match(await messageWith(page, 'msg.configUnusedItems'), /30,000 items of “many-items\.json” are named by no column, so they were left out/);
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));
  assert.equal(await page.evaluate(() => window.gapscope.report.config.items.length), 5);
  const t1 = Date.now();
  await page.reload();
  await page.waitForSelector('body[data-status="ready"]');
  assert.ok(Date.now() - t1 < 10_000, `reload took ${Date.now() - t1} ms`);
  assert.equal(await page.textContent('#structure-mode'), 'Edited by you');
  assert.deepEqual(w.problems(), []);
});

test('a structure above 256 KB of JSON is used for the session, not stored, and the page says so', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  const config = smallConfig({ dimensions: [{ id: 'tangibles', label: { en: 'T'.repeat(300_000), zh: '有形性' } }, { id: 'reliability' }] });
  const run = await currentRun(page);
  await loadJson(page, 'big-label.json', JSON.stringify(config));
  assert.equal(await waitForRun(page, run), 'ready');
  const text = await messageWith(page, 'msg.structureNotKept');
  assert.match(text, /too large to keep for the next visit \(300,\d{3} characters of JSON; up to 262,144 are kept\)/);
  assert.equal(await page.textContent('#structure-mode'), 'Edited by you');
  const stored = await page.evaluate(() => [sessionStorage.getItem('gapscope.v1.structure'), localStorage.getItem('gapscope.v1.structure')]);
  assert.deepEqual(stored, [null, null]);
  assert.deepEqual(w.problems(), []);
});

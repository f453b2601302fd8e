// 简体中文 / English: switchable at any time, defaulting to the browser's language
// and remembered; dimension names come from the configuration's labels or the
// built-in translations, ids never translated.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, analyseText } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const heading = (page) => page.textContent('.overview h2');
const dimName = (page, id) => page.textContent(`[data-testid="dimension-table"] tr[data-dimension="${id}"] .dim-name`);

test('the language follows the browser on first visit and switches both ways', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'zh-CN' } });
  const { page } = w;
  assert.equal(await heading(page), '总体服务质量');
  assert.equal(await dimName(page, 'reliability'), '可靠性');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('#analyze'), '分析');

  await page.click('[data-lang="en"]');
  assert.equal(await heading(page), 'Overall service quality');
  assert.equal(await dimName(page, 'reliability'), 'Reliability');
  assert.equal(await page.textContent('#analyze'), 'Analyse');
  assert.equal(await page.getAttribute('[data-lang="en"]', 'aria-pressed'), 'true');
  // Chart labels are translated too.
  assert.ok(await page.locator('svg.chart text', { hasText: 'Reliability' }).count() > 0);
  assert.ok((await page.locator('svg.chart text', { hasText: '可靠性' }).count()) === 0);
  // Engine messages switch language as well.
  assert.match(await page.textContent('#messages'), /Detected 22 items/);

  await page.click('[data-lang="zh"]');
  assert.equal(await heading(page), '总体服务质量');
  assert.match(await page.textContent('#messages'), /识别到 22 个题项/);
  assert.deepEqual(w.problems(), []);
});

test('the chosen language is remembered over a reload', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  await w.page.click('[data-lang="zh"]');
  await w.page.reload();
  await w.page.waitForSelector('body[data-status="ready"]');
  assert.equal(await heading(w.page), '总体服务质量');
  assert.deepEqual(w.problems(), []);
});

test('dimension names: configured label, else built-in translation, else the id itself', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  const csv = ['rel_e,rel_p,dig_e,dig_p,staff_e,staff_p', '6,5,5,4,6,6', '7,5,6,6,5,4', '5,4,7,5,7,5'].join('\n');
  await analyseText(page, csv);
  const config = {
    version: 1,
    scale: { min: 1, max: 7 },
    dimensions: [{ id: 'reliability' }, { id: 'digital' }, { id: 'staff', label: { en: 'Our staff', zh: '我们的员工' } }],
    items: [
      { id: 'R1', dimension: 'reliability' },
      { id: 'D1', dimension: 'digital' },
      { id: 'S1', dimension: 'staff' },
    ],
    columns: [
      { name: 'rel_e', role: 'expectation', item: 'R1' },
      { name: 'rel_p', role: 'perception', item: 'R1' },
      { name: 'dig_e', role: 'expectation', item: 'D1' },
      { name: 'dig_p', role: 'perception', item: 'D1' },
      { name: 'staff_e', role: 'expectation', item: 'S1' },
      { name: 'staff_p', role: 'perception', item: 'S1' },
    ],
  };
  const before = Number(await page.evaluate(() => document.body.dataset.run));
  await page.setInputFiles('#config-input', { name: 'survey.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(config)) });
  await page.waitForFunction((b) => Number(document.body.dataset.run) > b && document.body.dataset.status !== 'busy', before);
  const names = async () => ({ rel: await dimName(page, 'reliability'), dig: await dimName(page, 'digital'), staff: await dimName(page, 'staff') });
  assert.deepEqual(await names(), { rel: 'Reliability', dig: 'digital', staff: 'Our staff' });
  await page.click('[data-lang="zh"]');
  assert.deepEqual(await names(), { rel: '可靠性', dig: 'digital', staff: '我们的员工' });
  assert.equal(await page.textContent('#structure-mode'), '已手动修改');
  assert.deepEqual(w.problems(), []);
});

// On a phone the page scrolls only vertically, in both languages: wide tables
// scroll inside their own boxes, and no control (the fuzzy operator's select,
// as wide as its longest formula, once made the English page 395 px wide)
// widens the page.
for (const locale of ['en-US', 'zh-CN']) {
  test(`at 390 px the ${locale} page is no wider than the screen`, async () => {
    const w = await openReady(env, '/', { contextOptions: { locale, viewport: { width: 390, height: 800 } } });
    const { page } = w;
    await page.waitForSelector('.option-field select');
    const { client, scroll } = await page.evaluate(() => ({
      client: document.documentElement.clientWidth,
      scroll: document.documentElement.scrollWidth,
    }));
    assert.equal(client, 390);
    assert.ok(scroll <= client, `the page is ${scroll} px wide on a ${client} px screen`);
    assert.deepEqual(w.problems(), []);
  });
}

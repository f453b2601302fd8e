// What is typed into a settings field survives a reload even when the field was
// never left (no change event): weights, scale min/max, missing-value codes,
// label values, item ids, AHP judgments, indicator weights (issue 8, item 19).
// The page saves on input (debounced) and at once on pagehide and when hidden.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, analyseText, overall, near, currentRun, waitForRun, SMALL_CSV } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const EN = { contextOptions: { locale: 'en-US' } };

async function reload(page) {
  await page.reload();
  await page.waitForSelector('body[data-status="ready"], body[data-status="error"]');
}

async function step(page, action) {
  const before = await currentRun(page);
  await action();
  return waitForRun(page, before);
}

test('a weight typed without leaving the field is there after an immediate reload, and used', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  await step(page, () => page.check('#weighting-direct'));
  await page.fill('#direct-weights input[data-dimension="tangibles"]', '30');
  // fill() fires input, not change; the reload comes before the analysis delay.
  await page.fill('#direct-weights input[data-dimension="reliability"]', '70');
  await reload(page);
  assert.equal(await page.inputValue('#direct-weights input[data-dimension="tangibles"]'), '30');
  assert.equal(await page.inputValue('#direct-weights input[data-dimension="reliability"]'), '70');
  // numpy: 0.3 · (−0.8125) + 0.7 · (−1.25) = −1.11875
  assert.ok(near((await overall(page)).weighted, -1.11875), String((await overall(page)).weighted));
  assert.deepEqual(w.problems(), []);
});

test('scale max, missing-value codes, a label value and an item id typed in place survive a reload', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  // Answers written as labels, so the label map has rows.
  const csv = ['E1,P1,E2,P2', '非常同意,同意,一般,同意', '同意,一般,非常同意,非常同意', '一般,同意,同意,一般'].join('\n');
  await analyseText(page, csv);
  const label = '[data-testid="label-map"] tr[data-label="同意"] input[type="number"]';
  // One field at a time, each reloaded while it still has the focus (leaving
  // a field would fire its change event).
  const typed = [
    ['#scale-max', '9'],
    ['#missing-codes', '99, 98'],
    [label, '4.5'],
  ];
  for (const [field, value] of typed) {
    await page.fill(field, value);
    await reload(page);
    assert.equal(await page.inputValue(field), value, field);
  }
  await page.click('#edit-structure');
  await page.fill('[data-testid="structure-table"] tr[data-column="P2"] input.item', 'Q9');
  await reload(page);
  const config = await page.evaluate(() => window.gapscope.report.config);
  assert.deepEqual(config.scale, { min: 1, max: 9 });
  assert.deepEqual(config.missing_codes, ['99', '98']);
  assert.equal(config.labels.find((l) => l.label === '同意').value, 4.5);
  assert.equal(config.columns.find((c) => c.name === 'P2').item, 'Q9');
  assert.deepEqual(w.problems(), []);
});

test('an AHP judgment and an indicator weight survive an immediate reload', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  await step(page, () => page.check('#weighting-ahp'));
  await page.click('#open-weights');
  await page.waitForSelector('#weights-panel:not([hidden]) #ahp-dims');
  // Reloaded before the judgment is analysed (300 ms later): the weighting in
  // use must already hold it, or the reload would adopt the earlier one.
  await page.selectOption('#ahp-dims-0-1', '5');
  await reload(page);
  await page.click('#open-weights');
  await page.waitForSelector('#weights-panel:not([hidden]) #ahp-dims');
  assert.equal(await page.inputValue('#ahp-dims-0-1'), '5');
  assert.deepEqual(await page.evaluate(() => window.gapscope.report.config.weighting.matrix), [[1, 5], [0.2, 1]]);

  await page.click('#ws-tab-table');
  await page.click('#ind-example');
  await page.waitForSelector('[data-testid="indicator-tab"][data-busy="false"] [data-testid="ind-weights"]');
  await page.click('[data-testid="indicator-tab"] details[data-key="ind-combine"] summary');
  await page.fill('[data-testid="ind-combine"] input[data-indicator="price"]', '3');
  await reload(page);
  await page.click('#open-weights');
  await page.click('#ws-tab-table');
  await page.waitForSelector('[data-testid="indicator-tab"][data-busy="false"] [data-testid="ind-combine"] input[data-indicator="price"]');
  assert.equal(await page.inputValue('[data-testid="ind-combine"] input[data-indicator="price"]'), '3');
  assert.deepEqual(w.problems(), []);
});

test('a page put in the background saves what is typed at once (visibilitychange)', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  await page.fill('#scale-max', '11');
  const saved = await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    return JSON.parse(sessionStorage.getItem('gapscope.v1.overrides'))?.scale ?? null;
  });
  assert.deepEqual(saved, { min: 1, max: 11 });
  assert.deepEqual(w.problems(), []);
});

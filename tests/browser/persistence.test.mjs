// What survives a reload: the pasted data, the edited structure and the settings.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, analyseText, pasteText, overall, near, currentRun, waitForRun, SMALL_CSV, SMALL } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

async function reload(page) {
  await page.reload();
  await page.waitForSelector('body[data-status="ready"], body[data-status="error"]');
}

test('reload keeps pasted text and typed text', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await pasteText(page, SMALL_CSV);
  await reload(page);
  assert.equal(await page.inputValue('#data-input'), SMALL_CSV);
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));

  // Typed without pressing Analyse, then reloaded at once.
  const typed = SMALL_CSV + '\n5,5,5,5,5,5,5,5,5,5';
  await page.fill('#data-input', typed);
  await reload(page);
  assert.equal(await page.inputValue('#data-input'), typed);
  assert.deepEqual(w.problems(), []);
});

test('reload keeps the structure edits, scale, significance level and weights', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  const step = async (action) => {
    const before = await currentRun(page);
    await action();
    await waitForRun(page, before);
  };
  await page.click('#edit-structure');
  await step(() => page.locator('[data-testid="structure-table"] tr[data-column="P4"] select.role').selectOption('ignore'));
  await page.click('#close-structure');
  await step(() => page.selectOption('#scale-preset', '1-10'));
  await step(() => page.selectOption('#alpha', '0.01'));
  await step(() => page.check('#weighting-direct'));
  await page.fill('#direct-weights input[data-dimension="tangibles"]', '30');
  await step(() => page.fill('#direct-weights input[data-dimension="reliability"]', '70').then(() => page.press('#direct-weights input[data-dimension="reliability"]', 'Tab')));
  const before = await overall(page);

  await reload(page);
  assert.equal(await page.inputValue('#scale-preset'), '1-10');
  assert.equal(await page.inputValue('#alpha'), '0.01');
  assert.equal(await page.isChecked('#weighting-direct'), true);
  assert.equal(await page.inputValue('#direct-weights input[data-dimension="reliability"]'), '70');
  assert.equal(await page.textContent('#structure-mode'), 'Edited by you');
  assert.deepEqual(await overall(page), before);
  // numpy: P4 ignored → tangibles (G[:, :3]) −2/3; 0.3 · (−2/3) + 0.7 · (−1.25) = −1.075
  assert.ok(near(before.weighted, -1.075), String(before.weighted));
  const report = await page.evaluate(() => window.gapscope.report.config);
  assert.deepEqual(report.scale, { min: 1, max: 10 });
  assert.equal(report.alpha, 0.01);
  assert.deepEqual(w.problems(), []);
});

test('"Load demo" and "Clear" survive a reload too', async () => {
  const w = await openReady(env, '/');
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  const before = await currentRun(page);
  await page.click('#load-demo');
  // The user's data is about to be replaced: the page asks first (keeping.test.mjs).
  await page.click('#replace-dialog [data-testid="dialog-confirm"]');
  await waitForRun(page, before);
  await reload(page);
  assert.equal(await page.getAttribute('#source-line', 'data-kind'), 'demo');
  assert.equal(await page.getAttribute('[data-testid="respondents"]', 'data-total'), '360');

  await page.click('#clear');
  assert.equal(await page.inputValue('#data-input'), '');
  await reload(page);
  assert.equal(await page.inputValue('#data-input'), '');
  assert.equal(await page.locator('.empty-state').count(), 1);
  assert.equal(await page.locator('#messages .message.error').count(), 0); // empty, not an error
  assert.deepEqual(w.problems(), []);
});

// The structure editor: each change re-analyses with the edited configuration,
// the configuration downloads as survey.json and loads again. Expected values
// computed with numpy from SMALL_CSV (see page-helpers.mjs):
//
//   G = P - E
//   P4 ignored:       (G[:, :3].mean(1).mean() + G[:, 4].mean()) / 2  = -0.958333…
//   Q5 → tangibles:   G.mean(1).mean()                                = -0.9
//   E1 reverse-coded: E[:, 0] = 8 - E[:, 0]; (tang + rel) / 2         = -0.65625

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { setup, openReady, analyseText, overall, near, currentRun, waitForRun, SMALL_CSV, SMALL } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const row = (page, column) => page.locator(`[data-testid="structure-table"] tr[data-column="${column}"]`);

async function edit(page, action) {
  const before = await currentRun(page);
  await action();
  return waitForRun(page, before);
}

test('setting a column to "ignore" changes the results', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  await page.click('#edit-structure');
  assert.equal(await row(page, 'P4').locator('select.role').inputValue(), 'perception');
  assert.equal(await row(page, 'P4').locator('input.item').inputValue(), 'Q4');
  assert.equal(await edit(page, () => row(page, 'P4').locator('select.role').selectOption('ignore')), 'ready');
  assert.ok(near((await overall(page)).servqual, SMALL.p4Ignored), String((await overall(page)).servqual));
  // The report says what was used: Q4 has no perception column any more.
  const used = await page.evaluate(() => window.gapscope.report.config.columns.find((c) => c.name === 'P4'));
  assert.equal(used.role, 'ignore');
  assert.equal(await page.textContent('#structure-mode'), 'Edited by you');
  // Back to perception restores the original score.
  await edit(page, () => row(page, 'P4').locator('select.role').selectOption('perception'));
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));
  assert.deepEqual(w.problems(), []);
});

test('moving an item to another dimension, adding a dimension, reverse coding', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  await page.click('#edit-structure');
  // The dimension of an item applies to both its E and P column.
  await edit(page, () => row(page, 'E5').locator('select.dimension').selectOption('tangibles'));
  assert.equal(await row(page, 'P5').locator('select.dimension').inputValue(), 'tangibles');
  assert.ok(near((await overall(page)).servqual, -0.9));
  assert.equal(await page.locator('[data-testid="dimension-table"] tbody tr').count(), 1);

  // A new dimension of one's own.
  await page.fill('#new-dimension', 'digital channels');
  await page.click('#add-dimension button[type="submit"]');
  await edit(page, () => row(page, 'P5').locator('select.dimension').selectOption('digital_channels'));
  const dims = await page.$$eval('[data-testid="dimension-table"] tbody tr', (rows) => rows.map((r) => r.dataset.dimension).sort());
  assert.deepEqual(dims, ['digital_channels', 'tangibles']);
  // Same split as the standard one (items 1–4 / item 5), so the score is the original.
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));

  // Reverse-code E1 on the 1–7 scale: x' = 8 − x.
  await edit(page, () => row(page, 'E1').locator('input.reverse').check());
  assert.ok(near((await overall(page)).servqual, -0.65625), String((await overall(page)).servqual));
  assert.deepEqual(w.problems(), []);
});

test('survey.json downloads, resets and loads back', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US', acceptDownloads: true } });
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  await page.click('#edit-structure');
  await edit(page, () => row(page, 'P4').locator('select.role').selectOption('ignore'));
  await page.click('#close-structure');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-config')]);
  assert.equal(download.suggestedFilename(), 'survey.json');
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(saved.columns.find((c) => c.name === 'P4').role, 'ignore');
  assert.deepEqual(saved.scale, { min: 1, max: 7 });

  await edit(page, () => page.click('#reset-structure'));
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));
  assert.equal(await page.textContent('#structure-mode'), 'Detected from the headers');

  await edit(page, () => page.setInputFiles('#config-input', { name: 'survey.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(saved)) }));
  assert.ok(near((await overall(page)).servqual, SMALL.p4Ignored));
  assert.deepEqual(w.problems(), []);
});

test('an edited structure is kept for new data with the same columns and put aside for other data', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  await page.click('#edit-structure');
  await edit(page, () => row(page, 'P4').locator('select.role').selectOption('ignore'));
  // Same columns, rows in another order: the edit still applies.
  const [head, ...body] = SMALL_CSV.split('\n');
  await analyseText(page, [head, ...body.reverse()].join('\n'));
  assert.ok(near((await overall(page)).servqual, SMALL.p4Ignored));
  // Different columns: detected afresh, with a note; the edited one is kept aside.
  await analyseText(page, 'E1,P1\n5,4\n6,6\n7,5\n');
  assert.equal(await page.textContent('#structure-mode'), 'Detected from the headers');
  assert.ok(await page.locator('#messages .message[data-code="msg.structureParked"]').count());
  assert.equal(await page.locator('#use-saved-structure').count(), 1);
  assert.deepEqual(w.problems(), []);
});

test('one header edited in the box: the edited structure is kept for the columns that fit, and the rest is named', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  await page.click('#edit-structure');
  await edit(page, () => row(page, 'P4').locator('select.role').selectOption('ignore'));
  await edit(page, () => row(page, 'E1').locator('input.reverse').check());
  await page.click('#close-structure');
  const edited = (await overall(page)).servqual;
  // E5 renamed in the data box, then Analyse.
  const renamed = SMALL_CSV.replace('E4,E5,', 'E4,Exp5,');
  await analyseText(page, renamed);
  assert.equal(await page.textContent('#structure-mode'), 'Edited by you');
  const text = await page.textContent('#messages .message[data-code="msg.structurePartial"] .message-body');
  assert.match(text, /names 1 column the data does not have \(“E5”\)/);
  assert.match(text, /does not cover 1 new column \(“Exp5”\)/);
  // The edits still apply to the columns that fit: P4 ignored, E1 reverse-coded.
  const cols = await page.evaluate(() => window.gapscope.report.config.columns);
  assert.equal(cols.find((c) => c.name === 'P4').role, 'ignore');
  assert.equal(cols.find((c) => c.name === 'E1').reverse, true);
  assert.equal(cols.find((c) => c.name === 'Exp5').role, 'ignore');
  assert.equal(cols.some((c) => c.name === 'E5'), false);
  // In Chinese too.
  await page.click('[data-lang="zh"]');
  assert.match(await page.textContent('.message[data-code="msg.structurePartial"]'), /其中有 1 列在数据中不存在（“E5”）/);
  await page.click('[data-lang="en"]');

  // Back to the original header: the stored structure fits fully again, as it was.
  await analyseText(page, SMALL_CSV);
  assert.equal(await page.textContent('#structure-mode'), 'Edited by you');
  assert.equal(await page.locator('#messages .message[data-code^="msg.structure"]').count(), 0);
  assert.equal((await overall(page)).servqual, edited);

  // Renamed again, and the new column given the role of the old one: the same results.
  await analyseText(page, renamed);
  await page.click('#edit-structure');
  await edit(page, () => row(page, 'Exp5').locator('select.role').selectOption('expectation'));
  assert.equal(await row(page, 'Exp5').locator('input.item').inputValue(), 'Q5');
  assert.equal((await overall(page)).servqual, edited);
  assert.equal(await page.locator('#messages .message[data-code^="msg.structure"]').count(), 0);
  assert.deepEqual(w.problems(), []);
});

test('a structure that does not fit is kept, offered again, and comes back by itself for data it fits', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  await page.click('#edit-structure');
  await edit(page, () => row(page, 'P4').locator('select.role').selectOption('ignore'));
  await page.click('#close-structure');
  await analyseText(page, 'A,B\n1,2\n3,4\n');
  assert.match(await page.textContent('.message[data-code="msg.structureParked"]'), /Yours is kept/);
  assert.match(await page.textContent('[data-testid="parked-structure"]'), /9 columns, 5 items/);
  // Kept across a reload (stored, not deleted).
  await page.reload();
  await page.waitForSelector('body[data-status="ready"], body[data-status="error"]');
  assert.equal(await page.locator('#use-saved-structure').count(), 1);
  // Used again on request: the mismatch is named, nothing is put aside again.
  await edit(page, () => page.click('#use-saved-structure'));
  assert.equal(await page.textContent('#structure-mode'), 'Edited by you');
  assert.ok(await page.locator('.message[data-code="msg.structureNoFit"]').count());
  await edit(page, () => page.click('#reset-structure'));
  assert.equal(await page.locator('#use-saved-structure').count(), 0);

  // Put aside again by other data, then data it fits: back by itself, with the edit.
  await analyseText(page, SMALL_CSV);
  await page.click('#edit-structure');
  await edit(page, () => row(page, 'P4').locator('select.role').selectOption('ignore'));
  await page.click('#close-structure');
  await analyseText(page, 'A,B\n1,2\n3,4\n');
  await analyseText(page, SMALL_CSV);
  assert.ok(await page.locator('.message[data-code="msg.structureBack"]').count());
  assert.ok(near((await overall(page)).servqual, SMALL.p4Ignored));
  assert.deepEqual(w.problems(), []);
});

test('a very wide survey: the editor shows the first 500 columns at once and the rest on request', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  const n = 600;
  const head = [...Array.from({ length: n }, (_, i) => `E${i + 1}`), ...Array.from({ length: n }, (_, i) => `P${i + 1}`)];
  const line = (k) => head.map((_, j) => 1 + ((j + k) % 7)).join(',');
  await analyseText(page, [head.join(','), line(0), line(1), line(2)].join('\n'));
  await page.click('#edit-structure');
  assert.equal(await page.locator('[data-testid="structure-table"] tbody tr').count(), 500);
  assert.match(await page.textContent('#structure-show-all'), /first 500 of 1200 columns/);
  await page.click('#structure-show-all');
  assert.equal(await page.locator('[data-testid="structure-table"] tbody tr').count(), 1200);
  assert.equal(await page.locator('#structure-show-all').count(), 0);
  assert.deepEqual(w.problems(), []);
});

// Getting data in: paste (analysed at once), typing + Analyse, the three
// delimiters, and opening a file (UTF-8 and the UTF-16 that Excel's "Unicode
// text" writes). Expected scores are computed independently: see SMALL_CSV.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, pasteText, analyseText, overall, near, SMALL_CSV, SMALL } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

test('pasting a small CSV over the demo analyses it and shows the expected scores', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  assert.equal(await pasteText(page, SMALL_CSV), 'ready');
  // The paste replaced the demo rather than being inserted into it.
  assert.equal(await page.inputValue('#data-input'), SMALL_CSV);
  const o = await overall(page);
  assert.ok(near(o.servqual, SMALL.servqual), `servqual ${o.servqual}`);
  assert.ok(near(o.servperf, SMALL.servperf), `servperf ${o.servperf}`);
  // No allocation columns: the weighted score is the equal-weight one.
  assert.ok(near(o.weighted, SMALL.servqual), `weighted ${o.weighted}`);
  assert.equal(await page.locator('[data-testid="overall-servqual"]').textContent(), '\u22121.03');

  // Dimension gaps and the item test, as shown in the tables.
  const tang = page.locator('[data-testid="dimension-table"] tr[data-dimension="tangibles"] td.gap');
  assert.equal((await tang.textContent()).trim(), '\u22120.81 *'); // -0.8125, p = 0.0065 < 0.05
  const q5 = page.locator('[data-testid="item-table"] tr[data-item="Q5"] td');
  const cells = await q5.allTextContents();
  // E, P, gap, SD, n, CI, t, df, p, p(Holm)
  assert.equal(cells[1], '6.25'); // mean E5
  assert.equal(cells[2], '5.00'); // mean P5
  assert.equal(cells[3], '\u22121.25'); // not significant: no star
  assert.equal(cells[6], '[\u22123.64, 1.14]'); // scipy CI (-3.6368, 1.1368)
  assert.equal(cells[7], SMALL.q5.t.toFixed(2).replace('-', '\u2212'));
  assert.equal(cells[8], String(SMALL.q5.df));
  assert.equal(cells[9], SMALL.q5.p.toFixed(3));
  assert.deepEqual(w.problems(), []);
});

test('tab-separated (spreadsheet copy) and semicolon data give the same scores', async () => {
  const w = await openReady(env, '/');
  for (const sep of ['\t', ';']) {
    const text = SMALL_CSV.replaceAll(',', sep);
    assert.equal(await analyseText(w.page, text), 'ready');
    const o = await overall(w.page);
    assert.ok(near(o.servqual, SMALL.servqual), `${JSON.stringify(sep)}: ${o.servqual}`);
  }
  // Windows line ends and a trailing blank line change nothing.
  assert.equal(await analyseText(w.page, SMALL_CSV.replaceAll('\n', '\r\n') + '\r\n\r\n'), 'ready');
  assert.ok(near((await overall(w.page)).servqual, SMALL.servqual));
  assert.deepEqual(w.problems(), []);
});

test('opening a file analyses its bytes, UTF-8 or UTF-16 with BOM', async () => {
  const w = await openReady(env, '/');
  const { page } = w;
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SMALL_CSV.replaceAll(',', '\t'), 'utf16le')]);
  for (const [name, buffer] of [
    ['survey.csv', Buffer.from(SMALL_CSV, 'utf8')],
    ['unicode-text.txt', utf16],
  ]) {
    const before = Number(await page.evaluate(() => document.body.dataset.run));
    await page.setInputFiles('#file-input', { name, mimeType: 'text/plain', buffer });
    await page.waitForFunction((b) => Number(document.body.dataset.run) > b && document.body.dataset.status !== 'busy', before);
    assert.equal(await page.evaluate(() => document.body.dataset.status), 'ready', name);
    assert.ok(near((await overall(page)).servqual, SMALL.servqual), name);
    assert.match(await page.textContent('#source-line'), new RegExp(name.replace('.', '\\.')));
  }
  assert.deepEqual(w.problems(), []);
});

// Workbooks are read (tests/browser/inputs.test.mjs); a broken one is refused.
test('a broken Excel workbook is refused with a message, and the page keeps its results', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  const before = (await overall(page)).servqual;
  await page.setInputFiles('#file-input', { name: 'survey.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('PK\x03\x04') });
  await page.locator('#messages .message[data-code="workbook_corrupt"]').waitFor();
  assert.match(await page.textContent('#messages'), /survey\.xlsx.*could not be read/);
  assert.equal((await overall(page)).servqual, before);
  assert.deepEqual(w.problems(), []);
});

test('dropping a file on the page analyses it', async () => {
  const w = await openReady(env, '/');
  const { page } = w;
  const before = Number(await page.evaluate(() => document.body.dataset.run));
  const dt = await page.evaluateHandle((csv) => {
    const d = new DataTransfer();
    d.items.add(new File([csv], 'dropped.tsv', { type: 'text/tab-separated-values' }));
    return d;
  }, SMALL_CSV.replaceAll(',', '\t'));
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  assert.equal(await page.isVisible('#drop-overlay'), true);
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await page.waitForFunction((b) => Number(document.body.dataset.run) > b && document.body.dataset.status !== 'busy', before);
  assert.equal(await page.isVisible('#drop-overlay'), false);
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));
  assert.match(await page.textContent('#source-line'), /dropped\.tsv/);
  assert.deepEqual(w.problems(), []);
});

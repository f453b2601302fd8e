// Every input format through the page's file input (setInputFiles), to results:
// text in UTF-8, UTF-16 ("Unicode text") and GB18030, workbooks (XLSX with
// several sheets, XLS, ODS), the four survey platforms, long and summary
// tables, answers written as text. Expected facts come from the fixture
// generator (tests/fixtures/make_fixtures.py → *.expect.json, written from
// the data it generated, not from Gapscope); numbers are recomputed here with
// numpy in the comments.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { setup, openReady, messages, near } from './page-helpers.mjs';
import { fixture, openFixture, shown, readPanel, rerun } from './input-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const expect = (name) => JSON.parse(readFileSync(fixture(`${name}.expect.json`), 'utf8'));

async function page(lang = 'en') {
  return openReady(env, '/', { contextOptions: { locale: lang === 'zh' ? 'zh-CN' : 'en-US' } });
}

test('CSV in UTF-8 with a BOM (Qualtrics export): platform rows skipped, question text read', async () => {
  const w = await page();
  const x = expect('qualtrics');
  assert.equal(await openFixture(w.page, 'qualtrics.csv'), 'ready');
  const r = await shown(w.page);
  assert.equal(r.total, x.respondents);
  assert.equal(r.items, x.items);
  assert.equal(r.input.platform, 'qualtrics');
  assert.deepEqual(r.input.skipped_rows, x.skipped_rows);
  const p = await readPanel(w.page);
  assert.equal(p.encoding, 'utf-8');
  assert.ok(p.recognised.includes('platform'), JSON.stringify(p));
  assert.match(p.text, /Qualtrics/);
  assert.equal(p.headerRow, String(x.header_row));
  // The box shows the decoded text.
  assert.match(await w.page.inputValue('#data-input'), /^StartDate,/);
  assert.deepEqual(w.problems(), []);
});

test('UTF-16 "Unicode text" (tab-separated, as Excel saves it) and its BOM-less twin', async () => {
  const w = await page();
  const x = expect('excel_unicode');
  for (const name of ['excel_unicode.txt', 'excel_unicode_nobom.txt']) {
    assert.equal(await openFixture(w.page, name), 'ready', name);
    const r = await shown(w.page);
    assert.equal(r.total, x.respondents, name);
    assert.equal(r.items, x.items, name);
    assert.equal(r.input.encoding.encoding, x.encoding, name);
    assert.equal(r.input.delimiter, '\t', name);
    const p = await readPanel(w.page);
    assert.equal(p.encoding, 'utf-16le', name);
    assert.match(p.format, /Tab/);
  }
  assert.deepEqual(w.problems(), []);
});

test('GB18030 CSV (问卷星, Chinese Excel): detected, shown decoded, and the encoding can be overridden', async () => {
  const w = await page('zh');
  assert.equal(await openFixture(w.page, 'wenjuanxing_gbk.csv'), 'ready');
  let r = await shown(w.page);
  assert.equal(r.input.encoding.encoding, 'gb18030');
  assert.equal(r.input.platform, 'wenjuanxing');
  assert.equal(r.total, 15);
  assert.match(await w.page.inputValue('#data-input'), /提交答卷时间/);
  const p = await readPanel(w.page);
  assert.equal(p.encoding, 'gb18030');
  assert.match(p.text, /问卷星/);
  // Read as Windows-1252 instead: the headers become mojibake, the platform is gone.
  assert.ok(['ready', 'error'].includes(await rerun(w.page, () => w.page.selectOption('#encoding-select', 'windows-1252'))));
  r = await shown(w.page);
  assert.equal(r.input.encoding.encoding, 'windows-1252');
  assert.equal(r.input.platform, undefined);
  assert.doesNotMatch(await w.page.inputValue('#data-input'), /提交答卷时间/);
  // And back to detection.
  assert.equal(await rerun(w.page, () => w.page.selectOption('#encoding-select', '')), 'ready');
  r = await shown(w.page);
  assert.equal(r.input.encoding.encoding, 'gb18030');
  assert.equal(r.input.platform, 'wenjuanxing');
  assert.deepEqual(w.problems(), []);
});

test('XLSX with an instructions sheet and a data sheet: the data sheet is chosen, the other can be picked', async () => {
  const w = await page();
  const x = expect('bank_title');
  assert.equal(await openFixture(w.page, 'bank_title.xlsx'), 'ready');
  let p = await readPanel(w.page);
  assert.deepEqual(p.sheets, ['填写说明', x.sheet]);
  assert.equal(p.sheet, x.sheet);
  assert.equal(p.headerRow, String(x.header_row));
  assert.match(p.skipped, /1, 2/);
  let r = await shown(w.page);
  assert.equal(r.total, x.respondents);
  assert.equal(r.items, x.items);
  assert.deepEqual(r.input.skipped_rows, x.skipped_rows);
  // The instructions sheet has no table: an error, no results.
  assert.equal(await rerun(w.page, () => w.page.selectOption('#sheet-select', '填写说明')), 'error');
  assert.equal((await readPanel(w.page)).sheet, '填写说明');
  // Back to the data sheet.
  assert.equal(await rerun(w.page, () => w.page.selectOption('#sheet-select', x.sheet)), 'ready');
  r = await shown(w.page);
  assert.equal(r.total, x.respondents);
  assert.deepEqual(w.problems(), []);
});

test('XLS and ODS of the same workbook give the same table', async () => {
  const w = await page();
  const x = expect('bank_title');
  const results = [];
  for (const name of ['bank_title.xlsx', 'bank_title.xls', 'bank_title.ods']) {
    assert.equal(await openFixture(w.page, name), 'ready', name);
    const p = await readPanel(w.page);
    assert.equal(p.format, name.split('.').pop().toUpperCase(), name);
    assert.equal(p.sheet, x.sheet, name);
    const r = await shown(w.page);
    assert.equal(r.total, x.respondents, name);
    results.push([r.servqual, r.servperf]);
  }
  assert.deepEqual(results[1], results[0]);
  assert.deepEqual(results[2], results[0]);
  assert.deepEqual(w.problems(), []);
});

test('SurveyMonkey (CSV and XLSX): two header rows merged, labels mapped, the unmapped one shown with its row and column', async () => {
  const w = await page();
  const x = expect('surveymonkey');
  for (const name of ['surveymonkey.csv', 'surveymonkey.xlsx']) {
    assert.equal(await openFixture(w.page, name), 'ready', name);
    const r = await shown(w.page);
    assert.equal(r.input.platform, 'surveymonkey', name);
    assert.equal(r.total, x.respondents, name);
    assert.equal(r.items, x.items, name);
    assert.ok(r.labels.length > 0, name);
    const un = await w.page.$$eval('[data-testid="unmapped-labels"] li', (lis) => lis.map((li) => ({ ...li.dataset })));
    assert.deepEqual(un, [{ label: x.unmapped.label, row: String(x.unmapped.row), column: String(x.unmapped.column) }], name);
  }
  assert.deepEqual(w.problems(), []);
});

test('问卷星 workbook: answers as text labels, a repeat expected by chance not flagged, speeders, item gaps as computed by the generator', async () => {
  const w = await page('zh');
  const x = expect('wenjuanxing');
  assert.equal(await openFixture(w.page, 'wenjuanxing.xlsx'), 'ready');
  const r = await shown(w.page);
  assert.equal(r.input.platform, 'wenjuanxing');
  assert.equal(r.total, x.respondents);
  assert.equal(r.analysed, x.respondents - 1); // row 8 skipped every perception
  assert.ok(r.labels.some((l) => l.label === '非常同意' && l.value === 5));
  // Row 13 repeats row 6's ten mostly-4 answers: a 5.8% chance among 15
  // respondents, above the 5% at which a repeat is flagged (tests/inputs_formats.rs).
  assert.equal(r.quality.duplicates.count, 0);
  assert.equal(r.quality.duplicates_by_chance, 1);
  // Item gap means: numpy over the generated answers (make_fixtures.py).
  const gaps = await w.page.evaluate(() => window.gapscope.report.items.map((it) => [it.order, it.gap.mean]).sort((a, b) => a[0] - b[0]).map((x) => x[1]));
  gaps.forEach((g, i) => assert.ok(near(g, x.item_gap_means[i], 1e-12), `item ${i + 1}: ${g} vs ${x.item_gap_means[i]}`));
  assert.match((await readPanel(w.page)).text, /问卷星/);
  assert.deepEqual(w.problems(), []);
});

test('腾讯问卷 workbook: recognised, durations read, the speeder flagged', async () => {
  const w = await page('zh');
  const x = expect('tencent');
  assert.equal(await openFixture(w.page, 'tencent.xlsx'), 'ready');
  const r = await shown(w.page);
  assert.equal(r.input.platform, 'tencent');
  assert.equal(r.total, x.respondents);
  assert.equal(r.items, x.items);
  assert.deepEqual(r.quality.speeders.flagged.rows.map((s) => s.row), [x.speeder_row]);
  assert.match((await readPanel(w.page)).text, /腾讯问卷/);
  assert.deepEqual(w.problems(), []);
});

test('long layout: pivoted to one row per respondent; the duplicate answer reported', async () => {
  const w = await page();
  const x = expect('long');
  assert.equal(await openFixture(w.page, 'long.csv'), 'ready');
  const r = await shown(w.page);
  assert.equal(r.input.layout, 'long');
  assert.equal(r.total, x.respondents);
  assert.equal(r.counts.long_duplicate, x.duplicates);
  // numpy on the generator's E and P (long.expect.json):
  //   G = P - E; ((G[:, :4].mean(1).mean()) + G[:, 4].mean()) / 2  → -1.0
  //   (P[:, :4].mean(1).mean() + P[:, 4].mean()) / 2                → 3.0
  assert.ok(near(r.servqual, -1.0, 1e-12), String(r.servqual));
  assert.ok(near(r.servperf, 3.0, 1e-12), String(r.servperf));
  assert.ok((await readPanel(w.page)).recognised.includes('long'));
  assert.deepEqual(w.problems(), []);
});

test('summary table: computed from the means; what needs answers is shown unavailable with the reason', async () => {
  const w = await page();
  assert.equal(await openFixture(w.page, 'summary.csv'), 'ready');
  const r = await shown(w.page);
  assert.equal(r.input.layout, 'summary');
  assert.equal(r.items, 5);
  assert.equal(r.dimensions, 3);
  // Item gaps P − E: −0.91, −0.58 (有形性), −1.49, −1.12 (可靠性), −1.09 (响应性);
  // dimension gaps are item-gap means; SERVQUAL their mean:
  //   np.mean([np.mean([-0.91, -0.58]), np.mean([-1.49, -1.12]), -1.09])  → -1.0466666666666666
  assert.ok(near(r.servqual, -1.0466666666666666, 1e-9), String(r.servqual));
  assert.ok((await readPanel(w.page)).recognised.includes('summary'));
  assert.ok(await w.page.isVisible('[data-testid="summary-note"]'));
  // The item tests need the SD of the gaps: their cells are dashes with the reason.
  const undef = await w.page.$$eval('.items-section td.undef', (tds) => tds.map((td) => td.title).filter(Boolean));
  assert.ok(undef.some((t) => /SD of the gaps/.test(t)), JSON.stringify(undef.slice(0, 3)));
  // No data-quality checks on a summary: the panel says why.
  assert.match(await w.page.textContent('[data-testid="quality-panel"]'), /not available/);
  assert.deepEqual(w.problems(), []);
});

test('the decoded text of a file is kept for the next visit', async () => {
  const w = await page('zh');
  assert.equal(await openFixture(w.page, 'wenjuanxing_gbk.csv'), 'ready');
  await w.page.waitForFunction(() => (localStorage.getItem('gapscope.v1.input') ?? '').includes('提交答卷时间'));
  await w.page.reload();
  await w.page.waitForSelector('body[data-status="ready"]');
  const r = await shown(w.page);
  assert.equal(r.input.platform, 'wenjuanxing');
  assert.equal(r.total, 15);
  const m = await messages(w.page);
  assert.ok(!m.some((x) => x.severity === 'error'), JSON.stringify(m));
  assert.deepEqual(w.problems(), []);
});

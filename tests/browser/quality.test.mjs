// The data-quality panel and the answers card: exclusions by rule and one by
// one change the respondents analysed (and the results say why); missing-value
// codes, the label map and reverse-coded items are editable and kept for the
// next visit. Expected numbers: numpy (see SMALL_CSV in page-helpers.mjs) or
// the fixture generator's facts (*.expect.json).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { setup, openReady, pasteText, overall, near, SMALL_CSV, SMALL } from './page-helpers.mjs';
import { fixture, openFixture, shown, rerun } from './input-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const expect = (name) => JSON.parse(readFileSync(fixture(`${name}.expect.json`), 'utf8'));
const en = () => openReady(env, '/', { contextOptions: { locale: 'en-US' } });

/** Open a <details> of the quality panel (its open state is remembered, so clicking could close it). */
async function openSection(page, section) {
  await page.$eval(`details[data-section="${section}"]`, (d) => {
    d.open = true;
  });
}

async function respondentsShown(page) {
  return page.$eval('[data-testid="respondents"]', (el) => ({ analysed: Number(el.dataset.analysed), total: Number(el.dataset.total) }));
}

test('the quality panel comes before the results and counts what the engine flagged', async () => {
  const w = await en();
  assert.equal(await openFixture(w.page, 'wenjuanxing_gbk.csv'), 'ready');
  const order = await w.page.evaluate(() => {
    const q = document.querySelector('[data-testid="quality-panel"]');
    const o = document.querySelector('.overview');
    return Boolean(q && o && q.compareDocumentPosition(o) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(order, 'quality panel precedes the overview');
  const cards = await w.page.$$eval('.q-rule', (els) => Object.fromEntries(els.map((e) => [e.dataset.kind, e.dataset.flagged])));
  const x = expect('wenjuanxing');
  const r = await shown(w.page);
  assert.equal(cards.duplicates, String(r.quality.duplicates.count));
  assert.equal(cards.speeders, String(r.quality.speeders.flagged.count));
  // Row 13 repeats row 6's answers, as chance alone would among 15 such
  // respondents (5.8% > 5%): counted, said, not flagged (tests/inputs_formats.rs).
  assert.equal(r.quality.duplicates.count, 0);
  assert.equal(r.quality.duplicates_by_chance, 1);
  void x;
  // Every column is listed with its missing share once opened.
  await openSection(w.page, 'columns');
  await w.page.click('[data-testid="all-columns"]');
  const rows = await w.page.$$eval('[data-testid="quality-columns"] tbody tr', (trs) => trs.length);
  assert.equal(rows, r.quality.columns.length);
  assert.deepEqual(w.problems(), []);
});

test('exclusion by rule: speeders and duplicates left out, counted, and named in the results', async () => {
  const w = await en();
  assert.equal(await openFixture(w.page, 'wenjuanxing_gbk.csv'), 'ready');
  let r = await shown(w.page);
  const { total } = r;
  const base = r.analysed; // 14: row 8 answered no perception
  const speeders = r.quality.speeders.flagged.rows.map((s) => s.row);
  assert.deepEqual(speeders, [4, 11]);
  assert.equal(await rerun(w.page, () => w.page.check('#exclude-speeders')), 'ready');
  r = await shown(w.page);
  assert.equal(r.analysed, base - speeders.length);
  assert.deepEqual(r.exclude, { straightliners: false, speeders: true, duplicates: false });
  assert.deepEqual(r.excluded.find((e) => e.code === 'speeder')?.count, 2);
  assert.deepEqual(await respondentsShown(w.page), { analysed: base - 2, total });
  assert.match(await w.page.textContent('.overview .exclusions'), /speeder threshold/);
  // Duplicates too: a repeat expected by chance is not flagged, so nobody more.
  assert.equal(await rerun(w.page, () => w.page.check('#exclude-duplicates')), 'ready');
  r = await shown(w.page);
  assert.equal(r.analysed, base - 2);
  const sum = r.excluded.reduce((n, e) => n + e.count, 0);
  assert.equal(sum, total - r.analysed, 'every exclusion counted once');
  // Kept for the next visit (with the data).
  await w.page.reload();
  await w.page.waitForSelector('body[data-status="ready"]');
  assert.ok(await w.page.isChecked('#exclude-speeders'));
  assert.equal((await shown(w.page)).analysed, base - 2);
  // Undo both.
  await rerun(w.page, () => w.page.uncheck('#exclude-speeders'));
  assert.equal(await rerun(w.page, () => w.page.uncheck('#exclude-duplicates')), 'ready');
  assert.equal((await shown(w.page)).analysed, base);
  assert.deepEqual(w.problems(), []);
});

test('a repeat of 44 answers is a duplicate: flagged with its chance, left out only when asked', async () => {
  const w = await en();
  // 40 respondents × E1..E22, P1..P22 from a fixed recurrence; row 42 repeats
  // row 12 (the 11th respondent): 44 answers alike are no coincidence.
  const header = [...Array(22)].map((_, i) => `E${i + 1}`).concat([...Array(22)].map((_, i) => `P${i + 1}`));
  const rows = [];
  let seed = 7;
  for (let r = 0; r < 40; r++) {
    const base = 3 + (r % 3);
    rows.push(header.map(() => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return String(base + (seed % 3));
    }));
  }
  rows.push([...rows[10]]);
  const text = [header, ...rows].map((r) => r.join(',')).join('\n');
  assert.equal(await pasteText(w.page, text), 'ready');
  let r = await shown(w.page);
  assert.equal(r.quality.duplicates.count, 1);
  assert.deepEqual([r.quality.duplicates.rows[0].row, r.quality.duplicates.rows[0].first_row], [42, 12]);
  assert.ok(r.quality.duplicates.rows[0].chance < 1e-6, String(r.quality.duplicates.rows[0].chance));
  assert.equal(r.analysed, 41, 'flagged, not left out');
  assert.equal(await rerun(w.page, () => w.page.check('#exclude-duplicates')), 'ready');
  r = await shown(w.page);
  assert.equal(r.analysed, 40);
  assert.equal(r.excluded.find((e) => e.code === 'duplicate')?.count, 1);
  assert.equal(await rerun(w.page, () => w.page.uncheck('#exclude-duplicates')), 'ready');
  assert.deepEqual(w.problems(), []);
});

test('exclusion one by one: a flagged row from the list, and any row by number', async () => {
  const w = await en();
  assert.equal(await openFixture(w.page, 'wenjuanxing_gbk.csv'), 'ready');
  const base = (await shown(w.page)).analysed;
  await openSection(w.page, 'rows');
  // Row 11 is flagged as a speeder.
  assert.equal(await rerun(w.page, () => w.page.check('[data-testid="quality-rows"] input[data-row="11"]')), 'ready');
  let r = await shown(w.page);
  assert.deepEqual(r.exclude.rows, [11]);
  assert.equal(r.analysed, base - 1);
  assert.equal(r.excluded.find((e) => e.code === 'row')?.count, 1);
  assert.equal(await w.page.getAttribute('[data-testid="quality-rows"] tr[data-row="11"]', 'data-excluded'), 'true');
  assert.equal(await rerun(w.page, () => w.page.uncheck('[data-testid="quality-rows"] input[data-row="11"]')), 'ready');
  assert.equal((await shown(w.page)).analysed, base);

  // SMALL_CSV: leave out its first respondent (line 2) by number.
  // numpy: G[1:] → ((G[1:, :4].mean(1).mean()) + G[1:, 4].mean()) / 2 = -0.875
  assert.equal(await pasteText(w.page, SMALL_CSV), 'ready');
  assert.ok(near((await overall(w.page)).servqual, SMALL.servqual));
  await openSection(w.page, 'rows');
  await w.page.fill('#exclude-row-number', '2');
  assert.equal(await rerun(w.page, () => w.page.click('.q-row-add button')), 'ready');
  r = await shown(w.page);
  assert.equal(r.analysed, 3);
  assert.ok(near((await overall(w.page)).servqual, -0.875), String(r.servqual));
  assert.deepEqual(await respondentsShown(w.page), { analysed: 3, total: 4 });
  // A new table with other columns forgets the rows chosen for the old one.
  assert.equal(await pasteText(w.page, 'E1,P1,E2,P2\n5,4,6,5\n6,5,7,5\n'), 'ready');
  assert.equal((await shown(w.page)).exclude, null);
  assert.deepEqual(w.problems(), []);
});

test('missing-value codes: 99 becomes missing instead of out of scale, and is remembered', async () => {
  const w = await en();
  assert.equal(await openFixture(w.page, 'european.csv'), 'ready');
  const e3 = async () => (await shown(w.page)).quality.columns.find((c) => c.name === 'E3');
  let col = await e3();
  assert.equal(col.out_of_scale, 1);
  assert.equal(await rerun(w.page, () => w.page.fill('#missing-codes', '99').then(() => w.page.press('#missing-codes', 'Enter')).then(() => w.page.dispatchEvent('#missing-codes', 'change'))), 'ready');
  col = await e3();
  assert.equal(col.out_of_scale, 0);
  assert.equal(col.missing, 1);
  assert.deepEqual((await shown(w.page)).missing, ['99']);
  await w.page.reload();
  await w.page.waitForSelector('body[data-status="ready"]');
  assert.equal(await w.page.inputValue('#missing-codes'), '99');
  assert.equal((await e3()).out_of_scale, 0);
  assert.deepEqual(w.problems(), []);
});

test('label map: an unmapped answer added from the list, edited values kept, reset to the detected map', async () => {
  const w = await en();
  const x = expect('surveymonkey');
  assert.equal(await openFixture(w.page, 'surveymonkey.csv'), 'ready');
  let r = await shown(w.page);
  assert.equal(r.counts.unmapped_label, 1);
  const li = `[data-testid="unmapped-labels"] li[data-label="${x.unmapped.label}"]`;
  await w.page.fill(`${li} input`, '4');
  assert.equal(await rerun(w.page, () => w.page.click(`${li} button`)), 'ready');
  r = await shown(w.page);
  assert.ok(r.labels.some((l) => l.label === x.unmapped.label && l.value === 4), JSON.stringify(r.labels));
  assert.equal(r.counts.unmapped_label, undefined);
  assert.equal(await w.page.locator('[data-testid="unmapped-labels"]').count(), 0);
  assert.equal(await w.page.getAttribute('[data-testid="label-map"] .badge', 'data-mode'), 'edited');
  // Kept across a reload.
  await w.page.reload();
  await w.page.waitForSelector('body[data-status="ready"]');
  r = await shown(w.page);
  assert.ok(r.labels.some((l) => l.label === x.unmapped.label));
  // Back to the detected map: the label is unmapped again.
  assert.equal(await rerun(w.page, () => w.page.click('[data-testid="label-map"] button.link')), 'ready');
  r = await shown(w.page);
  assert.equal(r.counts.unmapped_label, 1);
  assert.deepEqual(w.problems(), []);
});

test('reverse-coded item: ticking Q1 reads its answers as min + max − x', async () => {
  const w = await en();
  assert.equal(await pasteText(w.page, SMALL_CSV), 'ready');
  const q1 = () => w.page.evaluate(() => window.gapscope.report.items.find((i) => i.id === 'Q1').gap.mean);
  // numpy: Q1 gap mean = G[:, 0].mean() = -0.25; reversed on 1–7: (8 − P) − (8 − E) = E − P → +0.25,
  // and SERVQUAL ((tangibles with Q1 reversed) + reliability) / 2 = -0.96875.
  assert.ok(near(await q1(), -0.25));
  assert.equal(await rerun(w.page, () => w.page.check('[data-testid="reverse-items"] input[data-item="Q1"]')), 'ready');
  assert.ok(near(await q1(), 0.25));
  assert.ok(near((await overall(w.page)).servqual, -0.96875));
  const cols = await w.page.evaluate(() => window.gapscope.report.config.columns.filter((c) => c.reverse).map((c) => c.name));
  assert.deepEqual(cols, ['E1', 'P1']);
  assert.deepEqual(w.problems(), []);
});

test('the panels speak Chinese too', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'zh-CN' } });
  assert.equal(await openFixture(w.page, 'wenjuanxing_gbk.csv'), 'ready');
  const text = await w.page.textContent('[data-testid="quality-panel"]');
  assert.match(text, /数据质量/);
  assert.match(text, /过快作答/);
  assert.match(await w.page.textContent('#answers-card'), /缺失值代码/);
  assert.match(await w.page.textContent('[data-testid="input-panel"]'), /编码/);
  assert.deepEqual(w.problems(), []);
});

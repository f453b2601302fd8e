// Bad input never breaks the page: each case gives a clear message (in the
// current language), shows whatever is still valid, and the next good paste
// analyses normally. Expected numbers: numpy, see the comments and SMALL_CSV.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, analyseText, pasteText, overall, messages, near, SMALL_CSV, SMALL } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const rows = SMALL_CSV.split('\n');
const withCell = (r, c, value) => rows.map((line, i) => (i === r ? line.split(',').map((x, j) => (j === c ? value : x)).join(',') : line)).join('\n');

async function stillWorks(page) {
  assert.equal(await pasteText(page, SMALL_CSV), 'ready');
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));
}

test('empty input and a header without rows: an error message, no results, page still works', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  assert.equal(await analyseText(page, ''), 'error');
  let m = await messages(page);
  assert.ok(m.some((x) => x.severity === 'error' && x.code === 'empty_input'), JSON.stringify(m));
  assert.equal(await page.locator('[data-testid="overall-servqual"]').count(), 0);
  assert.equal(await page.locator('.empty-state').count(), 1);

  assert.equal(await analyseText(page, 'E1,E2,P1,P2\n'), 'error');
  m = await messages(page);
  assert.ok(m.some((x) => x.severity === 'error' && x.code === 'no_rows'), JSON.stringify(m));
  // The message is in the current language.
  await page.click('[data-lang="zh"]');
  assert.match(await page.textContent('#messages'), /只有标题行/);
  await page.click('[data-lang="en"]');
  await stillWorks(page);
  assert.deepEqual(w.problems(), []);
});

test('text in a numeric column: warned with row and column, the rest analysed', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  // Respondent 1's E5 (data row 1 = line 2, column 5) becomes text.
  assert.equal(await analyseText(page, withCell(1, 4, 'abc')), 'ready');
  const m = await messages(page);
  const bad = m.find((x) => x.code === 'non_numeric');
  assert.ok(bad && bad.severity === 'warning', JSON.stringify(m));
  assert.match(bad.text, /Row 2/);
  assert.match(bad.text, /E5/);
  assert.match(bad.text, /abc/);
  // numpy: E[0,4] = nan → reliability mean(0,-3,0) = -1; (−0.8125 − 1)/2 = −0.90625
  assert.ok(near((await overall(page)).servqual, -0.90625));
  await stillWorks(page);
  assert.deepEqual(w.problems(), []);
});

test('ragged rows and duplicate column names are reported and worked around', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  const ragged = [...rows.slice(0, 3), '7,7,6', ...rows.slice(3), '4,5,6,6,5,5,5,5,4,5,9,9'].join('\n');
  assert.equal(await analyseText(page, ragged), 'ready');
  let codes = (await messages(page)).map((x) => x.code);
  assert.ok(codes.includes('short_row') && codes.includes('long_row'), codes.join());

  const dup = rows.map((l, i) => (i === 0 ? l + ',E1' : l + ',3')).join('\n');
  assert.equal(await analyseText(page, dup), 'ready');
  codes = (await messages(page)).map((x) => x.code);
  assert.ok(codes.includes('duplicate_column'), codes.join());
  // The repeated column is renamed and left out; the scores are unchanged.
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));
  await stillWorks(page);
  assert.deepEqual(w.problems(), []);
});

test('values outside the chosen scale are rejected and counted', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  // Fix the scale at 1–7 (otherwise detection would widen it to fit an 8).
  await page.selectOption('#scale-preset', '1-7');
  await page.waitForFunction(() => document.body.dataset.status === 'ready');
  assert.equal(await analyseText(page, withCell(2, 5, '8')), 'ready');
  const m = await messages(page);
  assert.ok(m.some((x) => x.code === 'out_of_scale' && /8/.test(x.text)), JSON.stringify(m));
  // numpy: P[1,0] = nan → tangibles (−1 − 4/3 − 0.75 − 0.5)/4; SERVQUAL −1.0729166…
  assert.ok(near((await overall(page)).servqual, -1.0729166666666665));
  await stillWorks(page);
  assert.deepEqual(w.problems(), []);
});

test('one respondent and a zero-variance item: dashes with the reason, no NaN anywhere', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  assert.equal(await analyseText(page, rows.slice(0, 2).join('\n')), 'ready');
  // r1 alone: tangibles (−1−1+0−2)/4 = −1, reliability −2 → SERVQUAL −1.5
  assert.ok(near((await overall(page)).servqual, -1.5));
  const undef = page.locator('[data-testid="item-table"] tr[data-item="Q5"] td.undef').first();
  assert.equal(await undef.textContent(), '—');
  assert.match(await undef.getAttribute('title'), /at least 2/);
  assert.match(await page.textContent('.items-section .table-notes'), /at least 2/);

  // Every respondent has P5 − E5 = −1: mean −1, SD 0, no test possible.
  const flat = ['E1,E2,P1,P2,E5,P5', '6,5,5,4,7,6', '5,6,5,5,6,5', '7,7,6,5,5,4'].join('\n');
  assert.equal(await analyseText(page, flat), 'ready');
  const q5 = page.locator('[data-testid="item-table"] tr[data-item="Q5"]');
  assert.equal(await q5.locator('td.gap').textContent(), '\u22121.00');
  assert.match(await q5.locator('td.undef').first().getAttribute('title'), /zero variance/);
  assert.ok(!/NaN|undefined|Infinity/.test(await page.textContent('#report')));
  assert.deepEqual(w.problems(), []);
});

test('a 50 MB paste is analysed off the page thread and said to be too large to keep', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  const before = Number(await page.evaluate(() => document.body.dataset.run));
  const size = await page.evaluate(() => {
    const head = ['id', ...Array.from({ length: 22 }, (_, i) => 'E' + (i + 1)), ...Array.from({ length: 22 }, (_, i) => 'P' + (i + 1))].join(',');
    const lines = [head];
    let n = head.length;
    for (let i = 1; n < 50e6; i++) {
      const cells = [i];
      for (let k = 0; k < 44; k++) cells.push(1 + ((i * 7 + k * 13) % 7));
      if (i % 1000 === 0) cells[5] = 'n/a?';
      const line = cells.join(',');
      lines.push(line);
      n += line.length + 1;
    }
    const text = lines.join('\n');
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.getElementById('data-input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    return text.length;
  });
  assert.ok(size >= 50e6);
  // While the worker analyses, the page answers (a language switch re-renders).
  await page.click('[data-lang="zh"]');
  await page.click('[data-lang="en"]');
  await page.waitForFunction((b) => Number(document.body.dataset.run) > b && document.body.dataset.status !== 'busy', before, { timeout: 120_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.status), 'ready');
  assert.equal(await page.inputValue('#data-input'), ''); // not put into the box
  const m = await messages(page);
  const notKept = m.find((x) => x.code === 'msg.inputNotKept');
  assert.ok(notKept, JSON.stringify(m.map((x) => x.code)));
  // It says how much text would have had to be kept, not a file size.
  assert.match(notKept.text, /The data \([\d,]{10} characters of text\) is more than this browser keeps for the next visit \(up to 3,145,728 characters\)/);
  // Only the first 50 bad cells are listed; the rest are counted.
  const nonNumeric = m.find((x) => x.code === 'non_numeric');
  assert.match(nonNumeric.text, /more of this kind/);
  assert.ok(Number(await page.getAttribute('[data-testid="respondents"]', 'data-total')) > 500_000);
  await stillWorks(page);
  assert.deepEqual(w.problems(), []);
});

test('an invalid survey.json is refused with the engine\'s reason and the previous structure kept', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  const bad = { version: 1, scale: { min: 7, max: 1 }, dimensions: [], items: [], columns: [{ name: 'E1', role: 'expectation', item: 'Q1' }] };
  await page.setInputFiles('#config-input', { name: 'survey.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.locator('#messages .message[data-code="msg.configInvalid"]').waitFor();
  assert.match(await page.textContent('#messages'), /scale/i);
  // The engine's reason in the page language only (it gives both, "English / 中文").
  const reason = await page.textContent('#messages .message[data-code="msg.configInvalid"] .message-body');
  assert.doesNotMatch(reason, /[\u4e00-\u9fff]/);
  await page.click('[data-lang="zh"]');
  assert.doesNotMatch(await page.textContent('#messages .message[data-code="msg.configInvalid"] .message-body'), /[a-z]{4} [a-z]{4}/);
  await page.click('[data-lang="en"]');
  await page.waitForFunction(() => document.body.dataset.status === 'ready');
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));
  // Not JSON at all.
  await page.setInputFiles('#config-input', { name: 'survey.json', mimeType: 'application/json', buffer: Buffer.from('{oops') });
  await page.locator('#messages .message[data-code="msg.configNotJson"]').waitFor();
  await stillWorks(page);
  assert.deepEqual(w.problems(), []);
});

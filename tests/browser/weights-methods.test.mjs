// The weights workspace: AHP typed with the keyboard, inconsistency and its fix,
// group AHP, entropy on a pasted indicator table, bad input, and the AHP- and
// combined-weighted SERVQUAL of the demo.
//
// Every expected number comes from tests/reference/page_weights_reference.py
// (numpy eigenvectors and ahpy with precision=15, numpy entropy from METHODS §5),
// not from Gapscope. The relevant lines of that script are quoted at each test;
// `cd tests/reference && python3 page_weights_reference.py` prints them all.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { REPO } from './harness.mjs';
import { setup, openReady, analyseText, overall, near, currentRun, waitForRun } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

/**
 * One item per dimension by the PZB numbering (1 tangibles, 5 reliability,
 * 10 responsiveness, 14 assurance), four respondents:
 *   E = [[6,7,5,6],[5,6,6,7],[7,7,6,5],[4,5,6,6]]; P = [[5,6,5,4],[5,5,4,6],[6,5,6,5],[5,5,5,4]]
 *   gaps4 = (P - E).mean(0) = [-0.25, -1.0, -0.75, -1.25], SERVQUAL -0.8125
 */
const SMALL4 = ['E1,E5,E10,E14,P1,P5,P10,P14', '6,7,5,6,5,6,5,4', '5,6,6,7,5,5,4,6', '7,7,6,5,6,5,6,5', '4,5,6,6,5,5,5,4'].join('\n');
const SERVQUAL4 = -0.8125;

async function edit(page, action) {
  const before = await currentRun(page);
  await action();
  return waitForRun(page, before);
}

/** Wait until the AHP tab has shown the engine's answers to every change so far. */
async function ahpIdle(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="ahp-tab"]')?.dataset.busy === 'false');
}

async function openAhp(page) {
  await edit(page, () => page.check('#weighting-ahp'));
  await page.click('#open-weights');
  await page.waitForSelector('#weights-panel:not([hidden]) #ahp-dims');
  await ahpIdle(page);
}

/** Select the judgments {"i,j": value} in the dimension matrix (upper triangle). */
async function judge(page, values) {
  for (const [cell, v] of Object.entries(values)) {
    const [i, j] = cell.split(',');
    await page.selectOption(`#ahp-dims-${i}-${j}`, String(v));
  }
  await ahpIdle(page);
}

const values = (page, testid) => page.$$eval(`[data-testid="${testid}"] li`, (lis) => lis.map((li) => Number(li.dataset.value)));
const verdict = (page, testid = 'ahp-verdict') =>
  page.$eval(`[data-testid="${testid}"]`, (el) => ({ consistent: el.dataset.consistent === 'true', cr: Number(el.dataset.cr), text: el.textContent }));

function close(got, want, tol, what) {
  assert.equal(got.length, want.length, what);
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]) <= tol, `${what}[${i}]: got ${g}, want ${want[i]}`));
}

/** Wait for the weighted SERVQUAL score to reach `want` (the analysis runs after a short delay). */
async function weightedIs(page, want, tol = 1e-9) {
  try {
    await page.waitForFunction(
      ([v, tl]) => {
        const el = document.querySelector('[data-testid="overall-weighted-servqual"]');
        return el && el.dataset.value !== '' && Math.abs(Number(el.dataset.value) - v) <= tl && document.body.dataset.status !== 'busy';
      },
      [want, tol],
      { timeout: 15_000 },
    );
  } catch {
    // Say what it was instead of only "timeout".
  }
  const o = await overall(page);
  assert.ok(near(o.weighted, want, tol), `weighted SERVQUAL ${o.weighted}, want ${want}`);
}

test('AHP typed with the keyboard: priority vector, λmax, CR and the weighted score match numpy/ahpy', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL4);
  const methodsModule = () => w.requests.filter((r) => r.url.endsWith('/pkg/methods/gapscope_methods_bg.wasm')).length;
  assert.equal(methodsModule(), 0, 'the methods module is not part of the first load');
  await openAhp(page);

  // A = [[1,1/3,1/2,2],[3,1,2,5],[2,1/2,1,3],[1/2,1/5,1/3,1]], entered as the
  // upper triangle in Tab order; each select starts at 1 in the list 9 … 1 … 1/9.
  await page.focus('#ahp-dims-0-1');
  const steps = [
    ['ahp-dims-0-1', 'ArrowDown', 2, '1/3'],
    ['ahp-dims-0-2', 'ArrowDown', 1, '1/2'],
    ['ahp-dims-0-3', 'ArrowUp', 1, '2'],
    ['ahp-dims-1-2', 'ArrowUp', 1, '2'],
    ['ahp-dims-1-3', 'ArrowUp', 4, '5'],
    ['ahp-dims-2-3', 'ArrowUp', 2, '3'],
  ];
  for (const [id, key, times, shown] of steps) {
    assert.equal(await page.evaluate(() => document.activeElement.id), id, 'Tab order follows the upper triangle');
    for (let k = 0; k < times; k++) await page.keyboard.press(key);
    assert.equal(await page.$eval(`#${id}`, (s) => s.selectedOptions[0].textContent), shown);
    await page.keyboard.press('Tab');
  }
  await ahpIdle(page);
  // The reciprocals are filled in, and the focused judgment is read out in words.
  assert.equal(await page.textContent('#ahp-dims tbody tr:nth-child(2) td:nth-child(2)'), '3');
  assert.equal(await page.textContent('#ahp-dims tbody tr:nth-child(4) td:nth-child(3)'), '1/5');
  await page.focus('#ahp-dims-1-3');
  assert.match(await page.textContent('#ahp-dims-reading'), /Reliability is strongly more important than Assurance \(5\)/);
  assert.equal(await page.getAttribute('#ahp-dims-1-3', 'aria-label'), 'How many times more important is Reliability than Assurance');

  // page_weights_reference.py: A weights [0.15698986076290622, 0.48288561655474077,
  // 0.271974461324719, 0.08815006135763406] lambda 4.014520958632263
  // CR 0.005378132826764236 (ahpy: 0.156989860762906 0.482885616554741 …)
  close(await values(page, 'ahp-priorities'), [0.15698986076290622, 0.48288561655474077, 0.271974461324719, 0.08815006135763406], 1e-9, 'w');
  const v = await verdict(page);
  assert.equal(v.consistent, true);
  assert.ok(Math.abs(v.cr - 0.005378132826764236) < 1e-9, String(v.cr));
  assert.match(v.text, /Consistent/);
  assert.equal(await page.textContent('[data-metric="lambda"] dd'), '4.0145');
  // The working: the matrix, w, Aw and (Aw)_i/w_i (= λmax for the exact eigenvector).
  const work = await page.$$eval('[data-testid="ahp-working"] tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(work[1].slice(0, 5), ['Reliability', '3', '1', '2', '5']);
  assert.equal(work[1][5], '0.4829');
  assert.equal(work[3][7], '4.0145');

  // SMALL4 gaps [-0.25, -1.0, -0.75, -1.25]: AHP-weighted -0.8363015044360492
  await weightedIs(page, -0.8363015044360492);
  assert.ok(near((await overall(page)).servqual, SERVQUAL4));
  assert.equal(methodsModule(), 1, 'the AHP editor loaded the methods module once');
  assert.match(await page.textContent('[data-testid="card-ahp-verdict"]'), /CR = 0\.005/);
  assert.deepEqual(w.problems(), []);
});

test('an inconsistent matrix is not used, names the worst judgment, and applying the suggestion lowers CR', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL4);
  await openAhp(page);
  // B = [[1,5,1/3,1],[1/5,1,5,1],[3,1/5,1,1],[1,1,1,1]]
  await judge(page, { '0,1': 5, '0,2': 1 / 3, '1,2': 5 });
  // page_weights_reference.py: B CR 0.7622681377617552 worst (0, 1) implied
  // 1.16184754054546 suggested 1 CR after 0.28617198543059097
  const v = await verdict(page);
  assert.equal(v.consistent, false);
  assert.ok(Math.abs(v.cr - 0.7622681377617552) < 1e-9, String(v.cr));
  assert.match(v.text, /Inconsistent/);
  const worst = await page.$eval('[data-testid="ahp-worst"]', (el) => ({ ...el.dataset, text: el.textContent }));
  assert.equal(worst.row, '0');
  assert.equal(worst.col, '1');
  assert.equal(Number(worst.suggested), 1);
  assert.match(worst.text, /Tangibles vs Reliability — given 5, the weights imply 1\.162/);
  assert.match(worst.text, /CR would become 0\.2862/);
  // Never silently used: the weighted score stays at equal weights, and the card says so.
  await weightedIs(page, SERVQUAL4);
  assert.match(await page.textContent('[data-testid="card-fallback"]'), /Could not use AHP/);

  await page.click('[data-testid="ahp-apply"]');
  await ahpIdle(page);
  assert.equal(await page.$eval('#ahp-dims-0-1', (s) => s.selectedOptions[0].textContent), '1');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'ahp-dims-0-1', 'focus goes to the changed judgment');
  const after = await verdict(page);
  assert.ok(after.cr < v.cr);
  assert.ok(Math.abs(after.cr - 0.28617198543059097) < 1e-9, String(after.cr));

  // Still ≥ 0.10; "use even if inconsistent" is an explicit choice.
  // page_weights_reference.py: weights after [0.17897961924537892, 0.39280828442657156,
  // 0.21868552491392887, 0.20952657141412068]; accepted anyway: weighted servqual -0.8634755471910138
  await page.check('#ahp-accept');
  await weightedIs(page, -0.8634755471910138);
  assert.match(await page.textContent('[data-testid="ahp-result"]'), /Used although inconsistent/);
  assert.deepEqual(w.problems(), []);
});

test('group AHP: two experts aggregated by geometric mean; the judgments survive a reload', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL4);
  await openAhp(page);
  // Expert 1: A; expert 2: C = [[1,1,1/2,3],[1,1,3,3],[2,1/3,1,2],[1/3,1/3,1/2,1]]
  await judge(page, { '0,1': 1 / 3, '0,2': 1 / 2, '0,3': 2, '1,2': 2, '1,3': 5, '2,3': 3 });
  await page.click('#ahp-add-expert');
  await page.waitForSelector('.expert-tab[data-expert="1"][aria-pressed="true"]');
  await judge(page, { '0,1': 1, '0,2': 1 / 2, '0,3': 3, '1,2': 3, '1,3': 3, '2,3': 2 });
  // page_weights_reference.py: group weights [0.20032601963468613, 0.4394901008959531,
  // 0.2629436175415294, 0.09724026192783133] CR 0.04145557538475691 weighted servqual
  // -0.8083296463705608 (ahpy on the geometric-mean matrix: 0.200326019634686 …);
  // expert 2 weights [0.24978975630146388, …] CR 0.11900278841616986
  close(await values(page, 'ahp-group-priorities'), [0.20032601963468613, 0.4394901008959531, 0.2629436175415294, 0.09724026192783133], 1e-9, 'group w');
  const g = await verdict(page, 'ahp-group-verdict');
  assert.equal(g.consistent, true);
  assert.ok(Math.abs(g.cr - 0.04145557538475691) < 1e-9, String(g.cr));
  // Expert 2 on their own is inconsistent, and the table says so for them only.
  const own = await verdict(page);
  assert.equal(own.consistent, false);
  assert.ok(Math.abs(own.cr - 0.11900278841616986) < 1e-9, String(own.cr));
  const crs = await page.$$eval('[data-testid="ahp-group-table"] tbody tr', (rows) => rows.map((r) => r.lastElementChild.textContent));
  assert.deepEqual(crs, ['0.0054', '0.1190', '0.0415']);
  await weightedIs(page, -0.8083296463705608);

  // Everything typed is kept: reload, the two experts and their judgments are back.
  await page.waitForTimeout(100);
  await page.reload();
  await page.waitForSelector('body[data-status="ready"]');
  assert.equal(await page.isChecked('#weighting-ahp'), true);
  await weightedIs(page, -0.8083296463705608);
  await page.click('#open-weights');
  await ahpIdle(page);
  assert.equal(await page.locator('.expert-tab').count(), 2);
  assert.equal(await page.$eval('#ahp-dims-0-3', (s) => s.selectedOptions[0].textContent), '3');
  close(await values(page, 'ahp-group-priorities'), [0.20032601963468613, 0.4394901008959531, 0.2629436175415294, 0.09724026192783133], 1e-9, 'group w after reload');
  assert.deepEqual(w.problems(), []);
});

test('entropy weights of a pasted 4×3 indicator table with one cost indicator match numpy', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await page.click('#open-indicators');
  await page.waitForSelector('#weights-panel:not([hidden]) #ind-text');
  const idle = () => page.waitForFunction(() => document.querySelector('[data-testid="indicator-tab"]')?.dataset.busy === 'false');
  await page.fill('#ind-text', ['supplier\tprice\tquality\ton_time', 'A\t120\t7\t0.91', 'B\t95\t6\t0.85', 'C\t150\t9\t0.97', 'D\t110\t8\t0.88'].join('\n'));
  await page.waitForSelector('[data-testid="ind-directions"] select[data-indicator="price"]');
  await idle();
  await page.selectOption('select[data-indicator="price"]', 'cost');
  await page.waitForFunction(() => document.querySelector('[data-testid="entropy-working"]')?.textContent.includes('cost'));
  await idle();
  // page_weights_reference.py: entropy e [0.7706576387006182, 0.7295739585136225,
  // 0.6893917467430879] d [0.2293423612993818, 0.2704260414863775, 0.3106082532569121]
  // w [0.2830071172327865, 0.3337041355645095, 0.383288747202704]
  close(await values(page, 'ind-weights'), [0.2830071172327865, 0.3337041355645095, 0.383288747202704], 1e-12, 'entropy w');
  const rows = await page.$$eval('[data-testid="entropy-working"] .weights-by-indicator tbody tr', (trs) => trs.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(rows[0], ['eⱼ', '0.7707', '0.7296', '0.6894']);
  assert.deepEqual(rows[1], ['dⱼ', '0.2293', '0.2704', '0.3106']);
  // The normalised matrix shows price reversed: the cheapest (B, 95) is 1.
  const norm = await page.$$eval('[data-testid="entropy-working"] .working-matrix tbody tr', (trs) => trs.slice(0, 4).map((r) => r.cells[1].textContent));
  assert.deepEqual(norm, ['0.5455', '1.0000', '0.0000', '0.7273']);

  // Combined with typed-in subjective weights 2, 1, 1: w = a·b / Σ a·b.
  await page.click('summary:has-text("Combine with subjective weights")');
  await page.fill('input[data-indicator="price"]', '2');
  await page.press('input[data-indicator="price"]', 'Tab');
  await page.waitForSelector('[data-testid="ind-combined-weights"]');
  // a = (.5, .25, .25); a·b / Σ: numpy (np.array([.5,.25,.25]) * w) / (…).sum()
  const a = [0.5, 0.25, 0.25];
  const b = [0.2830071172327865, 0.3337041355645095, 0.383288747202704];
  const ab = a.map((x, i) => x * b[i]);
  const s = ab.reduce((p, q) => p + q, 0);
  close(await values(page, 'ind-combined-weights'), ab.map((x) => x / s), 1e-12, 'combined');
  // The choices are kept for the next visit.
  await page.reload();
  await page.waitForSelector('body[data-status="ready"]');
  await page.click('#open-indicators');
  await page.waitForSelector('[data-testid="ind-combined-weights"]');
  close(await values(page, 'ind-weights'), [0.2830071172327865, 0.3337041355645095, 0.383288747202704], 1e-12, 'entropy w after reload');
  assert.deepEqual(w.problems(), []);
});

test('bad input gets a clear message in the current language and the page keeps working', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'zh-CN' } });
  const { page } = w;
  await analyseText(page, SMALL4);
  await openAhp(page);
  await page.click('summary:has-text("以文本粘贴矩阵")');
  const paste = async (text) => {
    await page.fill('#ahp-paste', text);
    await page.click('#ahp-paste-use');
    await page.waitForSelector('#ahp-paste-error:not([hidden]), #ahp-paste-info:not(:empty)');
    return page.evaluate(() => {
      const e = document.getElementById('ahp-paste-error');
      return e.hidden ? null : e.textContent;
    });
  };
  // Text in a matrix: line and column, in Chinese.
  assert.match(await paste('1\t好\t3\t1\n\t1\t1\t1\n\t\t1\t1\n\t\t\t1'), /第 1 行第 2 列：“好”不是判断值/);
  assert.equal(await page.getAttribute('#ahp-paste', 'aria-invalid'), 'true');
  // Outside 1/9 … 9.
  assert.match(await paste('1 12 1 1\n1/12 1 1 1\n1 1 1 1\n1 1 1 1'), /超出 Saaty 标度 1\/9 … 9/);
  // Not square.
  assert.match(await paste('1 2 3\n1/2 1 1 1\n1/3 1 1'), /不是方阵/);
  // Another size than the dimensions.
  assert.match(await paste('1 3\n1/3 1'), /比较了 2 个元素，但问卷有 4 个维度/);
  // Nothing typed is lost: the text stays, and survives a reload.
  assert.equal(await page.inputValue('#ahp-paste'), '1 3\n1/3 1');
  // The editor still works and a good paste is taken (names matched to dimensions).
  assert.equal(await paste('\t可靠性\t有形性\t响应性\t保证性\n可靠性\t1\t3\t2\t5\n有形性\t\t1\t1/2\t2\n响应性\t\t\t1\t3\n保证性\t\t\t\t1'), null);
  await ahpIdle(page);
  // Reordered by name: tangibles vs reliability is the reciprocal of 3.
  assert.equal(await page.$eval('#ahp-dims-0-1', (s) => s.selectedOptions[0].textContent), '1/3');
  assert.equal(await page.$eval('#ahp-dims-0-2', (s) => s.selectedOptions[0].textContent), '1/2');
  // A = the keyboard test's matrix: same weights.
  close(await values(page, 'ahp-priorities'), [0.15698986076290622, 0.48288561655474077, 0.271974461324719, 0.08815006135763406], 1e-9, 'w');

  // Typed-in weights that add up to zero: said, not divided by.
  await page.click('#close-weights');
  await edit(page, () => page.check('#weighting-direct'));
  for (const id of ['tangibles', 'reliability', 'responsiveness', 'assurance']) await page.fill(`#direct-weights input[data-dimension="${id}"]`, '0');
  assert.match(await page.textContent('#direct-sum-error'), /权重之和为零/);
  assert.equal(await page.isVisible('#direct-sum-error'), true);
  await page.fill('#direct-weights input[data-dimension="reliability"]', '1');
  assert.equal(await page.isVisible('#direct-sum-error'), false);
  await weightedIs(page, -1);
  assert.deepEqual(w.problems(), []);
});

test('the demo: AHP-weighted, entropy-weighted and combined SERVQUAL, with the working shown', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await openAhp(page);
  // D = [[1,1/3,1/2,1,2],[3,1,2,3,4],[2,1/2,1,2,3],[1,1/3,1/2,1,2],[1/2,1/4,1/3,1/2,1]]
  await judge(page, { '0,1': 1 / 3, '0,2': 1 / 2, '0,3': 1, '0,4': 2, '1,2': 2, '1,3': 3, '1,4': 4, '2,3': 2, '2,4': 3, '3,4': 2 });
  // page_weights_reference.py: demo gaps [-0.11759259259259258, -1.4551388888888892,
  // -1.3708333333333333, -0.5210648148148148, -0.5661111111111113]; demo AHP weights
  // [0.1367315082288654, 0.40304795095360535, 0.24440341787474554, 0.13673150822886537,
  // 0.07908561471391837] CR 0.007391523570336137 weighted servqual -1.053622935297823
  close(await values(page, 'ahp-priorities'), [0.1367315082288654, 0.40304795095360535, 0.24440341787474554, 0.13673150822886537, 0.07908561471391837], 1e-9, 'w');
  await weightedIs(page, -1.053622935297823);
  assert.match(await page.textContent('[data-testid="ws-score"]'), /−1\.05/);

  // Item judgments for reliability (two-level): global = dimension weight × local.
  await page.click('summary:has-text("Item weights within dimensions")');
  const before = await currentRun(page);
  await page.click('#ahp-items-reliability');
  await page.selectOption('#ahp-item-reliability-0-1', '3');
  await waitForRun(page, before);
  await page.waitForSelector('[data-testid="ahp-item-globals"] tr[data-item]');
  const globals = await page.$$eval('[data-testid="ahp-item-globals"] tbody tr', (rows) => rows.map((r) => Number(r.querySelector('.global').textContent)));
  assert.ok(Math.abs(globals.reduce((a, b) => a + b, 0) - 1) < 5e-4, String(globals));

  // Entropy on the respondents' perception scores, with its working.
  // page_weights_reference.py: demo entropy weights [0.15308026439716776,
  // 0.17280565124773564, 0.20313084056681066, 0.259922438233832, 0.21106080555445392]
  // respondents 360 weighted servqual -0.8028361600815414
  await page.click('#close-weights');
  await edit(page, () => page.check('#weighting-entropy'));
  await weightedIs(page, -0.8028361600815414);
  await page.click('#open-working');
  await page.waitForSelector('[data-testid="use-tab"] [data-testid="entropy-working"]');
  close(await values(page, 'use-weights'), [0.15308026439716776, 0.17280565124773564, 0.20313084056681066, 0.259922438233832, 0.21106080555445392], 1e-12, 'entropy');
  assert.match(await page.textContent('[data-testid="entropy-working"]'), /Showing 10 of 360 rows/);

  // Combined AHP × entropy: w = a·b / Σ a·b.
  // page_weights_reference.py: demo combined AHP x entropy [0.10875610978835984, …]
  // weighted servqual -1.038331338238223
  await page.click('#close-weights');
  await edit(page, () => page.check('#weighting-combined'));
  await weightedIs(page, -1.038331338238223);
  await page.click('#open-working');
  await page.waitForSelector('[data-testid="use-tab"] [data-testid="combined-working"]');
  close(await values(page, 'use-weights'), [0.10875610978835984, 0.36189327695740764, 0.25795799764218486, 0.184662296869797, 0.08673031874225079], 1e-9, 'combined');
  // The CRITIC part instead: a different weighted score, still explained.
  await page.click('#close-weights');
  await edit(page, () => page.selectOption('#combined-objective', 'critic'));
  assert.equal((await page.evaluate(() => window.gapscope.report.overall.weighting.method)), 'combined');
  assert.deepEqual(w.problems(), []);
});

test('a survey.json with AHP judgments opens in the editor, items included', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, readFileSync(`${REPO}/tests/reference/survey_weights.csv`, 'utf8'));
  await edit(page, () => page.setInputFiles('#config-input', `${REPO}/tests/reference/survey_weights_ahp.json`));
  assert.equal(await page.isChecked('#weighting-ahp'), true);
  await page.click('#open-weights');
  await ahpIdle(page);
  // The file's matrix [[1, 1/3, 2], [3, 1, 5], [1/2, 1/5, 1]] and its reliability item matrix.
  assert.equal(await page.$eval('#ahp-dims-0-1', (s) => s.selectedOptions[0].textContent), '1/3');
  assert.equal(await page.$eval('#ahp-dims-1-2', (s) => s.selectedOptions[0].textContent), '5');
  assert.equal(await page.isChecked('#ahp-items-reliability'), true);
  assert.equal(await page.$eval('#ahp-item-reliability-0-2', (s) => s.selectedOptions[0].textContent), '3');
  // survey_reference.py: ahp weights [0.22965079406263708, 0.6483290138222367,
  // 0.12202019211512617]; weighted servqual (ahp) -0.6241089107470794; reliability
  // item weights global [0.34984776918895927, 0.19252864700833697, 0.10595259762494051]
  close(await values(page, 'ahp-priorities'), [0.22965079406263708, 0.6483290138222367, 0.12202019211512617], 1e-9, 'w');
  await weightedIs(page, -0.6241089107470794);
  const globals = await page.$$eval('[data-testid="ahp-item-globals"] tbody tr[data-item^="R"] .global', (tds) => tds.map((td) => Number(td.textContent)));
  close(globals, [0.34984776918895927, 0.19252864700833697, 0.10595259762494051], 5e-5, 'global item weights');
  assert.deepEqual(w.problems(), []);
});

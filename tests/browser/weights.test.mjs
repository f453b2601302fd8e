// Dimension weights: equal, typed in (normalised), respondents' 100-point
// allocation. Expected values with numpy from SMALL_CSV (page-helpers.mjs):
//
//   direct 30/70:  0.3 * tang + 0.7 * rel                      = -1.11875
//   allocation (points 40/60, 50/50, 20/80, 100/0 per respondent):
//     w = pts / pts.sum(1); D = [tang_i, rel_i]; (w * D).sum(1).mean()  = -1.2875
//     same on P (SERVPERF):                                     = 4.8875

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, analyseText, overall, near, currentRun, waitForRun, SMALL_CSV, SMALL } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

async function edit(page, action) {
  const before = await currentRun(page);
  await action();
  return waitForRun(page, before);
}

test('typed-in weights are normalised, shown and used', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  // No points columns: allocation is not offered.
  assert.equal(await page.isDisabled('#weighting-allocation'), true);
  await edit(page, () => page.check('#weighting-direct'));
  await page.fill('#direct-weights input[data-dimension="tangibles"]', '3');
  await edit(page, () => page.fill('#direct-weights input[data-dimension="reliability"]', '7').then(() => page.press('#direct-weights input[data-dimension="reliability"]', 'Tab')));
  const norm = await page.$$eval('#direct-weights tbody tr', (rows) => rows.map((r) => [r.dataset.dimension, r.querySelector('.norm').textContent]));
  assert.deepEqual(norm, [
    ['tangibles', '30.0%'],
    ['reliability', '70.0%'],
  ]);
  const o = await overall(page);
  assert.ok(near(o.weighted, SMALL.direct3070), String(o.weighted));
  assert.ok(near(o.servqual, SMALL.servqual)); // the unweighted score is unchanged
  const used = await page.$$eval('[data-testid="weights-used"] li', (lis) => lis.map((li) => li.textContent));
  assert.deepEqual(used, ['Tangibles 30.0%', 'Reliability 70.0%']);

  await edit(page, () => page.check('#weighting-equal'));
  assert.ok(near((await overall(page)).weighted, SMALL.servqual));
  assert.deepEqual(w.problems(), []);
});

test("respondents' point allocation, when the data has a points column per dimension", async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  const pts = ['40,60', '50,50', '20,80', '100,0'];
  const csv = SMALL_CSV.split('\n')
    .map((l, i) => (i === 0 ? l + ',points_tangibles,points_reliability' : `${l},${pts[i - 1]}`))
    .join('\n');
  await analyseText(page, csv);
  // Detected: the allocation is used by default.
  assert.equal(await page.isDisabled('#weighting-allocation'), false);
  assert.equal(await page.isChecked('#weighting-allocation'), true);
  assert.ok(near((await overall(page)).weighted, -1.2875));
  await edit(page, () => page.check('#weighting-equal'));
  assert.ok(near((await overall(page)).weighted, SMALL.servqual));
  await edit(page, () => page.check('#weighting-allocation'));
  const o = await overall(page);
  assert.ok(near(o.weighted, -1.2875), String(o.weighted));
  assert.ok(near(o.weightedServperf, 4.8875), String(o.weightedServperf));
  assert.match(await page.textContent('.score-card[data-kind="overall-weighted-servqual"] .score-sub'), /n = 4/);
  assert.deepEqual(w.problems(), []);
});

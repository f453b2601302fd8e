// The optional analysis sections (www/analyses/*.js): shown for the demo, with
// numbers that agree with independent references for a small pasted survey,
// IPA options that re-analyse, both languages, and no console errors.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, pasteText, analyseText, currentRun, waitForRun } from './page-helpers.mjs';
import { STRINGS } from '../../www/i18n/index.js';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const SECTIONS = ['metrics', 'ipa', 'drivers', 'comparisons', 'reliability', 'fuzzy'];

/**
 * 16 respondents, items 1–3 (tangibles) and 5–6 (reliability) on 1–7, overall
 * satisfaction, recommend (0–10) and two branches. Generated once with numpy
 * (seed 11) and fixed here. Expected values computed independently, not with
 * Gapscope:
 *
 *   import pandas as pd, numpy as np, pingouin as pg, statsmodels.api as sm
 *   from scipy import stats
 *   df = pd.read_csv('small.csv')                      # the CSV below
 *   r = df.recommend.to_numpy(); p, q = (r >= 9).mean(), (r <= 6).mean()
 *   100 * (p - q)                                      # NPS 6.25
 *   np.sqrt((p + q - (p - q)**2) / len(r)) * 100       # SE 18.684782411095934
 *   pg.cronbach_alpha(df[['P1', 'P2', 'P3']])[0]       # α tangibles P 0.9291765503219246
 *   G = df[['P1','P2','P3','P5','P6']].to_numpy() - df[['E1','E2','E3','E5','E6']].to_numpy()
 *   score = (G[:, :3].mean(1) + G[:, 3:].mean(1)) / 2  # respondent overall gap score
 *   stats.ttest_ind(score[df.branch == 'North'], score[df.branch == 'South'], equal_var=False)
 *                                                      # t 0.6502812479595488, df 13.857662232823401,
 *                                                      # p 0.5261452605390802
 *   X = pd.DataFrame({'tang': df[['P1','P2','P3']].mean(1), 'rel': df[['P5','P6']].mean(1)})
 *   m = sm.OLS(df.overall, sm.add_constant(X)).fit()
 *   m.rsquared, m.rsquared_adj, m.fvalue               # 0.8439071885860373, 0.8198929099069662,
 *                                                      # 35.14189203282277
 */
const SURVEY = `E1,E2,E3,E5,E6,P1,P2,P3,P5,P6,overall,recommend,branch
6,5,6,6,5,4,5,5,4,4,4,9,North
5,7,6,5,6,6,6,6,6,5,6,9,South
6,5,5,6,7,5,7,6,5,7,6,7,North
5,5,6,6,5,5,6,4,4,3,5,5,South
6,6,5,5,6,5,6,4,4,5,5,4,North
5,6,4,5,5,3,4,4,4,5,4,8,South
5,6,6,5,7,5,6,5,5,3,4,5,North
6,6,6,6,5,3,5,4,5,5,5,7,South
6,6,5,6,6,6,6,6,5,5,5,9,North
5,4,4,5,4,2,2,2,2,3,2,1,South
7,6,7,6,7,6,6,5,6,6,6,10,North
6,5,6,6,7,5,5,4,4,6,4,8,South
5,7,6,6,5,6,7,7,5,6,6,9,North
6,5,6,6,4,5,5,5,5,5,5,7,South
5,4,6,6,7,3,4,4,4,4,3,7,North
5,5,6,7,6,6,6,5,5,5,5,8,South`;

const REF = {
  nps: 6.25,
  npsSe: 18.684782411095934,
  alphaTangiblesP: 0.9291765503219246,
  welch: { t: 0.6502812479595488, df: 13.857662232823401, p: 0.5261452605390802 },
  ols: { r2: 0.8439071885860373, adjR2: 0.8198929099069662, f: 35.14189203282277 },
};

const close = (a, b, tol = 1e-9) => typeof a === 'number' && Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const num = (v) => (v === null || v === '' ? null : Number(v));

test('the demo shows every analysis section, reachable from the navigation', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  assert.deepEqual(await page.$$eval('#report [data-section]', (els) => els.map((e) => e.dataset.section)), SECTIONS);
  const nav = await page.$$eval('[data-testid="section-nav"] a', (as) => as.map((a) => a.dataset.target));
  for (const s of SECTIONS) assert.ok(nav.includes(s), `nav lacks ${s}: ${nav}`);
  // The first screen is unchanged: overview first, then the dimension chart before any analysis.
  const order = await page.$$eval('#report > *', (els) => els.map((e) => e.className || e.tagName));
  assert.match(order[0], /overview/);
  assert.ok(order.indexOf('dimensions-section') < order.findIndex((c) => /analysis-section/.test(c)), order.join(' | '));

  // Metrics: NPS with SE and the three-part split, CSAT with its definition.
  assert.match(await page.textContent('[data-testid="nps"]'), /^[−+]?\d+\.\d ± \d+\.\d$/);
  assert.equal(await page.locator('svg.split-bar rect').count(), 3);
  assert.match(await page.textContent('[data-testid="csat-definition"]'), /top-2 box/);
  // IPA: one dot per item, cross-hairs, the four quadrant names, the action list.
  assert.equal(await page.locator('[data-testid="ipa-chart"] g.ipa-point').count(), 22);
  assert.equal(await page.locator('[data-testid="ipa-chart"] line.crosshair').count(), 2);
  assert.equal(await page.locator('[data-testid="ipa-chart"] text.quadrant-name').count(), 4);
  assert.ok((await page.locator('[data-testid="ipa-concentrate"] li').count()) > 0);
  // Drivers: a correlation per dimension and the OLS table (intercept + 5).
  assert.equal(await page.locator('[data-testid="drivers-correlations"] tbody tr').count(), 5);
  assert.equal(await page.locator('[data-testid="drivers-ols"] tbody tr').count(), 6);
  assert.match(await page.textContent('[data-testid="drivers-fit"]'), /R² = 0\.\d{3}.*F\(5, \d+\)/);
  // Comparisons: branch (4 groups → ANOVA) and wave (2 → Welch), each with tests per dimension.
  const groupings = await page.$$eval('[data-testid="grouping"]', (els) => els.map((e) => [e.dataset.column, e.querySelector('[data-testid="cmp-test"]')?.dataset.test]));
  assert.deepEqual(groupings, [['branch', 'anova'], ['wave', 'welch']]);
  assert.equal(await page.locator('[data-testid="grouping"] [data-testid="cmp-dimension-tests"] tbody tr').count(), 10);
  // Reliability: E and P per dimension plus all items; a row opens to its items.
  assert.equal(await page.locator('[data-testid="reliability-table"] tr.scale-row').count(), 12);
  const first = page.locator('[data-testid="reliability-table"] tr.scale-row').first();
  await first.locator('button.expander').click();
  assert.equal(await page.locator('[data-testid="reliability-table"] tr.detail-row:not([hidden]) [data-testid="reliability-items"] tbody tr').count(), 4);
  // Fuzzy: grade, score, operator and B per dimension; R opens on request.
  assert.match(await page.textContent('[data-testid="fuzzy-operator"]'), /M\(·,\+\)/);
  assert.equal(await page.locator('[data-testid="fuzzy-b"] tbody tr').count(), 5);
  assert.equal(await page.locator('[data-testid="fuzzy-b"] tfoot tr').count(), 2);
  await page.click('[data-testid="fuzzy-r-details"] summary');
  assert.equal(await page.locator('[data-testid="fuzzy-r"] tbody tr').count(), 22);

  // A navigation link brings its section into view.
  await page.click('[data-testid="section-nav"] a[data-target="fuzzy"]');
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-section="fuzzy"] h2').getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  // Hovering an IPA dot shows its numbers.
  await page.hover('[data-testid="ipa-chart"] g.ipa-point >> nth=0');
  await page.locator('#tooltip').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#tooltip'), /Perception: \d\.\d\d \(n = \d+\)/);
  assert.deepEqual(w.problems(), []);
});

test('a small pasted survey: NPS, α, Welch p and OLS R² agree with SciPy, pingouin and statsmodels', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  assert.equal(await pasteText(page, SURVEY), 'ready');
  const got = await page.evaluate(() => {
    const q = (sel) => document.querySelector(sel);
    const tangP = q('[data-testid="reliability-table"] tr.scale-row[data-dimension="tangibles"][data-side="perception"]');
    return {
      nps: q('[data-testid="nps"]')?.dataset.value,
      npsText: q('[data-testid="nps"]')?.textContent,
      se: q('[data-testid="nps-se"]')?.dataset.value,
      alpha: tangP?.dataset.alpha,
      alphaText: tangP?.querySelector('td.alpha')?.textContent,
      test: q('[data-testid="cmp-test"]')?.dataset,
      testText: q('[data-testid="cmp-test"]')?.textContent,
      fit: q('[data-testid="drivers-fit"]')?.dataset,
      fitText: q('[data-testid="drivers-fit"]')?.textContent,
    };
  });
  assert.ok(close(num(got.nps), REF.nps), `NPS ${got.nps}`);
  assert.ok(close(num(got.se), REF.npsSe), `SE ${got.se}`);
  assert.equal(got.npsText, '+6.3 ± 18.7');
  assert.ok(close(num(got.alpha), REF.alphaTangiblesP), `alpha ${got.alpha}`);
  assert.equal(got.alphaText, '0.929');
  assert.equal(got.test.test, 'welch');
  assert.ok(close(num(got.test.p), REF.welch.p), `Welch p ${got.test.p}`);
  assert.ok(close(num(got.test.t), REF.welch.t), `Welch t ${got.test.t}`);
  assert.ok(close(num(got.test.df), REF.welch.df), `Welch df ${got.test.df}`);
  assert.match(got.testText, /North − South = \+0\.23, t\(13\.9\) = 0\.65, p = 0\.526/);
  assert.ok(close(num(got.fit.r2), REF.ols.r2), `R² ${got.fit.r2}`);
  assert.ok(close(num(got.fit.adjR2), REF.ols.adjR2), `adj R² ${got.fit.adjR2}`);
  assert.ok(close(num(got.fit.f), REF.ols.f), `F ${got.fit.f}`);
  assert.match(got.fitText, /R² = 0\.844.*adjusted R² = 0\.820.*F\(2, 13\) = 35\.14/);
  // No NaN or Infinity anywhere in the rendered sections.
  assert.doesNotMatch(await page.textContent('#report'), /NaN|Infinity|undefined/);
  assert.deepEqual(w.problems(), []);
});

test('changing the IPA importance option re-analyses and redraws the chart', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  const chart = '[data-testid="ipa-chart"] svg';
  assert.equal(await page.getAttribute(chart, 'data-importance'), 'allocation');
  const xs = () => page.$$eval('[data-testid="ipa-chart"] g.ipa-point', (gs) => Object.fromEntries(gs.map((g) => [g.dataset.item, Number(g.dataset.x)])));
  const before = await xs();
  // The demo allocates points per dimension: every item of a dimension has the same x.
  assert.equal(before.Q5, before.Q6);
  const axis = await page.textContent(`${chart} .axis-label`);

  const run = await currentRun(page);
  await page.focus('[data-testid="opt-ipa-importance"]');
  await page.selectOption('[data-testid="opt-ipa-importance"]', 'derived');
  assert.equal(await waitForRun(page, run), 'ready');
  assert.equal(await page.getAttribute(chart, 'data-importance'), 'derived');
  const after = await xs();
  assert.notEqual(after.Q5, after.Q6);
  for (const x of Object.values(after)) assert.ok(x > -1 && x < 1, `r = ${x}`);
  assert.notEqual(await page.textContent(`${chart} .axis-label`), axis);
  // The option lives in the configuration the page analyses (and downloads).
  assert.equal(await page.evaluate(() => window.gapscope.report.config.analyses.ipa.importance), 'derived');
  // The control keeps the focus and shows the choice.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.focusKey), 'opt-ipa-importance');
  assert.equal(await page.inputValue('[data-testid="opt-ipa-importance"]'), 'derived');

  // Cross-hairs at the scale midpoint: y crosses at 4 on the 1–7 perception scale.
  const run2 = await currentRun(page);
  await page.selectOption('[data-testid="opt-ipa-crosshairs"]', 'midpoint');
  await waitForRun(page, run2);
  assert.equal(await page.evaluate(() => window.gapscope.report.ipa.crosshairs.y), 4);

  // Stated importance without importance columns: the reason instead of a chart.
  const run3 = await currentRun(page);
  await page.selectOption('[data-testid="opt-ipa-importance"]', 'stated');
  await waitForRun(page, run3);
  assert.equal(await page.locator('[data-testid="ipa-chart"]').count(), 0);
  assert.match(await page.textContent('[data-testid="ipa-undefined"]'), /^No quadrant chart: \S.{10,}/);
  assert.deepEqual(w.problems(), []);
});

test('the fuzzy operator and grade scores are chosen in the page', async () => {
  // The data of tests/fuzzy_options.rs, detected here on the 1–5 scale (grades 1..5),
  // one dimension (items 1–2: tangibles), w = (0.5, 0.5), by hand (METHODS.md §6):
  // r_1 = (0.5, 0.25, 0.25, 0, 0), r_2 = (0, 0, 1, 0, 0);
  // M(∧,∨): b = (0.5, 0.25, 0.5, 0, 0) normalised (0.4, 0.2, 0.4, 0, 0), score 2.0;
  // M(·,+) with 0–100 banding s = (0, 25, 50, 75, 100): b = (0.25, 0.125, 0.625, 0, 0),
  // score 0.125·25 + 0.625·50 = 34.375.
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await analyseText(page, 'E1,P1,E2,P2\n1,1,3,3\n1,1,3,3\n2,2,3,3\n3,3,3,3\n');
  const fuzzy = () => page.evaluate(() => window.gapscope.report.fuzzy);
  assert.equal((await fuzzy()).operator, 'weighted_average');
  const run = await currentRun(page);
  await page.selectOption('[data-testid="opt-fuzzy-operator"]', 'zadeh');
  assert.equal(await waitForRun(page, run), 'ready');
  const z = await fuzzy();
  assert.equal(z.operator_label, 'M(∧,∨)');
  z.two_level.b.forEach((x, i) => assert.ok(close(x, [0.4, 0.2, 0.4, 0, 0][i], 1e-12), `b = ${z.two_level.b}`));
  assert.ok(close(z.two_level.score, 2.0, 1e-12), `score ${z.two_level.score}`);
  assert.match(await page.textContent('[data-testid="fuzzy-operator"]'), /M\(∧,∨\)/);
  const run2 = await currentRun(page);
  await page.selectOption('[data-testid="opt-fuzzy-operator"]', 'weighted_average');
  await waitForRun(page, run2);
  const run3 = await currentRun(page);
  await page.selectOption('[data-testid="opt-fuzzy-scores"]', 'percent');
  await waitForRun(page, run3);
  assert.ok(close((await fuzzy()).two_level.score, 34.375, 1e-12));
  assert.deepEqual(w.problems(), []);
});

test('switching the language translates the section headings and the navigation', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  const headings = () => page.$$eval('#report [data-section] > h2', (hs) => hs.map((x) => x.textContent));
  const keys = ['metrics.title', 'ipa.title', 'drivers.title', 'cmp.title', 'rel.title', 'fuzzy.title'];
  assert.deepEqual(await headings(), keys.map((k) => STRINGS.en[k]));
  await page.click('[data-lang="zh"]');
  assert.deepEqual(await headings(), keys.map((k) => STRINGS.zh[k]));
  assert.equal(await page.textContent('[data-testid="section-nav"] a[data-target="drivers"]'), STRINGS.zh['nav.drivers']);
  // Engine texts follow too: the quadrant names and the α labels.
  assert.ok((await page.textContent('[data-testid="ipa-chart"]')).includes('重点改进区'));
  assert.match(await page.textContent('[data-testid="reliability-table"]'), /优秀|良好|可接受|存疑|差/);
  assert.deepEqual(w.problems(), []);
});

test('degenerate data: explanations instead of numbers', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  // Overall satisfaction never varies: no regression; one item per dimension: no α.
  const csv = ['E1,E5,P1,P5,overall,recommend', '5,6,4,5,5,9', '6,6,5,4,5,3', '7,5,6,6,5,10', '4,6,3,5,5,7'].join('\n');
  assert.equal(await analyseText(page, csv), 'ready');
  const undef = await page.textContent('[data-testid="drivers-undefined"]');
  assert.match(undef, /No regression model: .+/);
  const dash = page.locator('[data-testid="reliability-table"] tr.scale-row[data-dimension="tangibles"][data-side="perception"] td.alpha');
  assert.equal(await dash.textContent(), '—');
  assert.ok((await dash.getAttribute('title'))?.length > 5);
  assert.doesNotMatch(await page.textContent('#report'), /NaN|Infinity/);
  assert.deepEqual(w.problems(), []);
});

test('the drop-in element shows the analysis sections, without the option controls', async () => {
  const w = await env.openHtml(
    '/embed-test.html',
    `<!doctype html><meta charset="utf-8"><title>embed</title><script type="module" src="/gapscope-element.js"></script>
<gapscope-evaluator src="demo/bank-survey.csv" lang="en"></gapscope-evaluator>`,
  );
  const { page } = w;
  await page.waitForSelector('gapscope-evaluator[data-status="ready"]');
  assert.deepEqual(await page.$$eval('gapscope-evaluator', (els) => [...els[0].shadowRoot.querySelectorAll('[data-section]')].map((e) => e.dataset.section)), SECTIONS);
  assert.equal(await page.locator('gapscope-evaluator .options-bar').count(), 0);
  assert.equal(await page.locator('gapscope-evaluator [data-testid="ipa-chart"] g.ipa-point').count(), 22);
  // Navigation works inside the shadow root.
  await page.click('gapscope-evaluator [data-testid="section-nav"] a[data-target="reliability"]');
  await page.waitForFunction(() => {
    const h = document.querySelector('gapscope-evaluator').shadowRoot.querySelector('[data-section="reliability"] h2');
    const r = h.getBoundingClientRect();
    return r.top >= 0 && r.top < window.innerHeight;
  });
  assert.deepEqual(w.problems(), []);
});

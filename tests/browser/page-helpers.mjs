// Page-level helpers shared by the browser tests of www/index.html (not a test
// file itself). The page sets body[data-status] to busy/ready/error and
// body[data-run] to the number of the analysis whose results are shown.

import { setup } from './harness.mjs';

export { setup };

/** Open the page and wait until the demo (or restored data) is analysed. */
export async function openReady(env, path = '/', opts) {
  const w = await env.open(path, opts);
  await w.page.waitForSelector('body[data-status="ready"], body[data-status="error"]', { timeout: 30_000 });
  return w;
}

export async function currentRun(page) {
  return Number(await page.evaluate(() => document.body.dataset.run ?? 0));
}

/** Wait for an analysis newer than `before` to finish. */
export async function waitForRun(page, before, timeout = 60_000) {
  await page.waitForFunction(
    (b) => Number(document.body.dataset.run ?? 0) > b && document.body.dataset.status !== 'busy',
    before,
    { timeout },
  );
  return page.evaluate(() => document.body.dataset.status);
}

/** Type text into the data box and press Analyse; resolves to the page status. */
export async function analyseText(page, text) {
  const before = await currentRun(page);
  await page.fill('#data-input', text);
  await page.click('#analyze');
  return waitForRun(page, before);
}

/**
 * Paste text into the data box the way a browser does (a paste event carrying
 * the clipboard's text/plain); the page analyses on paste by itself.
 */
export async function pasteText(page, text) {
  const before = await currentRun(page);
  await page.focus('#data-input');
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    const ta = document.getElementById('data-input');
    ta.select();
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
  return waitForRun(page, before);
}

/** The overall scores' full-precision values (null when shown as undefined). */
export async function overall(page) {
  return page.evaluate(() => {
    const v = (id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (!el) return undefined;
      return el.dataset.value === '' ? null : Number(el.dataset.value);
    };
    return {
      servqual: v('overall-servqual'),
      weighted: v('overall-weighted-servqual'),
      servperf: v('overall-servperf'),
      weightedServperf: v('overall-weighted-servperf'),
    };
  });
}

/** The message panel as [{severity, code, text}]. */
export async function messages(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#messages:not([hidden]) .message')].map((m) => ({
      severity: m.dataset.severity,
      code: m.dataset.code,
      text: m.querySelector('.message-body').textContent,
    })),
  );
}

/** Approximately equal, for numbers read back from the page. */
export function near(a, b, tol = 1e-9) {
  return typeof a === 'number' && Math.abs(a - b) <= tol;
}

/**
 * Four respondents, items 1–4 (tangibles, by the PZB numbering) and item 5
 * (reliability), 1–7 scale. Expected values computed independently with numpy /
 * scipy (METHODS.md §2–3), not with Gapscope:
 *
 *   import numpy as np; from scipy import stats
 *   E = np.array([[6,7,5,6,7],[5,6,6,7,6],[7,7,6,5,7],[4,5,6,6,5]], float)
 *   P = np.array([[5,6,5,4,5],[5,5,4,6,6],[6,5,6,5,4],[5,5,5,4,5]], float)
 *   G = P - E
 *   tang = G[:, :4].mean(1).mean()          # -0.8125
 *   rel  = G[:, 4].mean()                    # -1.25
 *   (tang + rel) / 2                         # SERVQUAL  -1.03125
 *   (P[:, :4].mean(1).mean() + P[:, 4].mean()) / 2   # SERVPERF 5.03125
 *   0.3 * tang + 0.7 * rel                   # direct weights 30/70: -1.11875
 *   (G[:, :3].mean(1).mean() + rel) / 2      # P4 ignored: -0.958333…
 *   stats.ttest_rel(P[:, 4], E[:, 4])        # Q5: t = -1.6667, df = 3, p = 0.19417
 */
export const SMALL_CSV = [
  'E1,E2,E3,E4,E5,P1,P2,P3,P4,P5',
  '6,7,5,6,7,5,6,5,4,5',
  '5,6,6,7,6,5,5,4,6,6',
  '7,7,6,5,7,6,5,6,5,4',
  '4,5,6,6,5,5,5,5,4,5',
].join('\n');

export const SMALL = {
  servqual: -1.03125,
  servperf: 5.03125,
  tangibles: -0.8125,
  reliability: -1.25,
  direct3070: -1.11875,
  p4Ignored: -0.9583333333333333,
  q5: { t: -1.6666666666666667, df: 3, p: 0.19417134561205848 },
};

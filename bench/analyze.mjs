// (c) 100,000 respondents × 44 items pasted as tab-separated text, analysed in
// headless Chromium — the engine call alone, and the whole page path (fill the
// textarea, click Analyse, wait until the page shows the results) — and by the
// native CLI on the same text.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../tests/browser/harness.mjs';
import { pasteText, PASTE_ROWS } from './paste.mjs';
import { median } from './util.mjs';

const BLANK = '<!doctype html><meta charset="utf-8"><title>bench</title>';

// Builds the text inside the page (see paste.mjs) and keeps it in window.__paste.
async function makeTextInPage(page, rows) {
  return page.evaluate(`(window.__paste = (${pasteText.toString()})(${rows})).length`);
}

/** `new Evaluator().analyze(text)` in a blank page of the server's origin. */
export async function benchEngine(env, { rows = PASTE_ROWS, runs = 3 } = {}) {
  const w = await env.openHtml('/__bench__.html', BLANK);
  try {
    await w.page.evaluate(async () => {
      const m = await import('./pkg/gapscope.js');
      await m.default();
      window.__gapscope = m;
    });
    const chars = await makeTextInPage(w.page, rows);
    const times = [];
    let analysed = null;
    for (let i = 0; i < runs; i++) {
      const r = await w.page.evaluate(() => {
        const t0 = performance.now();
        const report = new window.__gapscope.Evaluator().analyze(window.__paste);
        const t1 = performance.now();
        return { ms: t1 - t0, analysed: report.respondents.analysed };
      });
      times.push(r.ms);
      analysed = r.analysed;
    }
    return { rows, chars, analysed, runs_ms: times, median_ms: median(times), problems: w.problems() };
  } finally {
    await w.close();
  }
}

/**
 * The page path: after the demo is shown, put the text in #data-input (as a
 * paste does: value + input event), click #analyze and time until the page
 * sets body[data-status="ready"] again. Skipped, with a reason, if the page or
 * its elements do not exist yet.
 */
export async function benchUi(env, { rows = PASTE_ROWS, runs = 3 } = {}) {
  const w = await env.open('/', { waitUntil: 'load' });
  try {
    try {
      await w.page.waitForSelector('body[data-status="ready"]', { state: 'attached', timeout: 30_000 });
    } catch {
      return { skipped: 'the page never set body[data-status="ready"]' };
    }
    const missing = await w.page.evaluate(() =>
      ['#data-input', '#analyze'].filter((s) => !document.querySelector(s)),
    );
    if (missing.length) return { skipped: `the page has no ${missing.join(', ')}` };
    await makeTextInPage(w.page, rows);
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = await w.page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const input = document.querySelector('#data-input');
            input.value = window.__paste;
            input.dispatchEvent(new Event('input', { bubbles: true }));
            // Any write of data-status counts, even "ready" → "ready": a
            // MutationObserver sees every setAttribute.
            let t0;
            const obs = new MutationObserver(() => {
              const s = document.body.dataset.status;
              if (s === 'ready') {
                obs.disconnect();
                resolve(performance.now() - t0);
              } else if (s === 'error') {
                obs.disconnect();
                reject(new Error('the page reported an error'));
              }
            });
            obs.observe(document.body, { attributes: true, attributeFilter: ['data-status'] });
            t0 = performance.now();
            document.querySelector('#analyze').click();
          }),
      );
      times.push(t);
    }
    return { rows, runs_ms: times, median_ms: median(times), problems: w.problems() };
  } finally {
    await w.close();
  }
}

/** The native CLI on the same text, end to end (start, read, analyse, JSON out). */
export function benchNative({ rows = PASTE_ROWS, runs = 3 } = {}) {
  const bin = path.join(REPO, 'target', 'release', 'gapscope');
  const dir = path.join(REPO, 'target', 'bench');
  mkdirSync(dir, { recursive: true });
  const input = path.join(dir, `paste-${rows}.tsv`);
  writeFileSync(input, pasteText(rows));
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(bin, ['analyze', input, '--format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const t1 = process.hrtime.bigint();
    if (r.error) return { skipped: `cannot run ${bin}: ${r.error.message} (cargo build --release)` };
    times.push(Number(t1 - t0) / 1e6);
  }
  return { rows, input: path.relative(REPO, input), runs_ms: times, median_ms: median(times) };
}

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
async function makeTextInPage(page, rows, seed = 1) {
  return page.evaluate(`(window.__paste = (${pasteText.toString()})(${rows}, ${seed})).length`);
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

// Resolves with the ms from the action (click on Analyse, or a paste event
// carrying window.__paste) until the page writes body[data-status] = "ready".
// Any write counts, "ready" → "ready" too: a MutationObserver sees every
// setAttribute. Runs in the page (no eval: the page's CSP forbids it).
function untilReady(page, action) {
  return page.evaluate(
    (action) =>
      new Promise((resolve, reject) => {
        const obs = new MutationObserver(() => {
          const s = document.body.dataset.status;
          if (s === 'ready' || s === 'error') {
            obs.disconnect();
            if (s === 'ready') resolve(performance.now() - t0);
            else reject(new Error('the page reported an error'));
          }
        });
        obs.observe(document.body, { attributes: true, attributeFilter: ['data-status'] });
        setTimeout(() => reject(new Error('not ready after 180 s')), 180_000);
        const input = document.querySelector('#data-input');
        let dt;
        if (action === 'paste') {
          dt = new DataTransfer();
          dt.setData('text/plain', window.__paste);
          input.focus();
          input.select();
        }
        const t0 = performance.now();
        if (action === 'paste') {
          input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
        } else {
          document.querySelector('#analyze').click();
        }
      }),
    action,
  );
}

async function openReadyPage(env) {
  const w = await env.open('/', { waitUntil: 'load' });
  try {
    await w.page.waitForSelector('body[data-status="ready"]', { state: 'attached', timeout: 30_000 });
  } catch {
    await w.close();
    return { skipped: 'the page never set body[data-status="ready"]' };
  }
  const missing = await w.page.evaluate(() => ['#data-input', '#analyze'].filter((s) => !document.querySelector(s)));
  if (missing.length) {
    await w.close();
    return { skipped: `the page has no ${missing.join(', ')}` };
  }
  return { w };
}

/**
 * The page path, after the demo is shown: (1) put the text in #data-input as
 * `fill` does (value + input event) and let it lay out — timed on its own —
 * then click #analyze and time until the page shows the results; (2) in a fresh
 * page, a paste event carrying the text (what Ctrl-V does), until shown. New
 * data each run: the page rightly reuses the analysis of unchanged data.
 * Skipped, with a reason, if the page or its elements do not exist yet.
 */
export async function benchUi(env, { rows = PASTE_ROWS, runs = 3 } = {}) {
  const fill = [];
  const click = [];
  const paste = [];
  const problems = [];
  let opened = await openReadyPage(env);
  if (opened.skipped) return opened;
  try {
    for (let i = 0; i < runs; i++) {
      await makeTextInPage(opened.w.page, rows, i + 1);
      fill.push(
        await opened.w.page.evaluate(() => {
          const t0 = performance.now();
          const input = document.querySelector('#data-input');
          input.value = window.__paste;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          void input.scrollHeight; // the layout a real fill causes, here rather than after the click
          return performance.now() - t0;
        }),
      );
      click.push(await untilReady(opened.w.page, 'click'));
    }
    problems.push(...opened.w.problems());
  } finally {
    await opened.w.close();
  }
  opened = await openReadyPage(env);
  if (opened.skipped) return opened;
  try {
    for (let i = 0; i < runs; i++) {
      await makeTextInPage(opened.w.page, rows, 100 + i);
      paste.push(await untilReady(opened.w.page, 'paste'));
    }
    problems.push(...opened.w.problems());
  } finally {
    await opened.w.close();
  }
  return {
    rows,
    fill_runs_ms: fill,
    fill_median_ms: median(fill),
    click_runs_ms: click,
    click_median_ms: median(click),
    paste_runs_ms: paste,
    paste_median_ms: median(paste),
    problems,
  };
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

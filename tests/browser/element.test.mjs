// The drop-in element <gapscope-evaluator>: renders the results of `src` in its
// shadow root, in the language of its `lang` attribute, takes `data` and
// `config` as properties, and fires `report` (or `error`) events.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, near, SMALL_CSV, SMALL } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const page = (body) => `<!doctype html><meta charset="utf-8"><title>embed</title>
<script type="module" src="/gapscope-element.js"></script>
<style>body { font-family: serif; } h2 { color: red; }</style>
${body}`;

test('src + lang: renders the demo in Chinese and fires a report event', async () => {
  const w = await env.openHtml(
    '/embed-test.html',
    page(`<gapscope-evaluator id="g" src="demo/bank-survey.csv" lang="zh"></gapscope-evaluator>
<script type="module">document.getElementById('g').addEventListener('report', (e) => { window.__report = e.detail; });</script>`),
  );
  const { page: p } = w;
  await p.waitForSelector('gapscope-evaluator[data-status="ready"]');
  // Playwright's CSS engine pierces the open shadow root.
  assert.equal(await p.textContent('gapscope-evaluator .overview h2'), '总体服务质量');
  const shown = Number(await p.getAttribute('gapscope-evaluator [data-testid="overall-servqual"]', 'data-value'));
  const fromEvent = await p.waitForFunction(() => window.__report?.overall.servqual).then((h) => h.jsonValue());
  assert.equal(shown, fromEvent);
  assert.equal(await p.locator('gapscope-evaluator [data-testid="item-table"] tbody tr').count(), 22);
  // The host page's CSS does not reach inside.
  const color = await p.$eval('gapscope-evaluator', (el) => getComputedStyle(el.shadowRoot.querySelector('h2')).color);
  assert.notEqual(color, 'rgb(255, 0, 0)');
  // lang can change at any time.
  await p.evaluate(() => document.getElementById('g').setAttribute('lang', 'en'));
  assert.equal(await p.textContent('gapscope-evaluator .overview h2'), 'Overall service quality');
  assert.deepEqual(w.problems(), []);
});

test('data and config properties; bytes work like text', async () => {
  const w = await env.openHtml('/embed-test.html', page('<gapscope-evaluator id="g" lang="en"></gapscope-evaluator>'));
  const { page: p } = w;
  const got = await p.evaluate(async (csv) => {
    await customElements.whenDefined('gapscope-evaluator');
    const el = document.getElementById('g');
    const next = () => new Promise((resolve) => el.addEventListener('report', (e) => resolve(e.detail), { once: true }));
    let r = next();
    el.data = csv;
    const fromText = (await r).overall.servqual;
    r = next();
    el.data = new TextEncoder().encode(csv);
    const fromBytes = (await r).overall.servqual;
    // A config that ignores P4 (see page-helpers.mjs: −0.958333…).
    const config = structuredClone(el.report.config);
    config.columns.find((c) => c.name === 'P4').role = 'ignore';
    r = next();
    el.config = config;
    const edited = (await r).overall.servqual;
    return { fromText, fromBytes, edited };
  }, SMALL_CSV);
  assert.ok(near(got.fromText, SMALL.servqual));
  assert.ok(near(got.fromBytes, SMALL.servqual));
  assert.ok(near(got.edited, SMALL.p4Ignored), String(got.edited));
  assert.deepEqual(w.problems(), []);
});

test('a missing src gives an error event and message, not an exception', async () => {
  const w = await env.openHtml(
    '/embed-test.html',
    page(`<gapscope-evaluator id="g" src="nope.csv" lang="en"></gapscope-evaluator>
<script type="module">document.getElementById('g').addEventListener('error', (e) => { window.__error = e.detail.message; });</script>`),
  );
  const { page: p } = w;
  await p.waitForSelector('gapscope-evaluator[data-status="error"]');
  assert.match(await p.waitForFunction(() => window.__error).then((h) => h.jsonValue()), /404/);
  assert.match(await p.textContent('gapscope-evaluator .messages'), /nope\.csv/);
  // The 404 itself (as a response and as Chromium's console line) is the only problem.
  assert.deepEqual(
    w.problems().filter((x) => !/nope\.csv|status of 404/.test(x)),
    [],
  );
});

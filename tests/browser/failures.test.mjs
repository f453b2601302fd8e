// Failures that are not about the data (issue 8, item 13): a WebAssembly trap
// ("unreachable"), the browser running out of memory, a structure too deeply
// nested for structuredClone ("Maximum call stack size exceeded"), a module that
// could not be fetched ("Failed to fetch"). Each reaches the user as a message in
// the page language saying what happened and what to do — never the raw browser
// text —, the engine or workbook worker is replaced, and the page keeps working.
//
// Traps are provoked by serving, in place of the wasm-bindgen module, a wrapper
// of the real one whose functions throw what a trapped instance throws when the
// input holds a marker; everything else (worker.js, engine.js, the page) is real.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, pasteText, overall, near, currentRun, waitForRun, messages, SMALL_CSV, SMALL } from './page-helpers.mjs';
import { fixture, shown, messageWith } from './input-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const RAW = /unreachable|RuntimeError|Maximum call stack|Failed to fetch|RangeError|TypeError|memory access/i;

/** Serve `body` instead of `path`, but not for `path?real` (the wrapper imports the real module from there). */
async function replaceModule(context, path, body) {
  await context.route(
    (url) => url.pathname === path && !url.search,
    (route) => route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body }),
  );
}

// The engine: analyze() throws `new <error>` when the text contains "TRAP:<kind>".
const ENGINE_STUB = `
import init, * as real from './gapscope.js?real';
export * from './gapscope.js?real';
export default init;
const failures = {
  trap: () => new WebAssembly.RuntimeError('unreachable'),
  memory: () => new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'),
  stack: () => new RangeError('Maximum call stack size exceeded'),
};
export class Evaluator extends real.Evaluator {
  analyze(input, options) {
    const m = typeof input === 'string' && /TRAP:(\\w+)/.exec(input);
    if (m) throw failures[m[1]]();
    return super.analyze(input, options);
  }
}
`;

/** A page whose engine module is the stub; `workers` lists every worker started. */
async function openStubbed(locale, stubs = [['/pkg/gapscope.js', ENGINE_STUB]]) {
  const w = await env.open(null, { contextOptions: { locale } });
  for (const [path, body] of stubs) await replaceModule(w.context, path, body);
  w.workers = [];
  w.page.on('worker', (worker) => w.workers.push(worker.url()));
  await w.page.goto(env.baseUrl + '/');
  await w.page.waitForSelector('body[data-status="ready"], body[data-status="error"]', { timeout: 30_000 });
  return w;
}

/** Wait until `n` workers of this script have been started. */
async function workersStarted(w, script, n, timeout = 10_000) {
  const t0 = Date.now();
  while (w.workers.filter((u) => u.endsWith(script)).length < n && Date.now() - t0 < timeout) await new Promise((r) => setTimeout(r, 50));
  return w.workers.filter((u) => u.endsWith(script)).length;
}

async function stillWorks(page) {
  assert.equal(await pasteText(page, SMALL_CSV), 'ready');
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));
}

test('a trap in the engine worker: a message saying what happened and what to do, a new worker, the page working', async () => {
  const w = await openStubbed('en-US');
  const { page } = w;
  assert.equal(w.workers.filter((u) => u.endsWith('/worker.js')).length, 1);
  assert.equal(await pasteText(page, SMALL_CSV.replace('E1,', 'TRAP:trap,')), 'error');
  const m = (await messages(page)).find((x) => x.code === 'engine_crashed');
  assert.ok(m, JSON.stringify(await messages(page)));
  assert.doesNotMatch(m.text, RAW);
  assert.match(m.text, /analysis engine stopped/);
  assert.match(m.text, /restarted/);
  assert.match(m.text, /try again/);
  // The trapped worker was replaced by a fresh one.
  assert.equal(await workersStarted(w, '/worker.js', 2), 2);
  await stillWorks(page);
  assert.equal((await messages(page)).filter((x) => x.code === 'engine_crashed').length, 0);
  // The worker's own exception is expected; nothing else.
  assert.deepEqual(w.problems().filter((p) => !/unreachable/.test(p)), []);
});

test('out of memory and a stack overflow in the engine, in Chinese', async () => {
  const w = await openStubbed('zh-CN');
  const { page } = w;
  assert.equal(await pasteText(page, SMALL_CSV.replace('E1,', 'TRAP:memory,')), 'error');
  const mem = (await messages(page)).find((x) => x.code === 'engine_out_of_memory');
  assert.ok(mem, JSON.stringify(await messages(page)));
  assert.match(mem.text, /浏览器内存不足/);
  assert.match(mem.text, /命令行工具/);
  assert.doesNotMatch(mem.text, RAW);
  assert.equal(await pasteText(page, SMALL_CSV.replace('E1,', 'TRAP:stack,')), 'error');
  const deep = (await messages(page)).find((x) => x.code === 'too_deep');
  assert.ok(deep, JSON.stringify(await messages(page)));
  assert.match(deep.text, /嵌套层级过深/);
  assert.doesNotMatch(deep.text, RAW);
  // English after switching language.
  await page.click('[data-lang="en"]');
  assert.match(await page.textContent('.message[data-code="too_deep"]'), /nested too deeply/);
  await stillWorks(page);
  assert.deepEqual(w.problems().filter((p) => !/Maximum (memory|call stack)/.test(p)), []);
});

test('a deeply nested survey.json: refused before it is parsed or cloned, with a translated message', async () => {
  const w = await env.open('/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await page.waitForSelector('body[data-status="ready"]');
  await pasteText(page, SMALL_CSV);
  const deep = '{"columns":[],"x":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}';
  await page.setInputFiles('#config-input', { name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from(deep) });
  const text = await messageWith(page, 'msg.configTooDeep');
  assert.match(text, /“deep\.json” is nested more than 64 levels deep/);
  assert.doesNotMatch(text, RAW);
  await page.click('[data-lang="zh"]');
  assert.match(await page.textContent('.message[data-code="msg.configTooDeep"]'), /嵌套超过 64 层/);
  // Nothing changed: the detected structure, the same results.
  assert.equal(await page.getAttribute('#structure-mode', 'data-mode'), 'detected');
  await stillWorks(page);
  assert.deepEqual(w.problems(), []);
});

// The workbook reader: readSheet() throws a trap for every workbook while the stub is served.
const WORKBOOK_STUB = `
import init, * as real from './gapscope_workbook.js?real';
export * from './gapscope_workbook.js?real';
export default init;
export function readSheet() {
  throw new WebAssembly.RuntimeError('unreachable');
}
`;

test('a trap in the workbook reader: a translated message, a new reader worker, and the next workbook opens', async () => {
  const w = await openStubbed('zh-CN', [['/pkg/workbook/gapscope_workbook.js', WORKBOOK_STUB]]);
  const { page } = w;
  const before = await shown(page);
  await page.setInputFiles('#file-input', fixture('bank_title.xlsx'));
  const text = await messageWith(page, 'workbook_crashed');
  assert.match(text, /bank_title\.xlsx/);
  assert.match(text, /工作簿读取模块处理此文件时停止了/);
  assert.match(text, /另存为 CSV/);
  assert.doesNotMatch(text, RAW);
  // The results shown before stay.
  assert.equal((await shown(page)).servqual, before.servqual);
  // The real reader from now on, in a new worker.
  await w.context.unrouteAll({ behavior: 'ignoreErrors' });
  const run = await currentRun(page);
  await page.setInputFiles('#file-input', fixture('bank_title.xlsx'));
  assert.equal(await waitForRun(page, run), 'ready');
  assert.equal((await shown(page)).total, 7);
  assert.equal(await workersStarted(w, '/workbook-worker.js', 2), 2);
  assert.deepEqual(w.problems().filter((p) => !/unreachable/.test(p)), []);
});

test('"Failed to fetch": the engine module not loaded says so in words, and loads on the next try', async () => {
  const w = await env.open(null, { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  const block = (route) => route.abort('internetdisconnected');
  await w.context.route('**/pkg/gapscope_bg.wasm', block);
  await page.goto(env.baseUrl + '/');
  await page.waitForSelector('body[data-status="error"]', { timeout: 30_000 });
  const m = (await messages(page)).find((x) => x.code === 'not_loaded');
  assert.ok(m, JSON.stringify(await messages(page)));
  assert.match(m.text, /could not be loaded from the server/);
  assert.match(m.text, /check the connection and try again/);
  assert.doesNotMatch(m.text, RAW);
  // Back online: Analyse works, with a new worker that loads the module.
  await w.context.unroute('**/pkg/gapscope_bg.wasm', block);
  const run = await currentRun(page);
  await page.click('#analyze');
  assert.equal(await waitForRun(page, run), 'ready');
  assert.equal(await page.getAttribute('[data-testid="respondents"]', 'data-total'), '360');
  assert.equal((await messages(page)).filter((x) => x.code === 'not_loaded').length, 0);
  // The aborted request itself is the only problem.
  assert.deepEqual(w.problems().filter((p) => !/gapscope_bg\.wasm/.test(p)), []);
});

// The method functions' module: ahp() traps on a matrix of equal judgments.
const METHODS_STUB = `
import init, * as real from './gapscope_methods.js?real';
export * from './gapscope_methods.js?real';
export default init;
export function ahp(request) {
  if (request.matrices?.[0]?.[0]?.[1] === 1) throw new WebAssembly.RuntimeError('unreachable');
  return real.ahp(request);
}
`;

test('a trap in the weights calculation: a translated message in the AHP editor, and the next judgment computes', async () => {
  const w = await openStubbed('en-US', [['/pkg/methods/gapscope_methods.js', METHODS_STUB]]);
  const { page } = w;
  await pasteText(page, SMALL_CSV);
  let run = await currentRun(page);
  await page.check('#weighting-ahp');
  await waitForRun(page, run);
  await page.click('#open-weights');
  await page.waitForSelector('[data-testid="ahp-tab"][data-busy="false"]');
  const error = page.locator('[data-testid="ahp-result"] .method-error');
  assert.match(await error.textContent(), /weights calculation stopped/);
  assert.doesNotMatch(await error.textContent(), RAW);
  // A new worker (a fresh module instance) answers the next judgment.
  run = await currentRun(page);
  await page.selectOption('#ahp-dims-0-1', '3');
  await page.waitForSelector('[data-testid="ahp-tab"][data-busy="false"] [data-testid="ahp-verdict"]');
  assert.match(await page.textContent('[data-testid="ahp-verdict"]'), /consistent/i);
  assert.deepEqual(w.problems().filter((p) => !/unreachable/.test(p)), []);
});

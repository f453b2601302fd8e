// Smoke test of the build: the wasm engine served by scripts/serve.mjs loads in
// Debian's Chromium and answers from the page. The page's own behaviour is
// tested in the other files of this folder.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO, WWW, setup } from './harness.mjs';

// The crate version the engine must report, read from Cargo.toml independently.
const CARGO_VERSION = readFileSync(path.join(REPO, 'Cargo.toml'), 'utf8').match(
  /^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m,
)[1];

let env;
before(async () => {
  assert.ok(existsSync(path.join(WWW, 'pkg', 'gapscope_bg.wasm')), 'www/pkg is missing: run `make build`');
  env = await setup();
});
after(() => env?.close());

// Loads the engine as the page does and reports what it can see.
async function loadEngine(page) {
  return page.evaluate(async () => {
    const m = await import('./pkg/gapscope.js');
    await m.default();
    const text = await (await fetch('./demo/bank-survey.csv')).text();
    const report = new m.Evaluator().analyze(text);
    return {
      version: m.version(),
      respondents: report.respondents.total,
      items: report.items.length,
      dimensions: report.dimensions.length,
      servqual: report.overall.servqual,
    };
  });
}

test('the wasm engine loads in a same-origin page and analyses the demo', async () => {
  const w = await env.openHtml('/__smoke__.html', '<!doctype html><meta charset="utf-8"><title>smoke</title>');
  const got = await loadEngine(w.page);
  assert.equal(got.version, CARGO_VERSION);
  // The demo has 360 respondents and the 22 SERVQUAL items in 5 dimensions
  // (scripts/make-demo.py); expectations exceed perceptions on average.
  assert.equal(got.respondents, 360);
  assert.equal(got.items, 22);
  assert.equal(got.dimensions, 5);
  assert.ok(got.servqual < 0, `servqual ${got.servqual}`);
  const wasm = w.responses.find((r) => r.url.endsWith('/pkg/gapscope_bg.wasm'));
  assert.ok(wasm, 'the wasm was fetched');
  // Anything else makes Chromium fall back from streaming compilation.
  assert.equal(wasm.contentType, 'application/wasm');
  assert.deepEqual(w.problems(), []);
});

test('index.html loads without errors, only from its own origin, and can call version()', async (t) => {
  if (!existsSync(path.join(WWW, 'index.html'))) {
    t.skip('www/index.html does not exist yet');
    return;
  }
  const w = await env.open('/');
  const version = await w.page.evaluate(async () => {
    const m = await import('./pkg/gapscope.js');
    await m.default();
    return m.version();
  });
  assert.equal(version, CARGO_VERSION);
  assert.deepEqual(w.problems(), []);
});

// Data is text, never markup: headers, cells, file names and configuration labels
// containing HTML are shown literally and no element is created from them.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, analyseText, messages } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const IMG = '<img src=x onerror="window.__pwned=1">';
const SVG = '<svg onload="window.__pwned=2"></svg>';

async function injected(page) {
  return page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    // The page itself has no <img> or <iframe>; its only SVGs are the logo and charts.
    elements: document.querySelectorAll('img, iframe, object, embed, svg:not(.chart):not(.logo)').length,
    scripts: document.querySelectorAll('script').length,
  }));
}

test('HTML in a header and in cells is shown as text and nothing is injected', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    d.dismiss();
  });
  const q = (s) => `"${s.replaceAll('"', '""')}"`;
  const csv = [`E1,${q(IMG)},P1,P2,note`, `5,6,4,5,${q(SVG)}`, `6,${q(IMG)},${q(IMG)},5,x`, '7,7,5,6,y'].join('\n');
  assert.equal(await analyseText(page, csv), 'ready');
  // The cell text comes back in a message, literally.
  const m = await messages(page);
  assert.ok(m.some((x) => x.text.includes(IMG)), JSON.stringify(m));
  // The header appears literally in the structure editor.
  await page.click('#edit-structure');
  const headers = await page.$$eval('[data-testid="structure-table"] .col-name', (els) => els.map((e) => e.textContent));
  assert.ok(headers.includes(IMG), JSON.stringify(headers));
  // Make the HTML-named column an item so it reaches the result tables and charts too.
  await page.locator(`[data-testid="structure-table"] tr:nth-child(2) select.role`).selectOption('perception');
  await page.waitForFunction(() => document.body.dataset.status === 'ready');
  await page.waitForTimeout(300);
  assert.deepEqual(await injected(page), { pwned: null, elements: 0, scripts: 1 });
  assert.equal(dialogs, 0);
  assert.deepEqual(w.problems(), []);
});

test('HTML in a file name and in survey.json labels and ids stays text', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const { page } = w;
  await page.setInputFiles('#file-input', { name: `${IMG}.csv`, mimeType: 'text/csv', buffer: Buffer.from('E1,P1\n5,4\n6,6\n7,5\n') });
  await page.waitForFunction(() => document.body.dataset.status === 'ready' && document.getElementById('source-line').textContent.includes('<img'));
  const config = {
    version: 1,
    scale: { min: 1, max: 7 },
    dimensions: [{ id: SVG, label: { en: IMG, zh: IMG } }],
    items: [{ id: `Q<b>1</b>`, dimension: SVG, label: { en: IMG, zh: IMG } }],
    columns: [
      { name: 'E1', role: 'expectation', item: 'Q<b>1</b>' },
      { name: 'P1', role: 'perception', item: 'Q<b>1</b>' },
    ],
  };
  const before = Number(await page.evaluate(() => document.body.dataset.run));
  await page.setInputFiles('#config-input', { name: `${SVG}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(config)) });
  await page.waitForFunction((b) => Number(document.body.dataset.run) > b && document.body.dataset.status !== 'busy', before);
  assert.equal(await page.evaluate(() => document.body.dataset.status), 'ready');
  assert.ok((await page.textContent('[data-testid="dimension-table"]')).includes(IMG));
  assert.ok((await page.textContent('[data-testid="item-table"]')).includes(IMG));
  assert.ok((await page.textContent('#messages')).includes(`${SVG}.json`));
  await page.click('#edit-structure');
  await page.click('[data-lang="zh"]');
  assert.deepEqual(await injected(page), { pwned: null, elements: 0, scripts: 1 });
  assert.deepEqual(w.problems(), []);
});

test('the page forbids inline script and foreign origins (Content-Security-Policy)', async () => {
  const w = await openReady(env, '/');
  const csp = await w.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:/);
  assert.deepEqual(w.problems(), []);
});

// ------------------------------------------------------------ HTTP headers (issue 8, item 15)

import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WWW } from './harness.mjs';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../scripts/serve.mjs';

/** A server on another origin (another port) that counts what reaches it. */
async function otherOrigin(body = 'x', type = 'text/plain') {
  const hits = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url);
    res.writeHead(200, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    hits,
    close: () =>
      new Promise((r) => {
        server.close(r);
        server.closeAllConnections();
      }),
  };
}

test('every response carries the Content-Security-Policy, nosniff and no-referrer headers', async () => {
  for (const p of ['/', '/core/worker.js', '/core/workbook-worker.js', '/pkg/gapscope_bg.wasm', '/demo/bank-survey.csv', '/no-such-file']) {
    const res = await fetch(env.baseUrl + p);
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, p);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', p);
  }
  // The header says what the <meta> says, and what only a header can: frame-ancestors.
  const html = readFileSync(path.join(WWW, 'index.html'), 'utf8');
  const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.equal(CONTENT_SECURITY_POLICY, `${meta}; frame-ancestors 'self'`);
  for (const d of ["script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'", "frame-ancestors 'self'"]) {
    assert.ok(CONTENT_SECURITY_POLICY.split('; ').includes(d), d);
  }
});

test('www/_headers sends the same headers on a static host (Netlify, Cloudflare Pages)', () => {
  const text = readFileSync(path.join(WWW, '_headers'), 'utf8');
  const block = text.split('\n').filter((l) => /^\s+\S/.test(l)).map((l) => l.trim());
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.ok(block.includes(`${name}: ${value}`), name);
});

test('a worker cannot send a request to another origin, and the page cannot be framed by one', async () => {
  const other = await otherOrigin();
  try {
    const w = await openReady(env, '/');
    const worker = w.page.workers().find((x) => x.url().endsWith('/worker.js'));
    assert.ok(worker, 'the engine worker runs');
    const result = await worker.evaluate(async (url) => {
      try {
        await fetch(url + '/leak?d=1');
        return 'sent';
      } catch (e) {
        return String(e);
      }
    }, other.url);
    assert.match(result, /TypeError/);
    assert.deepEqual(other.hits, []);
    // The worker still works under the policy: the demo was analysed in it.
    assert.equal(await w.page.evaluate(() => document.body.dataset.status), 'ready');

    // A page of another origin that frames Gapscope gets nothing (frame-ancestors 'self').
    const framer = await env.open(null);
    await framer.page.route(other.url + '/frame.html', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: `<iframe src="${env.baseUrl}/"></iframe>` }),
    );
    await framer.page.goto(other.url + '/frame.html');
    await framer.page.waitForTimeout(1000);
    const frame = framer.page.frames().find((f) => f !== framer.page.mainFrame());
    const framed = await frame.evaluate(() => document.body?.dataset.status ?? null).catch(() => null);
    assert.equal(framed, null, 'the page ran inside a frame of another origin');
  } finally {
    await other.close();
  }
});

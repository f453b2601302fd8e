// Helpers for browser tests (node:test) and benchmarks: serve www/ on a free
// port, drive Debian's Chromium through playwright-core, and watch each page for
// the things a test should fail on — console errors, uncaught exceptions, failed
// or non-same-origin requests.
//
//   import { setup } from './harness.mjs';
//   const env = await setup();                 // server + browser
//   const w = await env.open('/');             // new context + page, watched
//   await w.page.waitForSelector('body[data-status="ready"]');
//   assert.deepEqual(w.problems(), []);        // errors, foreign or failed requests
//   await env.close();
//
// This file is not a test (node --test only runs *.test.mjs and the like).

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = path.join(REPO, 'www');

// Flags from the project notes: no sandbox (root in CI), no GPU, and nothing
// that makes Chromium itself talk to the network.
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function chromiumPath() {
  const p = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(p)) {
    throw new Error(`Chromium not found at ${p}: run scripts/setup.sh or set CHROMIUM=/path/to/chromium`);
  }
  return p;
}

export async function launchBrowser({ args = [] } = {}) {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_FLAGS, ...args],
    headless: true,
  });
}

/** The static server on a free port (root defaults to www/). */
export function startTestServer({ root = WWW } = {}) {
  return startServer({ root, port: 0 });
}

// URLs that never leave the page.
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

/**
 * A new browser context and page, with everything it does recorded:
 *   requests       [{ url, method, type, time }]   every request, in order
 *   responses      [{ url, status, contentType }]
 *   failedRequests [{ url, error }]
 *   consoleErrors  [text]                          console.error and the like
 *   pageErrors     [text]                          uncaught exceptions, rejections
 * `origin` is the only origin a request may go to.
 */
export async function openPage(browser, { origin, contextOptions = {} } = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block', ...contextOptions });
  const page = await context.newPage();
  const start = Date.now();
  const w = {
    context,
    page,
    origin,
    requests: [],
    responses: [],
    failedRequests: [],
    consoleErrors: [],
    pageErrors: [],
  };
  // Context-level, so popups and workers of this context are seen too.
  context.on('request', (r) =>
    w.requests.push({ url: r.url(), method: r.method(), type: r.resourceType(), time: Date.now() - start }),
  );
  context.on('response', (r) =>
    w.responses.push({ url: r.url(), status: r.status(), contentType: r.headers()['content-type'] ?? '' }),
  );
  context.on('requestfailed', (r) => {
    // A navigation that replaces a pending one is aborted by design, not a failure.
    const error = r.failure()?.errorText ?? 'failed';
    if (error !== 'net::ERR_ABORTED') w.failedRequests.push({ url: r.url(), error });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'assert') w.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => w.pageErrors.push(String(e?.stack ?? e)));

  /** Requests to any origin other than the page's own (data:/blob: excluded). */
  w.foreignRequests = (since = 0) =>
    w.requests.slice(since).filter((r) => {
      const u = new URL(r.url);
      return !LOCAL_SCHEMES.has(u.protocol) && origin !== undefined && u.origin !== origin;
    });
  /** A mark to pass to requestsSince(): "nothing may be requested after this". */
  w.mark = () => w.requests.length;
  w.requestsSince = (mark) => w.requests.slice(mark);
  /** Responses with an HTTP error status. */
  w.badResponses = () => w.responses.filter((r) => r.status >= 400);
  /** Everything a clean page load must not have, as readable strings ([] = clean). */
  w.problems = () => [
    ...w.pageErrors.map((e) => `page error: ${e}`),
    ...w.consoleErrors.map((e) => `console error: ${e}`),
    ...w.failedRequests.map((r) => `request failed: ${r.url} (${r.error})`),
    ...w.badResponses().map((r) => `HTTP ${r.status}: ${r.url}`),
    ...w.foreignRequests().map((r) => `foreign request: ${r.method} ${r.url}`),
  ];
  w.close = () => context.close();
  return w;
}

/**
 * Server + browser for a test file. `env.open(urlPath)` opens a fresh context,
 * navigates to `urlPath` on the server (waiting for `load`) and returns the
 * watched page; `env.open(null)` returns it without navigating.
 */
export async function setup({ root = WWW } = {}) {
  const server = await startTestServer({ root });
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.close();
    throw e;
  }
  const opened = [];
  return {
    server,
    browser,
    baseUrl: server.url,
    async open(urlPath = '/', { waitUntil = 'load', contextOptions } = {}) {
      const w = await openPage(browser, { origin: server.url, contextOptions });
      opened.push(w);
      if (urlPath !== null) await w.page.goto(server.url + urlPath, { waitUntil });
      return w;
    },
    /**
     * A page at `urlPath` on the server's origin whose HTML is `html`, served by
     * the test itself (nothing is written to www/): for tests of the engine
     * alone, with the origin and relative imports of the real page.
     */
    async openHtml(urlPath, html, opts = {}) {
      const w = await this.open(null, opts);
      await w.page.route(server.url + urlPath, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
      );
      await w.page.goto(server.url + urlPath, { waitUntil: opts.waitUntil ?? 'load' });
      return w;
    },
    async close() {
      for (const w of opened) await w.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

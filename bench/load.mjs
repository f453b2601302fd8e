// (a) Time from navigation start to the analysed demo being shown, over cold
// loads (a new browser context each: empty HTTP and code caches), and
// (b) the sizes of what that first load fetched.
//
// "Shown" is the page's own signal: it sets document.body.dataset.status =
// "ready" once the results are rendered. An init script notes the moment with
// performance.now(), whose zero is the navigation start.

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { openPage, WWW } from '../tests/browser/harness.mjs';
import { gzipSize, median } from './util.mjs';

const READY = 'body[data-status="ready"]';

function noteReadyTime() {
  const check = () => {
    if (window.__gapscopeReadyAt === undefined && document.body?.dataset.status === 'ready') {
      window.__gapscopeReadyAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-status'],
  });
}

export async function benchLoad(browser, baseUrl, { runs = 5 } = {}) {
  const times = [];
  let firstLoad = null;
  let problems = [];
  for (let i = 0; i < runs; i++) {
    const w = await openPage(browser, { origin: baseUrl });
    try {
      await w.context.addInitScript(noteReadyTime);
      await w.page.goto(baseUrl + '/', { waitUntil: 'commit' });
      await w.page.waitForSelector(READY, { state: 'attached', timeout: 60_000 });
      times.push(await w.page.evaluate(() => window.__gapscopeReadyAt ?? performance.now()));
      if (i === 0) {
        firstLoad = w.requests.map((r) => r.url);
        problems = w.problems();
      }
    } finally {
      await w.close();
    }
  }
  return { runs_ms: times, median_ms: median(times), first_load_urls: firstLoad, problems };
}

/** Raw and gzip -9 sizes of the same-origin files in `urls` (duplicates once). */
export function assetSizes(baseUrl, urls) {
  const files = [];
  const seen = new Set();
  for (const u of urls) {
    const url = new URL(u);
    if (url.origin !== baseUrl) continue;
    let p = decodeURIComponent(url.pathname);
    if (p.endsWith('/')) p += 'index.html';
    if (seen.has(p)) continue;
    seen.add(p);
    const file = path.join(WWW, p);
    if (!file.startsWith(WWW + path.sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    const buf = readFileSync(file);
    files.push({ path: p, bytes: buf.length, gzip: gzipSize(buf) });
  }
  return {
    files,
    total_bytes: files.reduce((s, f) => s + f.bytes, 0),
    total_gzip: files.reduce((s, f) => s + f.gzip, 0),
  };
}

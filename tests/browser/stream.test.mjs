// A text file over the browser limit (200 MB) is read as a stream in the worker
// (docs/scale.md): progress with rows and rate, a button that stops it, results
// and data-quality checks from the whole file, exclusions by a second reading,
// and a main thread that never holds the file.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, pasteText, overall, near, SMALL_CSV, SMALL, messages } from './page-helpers.mjs';
import { messageWith, rerun } from './input-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

// The same rows in Node (the expected values) and in the page (the file).
const ROWS_PER_BLOCK = 5000;
const E = (i, k) => 1 + ((i * 7 + k * 13) % 7);
const P = (i, k) => 1 + ((i * 5 + k * 3) % 7);
// The SERVQUAL-22 dimensions the page detects for E1..E22 / P1..P22.
const DIMS = [[1, 4], [5, 9], [10, 13], [14, 17], [18, 22]];

/** SERVQUAL of the block by plain arithmetic: every answer present, so a dimension's gap is its items' mean gap. */
function expectedServqual() {
  const dims = DIMS.map(([a, b]) => {
    let s = 0;
    for (let i = 1; i <= ROWS_PER_BLOCK; i++) for (let k = a; k <= b; k++) s += P(i, k) - E(i, k);
    return s / (ROWS_PER_BLOCK * (b - a + 1));
  });
  return dims.reduce((x, y) => x + y, 0) / dims.length;
}

/** Put a File of `blocks` repetitions of the rows (plus the header) into the file input. */
async function openBig(page, blocks) {
  return page.evaluate(
    ({ blocks, rows, e, p }) => {
      const E = new Function('i', 'k', `return ${e}`);
      const P = new Function('i', 'k', `return ${p}`);
      const head = ['id', ...Array.from({ length: 22 }, (_, k) => 'E' + (k + 1)), ...Array.from({ length: 22 }, (_, k) => 'P' + (k + 1))].join(',');
      const lines = [];
      for (let i = 1; i <= rows; i++) {
        const c = [i];
        for (let k = 1; k <= 22; k++) c.push(E(i, k));
        for (let k = 1; k <= 22; k++) c.push(P(i, k));
        lines.push(c.join(','));
      }
      const block = new TextEncoder().encode(lines.join('\n') + '\n');
      const file = new File([head + '\n', ...Array(blocks).fill(block)], 'big.csv', { type: 'text/csv' });
      const dt = new DataTransfer();
      dt.items.add(file);
      const input = document.getElementById('file-input');
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return file.size;
    },
    { blocks, rows: ROWS_PER_BLOCK, e: '1 + ((i * 7 + k * 13) % 7)', p: '1 + ((i * 5 + k * 3) % 7)' },
  );
}

test('a 223 MB CSV is read as a stream: progress, results from every row, nothing held on the main thread', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const before = Number(await w.page.evaluate(() => document.body.dataset.run));
  const started = [];
  w.page.on('worker', (worker) => started.push(worker.url()));
  const blocks = 480; // 480 × 5,000 rows ≈ 223 MB
  const size = await openBig(w.page, blocks);
  assert.ok(size > 200 * 1024 * 1024, String(size));
  // Progress shows while it reads, with rows and a rate.
  await w.page.waitForSelector('#stream-progress:not([hidden])', { timeout: 60_000 });
  assert.match(await w.page.textContent('#stream-text'), /Reading [\d.]+ [KMG]?B of 2\d\d(\.\d)? MB · rows read: [\d,]+ · /);
  // The page answers meanwhile (a language switch re-renders).
  await w.page.click('[data-lang="zh"]');
  await w.page.click('[data-lang="en"]');
  await w.page.waitForFunction((b) => Number(document.body.dataset.run) > b && document.body.dataset.status !== 'busy', before, { timeout: 240_000 });
  assert.equal(await w.page.evaluate(() => document.body.dataset.status), 'ready');
  assert.ok(await w.page.isHidden('#stream-progress'));
  const report = await w.page.evaluate(() => window.gapscope?.report ?? null);
  const o = await overall(w.page);
  assert.ok(near(o.servqual, expectedServqual(), 1e-9), `${o.servqual} vs ${expectedServqual()}`);
  assert.equal(report.respondents.total, blocks * ROWS_PER_BLOCK);
  // The fuzzy evaluation from every row too: P1's membership is the block's
  // shares of each answer (the blocks repeat it), shown with the page's tables.
  const counts = Array(7).fill(0);
  for (let i = 1; i <= ROWS_PER_BLOCK; i++) counts[P(i, 1) - 1]++;
  const p1 = report.fuzzy.items.find((it) => it.id === 'Q1');
  assert.equal(p1.n, blocks * ROWS_PER_BLOCK);
  p1.membership.forEach((r, k) => assert.ok(near(r, counts[k] / ROWS_PER_BLOCK, 1e-12), `${k}: ${r}`));
  assert.equal(await w.page.locator('[data-testid="fuzzy-b"] tbody tr').count(), 5);
  // The data-quality checks from every row: the blocks repeat the ids 1–5000,
  // so every row after the first block repeats an earlier id; within the first
  // block the answers repeat with i mod 7 (E does not depend on i, P only on
  // i mod 7), 44 answers that chance does not repeat. The panel counts both.
  const patterns = new Set();
  for (let i = 1; i <= ROWS_PER_BLOCK; i++) patterns.add(Array.from({ length: 22 }, (_, k) => P(i, k + 1)).join());
  const dupes = (blocks - 1) * ROWS_PER_BLOCK + (ROWS_PER_BLOCK - patterns.size);
  assert.equal(report.quality.rows, blocks * ROWS_PER_BLOCK);
  assert.equal(report.quality.duplicates.count, dupes);
  const [a, b] = report.quality.duplicates.rows;
  assert.deepEqual([a.row, a.first_row, a.kind], [2 + patterns.size, 2, 'same_answers']);
  assert.ok(a.chance < 1e-6, String(a.chance));
  assert.deepEqual([b.row, b.first_row], [3 + patterns.size, 3]);
  const cards = await w.page.$$eval('.q-rule', (els) => Object.fromEntries(els.map((e) => [e.dataset.kind, e.dataset.flagged])));
  assert.equal(cards.duplicates.replace(/,/g, ''), String(dupes));
  assert.match(await w.page.textContent('#source-line'), /big\.csv.*read as it streams from the disk, on every core, once/);
  const m = await messages(w.page);
  assert.ok(m.some((x) => x.code === 'stream_mode'), JSON.stringify(m.map((x) => x.code)));
  // The stream module came with it; the file itself was never fetched or copied.
  assert.ok(w.requests.some((r) => r.url.endsWith('/pkg/stream/gapscope_stream_bg.wasm')));
  // Every core read a part: one worker besides the engine's on these two.
  const cores = await w.page.evaluate(() => navigator.hardwareConcurrency);
  assert.equal(started.filter((u) => u.endsWith('/core/stream-part.js')).length, Math.min(cores, 8) - 1);
  // Leaving the duplicates out reads the file twice: the second reading says
  // so, and analyses the rows kept, the first occurrence of each answer set.
  const second = w.page.waitForFunction(() => /^Second reading/.test(document.getElementById('stream-text')?.textContent ?? ''), null, { timeout: 240_000 });
  assert.equal(await rerun(w.page, () => w.page.check('#exclude-duplicates'), 480_000), 'ready');
  await second;
  const kept = await w.page.evaluate(() => window.gapscope.report);
  assert.equal(kept.respondents.total, blocks * ROWS_PER_BLOCK);
  assert.equal(kept.respondents.analysed, patterns.size);
  assert.deepEqual(kept.respondents.excluded.map((x) => [x.code, x.count]), [['duplicate', dupes]]);
  assert.equal(kept.quality.excluded.count, dupes);
  assert.ok(!(await messages(w.page)).some((x) => x.code === 'stream_exclusions_not_applied'));
  assert.deepEqual(w.problems(), []);
});

test('Stop reading ends the stream, says so, and the page keeps working', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'zh-CN' } });
  await openBig(w.page, 520);
  await w.page.waitForSelector('#stream-progress:not([hidden])', { timeout: 60_000 });
  await w.page.click('#stream-cancel');
  assert.match(await messageWith(w.page, 'msg.streamStopped'), /停止读取/);
  assert.ok(await w.page.isHidden('#stream-progress'));
  assert.equal(await pasteText(w.page, SMALL_CSV), 'ready');
  assert.ok(near((await overall(w.page)).servqual, SMALL.servqual));
  assert.deepEqual(w.problems(), []);
});

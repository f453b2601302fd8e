// Which files the page streams (www/input/files.js, core/worker.js): a UTF-8
// text file from 32 MB is read as a stream on every core, with the numbers
// the engine gives for the whole file in memory; a file in another encoding
// is held and decoded by the engine; waves made from submission dates are
// the same streamed as held.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, currentRun, waitForRun, messages, near } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

/**
 * Put a File of `rows` respondents (id, E1..E22, P1..P22) into the file input;
 * `gbk`: its header is 编号 in GB18030 instead of "id", so it is not UTF-8.
 * The bytes stay in window.__bytes for the in-memory reference.
 */
async function openGenerated(page, rows, gbk = false) {
  return page.evaluate(
    ({ rows, gbk }) => {
      const items = [...Array.from({ length: 22 }, (_, k) => 'E' + (k + 1)), ...Array.from({ length: 22 }, (_, k) => 'P' + (k + 1))];
      const enc = new TextEncoder();
      const parts = [gbk ? new Uint8Array([0xb1, 0xe0, 0xba, 0xc5]) : enc.encode('id'), enc.encode(',' + items.join(',') + '\n')];
      let h = 12345;
      for (let r0 = 0; r0 < rows; r0 += 10000) {
        const lines = [];
        for (let r = r0; r < Math.min(rows, r0 + 10000); r++) {
          const c = [r + 1];
          for (let k = 0; k < 44; k++) {
            h = (h * 1103515245 + 12345) >>> 0;
            c.push(1 + ((h >>> 16) % 7));
          }
          lines.push(c.join(','));
        }
        parts.push(enc.encode(lines.join('\n') + '\n'));
      }
      const file = new File(parts, gbk ? 'gbk.csv' : 'utf8.csv', { type: 'text/csv' });
      window.__file = file;
      const dt = new DataTransfer();
      dt.items.add(file);
      const input = document.getElementById('file-input');
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return file.size;
    },
    { rows, gbk },
  );
}

/** The engine's report of the same bytes in memory, on the page's thread. */
async function inMemory(page) {
  return page.evaluate(async () => {
    const m = await import('./pkg/gapscope.js');
    await m.default();
    const e = new m.Evaluator();
    const r = e.analyze(new Uint8Array(await window.__file.arrayBuffer()));
    e.free();
    return { dimensions: r.dimensions.map((d) => [d.id, d.gap?.mean ?? null]), analysed: r.respondents.analysed, alpha: r.reliability?.scales?.map((s) => s.alpha) };
  });
}

test('a 40 MB UTF-8 file is read as a stream on every core, with the numbers of the whole file in memory', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const started = [];
  w.page.on('worker', (worker) => started.push(worker.url()));
  const before = await currentRun(w.page);
  const size = await openGenerated(w.page, 420_000);
  assert.ok(size >= 32 * 1024 * 1024 && size < 200 * 1024 * 1024, String(size));
  assert.equal(await waitForRun(w.page, before, 120_000), 'ready');
  assert.match(await w.page.textContent('#source-line'), /utf8\.csv.*read as it streams from the disk, on every core/);
  const cores = await w.page.evaluate(() => navigator.hardwareConcurrency);
  assert.equal(started.filter((u) => u.endsWith('/core/stream-part.js')).length, Math.min(cores, 8, 2) - 1);
  const report = await w.page.evaluate(() => window.gapscope.report);
  assert.ok((await messages(w.page)).some((m) => m.code === 'stream_mode'));
  const want = await inMemory(w.page);
  assert.equal(report.respondents.analysed, want.analysed);
  assert.equal(want.analysed, 420_000);
  report.dimensions.forEach((d, i) => {
    assert.equal(d.id, want.dimensions[i][0]);
    assert.ok(near(d.gap.mean, want.dimensions[i][1], 1e-9), `${d.id}: ${d.gap.mean} vs ${want.dimensions[i][1]}`);
  });
  report.reliability.scales.forEach((s, i) => assert.ok(near(s.alpha, want.alpha[i], 1e-9), `${s.alpha} vs ${want.alpha[i]}`));
  assert.deepEqual(w.problems(), []);
  await w.close();
});

test('a 40 MB file in GB18030 is held, and the engine decodes it', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const before = await currentRun(w.page);
  const size = await openGenerated(w.page, 420_000, true);
  assert.ok(size >= 32 * 1024 * 1024, String(size));
  assert.equal(await waitForRun(w.page, before, 120_000), 'ready');
  const report = await w.page.evaluate(() => window.gapscope.report);
  assert.equal(report.input.encoding?.encoding, 'gb18030');
  assert.equal(report.config.columns[0].name, '编号');
  assert.ok(!(await messages(w.page)).some((m) => m.code === 'stream_mode'));
  assert.doesNotMatch(await w.page.textContent('#source-line'), /read as it streams/);
  // Never sent to the stream: its module was not even fetched.
  assert.ok(!w.requests.some((r) => r.url.includes('/pkg/stream/')), JSON.stringify(w.requests.map((r) => r.url).filter((u) => u.includes('pkg'))));
  assert.deepEqual(w.problems(), []);
  await w.close();
});

test('waves from submission dates: a streamed file is grouped by them as the file held is', async () => {
  const w = await env.openHtml('/__routing__.html', '<!doctype html><meta charset="utf-8"><title>routing</title>');
  const out = await w.page.evaluate(async () => {
    const lines = ['id,date,E1,E2,E3,P1,P2,P3'];
    // Slash dates whose order only the last one proves (day first).
    for (let i = 0; i < 60; i++) lines.push([i + 1, `0${1 + (i % 3)}/0${1 + (i % 2)}/2026`, 1 + (i % 7), 1 + ((i * 3) % 7), 1 + ((i * 5) % 7), 1 + ((i * 2) % 7), 1 + ((i * 4) % 7), 1 + ((i * 6) % 7)].join(','));
    lines.push('61,25/03/2026,4,4,5,3,5,6');
    const text = lines.join('\n') + '\n';
    const file = new File([text], 'waves.csv');
    const m = await import('./pkg/gapscope.js');
    await m.default();
    const config = { ...m.Evaluator.detect(text).config, waves: { column: 'date', period: 'month' } };
    const streamed = await new Promise((resolve, reject) => {
      const worker = new Worker('./core/worker.js', { type: 'module' });
      worker.onmessage = ({ data }) => {
        if (data.ready) worker.postMessage({ id: 1, input: { stream: file }, config });
        else if (data.report || data.error) {
          worker.terminate();
          if (data.error) reject(new Error(data.error));
          else resolve(data.report);
        }
      };
    });
    const held = new m.Evaluator(config).analyze(text);
    const groups = (r) => r.comparisons?.groupings?.map((g) => g.groups.map((x) => [x.value, x.n]));
    return { codes: streamed.diagnostics.messages.map((x) => x.code), streamed: groups(streamed), held: groups(held) };
  });
  assert.ok(out.codes.includes('stream_mode'), JSON.stringify(out.codes));
  assert.deepEqual(out.held, [[['2026-01', 30], ['2026-02', 30], ['2026-03', 1]]]);
  assert.deepEqual(out.streamed, out.held);
  assert.deepEqual(w.problems(), []);
  await w.close();
});

test('a 40 MB long-layout file is read held after all, not refused', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const before = await currentRun(w.page);
  const respondents = await w.page.evaluate(() => {
    const enc = new TextEncoder();
    const parts = [enc.encode('respondent,item,type,value\n')];
    let size = 0;
    let r = 0;
    while (size < 40 * 1024 * 1024) {
      const lines = [];
      for (let k = 0; k < 5000; k++) {
        r += 1;
        for (let q = 1; q <= 4; q++) lines.push(`${r},Q${q},E,${4 + ((r + q) % 4)}`, `${r},Q${q},P,${1 + ((r * q) % 7)}`);
      }
      const chunk = enc.encode(lines.join('\n') + '\n');
      size += chunk.length;
      parts.push(chunk);
    }
    const file = new File(parts, 'long.csv', { type: 'text/csv' });
    const dt = new DataTransfer();
    dt.items.add(file);
    const input = document.getElementById('file-input');
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return r;
  });
  assert.equal(await waitForRun(w.page, before, 180_000), 'ready');
  const report = await w.page.evaluate(() => window.gapscope.report);
  assert.equal(report.input.layout, 'long');
  assert.equal(report.respondents.total, respondents);
  const codes = (await messages(w.page)).map((m) => m.code);
  assert.ok(!codes.includes('stream_refused') && !codes.includes('stream_mode'), JSON.stringify(codes));
  assert.match(await w.page.textContent('#source-line'), /long\.csv/);
  assert.doesNotMatch(await w.page.textContent('#source-line'), /read as it streams/);
  assert.deepEqual(w.problems(), []);
  await w.close();
});

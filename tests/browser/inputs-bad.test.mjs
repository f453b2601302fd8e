// Files that cannot be analysed as they are — a corrupt or password-protected
// workbook, a binary file renamed .csv, a 0-byte file, mixed encodings, 10,000
// columns, a workbook over the browser limit — each get a clear message in the
// user's language, and the page keeps working. Neither the workbook reader nor
// the method functions' module is fetched by the first page load.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, pasteText, overall, near, SMALL_CSV, SMALL } from './page-helpers.mjs';
import { fixture, openFixture, shown, messageWith } from './input-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

async function stillWorks(page) {
  assert.equal(await pasteText(page, SMALL_CSV), 'ready');
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));
}

const WORKBOOK_FILES = /workbook-client\.js|workbook-worker\.js|\/pkg\/workbook\//;

test('the first load fetches neither the workbook reader, the methods module nor the templates', async () => {
  const w = await openReady(env, '/');
  const fetched = w.requests.map((r) => new URL(r.url).pathname);
  assert.ok(fetched.includes('/pkg/gapscope_bg.wasm'));
  assert.deepEqual(
    fetched.filter((p) => WORKBOOK_FILES.test(p) || p.startsWith('/pkg/methods/') || p.startsWith('/templates/')),
    [],
  );
  // A text file does not need it either.
  assert.equal(await openFixture(w.page, 'long.csv'), 'ready');
  assert.equal(w.requests.filter((r) => WORKBOOK_FILES.test(r.url)).length, 0);
  // A workbook does.
  assert.equal(await openFixture(w.page, 'bank_title.xlsx'), 'ready');
  assert.ok(w.requests.some((r) => r.url.endsWith('/pkg/workbook/gapscope_workbook_bg.wasm')));
  assert.deepEqual(w.problems(), []);
});

test('corrupt and password-protected workbooks: a message in the page language, the results kept, the page working', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'zh-CN' } });
  const before = await shown(w.page);
  await w.page.setInputFiles('#file-input', fixture('corrupt.xlsx'));
  assert.match(await messageWith(w.page, 'workbook_corrupt'), /corrupt\.xlsx.*无法读取/);
  assert.deepEqual((await shown(w.page)).servqual, before.servqual);
  await w.page.setInputFiles('#file-input', fixture('password.xlsx'));
  assert.match(await messageWith(w.page, 'workbook_encrypted'), /密码/);
  // The earlier file's message is gone: one file, one message.
  assert.equal(await w.page.locator('.message[data-code="workbook_corrupt"]').count(), 0);
  // English after switching language.
  await w.page.click('[data-lang="en"]');
  assert.match(await w.page.textContent('.message[data-code="workbook_encrypted"]'), /password-protected/);
  // And a good workbook opens after them.
  assert.equal(await openFixture(w.page, 'bank_title.xlsx'), 'ready');
  assert.equal((await shown(w.page)).total, 7);
  await stillWorks(w.page);
  assert.deepEqual(w.problems(), []);
});

test('a PNG renamed .csv and a 0-byte file: the engine says what they are', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  assert.equal(await openFixture(w.page, 'image_renamed.csv'), 'error');
  assert.match(await messageWith(w.page, 'not_text'), /PNG/);
  assert.equal(await openFixture(w.page, 'empty.csv'), 'error');
  assert.match(await messageWith(w.page, 'empty_file'), /0 bytes/);
  await w.page.click('[data-lang="zh"]');
  assert.match(await w.page.textContent('.message[data-code="empty_file"]'), /文件为空/);
  await stillWorks(w.page);
  assert.deepEqual(w.problems(), []);
});

test('mixed encodings: analysed line by line, with a warning, and shown readable', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  assert.equal(await openFixture(w.page, 'mixed_encoding.csv'), 'ready');
  assert.match(await messageWith(w.page, 'mixed_encoding'), /UTF-8 up to byte offset \d+, then GB18030/);
  const r = await shown(w.page);
  assert.equal(r.input.encoding.mixed, true);
  // The GB18030 part is shown decoded, not as replacement characters.
  const box = await w.page.inputValue('#data-input');
  assert.doesNotMatch(box, /\uFFFD/);
  assert.match((await w.page.textContent('[data-testid="input-panel"]')), /mixed/);
  assert.deepEqual(w.problems(), []);
});

test('10,000 columns: read, reported, and the page stays responsive', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  const t0 = Date.now();
  const status = await openFixture(w.page, 'wide_10000.csv');
  assert.ok(['ready', 'error'].includes(status));
  assert.ok(Date.now() - t0 < 20_000, `took ${Date.now() - t0} ms`);
  const r = await shown(w.page);
  assert.equal(r.quality.columns.length, 10_000);
  assert.ok(await messageWith(w.page, 'table_very_wide'));
  // The column table shows a page of them, not ten thousand rows.
  const rows = await w.page.$$eval('[data-testid="quality-columns"] tbody tr', (trs) => trs.length);
  assert.ok(rows <= 500, String(rows));
  await stillWorks(w.page);
  assert.deepEqual(w.problems(), []);
});

test('a workbook over the browser limit is refused before it is read, with the limit named', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'en-US' } });
  // 201 MiB made in the page (not sent through the test driver): a zip's first
  // bytes and zeros are enough, the page must refuse it from its size alone.
  // (A text file that large is read as a stream: stream.test.mjs.)
  await w.page.evaluate(() => {
    const bytes = new Uint8Array(201 * 1024 * 1024);
    bytes.set([0x50, 0x4b, 0x03, 0x04]);
    const file = new File([bytes], 'huge.xlsx', { type: 'application/octet-stream' });
    const dt = new DataTransfer();
    dt.items.add(file);
    const input = document.getElementById('file-input');
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  assert.match(await messageWith(w.page, 'file_too_large'), /201 MB.*200 MB/);
  await w.page.click('[data-lang="zh"]');
  assert.match(await w.page.textContent('.message[data-code="file_too_large"]'), /命令行/);
  await stillWorks(w.page);
  assert.deepEqual(w.problems(), []);
});

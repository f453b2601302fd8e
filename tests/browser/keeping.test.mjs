// The user's work is not lost and not mixed up (issue 8, items 17, 20, 21):
// Load demo and templates ask before replacing the user's own data (an in-page
// dialog) and can be undone; Clear says what it keeps and can be undone;
// "Forget everything on this computer" leaves nothing of ours in any store; each
// tab keeps its own work across reloads while a new tab starts from the last
// work; disabled or full storage never breaks the page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup, openReady, analyseText, pasteText, overall, near, currentRun, waitForRun, messages, SMALL_CSV, SMALL } from './page-helpers.mjs';

let env;
before(async () => {
  env = await setup();
});
after(() => env?.close());

const EN = { contextOptions: { locale: 'en-US' } };
const row = (page, column) => page.locator(`[data-testid="structure-table"] tr[data-column="${column}"]`);

async function reload(page) {
  await page.reload();
  await page.waitForSelector('body[data-status="ready"], body[data-status="error"]');
}

async function step(page, action) {
  const before = await currentRun(page);
  await action();
  return waitForRun(page, before);
}

/** Everything of ours the browser holds for this origin. */
async function ourStorage(page) {
  return page.evaluate(async () => {
    const keys = (s) => Object.keys(s).filter((k) => k.startsWith('gapscope'));
    const dbs = (await indexedDB.databases()).map((d) => d.name).filter((n) => n.startsWith('gapscope'));
    const caches_ = (await caches.keys()).filter((n) => n.startsWith('gapscope'));
    return { local: keys(localStorage), session: keys(sessionStorage), dbs, caches: caches_ };
  });
}

test('Load demo asks first (an in-page dialog), Cancel keeps the data, and Undo brings back data, structure and settings', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  let nativeDialogs = 0;
  page.on('dialog', (d) => {
    nativeDialogs += 1;
    d.dismiss();
  });
  await analyseText(page, SMALL_CSV);
  // Settings of the user's own: a structure edit, a scale, typed weights.
  await page.click('#edit-structure');
  await step(page, () => row(page, 'P4').locator('select.role').selectOption('ignore'));
  await page.click('#close-structure');
  await step(page, () => page.selectOption('#scale-preset', '1-10'));
  await step(page, () => page.check('#weighting-direct'));
  await page.fill('#direct-weights input[data-dimension="tangibles"]', '30');
  await step(page, () => page.fill('#direct-weights input[data-dimension="reliability"]', '70').then(() => page.press('#direct-weights input[data-dimension="reliability"]', 'Tab')));
  const mine = await overall(page);
  assert.ok(near(mine.weighted, -1.075), String(mine.weighted));

  // Asked, in the page: not window.confirm.
  await page.click('#load-demo');
  const dialog = page.locator('#replace-dialog[open]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Replace your data with the demo\?/);
  assert.match(await dialog.textContent(), /\d+ characters you typed or pasted/);
  // The safe choice has the focus.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'dialog-cancel');
  await page.click('#replace-dialog [data-testid="dialog-cancel"]');
  await page.locator('#replace-dialog').waitFor({ state: 'detached' });
  assert.equal(await page.inputValue('#data-input'), SMALL_CSV);
  assert.deepEqual(await overall(page), mine);

  // Escape cancels too.
  await page.click('#load-demo');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await page.locator('#replace-dialog').waitFor({ state: 'detached' });
  assert.equal(await page.inputValue('#data-input'), SMALL_CSV);

  // Replaced, then undone.
  await page.click('#load-demo');
  await step(page, () => page.click('#replace-dialog [data-testid="dialog-confirm"]'));
  assert.equal(await page.getAttribute('[data-testid="respondents"]', 'data-total'), '360');
  assert.match(await page.textContent('#undo-bar'), /The demo has replaced your data/);
  await step(page, () => page.click('#undo'));
  assert.equal(await page.inputValue('#data-input'), SMALL_CSV);
  assert.equal(await page.textContent('#structure-mode'), 'Edited by you');
  assert.equal(await page.inputValue('#scale-preset'), '1-10');
  assert.equal(await page.inputValue('#direct-weights input[data-dimension="reliability"]'), '70');
  assert.deepEqual(await overall(page), mine);
  assert.equal(await page.locator('#undo-bar').count(), 0);
  // And it is what a reload brings back.
  await reload(page);
  assert.equal(await page.inputValue('#data-input'), SMALL_CSV);
  assert.deepEqual(await overall(page), mine);

  // The demo itself, or an empty box, is replaced without asking.
  await page.click('#clear');
  await step(page, () => page.click('#load-demo'));
  assert.equal(await page.locator('#replace-dialog').count(), 0);
  assert.equal(await page.getAttribute('#source-line', 'data-kind'), 'demo');
  assert.equal(nativeDialogs, 0);
  assert.deepEqual(w.problems(), []);
});

test('Chinese: the question, the buttons and the Undo bar are translated; a template asks too', async () => {
  const w = await openReady(env, '/', { contextOptions: { locale: 'zh-CN' } });
  const { page } = w;
  await pasteText(page, SMALL_CSV);
  await page.click('#load-demo');
  await page.locator('#replace-dialog[open]').waitFor();
  assert.match(await page.textContent('#replace-dialog h2'), /用示例数据替换您的数据/);
  assert.equal(await page.textContent('#replace-dialog [data-testid="dialog-confirm"]'), '替换为示例数据');
  await step(page, () => page.click('#replace-dialog [data-testid="dialog-confirm"]'));
  assert.match(await page.textContent('#undo-bar'), /示例数据已替换您的数据/);
  assert.equal(await page.textContent('#undo'), '撤销');
  await step(page, () => page.click('#undo'));
  assert.equal(await page.inputValue('#data-input'), SMALL_CSV);

  // "Start from this structure" replaces the data box as well.
  await page.click('#templates-details summary');
  await page.waitForSelector('#template-use');
  await page.click('#template-use');
  await page.locator('#replace-dialog[open]').waitFor();
  assert.match(await page.textContent('#replace-dialog h2'), /从模板“SERVQUAL 22 项量表”开始/);
  await step(page, () => page.click('#replace-dialog [data-testid="dialog-confirm"]'));
  assert.notEqual(await page.inputValue('#data-input'), SMALL_CSV);
  await step(page, () => page.click('#undo'));
  assert.equal(await page.inputValue('#data-input'), SMALL_CSV);
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));
  assert.deepEqual(w.problems(), []);
});

test('Clear empties the data and what depends on it, says what it keeps, and can be undone', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  await page.click('#edit-structure');
  await step(page, () => row(page, 'P4').locator('select.role').selectOption('ignore'));
  await page.click('#close-structure');
  await page.click('#clear');
  assert.equal(await page.inputValue('#data-input'), '');
  const kept = await page.textContent('[data-testid="undo-kept"]');
  assert.match(kept, /Kept in this browser: the survey structure, answer scale, significance level, weights and AHP judgments/);
  assert.match(kept, /Forget everything on this computer/);
  const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem('gapscope.v1.input')));
  assert.deepEqual(stored, { kind: 'text', name: null, text: '' });
  await step(page, () => page.click('#undo'));
  assert.equal(await page.inputValue('#data-input'), SMALL_CSV);
  assert.ok(near((await overall(page)).servqual, SMALL.p4Ignored));
  assert.deepEqual(w.problems(), []);
});

test('the notice says the data stays in this browser and is never uploaded, in both languages', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  const note = page.locator('#data-card [data-testid="storage-note"]');
  assert.match(await note.textContent(), /stays in this browser, on this computer — it is never uploaded/);
  assert.match(await note.textContent(), /Forget everything on this computer/);
  assert.ok(await note.isVisible());
  await page.click('[data-lang="zh"]');
  assert.match(await note.textContent(), /数据只保存在这台电脑的此浏览器中，从不上传/);
  assert.deepEqual(w.problems(), []);
});

test('"Forget everything on this computer" removes every key, database and cache of ours and starts again', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  await analyseText(page, SMALL_CSV);
  await page.click('#edit-structure');
  await step(page, () => row(page, 'P4').locator('select.role').selectOption('ignore'));
  await page.click('#close-structure');
  await step(page, () => page.selectOption('#scale-preset', '1-10'));
  await page.click('[data-lang="zh"]');
  await page.click('[data-lang="en"]');
  // The AHP judgments are stored too (the workspace).
  await step(page, () => page.check('#weighting-ahp'));
  await page.click('#open-weights');
  await page.waitForSelector('#weights-panel:not([hidden]) #ahp-dims');
  await step(page, () => page.selectOption('#ahp-dims-0-1', '3'));
  await page.click('#close-weights');
  // Something a later version might keep, and something that is not ours.
  await page.evaluate(async () => {
    await new Promise((resolve) => {
      const req = indexedDB.open('gapscope-test');
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
    });
    await (await caches.open('gapscope-test')).put('/x', new Response('x'));
    localStorage.setItem('other-app', 'kept');
  });
  const held = await ourStorage(page);
  assert.ok(held.local.includes('gapscope.v1.structure') && held.local.includes('gapscope.v1.weightsWorkspace'), JSON.stringify(held));
  assert.ok(held.session.includes('gapscope.v1.input'), JSON.stringify(held));
  assert.deepEqual([held.dbs, held.caches], [['gapscope-test'], ['gapscope-test']]);

  // Another tab with work of its own: its sessionStorage is forgotten too.
  const other = await w.context.newPage();
  await other.goto(env.baseUrl + '/');
  await other.waitForSelector('body[data-status="ready"]');
  await pasteText(other, SMALL_CSV);
  assert.ok((await ourStorage(other)).session.includes('gapscope.v1.input'));
  const otherReloaded = other.waitForEvent('load');

  await page.click('#forget-all');
  await page.locator('#forget-dialog[open]').waitFor();
  assert.match(await page.textContent('#forget-dialog'), /cannot be undone/);
  const reloaded = page.waitForEvent('load');
  await page.click('#forget-dialog [data-testid="dialog-confirm"]');
  await reloaded;
  await page.waitForSelector('body[data-status="ready"]');
  // The first screen: the demo, the detected structure, the default scale.
  assert.equal(await page.getAttribute('#source-line', 'data-kind'), 'demo');
  assert.equal(await page.textContent('#structure-mode'), 'Detected from the headers');
  assert.equal(await page.inputValue('#scale-preset'), '1-7');
  assert.deepEqual(await ourStorage(page), { local: [], session: [], dbs: [], caches: [] });
  assert.equal(await page.evaluate(() => localStorage.getItem('other-app')), 'kept');
  await otherReloaded;
  await other.waitForSelector('body[data-status="ready"]');
  assert.equal(await other.getAttribute('#source-line', 'data-kind'), 'demo');
  assert.deepEqual(await ourStorage(other), { local: [], session: [], dbs: [], caches: [] });
  await other.close();
  assert.deepEqual(w.problems(), []);
});

test('each tab keeps its own work across reloads; a new tab starts from the last work', async () => {
  const w = await openReady(env, '/', EN);
  const a = w.page;
  const b = await w.context.newPage();
  await b.goto(env.baseUrl + '/');
  await b.waitForSelector('body[data-status="ready"]');
  const other = 'E1,P1\n5,4\n6,6\n7,5\n';
  await pasteText(a, SMALL_CSV);
  await pasteText(b, other);
  await reload(a);
  assert.equal(await a.inputValue('#data-input'), SMALL_CSV, "tab A shows tab B's data");
  assert.ok(near((await overall(a)).servqual, SMALL.servqual));
  await reload(b);
  assert.equal(await b.inputValue('#data-input'), other);
  // A new tab: the most recently saved work (B's), then its own.
  const c = await w.context.newPage();
  await c.goto(env.baseUrl + '/');
  await c.waitForSelector('body[data-status="ready"], body[data-status="error"]');
  assert.equal(await c.inputValue('#data-input'), other);
  await pasteText(a, SMALL_CSV.replace('6,7,5,6,7', '7,7,5,6,7'));
  await reload(c);
  assert.equal(await c.inputValue('#data-input'), other);
  await b.close();
  await c.close();
  assert.deepEqual(w.problems(), []);
});

test('storage disabled: the page works, and says nothing is kept', async () => {
  const w = await env.open(null, EN);
  await w.context.addInitScript(() => {
    const refuse = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Object.defineProperty(window, 'localStorage', { get: refuse, configurable: true });
    Object.defineProperty(window, 'sessionStorage', { get: refuse, configurable: true });
  });
  const { page } = w;
  await page.goto(env.baseUrl + '/');
  await page.waitForSelector('body[data-status="ready"]');
  assert.match(await page.textContent('[data-testid="storage-note"]'), /does not let the page keep anything/);
  assert.equal(await pasteText(page, SMALL_CSV), 'ready');
  assert.ok(near((await overall(page)).servqual, SMALL.servqual));
  assert.ok((await messages(page)).some((m) => m.code === 'msg.storageOff'));
  await step(page, () => page.selectOption('#scale-preset', '1-10'));
  assert.deepEqual(w.problems(), []);
});

test('storage full: said once, and no older copy comes back on reload', async () => {
  const w = await openReady(env, '/', EN);
  const { page } = w;
  await pasteText(page, SMALL_CSV);
  // From now on the browser refuses to store the data (quota).
  await page.evaluate(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (k === 'gapscope.v1.input' && v.length > 200) throw new DOMException('quota', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  const big = SMALL_CSV + '\n' + Array.from({ length: 20 }, () => '5,5,5,5,5,5,5,5,5,5').join('\n');
  await pasteText(page, big);
  const said = (await messages(page)).filter((m) => m.code === 'msg.storageFull');
  assert.equal(said.length, 1, JSON.stringify(said));
  assert.match(said[0].text, /storage is full/);
  const stored = await page.evaluate(() => [sessionStorage.getItem('gapscope.v1.input'), localStorage.getItem('gapscope.v1.input')]);
  assert.deepEqual(stored, [null, null]);
  assert.deepEqual(w.problems(), []);
});

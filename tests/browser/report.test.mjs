// The client report (deliver/, issue 10): the printed PDF is a document, not
// the app (sections, page numbers, running header, no controls), in both
// languages; each download is produced and reads back; the HTML report opens
// from file:// with the network cut and JavaScript off and shows the page's
// figures; the action plan edited in the page is in the report and survives
// a reload.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { setup, openReady } from './page-helpers.mjs';
import { WWW } from './harness.mjs';

let env;
let dir;
before(async () => {
  env = await setup();
  dir = mkdtempSync(path.join(tmpdir(), 'gapscope-report-'));
});
after(() => {
  env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openReport(lang) {
  const w = await openReady(env, '/', { contextOptions: { locale: lang === 'zh' ? 'zh-CN' : 'en-US', acceptDownloads: true } });
  // Offered, not loaded: the first load requests nothing of the document module.
  assert.ok(!w.requests.some((r) => r.url.includes('/pkg/document/')));
  await w.page.click('[data-testid="prepare-report"]');
  await w.page.waitForSelector('#deliver[data-ready="true"]', { timeout: 30_000 });
  return w;
}

async function waitReady(page) {
  await page.waitForSelector('#deliver[data-ready="false"]', { timeout: 2_000 }).catch(() => {});
  await page.waitForSelector('#deliver[data-ready="true"]', { timeout: 30_000 });
}

function pdfText(file) {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function pdfPages(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)[1]);
}

async function download(page, testid) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

// What the app shows on screen and must never be printed in the report.
const CONTROL_TEXT = {
  en: [/\bExclude\b/, /Load demo/, /Hover/, /▶/, /Add a row/, /\bDownload\b/, /Print or save as PDF/, /\bAnalyse\b/, /Refill from/],
  zh: [/“排除”/, /载入示例/, /悬停/, /▶/, /添加一行/, /打印或另存为 PDF/, /按改进建议重新填写/, /加入计划/],
};

for (const lang of ['en', 'zh']) {
  test(`${lang}: the printed page is the report — sections, page numbers, running header, no controls`, async () => {
    const w = await openReport(lang);
    const { page } = w;
    await page.fill('[data-cover="title"]', lang === 'en' ? 'Branch network review' : '网点服务质量评估');
    await page.fill('[data-cover="organisation"]', 'Bank A');
    await waitReady(page);
    const file = path.join(dir, `page-${lang}.pdf`);
    await page.pdf({ path: file, preferCSSPageSize: true });
    const text = pdfText(file);
    const pages = pdfPages(file);
    const heads = lang === 'en'
      ? ['Branch network review', 'Executive summary', 'Method', 'Results', 'Priorities and recommendations', 'Action plan (PDCA)', 'Appendix']
      : ['网点服务质量评估', '摘要', '方法说明', '评估结果', '优先事项与改进建议', '行动计划（PDCA）', '附录'];
    let at = -1;
    for (const h of heads) {
      const i = text.indexOf(h, at + 1);
      assert.ok(i > at, `${h} after the previous section`);
      at = i;
    }
    // A document of some pages, numbered "Page k of N" on each but the cover.
    assert.ok(pages >= 6 && pages <= 40, `pages ${pages}`);
    const numbered = lang === 'en' ? new RegExp(`Page ${pages} of ${pages}`) : new RegExp(`第 ${pages} 页，共 ${pages} 页`);
    assert.match(text, numbered);
    // The running header repeats the title and the organisation.
    const headers = text.split('\f').filter((p) => p.includes('Bank A'));
    assert.ok(headers.length >= pages - 1, `organisation in ${headers.length} of ${pages} page headers`);
    for (const c of CONTROL_TEXT[lang]) assert.ok(!c.test(text), `control text ${c} printed`);
    assert.ok(!/gapscope \d+\.\d+/.test(text), 'the engine version is not printed');
    // The figures are the page's: the SERVQUAL score as the card shows it.
    const servqual = await page.locator('[data-testid="overall-servqual"]').textContent();
    assert.ok(text.includes(servqual.trim()), `SERVQUAL ${servqual} in the PDF`);
    assert.deepEqual(w.problems(), []);
    await w.close();
  });
}

test('every download is produced and reads back; the HTML opens offline from file:// without script', async () => {
  const w = await openReport('en');
  const { page } = w;
  const report = await page.evaluate(() => window.gapscope.report);

  const html = await download(page, 'download-html');
  const md = readFileSync(await download(page, 'download-md'), 'utf8');
  assert.match(md, /^# Service quality report/);
  assert.match(md, /## Priorities and recommendations/);
  const json = JSON.parse(readFileSync(await download(page, 'download-json'), 'utf8'));
  assert.equal(json.report.overall.servqual, report.overall.servqual);
  assert.ok(json.document.priorities.length > 0);

  // CSV: UTF-8 with BOM, the dimension table's gap at full precision.
  await page.selectOption('#dl-csv-table', 'dimensions');
  const csv = readFileSync(await download(page, 'download-csv'), 'utf8');
  assert.equal(csv.charCodeAt(0), 0xfeff);
  const lines = csv.slice(1).trim().split(/\r?\n/);
  assert.equal(lines.length, 1 + report.dimensions.length);
  const header = lines[0].split(',');
  const gapAt = header.indexOf('Gap P − E');
  assert.equal(Number(lines[1].split(',')[gapAt]), report.dimensions[0].gap.mean);

  // XLSX: read back with the workbook module (calamine), README sheet first.
  const xlsx = readFileSync(await download(page, 'download-xlsx'));
  const wb = await import(pathToFileURL(path.join(WWW, 'pkg/workbook/gapscope_workbook.js')).href);
  wb.initSync({ module: readFileSync(path.join(WWW, 'pkg/workbook/gapscope_workbook_bg.wasm')) });
  const sheets = wb.sheets(new Uint8Array(xlsx));
  assert.equal(sheets[0], 'README');
  for (const s of ['dimensions', 'items', 'recommendations', 'plan', 'quality']) assert.ok(sheets.includes(s), s);
  const dims = wb.readSheet(new Uint8Array(xlsx), 'dimensions');
  // A number cell (the reader shows numbers at Excel's 15 significant digits).
  assert.equal(dims.rows[1][4], String(Number(report.dimensions[0].gap.mean.toPrecision(15))));

  // Charts: SVG text and a PNG image of it.
  const svg = readFileSync(await download(page, 'chart-svg-gaps'), 'utf8');
  assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const png = readFileSync(await download(page, 'chart-png-gaps'));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.readUInt32BE(16) >= 1000, `PNG width ${png.readUInt32BE(16)}`);
  assert.deepEqual(w.problems(), []);
  await w.close();

  // The HTML file on its own: file://, network cut, JavaScript off.
  const ctx = await env.browser.newContext({ javaScriptEnabled: false, offline: true });
  const requests = [];
  ctx.on('request', (r) => requests.push(r.url()));
  const p = await ctx.newPage();
  await p.goto(pathToFileURL(html).href);
  const figure = await p.locator('.gs-figure b').first().textContent();
  assert.equal(figure, '\u2212' + Math.abs(report.overall.servqual).toFixed(2));
  const rows = await p.$$eval('table[data-table="dimensions"] tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
  assert.equal(rows.length, report.dimensions.length);
  assert.ok(await p.locator('figure[data-chart="gaps"] svg').count() === 1);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), []);
  await ctx.close();
});

test('the action plan edited in the page is in the report and survives a reload', async () => {
  const w = await openReport('en');
  const { page } = w;
  const rows = await page.locator('[data-testid="plan-table"] tbody tr').count();
  assert.ok(rows >= 3, `prefilled rows ${rows}`);
  await page.fill('[data-row="0"][data-field="owner"]', 'Ms Li (operations)');
  await page.selectOption('[data-row="0"][data-field="status"]', 'do');
  // Move the second row up: it becomes the first.
  const second = await page.inputValue('[data-row="1"][data-field="action"]');
  await page.click('[aria-label="Move row 2 up"]');
  assert.equal(await page.inputValue('[data-row="0"][data-field="action"]'), second);
  await page.click('[data-testid="plan-add"]');
  await page.fill(`[data-row="${rows}"][data-field="action"]`, 'Mystery shopping at <b>all</b> branches');
  await waitReady(page);
  // The Check column compares the waves (the demo has two).
  assert.match(await page.locator('[data-check="1"]').textContent(), /2026H1 → 2026H2/);
  const md = readFileSync(await download(page, 'download-md'), 'utf8');
  assert.ok(md.includes('Ms Li (operations)'), 'owner in the report');
  assert.ok(md.includes('Mystery shopping at &lt;b&gt;all&lt;/b&gt; branches'), 'typed text escaped, not markup');
  assert.ok((await page.locator('#print-report').textContent()).includes('Ms Li (operations)'));

  await page.reload();
  await page.waitForSelector('#deliver[data-ready="true"]', { timeout: 30_000 });
  assert.equal(await page.inputValue('[data-row="1"][data-field="owner"]'), 'Ms Li (operations)');
  assert.equal(await page.inputValue('[data-row="1"][data-field="status"]'), 'do');
  assert.equal(await page.locator('[data-testid="plan-table"] tbody tr').count(), rows + 1);
  assert.match(await page.locator('#print-report').textContent(), /Mystery shopping at <b>all<\/b> branches/);
  assert.deepEqual(w.problems(), []);
  await w.close();
});

test('an intranet catalogue replaces the built-in actions, and a bad one is refused with a reason', async () => {
  const w = await openReport('en');
  const { page } = w;
  const ours = {
    schema: 1,
    name: { en: 'Bank A playbook', zh: '甲银行手册' },
    dimensions: [{ key: 'reliability', label: { en: 'Reliability', zh: '可靠性' }, match: ['reliab'] }],
    actions: [
      { id: 'a-rel', for: ['gap'], dimensions: ['reliability'], gaps: [3], title: { en: 'Bank A: four-eyes check', zh: '甲银行：双人复核' }, action: { en: 'Do it.', zh: '执行。' }, indicator: { en: 'Errors', zh: '差错' }, target: { en: 'Halve', zh: '减半' } },
    ],
  };
  const good = path.join(dir, 'ours.json');
  writeFileSync(good, JSON.stringify(ours));
  await page.setInputFiles('[data-testid="catalogue-file"]', good);
  await page.waitForFunction(() => document.querySelector('.dl-priorities')?.textContent.includes('Bank A: four-eyes check'), null, { timeout: 30_000 });
  assert.ok((await page.locator('#print-report').textContent()).includes('Bank A playbook'));
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, '{"name": 1}');
  await page.setInputFiles('[data-testid="catalogue-file"]', bad);
  await page.waitForFunction(() => /Not a catalogue/.test(document.querySelector('.dl-catalogue-note')?.textContent ?? ''), null, { timeout: 10_000 });
  await page.click('[data-testid="catalogue-builtin"]');
  await page.waitForFunction(() => !document.querySelector('.dl-priorities')?.textContent.includes('Bank A'), null, { timeout: 30_000 });
  assert.deepEqual(w.problems(), []);
  await w.close();
});

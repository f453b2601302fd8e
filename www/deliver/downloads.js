// The downloads of the client report: the standalone HTML file, Markdown, the
// tables as XLSX (written by the workbook module) and CSV, the report JSON,
// each chart as SVG and PNG, and the print button. Each file's part of the
// document is rendered when it is asked for (`render(part)`, panel.js);
// nothing is fetched or sent.

import { h, downloadBlob as save } from '../core/dom.js';

/** A file-name stem from the cover title: letters, digits, CJK, - and _. */
export function stem(title) {
  const s = String(title ?? '').normalize('NFKC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return s || 'gapscope-report';
}

/** PNG bytes of an SVG at twice its size, on white. */
export async function svgToPng(svg) {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function downloadsBlock(doc, { t, title, render }) {
  const name = stem(title);
  const button = (text, testid, fn) => h('button', { type: 'button', 'data-testid': testid, on: { click: fn } }, text);
  const status = h('p', { class: 'dl-status', role: 'status' });
  const xlsx = async () => {
    status.textContent = '';
    try {
      const { writeXlsx } = await import('../core/workbook-client.js');
      const bytes = await writeXlsx(await render('sheets'));
      save(`${name}.xlsx`, new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    } catch (err) {
      status.textContent = t('dl.xlsxFailed', { error: err?.text ?? err?.message ?? String(err) });
    }
  };
  const tables = doc.document.tables;
  const select = h('select', { id: 'dl-csv-table', 'aria-label': t('dl.csvTable') }, tables.map((x) => h('option', { value: x.id }, x.title)));
  const csv = async () => {
    const id = select.value;
    const tables = await render('csv');
    save(`${name}-${id}.csv`, new Blob([tables[id] ?? ''], { type: 'text/csv;charset=utf-8' }));
  };
  /** A file made from one rendered part. */
  const file = (part, ext, type) => async () => save(`${name}.${ext}`, new Blob([await render(part)], { type }));
  const charts = doc.document.charts.map((c) =>
    h('li', { dataset: { chart: c.id } }, c.title, ' ',
      button(t('dl.svg'), `chart-svg-${c.id}`, () => save(`${name}-${c.id}.svg`, new Blob([c.svg], { type: 'image/svg+xml' }))),
      ' ',
      button(t('dl.png'), `chart-png-${c.id}`, async () => save(`${name}-${c.id}.png`, await svgToPng(c.svg))),
    ),
  );
  return h('section', { class: 'dl-downloads', 'aria-labelledby': 'dl-downloads-title' },
    h('h3', { id: 'dl-downloads-title' }, t('dl.downloads')),
    h('div', { class: 'dl-buttons' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'print-report', on: { click: () => window.print() } }, t('dl.print')),
      button(t('dl.html'), 'download-html', file('html', 'html', 'text/html;charset=utf-8')),
      button(t('dl.md'), 'download-md', file('markdown', 'md', 'text/markdown;charset=utf-8')),
      button(t('dl.xlsx'), 'download-xlsx', xlsx),
      button(t('dl.json'), 'download-json', file('json', 'json', 'application/json')),
    ),
    h('div', { class: 'dl-csv' }, h('label', { for: 'dl-csv-table' }, t('dl.csvTable')), ' ', select, ' ', button(t('dl.csv'), 'download-csv', csv)),
    h('p', { class: 'dl-charts-title' }, t('dl.charts')),
    h('ul', { class: 'dl-charts' }, charts),
    status,
  );
}

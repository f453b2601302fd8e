// "Start from a template": the built-in survey structures (src/model/templates.rs,
// served as static JSON from templates/ — nothing is fetched until the card is
// opened). Pick one, download it as an empty questionnaire layout (CSV, or XLSX
// written by the workbook module, loaded on demand) or start from its structure.
//
// templatesCard(ctx) returns the card body; ctx: { t, lang, onUse(template, name {en, zh}), onError(code, text) }

import { h, replaceChildren, downloadBlob } from '../core/dom.js';
import { pick } from '../i18n/index.js';
import { describe, bothLanguages } from '../core/errors.js';

const BASE = new URL('../templates/', import.meta.url);
const cache = new Map();

async function json(name) {
  if (!cache.has(name)) {
    cache.set(
      name,
      fetch(new URL(name, BASE)).then((r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return r.json();
      }),
    );
  }
  try {
    return await cache.get(name);
  } catch (err) {
    cache.delete(name); // try again next time
    throw err;
  }
}

export const listTemplates = () => json('index.json');
export const loadTemplate = (id, lang) => json(`${id}.${lang === 'zh' ? 'zh' : 'en'}.json`);

const download = downloadBlob;

/** UTF-8 with a byte-order mark, so Excel shows Chinese headers. */
export function templateCsv(template) {
  return new Blob(['\uFEFF' + template.csv], { type: 'text/csv;charset=utf-8' });
}

/** XLSX bytes: a data sheet with the header row and the questionnaire sheet. */
export async function templateXlsx(template, lang, t) {
  const { writeXlsx } = await import('../core/workbook-client.js');
  const bytes = await writeXlsx([
    { name: t('tpl.sheetData'), rows: [template.header] },
    { name: t('tpl.sheetQuestionnaire'), rows: template.questionnaire },
  ]);
  return new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** The card body: a closed <details> that loads the list when opened. */
export function templatesCard(ctx) {
  const { t } = ctx;
  const body = h('div', { class: 'tpl-body' }, h('p', { class: 'muted' }, t('tpl.loading')));
  const details = h('details', { class: 'tpl', id: 'templates-details' }, h('summary', {}, t('tpl.open')), body);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    try {
      const list = await listTemplates();
      replaceChildren(body, chooser(list, ctx));
    } catch (err) {
      loaded = false;
      replaceChildren(body, h('p', { class: 'error-text' }, t('tpl.failed', { error: describe(err, 'page', t, ctx.lang) })));
    }
  });
  return details;
}

function chooser(list, ctx) {
  const { t, lang } = ctx;
  const select = h(
    'select',
    { id: 'template-select', 'aria-label': t('tpl.choose') },
    list.map((x) => h('option', { value: x.id }, pick(x.name, lang))),
  );
  const about = h('p', { class: 'hint tpl-about', 'data-testid': 'template-about' });
  const describe = () => {
    const x = list.find((y) => y.id === select.value);
    about.textContent = x ? `${pick(x.description, lang)} ${t('tpl.items', { n: x.items })}` : '';
  };
  select.addEventListener('change', describe);
  describe();

  const busy = (button, fn) => async () => {
    button.disabled = true;
    try {
      await fn();
    } catch (err) {
      const text = err?.text ?? bothLanguages(err, 'page');
      ctx.onError(err?.code ?? text.code ?? 'template_failed', { en: text.en, zh: text.zh });
    } finally {
      button.disabled = false;
    }
  };
  const csv = h('button', { type: 'button', id: 'template-csv' }, t('tpl.csv'));
  const xlsx = h('button', { type: 'button', id: 'template-xlsx' }, t('tpl.xlsx'));
  const use = h('button', { type: 'button', id: 'template-use', class: 'primary' }, t('tpl.use'));
  csv.addEventListener('click', busy(csv, async () => {
    const tpl = await loadTemplate(select.value, lang);
    download(`${tpl.id}-${lang}.csv`, templateCsv(tpl));
  }));
  xlsx.addEventListener('click', busy(xlsx, async () => {
    const tpl = await loadTemplate(select.value, lang);
    download(`${tpl.id}-${lang}.xlsx`, await templateXlsx(tpl, lang, t));
  }));
  use.addEventListener('click', busy(use, async () => ctx.onUse(await loadTemplate(select.value, lang), list.find((y) => y.id === select.value)?.name)));
  return [h('label', { for: 'template-select', class: 'block-label' }, t('tpl.choose')), select, about, h('div', { class: 'actions' }, use, csv, xlsx)];
}

// The client report (report for the client): the cover fields, the priorities
// with their actions, the PDCA plan editor (plan.js), the downloads
// (downloads.js) and the printed report — the same document the CLI writes
// (`gapscope report`), built by the document module (core/document-client.js)
// from the report and what the user typed here, which is kept with the rest
// of the work (storage key "document").
//
// root: { section, body, print } — the card in <main>, its body, and the
// #print-report container that @media print shows instead of the page.

import { h, replaceChildren } from '../core/dom.js';
import * as store from '../core/storage.js';
import { confirmDialog } from '../core/dialog.js';
import { renderDocument } from '../core/document-client.js';
import { hasResults } from '../results/render.js';
import { planEditor, cleanPlan, emptyRow } from './plan.js';
import { downloadsBlock } from './downloads.js';

const COVER_FIELDS = ['title', 'organisation', 'author', 'date', 'period'];
/** The parts of the document the card and the print container show. */
const VIEW = ['document', 'article', 'css'];
const COVER_LIMIT = 300;
/** A host's catalogue file larger than this is refused (the built-in one is 55 KB). */
const CATALOGUE_LIMIT = 2 * 1024 * 1024;

function loadSettings() {
  const s = store.load('document', null) ?? {};
  const cover = {};
  for (const k of COVER_FIELDS) cover[k] = typeof s.cover?.[k] === 'string' ? s.cover[k].slice(0, COVER_LIMIT) : '';
  // `open`: the user has asked for the report once; from then on it is prepared
  // with every analysis. Until then the module is not loaded (the first load
  // and the page after it request nothing more).
  const catalogue = s.catalogue && typeof s.catalogue === 'object' ? s.catalogue : null;
  return { cover, plan: cleanPlan(s.plan), paper: s.paper === 'letter' ? 'letter' : 'a4', open: s.open === true, catalogue, catalogueName: catalogue ? String(s.catalogueName ?? '') : '' };
}

export function createDeliverPanel({ root: el, state }) {
  const settings = loadSettings();
  let doc = null; // the last rendering: {document, article, html, …}
  let builtFor = null;
  let timer = null;
  let generation = 0;
  let editorRows = null; // what the editor shows (settings.plan, or the prefill)

  const save = () => store.saveSoon('document', settings);
  const inputs = () => ({ lang: state.lang, cover: settings.cover, plan: settings.plan, paper: settings.paper, catalogue: settings.catalogue });

  /** The catalogue in use: the built-in one, or one the user loaded (an intranet's). */
  function catalogueBlock() {
    const { t } = state;
    const file = h('input', { type: 'file', id: 'dl-catalogue', accept: '.json,application/json', 'data-testid': 'catalogue-file' });
    const note = h('span', { class: 'dl-catalogue-note', role: 'status' });
    file.addEventListener('change', async () => {
      const f = file.files?.[0];
      if (!f) return;
      if (f.size > CATALOGUE_LIMIT) {
        note.textContent = t('dl.catalogueTooLarge');
        return;
      }
      try {
        const parsed = JSON.parse(await f.text());
        if (!parsed || !Array.isArray(parsed.actions)) throw new Error(t('dl.catalogueNoActions'));
        settings.catalogue = parsed;
        settings.catalogueName = f.name;
        save();
        builtFor = null;
        build();
      } catch (err) {
        note.textContent = t('dl.catalogueBad', { error: err?.message ?? String(err) });
      }
    });
    const builtin = h('button', { type: 'button', class: 'link-button', 'data-testid': 'catalogue-builtin', on: { click: useBuiltin } }, t('dl.catalogueBuiltin'));
    return h('div', { class: 'dl-catalogue' },
      h('span', {}, t('dl.catalogue'), ': ', settings.catalogue ? settings.catalogueName || t('dl.catalogueOwn') : t('dl.catalogueBuiltinName')),
      ' ', h('label', { for: 'dl-catalogue', class: 'link-button' }, t('dl.catalogueLoad')), file,
      settings.catalogue ? [' · ', builtin] : null,
      ' ', note,
    );
  }

  function useBuiltin() {
    settings.catalogue = null;
    settings.catalogueName = '';
    save();
    builtFor = null;
    build();
  }

  function coverBlock() {
    const { t } = state;
    const fields = COVER_FIELDS.map((k) => {
      const id = `dl-cover-${k}`;
      const input = h('input', { type: 'text', id, maxlength: COVER_LIMIT, autocomplete: 'off', dataset: { cover: k }, placeholder: k === 'title' ? t('dl.cover.titlePlaceholder') : undefined });
      input.value = settings.cover[k];
      input.addEventListener('input', () => {
        settings.cover[k] = input.value;
        save();
        schedule();
      });
      return h('div', { class: 'dl-field' }, h('label', { for: id }, t(`dl.cover.${k}`)), input);
    });
    const paper = h('select', { id: 'dl-paper' }, ['a4', 'letter'].map((p) => h('option', { value: p, selected: settings.paper === p || undefined }, t(`dl.paper.${p}`))));
    paper.addEventListener('change', () => {
      settings.paper = paper.value;
      save();
      schedule();
    });
    fields.push(h('div', { class: 'dl-field' }, h('label', { for: 'dl-paper' }, t('dl.paper')), paper));
    return h('fieldset', { class: 'dl-cover' }, h('legend', {}, t('dl.cover')), fields);
  }

  function addAction(p, a) {
    materialise();
    settings.plan.push({ ...emptyRow(), action: `${a.title} — ${a.action}`, indicator: a.indicator, target: a.target, dimension: p.dimension ?? '' });
    save();
    drawPlan();
    schedule();
  }

  function prioritiesBlock() {
    const { t } = state;
    const d = doc.document;
    const planned = new Set((editorRows ?? []).map((r) => r.action));
    const items = d.priorities.map((p, i) =>
      h('li', { class: 'dl-priority', dataset: { kind: p.kind, rank: String(p.rank) } },
        h('details', { open: i < 3 || undefined },
        h('summary', {}, h('h4', {}, `${p.rank}. ${p.subject}`)),
        h('ul', { class: 'dl-evidence' }, p.evidence.map((e) => h('li', {}, e))),
        p.actions.length ? h('p', { class: 'dl-actions-title' }, t('dl.actions')) : null,
        h('ol', { class: 'dl-actions' }, p.actions.map((a) => {
          const inPlan = planned.has(`${a.title} — ${a.action}`);
          return h('li', { dataset: { action: a.id } },
            h('strong', {}, a.title), ' ', a.action,
            h('div', { class: 'muted' }, `${t('dl.indicator')}: ${a.indicator} · ${t('dl.target')}: ${a.target}`),
            h('button', { type: 'button', class: 'link-button', disabled: inPlan || undefined, on: { click: () => addAction(p, a) } }, inPlan ? t('dl.inPlan') : t('dl.addToPlan')),
          );
        })),
        ),
      ),
    );
    return h('section', { class: 'dl-priorities', 'aria-labelledby': 'dl-priorities-title' },
      h('h3', { id: 'dl-priorities-title' }, t('dl.priorities')),
      items.length ? h('ol', { class: 'dl-priority-list' }, items) : h('p', {}, t('dl.noPriorities')),
    );
  }

  /** The edited plan becomes the user's own on the first change. */
  function materialise() {
    if (!settings.plan) settings.plan = cleanPlan(editorRows ?? []) ?? [];
    editorRows = settings.plan;
  }

  function checks() {
    const table = doc?.document.tables.find((x) => x.id === 'plan');
    return (table?.rows ?? []).map((r) => (typeof r[8] === 'string' ? r[8] : ''));
  }

  const planHost = h('div', { class: 'dl-plan-host' });
  function drawPlan() {
    const { t } = state;
    const rows = editorRows ?? [];
    const editor = planEditor(rows, {
      t,
      checks: checks(),
      onChange: (edited, { structural }) => {
        // The editor's own rows become the user's plan (the prefill was a copy).
        settings.plan = edited;
        editorRows = edited;
        save();
        if (structural) drawPlan();
        schedule();
      },
    });
    const c = doc?.document.check;
    replaceChildren(planHost,
      h('p', { class: 'hint' }, t('dl.planHint'), ' ', c ? t('dl.planCheck', { latest: c.latest_wave, baseline: c.baseline_wave, column: c.column }) : t('dl.planNoCheck')),
      editor,
      h('div', { class: 'dl-plan-buttons' },
        h('button', { type: 'button', 'data-testid': 'plan-add', on: { click: () => {
          materialise();
          settings.plan.push(emptyRow());
          save();
          drawPlan();
          schedule();
        } } }, t('dl.addRow')),
        h('button', { type: 'button', 'data-testid': 'plan-reset', disabled: settings.plan ? undefined : true, on: { click: resetPlan } }, t('dl.resetPlan')),
      ),
    );
  }

  async function resetPlan() {
    const { t } = state;
    const yes = await confirmDialog({ title: t('dl.resetPlan'), body: [t('dl.resetConfirm')], confirm: t('dl.resetPlan'), cancel: t('keep.cancel'), id: 'plan-reset-dialog' });
    if (!yes) return;
    settings.plan = null;
    save();
    editorRows = null;
    builtFor = null;
    build();
  }

  function updateChecks() {
    const cs = checks();
    for (const td of planHost.querySelectorAll('[data-check]')) td.textContent = cs[Number(td.dataset.check)] || '—';
  }

  /** The article the print stylesheet shows instead of the page, with its own
   * stylesheet adopted (the page's CSP allows no inline <style>). */
  let sheet = null;
  function fillPrint() {
    if (typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      }
      sheet.replaceSync(doc.css);
    }
    const parsed = new DOMParser().parseFromString(doc.article, 'text/html');
    const article = parsed.body.firstElementChild;
    replaceChildren(el.print, article ? document.importNode(article, true) : null);
    el.print.setAttribute('lang', state.lang === 'zh' ? 'zh-CN' : 'en');
    document.body.classList.toggle('has-print-report', Boolean(article));
  }

  function drawAll() {
    const { t } = state;
    replaceChildren(el.body,
      h('p', { class: 'hint' }, t('dl.hint')),
      coverBlock(),
      prioritiesBlock(),
      catalogueBlock(),
      h('section', { class: 'dl-plan', 'aria-labelledby': 'dl-plan-title' }, h('h3', { id: 'dl-plan-title' }, t('dl.plan')), planHost),
      downloadsBlock(doc, { t, title: settings.cover.title, render: filePart }),
    );
    drawPlan();
  }

  async function build() {
    const report = state.report;
    if (!report || !hasResults(report)) return;
    const my = ++generation;
    const key = { report, lang: state.lang };
    try {
      // The view only; each file is made when it is downloaded (downloads.js).
      const out = await renderDocument(report, inputs(), VIEW);
      if (my !== generation) return;
      const fresh = !builtFor || builtFor.report !== key.report || builtFor.lang !== key.lang;
      doc = out;
      builtFor = key;
      editorRows = settings.plan ?? cleanPlan(doc.document.plan);
      fillPrint();
      if (fresh || !el.body.querySelector('.dl-cover')) drawAll();
      else {
        // Typing: only what depends on the typed text, never the field being typed in.
        updateChecks();
        const dls = el.body.querySelector('.dl-downloads');
        dls?.replaceWith(downloadsBlock(doc, { t: state.t, title: settings.cover.title, render: filePart }));
        el.body.querySelector('.dl-priorities')?.replaceWith(prioritiesBlock());
      }
      el.section.dataset.ready = 'true';
    } catch (err) {
      if (my !== generation) return;
      replaceChildren(el.body,
        h('p', { class: 'error-text', role: 'alert' }, state.t('dl.failed', { error: err?.message ?? String(err) })),
        settings.catalogue ? h('button', { type: 'button', on: { click: useBuiltin } }, state.t('dl.catalogueBuiltin')) : null,
      );
    }
  }

  /** One part of the document for a download, from the settings as they are now. */
  async function filePart(part) {
    return (await renderDocument(state.report, inputs(), [part]))[part];
  }

  function schedule() {
    clearTimeout(timer);
    el.section.dataset.ready = 'false';
    timer = setTimeout(build, 200);
  }

  function render(report) {
    const show = Boolean(report && hasResults(report));
    el.section.hidden = !show;
    if (!show) {
      document.body.classList.remove('has-print-report');
      replaceChildren(el.print);
      sheet?.replaceSync('');
      return;
    }
    const title = el.section.querySelector('h2');
    if (title) title.textContent = state.t('dl.title');
    if (!settings.open) {
      replaceChildren(el.body,
        h('p', { class: 'hint' }, state.t('dl.offer')),
        h('button', { type: 'button', class: 'primary', 'data-testid': 'prepare-report', on: { click: () => {
          settings.open = true;
          save();
          render(state.report);
        } } }, state.t('dl.prepare')),
      );
      return;
    }
    if (builtFor && builtFor.report === report && builtFor.lang === state.lang) return;
    if (!doc) replaceChildren(el.body, h('p', { class: 'muted' }, state.t('dl.loading')));
    clearTimeout(timer);
    el.section.dataset.ready = 'false';
    build();
  }

  return { render };
}

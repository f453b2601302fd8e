// Building blocks shared by the optional analysis sections (analyses/*.js):
// section cards, tables whose missing numbers carry their reason, jargon with a
// hover explanation, small inline bars. Pure functions returning nodes; every
// text from the data goes in as text (core/dom.js), never as markup.

import { h, s } from '../core/dom.js';
import { fixed, pValue } from '../core/format.js';
import { pick } from '../i18n/index.js';

export const DASH = '—';

/** The reason of an engine `undefined` ({code, message}) in the current language, or ''. */
export function why(undef, lang) {
  return undef?.message ? pick(undef.message, lang) : '';
}

/** Ids for headings and anchors, unique per page or element. */
export function sectionId(ctx, key) {
  return `${ctx.idPrefix || 'gs'}-sec-${key}`;
}

/**
 * An analysis section: a card with its heading, a one-line lead, then the body.
 * `key` names it for the navigation and for tests (data-section).
 */
export function section(ctx, key, title, lead, ...body) {
  const id = sectionId(ctx, key);
  return h(
    'section',
    { class: 'analysis-section', id, 'data-section': key, 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h` }, title),
    lead ? h('p', { class: 'section-lead muted' }, lead) : null,
    ...body,
  );
}

/** A statistics term with its explanation on hover (and for screen readers). */
export function term(text, explanation) {
  return h('abbr', { class: 'term', title: explanation }, text);
}

/** A numeric cell, or a dash whose title says why the number is missing. */
export function num(text, reason, extraClass) {
  if (text === null || text === undefined || text === '') {
    return h('td', { class: extraClass ? `num undef ${extraClass}` : 'num undef', title: reason || null }, DASH);
  }
  return h('td', { class: extraClass ? `num ${extraClass}` : 'num' }, text);
}

/**
 * A header row from [label, title?, class?] triples; titles explain jargon on hover.
 */
export function headRow(cols) {
  return h(
    'tr',
    {},
    cols.map(([label, title, cls]) => h('th', { scope: 'col', class: [cls, title ? 'has-title' : null].filter(Boolean).join(' ') || null, title: title || null }, label)),
  );
}

/** A results table in its scrolling wrapper. */
export function table({ testid, caption, head, rows, cls, foot }) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: cls ? `results-table ${cls}` : 'results-table', 'data-testid': testid || null },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', {}, head),
      h('tbody', {}, rows),
      foot ? h('tfoot', {}, foot) : null,
    ),
  );
}

/** A box saying why a whole analysis has no numbers. */
export function undefinedBox(text, testid) {
  return h('p', { class: 'undefined-box', 'data-testid': testid || null }, text);
}

/** Engine notes ({en, zh} texts) as a list, or null. */
export function notes(list, lang, cls = 'section-notes') {
  const texts = (list || []).map((n) => pick(n, lang)).filter(Boolean);
  return texts.length ? h('ul', { class: cls }, texts.map((x) => h('li', {}, x))) : null;
}

/** "label — reason" notes collected while building a table (as in results/render.js). */
export function reasonNotes(pairs, t) {
  if (!pairs.length) return null;
  return h(
    'div',
    { class: 'table-notes' },
    h('strong', {}, t('undefined.notes')),
    h('ul', {}, pairs.map(([label, reason]) => h('li', {}, h('span', { class: 'note-label' }, label), ' — ', reason))),
  );
}

/**
 * A small horizontal bar for a share in 0–1 (relative importance and the like).
 * SVG with class "chart" like every chart of the page.
 */
export function shareBar(share, { width = 90, color = '#0072B2', label } = {}) {
  const w = Number.isFinite(share) ? Math.max(0, Math.min(1, share)) * width : 0;
  return s(
    'svg',
    { class: 'chart mini-bar', viewBox: `0 0 ${width} 10`, width, height: 10, 'aria-hidden': 'true', focusable: 'false' },
    s('rect', { x: 0, y: 1, width, height: 8, rx: 2, fill: '#EEF0F3' }),
    s('rect', { x: 0, y: 1, width: w, height: 8, rx: 2, fill: color }),
    label ? s('title', { text: label }) : null,
  );
}

/** A correlation-like value in −1..1 as a bar from the centre. */
export function signedBar(value, { width = 90 } = {}) {
  const mid = width / 2;
  const v = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  const x = v < 0 ? mid + v * mid : mid;
  return s(
    'svg',
    { class: 'chart mini-bar', viewBox: `0 0 ${width} 10`, width, height: 10, 'aria-hidden': 'true', focusable: 'false' },
    s('rect', { x: 0, y: 1, width, height: 8, rx: 2, fill: '#EEF0F3' }),
    s('rect', { x, y: 1, width: Math.abs(v) * mid, height: 8, fill: v < 0 ? '#D55E00' : '#0072B2' }),
    s('line', { x1: mid, x2: mid, y1: 0, y2: 10, stroke: '#7F7F7F', 'stroke-width': 1 }),
  );
}

/** Three decimals (α, r, β …). */
export const f3 = (x) => fixed(x, 3);

/** "p = 0.012" or "p < 0.001". */
export function pText(p) {
  const v = pValue(p);
  if (v === null) return 'p = —';
  return v.startsWith('<') ? `p < ${v.slice(1)}` : `p = ${v}`;
}

/** Degrees of freedom: whole numbers as such, Welch's fractional df with one decimal. */
export function dfText(df) {
  if (df === null || df === undefined || !Number.isFinite(df)) return null;
  return Number.isInteger(df) ? String(df) : fixed(df, 1);
}

/**
 * A labelled <select> for an analysis option. `onChange(value)` is called with
 * the chosen value; `focusKey` lets the page put the focus back after it
 * re-renders the report.
 */
export function optionSelect({ label, title, value, options, onChange, focusKey, testid }) {
  const select = h(
    'select',
    { 'data-focus-key': focusKey, 'data-testid': testid || null, on: { change: (e) => onChange(e.target.value) } },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
  return h('label', { class: 'option-field', title: title || null }, h('span', {}, label), select);
}

/** A row of option controls, or null when the host offers no way to change options. */
export function optionsBar(ctx, ...fields) {
  if (typeof ctx.onOption !== 'function') return null;
  return h('div', { class: 'options-bar' }, fields.filter(Boolean));
}

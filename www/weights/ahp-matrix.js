// A pairwise comparison matrix editor for AHP (Saaty's 1–9 scale). The user picks
// each judgment of the upper triangle — how many times more important the row
// element is than the column element — from 9, 8, …, 2, 1, 1/2, …, 1/9; the
// lower triangle shows the reciprocal. Native <select>s, so Tab, the arrow keys
// and screen readers work without custom key handling; a live line under the
// matrix reads the focused judgment out in words.

import { h } from '../core/dom.js';

/** The Saaty scale as offered, strongest preference for the row element first. */
export const SCALE = [9, 8, 7, 6, 5, 4, 3, 2, 1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9];

const near = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** A judgment as a person writes it: "3", "1/3", or three decimals for anything else. */
export function judgmentText(x) {
  if (!Number.isFinite(x) || x <= 0) return String(x);
  if (near(x, Math.round(x))) return String(Math.round(x));
  if (near(1 / x, Math.round(1 / x))) return `1/${Math.round(1 / x)}`;
  return x.toFixed(3);
}

/** The scale value equal to x, if any (so 0.3333333333 selects 1/3). */
function onScale(x) {
  return SCALE.find((s) => near(s, x));
}

/** An n×n matrix of ones (every pair equally important). */
export function identity(n) {
  return Array.from({ length: n }, () => Array.from({ length: n }, () => 1));
}

/** The judgment in words, for the live reading and the suggestion. */
export function reading(a, b, x, t) {
  if (!(x > 0)) return '';
  const [hi, lo, v] = x >= 1 ? [a, b, x] : [b, a, 1 / x];
  const value = judgmentText(x);
  if (near(v, 1)) return t('ahp.reading.equal', { a, b });
  const s = onScale(v);
  if (s === undefined) return t('ahp.reading.custom', { a: hi, b: lo, times: judgmentText(v), value });
  return t('ahp.reading.more', { a: hi, b: lo, degree: t(`ahp.degree.${Math.round(s)}`), value });
}

/**
 * @param {object} o
 * @param {string[]} o.labels   element names (rows and columns)
 * @param {number[][]} o.matrix full reciprocal matrix; only the upper triangle is read
 * @param {string} o.id         unique prefix for element ids
 * @param {string} o.caption    table caption (visible)
 * @param {Function} o.t        translator
 * @param {(i: number, j: number, value: number) => void} o.onChange
 * @returns {{el: HTMLElement, set(matrix): void, focus(i, j): void}}
 */
export function pairwiseMatrix({ labels, matrix, id, caption, t, onChange }) {
  const n = labels.length;
  const selects = new Map();
  const mirrors = new Map();
  const live = h('p', { class: 'ahp-reading', 'aria-live': 'polite', id: `${id}-reading` });
  const scaleHint = h('p', { class: 'ahp-scale-hint muted', id: `${id}-scale` }, t('ahp.scaleHint'));

  const say = (i, j) => {
    live.textContent = reading(labels[i], labels[j], Number(selects.get(`${i},${j}`)?.value), t);
  };

  const fill = (select, x) => {
    // A value off the scale (2.5 from a pasted matrix) is kept as its own option
    // rather than snapped to the scale: nothing the user entered is changed.
    const extra = onScale(x) === undefined && Number.isFinite(x) && x > 0;
    select.replaceChildren(
      ...(extra ? [h('option', { value: String(x) }, judgmentText(x))] : []),
      ...SCALE.map((s) => h('option', { value: String(s) }, judgmentText(s))),
    );
    select.value = String(extra ? x : onScale(x) ?? 1);
  };

  const cell = (i, j) => {
    if (i === j) return h('td', { class: 'ahp-diag' }, '1');
    if (i > j) {
      const td = h('td', { class: 'ahp-mirror', title: t('ahp.mirrorTitle', { a: labels[i], b: labels[j] }) });
      mirrors.set(`${i},${j}`, td);
      return td;
    }
    const select = h('select', {
      id: `${id}-${i}-${j}`,
      class: 'ahp-judgment',
      dataset: { row: String(i), col: String(j) },
      'aria-label': t('ahp.pairLabel', { a: labels[i], b: labels[j] }),
      'aria-describedby': `${id}-scale`,
      on: {
        change: () => {
          const x = Number(select.value);
          setMirror(i, j, x);
          select.closest('td').classList.toggle('pref-col', x < 1);
          select.closest('td').classList.toggle('pref-row', x > 1);
          say(i, j);
          onChange(i, j, x);
        },
        focus: () => say(i, j),
      },
    });
    selects.set(`${i},${j}`, select);
    return h('td', { class: 'ahp-cell' }, select);
  };

  const setMirror = (i, j, x) => {
    const m = mirrors.get(`${j},${i}`);
    if (m) m.textContent = judgmentText(1 / x);
  };

  const table = h(
    'table',
    { class: 'ahp-matrix', id },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('td', { class: 'ahp-corner' }), labels.map((l) => h('th', { scope: 'col' }, l)))),
    h(
      'tbody',
      {},
      labels.map((l, i) => h('tr', {}, h('th', { scope: 'row' }, l), Array.from({ length: n }, (_, j) => cell(i, j)))),
    ),
  );

  const set = (m) => {
    for (const [key, select] of selects) {
      const [i, j] = key.split(',').map(Number);
      const x = Number(m?.[i]?.[j]);
      const v = Number.isFinite(x) && x > 0 ? x : 1;
      if (Number(select.value) !== v || !select.options.length) fill(select, v);
      setMirror(i, j, Number(select.value));
      select.closest('td').classList.toggle('pref-col', v < 1);
      select.closest('td').classList.toggle('pref-row', v > 1);
    }
  };
  // Cells exist only once in the table.
  const el = h('div', { class: 'ahp-matrix-wrap' }, h('div', { class: 'table-scroll' }, table), live, scaleHint);
  set(matrix);

  return {
    el,
    set,
    focus(i, j) {
      const s = selects.get(`${Math.min(i, j)},${Math.max(i, j)}`);
      s?.focus();
    },
  };
}

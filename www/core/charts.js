// The two result charts as inline SVG, built element by element (no library, no
// markup strings). Colours are from the Okabe–Ito palette, which stays distinct
// for the common colour-vision deficiencies, and significance is also shown by
// fill strength so a grey-scale print keeps the distinction.

import { s } from './dom.js';
import { fixed, signed, pValue } from './format.js';
import { dimensionLabel, itemLabel } from '../i18n/index.js';

export const COLORS = {
  expectation: '#0072B2', // blue
  perception: '#D55E00', // vermillion
  negative: '#D55E00',
  positive: '#0072B2',
  neutralFill: '#D9D9D9',
  neutralStroke: '#7F7F7F',
  axis: '#4D4D4D',
  grid: '#E3E3E3',
  text: '#1F1F1F',
  muted: '#5C5C5C',
};

const FONT = 12;

/** Rough rendered width of a label: CJK characters are about twice as wide as Latin ones. */
export function textWidth(str, size = FONT) {
  let w = 0;
  for (const ch of str) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? size : size * 0.58;
  return w;
}

export function truncate(str, maxWidth) {
  if (textWidth(str) <= maxWidth) return str;
  let out = '';
  for (const ch of str) {
    if (textWidth(out + ch + '…') > maxWidth) break;
    out += ch;
  }
  return out + '…';
}

/** About `target` evenly spaced round tick values covering [lo, hi]. */
export function niceTicks(lo, hi, target = 6) {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? 10 * mag;
  const out = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

export function decimalsFor(ticks) {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  return step >= 0.999 ? 0 : step >= 0.0999 ? 1 : 2;
}

function tipAttrs(lines) {
  return { 'data-tip': lines.join('\n') };
}

function titled(tag, props, lines, ...children) {
  return s(tag, { ...props, ...tipAttrs(lines) }, s('title', { text: lines.join('\n') }), ...children);
}

function legendEntry(x, y, swatch, label) {
  return s('g', { transform: `translate(${x},${y})` }, swatch, s('text', { x: 16, y: 4, class: 'legend-text', text: label }));
}

/**
 * Lay out legend entries [swatch, label] from x0, wrapping to a new line before
 * maxX. Returns the groups to append and the height they take.
 */
export function legend(entries, x0, maxX) {
  const lineH = 18;
  const groups = [];
  let x = x0;
  let y = 14;
  for (const [swatch, label] of entries) {
    const w = 22 + textWidth(label);
    if (x > x0 && x + w > maxX) {
      x = x0;
      y += lineH;
    }
    groups.push(legendEntry(x, y, swatch, label));
    x += w + 14;
  }
  return { groups, height: y + 16 };
}

export function svgRoot(width, height, titleText, descText, idBase) {
  const titleId = `${idBase}-title`;
  const descId = `${idBase}-desc`;
  return s(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      'font-size': FONT,
      preserveAspectRatio: 'xMinYMin meet',
    },
    s('title', { id: titleId, text: titleText }),
    s('desc', { id: descId, text: descText }),
  );
}

function xAxis(svg, { ticks, x, y0, y1, label, digits, labelX }) {
  const g = s('g', { class: 'axis' });
  for (const v of ticks) {
    const px = x(v);
    g.append(
      s('line', { x1: px, x2: px, y1: y0, y2: y1, stroke: COLORS.grid, 'stroke-width': 1 }),
      s('text', { x: px, y: y1 + 16, 'text-anchor': 'middle', fill: COLORS.muted, text: fixed(v, digits) }),
    );
  }
  g.append(s('line', { x1: x(ticks[0]), x2: x(ticks[ticks.length - 1]), y1: y1, y2: y1, stroke: COLORS.axis }));
  g.append(s('text', { x: labelX, y: y1 + 34, 'text-anchor': 'middle', class: 'axis-label', fill: COLORS.text, text: label }));
  svg.append(g);
}

/**
 * Dumbbell chart: mean E and P per dimension on the answer scale, joined by the gap.
 * A dot chart need not start at zero, so the axis zooms to the data (and says so).
 */
export function dimensionChart(report, ctx) {
  const { t, lang } = ctx;
  const width = Math.max(320, Math.round(ctx.width || 760));
  const config = report.config;
  const scale = config.scale;
  const rows = report.dimensions.filter((d) => d.expectation?.mean != null || d.perception?.mean != null);
  const labels = rows.map((d) => dimensionLabel(config, d.id, lang));
  const labelW = Math.min(Math.max(...labels.map((l) => textWidth(l)), 60) + 14, width * 0.32);
  const valueW = 64;
  const eSw = s('circle', { cx: 5, cy: 0, r: 5, fill: '#fff', stroke: COLORS.expectation, 'stroke-width': 2.5 });
  const pSw = s('circle', { cx: 5, cy: 0, r: 5, fill: COLORS.perception });
  const eLabel = t('chart.expectation');
  const pLabel = t('chart.perception');
  const legendW = 22 + textWidth(eLabel) + 14 + 22 + textWidth(pLabel);
  const leg = legend([[eSw, eLabel], [pSw, pLabel]], Math.max(0, Math.min(labelW, width - valueW - 8 - legendW)), width - valueW - 8);
  const top = leg.height + 8;
  const rowH = 38;
  const plotH = Math.max(rows.length, 1) * rowH;

  const values = rows.flatMap((d) => [d.expectation?.mean, d.perception?.mean]).filter((v) => v != null);
  let lo = values.length ? Math.min(...values) : scale.min;
  let hi = values.length ? Math.max(...values) : scale.max;
  lo = Math.max(scale.min, Math.floor((lo - 0.25) * 2) / 2);
  hi = Math.min(scale.max, Math.ceil((hi + 0.25) * 2) / 2);
  if (!(hi > lo)) [lo, hi] = [scale.min, scale.max];
  // Say so when the axis does not show the whole scale, so nobody reads distances as absolute.
  const partial = lo > scale.min || hi < scale.max ? t('chart.partialAxis', { lo, hi, min: scale.min, max: scale.max }) : null;
  const height = top + plotH + (partial ? 64 : 48);
  const desc = partial ? `${t('dims.chartDesc')} ${partial}` : t('dims.chartDesc');
  const svg = svgRoot(width, height, t('dims.chart'), desc, `${ctx.idPrefix || 'gs'}-dims`);
  const x0 = labelW;
  const x1 = width - valueW - 8;
  const x = (v) => x0 + ((v - lo) / (hi - lo)) * (x1 - x0);
  const ticks = niceTicks(lo, hi, Math.max(3, Math.floor((x1 - x0) / 70)));

  svg.append(...leg.groups, s('text', { x: width - 4, y: 18, 'text-anchor': 'end', class: 'legend-text', fill: COLORS.muted, text: t('col.gap') }));

  xAxis(svg, {
    ticks,
    x,
    y0: top,
    y1: top + plotH,
    digits: decimalsFor(ticks),
    label: t('chart.meanScore', { min: scale.min, max: scale.max }),
    labelX: (x0 + x1) / 2,
  });

  if (partial) {
    svg.append(s('text', { x: (x0 + x1) / 2, y: top + plotH + 52, 'text-anchor': 'middle', class: 'axis-note', fill: COLORS.muted, 'font-size': FONT - 1, text: partial }));
  }

  rows.forEach((d, i) => {
    const cy = top + i * rowH + rowH / 2;
    const e = d.expectation?.mean;
    const p = d.perception?.mean;
    const gap = d.gap?.mean;
    const tip = [
      labels[i],
      `${t('chart.expectation')}: ${fixed(e) ?? '—'}`,
      `${t('chart.perception')}: ${fixed(p) ?? '—'}`,
      `${t('col.gap')}: ${signed(gap) ?? '—'}${d.significant ? ' *' : ''}`,
      `p = ${pValue(d.gap?.p) ?? '—'}`,
    ];
    const g = titled('g', { class: 'row', 'data-dimension': d.id }, tip);
    g.append(s('rect', { x: 0, y: cy - rowH / 2, width, height: rowH, fill: 'transparent', class: 'hit' }));
    g.append(s('text', { x: x0 - 10, y: cy + 4, 'text-anchor': 'end', fill: COLORS.text, class: 'row-label', text: truncate(labels[i], labelW - 14) }));
    if (e != null && p != null) {
      g.append(s('line', { x1: x(e), x2: x(p), y1: cy, y2: cy, stroke: COLORS.neutralStroke, 'stroke-width': 3 }));
    }
    if (e != null) g.append(s('circle', { cx: x(e), cy, r: 6, fill: '#fff', stroke: COLORS.expectation, 'stroke-width': 2.5 }));
    if (p != null) g.append(s('circle', { cx: x(p), cy, r: 6, fill: COLORS.perception }));
    g.append(
      s('text', {
        x: width - 4,
        y: cy + 4,
        'text-anchor': 'end',
        class: d.significant ? 'value sig' : 'value',
        fill: COLORS.text,
        text: (signed(gap) ?? '—') + (d.significant ? ' *' : ''),
      }),
    );
    svg.append(g);
  });
  return svg;
}

/**
 * Item gaps, worst first, as bars from zero with 95% CI whiskers. Significant gaps
 * are drawn solid in the colour of their direction, the others light grey.
 */
export function itemChart(report, ctx) {
  const { t, lang } = ctx;
  const width = Math.max(320, Math.round(ctx.width || 760));
  const config = report.config;
  const alpha = config.alpha ?? 0.05;
  const rows = report.items.filter((it) => it.gap?.mean != null);
  const labels = rows.map((it) => `${itemLabel(config, it.id, lang)} · ${dimensionLabel(config, it.dimension, lang)}`);
  const labelW = Math.min(Math.max(...labels.map((l) => textWidth(l)), 60) + 14, width * 0.36);
  const valueW = 56;
  const sigLabel = t('chart.significant', { alpha });
  const nsLabel = t('chart.notSignificant');
  const ciLabel = t('chart.ci');
  const sigSw = s('rect', { x: 0, y: -5, width: 11, height: 10, fill: COLORS.negative });
  const nsSw = s('rect', { x: 0, y: -5, width: 11, height: 10, fill: COLORS.neutralFill, stroke: COLORS.neutralStroke });
  const ciSw = s('g', {}, s('line', { x1: 0, x2: 11, y1: 0, y2: 0, stroke: COLORS.text, 'stroke-width': 1.5 }), s('line', { x1: 0, x2: 0, y1: -4, y2: 4, stroke: COLORS.text }), s('line', { x1: 11, x2: 11, y1: -4, y2: 4, stroke: COLORS.text }));
  const leg = legend([[sigSw, sigLabel], [nsSw, nsLabel], [ciSw, ciLabel]], Math.min(labelW, 8 + Math.max(0, width - 520)), width - 4);
  const top = leg.height + 8;
  const rowH = 22;
  const plotH = Math.max(rows.length, 1) * rowH;
  const height = top + plotH + 48;
  const svg = svgRoot(width, height, t('items.chart'), t('items.chartDesc'), `${ctx.idPrefix || 'gs'}-items`);

  const ends = rows.flatMap((it) => [it.gap.mean, ...(it.gap.ci95 ?? [])]);
  let lo = Math.min(0, ...ends);
  let hi = Math.max(0, ...ends);
  const pad = (hi - lo || 1) * 0.04;
  lo -= lo < 0 ? pad : 0;
  hi += hi > 0 ? pad : 0;
  if (!(hi > lo)) hi = lo + 1;
  const x0 = labelW;
  const x1 = width - valueW - 8;
  const ticks = niceTicks(lo, hi, Math.max(3, Math.floor((x1 - x0) / 70)));
  lo = Math.min(lo, ticks[0]);
  hi = Math.max(hi, ticks[ticks.length - 1]);
  const x = (v) => x0 + ((v - lo) / (hi - lo)) * (x1 - x0);

  svg.append(...leg.groups);

  xAxis(svg, {
    ticks,
    x,
    y0: top,
    y1: top + plotH,
    digits: decimalsFor(ticks),
    label: t('chart.gapAxis'),
    labelX: (x0 + x1) / 2,
  });

  rows.forEach((it, i) => {
    const cy = top + i * rowH + rowH / 2;
    const m = it.gap.mean;
    const ci = it.gap.ci95;
    const fill = it.significant ? (m < 0 ? COLORS.negative : COLORS.positive) : COLORS.neutralFill;
    const tip = [
      labels[i],
      `${t('col.e')} ${fixed(it.expectation?.mean) ?? '—'} · ${t('col.p')} ${fixed(it.perception?.mean) ?? '—'}`,
      `${t('col.gap')}: ${signed(m) ?? '—'}${it.significant ? ' *' : ''}`,
      `${t('col.ci')}: ${ci ? `[${fixed(ci[0])}, ${fixed(ci[1])}]` : '—'}`,
      `p = ${pValue(it.gap.p) ?? '—'} · n = ${it.gap.n}`,
    ];
    if (it.gap.undefined) tip.push(it.gap.undefined.message?.[lang] ?? '');
    const g = titled('g', { class: it.significant ? 'row sig' : 'row', 'data-item': it.id }, tip);
    g.append(s('rect', { x: 0, y: cy - rowH / 2, width, height: rowH, fill: 'transparent', class: 'hit' }));
    g.append(s('text', { x: x0 - 10, y: cy + 4, 'text-anchor': 'end', fill: COLORS.text, class: 'row-label', text: truncate(labels[i], labelW - 14) }));
    const bx = Math.min(x(0), x(m));
    g.append(
      s('rect', {
        x: bx,
        y: cy - 6,
        width: Math.max(Math.abs(x(m) - x(0)), 1),
        height: 12,
        fill,
        stroke: it.significant ? 'none' : COLORS.neutralStroke,
        'stroke-width': 1,
        class: 'bar',
      }),
    );
    if (ci) {
      const [a, b] = ci.map(x);
      g.append(
        s('line', { x1: a, x2: b, y1: cy, y2: cy, stroke: COLORS.text, 'stroke-width': 1.5, class: 'ci' }),
        s('line', { x1: a, x2: a, y1: cy - 4, y2: cy + 4, stroke: COLORS.text, 'stroke-width': 1.5 }),
        s('line', { x1: b, x2: b, y1: cy - 4, y2: cy + 4, stroke: COLORS.text, 'stroke-width': 1.5 }),
      );
    }
    g.append(
      s('text', {
        x: width - 4,
        y: cy + 4,
        'text-anchor': 'end',
        class: it.significant ? 'value sig' : 'value',
        fill: COLORS.text,
        text: (signed(m) ?? '—') + (it.significant ? ' *' : ''),
      }),
    );
    svg.append(g);
  });
  // Zero line last so it is drawn over the bars.
  svg.append(s('line', { x1: x(0), x2: x(0), y1: top - 4, y2: top + plotH, stroke: COLORS.text, 'stroke-width': 1.5, class: 'zero' }));
  return svg;
}

/**
 * A small tooltip following the pointer over chart rows (the <title> elements give
 * the same text to screen readers and as the native tooltip).
 */
export function attachTooltip(container, tooltip) {
  const show = (e) => {
    const row = e.target.closest?.('[data-tip]');
    if (!row || !container.contains(row)) {
      tooltip.hidden = true;
      return;
    }
    tooltip.textContent = row.getAttribute('data-tip');
    tooltip.hidden = false;
    const pad = 14;
    const rect = tooltip.getBoundingClientRect();
    let left = e.clientX + pad;
    let top = e.clientY + pad;
    if (left + rect.width > window.innerWidth - 4) left = e.clientX - rect.width - pad;
    if (top + rect.height > window.innerHeight - 4) top = e.clientY - rect.height - pad;
    tooltip.style.left = `${Math.max(4, left)}px`;
    tooltip.style.top = `${Math.max(4, top)}px`;
  };
  container.addEventListener('pointermove', show);
  container.addEventListener('pointerleave', () => {
    tooltip.hidden = true;
  });
}

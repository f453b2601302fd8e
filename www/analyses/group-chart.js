// Dimension gaps per group as a dot plot: one line per dimension, one marker per
// group. Groups differ by colour (Okabe–Ito) and by marker shape, so the chart
// still reads in grey-scale print. Only drawn for 2–8 groups; beyond that the
// table says it better.

import { s } from '../core/dom.js';
import { signed } from '../core/format.js';
import { dimensionLabel } from '../i18n/index.js';
import { COLORS, textWidth, truncate, niceTicks, decimalsFor, legend, svgRoot } from '../core/charts.js';

export const GROUP_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#999999'];
const SHAPES = ['circle', 'square', 'diamond', 'triangle', 'circle', 'square', 'diamond', 'triangle'];
export const MAX_CHART_GROUPS = 8;

/** A marker of one of four shapes centred on (cx, cy). */
export function marker(shape, cx, cy, r, fill) {
  const common = { fill, stroke: '#fff', 'stroke-width': 1.2 };
  if (shape === 'square') return s('rect', { x: cx - r * 0.9, y: cy - r * 0.9, width: r * 1.8, height: r * 1.8, ...common });
  if (shape === 'diamond') return s('path', { d: `M${cx} ${cy - r * 1.2}L${cx + r * 1.2} ${cy}L${cx} ${cy + r * 1.2}L${cx - r * 1.2} ${cy}Z`, ...common });
  if (shape === 'triangle') return s('path', { d: `M${cx} ${cy - r * 1.2}L${cx + r * 1.1} ${cy + r * 0.8}L${cx - r * 1.1} ${cy + r * 0.8}Z`, ...common });
  return s('circle', { cx, cy, r, ...common });
}

/** The chart for one grouping (report.comparisons.groupings[]), or null. */
export function groupGapChart(grouping, report, ctx, idBase) {
  const { t, lang } = ctx;
  const groups = grouping.groups.filter((g) => g.dimensions?.some((d) => d.gap?.mean != null));
  if (groups.length < 2 || groups.length > MAX_CHART_GROUPS) return null;
  const dimIds = [];
  for (const g of groups) for (const d of g.dimensions) if (!dimIds.includes(d.dimension)) dimIds.push(d.dimension);
  if (!dimIds.length) return null;

  const width = Math.max(320, Math.round(Math.min(ctx.width || 760, 900)));
  const labels = dimIds.map((id) => dimensionLabel(report.config, id, lang));
  const labelW = Math.min(Math.max(...labels.map((l) => textWidth(l)), 60) + 16, width * 0.3);
  const entries = groups.map((g, i) => [marker(SHAPES[i], 6, 0, 5, GROUP_COLORS[i]), truncate(g.value, 160)]);
  const leg = legend(entries, labelW, width - 8);
  const top = leg.height + 10;
  const rowH = 30;
  const plotH = dimIds.length * rowH;
  const height = top + plotH + 46;
  const svg = svgRoot(width, height, t('cmp.chart', { column: grouping.column }), t('cmp.chartDesc'), idBase);

  const values = groups.flatMap((g) => g.dimensions.map((d) => d.gap?.mean)).filter((v) => v != null);
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  const pad = (hi - lo || 1) * 0.06;
  lo -= pad;
  hi += pad;
  const x0 = labelW;
  const x1 = width - 12;
  const ticks = niceTicks(lo, hi, Math.max(3, Math.floor((x1 - x0) / 80)));
  lo = Math.min(lo, ticks[0]);
  hi = Math.max(hi, ticks[ticks.length - 1]);
  const x = (v) => x0 + ((v - lo) / (hi - lo)) * (x1 - x0);
  const digits = decimalsFor(ticks);

  svg.append(...leg.groups);
  const axis = s('g', { class: 'axis' });
  for (const v of ticks) {
    axis.append(
      s('line', { x1: x(v), x2: x(v), y1: top, y2: top + plotH, stroke: COLORS.grid }),
      s('text', { x: x(v), y: top + plotH + 16, 'text-anchor': 'middle', fill: COLORS.muted, text: signed(v, digits) }),
    );
  }
  axis.append(s('text', { x: (x0 + x1) / 2, y: top + plotH + 36, 'text-anchor': 'middle', class: 'axis-label', fill: COLORS.text, text: t('chart.gapAxis') }));
  svg.append(axis);

  dimIds.forEach((id, r) => {
    const cy = top + r * rowH + rowH / 2;
    const pts = groups.map((g, i) => ({ i, g, v: g.dimensions.find((d) => d.dimension === id)?.gap?.mean ?? null })).filter((p) => p.v != null);
    const tip = [labels[r], ...pts.map((p) => `${p.g.value}: ${signed(p.v)} (n = ${p.g.dimensions.find((d) => d.dimension === id)?.gap?.n ?? 0})`)];
    const row = s('g', { class: 'cmp-row', 'data-dimension': id, 'data-tip': tip.join('\n') }, s('title', { text: tip.join('\n') }));
    row.append(s('rect', { x: 0, y: cy - rowH / 2, width, height: rowH, fill: 'transparent', class: 'hit' }));
    row.append(s('text', { x: x0 - 10, y: cy + 4, 'text-anchor': 'end', fill: COLORS.text, text: truncate(labels[r], labelW - 16) }));
    if (pts.length > 1) {
      const vs = pts.map((p) => p.v);
      row.append(s('line', { x1: x(Math.min(...vs)), x2: x(Math.max(...vs)), y1: cy, y2: cy, stroke: COLORS.neutralStroke, 'stroke-width': 2 }));
    }
    for (const p of pts) row.append(marker(SHAPES[p.i], x(p.v), cy, 5.5, GROUP_COLORS[p.i]));
    svg.append(row);
  });
  svg.append(s('line', { x1: x(0), x2: x(0), y1: top - 4, y2: top + plotH, stroke: COLORS.text, 'stroke-width': 1.5 }));
  return svg;
}

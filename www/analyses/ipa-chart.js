// The importance–performance quadrant chart (METHODS.md §7) as inline SVG built
// element by element: items as dots coloured by dimension, cross-hairs, the
// quadrant names in the corners, and item labels nudged until they do not
// overlap each other, the dots or the corner names (a greedy search over a few
// candidate positions; a leader line joins a label that had to move away).

import { s } from '../core/dom.js';
import { fixed, signed, pValue } from '../core/format.js';
import { dimensionLabel, itemLabel, pick } from '../i18n/index.js';
import { COLORS, textWidth, truncate, niceTicks, decimalsFor, legend, svgRoot } from '../core/charts.js';
import { GROUP_COLORS } from './group-chart.js';

const LABEL_FONT = 11;

// Which corner each quadrant sits in (x = importance to the right, y = performance up).
const CORNERS = {
  possible_overkill: { left: true, top: true },
  keep_up_the_good_work: { left: false, top: true },
  low_priority: { left: true, top: false },
  concentrate_here: { left: false, top: false },
};
const QUADRANT_FILL = {
  concentrate_here: '#FCE9DE',
  keep_up_the_good_work: '#E3F2EC',
  low_priority: '#F3F4F6',
  possible_overkill: '#E8F1F9',
};
const QUADRANT_INK = {
  concentrate_here: '#A33C00',
  keep_up_the_good_work: '#006B4C',
  low_priority: '#555B63',
  possible_overkill: '#1E5A87',
};

/** Digits for importance values: points of 100, a mean rating, or a correlation. */
export function xDigits(kind) {
  return kind === 'allocation' ? 1 : kind === 'derived' ? 3 : 2;
}

/** Performance as shown: a gap with its sign, a perception mean without. */
export function yText(v, performance) {
  return performance === 'gap' ? signed(v) : fixed(v, 2);
}

function domain(values, extra) {
  const all = [...values, ...extra].filter((v) => v != null && Number.isFinite(v));
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const span = hi - lo;
  const pad = span > 0 ? span * 0.08 : Math.max(Math.abs(lo) * 0.1, 0.5);
  lo -= pad;
  hi += pad;
  return [lo, hi];
}

const overlap = (a, b) => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

/**
 * Place labels for dots [{px, py, text}] inside `bounds`, avoiding `obstacles`
 * (boxes {x, y, w, h}) and each other. Returns one box per dot.
 */
export function placeLabels(dots, bounds, obstacles) {
  const placed = [...obstacles];
  const dotBoxes = dots.map((d) => ({ x: d.px - 6, y: d.py - 6, w: 12, h: 12 }));
  const h = LABEL_FONT + 2;
  return dots.map((d, i) => {
    const w = textWidth(d.text, LABEL_FONT) + 3;
    const cands = [
      { x: d.px + 8, y: d.py - h / 2 },
      { x: d.px - 8 - w, y: d.py - h / 2 },
      { x: d.px - w / 2, y: d.py - 8 - h },
      { x: d.px - w / 2, y: d.py + 8 },
    ];
    for (let k = 1; k <= 5; k++) {
      for (const sign of [-1, 1]) {
        cands.push({ x: d.px + 8, y: d.py - h / 2 + sign * k * h }, { x: d.px - 8 - w, y: d.py - h / 2 + sign * k * h });
      }
    }
    let best = null;
    let bestCost = Infinity;
    for (const c of cands) {
      const box = { x: c.x, y: c.y, w, h };
      if (box.x < bounds.x0 || box.x + w > bounds.x1 || box.y < bounds.y0 || box.y + h > bounds.y1) continue;
      let cost = 0;
      for (const o of placed) cost += overlap(box, o);
      dotBoxes.forEach((b, j) => {
        if (j !== i) cost += overlap(box, b);
      });
      if (cost === 0) {
        best = box;
        break;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = box;
      }
    }
    best ??= { x: Math.min(d.px + 8, bounds.x1 - w), y: d.py - h / 2, w, h };
    placed.push(best);
    return best;
  });
}

export function ipaChart(ipa, report, ctx) {
  const { t, lang } = ctx;
  const config = report.config;
  const pts = ipa.points.filter((p) => p.x != null && p.y != null);
  const width = Math.max(320, Math.round(Math.min(ctx.width || 760, 980)));
  const height = Math.round(Math.min(580, Math.max(360, width * 0.62)));
  const dimIds = config.dimensions.map((d) => d.id).filter((id) => pts.some((p) => p.dimension === id));
  for (const p of pts) if (!dimIds.includes(p.dimension)) dimIds.push(p.dimension);
  const colorOf = (id) => GROUP_COLORS[dimIds.indexOf(id) % GROUP_COLORS.length];

  const entries = dimIds.map((id) => [s('circle', { cx: 5, cy: 0, r: 5, fill: colorOf(id) }), dimensionLabel(config, id, lang)]);
  const leg = legend(entries, 62, width - 8);
  const top = leg.height + 10;
  const left = 62;
  const right = width - 16;
  const bottom = height - 50;
  const svg = svgRoot(width, height, t('ipa.chartTitle'), t('ipa.chartDesc'), `${ctx.idPrefix || 'gs'}-ipa`);
  svg.setAttribute('data-importance', ipa.importance ?? '');
  svg.setAttribute('data-performance', ipa.performance ?? '');
  svg.append(...leg.groups);

  const cx = ipa.crosshairs?.x;
  const cy = ipa.crosshairs?.y;
  let [xlo, xhi] = domain(pts.map((p) => p.x), [cx]);
  let [ylo, yhi] = domain(pts.map((p) => p.y), [cy]);
  const xt = niceTicks(xlo, xhi, Math.max(3, Math.floor((right - left) / 90)));
  const yt = niceTicks(ylo, yhi, Math.max(3, Math.floor((bottom - top) / 60)));
  [xlo, xhi] = [Math.min(xlo, xt[0]), Math.max(xhi, xt[xt.length - 1])];
  [ylo, yhi] = [Math.min(ylo, yt[0]), Math.max(yhi, yt[yt.length - 1])];
  const X = (v) => left + ((v - xlo) / (xhi - xlo)) * (right - left);
  const Y = (v) => bottom - ((v - ylo) / (yhi - ylo)) * (bottom - top);
  const xd = decimalsFor(xt);
  const yd = decimalsFor(yt);

  // Quadrant backgrounds.
  const qx = cx != null ? X(cx) : null;
  const qy = cy != null ? Y(cy) : null;
  const names = Object.fromEntries((ipa.quadrants || []).map((q) => [q.id, pick(q.name, lang)]));
  const obstacles = [];
  if (qx != null && qy != null) {
    for (const [id, c] of Object.entries(CORNERS)) {
      const x0 = c.left ? left : qx;
      const x1 = c.left ? qx : right;
      const y0 = c.top ? top : qy;
      const y1 = c.top ? qy : bottom;
      svg.append(s('rect', { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0), fill: QUADRANT_FILL[id], class: 'quadrant', 'data-quadrant': id }));
    }
  }
  // Grid and axes.
  const axis = s('g', { class: 'axis' });
  for (const v of xt) {
    axis.append(
      s('line', { x1: X(v), x2: X(v), y1: top, y2: bottom, stroke: '#FFFFFF', 'stroke-opacity': 0.9 }),
      s('text', { x: X(v), y: bottom + 16, 'text-anchor': 'middle', fill: COLORS.muted, text: fixed(v, xd) }),
    );
  }
  for (const v of yt) {
    axis.append(
      s('line', { x1: left, x2: right, y1: Y(v), y2: Y(v), stroke: '#FFFFFF', 'stroke-opacity': 0.9 }),
      s('text', { x: left - 8, y: Y(v) + 4, 'text-anchor': 'end', fill: COLORS.muted, text: ipa.performance === 'gap' ? signed(v, yd) : fixed(v, yd) }),
    );
  }
  axis.append(s('rect', { x: left, y: top, width: right - left, height: bottom - top, fill: 'none', stroke: COLORS.neutralStroke }));
  axis.append(s('text', { x: (left + right) / 2, y: bottom + 38, 'text-anchor': 'middle', class: 'axis-label', fill: COLORS.text, text: truncate(t(`ipa.xAxis.${ipa.importance ?? 'none'}`), right - left) }));
  axis.append(
    s('text', {
      x: 0,
      y: 0,
      transform: `translate(16 ${(top + bottom) / 2}) rotate(-90)`,
      'text-anchor': 'middle',
      class: 'axis-label',
      fill: COLORS.text,
      text: truncate(t(`ipa.yAxis.${ipa.performance}`), bottom - top),
    }),
  );
  svg.append(axis);

  if (qx != null && qy != null) {
    svg.append(
      s('line', { x1: qx, x2: qx, y1: top, y2: bottom, stroke: COLORS.axis, 'stroke-width': 1.5, 'stroke-dasharray': '6 4', class: 'crosshair' }),
      s('line', { x1: left, x2: right, y1: qy, y2: qy, stroke: COLORS.axis, 'stroke-width': 1.5, 'stroke-dasharray': '6 4', class: 'crosshair' }),
    );
    // Quadrant names in the corners; they are obstacles for the item labels.
    for (const [id, c] of Object.entries(CORNERS)) {
      const text = truncate(names[id] ?? id, (right - left) / 2 - 16);
      const w = textWidth(text) + 4;
      const x = c.left ? left + 8 : right - 8;
      const y = c.top ? top + 16 : bottom - 8;
      svg.append(s('text', { x, y, 'text-anchor': c.left ? 'start' : 'end', class: 'quadrant-name', fill: QUADRANT_INK[id], 'font-weight': 700, 'data-quadrant': id, text }));
      obstacles.push({ x: c.left ? x - 2 : x - w + 2, y: y - 13, w, h: 17 });
    }
    const cross = t(ipa.crosshairs.method === 'midpoint' ? 'ipa.crossMid' : 'ipa.crossMean');
    svg.append(
      s('text', { x: qx + 4, y: bottom - 4 - 18, class: 'crosshair-value', fill: COLORS.muted, 'font-size': 10, text: `${cross} ${fixed(cx, xDigits(ipa.importance))}` }),
      s('text', { x: left + 4, y: qy - 4, class: 'crosshair-value', fill: COLORS.muted, 'font-size': 10, text: `${cross} ${yText(cy, ipa.performance)}` }),
    );
    obstacles.push({ x: qx + 2, y: bottom - 34, w: 90, h: 14 }, { x: left + 2, y: qy - 15, w: 90, h: 14 });
  }

  // Dots, most important "concentrate here" items first so their labels get the best spots.
  const order = [...pts].sort((a, b) => (b.quadrant === 'concentrate_here') - (a.quadrant === 'concentrate_here') || b.x - a.x);
  const dots = order.map((p) => ({ p, px: X(p.x), py: Y(p.y), text: truncate(itemLabel(config, p.item, lang), 110) }));
  const boxes = placeLabels(dots, { x0: left + 2, x1: right - 2, y0: top + 2, y1: bottom - 2 }, obstacles);
  const layer = s('g', { class: 'ipa-points' });
  const labelLayer = s('g', { class: 'ipa-labels' });
  dots.forEach((d, i) => {
    const { p } = d;
    const box = boxes[i];
    const tip = [
      `${itemLabel(config, p.item, lang)} · ${dimensionLabel(config, p.dimension, lang)}`,
      `${t(`ipa.x.${ipa.importance ?? 'none'}`)}: ${fixed(p.x, xDigits(ipa.importance))} (n = ${p.n_x})${p.p_x != null ? `, p = ${pValue(p.p_x)}` : ''}`,
      `${t(`ipa.y.${ipa.performance}`)}: ${yText(p.y, ipa.performance)} (n = ${p.n_y})`,
      p.quadrant ? names[p.quadrant] ?? p.quadrant : '',
    ].filter(Boolean);
    const g = s(
      'g',
      { class: 'ipa-point', 'data-item': p.item, 'data-quadrant': p.quadrant ?? '', 'data-x': p.x, 'data-y': p.y, 'data-tip': tip.join('\n') },
      s('title', { text: tip.join('\n') }),
      s('circle', { cx: d.px, cy: d.py, r: 5.5, fill: colorOf(p.dimension), stroke: '#fff', 'stroke-width': 1.5 }),
      s('circle', { cx: d.px, cy: d.py, r: 11, fill: 'transparent', class: 'hit' }),
    );
    layer.append(g);
    const lx = box.x + 1;
    const ly = box.y + box.h - 3;
    const nearX = Math.max(box.x, Math.min(d.px, box.x + box.w));
    const nearY = Math.max(box.y, Math.min(d.py, box.y + box.h));
    const far = Math.hypot(nearX - d.px, nearY - d.py) > 10;
    const lab = s('g', { class: 'ipa-label', 'data-item': p.item, 'data-tip': tip.join('\n') });
    if (far) lab.append(s('line', { x1: d.px, y1: d.py, x2: nearX, y2: nearY, stroke: COLORS.neutralStroke, 'stroke-width': 0.8 }));
    lab.append(s('text', { x: lx, y: ly, 'font-size': LABEL_FONT, fill: COLORS.text, class: p.quadrant === 'concentrate_here' ? 'ipa-text key' : 'ipa-text', text: d.text }));
    labelLayer.append(lab);
  });
  svg.append(labelLayer, layer);
  return svg;
}

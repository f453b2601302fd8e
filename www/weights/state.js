// The weights workspace's state — AHP matrices (per expert, per dimension's
// items), RI table, "use even if inconsistent", the combined weighting's parts,
// the indicator table tool's text, directions and subjective weights — and the
// pure functions between it and a configuration's `weighting`. Matrices are kept
// with the ids they are ordered by, so new data with other dimensions keeps every
// judgment whose pair still exists (nothing typed is lost by a re-detection).

import { identity } from './ahp-matrix.js';

export const RI_TABLES = ['saaty1980', 'saaty2005', 'donegan_dodd'];
/** The RI tables stop at n = 15 (docs/methods.md). */
export const MAX_AHP = 15;
const OBJECTIVE = new Set(['entropy', 'critic']);
const SUBJECTIVE = new Set(['ahp', 'direct']);

export function emptyState() {
  return {
    v: 1,
    tab: 'ahp',
    ahp: { labels: [], experts: [identity(0)], active: 0, ri: 'saaty1980', accept: false, items: {}, paste: '' },
    combined: { subjective: 'ahp', objective: 'entropy' },
    indicators: { text: '', method: 'entropy', cost: [], subjective: {} },
  };
}

const isMatrix = (m) => Array.isArray(m) && m.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number' && Number.isFinite(x) && x > 0));

/** A stored state, repaired field by field (storage may hold anything). */
export function reviveState(s) {
  const base = emptyState();
  if (!s || typeof s !== 'object') return base;
  const a = s.ahp && typeof s.ahp === 'object' ? s.ahp : {};
  const labels = Array.isArray(a.labels) ? a.labels.map(String) : [];
  const experts = Array.isArray(a.experts) ? a.experts.filter((m) => isMatrix(m) && m.length === labels.length) : [];
  const items = {};
  for (const [id, e] of Object.entries(a.items && typeof a.items === 'object' ? a.items : {})) {
    if (e && Array.isArray(e.labels) && (e.matrix === null || isMatrix(e.matrix))) items[id] = { on: Boolean(e.on), labels: e.labels.map(String), matrix: e.matrix };
  }
  const ind = s.indicators && typeof s.indicators === 'object' ? s.indicators : {};
  const c = s.combined && typeof s.combined === 'object' ? s.combined : {};
  return {
    v: 1,
    tab: ['ahp', 'use', 'table'].includes(s.tab) ? s.tab : base.tab,
    ahp: {
      labels,
      experts: experts.length ? experts : [identity(labels.length)],
      active: Math.min(Math.max(0, Number(a.active) || 0), Math.max(0, experts.length - 1)),
      ri: RI_TABLES.includes(a.ri) ? a.ri : 'saaty1980',
      accept: Boolean(a.accept),
      items,
      paste: typeof a.paste === 'string' ? a.paste : '',
    },
    combined: {
      subjective: SUBJECTIVE.has(c.subjective) ? c.subjective : 'ahp',
      objective: OBJECTIVE.has(c.objective) ? c.objective : 'entropy',
    },
    indicators: {
      text: typeof ind.text === 'string' ? ind.text : '',
      method: OBJECTIVE.has(ind.method) ? ind.method : 'entropy',
      cost: Array.isArray(ind.cost) ? ind.cost.map(String) : [],
      subjective: ind.subjective && typeof ind.subjective === 'object' ? { ...ind.subjective } : {},
    },
  };
}

/** `matrix` (ordered by `from`) re-ordered by `to`; pairs not in `from` start at 1. */
export function remap(matrix, from, to) {
  const at = new Map(from.map((id, i) => [id, i]));
  return to.map((a, i) =>
    to.map((b, j) => {
      if (i === j) return 1;
      const p = at.get(a);
      const q = at.get(b);
      const x = p === undefined || q === undefined ? 1 : matrix?.[p]?.[q];
      return Number.isFinite(x) && x > 0 ? x : 1;
    }),
  );
}

/** Fit the AHP matrices to the dimensions and items of `config` (in place). */
export function fitState(state, config) {
  const a = state.ahp;
  const ids = (config?.dimensions ?? []).map((d) => d.id);
  // More dimensions than AHP can compare: no n × n matrices (n² cells, stored)
  // are made for them; the judgments made for earlier dimensions stay.
  if (ids.length > MAX_AHP) return;
  if (ids.join('\u0000') !== a.labels.join('\u0000')) {
    a.experts = a.experts.map((m) => remap(m, a.labels, ids));
    a.labels = ids;
  }
  // Items grouped once: a structure may have thousands of items and dimensions.
  const byDim = new Map();
  for (const it of config?.items ?? []) {
    if (!byDim.has(it.dimension)) byDim.set(it.dimension, []);
    byDim.get(it.dimension).push(it.id);
  }
  for (const id of ids) {
    const items = byDim.get(id) ?? [];
    const e = a.items[id];
    if (e && items.join('\u0000') !== e.labels.join('\u0000')) {
      a.items[id] = { on: e.on && items.length > 1, labels: items, matrix: e.matrix ? remap(e.matrix, e.labels, items) : null };
    }
    if (a.items[id]?.on && !a.items[id].matrix) a.items[id].matrix = identity(items.length);
  }
  a.active = Math.min(a.active, a.experts.length - 1);
}

/** config.weighting for AHP from the state (item matrices only for dimensions switched on). */
export function ahpWeighting(state) {
  const a = state.ahp;
  const w = { method: 'ahp' };
  if (a.experts.length > 1) w.experts = a.experts.map((m) => m.map((r) => r.slice()));
  else w.matrix = a.experts[0].map((r) => r.slice());
  if (a.ri !== 'saaty1980') w.ri = a.ri;
  const items = {};
  for (const id of a.labels) if (a.items[id]?.on && a.items[id].matrix) items[id] = a.items[id].matrix.map((r) => r.slice());
  if (Object.keys(items).length) w.items = items;
  if (a.accept) w.accept_inconsistent = true;
  return w;
}

/** The typed-in weights as a `direct` weighting over the dimensions. */
export function directWeighting(typed, ids) {
  const weights = {};
  for (const id of ids) {
    const v = Number(typed?.[id]);
    weights[id] = Number.isFinite(v) ? v : 100 / Math.max(ids.length, 1);
  }
  return { method: 'direct', weights };
}

/** The weighting a method stands for, built from the state (and the typed-in weights). */
export function buildWeighting(method, state, typed, ids) {
  if (method === 'ahp') return ahpWeighting(state);
  if (OBJECTIVE.has(method)) return { method };
  if (method === 'combined') {
    const c = state.combined;
    return {
      method: 'combined',
      subjective: c.subjective === 'ahp' ? ahpWeighting(state) : directWeighting(typed, ids),
      objective: { method: c.objective },
    };
  }
  return null;
}

/**
 * Take over a weighting that did not come from the workspace (a loaded
 * survey.json): its matrices, RI table and parts. Returns true if anything changed.
 */
export function importWeighting(state, weighting, config) {
  if (!weighting) return false;
  if (weighting.method === 'combined') {
    const s = weighting.subjective?.method;
    const o = weighting.objective?.method;
    if (SUBJECTIVE.has(s)) state.combined.subjective = s;
    if (OBJECTIVE.has(o)) state.combined.objective = o;
    if (s === 'ahp') importWeighting(state, weighting.subjective, config);
    return true;
  }
  if (weighting.method !== 'ahp') return false;
  const a = state.ahp;
  const ids = (config?.dimensions ?? []).map((d) => d.id);
  const experts = (weighting.experts?.length ? weighting.experts : [weighting.matrix]).filter((m) => isMatrix(m) && m.length === ids.length);
  if (experts.length) {
    a.experts = experts.map((m) => m.map((r) => r.slice()));
    a.labels = ids;
    a.active = 0;
  }
  a.ri = RI_TABLES.includes(weighting.ri) ? weighting.ri : 'saaty1980';
  a.accept = Boolean(weighting.accept_inconsistent);
  for (const [id, m] of Object.entries(weighting.items ?? {})) {
    const items = (config.items ?? []).filter((it) => it.dimension === id).map((it) => it.id);
    if (isMatrix(m) && m.length === items.length) a.items[id] = { on: true, labels: items, matrix: m.map((r) => r.slice()) };
  }
  return true;
}

/** The AHP working in a report: its own details, or the AHP part of combined weights. */
export function ahpDetails(report) {
  const d = report?.overall?.weighting?.details;
  if (d?.kind === 'ahp') return d;
  if (d?.kind === 'combined' && d.subjective?.details?.kind === 'ahp') return d.subjective.details;
  return null;
}

/** The request for the engine's `ahp` function. */
export function ahpRequest(matrices, labels, ri) {
  return { matrices, labels, ri };
}

/** A matrix as pasteable text (tab-separated, names in the first row and column). */
export function matrixText(labels, matrix) {
  const cell = (x) => {
    if (Math.abs(x - Math.round(x)) < 1e-9) return String(Math.round(x));
    if (Math.abs(1 / x - Math.round(1 / x)) < 1e-9) return `1/${Math.round(1 / x)}`;
    return String(Number(x.toFixed(6)));
  };
  const clean = (s) => String(s).replace(/[\t\r\n]+/g, ' ');
  return [['', ...labels.map(clean)].join('\t'), ...matrix.map((r, i) => [clean(labels[i]), ...r.map(cell)].join('\t'))].join('\n');
}
